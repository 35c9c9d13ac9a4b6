"""The wall display pages through the columns on its own and makes no widgets as it
refreshes."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.models import OrderStatus
from tests.app.board.conftest import Floor, add_order, floor  # noqa: F401 (a fixture)
from ui.board_feed import BoardFeed
from ui.board_page import BoardPage
from ui.feedback import SoundPlayer
from ui.wall_display import WallDisplay
from ui.workers import TaskQueue

S = OrderStatus


def test_the_wall_display_pages_on_its_own(qtbot: QtBot, floor: Floor) -> None:  # noqa: F811
    e = floor.engine
    add_order(e, "W-1", ship_in=timedelta(hours=-2))
    add_order(e, "W-2", status=S.NEW)
    add_order(e, "W-3", status=S.ON_HOLD)
    reads = TaskQueue("test-reads", threads=2)
    feed = BoardFeed(e, interval=0.1)
    page = BoardPage(e, reads, SoundPlayer(enabled=False), ZoneInfo("UTC"), feed=feed)
    qtbot.addWidget(page)
    try:
        page.show()
        qtbot.waitUntil(lambda: feed.refreshes >= 1, timeout=10_000)
        wall = WallDisplay(page, page_ms=100)
        qtbot.addWidget(wall)
        wall.resize(1920, 1080)
        wall.show()
        assert wall.tiles[S.READY].count.text() == "1"
        assert "⚠ 1 late" in wall.tiles[S.READY].flags.text()
        seen: set[OrderStatus] = set()
        qtbot.waitUntil(lambda: seen.add(wall.current) or len(seen) == 5, timeout=5000)  # type: ignore[func-returns-value]
        assert wall.grid.model() is page.columns.models[wall.current]
        widgets = len(wall.findChildren(QWidget))
        before = feed.refreshes
        qtbot.waitUntil(lambda: feed.refreshes >= before + 10, timeout=10_000)
        assert len(wall.findChildren(QWidget)) == widgets  # refreshes reuse every widget
        wall.close()
    finally:
        page.shutdown()
        reads.close()
