"""UNDO: the last thing the station did in the open order taken back (a packed item,
a short mark, a parcel begun); or, right after its last scan put the order on hold
for being short, the order packed here again first."""

from __future__ import annotations

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from app import lifecycle, scan_tally
from app.models import Order, OrderHistory, OrderLine, OrderStatus, PackedSerial, ScanEvent
from app.packing import parcels, shorts
from app.packing.command_codes import Command
from app.packing.item_rules import SHORT_HOLD
from app.packing.open_order_reply import reply
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Committed
from app.packing.verdict import AT_THE_BOX, PACKED_OUTCOMES, Outcome
from app.packing.words import said

S = OrderStatus


# what UNDO can take back: a packed item, a short mark, a parcel begun
_UNDOABLE = or_(
    and_(ScanEvent.outcome.in_(sorted(PACKED_OUTCOMES)), ScanEvent.units > 0),
    ScanEvent.short_units > 0,
    parcels.BEGAN_PARCEL,
)


def undo(eng: ScanStation, step: Step, order: Order) -> Committed:
    """Take back the last thing this station did in the open order: a packed item, a
    short mark, or a parcel begun (while it is still empty)."""
    if eng.awaiting is not None:
        return reply(eng, step, order, Command.UNDO, said(f"{eng.awaiting.kind}_not_expected"))
    last = step.s.scalar(
        select(ScanEvent)
        .where(
            ScanEvent.order_id == order.id,
            ScanEvent.station_id == eng.station_id,
            ScanEvent.undone_by_id.is_(None),
            _UNDOABLE,
        )
        .order_by(ScanEvent.id.desc())
        .limit(1)
    )
    if last is None:
        return reply(
            eng, step, order, Command.UNDO, said("nothing_to_undo"), warning="nothing to undo"
        )
    if last.began_parcel is not None:
        return parcels.take_back(eng, step, order, last)
    return _take_back_unit_or_mark(eng, step, order, last)


def _take_back_unit_or_mark(
    eng: ScanStation, step: Step, order: Order, last: ScanEvent
) -> Committed:
    """A packed item (its units, tally and serial, and the units it found of those
    marked short: missing again) or a short mark taken back."""
    s = step.s
    assert last.line_id is not None  # units are packed or marked short on a line
    line = s.get_one(OrderLine, last.line_id)
    if last.short_units > 0:
        undone = shorts.unmark_short(eng, s, order, line, last.short_units)
    else:
        line.packed -= last.units
        scan_tally.take_back(s, last)
        s.execute(delete(PackedSerial).where(PackedSerial.scan_event_id == last.id))
        found = -last.short_units
        if found:
            shorts.missing_again(eng, s, order, line, found)
        undone = (
            said("found_undone", line.sku, line.packed, line.quantity, found)
            if found
            else said("undone", line.sku, line.packed, line.quantity)
        )
    lifecycle.touch(order)
    decision = reply(eng, step, order, Command.UNDO, undone, line=line)
    last.undone_by_id = decision.event_id
    return decision


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
