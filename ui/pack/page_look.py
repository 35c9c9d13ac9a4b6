"""How the pack page's parts look: its style sheet, the order's lines table and the
scan history (sizes and behaviour, no words)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QHeaderView, QListWidget, QListWidgetItem, QTableView

from ui.pack.lines_model import PRODUCT

WORDS = Qt.ItemDataRole.UserRole + 1  # a history line's words, said in any language

PAGE_STYLE = (
    "#packer { font-size: 15pt; font-weight: bold; }"
    "#orderNumber { font-size: 26pt; font-weight: bold; }"
    "#orderFacts { font-size: 13pt; }"
    "#remaining { font-size: 26pt; font-weight: bold; }"
    "#packLines { font-size: 14pt; }"
    "#packLines::item:selected { background: #1565c0; color: #ffffff; }"
    "#history { font-size: 11pt; }"
    "#lockNotice { font-size: 20pt; font-weight: bold; background: #263238;"
    " color: #ffffff; padding: 6px; }"
    "#busy { color: #7f0000; font-weight: bold; }"
    "#printNotice { font-size: 16pt; font-weight: bold; background: #7f0000;"
    " color: #ffffff; padding: 6px; }"
    "#supervisorPin { background: #fff59d; }"
    "#supervisorPin QLabel { font-size: 13pt; color: #000000; }"
    "#supervisorPin QLineEdit { font-size: 13pt; }"
    "#supervisorPin QPushButton { font-size: 13pt; font-weight: bold; }"
)


def lines_table(lines: QAbstractItemModel) -> QTableView:
    """The open order's lines, one row each: never the keyboard's focus."""
    table = QTableView()
    table.setObjectName("packLines")
    table.setModel(lines)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    # one line a row, all of a height (a long name ends in "…", whole as a tooltip)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # the product's words take the width left; the other columns are fitted to
    # their contents when the lines model says so (see ``PackPage._show_lines``)
    table.horizontalHeader().setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
    return table


def history_list() -> QListWidget:
    """The scans, newest first."""
    history = QListWidget()
    history.setObjectName("history")
    history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    # one line per scan, all of a height: a new line then costs the list no new
    # layout of every line it keeps (with wrapped lines, over a millisecond a scan);
    # a line too long for the panel ends in "…" and shows whole as its tooltip
    history.setUniformItemSizes(True)
    history.setTextElideMode(Qt.TextElideMode.ElideRight)
    history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return history


def history_line(words: Callable[[], str]) -> QListWidgetItem:
    """A line of the scan history, said in the screen's language (``say_line_again``
    says it in a new one)."""
    line = QListWidgetItem()
    line.setData(WORDS, words)
    say_line_again(line)
    return line


def say_line_again(line: QListWidgetItem) -> None:
    text = line.data(WORDS)()
    line.setText(text)
    line.setToolTip(text)
