"""Print jobs as rows: queued inside the caller's transaction, rendered once (a reprint
sends the same bytes), listed, cancelled while pending, tried again when failed,
tried again or cancelled when interrupted (see ``app.printing.spool``), reprinted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, event, insert, select
from sqlalchemy.orm import Session

from app import permissions
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import (
    AuditEvent,
    JobProblem,
    JobStatus,
    Order,
    OrderStatus,
    Parcel,
    Printer,
    PrintJob,
)
from app.packing.print_request import PrintRequest, record_request
from app.permissions import Action
from app.printing import build, job_problem, printers
from app.printing.job_gate import job_locked, require_live_label, voids_recorded
from app.shipping import waybill_rule

Wake = Callable[[set[int]], None]


@dataclass(frozen=True)
class JobRow:
    id: int
    printer: str
    document: str
    format: str
    status: JobStatus
    attempts: int
    order: str | None
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    reprint_of_id: int | None
    # what kind of problem ``last_error`` is, for a screen's own words (``job_problem``);
    # for a refused waybill, its order's status when it was refused
    problem: JobProblem | None = None
    refused_status: OrderStatus | None = None


def _row(s: Session, job: PrintJob) -> JobRow:
    printer = s.get_one(Printer, job.printer_id)
    order = s.get(Order, job.order_id) if job.order_id else None
    return JobRow(
        job.id,
        printer.name,
        job.document,
        job.format,
        job.status,
        job.attempts,
        order.external_number if order else None,
        job.last_error,
        job.created_at,
        job.sent_at,
        job.reprint_of_id,
        *job_problem.read(job.problem),
    )


def add_job(
    s: Session,
    printer: Printer,
    document: str,
    *,
    order_id: int | None = None,
    parcel: Parcel | None = None,
    payload: bytes | None = None,
    wake: Wake | None = None,
) -> PrintJob:
    """A pending job; ``wake`` is told the printer's id once the transaction commits."""
    job = PrintJob(
        printer_id=printer.id,
        order_id=order_id,
        parcel=parcel,
        document=document,
        format=printer.language,
        status=JobStatus.PENDING,
        payload=payload,
        attempts=0,
    )
    s.add(job)
    if wake is not None:
        wake_after_commit(s, wake, printer.id)
    return job


def wake_after_commit(s: Session, wake: Wake, printer_id: int) -> None:
    """Tell ``wake`` the printer's id once ``s`` commits: all the printers a
    transaction queued jobs for, in one call (one listener per transaction)."""
    waiting: dict[Wake, set[int]] = s.info.setdefault("packdesk_wake", {})
    if wake not in waiting:
        waiting[wake] = set()

        def committed(_s: Session) -> None:
            printer_ids = waiting.pop(wake, None)
            if printer_ids:
                wake(printer_ids)

        event.listen(s, "after_commit", committed, once=True)
        # rolled back: the jobs are gone, and a later commit of the session wakes nobody
        event.listen(s, "after_rollback", lambda _s: waiting.pop(wake, None), once=True)
    waiting[wake].add(printer_id)


_ADD_JOBS = insert(PrintJob)


class DatabaseSpool:
    """The ``PrintSpool`` the packing engine calls on order complete: one job per
    document (per parcel for waybills), in the same transaction as the order's close,
    written with plain INSERTs (no ORM object to flush while the packer waits)."""

    def __init__(self, wake: Wake | None = None) -> None:
        self.wake = wake

    def submit(self, s: Session, request: PrintRequest) -> None:
        order_id, documents = request.order_id, request.documents
        if not documents:
            return
        with s.no_autoflush:  # the caller's pending changes go out at its commit
            chosen = printers.printers_for(s, request.station_id, documents)
        conn = s.connection()
        rows: list[dict[str, object]] = []
        for document in documents:
            printer = chosen[document]
            waybill = document == "waybill"
            for parcel_id in build.parcel_ids(conn, order_id) if waybill else [None]:
                rows.append(
                    {
                        "printer_id": printer.id,
                        "order_id": order_id,
                        "parcel_id": parcel_id,
                        "document": document,
                        "format": printer.language,
                        "status": JobStatus.PENDING,
                        "attempts": 0,
                    }
                )
        conn.execute(_ADD_JOBS, rows)
        if self.wake is not None:
            for printer in set(chosen.values()):
                wake_after_commit(s, self.wake, printer.id)
        record_request(s, request)


def list_jobs(engine: Engine, *, status: str | None = None, limit: int = 50) -> list[JobRow]:
    with unit_of_work(engine, read_only=True) as s:
        query = select(PrintJob).order_by(PrintJob.id.desc()).limit(limit)
        if status:
            query = query.where(PrintJob.status == JobStatus(status))
        return [_row(s, j) for j in s.scalars(query)]


def record_job(s: Session, job: PrintJob, action: str, user_id: int | None, **details: Any) -> None:
    """A person's doing to a print job, in the audit: on its order when it has one
    (so an order's audit shows its reprints), else on the job."""
    on_order = job.order_id is not None
    s.add(
        AuditEvent(
            at=db_now(s),
            user_id=user_id,
            action=action,
            entity="order" if on_order else "print_job",
            entity_id=job.order_id if on_order else job.id,
            details={"job": job.id, "document": job.document, **details},
        )
    )


