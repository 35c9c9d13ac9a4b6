"""UNDO through the engine's shell: the last thing the station did in the open order
(a packed item, a short mark, a parcel begun) read, decided by
``app.packing.undo_rules`` and written by ``app.packing.scan_writer``; and, right
after the station's last scan put its order on hold for being short, that order
packed here again first."""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app import lifecycle
from app.models import Order, OrderHistory, OrderStatus, Parcel, ScanEvent
from app.packing import lookup, parcels, scan_writer
from app.packing.item_rules import SHORT_HOLD
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Committed
from app.packing.undo_rules import LastDone, UndoFacts, WeighedParcel, decide_undo
from app.packing.verdict import AT_THE_BOX, PACKED_OUTCOMES, Outcome

S = OrderStatus


# what UNDO can take back: a packed item, a short mark, a parcel begun
_UNDOABLE = or_(
    and_(ScanEvent.outcome.in_(sorted(PACKED_OUTCOMES)), ScanEvent.units > 0),
    ScanEvent.short_units > 0,
    parcels.BEGAN_PARCEL,
)


def undo(eng: ScanStation, step: Step, order: lookup.OrderAsRead) -> Committed:
    """Take back the last thing this station did in the open ``order`` (row-locked):
    the facts read here, decided by ``app.packing.undo_rules``."""
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
    facts = UndoFacts(order, eng.awaiting, done, parcel, weighed)
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


def reopen_short_hold(eng: ScanStation, s: Session) -> Order | None:
    """UNDO with no order open, right after this station's last scan put its order on
    hold for being short (the item scanned after SHORT, or the last item packed): the
    order is packed here again, locked, for ``undo`` to take that scan back. None
    when the station's last scan did anything else, was someone else's, or the order
    moved since (a supervisor's hold, even from this station, is never lifted)."""
    last = s.scalar(
        select(ScanEvent)
        .where(ScanEvent.station_id == eng.station_id, ScanEvent.outcome.in_(sorted(AT_THE_BOX)))
        .order_by(ScanEvent.id.desc())
        .limit(1)
    )
    if (
        last is None
        or last.order_id is None
        or last.undone_by_id is not None
        or last.user_id != eng.user_id
        or last.remaining_after != 0  # it left nothing to pack: it is what held the order
        or not (last.short_units or (last.outcome == Outcome.ACCEPTED.value and last.units))
    ):
        return None
    order = s.get_one(Order, last.order_id, with_for_update=True)
    held = s.scalar(
        select(OrderHistory)
        .where(OrderHistory.order_id == order.id)
        .order_by(OrderHistory.id.desc())
        .limit(1)
    )
    if (
        order.status != S.ON_HOLD
        or held is None
        or (held.from_status, held.station_id, held.user_id)
        != (S.PACKING.value, eng.station_id, last.user_id)
        or not (held.reason or "").endswith(SHORT_HOLD)
    ):
        return None
    for to_status in (S.READY, S.PACKING):
        lifecycle.transition(
            s,
            order,
            to_status,
            user_id=eng.user_id,
            station_id=eng.station_id,
            reason="short hold undone at the counter",
        )
    order.claimed_by_station_id = eng.station_id
    order.claimed_by_user_id = eng.user_id
    order.claimed_at = eng.server_time(s)
    return order
