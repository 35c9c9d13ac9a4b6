"""A counter with a scale (a played MT-SICS scale on a socat pseudo-terminal): the
live reading at the foot of the pack page, and the parcel's weight given to the
station as soon as it asks for it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import Order, OrderStatus, Parcel, Product
from app.packing import Outcome
from app.settings import Settings
from tests.app.packing.conftest import CUP_EAN
from tests.serial_cable import Cable, PlayedScale, needs_socat
from tests.ui.conftest import BADGE
from tests.ui.test_pack_page import scan
from ui.feedback import SoundPlayer
from ui.main_window import MainWindow

pytestmark = needs_socat


@pytest.fixture
def weighing(qtbot: QtBot, shop: Engine, cable: Cable) -> Iterator[tuple[MainWindow, PlayedScale]]:
    with unit_of_work(shop) as s:
        for product in s.scalars(select(Product)):
            product.unit_weight_g = {"CUP-500": 300, "LID": 20}.get(product.sku)
    played = PlayedScale(cable, "S D      0.000 kg")  # an empty scale, settling
    settings = Settings(
        station="counter-5", idle_lock_minutes=0, scale_port=str(cable.device), box_tare_g=100
    )
    win = MainWindow(shop, settings, sounds=SoundPlayer(enabled=False))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win, played
    win.shutdown()
    played.stop()


def test_the_weight_on_the_scale_closes_the_order_once_it_is_asked_for(
    qtbot: QtBot, weighing: tuple[MainWindow, PlayedScale], shop: Engine
) -> None:
    win, played = weighing
    scale = win.scan_sources.scale
    assert scale is not None
    label = scale.label
    qtbot.waitUntil(lambda: "(moving)" in label.text(), timeout=10_000)
    scan(qtbot, win, BADGE)
    scan(qtbot, win, "A-1")
    scan(qtbot, win, CUP_EAN)
    scan(qtbot, win, CUP_EAN)
    played.line = "S S      0.718 kg"  # the box on the scale: 720 g expected
    qtbot.waitUntil(lambda: label.text() == "⚖ 718 g", timeout=10_000)
    answers: list[object] = []
    win.station.answered.connect(lambda a: answers.append(a.verdict.outcome))
    scan(qtbot, win, "LID")  # the last item: the weight at hand is given at once
    qtbot.waitUntil(lambda: Outcome.ORDER_COMPLETE in answers, timeout=10_000)
    assert answers[:2] == [Outcome.WEIGHT_REQUIRED, Outcome.ORDER_COMPLETE]
    played.line = "S D      0.300 kg"  # the parcel lifted off, the next box put on
    time.sleep(0.3)
    played.line = "S S      0.300 kg"
    qtbot.waitUntil(lambda: label.text() == "⚖ 300 g", timeout=10_000)
    qtbot.wait(1500)
    assert answers == [Outcome.WEIGHT_REQUIRED, Outcome.ORDER_COMPLETE]  # nobody asked
    with unit_of_work(shop) as s:
        order = s.scalars(select(Order).where(Order.external_number == "A-1")).one()
        assert order.status == OrderStatus.PACKED
        parcel = s.scalars(select(Parcel).where(Parcel.order_id == order.id)).one()
        assert (parcel.weight_g, parcel.expected_weight_g) == (718, 720)


def test_a_wrong_weight_is_held_until_the_box_settles_on_a_right_one(
    qtbot: QtBot, weighing: tuple[MainWindow, PlayedScale]
) -> None:
    win, played = weighing
    scan(qtbot, win, BADGE)
    scan(qtbot, win, "A-2")  # one lid: 120 g expected
    answers: list[object] = []
    win.station.answered.connect(lambda a: answers.append(a.verdict.outcome))
    scan(qtbot, win, "LID")
    assert answers == [Outcome.WEIGHT_REQUIRED]
    assert "WEIGH THE PARCEL" in win.pack_page.banner.headline.text()
    played.line = "S S      0.420 kg"  # something else went in too
    qtbot.waitUntil(lambda: Outcome.WEIGHT_MISMATCH in answers, timeout=10_000)
    assert "WRONG WEIGHT" in win.pack_page.banner.headline.text()
    assert "300 g too heavy" in win.pack_page.banner.detail.text()
    played.line = "S D      0.300 kg"  # the cup taken out
    time.sleep(0.3)
    played.line = "S S      0.121 kg"
    qtbot.waitUntil(lambda: Outcome.ORDER_COMPLETE in answers, timeout=10_000)


def test_an_unplugged_scale_is_said_on_the_page_and_comes_back(
    qtbot: QtBot, weighing: tuple[MainWindow, PlayedScale], cable: Cable
) -> None:
    win, _played = weighing
    scale = win.scan_sources.scale
    assert scale is not None
    label = scale.label
    qtbot.waitUntil(lambda: "0 g" in label.text(), timeout=10_000)
    cable.unplug()
    qtbot.waitUntil(lambda: "unplugged" in label.text(), timeout=10_000)
    cable.plug()
    qtbot.waitUntil(lambda: "⚖ 0 g" in label.text(), timeout=15_000)


def test_the_scale_is_zeroed_and_tared_from_the_window_without_taking_the_focus(
    qtbot: QtBot, weighing: tuple[MainWindow, PlayedScale]
) -> None:
    from PySide6.QtWidgets import QApplication, QPushButton

    win, played = weighing
    scale = win.scan_sources.scale
    assert scale is not None
    zero = scale.widget.findChild(QPushButton, "scaleZero")
    tare = scale.widget.findChild(QPushButton, "scaleTare")
    assert zero is not None and tare is not None
    focus = QApplication.focusWidget()
    qtbot.mouseClick(zero, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: b"Z\r\n" in played.received, timeout=5_000)
    qtbot.mouseClick(tare, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: b"T\r\n" in played.received, timeout=5_000)
    assert QApplication.focusWidget() is focus  # the next scan still goes where it went
