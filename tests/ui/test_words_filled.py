"""Values that hold a place marker ("%2") stay as they are in the screens' words: the
templates are filled in one pass, so an order numbered "A%2B" is not filled twice."""

from __future__ import annotations

from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from app.devices.serial_lines import PortStatus
from tests.app.board.conftest import Floor, add_order, floor  # noqa: F401 (a fixture)
from ui.board.feed import BoardFeed
from ui.board.page import BoardPage
from ui.feedback import SoundPlayer
from ui.serial_scanner import describe
from ui.workers import TaskQueue

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def page(qtbot: QtBot, floor: Floor) -> Iterator[BoardPage]:  # noqa: F811
    reads = TaskQueue("test-reads", threads=2)
    feed = BoardFeed(floor.engine, interval=0.2, retry_ms=300)
    p = BoardPage(floor.engine, reads, SoundPlayer(enabled=False), TZ, feed=feed)
    qtbot.addWidget(p)
    yield p
    p.shutdown()
    reads.close()


def test_an_order_number_holding_a_place_marker_is_shown_as_it_is(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    page: BoardPage,
) -> None:
    oid = add_order(floor.engine, "A%2B", {"CUP": 1}, carrier="SF%2")
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: page.feed.refreshes >= 1, timeout=10_000)
    detail = page.detail
    page.scan("A%2B")
    qtbot.waitUntil(lambda: detail.view is not None and detail.view.card.id == oid, timeout=5000)
    # "Carrier: %1 · Ship by: %2 · ...": the carrier's "%2" is not the ship-by time
    assert "Carrier: SF%2 · Ship by: " in detail.facts.text()

    page.scan("S-1")  # the supervisor's badge signs in
    qtbot.waitUntil(lambda: detail.supervisor is not None, timeout=5000)
    detail.reason.setText("address unclear")
    detail.buttons["hold"].click()
    # "✔ Order %1: %2 recorded": the number's "%2" is not the action's name
    qtbot.waitUntil(lambda: "recorded" in detail.message.text(), timeout=5000)
    assert "Order A%2B: ⊘ Hold recorded" in detail.message.text()


def test_a_scanner_port_holding_a_place_marker_is_named_as_it_is() -> None:
    status = PortStatus(port="COM%2", connected=False, detail="unplugged")
    assert describe(status) == "Scanner COM%2: unplugged (retrying)"
