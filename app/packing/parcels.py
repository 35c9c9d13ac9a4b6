"""Parcels at the counter: NEXT-PARCEL begins another box for the rest of the order
(each box gets its own waybill), and UNDO takes back one begun by mistake while it
is still empty and nothing has been printed for it."""

from __future__ import annotations

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from app import lifecycle
from app.models import Order, Parcel, PrintJob, ScanEvent
from app.packing.command_codes import Command
from app.packing.open_order_reply import reply
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Committed
from app.packing.verdict import PACKED_OUTCOMES
from app.packing.words import said

# a NEXT-PARCEL that began a parcel, as logged (a refused one began none)
BEGAN_PARCEL = ScanEvent.began_parcel.is_not(None)


def next_parcel(eng: ScanStation, step: Step, order: Order) -> Committed:
    """A new box for the rest of the order; refused while the one begun last is still
    empty."""
    s = step.s
    count = s.scalar(select(func.count()).where(Parcel.order_id == order.id)) or 0
    began_id = s.scalar(
        select(func.max(ScanEvent.id)).where(
            ScanEvent.order_id == order.id, BEGAN_PARCEL, ScanEvent.undone_by_id.is_(None)
        )
    )
    if not _packed_since(s, order.id, began_id or 0):
        return reply(
            eng,
            step,
            order,
            Command.NEXT_PARCEL,
            said("parcel_empty", max(count, 1)),
            warning="parcel is empty",
        )
    if count == 0:
        s.add(Parcel(order_id=order.id, seq=1))  # the box packed so far
        count = 1
    s.add(Parcel(order_id=order.id, seq=count + 1))
    lifecycle.touch(order)
    return reply(
        eng,
        step,
        order,
        Command.NEXT_PARCEL,
        said("parcel_started", count + 1, order.external_number),
        began_parcel=count + 1,
    )


def take_back(eng: ScanStation, step: Step, order: Order, began: ScanEvent) -> Committed:
    """UNDO of the NEXT-PARCEL ``began``: its parcel goes while it is the order's
    newest, nothing went into it and nothing was printed for it; else it stays, and
    the packer is told why."""
    s = step.s
    parcel = s.scalar(
        select(Parcel).where(Parcel.order_id == order.id).order_by(Parcel.seq.desc()).limit(1)
    )
    kept = (
        "parcel_not_newest"  # another station began one after it
        if parcel is None or parcel.seq != began.began_parcel
        else "parcel_filled"
        if _packed_since(s, order.id, began.id)
        else "parcel_printed"
        if _printed(s, order.id, parcel)
        else None
    )
    if kept is not None:
        return reply(
            eng, step, order, Command.UNDO, said(kept, began.began_parcel), warning="parcel kept"
        )
    assert parcel is not None
    s.delete(parcel)
    lifecycle.touch(order)
    decision = reply(
        eng, step, order, Command.UNDO, said("parcel_undone", parcel.seq, parcel.seq - 1)
    )
    began.undone_by_id = decision.event_id
    return decision


def _packed_since(s: Session, order_id: int, event_id: int) -> bool:
    """Whether a unit went into the order (and still counts) after scan ``event_id``."""
    packed = s.scalar(
        select(ScanEvent.id)
        .where(
            ScanEvent.order_id == order_id,
            ScanEvent.outcome.in_(sorted(PACKED_OUTCOMES)),
            ScanEvent.units > 0,
            ScanEvent.undone_by_id.is_(None),
            ScanEvent.id > event_id,
        )
        .limit(1)
    )
    return packed is not None


def _printed(s: Session, order_id: int, parcel: Parcel) -> bool:
    """Whether a label may be out for the parcel: it has its SSCC or tracking number,
    a print job names it (cancelled ones too: one may have printed after all), or a
    waybill of the whole order was asked for since it was begun."""
    if parcel.sscc is not None or parcel.tracking_number is not None:
        return True
    named = or_(
        PrintJob.parcel_id == parcel.id,
        and_(
            PrintJob.order_id == order_id,
            PrintJob.parcel_id.is_(None),
            PrintJob.document == "waybill",
            # compared in the database, where both are its own timestamps
            PrintJob.created_at
            >= select(Parcel.created_at).where(Parcel.id == parcel.id).scalar_subquery(),
        ),
    )
    return bool(s.scalar(select(exists().where(named))))
