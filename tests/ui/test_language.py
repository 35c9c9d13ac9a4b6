"""The language chosen in Settings is spoken at once, without a restart: the pages on
screen say their words again (tabs, the board's buttons, columns, filters and cards,
an open order's detail), and the choice is kept in the settings file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import settings
from app.models import OrderStatus
from ui.language import CHOICES


def _choose(qtbot: QtBot, window, language: str) -> None:
    box = window.settings_page.language
    box.setCurrentIndex(CHOICES.index(language))
    box.activated.emit(box.currentIndex())
    qtbot.wait(50)  # Qt posts the change to every widget


def test_choosing_chinese_in_settings_changes_the_visible_words_at_once(
    qtbot: QtBot, window
) -> None:
    board = window.board_page
    window.pages.setCurrentWidget(board)
    qtbot.waitUntil(lambda: board.feed.refreshes >= 1, timeout=10_000)
    ready = board.columns.columns[OrderStatus.READY]
    board.open_order(ready.model.card_at(0).id)
    qtbot.waitUntil(lambda: board.detail.view is not None, timeout=5000)
    assert board.show_table.text() == "☰ Table" and ready.title.text() == "Ready"
    try:
        _choose(qtbot, window, "zh_CN")
        assert window.pages.tabText(window.pages.indexOf(board)) == "看板"
        assert board.show_table.text() == "☰ 表格"
        assert ready.title.text() == "待打包"
        assert board.filters.clear.text() == "清除筛选"
        assert board.detail.close_button.text() != "✖ Close"
        assert board.detail.lines.headerData(0, Qt.Orientation.Horizontal) == "SKU"
        assert board.detail.lines.headerData(2, Qt.Orientation.Horizontal) != "Ordered"
        assert "实时" in board.summary.text()
        assert window.orders_page.refresh_button.text() != "Refresh"
        assert window.kpi_page.csv_button.text() != "Export CSV"
        assert window.kpi_page.orders_chart.title() != "Orders packed per hour"
        assert window.orders_page.model.headerData(0, Qt.Orientation.Horizontal) != "Order"
        qtbot.waitUntil(lambda: settings.load().language == "zh_CN", timeout=5000)
    finally:
        _choose(qtbot, window, "en")
    assert board.show_table.text() == "☰ Table" and ready.title.text() == "Ready"
    assert board.detail.lines.headerData(2, Qt.Orientation.Horizontal) == "Ordered"
    assert window.orders_page.refresh_button.text() == "Refresh"
    assert window.kpi_page.orders_chart.title() == "Orders packed per hour"
    qtbot.waitUntil(lambda: settings.load().language == "en", timeout=5000)
