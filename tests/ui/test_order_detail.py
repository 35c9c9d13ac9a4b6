"""An order's detail in the real window: why it is held (the newest hold's reason, who,
when), its quantities in sight without a horizontal scroll bar at a counter PC's
maximised 1366x705 and at 1920x1080 however long a product's name, a short line said
with an icon and in words, a message that no longer holds cleared, and what came of
each scan in its history said in the window's language."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app import order_actions
from app.db import unit_of_work
from app.models import OrderLine, User
from app.packing import PackingEngine
from tests.app.packing.conftest import CUP_EAN, PHONE_EAN
from tests.ui.conftest import BADGE, speaking_chinese
from ui.board.detail_models import LEFT, ORDERED, PACKED, SHORT

LONG_NAME = "陶瓷马克杯 Ceramic Mug with a very long catalogue description " * 4


def _held_and_short(engine: Engine) -> tuple[int, int]:
    """A-1 (two lines): one line's name 200+ characters long, 1 of 2 short (damaged), then
    held by a supervisor."""
    with unit_of_work(engine) as s:
        boss = User(name="Supervisor Wang 王", badge="S-77", role="supervisor")
        s.add(boss)
        lines = list(s.scalars(select(OrderLine).order_by(OrderLine.line_no)))
        lines[0].name, lines[0].short, lines[0].short_reason = LONG_NAME, 1, "damaged"
        order_id = lines[0].order_id
        s.flush()
        boss_id = boss.id
    order_actions.hold(engine, order_id, user_id=boss_id, reason="customer changes the address")
    return order_id, boss_id


def _open(qtbot: QtBot, window, size: tuple[int, int], order_id: int):
    window.resize(*size)
    window.pages.setCurrentWidget(window.board_page)
    board = window.board_page
    qtbot.waitUntil(lambda: board.feed.refreshes >= 1, timeout=10_000)
    board.open_order(order_id)
    qtbot.waitUntil(lambda: board.detail.view is not None, timeout=5000)
    qtbot.wait(100)
    return board.detail


@pytest.mark.parametrize("size", [(1366, 705), (1920, 1080)])
def test_the_detail_says_why_an_order_is_held_and_shows_every_quantity(
    qtbot: QtBot, window, shop: Engine, size: tuple[int, int]
) -> None:
    order_id, _boss_id = _held_and_short(shop)
    detail = _open(qtbot, window, size, order_id)
    held = detail.held.text()
    assert detail.held.isVisible()
    assert "customer changes the address" in held and "Supervisor Wang 王" in held
    assert detail.view.hold is not None and detail.view.hold.user == "Supervisor Wang 王"
    table = detail.tabs.widget(0)
    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    for column in (ORDERED, PACKED, SHORT, LEFT):  # whole and in sight
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= table.viewport().width()
        for row in range(detail.lines.rowCount()):
            wanted = table.sizeHintForIndex(detail.lines.index(row, column)).width()
            assert header.sectionSize(column) >= wanted
    short = detail.lines.index(0, SHORT).data()
    assert short.startswith("⚠") and "1 short" in short and "damaged" in short
    assert detail.lines.index(1, SHORT).data() == ""
    assert detail.lines.index(0, 1).data(3) == LONG_NAME  # its whole name as the tooltip
    assert window.height() == size[1]


def test_the_held_reason_in_chinese(qtbot: QtBot, window, shop: Engine) -> None:
    order_id, _boss_id = _held_and_short(shop)
    with speaking_chinese():
        detail = _open(qtbot, window, (1366, 705), order_id)
        assert detail.held.text().startswith("⚠ 已挂起：customer changes the address")
        assert detail.lines.index(0, SHORT).data().startswith("⚠ 缺 1")
        assert "本状态" in detail.facts.text()


def test_a_read_problem_is_cleared_once_the_order_reads(qtbot: QtBot, window, shop: Engine) -> None:
    order_id, boss_id = _held_and_short(shop)
    detail = _open(qtbot, window, (1366, 705), order_id)
    detail._read_failed("database is locked", False)
    assert "database is locked" in detail.message.text()
    detail.reload()
    qtbot.waitUntil(lambda: detail.message.text() == "", timeout=5000)
    order_actions.release(shop, order_id, user_id=boss_id, reason="address confirmed")
    detail.reload()
    qtbot.waitUntil(lambda: not detail.held.isVisible(), timeout=5000)


# what came of each scan, as the history lists it, in each language
SCANS = {
    "en": ["✔ order opened  A-1", f"✔ accepted  {CUP_EAN}", f"✖ wrong item  {PHONE_EAN}"],
    "zh_CN": ["✔ 订单已打开  A-1", f"✔ 已接受  {CUP_EAN}", f"✖ 错货  {PHONE_EAN}"],
}


def _scans_said(detail) -> list[str]:  # type: ignore[no-untyped-def]
    story = detail.story
    return [
        str(story.index(row, 2).data())
        for row in range(story.rowCount())
        if detail.view.timeline[row].kind == "scan"
    ]


def test_the_history_says_what_came_of_each_scan_in_the_windows_language(
    qtbot: QtBot, window, shop: Engine
) -> None:
    desk = PackingEngine(shop, station="desk-3")  # A-1 at a counter: opened, a cup, a phone
    desk.sign_in(BADGE)
    for code in ("A-1", CUP_EAN, PHONE_EAN):
        desk.scan(code)
    with unit_of_work(shop, read_only=True) as s:
        order_id = s.scalars(select(OrderLine.order_id)).first()
    with speaking_chinese():
        detail = _open(qtbot, window, (1366, 705), order_id)
        assert _scans_said(detail) == SCANS["zh_CN"]
    qtbot.waitUntil(lambda: _scans_said(detail) == SCANS["en"], timeout=5000)
