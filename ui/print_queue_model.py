"""The print queue table: a ``QAbstractTableModel`` over plain ``JobRow``s, newest
first. A refresh that brings the same jobs changes only the rows that changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.models import JobStatus
from app.printing.jobs import JobRow
from ui import display_time
from ui.print_words import job_problem_words, job_status_words
from ui.row_table_model import RowTableModel
from ui.words import document_words, filled

JOB, STATUS, DOCUMENT, ORDER, PRINTER, ATTEMPTS, CREATED, ERROR = range(8)


_COLOURS = {
    JobStatus.FAILED: QColor("#b3261e"),
    JobStatus.PENDING: QColor("#8a5300"),
    JobStatus.DONE: QColor("#1b5e20"),
    JobStatus.CANCELLED: QColor("#616161"),
    JobStatus.INTERRUPTED: QColor("#b3261e"),
}


class PrintQueueModel(RowTableModel):
    column_count = ERROR + 1

    def headers(self) -> list[str]:
        return [
            self.tr("Job"),
            self.tr("Status"),
            self.tr("Document"),
            self.tr("Order"),
            self.tr("Printer"),
            self.tr("Tries"),
            self.tr("Queued"),
            self.tr("Last error"),
        ]

    def retranslate(self) -> None:
        """The language changed: the headers and every cell (statuses, errors) again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, ERROR)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, ERROR))

    def set_rows(self, rows: Sequence[JobRow]) -> None:
        """New rows: the same jobs in the same order change in place; otherwise a reset."""
        rows = list(rows)
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        for i, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
            if old != new:
                self._rows[i] = new
                self.dataChanged.emit(self.index(i, 0), self.index(i, ERROR))

    def row_of_job(self, job_id: int) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == job_id:
                return i
        return None

    def job_ahead(self, job: JobRow) -> JobRow | None:
        """The oldest unfinished job listed before ``job`` on the same printer."""
        waiting = (JobStatus.PENDING, JobStatus.SENDING)
        ahead = [
            r
            for r in self._rows
            if r.printer == job.printer and r.id < job.id and r.status in waiting
        ]
        return min(ahead, key=lambda r: r.id) if ahead else None

    def cell(self, r: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == Qt.ItemDataRole.ToolTipRole and col == ERROR and r.last_error:
            return job_problem_words(r)
        if role == Qt.ItemDataRole.ForegroundRole and col in (STATUS, ERROR):
            if r.status is JobStatus.PENDING and not r.last_error:
                return None
            return _COLOURS.get(r.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (JOB, ATTEMPTS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, r: JobRow, col: int) -> str:
        if col == JOB:
            return str(r.id)
        if col == STATUS:
            return job_status_words(r.status)
        if col == DOCUMENT:
            words = document_words(r.document)
            if r.reprint_of_id:
                words += filled(self.tr(" (reprint of %1)"), r.reprint_of_id)
            return f"{words} · {r.format.upper()}"
        if col == ORDER:
            return r.order or ""
        if col == PRINTER:
            return r.printer
        if col == ATTEMPTS:
            return str(r.attempts)
        if col == CREATED:
            return display_time.minutes(r.created_at)
        return job_problem_words(r).replace("\n", " ")
