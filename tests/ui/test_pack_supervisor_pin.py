"""A supervisor's name and PIN at the pack page (issue 17), in the real window with a
played scale: at a weight that did not match, the inline fields appear without taking
the scanner's keyboard; a right PIN accepts that one weight (the packer stays signed
in, the scan field has the keyboard again); a wrong one, an empty one and a packer's
own are refused in words and accept nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app import credentials
from app.db import unit_of_work
from app.models import AuditEvent, Order, OrderStatus, User
from app.packing import Outcome
from tests.serial_cable import PlayedScale, needs_socat
from tests.ui.conftest import BADGE, speaking_chinese
from tests.ui.test_pack_page import scan
from tests.ui.test_pack_scale import weighing
from ui.main_window import MainWindow

pytestmark = needs_socat
__all__ = ["weighing"]  # the scale's tests' window

Weighing = tuple[MainWindow, PlayedScale]


@pytest.fixture
def pins(shop: Engine) -> None:
    with unit_of_work(shop) as s:
        packer = s.scalars(select(User).where(User.role == "packer")).one()
        packer.pin_hash = credentials.hash_pin("1357")
        s.add(
            User(
                name="Sup Wang",
                badge="S-9",
                role="supervisor",
                pin_hash=credentials.hash_pin("2468"),
            )
        )


def _wrong_weight(qtbot: QtBot, win: MainWindow, played: PlayedScale) -> None:
    scan(qtbot, win, BADGE)
    scan(qtbot, win, "A-2")  # one lid: 120 g expected
    scan(qtbot, win, "LID")
    with qtbot.waitSignal(
        win.station.answered,
        timeout=10_000,
        check_params_cb=lambda a: a.verdict.outcome is Outcome.WEIGHT_MISMATCH,
    ):
        played.line = "S S      0.420 kg"  # something else went in too


def _status(shop: Engine) -> OrderStatus:
    with unit_of_work(shop, read_only=True) as s:
        return s.scalars(select(Order.status).where(Order.external_number == "A-2")).one()


def _submit(qtbot: QtBot, win: MainWindow, name: str, pin: str) -> object:
    asked = win.pack_page.supervisor_pin
    asked.name.setText(name)
    asked.pin.setText(pin)
    with qtbot.waitSignal(win.station.override_done, timeout=10_000) as done:
        asked.accept_button.click()
    return done.args[0]


def test_a_supervisors_pin_accepts_the_weight_once_and_the_packer_stays(
    qtbot: QtBot, weighing: Weighing, shop: Engine, pins: None
) -> None:
    win, played = weighing
    page = win.pack_page
    asked = page.supervisor_pin
    assert asked.isHidden()
    page.entry.setFocus()
    _wrong_weight(qtbot, win, played)
    assert not asked.isHidden() and asked.isVisible()
    assert page.entry.hasFocus()  # shown, it took nothing from the scanner
    asked.pin.setFocus()  # as a click gives it
    done = _submit(qtbot, win, "Sup Wang", "2468")
    assert done.verdict.outcome is Outcome.ORDER_COMPLETE
    assert "Sup Wang" in page.banner.detail.text()
    assert _status(shop) is OrderStatus.PACKED
    assert page.packer.text() == "Packer: Packer Li 李"  # not the supervisor
    assert asked.isHidden() and asked.pin.text() == "" and asked.name.text() == ""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.entry)
    with unit_of_work(shop, read_only=True) as s:
        audit = s.scalars(select(AuditEvent).where(AuditEvent.action == "weight.accepted")).one()
        assert audit.details["supervisor"] == "Sup Wang"
    # that one weight only: the next order's parcel waits for its own weight
    scan(qtbot, win, "A-1")
    assert win.station.view is not None and win.station.view.user_name == "Packer Li 李"


def test_a_wrong_an_empty_or_a_packers_pin_is_refused_in_words(
    qtbot: QtBot, weighing: Weighing, shop: Engine, pins: None
) -> None:
    win, played = weighing
    page = win.pack_page
    asked = page.supervisor_pin
    _wrong_weight(qtbot, win, played)

    refused = _submit(qtbot, win, "Sup Wang", "0000")
    assert refused.kind == "wrong"
    assert asked.message.text() == "Wrong name or PIN: nothing accepted."
    assert asked.pin.text() == ""  # never left in the field

    asked.name.setText("Sup Wang")
    asked.accept_button.click()  # no PIN: refused at once, nothing asked
    assert asked.message.text() == "Type the PIN: an empty PIN accepts nothing."
    assert win.station.queue.pending == 0

    refused = _submit(qtbot, win, "Packer Li 李", "1357")  # a right PIN, but a packer's
    assert refused.kind == "role"
    assert asked.message.text() == "Not a supervisor's name and PIN: nothing accepted."

    assert _status(shop) is OrderStatus.PACKING
    assert not asked.isHidden()  # the weight still waits for a supervisor
    assert "WRONG WEIGHT" in page.banner.headline.text()
    assert page.packer.text() == "Packer: Packer Li 李"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.entry)
    with unit_of_work(shop, read_only=True) as s:
        wrong = s.scalars(select(User.failed_pins).where(User.name == "Sup Wang")).one()
    assert wrong == 1  # counted toward the lock-out


def test_the_fields_and_a_refusal_are_said_again_in_chinese(
    qtbot: QtBot, weighing: Weighing, shop: Engine, pins: None
) -> None:
    win, played = weighing
    page = win.pack_page
    asked = page.supervisor_pin
    win.resize(1366, 705)
    _wrong_weight(qtbot, win, played)
    assert _submit(qtbot, win, "Sup Wang", "0000").kind == "wrong"  # type: ignore[attr-defined]
    with speaking_chinese():
        qtbot.waitUntil(lambda: asked.message.text() == "姓名或 PIN 码错误：未接受任何操作。")
        assert asked.accept_button.text() == "接受此重量"
        assert asked.name.placeholderText() == "主管姓名"
        assert page.banner.headline.text() == "重量不符：请检查箱子"  # still the weight's
        scale = win.scan_sources.scale
        assert scale is not None and scale.label.text() == "⚖ 420 克"  # the scale's line
        folder = os.environ.get("PACKDESK_SHOTS")
        if folder:
            qtbot.wait(100)
            win.grab().save(str(Path(folder) / "pack-pin-zh_CN-1366x705.png"))
    qtbot.waitUntil(lambda: asked.message.text() == "Wrong name or PIN: nothing accepted.")
