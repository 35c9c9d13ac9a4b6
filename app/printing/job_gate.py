"""The last word on a waybill job's bytes: they go to a printer only while the order may
leave (``waybill_rule.MAY_LEAVE``) and the tracking number on them is still its
parcel's, the one the dock knows.

A waybill's bytes outlive the moment they were made: a job that failed to reach its
printer waits with them, an interrupted one is tried again with them, a reprint copies
them. A supervisor who reopens, holds or cancels the order in between cancels the jobs
waiting then, not the ones interrupted or printed; and a reopen voids the parcel's
number. So the spool asks here, in the transaction that claims a job whose bytes were
made before (``withheld``: the order locked, one read by primary key), and such a job is
cancelled there instead of sent, with its problem (``LABEL_WITHHELD``) and an audit event
(``print.withheld``). A job rendered when it is claimed is made from the order as it
stands (``parcel_labels.ensure_tracking`` asks the rule with the order locked). Every
waybill is asked once more last, after its printer's status was asked and just before
its bytes are sent (``withheld_once_made``): a reopen committed after the claim leaves a
job being sent alone.

A person who tries again an interrupted waybill, or reprints one, whose number was voided
is refused (``LabelVoided``): its label must never be printed again; a fresh waybill
(reprinted from the board) carries the parcel's new number. The refusal is recorded in
the audit (``waybill.refused``, as the rule's are) after the person's transaction is
rolled back (``voids_recorded``).

Acting on a job locks in the order a supervisor's action on its order does
(``job_locked``): the order, then the central chain heads, then the job.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from app.audit.chain import chain_of
from app.audit.lock_order import family_locked
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import AuditEvent, JobProblem, JobStatus, Order, OrderStatus, Parcel, PrintJob
from app.shipping.waybill_rule import MAY_LEAVE

VOIDED = "voided"  # the fact of a withheld label whose number was voided


class LabelVoided(PackdeskError):
    """Print job ``job_id``'s waybill for order ``order`` carries ``tracking_number``,
    which is no longer its parcel's (voided when the order was reopened, or its carrier
    changed), or (None) no number recorded while its parcel has one now: it is never
    printed again."""

    def __init__(
        self, job_id: int, order: str, tracking_number: str | None, order_id: int | None = None
    ) -> None:
        self.job_id, self.order, self.tracking_number = job_id, order, tracking_number
        self.order_id = order_id
        what = (
            f"carries tracking number {tracking_number}, which was voided (the order was "
            "reopened, or its carrier changed)"
            if tracking_number
            else "carries no tracking number that is still its parcel's (it was made before "
            "the parcel had its number now, or before jobs recorded their numbers)"
        )
        super().__init__(
            f"Print job {job_id}'s waybill for order {order} {what}: it must not be printed "
            "again. Print a fresh waybill for the order (reprint its waybill from the board)."
        )


@dataclass(frozen=True)
class Withheld:
    """Why a job's bytes are not sent: its problem (stored) and the English words."""

    problem: str
    words: str


def _live(s: Session, job: PrintJob | _Job, *, lock: bool) -> tuple[str, OrderStatus, str | None]:
    """The job's order's number and status, and its parcel's live tracking number (the
    order's first parcel's for a job with none); the order locked when ``lock``."""
    parcel = select(Parcel.tracking_number)
    parcel = (
        parcel.where(Parcel.id == job.parcel_id)
        if job.parcel_id is not None
        else parcel.where(Parcel.order_id == Order.id).order_by(Parcel.seq).limit(1)
    )
    query = select(Order.external_number, Order.status, parcel.scalar_subquery()).where(
        Order.id == job.order_id
    )
    if lock:
        query = query.with_for_update(of=Order)
    number, status, tracking = s.execute(query).one()
    return number, OrderStatus(status), tracking


@dataclass(frozen=True)
class _Job:
    """What the spool's claim read of a job (plain values)."""

    id: int
    order_id: int
    parcel_id: int | None
    tracking_number: str | None


