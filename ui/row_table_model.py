"""The one base for the window's tables: a ``QAbstractTableModel`` over a list of
plain rows (frozen dataclasses from ``app``).

A subclass sets ``column_count``, names its columns in ``headers()`` (translated)
and says what a cell shows in ``cell(row, column, role)``; the whole row is always
available under ``ROW_ROLE``. ``set_rows`` is a full reload (``beginResetModel``);
a subclass that updates rows in place reports them with ``dataChanged``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the whole row
Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    column_count = 0

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def headers(self) -> list[str]:
        raise NotImplementedError

    def cell(self, row: Any, column: int, role: int) -> Any:
        """What ``column`` of ``row`` shows for ``role`` (None: nothing)."""
        raise NotImplementedError

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.column_count

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < self.column_count
        ):
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        return row if role == ROW_ROLE else self.cell(row, index.column(), role)
