"""Opening an order by its scanned number: the claim for this station (safe under
concurrency: the order's row is locked and its version checked), and the order the
station had open before: refused while its box has units in it, or, when the packer
insists, given back to the queue with its box emptied."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from app import lifecycle
from app.models import Order, OrderStatus, Station
from app.packing import box, lookup
from app.packing.scan_log import Facts, Step
from app.packing.state import Awaiting, Decision
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


def open_order(
    eng: PackingEngine, step: Step, match: lookup.OrderMatch, *, switch_to: int | None = None
) -> Decision:
    """An order scanned: claimed for this station and opened, unless it may not be
    packed or another station packs it. The order open before goes back to the queue,
    emptied; while it has units in the box that is refused, unless this is the order a
    refused switch named (``switch_to``: scanned again right after)."""
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
    emptied: tuple[Order, int] | None = None  # the order switched from, and its units
    if eng.open_order_id not in (None, order.id):
        before = _open_here(eng, s, eng.open_order_id)
        packed = sum(line.packed for line in before.lines) if before else 0
        marked = sum(line.short for line in before.lines) if before else 0
        if before is not None and (packed or marked) and switch_to != order.id:
            return _refuse_switch(eng, step, before, packed, number, order.id)
        if before is not None:
            emptied = (before, _return_to_queue(eng, s, before, f"switched to order {number}"))
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
    left = emptied[0].external_number if emptied and emptied[1] else None
    opened = eng.say(
        step,
        Outcome.ORDER_OPENED,
        said("switched_away", left, emptied[1], number)
        if emptied and left
        else f"Order {number} open: {remaining} item{'' if remaining == 1 else 's'} to pack.",
        Facts(
            order_id=order.id,
            order=number,
            remaining=remaining,
            warning=f"order {left} went back to the queue; its {emptied[1]} packed units "
            "were taken back: empty the box"
            if emptied and left
            else None,
        ),
        open_order=order.id,
        awaiting=None,
    )
    if emptied:
        box.taken_back(s, emptied[0].id, undone_by=opened.event_id)
    return opened


def _open_here(eng: PackingEngine, s: Session, order_id: int) -> Order | None:
    """The order this station has open, row-locked, if it still packs it here."""
    order = s.get(Order, order_id, with_for_update=True)
    if order is None or order.status != S.PACKING or order.claimed_by_station_id != eng.station_id:
        return None
    return order


def _refuse_switch(
    eng: PackingEngine, step: Step, before: Order, packed: int, number: str, order_id: int
) -> Decision:
    """Another order scanned while the open one has units in the box: refused, the
    open order stays; the same order scanned again at once switches (``switch_to``)."""
    left = sum(line.quantity - line.packed - line.short for line in before.lines)
    return eng.say(
        step,
        Outcome.SWITCH_REFUSED,
        said("switch_refused", before.external_number, packed, left, number),
        Facts(
            order_id=before.id,
            order=before.external_number,
            remaining=left,
            other_order=number,
        ),
        awaiting=Awaiting("switch", order_id=order_id),
    )


def _return_to_queue(eng: PackingEngine, s: Session, order: Order, reason: str) -> int:
    """The open order given back to the queue unfinished, with nothing counted: the
    units in its box are taken back (the packer empties the box), so no counter ever
    sees units counted that are in no box. Returns how many were taken back."""
    packed = box.empty(s, order)
    lifecycle.transition(
        s,
        order,
        S.READY,
        user_id=eng.user_id,
        station_id=eng.station_id,
        reason=f"{reason}; {packed} packed units taken back" if packed else reason,
    )
    return packed
