"""Parcels at the counter, through the engine's shell: NEXT-PARCEL begins another box
for the rest of the order (each box gets its own waybill), and what UNDO of one
needs to know (whether it is still empty and unprinted); decided by
``app.packing.undo_rules``."""

from __future__ import annotations

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from app.models import Parcel, PrintJob, ScanEvent
from app.packing import lookup, scan_writer
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Committed
from app.packing.undo_rules import NewestParcel, NextParcelFacts, decide_next_parcel
from app.packing.verdict import PACKED_OUTCOMES

# a NEXT-PARCEL that began a parcel, as logged (a refused one began none)
BEGAN_PARCEL = ScanEvent.began_parcel.is_not(None)


def next_parcel(eng: ScanStation, step: Step, order: lookup.OrderAsRead) -> Committed:
    """A new box for the rest of the open ``order`` (row-locked): the facts read here,
    decided by ``app.packing.undo_rules``."""
    s = step.s
    count = s.scalar(select(func.count()).where(Parcel.order_id == order.id)) or 0
    began_id = s.scalar(
        select(func.max(ScanEvent.id)).where(
            ScanEvent.order_id == order.id, BEGAN_PARCEL, ScanEvent.undone_by_id.is_(None)
        )
    )
    filled = _packed_since(s, order.id, began_id or 0)
    facts = NextParcelFacts(order, count, filled, eng.options.weighing.weighs)
    return scan_writer.write(eng, step, decide_next_parcel(facts))


def newest_parcel(s: Session, order_id: int, *, began_by: int) -> NewestParcel | None:
    """The order's newest parcel, and whether a unit went into the order since the
    scan ``began_by`` (a NEXT-PARCEL) and a label may be out for it."""
    parcel = s.scalar(
        select(Parcel).where(Parcel.order_id == order_id).order_by(Parcel.seq.desc()).limit(1)
    )
    if parcel is None:
        return None
    filled = _packed_since(s, order_id, began_by)
    return NewestParcel(parcel.id, parcel.seq, filled, _printed(s, order_id, parcel))


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
