"""How the documents of one order are doing: for the counter that just closed it, so
that a label that did not print is said loudly at the box, and so is the moment it
finally prints.

``read`` is one read-only unit of work (call it off the GUI thread); ``judge`` is a
pure function from what was read and how long ago the order closed to one of:
printed, still printing, or not printed (and why). ``requested_at`` finds the
documents asked of one counter's printers since the last look, whoever asked (its
own packer closing an order, a supervisor shipping short the box waiting there).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from app.db import unit_of_work
from app.models import (
    AuditEvent,
    JobProblem,
    JobStatus,
    Order,
    OrderStatus,
    Printer,
    PrintJob,
    Station,
)
from app.printing import job_problem

# a document still not printed this long after its order closed is said to have
# failed, even with no error yet (a printer that took the job and hangs)
PATIENCE_SECONDS = 8.0
_NOT_PRINTED = frozenset({JobStatus.FAILED, JobStatus.INTERRUPTED, JobStatus.CANCELLED})


@dataclass(frozen=True)
class DocumentJob:
    """The newest job of one document of the order."""

    document: str  # slip, waybill, ...
    parcel_id: int | None  # a waybill's parcel (each box of an order has its own)
    printer: str  # the printer's name
    status: JobStatus
    last_error: str | None
    problem: JobProblem | None = None  # a carrier's or the waybill rule's, not the printer's
    # a refused or withheld waybill's order status then (None for one withheld because
    # its number was voided): ``job_problem.read``
    refused_status: OrderStatus | None = None


class Printing(enum.Enum):
    PRINTED = "printed"  # every document of the order is printed
    PRINTING = "printing"  # under way, within the patience
    NOT_PRINTED = "not_printed"  # one failed, is stuck with an error, or takes too long
    NOTHING = "nothing"  # no document was sent to a printer (printing is off here)
    UNREAD = "unread"  # how they are doing could not be read (``problem`` says why)
    GAVE_UP = "gave_up"  # still not printed when the counter stopped following them


@dataclass(frozen=True)
class OrderPrinting:
    state: Printing
    jobs: tuple[DocumentJob, ...]
    problem: str | None = None  # why they could not be read (UNREAD)

    @property
    def missing(self) -> tuple[DocumentJob, ...]:
        """The documents not printed (yet)."""
        return tuple(job for job in self.jobs if job.status is not JobStatus.DONE)


def read(engine: Engine, order_id: int) -> tuple[DocumentJob, ...]:
    """The newest job of each document of the order, each parcel's waybill its own (a
    reprint's replaces the first)."""
    with unit_of_work(engine, read_only=True) as s:
        rows = s.execute(
            select(
                PrintJob.document,
                PrintJob.parcel_id,
                Printer.name,
                PrintJob.status,
                PrintJob.last_error,
                PrintJob.problem,
            )
            .join(Printer, Printer.id == PrintJob.printer_id)
            .where(PrintJob.order_id == order_id)
            .order_by(PrintJob.id)
        ).all()
    newest = {
        (document, parcel): DocumentJob(
            document,
            parcel,
            name,
            JobStatus(status),
            error,
            *job_problem.read(problem),
        )
        for document, parcel, name, status, error, problem in rows
    }
    return tuple(newest.values())


def judge(jobs: Sequence[DocumentJob], seconds_since_close: float) -> OrderPrinting:
    """Printed, printing or not printed, from the jobs as read."""
    jobs = tuple(jobs)
    if not jobs:
        return OrderPrinting(Printing.NOTHING, jobs)
    if all(job.status is JobStatus.DONE for job in jobs):
        return OrderPrinting(Printing.PRINTED, jobs)
    stuck = any(
        job.status in _NOT_PRINTED or (job.status is not JobStatus.DONE and job.last_error)
        for job in jobs
    )
    if stuck or seconds_since_close >= PATIENCE_SECONDS:
        return OrderPrinting(Printing.NOT_PRINTED, jobs)
    return OrderPrinting(Printing.PRINTING, jobs)


@dataclass(frozen=True)
class Requested:
    """Documents of an order asked of a counter's printers (``audit_id``: the request's
    audit row)."""

    audit_id: int
    order_id: int
    number: str


FIRST_LOOK_ROWS = 1000  # audit rows a first look goes back over, for those since it began


def requested_at(
    engine: Engine, station: str, after: int | None, since: datetime | None = None
) -> tuple[int, list[Requested]]:
    """The requests for documents at counter ``station`` written after audit row
    ``after``, and the newest audit row now. A first look (``after`` None) finds those
    made since ``since`` (as the rows are stamped), among the last ``FIRST_LOOK_ROWS``
    rows. (Rows are numbered as they are written, not as they commit: one written a
    moment before another may show up after it, so a caller looks a little back and
    skips the requests it has seen.)"""
    with unit_of_work(engine, read_only=True) as s:
        newest = s.scalar(select(func.max(AuditEvent.id))) or 0
        here = select(Station.id).where(Station.name == station).scalar_subquery()
        asked = select(AuditEvent.id, AuditEvent.entity_id, Order.external_number).join(
            Order, Order.id == AuditEvent.entity_id
        )
        if after is None:
            after = newest - FIRST_LOOK_ROWS
            if since is not None:
                asked = asked.where(AuditEvent.at >= since)
        rows = s.execute(
            asked.where(
                AuditEvent.id > after,
                AuditEvent.action == "print.requested",
                AuditEvent.entity == "order",
                AuditEvent.station_id == here,
            ).order_by(AuditEvent.id)
        ).all()
    return newest, [
        Requested(audit_id, order_id, number)
        for audit_id, order_id, number in rows
        if order_id is not None  # (the join keeps only rows naming an order)
    ]
