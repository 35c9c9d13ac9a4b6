"""The dock's last scans, newest first: a table model over plain ``DockScan`` rows.

A scan adds one row at the top (``beginInsertRows``, not a reset) and the oldest row
past ``KEPT`` goes; a refusal reads as one by its words and its ✖ as well as its
colour. The whole row is under ``ROW_ROLE``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.shipping.dock import Handover
from ui import display_time
from ui.dock.handover_look import result_words
from ui.row_table_model import RowTableModel

TIME, LABEL, ORDER, PARCEL, RESULT = range(5)
KEPT = 200

_REFUSED_BG = QBrush(QColor("#ffcdd2"))
_REFUSED_TEXT = QBrush(QColor("#7f0000"))


@dataclass(frozen=True)
class DockScan:
    at: datetime  # when it was answered (UTC)
    handover: Handover


class DockScansModel(RowTableModel):
    column_count = RESULT + 1

    def headers(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("Label"),
            self.tr("Order"),
            self.tr("Parcel"),
            self.tr("Result"),
        ]

    def add(self, scan: DockScan) -> None:
        """The newest scan at the top; the oldest past ``KEPT`` dropped."""
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, scan)
        self.endInsertRows()
        if len(self._rows) > KEPT:
            self.beginRemoveRows(QModelIndex(), KEPT, len(self._rows) - 1)
            del self._rows[KEPT:]
            self.endRemoveRows()

    def cell(self, row: DockScan, column: int, role: int) -> Any:
        h = row.handover
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == TIME:
                return display_time.clock(row.at)
            if column == LABEL:
                return h.tracking or h.code
            if column == ORDER:
                return h.order or ""
            if column == PARCEL:
                return h.parcel or ""
            mark = "✔" if h.ok else "✖"
            return f"{mark} {result_words(h)}"
        if role == Qt.ItemDataRole.BackgroundRole and not h.ok:
            return _REFUSED_BG
        if role == Qt.ItemDataRole.ForegroundRole and not h.ok:
            return _REFUSED_TEXT
        return None