def _acting(engine: Engine, user_id: int | None, action: Action, job_id: int) -> int:
    """Who acts on print job ``job_id``: their role must allow ``action``, else the
    refusal is recorded and ``NotAllowed`` raised (before the unit of work begins)."""
    return permissions.require(
        engine, user_id, action, entity="print_job", entity_id=job_id
    ).user_id


def cancel(engine: Engine, job_id: int, user_id: int | None = None) -> JobRow:
    """Cancel a job that waits, or an interrupted one a person found printed after all
    (it then no longer asks for attention); recorded (``print.cancelled``). A lead or
    above acts (``user_id``: as a reprint, it decides whether a label exists; the
    refusal names what was asked, ``CANCEL_PRINT_JOB``). Its order is locked first,
    then the chain heads, then the job (``job_gate.job_locked``): a reopen of the order
    at the same moment, which cancels its waiting waybills, waits or is waited for."""
    user_id = _acting(engine, user_id, Action.CANCEL_PRINT_JOB, job_id)
    with unit_of_work(engine) as s:
        job = job_locked(s, job_id)
        if job is None:
            raise PackdeskError(f"No print job {job_id}.")
        if job.status not in (JobStatus.PENDING, JobStatus.INTERRUPTED):
            raise PackdeskError(
                f"Print job {job_id} is {job.status.value}; only pending or interrupted jobs "
                "can be cancelled."
            )
        job.status = JobStatus.CANCELLED
        record_job(s, job, "print.cancelled", user_id)
        return _row(s, job)


def retry(
    engine: Engine, job_id: int, wake: Wake | None = None, user_id: int | None = None
) -> JobRow:
    """Try a job again now: a failed one goes back to pending (rendered afresh, so a
    corrected address is used); an interrupted one (its program stopped mid-send, so
    a person checked the printer) goes back to pending with the same bytes, first in
    its printer's line again (refused, ``LabelVoided``, for a waybill whose tracking
    number was voided since: ``job_gate``; the refusal recorded, ``waybill.refused``);
    a pending one cuts its printer's back-off short. Any active user acts (``user_id``:
    a packer whose printer ran out of paper may). The job's order is locked first
    (``job_gate.job_locked``), as in ``cancel``."""
    user_id = _acting(engine, user_id, Action.PACK, job_id)
    how = f"retry of print job {job_id}"
    with voids_recorded(engine, user_id=user_id, how=how), unit_of_work(engine) as s:
        job = job_locked(s, job_id)
        if job is None:
            raise PackdeskError(f"No print job {job_id}.")
        if job.status is JobStatus.INTERRUPTED:
            require_live_label(s, job)  # (its bytes are sent again)
        if job.status is JobStatus.FAILED:
            job.status = JobStatus.PENDING
            job.payload = job.tracking_number = None
            job.attempts = 0  # a carrier's API given up on is asked its full tries again
        elif job.status is JobStatus.INTERRUPTED:
            job.status = JobStatus.PENDING
            job.last_error = None  # not a reason to wait: the printer's line would say so
        elif job.status is not JobStatus.PENDING:
            raise PackdeskError(
                f"Print job {job_id} is {job.status.value}; only failed, interrupted or "
                "waiting jobs can be tried again (reprint prints a job again)."
            )
        if wake is not None:
            wake_after_commit(s, wake, job.printer_id)
        record_job(s, job, "print.retried", user_id)
        return _row(s, job)


def reprint(
    engine: Engine, job_id: int, wake: Wake | None = None, user_id: int | None = None
) -> JobRow:
    """A new job with the same bytes (rendered now if the original never was);
    recorded (``print.reprint``: a duplicate waybill is a second parcel's label). A
    lead or above acts (``user_id``). A waybill's is refused for an order not packed
    or shipped (``waybill_rule``), read with the order locked as the job is written,
    and for bytes whose tracking number was voided since (``LabelVoided``: a reopened
    box's old label must never print again; a fresh waybill is printed instead); either
    refusal is recorded (``waybill.refused``)."""
    user_id = _acting(engine, user_id, Action.REPRINT, job_id)
    how = f"reprint of print job {job_id}"
    with (
        waybill_rule.refusals_recorded(engine, user_id=user_id, how=how),
        voids_recorded(engine, user_id=user_id, how=how),
        unit_of_work(engine) as s,
    ):
        original = s.get(PrintJob, job_id)
        if original is None:
            raise PackdeskError(f"No print job {job_id}.")
        if original.document == "waybill" and original.order_id is not None:
            waybill_rule.require_may_leave(s, [original.order_id])  # (the order locked)
            require_live_label(s, original)
        printer = s.get_one(Printer, original.printer_id)
        job = add_job(
            s,
            printer,
            original.document,
            order_id=original.order_id,
            parcel=s.get(Parcel, original.parcel_id) if original.parcel_id else None,
            payload=original.payload,
            wake=wake,
        )
        job.format, job.tracking_number = original.format, original.tracking_number
        job.reprint_of_id = original.id
        s.flush()
        record_job(s, job, "print.reprint", user_id, reprint_of=original.id)
        return _row(s, job)
