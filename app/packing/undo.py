"""UNDO through the engine's shell: the last thing the station did in the open order
(a packed item, a short mark, a parcel begun, a parcel's weight) read, decided by
``app.packing.undo_rules`` and written by ``app.packing.scan_writer``; with no order
open, the station's last scan and the order it held short read too (the rule decides
whether that order is packed here again first)."""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.models import OrderHistory, OrderStatus, Parcel, ScanEvent
from app.packing import lookup, parcels, scan_writer
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Committed
from app.packing.undo_rules import (
    HeldShort,
    LastDone,
    LastMove,
    UndoFacts,
    WeighedParcel,
    decide_undo,
)
from app.packing.verdict import AT_THE_BOX, PACKED_OUTCOMES, Outcome

S = OrderStatus


# what UNDO can take back: a packed item, a short mark, a parcel begun
_UNDOABLE = or_(
    and_(ScanEvent.outcome.in_(sorted(PACKED_OUTCOMES)), ScanEvent.units > 0),
    ScanEvent.short_units > 0,
    parcels.BEGAN_PARCEL,
)


def undo(
    eng: ScanStation, step: Step, order: lookup.OrderAsRead, held: HeldShort | None = None
) -> Committed:
    """Take back the last thing this station did in the open ``order`` (row-locked; or
    in the order ``held`` short, with no order open): the facts read here, decided by
    ``app.packing.undo_rules``."""
    s = step.s
    last = s.execute(
        select(
            ScanEvent.id,
            ScanEvent.line_id,
            ScanEvent.units,
            ScanEvent.short_units,
            ScanEvent.began_parcel,
            ScanEvent.outcome == Outcome.PARCEL_COMPLETE.value,
        )
        .where(
            ScanEvent.order_id == order.id,
            ScanEvent.station_id == eng.station_id,
            ScanEvent.undone_by_id.is_(None),
            _UNDOABLE,
        )
        .order_by(ScanEvent.id.desc())
        .limit(1)
    ).first()
    done = LastDone(*last) if last is not None else None
    parcel, weighed = None, None
    if done is not None and done.began_parcel is not None:
        parcel = parcels.newest_parcel(s, order.id, began_by=done.event_id)
        if done.weighed:
            weighed = _weighed_parcel(s, order.id, done.began_parcel - 1)
    facts = UndoFacts(order, eng.awaiting, done, parcel, weighed, held)
    return scan_writer.write(eng, step, decide_undo(facts))


def _weighed_parcel(s: Session, order_id: int, seq: int) -> WeighedParcel | None:
    """Parcel ``seq`` of the order, with the weight that closed it."""
    found = s.execute(
        select(Parcel.id, Parcel.weight_g, Parcel.weight_key).where(
            Parcel.order_id == order_id, Parcel.seq == seq
        )
    ).first()
    if found is None or found.weight_g is None:
        return None
    return WeighedParcel(found.id, seq, found.weight_g, found.weight_key)


def held_short(eng: ScanStation, s: Session) -> HeldShort | None:
    """For UNDO with no order open: the station's last scan at a box and the order it
    was in, row-locked, with the order's newest move; None when it was in no order.
    Whether it is the scan that put its order on hold for being short (and UNDO
    packs the order here again) is ``undo_rules``' to decide."""
    last = s.execute(
        select(
            ScanEvent.id,
            ScanEvent.order_id,
            ScanEvent.user_id,
            ScanEvent.undone_by_id,
            ScanEvent.remaining_after,
            ScanEvent.short_units,
            ScanEvent.units,
            ScanEvent.outcome,
        )
        .where(ScanEvent.station_id == eng.station_id, ScanEvent.outcome.in_(sorted(AT_THE_BOX)))
        .order_by(ScanEvent.id.desc())
        .limit(1)
    ).first()
    if last is None or last.order_id is None:
        return None
    order = lookup.lock_order(s.connection(), last.order_id)
    if order is None:
        return None
    move = s.execute(
        select(
            OrderHistory.from_status,
            OrderHistory.station_id,
            OrderHistory.user_id,
            OrderHistory.reason,
        )
        .where(OrderHistory.order_id == order.id)
        .order_by(OrderHistory.id.desc())
        .limit(1)
    ).first()
    return HeldShort(
        event_id=last.id,
        scanned_by=last.user_id,
        undone=last.undone_by_id is not None,
        remaining_after=last.remaining_after,
        held_it=bool(last.short_units or (last.outcome == Outcome.ACCEPTED.value and last.units)),
        order=order,
        last_move=LastMove(*move) if move is not None else None,
        station_id=eng.station_id,
        user_id=eng.user_id,
    )
