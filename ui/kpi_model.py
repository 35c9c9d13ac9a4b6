"""The per-packer KPI table: a ``QAbstractTableModel`` over plain ``PackerRow``s."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ui.kpi_report import duration, rate
from ui.row_table_model import RowTableModel

NAME, ORDERS, ITEMS, SCANS, REJECTED, MANUAL, ACCURACY, MEDIAN = range(8)


class PackersModel(RowTableModel):
    column_count = MEDIAN + 1

    def headers(self) -> list[str]:
        return [
            self.tr("Packer"),
            self.tr("Orders"),
            self.tr("Items"),
            self.tr("Scans"),
            self.tr("Rejected"),
            self.tr("Manual"),
            self.tr("Accuracy"),
            self.tr("Median per order"),
        ]

    def cell(self, p: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and col != NAME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == NAME:
            return p.name if p.user_id else self.tr("(nobody signed in)")
        values = [p.orders_packed, p.items_packed, p.scans, p.rejected, p.manual]
        if col <= MANUAL:
            return f"{values[col - 1]:,}"
        if col == ACCURACY:
            return rate(p.accuracy)
        return duration(p.median_order)
