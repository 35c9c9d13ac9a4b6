"""A print job in the window's language, the one place for its words: its status
("✔ Printed") and its problem (``last_error`` is the core's English, kept for the
command line and the logs; an interrupted job, a waybill the waybill rule refused, and
one the spool did not send (``job_gate``) are said here in the screen's words). The
print queue and the board's order detail both say their jobs with these; a document's
name is ``ui.words.document_words``."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models import JobProblem, JobStatus, OrderStatus
from app.shipping.waybill_rule import WaybillRefused
from ui.refusal_words import refusal_words
from ui.words import filled, status_words


class JobFacts(Protocol):
    """What a job's problem is said from (``JobRow``, the detail's ``PrintJobRow``)."""

    @property
    def status(self) -> JobStatus: ...
    @property
    def order(self) -> str | None: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def problem(self) -> JobProblem | None: ...
    @property
    def refused_status(self) -> OrderStatus | None: ...


_STATUS: dict[JobStatus, str] = {
    JobStatus.PENDING: str(QT_TRANSLATE_NOOP("PrintJob", "● Waiting")),
    JobStatus.SENDING: str(QT_TRANSLATE_NOOP("PrintJob", "▶ Sending")),
    JobStatus.DONE: str(QT_TRANSLATE_NOOP("PrintJob", "✔ Printed")),
    JobStatus.FAILED: str(QT_TRANSLATE_NOOP("PrintJob", "✖ Failed")),
    JobStatus.CANCELLED: str(QT_TRANSLATE_NOOP("PrintJob", "⊘ Cancelled")),
    JobStatus.INTERRUPTED: str(QT_TRANSLATE_NOOP("PrintJob", "⚠ Interrupted")),
}

_INTERRUPTED = str(
    QT_TRANSLATE_NOOP(
        "PrintJob",
        "The program stopped while sending this; it may have printed. "
        "If it did not, try it again; if it did, cancel it.",
    )
)


_WITHHELD = str(
    QT_TRANSLATE_NOOP(
        "PrintJob",
        "Not sent: order %1 is %2 (reopened, held or cancelled after this waybill was "
        "made); no label goes on a box that may not leave.",
    )
)
_VOIDED = str(
    QT_TRANSLATE_NOOP(
        "PrintJob",
        "Not sent: the tracking number on this waybill was voided (order %1 was reopened, "
        "or its carrier changed). Print a fresh waybill for the order.",
    )
)


def job_status_words(status: JobStatus) -> str:
    """A job's status with its icon, in the window's language."""
    known = _STATUS.get(status)
    return QCoreApplication.translate("PrintJob", known) if known else str(status)


def job_problem_words(job: JobFacts) -> str:
    """The job's problem ("" for none): for an interrupted job, or a waybill the waybill
    rule refused, what happened in the window's language; otherwise its last error as
    the spool recorded it (a printer's or a carrier's own words)."""
    if job.status is JobStatus.INTERRUPTED:
        return QCoreApplication.translate("PrintJob", _INTERRUPTED)
    if job.problem is JobProblem.WAYBILL_REFUSED and job.order and job.refused_status:
        return refusal_words(WaybillRefused([(job.order, job.refused_status)]))
    if job.problem is JobProblem.LABEL_WITHHELD and job.order:
        if job.refused_status is None:  # (its number was voided)
            return filled(QCoreApplication.translate("PrintJob", _VOIDED), job.order)
        said = QCoreApplication.translate("PrintJob", _WITHHELD)
        return filled(said, job.order, status_words(job.refused_status).lower())
    return job.last_error or ""
