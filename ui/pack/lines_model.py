"""The open order's lines on the pack page: a table model over plain ``PackLine``s.

A new order resets the model; a scan on the same order only changes counts, which is
reported with ``dataChanged`` for the rows whose counts moved. The whole line is under
``ROW_ROLE``. ``update`` says which rows changed (None: all of them, a new order), so
the page fits its columns to the contents only where needed: a view that does it on
every change asks every cell of the order again, on every scan.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap

from app.packing.station_view import PackLine
from ui.row_table_model import RowTableModel
from ui.words import filled

STATE, PRODUCT, BIN, COUNT = range(4)

# a finished line is set apart: pale, its words grey, a ✔ in front (still to pack:
# plain black on white, so the eye finds what is left)
_DONE_BG = QBrush(QColor("#eceff1"))
_DONE_TEXT = QBrush(QColor("#607d8b"))
_SHORT_BG = QBrush(QColor("#fff59d"))
THUMB = QSize(48, 48)


class PackLinesModel(RowTableModel):
    column_count = COUNT + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._order_id: int | None = None
        self._icons: dict[str, QIcon] = {}
        self.last_changed: set[int] = set()  # line ids whose counts the last update moved

    def update(self, order_id: int | None, lines: Sequence[PackLine]) -> list[int] | None:
        """Show these lines; returns the rows that changed, or None after a reset."""
        new = list(lines)
        same_rows = order_id == self._order_id and [ln.line_id for ln in new] == [
            ln.line_id for ln in self._rows
        ]
        if not same_rows:
            self.beginResetModel()
            self._order_id, self._rows = order_id, new
            self.last_changed = set()
            self.endResetModel()
            return None
        old, self._rows = self._rows, new
        changed = [row for row, (o, n) in enumerate(zip(old, new, strict=True)) if o != n]
        self.last_changed = {new[row].line_id for row in changed}
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, COUNT))
        return changed

    def line_at(self, row: int) -> PackLine:
        line: PackLine = self.row_at(row)
        return line

    def row_of_sku(self, sku: str) -> int | None:
        rows = [i for i, ln in enumerate(self._rows) if ln.sku == sku]
        open_rows = [i for i in rows if not self._rows[i].done]
        candidates = open_rows or rows
        return candidates[0] if candidates else None

    def headers(self) -> list[str]:
        return [self.tr("Done"), self.tr("Product"), self.tr("Bin"), self.tr("Packed")]

    def cell(self, ln: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(ln, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            if ln.short:
                return _SHORT_BG
            return _DONE_BG if ln.done else None
        if role == Qt.ItemDataRole.ForegroundRole and ln.done and not ln.short:
            return _DONE_TEXT
        if role == Qt.ItemDataRole.DecorationRole and col == PRODUCT and ln.image_path:
            return self._icon(ln.image_path)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (STATE, COUNT):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == PRODUCT:
            return ln.name
        return None

    def _text(self, ln: PackLine, col: int) -> str:
        if col == STATE:
            if ln.short:
                return self.tr("short")
            return "✔" if ln.done else ""
        if col == PRODUCT:
            marks = []
            if ln.serial_tracked:
                marks.append(self.tr("serial"))
            if ln.lot_tracked:
                marks.append(self.tr("lot"))
            extra = f"  [{', '.join(marks)}]" if marks else ""
            name = f"{ln.name}  ·  {ln.sku}" if ln.name and ln.name != ln.sku else ln.sku
            return f"{name}{extra}"  # one line a row: eight and more rows fit a counter PC
        if col == BIN:
            return ln.bin_location or ""
        count = f"{ln.packed} / {ln.ordered}"
        return count + (filled(self.tr("  (%1 short)"), ln.short) if ln.short else "")

    def _icon(self, path: str) -> QIcon | None:
        if path not in self._icons:
            pixmap = QPixmap(path) if Path(path).is_file() else QPixmap()
            self._icons[path] = QIcon(pixmap.scaled(THUMB)) if not pixmap.isNull() else QIcon()
        icon = self._icons[path]
        return None if icon.isNull() else icon
