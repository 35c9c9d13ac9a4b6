"""The rules for an order scanned at the counter, as a pure function of what was read.

An order is opened at this station unless it may not be packed or another station
packs it. The order the station had open before goes back to the queue with its box
emptied; while that box has units in it (or marks of missing ones) the switch is
refused, unless this scan is the one a refused switch asked for (the same order
scanned again at once). ``app.packing.opening`` reads the facts and writes the answer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app import lifecycle
from app.models import OrderStatus
from app.packing.answer import Answer, ClaimOrder, ReturnToQueue
from app.packing.lookup import OrderAsRead, remaining
from app.packing.scan_log import Facts
from app.packing.station_state import Awaiting
from app.packing.verdict import Outcome
from app.packing.words import Words, said

S = OrderStatus

_NOT_PACKABLE_WHY = {
    S.ON_HOLD: "is on hold",
    S.CANCELLED: "was cancelled",
    S.SHIPPED: "has shipped",
    S.PACKED: "is already packed",
    S.NEW: "is not released for packing yet",
}


@dataclass(frozen=True)
class OpeningFacts:
    """What the decision on an order scanned needs."""

    order: OrderAsRead  # the order scanned, row-locked, with its lines
    station_id: int
    claimed_by: str | None  # the name of the station that packs it, if not this one
    before: OrderAsRead | None  # the order this station still packs, if another one
    switch_to: int | None  # the order a refused switch named, when this scan may confirm it
    awaiting: Awaiting | None  # what the station awaited (kept by a refusal)


def decide_opening(f: OpeningFacts) -> Answer:
    """An order scanned: opened here (and the one before given back), or refused."""
    order = f.order
    number = order.external_number
    facts = Facts(order_id=order.id, order=number)
    if order.status not in lifecycle.PACKABLE:
        return Answer(
            Outcome.NOT_PACKABLE,
            f"Order {number} {_NOT_PACKABLE_WHY[order.status]}; do not pack it.",
            replace(facts, order_status=order.status.value),
            f.awaiting,
        )
    if order.status is S.PACKING and order.claimed_by_station_id not in (None, f.station_id):
        where = f.claimed_by or "another station"
        return Answer(
            Outcome.ORDER_CLAIMED_ELSEWHERE,
            f"Order {number} is being packed at {where}; a supervisor can release it.",
            replace(facts, other_station=where),
            f.awaiting,
        )
    changes: list[ReturnToQueue | ClaimOrder] = []
    taken_back = 0
    before = f.before
    if before is not None:
        taken_back = sum(line.packed for line in before.lines)
        marked = sum(line.short for line in before.lines)
        if (taken_back or marked) and f.switch_to != order.id:
            return _refuse_switch(before, taken_back, number, order.id)
        reason = f"switched to order {number}"
        if taken_back:
            reason = f"{reason}; {taken_back} packed units taken back"
        changes.append(ReturnToQueue(before, reason))
    changes.append(ClaimOrder(order))
    units_left = remaining(order.lines)
    if before is not None and taken_back:
        left = before.external_number
        words: str | Words = said("switched_away", left, taken_back, number)
        warning = (
            f"order {left} went back to the queue; its {taken_back} packed units "
            "were taken back: empty the box"
        )
    else:
        words = f"Order {number} open: {units_left} item{'' if units_left == 1 else 's'} to pack."
        warning = None
    return Answer(
        Outcome.ORDER_OPENED,
        words,
        replace(facts, remaining=units_left, warning=warning),
        None,
        changes=tuple(changes),
        opens=order.id,
    )


def _refuse_switch(before: OrderAsRead, packed: int, number: str, order_id: int) -> Answer:
    """Another order scanned while the open one has units in the box: refused, the
    open order stays; the same order scanned again at once switches (``switch_to``)."""
    left = remaining(before.lines)
    return Answer(
        Outcome.SWITCH_REFUSED,
        said("switch_refused", before.external_number, packed, left, number),
        Facts(
            order_id=before.id,
            order=before.external_number,
            remaining=left,
            other_order=number,
        ),
        Awaiting("switch", order_id=order_id),
    )
