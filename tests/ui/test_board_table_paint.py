"""The board table's cells painted the short way (``ui.board.table_delegate``) are the
stock delegate's to the pixel: the words, the late and at-risk colours, the right
alignment, the alternate rows, a selected row and words too wide for their column;
and after a language switch the cells say their words again, in Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QStyledItemDelegate
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine

from app.board import BoardFilter, BoardRules
from tests.app.board.conftest import Floor, add_order, floor  # noqa: F401 (a fixture)
from tests.ui.conftest import speaking_chinese
from tests.ui.test_board_models import NOW, card
from ui.board.feed import BoardFeed
from ui.board.page import BoardPage
from ui.board.table import BoardTable
from ui.board.table_model import AT_RISK_COLOUR, CUSTOMER, LATE_COLOUR, STATE, TIMING
from ui.feedback import SoundPlayer
from ui.workers import TaskQueue


@pytest.fixture
def reads() -> Iterator[TaskQueue]:
    queue = TaskQueue("test-reads")
    yield queue
    queue.close()


def shown(qtbot: QtBot, reads: TaskQueue, stock: bool) -> BoardTable:
    """A table of late, at-risk, expedited and on-time orders, an on-time row selected."""
    table = BoardTable(create_engine("sqlite://"), reads, BoardFilter)
    qtbot.addWidget(table)
    if stock:
        table.setItemDelegate(QStyledItemDelegate(table))
    cards = [card(1, hours=-1), card(2, hours=1), card(3, priority=1)]
    cards += [replace(card(i, hours=i), customer=f"Customer number {i}") for i in range(4, 30)]
    table.cards.set_now(NOW, BoardRules())
    table.cards.set_cards(cards, complete=True)
    table.resizeColumnsToContents()
    table.setColumnWidth(CUSTOMER, 70)  # some customers' words cut, some not
    table.resize(1200, 500)
    table.show()
    qtbot.waitExposed(table)
    table.selectRow(4)
    return table


def painted(table: BoardTable) -> QImage:
    return table.viewport().grab().toImage()


def has_colour(image: QImage, table: BoardTable, row: int, col: int, colour: QColor) -> bool:
    cell = table.visualRect(table.cards.index(row, col))
    return any(
        image.pixelColor(x, y) == colour
        for x in range(cell.left(), cell.right())
        for y in range(cell.top(), cell.bottom())
    )


def test_cells_painted_the_short_way_are_the_stock_delegates_to_the_pixel(
    qtbot: QtBot, reads: TaskQueue, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, stock = shown(qtbot, reads, stock=False), shown(qtbot, reads, stock=True)
    words: list[str] = []
    shape = fast.cells._shape
    monkeypatch.setattr(fast.cells, "_shape", lambda text: words.append(text) or shape(text))
    image = painted(fast)
    assert image == painted(stock)
    assert {"⚡ N00003", "⚠ Late", "◆ At risk", "1 / 3"} <= set(words)  # the short way
    late, at_risk = fast.cards.row_of(1), fast.cards.row_of(2)
    assert late is not None and at_risk is not None
    assert has_colour(image, fast, late, TIMING, LATE_COLOUR)
    assert has_colour(image, fast, at_risk, TIMING, AT_RISK_COLOUR)
    assert not has_colour(image, fast, at_risk, TIMING, LATE_COLOUR)


def test_the_table_says_its_words_again_in_chinese(qtbot: QtBot, floor: Floor) -> None:  # noqa: F811
    add_order(floor.engine, "R-LATE", ship_in=timedelta(hours=-1))
    reads = TaskQueue("test-reads", threads=2)
    feed = BoardFeed(floor.engine, interval=0.2, retry_ms=300)
    page = BoardPage(floor.engine, reads, SoundPlayer(enabled=False), ZoneInfo("UTC"), feed=feed)
    qtbot.addWidget(page)
    try:
        page.resize(1400, 900)
        page.show()
        page.show_table.click()
        model = page.table_model
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
        english = painted(page.table)
        with speaking_chinese():
            qtbot.waitUntil(lambda: model.text(0, STATE) == "待打包", timeout=5000)
            chinese = painted(page.table)
            page.table.setItemDelegate(QStyledItemDelegate(page.table))
            assert chinese == painted(page.table) != english
            page.table.setItemDelegate(page.table.cells)
    finally:
        page.shutdown()
        reads.close()
