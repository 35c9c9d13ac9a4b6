"""The orders table: a ``QAbstractTableModel`` over a list of plain ``OrderRow``s."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.models import OrderStatus
from app.orders import OrderRow
from ui import display_time
from ui.row_table_model import RowTableModel
from ui.words import status_words

NUMBER, STATUS, CUSTOMER, CARRIER, LINES, PROGRESS, SHIP_BY, CHANNEL = range(8)
_LATE = QColor("#b3261e")


class OrdersModel(RowTableModel):
    column_count = CHANNEL + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[OrderRow] = []
        self.now: datetime | None = None  # for "late" colouring; set with each load

    def headers(self) -> list[str]:
        return [
            self.tr("Order"),
            self.tr("Status"),
            self.tr("Customer"),
            self.tr("Carrier"),
            self.tr("Lines"),
            self.tr("Packed"),
            self.tr("Ship by"),
            self.tr("Channel"),
        ]

    def set_rows(self, rows: Sequence[OrderRow], now: datetime | None = None) -> None:
        """A full reload (a filter change or the first load)."""
        self.now = now
        super().set_rows(rows)

    def cell(self, r: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ForegroundRole and col == SHIP_BY and self._late(r):
            return _LATE
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (LINES, PROGRESS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _late(self, r: OrderRow) -> bool:
        open_states = (OrderStatus.NEW, OrderStatus.READY, OrderStatus.PACKING)
        return bool(self.now and r.ship_by and r.ship_by < self.now and r.status in open_states)

    def _display(self, r: OrderRow, col: int) -> str:
        if col == NUMBER:
            return ("⚡ " if r.priority else "") + r.number
        if col == STATUS:
            return status_words(r.status)
        if col == CUSTOMER:
            return r.customer
        if col == CARRIER:
            return " ".join(x for x in (r.carrier, r.service) if x)
        if col == LINES:
            return str(r.line_count)
        if col == PROGRESS:
            return f"{r.packed_units} / {r.units}"
        if col == SHIP_BY:
            late = self.tr(" (late)") if self._late(r) else ""
            return display_time.minutes(r.ship_by) + late
        return r.channel
