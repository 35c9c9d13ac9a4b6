"""The per-packer KPI table: a ``QAbstractTableModel`` over plain ``PackerRow``s."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.kpi import PackerRow
from ui.kpi_report import duration, rate

NAME, ORDERS, ITEMS, SCANS, REJECTED, MANUAL, ACCURACY, MEDIAN = range(8)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class PackersModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PackerRow] = []

    def set_rows(self, rows: Sequence[PackerRow]) -> None:
        """A new report: a full reload."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else MEDIAN + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section <= MEDIAN
        ):
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        col = index.column()
        if role == ROW_ROLE:
            return p
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
