"""Parcels at the counter: NEXT-PARCEL begins another box for the rest of the order
(each box gets its own waybill), and UNDO takes back one begun by mistake while it
is still empty."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from app import lifecycle
from app.models import Order, Parcel, PrintJob, ScanEvent
from app.packing.command_codes import Command
from app.packing.command_reply import reply
from app.packing.record import Step
from app.packing.state import Decision
from app.packing.verdict import PACKED, Outcome
from app.packing.words import said

if TYPE_CHECKING:
    from app.packing.engine import PackingEngine


# a scan of NEXT-PARCEL, as logged (refused ones too: the command's code and outcome)
BEGAN_PARCEL = and_(
    ScanEvent.outcome == Outcome.COMMAND.value,
    func.upper(ScanEvent.code) == Command.NEXT_PARCEL.barcode,
)


def next_parcel(eng: PackingEngine, step: Step, order: Order) -> Decision:
    """A new box for the rest of the order; refused while the one begun last is still
    empty."""
    count = step.s.scalar(select(func.count()).where(Parcel.order_id == order.id)) or 0
    if not _packed_since_last_parcel(step.s, order.id):
        return reply(
            eng,
            step,
            order,
            Command.NEXT_PARCEL,
            said("parcel_empty", max(count, 1)),
            warning="parcel is empty",
        )
    if count == 0:
        step.s.add(Parcel(order_id=order.id, seq=1))  # the box packed so far
        count = 1
    step.s.add(Parcel(order_id=order.id, seq=count + 1))
    lifecycle.touch(order)
    return reply(
        eng,
        step,
        order,
        Command.NEXT_PARCEL,
        said("parcel_started", count + 1, order.external_number),
    )


def take_back(eng: PackingEngine, step: Step, order: Order, last: ScanEvent) -> Decision | None:
    """UNDO of NEXT-PARCEL (``last``): the box begun last is taken back while nothing
    is in it nor printed for it. None when there is no such box."""
    s = step.s
    if _packed_since_last_parcel(s, order.id):
        return None
    parcel = s.scalar(
        select(Parcel).where(Parcel.order_id == order.id).order_by(Parcel.seq.desc()).limit(1)
    )
    if (
        parcel is None
        or parcel.seq < 2
        or s.scalar(select(exists().where(PrintJob.parcel_id == parcel.id)))
    ):
        return None
    s.delete(parcel)
    lifecycle.touch(order)
    decision = reply(
        eng, step, order, Command.UNDO, said("parcel_undone", parcel.seq, parcel.seq - 1)
    )
    last.undone_by_id = decision.event_id
    return decision


def _packed_since_last_parcel(s: Session, order_id: int) -> bool:
    """Whether a unit went into the order (and still counts) since NEXT-PARCEL was last
    scanned for it (and not taken back), or at all if never."""
    started = s.scalar(
        select(func.max(ScanEvent.id)).where(
            ScanEvent.order_id == order_id, BEGAN_PARCEL, ScanEvent.undone_by_id.is_(None)
        )
    )
    packed = s.scalar(
        select(ScanEvent.id)
        .where(
            ScanEvent.order_id == order_id,
            ScanEvent.outcome.in_(sorted(PACKED)),
            ScanEvent.units > 0,
            ScanEvent.undone_by_id.is_(None),
            ScanEvent.id > (started or 0),
        )
        .limit(1)
    )
    return packed is not None
