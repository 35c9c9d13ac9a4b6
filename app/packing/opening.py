"""Opening an order by its scanned number: the claim for this station (safe under
concurrency: the order's row is locked and its version checked), and the order the
station had open before going back to the queue with its progress."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app import lifecycle
from app.models import Order, OrderStatus, Station
from app.packing import lookup
from app.packing.record import Facts, Step
from app.packing.state import Decision
from app.packing.verdict import Outcome
from app.packing.words import said

if TYPE_CHECKING:
    from app.packing.engine import PackingEngine

S = OrderStatus

_NOT_PACKABLE_WHY = {
    S.ON_HOLD: "is on hold",
    S.CANCELLED: "was cancelled",
    S.SHIPPED: "has shipped",
    S.PACKED: "is already packed",
    S.NEW: "is not released for packing yet",
}


def open_order(eng: PackingEngine, step: Step, match: lookup.OrderMatch) -> Decision:
    """An order scanned: claimed for this station and opened, unless it may not be
    packed or another station packs it; the order open before goes back to the queue."""
    s = step.s
    conn = s.connection()
    order = lookup.lock_order(conn, match.id)
    assert order is not None  # found in this transaction, and orders are never deleted
    number = order.external_number
    facts = Facts(order_id=order.id, order=number)
    status = order.status
    if status not in lifecycle.PACKABLE:
        return eng.say(
            step,
            Outcome.NOT_PACKABLE,
            f"Order {number} {_NOT_PACKABLE_WHY[status]}; do not pack it.",
            replace(facts, order_status=status.value),
        )
    if status is S.PACKING and order.claimed_by_station_id not in (None, eng.station_id):
        other = s.get(Station, order.claimed_by_station_id)
        where = other.name if other else "another station"
        return eng.say(
            step,
            Outcome.ORDER_CLAIMED_ELSEWHERE,
            f"Order {number} is being packed at {where}; a supervisor can release it.",
            replace(facts, other_station=where),
        )
    left: tuple[str, int] | None = None  # the order switched from, if begun
    if eng.open_order_id not in (None, order.id):
        left = _release(eng, s, eng.open_order_id, f"switched to order {number}")
    now = eng.server_time(s)  # one server time for the claim and its history row
    if status is S.READY:
        lifecycle.transition_locked(
            conn,
            order.id,
            number,
            status,
            S.PACKING,
            seen_version=order.version,
            at=now,
            user_id=eng.user_id,
            station_id=eng.station_id,
            reason="opened by scan",
        )
    else:  # packing here already (the station resumes it), or claimed by nobody
        lifecycle.claim_locked(
            conn,
            order.id,
            seen_version=order.version,
            at=now,
            user_id=eng.user_id,
            station_id=eng.station_id,
        )
    remaining = lookup.remaining(order.lines)
    return eng.say(
        step,
        Outcome.ORDER_OPENED,
        said("switched_away", *left)
        if left
        else f"Order {number} open: {remaining} item{'' if remaining == 1 else 's'} to pack.",
        Facts(
            order_id=order.id,
            order=number,
            remaining=remaining,
            warning=f"order {left[0]} went back to the queue with {left[1]} packed"
            if left
            else None,
        ),
        open_order=order.id,
        awaiting=None,
    )


def _release(eng: PackingEngine, s: Session, order_id: int, reason: str) -> tuple[str, int] | None:
    """Give a packing order back to the queue (progress kept); its number and units
    packed when some are (they are in the box on the counter)."""
    order = s.get(Order, order_id, with_for_update=True)
    if order is None or order.status != S.PACKING or order.claimed_by_station_id != eng.station_id:
        return None
    lifecycle.transition(
        s, order, S.READY, user_id=eng.user_id, station_id=eng.station_id, reason=reason
    )
    packed = sum(line.packed for line in order.lines)
    return (order.external_number, packed) if packed else None