def withheld(
    s: Session,
    job_id: int,
    order_id: int,
    parcel_id: int | None,
    tracking_number: str | None,
    job_status: JobStatus = JobStatus.PENDING,
) -> Withheld | None:
    """In the spool's claim of a waybill job whose bytes were made before: None when
    they may go; else the job is cancelled (with its problem and words) and that is
    recorded in the audit, in this transaction, and why is returned (a job still in
    ``job_status``). The order is locked first (then the chain heads, then the job:
    ``job_locked``'s order)."""
    job = _Job(job_id, order_id, parcel_id, tracking_number)
    number, status, live = _live(s, job, lock=True)
    if status not in MAY_LEAVE:
        why = Withheld(
            f"{JobProblem.LABEL_WITHHELD.value}:{status.value}",
            f"Not sent: order {number} is {status.value} (reopened, held or cancelled after "
            "this waybill was made); no label goes on a box that may not leave.",
        )
    elif live != tracking_number:
        why = Withheld(
            f"{JobProblem.LABEL_WITHHELD.value}:{VOIDED}",
            f"Not sent: this waybill's tracking number {tracking_number or '(none)'} was "
            f"voided (order {number} was reopened, or its carrier changed). Print a fresh "
            "waybill for the order.",
        )
    else:
        return None
    s.add(
        AuditEvent(
            at=db_now(s),
            action="print.withheld",
            entity="order",
            entity_id=order_id,
            details={"job": job_id, "order": number, "status": status.value,
                     "tracking_number": tracking_number, "live": live, "message": why.words},
        )
    )  # fmt: skip
    s.flush()  # (the chain heads before the job)
    s.execute(
        update(PrintJob)
        .where(PrintJob.id == job_id, PrintJob.status == job_status)
        .values(status=JobStatus.CANCELLED, last_error=why.words[:500], problem=why.problem)
    )
    return why


def withheld_once_made(
    engine: Engine,
    job_id: int,
    job: tuple[str, int | None, int | None],
    tracking_number: str | None,
) -> Withheld | None:
    """Just before a waybill job's bytes are sent, made before its claim or after it
    (``job``: its document, order and parcel): None when its order may still leave and
    the number on them is still its parcel's (one read, by primary key, no lock); else
    ``withheld`` asks again with the order locked, and cancels the job (still sending)
    if so."""
    document, order_id, parcel_id = job
    if document != "waybill" or order_id is None:
        return None
    with unit_of_work(engine, read_only=True) as s:
        _, status, live = _live(s, _Job(job_id, order_id, parcel_id, None), lock=False)
    if status in MAY_LEAVE and live == tracking_number:
        return None
    with unit_of_work(engine) as s:
        return withheld(s, job_id, order_id, parcel_id, tracking_number, JobStatus.SENDING)


def require_live_label(s: Session, job: PrintJob) -> None:
    """``LabelVoided`` unless a waybill job's bytes (when it has them) carry its parcel's
    live tracking number; asked with the order locked (``job_locked``)."""
    if job.document != "waybill" or job.order_id is None or job.payload is None:
        return
    number, _, live = _live(s, job, lock=False)
    if live != job.tracking_number:
        raise LabelVoided(job.id, number, job.tracking_number, job.order_id)


@contextmanager
def voids_recorded(engine: Engine, *, user_id: int | None, how: str) -> Iterator[None]:
    """Around a person's unit of work on a job (outside it, as
    ``waybill_rule.refusals_recorded``): a ``LabelVoided`` raised in it is recorded in
    the audit (``waybill.refused``, on the order, with ``how`` and the job) once that
    unit of work is rolled back, committed on its own, then raised again."""
    try:
        yield
    except LabelVoided as voided:
        on_order = voided.order_id is not None
        with unit_of_work(engine) as s:
            s.add(
                AuditEvent(
                    at=db_now(s),
                    user_id=user_id,
                    action="waybill.refused",
                    entity="order" if on_order else "print_job",
                    entity_id=voided.order_id if on_order else voided.job_id,
                    details={"order": voided.order, "how": how, "job": voided.job_id,
                             "tracking_number": voided.tracking_number,
                             "message": str(voided)},
                )
            )  # fmt: skip
        raise


def job_locked(s: Session, job_id: int) -> PrintJob | None:
    """Print job ``job_id`` locked for a person's action on it (cancel, retry), after
    its order and the central chain heads its audit event moves: the order first, as a
    supervisor's action on the order locks it (its reopen then takes those heads and
    updates the order's waiting jobs), so the two never wait for each other."""
    order_id = s.scalar(select(PrintJob.order_id).where(PrintJob.id == job_id))
    if order_id is not None:
        s.execute(select(Order.id).where(Order.id == order_id).with_for_update())
    family_locked(s.connection(), chain_of(None))
    return s.get(PrintJob, job_id, with_for_update=True, populate_existing=True)
