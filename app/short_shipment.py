"""A supervisor approves a short shipment: an order held because its counter marked
items missing (and packed all the others) is packed as it is, and its documents are
printed at that counter, where its box waits.

One of the actions on one order (the others are in ``app.order_actions``), done the
same way (``app.order_acting``): a reason, a role that allows it, the order locked in
one unit of work, ``OrderActionRefused`` with its kind when its state does not allow it.
"""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app import lifecycle
from app.audit.chain import chain_of
from app.audit.lock_order import family_locked
from app.errors import OrderActionRefused
from app.models import OrderLine, OrderStatus, ScanEvent, Station
from app.order_acting import ActionResult, acting_on, result_of
from app.packing.print_request import (
    DOCUMENTS_ON_COMPLETE,
    Occasion,
    PrintRequest,
    PrintSpool,
    RecordingSpool,
)
from app.packing.verdict import AT_THE_BOX
from app.permissions import Action

S = OrderStatus


def _packed_at(s: Session, order_id: int) -> tuple[int, str] | None:
    """The counter where the order's box is: the station that last scanned into it,
    with its name; None if no counter did."""
    row = s.execute(
        select(Station.id, Station.name)
        .join(ScanEvent, ScanEvent.station_id == Station.id)
        # what only a counter with the order open records for it (not, say, "not
        # packable", which any counter scanning the held order's slip records)
        .where(ScanEvent.order_id == order_id, ScanEvent.outcome.in_(sorted(AT_THE_BOX)))
        .order_by(ScanEvent.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


def ship_short(
    engine: Engine,
    order_id: int,
    *,
    user_id: int,
    reason: str,
    station_id: int | None = None,
    spool: PrintSpool | None = None,
) -> ActionResult:
    """Approve a short shipment: an order held because the counter marked items
    missing (and packed all the others) is packed as it is, and its documents are
    printed at that counter, where its box waits (at the acting station when no
    counter had it)."""
    with acting_on(engine, order_id, user_id, reason, station_id, Action.SHIP_SHORT) as (
        s,
        order,
        actor,
    ):
        number, status = order.external_number, S(order.status)
        left, short = s.execute(
            select(
                func.coalesce(func.sum(OrderLine.quantity - OrderLine.packed - OrderLine.short), 0),
                func.coalesce(func.sum(OrderLine.short), 0),
            ).where(OrderLine.order_id == order.id)
        ).one()
        if status is not S.ON_HOLD:
            raise OrderActionRefused(
                f"Order {number} is {status.value}, not on hold; "
                "only a held order short of some items can ship short.",
                "not_held",
                number,
                status.value,
            )
        if not short:
            raise OrderActionRefused(
                f"Order {number} has no items marked short; there is no short shipment "
                "to approve (release it to pack it).",
                "nothing_short",
                number,
                status.value,
            )
        if left:
            raise OrderActionRefused(
                f"Order {number} still has {left} items neither packed nor marked short; "
                "pack them or mark them short at a counter first.",
                "items_left",
                number,
                status.value,
                int(left),
            )
        counter = _packed_at(s, order.id)
        # the two sources' chain heads (the acting one's, the counter's that prints)
        # locked now in their one order, not as each is first written (``lock_order``)
        printing_at = counter[0] if counter else actor.station_id
        family_locked(s.connection(), chain_of(actor.station_id), chain_of(printing_at))
        lifecycle.transition(
            s,
            order,
            S.PACKED,
            user_id=actor.user_id,
            station_id=actor.station_id,
            reason=f"ship short ({short} {'item' if short == 1 else 'items'} missing): "
            f"{actor.reason}",
        )
        s.flush()
        (spool or RecordingSpool()).submit(
            s,
            PrintRequest(
                order_id=order.id,
                documents=DOCUMENTS_ON_COMPLETE,
                station_id=counter[0] if counter else actor.station_id,
                user_id=actor.user_id,
                reason=f"shipped short: {actor.reason}",
                occasion=Occasion.SHIPPED_SHORT,
            ),
        )
        elsewhere = counter[1] if counter and counter[0] != actor.station_id else None
        return result_of(order, "ship short", printed_at=elsewhere)
