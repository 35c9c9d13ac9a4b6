"""How the dock page's parts look: its style sheet and the list of scans (sizes and
behaviour, no words)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from ui.dock.scans_model import LABEL, ORDER, PARCEL, RESULT, TIME

DOCK_STYLE = (
    "#dockStep { font-size: 22pt; font-weight: bold; }"
    "#dockLoader { font-size: 15pt; font-weight: bold; }"
    "#dockCarrierLabel { font-size: 15pt; }"
    "#dockCarrier { font-size: 18pt; font-weight: bold; min-height: 40px; }"
    "#dockCount { font-size: 36pt; font-weight: bold; }"
    "#dockManifest { font-size: 15pt; }"
    "#dockMissing { font-size: 16pt; font-weight: bold; background: #fff59d;"
    " color: #000000; padding: 4px; }"
    "#dockClose { font-size: 15pt; font-weight: bold; color: #b71c1c;"
    " min-height: 44px; padding: 4px 12px; }"
    "#dockFiles { font-size: 11pt; }"
    "#dockScans { font-size: 13pt; }"
    "#dockEntry { font-size: 12pt; }"
    "#dockBusy { color: #7f0000; font-weight: bold; }"
)


def breakable(path_words: str) -> str:
    """Paths that may wrap after each folder (a zero-width space after each slash): a
    long data folder then fits the panel's width instead of running off it."""
    return path_words.replace("/", "/\u200b").replace("\\", "\\\u200b")


def scans_table(scans: QAbstractItemModel) -> QTableView:
    """The last scans, newest first: never the keyboard's focus, nothing selected."""
    table = QTableView()
    table.setObjectName("dockScans")
    table.setModel(scans)
    table.verticalHeader().hide()
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setSelectionMode(QTableView.SelectionMode.NoSelection)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    return table


def fit_scans_table(table: QTableView) -> None:
    """Its columns as wide as their usual contents, in the page's font; the result
    takes the width left."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(RESULT, QHeaderView.ResizeMode.Stretch)
    for column in (TIME, LABEL, ORDER, PARCEL):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    table.ensurePolished()
    digits = table.fontMetrics().horizontalAdvance("0")
    for column, width in ((TIME, 9), (LABEL, 20), (ORDER, 11), (PARCEL, 6)):
        table.setColumnWidth(column, digits * width + 16)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
