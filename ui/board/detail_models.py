"""The order detail's tables: lines, the story (history and scans), parcels, print jobs.

``RowsModel`` is one small ``QAbstractTableModel`` over plain rows with a function
that turns a row into its cells; each table of the detail is one instance. Times are
shown in local time with seconds (UTC inside).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QColor

from app.models import OrderStatus
from app.order_detail import DetailLine, ParcelRow, PrintJobRow, TimelineEntry
from app.packing.verdict import REJECTIONS
from ui import display_time
from ui.board.detail_words import outcome_words
from ui.print_words import job_problem_words, job_status_words
from ui.row_table_model import Index, RowTableModel
from ui.words import document_words, filled, short_reason_words, status_words

_BAD = QColor("#b3261e")
_REJECTED = {o.value for o in REJECTIONS}


class RowsModel(RowTableModel):
    """Headers and a function from a row to its cells, given by the table that uses it."""

    def __init__(
        self,
        headers: Sequence[str],
        cells: Callable[[Any], Sequence[str]],
        *,
        bad: Callable[[Any], bool] | None = None,
        context: str | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._context = context  # headers given untranslated: said in the current language
        self.column_count = len(self._headers)
        self._cells = cells
        self._bad = bad
        self._shown: list[Sequence[str]] = []

    def headers(self) -> list[str]:
        if self._context is None:
            return self._headers
        return [QCoreApplication.translate(self._context, h) for h in self._headers]

    def retranslate(self) -> None:
        """The language changed: headers and cells said again."""
        self._shown = [self._cells(r) for r in self._rows]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.column_count - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, self.column_count - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def set_rows(self, rows: Sequence[Any]) -> None:
        """A new order, or the same order read again: a full reload (a few rows)."""
        self._shown = [self._cells(r) for r in rows]
        super().set_rows(rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self._shown[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():  # a cut cell in full
            return self._shown[index.row()][index.column()] or None
        return super().data(index, role)

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and self._bad and self._bad(row):
            return _BAD
        return None


SKU, PRODUCT, ORDERED, PACKED, SHORT, LEFT = range(6)


def line_cells(ln: DetailLine) -> list[str]:
    """A short line is said with an icon and in words ("⚠ 2 short (damaged)"), never
    by its colour alone."""
    short = ""
    if ln.short:
        short = filled(QCoreApplication.translate("OrderDetail", "⚠ %1 short"), ln.short)
        if ln.short_reason:
            short += f" ({short_reason_words(ln.short_reason)})"
    return [ln.sku, ln.name, str(ln.ordered), str(ln.packed), short, str(ln.remaining)]


def lines_model(parent: Any = None) -> RowsModel:
    heads = [
        str(QT_TRANSLATE_NOOP("OrderDetail", "SKU")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Product")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Ordered")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Packed")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Short")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Left")),
    ]
    return RowsModel(
        heads, line_cells, bad=lambda ln: ln.short > 0, context="OrderDetail", parent=parent
    )


def _state_words(text: str) -> str:
    parts = []
    for part in text.split(" -> "):
        try:
            parts.append(status_words(OrderStatus(part)))
        except ValueError:
            parts.append(
                QCoreApplication.translate("OrderDetail", "created") if part == "created" else part
            )
    return " → ".join(parts)


def entry_cells(e: TimelineEntry) -> list[str]:
    if e.kind == "state":
        kind, what = QCoreApplication.translate("OrderDetail", "⚑ State"), _state_words(e.what)
    elif e.kind == "scan":
        icon = "✖" if e.what in _REJECTED else "✔"
        kind = (
            QCoreApplication.translate("OrderDetail", "☑ Confirmed by hand")
            if e.manual
            else QCoreApplication.translate("OrderDetail", "▶ Scan")
        )
        what = f"{icon} {outcome_words(e.what)}"
        if e.code:
            what += f"  {e.code}"
        if e.undone:
            what += "  " + QCoreApplication.translate("OrderDetail", "(undone)")
    else:
        kind, what = QCoreApplication.translate("OrderDetail", "■ Action"), e.what
    return [display_time.seconds(e.at), kind, what, e.user or "", e.station or "", e.detail or ""]


def timeline_model(parent: Any = None) -> RowsModel:
    heads = [
        str(QT_TRANSLATE_NOOP("OrderDetail", "When")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Kind")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "What")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Who")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Station")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Detail")),
    ]
    bad = lambda e: e.kind == "scan" and e.what in _REJECTED  # noqa: E731
    return RowsModel(heads, entry_cells, bad=bad, context="OrderDetail", parent=parent)


def parcel_cells(p: ParcelRow) -> list[str]:
    weight = f"{p.weight_g / 1000:.3f} kg" if p.weight_g is not None else ""
    return [
        str(p.seq),
        p.tracking_number or "",
        p.sscc or "",
        weight,
        display_time.seconds(p.created_at),
    ]


def parcels_model(parent: Any = None) -> RowsModel:
    heads = [
        str(QT_TRANSLATE_NOOP("OrderDetail", "Parcel")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Tracking number")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "SSCC")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Weight")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Created")),
    ]
    return RowsModel(heads, parcel_cells, context="OrderDetail", parent=parent)


DOCUMENT, PRINTER, JOB_STATUS, TRIES, ASKED, PROBLEM = range(6)


def job_cells(j: PrintJobRow) -> list[str]:
    """A job's document, status and problem in the window's words (the print queue's)."""
    document = document_words(j.document)
    if j.reprint_of_id:
        document += " " + QCoreApplication.translate("OrderDetail", "(reprint)")
    return [
        document,
        j.printer,
        job_status_words(j.status),
        str(j.attempts),
        display_time.seconds(j.created_at),
        job_problem_words(j).replace("\n", " "),
    ]


def jobs_model(parent: Any = None) -> RowsModel:
    heads = [
        str(QT_TRANSLATE_NOOP("OrderDetail", "Document")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Printer")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Status")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Tries")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Asked")),
        str(QT_TRANSLATE_NOOP("OrderDetail", "Problem")),
    ]
    return RowsModel(
        heads, job_cells, bad=lambda j: bool(j.last_error), context="OrderDetail", parent=parent
    )
