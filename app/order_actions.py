"""A supervisor's actions on one order, each recorded with who and why.

hold, release, cancel, reopen, release_claim and ship_short move the order through
the lifecycle (so the history row carries the user, station and reason); expedite
and reprint are recorded as audit events. Every action is one unit of work, needs an
active supervisor or admin and a reason, and an illegal one raises a
``PackdeskError`` in plain words and changes nothing (``OrderActionRefused`` with
its kind, order and status, for a screen to say it in its own words).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session

from app import lifecycle, permissions
from app.audit.chain import chain_of
from app.audit.lock_order import family_locked
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import IllegalTransition, NotFound, OrderActionRefused, PackdeskError
from app.models import (
    AuditEvent,
    JobStatus,
    Order,
    OrderLine,
    OrderStatus,
    PackedSerial,
    Parcel,
    PrintJob,
    ScanEvent,
    Station,
)
from app.packing.print_request import (
    DOCUMENTS_ON_COMPLETE,
    Occasion,
    PrintRequest,
    PrintSpool,
    RecordingSpool,
)
from app.packing.verdict import AT_THE_BOX
from app.permissions import Action
from app.shipping import carrier_cancellations, parcel_labels
from app.shipping.waybill_rule import refuse_unless_packed

S = OrderStatus
REPRINTABLE = frozenset({S.PACKING, S.PACKED, S.SHIPPED})


@dataclass(frozen=True)
class ActionResult:
    """What an action changed, for the board to refresh that one card."""

    order_id: int
    number: str
    action: str
    status: OrderStatus  # the order's state after the action
    priority: int
    # the counter whose printers got the documents, when not the acting station (a
    # short shipment prints where its box waits)
    printed_at: str | None = None


@dataclass(frozen=True)
class _Actor:
    user_id: int
    station_id: int | None
    reason: str


@contextmanager
def _acting_on(
    engine: Engine,
    order_id: int,
    user_id: int,
    reason: str,
    station_id: int | None,
    action: Action,
    allowed: Callable[[], None] | None = None,
) -> Iterator[tuple[Session, Order, _Actor]]:
    """The order locked in a unit of work for ``user_id`` if their role allows
    ``action`` (and ``allowed``, asked next, raises nothing: a refusal it records is
    committed before the unit of work begins)."""
    why = (reason or "").strip()
    if not why:
        raise OrderActionRefused(
            "Give a reason for this action; it is kept in the order's history.", "no_reason"
        )
    actor = permissions.require(
        engine, user_id, action, station_id=station_id, entity="order", entity_id=order_id
    )
    if allowed is not None:
        allowed()
    with unit_of_work(engine) as s:
        order = s.get(Order, order_id, with_for_update=True)
        if order is None:
            raise NotFound(
                f"There is no order with id {order_id}.", "order", str(order_id), by_id=True
            )
        yield s, order, _Actor(actor.user_id, station_id, why[:500])


def _result(order: Order, action: str, *, printed_at: str | None = None) -> ActionResult:
    return ActionResult(
        order.id, order.external_number, action, S(order.status), order.priority, printed_at
    )


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


def _move(
    engine: Engine,
    order_id: int,
    to: OrderStatus | None,
    action: str,
    *,
    may: Action,
    user_id: int,
    reason: str,
    station_id: int | None,
    allowed_from: frozenset[OrderStatus] | None = None,
    refusal: tuple[str, str] = ("", ""),
    then: Callable[[Session, int], None] | None = None,
) -> ActionResult:
    """Move the order (``then``, in the same transaction, does what else the move
    means for it); ``refusal`` is the kind and words of ``OrderActionRefused`` for an
    order not in ``allowed_from``."""
    with _acting_on(engine, order_id, user_id, reason, station_id, may) as (s, order, actor):
        status = S(order.status)
        if allowed_from is not None and status not in allowed_from:
            kind, words = refusal
            number = order.external_number
            said = words.format(number=number, status=status.value)
            raise OrderActionRefused(said, kind, number, status.value)
        target = to if to is not None else lifecycle.status_before_hold(s, order.id)
        lifecycle.transition(
            s,
            order,
            target,
            user_id=actor.user_id,
            station_id=actor.station_id,
            reason=f"{action}: {actor.reason}",
        )
        if then is not None:
            then(s, order.id)
        s.flush()
        return _result(order, action)


def hold(
    engine: Engine, order_id: int, *, user_id: int, reason: str, station_id: int | None = None
) -> ActionResult:
    """Put an order aside (from new, ready, packing or packed); a claim is dropped."""
    return _move(
        engine,
        order_id,
        S.ON_HOLD,
        "hold",
        may=Action.HOLD,
        user_id=user_id,
        reason=reason,
        station_id=station_id,
    )


def release(
    engine: Engine, order_id: int, *, user_id: int, reason: str, station_id: int | None = None
) -> ActionResult:
    """Take an order off hold: back to new if it was held new, else to ready."""
    return _move(
        engine,
        order_id,
        None,
        "release",
        may=Action.RELEASE,
        user_id=user_id,
        reason=reason,
        station_id=station_id,
        allowed_from=frozenset({S.ON_HOLD}),
        refusal=(
            "not_on_hold",
            "Order {number} is not on hold (it is {status}); there is nothing to release.",
        ),
    )


def cancel(
    engine: Engine, order_id: int, *, user_id: int, reason: str, station_id: int | None = None
) -> ActionResult:
    """Cancel an order that has not shipped. Its serials are no longer packed: the
    units go back to the shelf and may be packed into another order (the scan log
    still says which serials went into this one). Its parcels keep their numbers (the
    dock refuses them by name); those a carrier's API made are cancelled there."""
    return _move(
        engine,
        order_id,
        S.CANCELLED,
        "cancel",
        may=Action.CANCEL,
        user_id=user_id,
        reason=reason,
        station_id=station_id,
        then=_unpack,
    )


def _unpack(s: Session, order_id: int) -> None:
    s.execute(delete(PackedSerial).where(PackedSerial.order_id == order_id))
    carrier_cancellations.queue_for_order(s, order_id, "order cancelled", db_now(s))
    _drop_waiting_waybills(s, order_id, "the order was cancelled")


def _drop_waiting_waybills(s: Session, order_id: int, why: str) -> None:
    """Waybills of the order still waiting to print are cancelled: no label comes out
    for a box that must not leave, or that is being packed again (a job already being
    made is refused by the label's own check of the order)."""
    s.execute(
        update(PrintJob)
        .where(
            PrintJob.order_id == order_id,
            PrintJob.document.in_(("waybill", "label")),
            PrintJob.status == JobStatus.PENDING,
        )
        .values(status=JobStatus.CANCELLED, last_error=why)
    )


def release_claim(
    engine: Engine, order_id: int, *, user_id: int, reason: str, station_id: int | None = None
) -> ActionResult:
    """Take an order away from the station packing it. With nothing counted into its
    box it goes back to ready, for any counter to pack. With units packed (or marked
    short) it is held with its box: its counts stay, and the hold's reason names the
    counter where the box is (the board shows it); it is never ready with units
    counted that are in no box another counter has."""
    with _acting_on(engine, order_id, user_id, reason, station_id, Action.RELEASE_CLAIM) as (
        s,
        order,
        actor,
    ):
        status = S(order.status)
        if status is not S.PACKING:
            raise OrderActionRefused(
                f"Order {order.external_number} is {status.value}, not being packed; "
                "no station holds it.",
                "not_being_packed",
                order.external_number,
                status.value,
            )
        counted = sum(line.packed + line.short for line in order.lines)
        why = f"release claim: {actor.reason}"
        if counted:
            counter = s.get(Station, order.claimed_by_station_id or 0)
            where = counter.name if counter is not None else "its counter"
            why = f"{why}; its box ({counted} counted) stays at {where}"
        lifecycle.transition(
            s,
            order,
            S.ON_HOLD if counted else S.READY,
            user_id=actor.user_id,
            station_id=actor.station_id,
            reason=why[:500],
        )
        s.flush()
        return _result(order, "release claim")


def reopen(
    engine: Engine, order_id: int, *, user_id: int, reason: str, station_id: int | None = None
) -> ActionResult:
    """A packed order goes back to packing (before it ships), for any station to open."""
    return _move(
        engine,
        order_id,
        S.PACKING,
        "reopen",
        may=Action.REOPEN,
        user_id=user_id,
        reason=reason,
        station_id=station_id,
        allowed_from=frozenset({S.PACKED}),
        refusal=("not_packed", "Only a packed order can be reopened; order {number} is {status}."),
        then=_void_labels,
    )


def _void_labels(s: Session, order_id: int) -> None:
    """A reopened box's labels are void: its next waybill carries a new number, so the
    label on the box as it was can never be loaded in its place."""
    waiting = select(Parcel).where(
        Parcel.order_id == order_id,
        Parcel.tracking_number.is_not(None),
        Parcel.load_id.is_(None),
    )
    for parcel in s.scalars(waiting):
        parcel_labels.void_label(s, parcel, "order reopened")
    _drop_waiting_waybills(s, order_id, "the order was reopened")


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
    with _acting_on(engine, order_id, user_id, reason, station_id, Action.SHIP_SHORT) as (
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
        return _result(order, "ship short", printed_at=elsewhere)


def _audit(s: Session, order: Order, actor: _Actor, action: str, **details: Any) -> None:
    s.add(
        AuditEvent(
            at=db_now(s),
            user_id=actor.user_id,
            station_id=actor.station_id,
            action=action,
            entity="order",
            entity_id=order.id,
            details={"order": order.external_number, "reason": actor.reason, **details},
        )
    )


def expedite(
    engine: Engine,
    order_id: int,
    *,
    user_id: int,
    reason: str,
    expedited: bool = True,
    station_id: int | None = None,
) -> ActionResult:
    """Mark an open order expedited (first on the board), or take the mark away."""
    action = "expedite" if expedited else "unexpedite"
    with _acting_on(engine, order_id, user_id, reason, station_id, Action.EXPEDITE) as (
        s,
        order,
        actor,
    ):
        number, status = order.external_number, S(order.status)
        if status in (S.SHIPPED, S.CANCELLED):
            said = f"Order {number} is {status.value}; its priority cannot change."
            raise OrderActionRefused(said, "closed", number, status.value)
        if (order.priority > 0) == expedited:
            state = "already" if expedited else "not"
            kind = "already_expedited" if expedited else "not_expedited"
            said = f"Order {number} is {state} expedited."
            raise OrderActionRefused(said, kind, number, status.value)
        order.priority = 1 if expedited else 0
        _audit(s, order, actor, f"order.{action}")
        s.flush()
        return _result(order, action)


def reprint(
    engine: Engine,
    order_id: int,
    *,
    user_id: int,
    reason: str,
    documents: tuple[str, ...] = DOCUMENTS_ON_COMPLETE,
    station_id: int | None = None,
    spool: PrintSpool | None = None,
) -> ActionResult:
    """Ask the print spool for an order's documents again."""
    if not documents:
        raise OrderActionRefused("Choose at least one document to reprint.", "no_documents")

    def waybill_allowed() -> None:  # (a waybill only for an order that may leave)
        with unit_of_work(engine, read_only=True) as s:
            status = s.scalar(select(Order.status).where(Order.id == order_id))
        if "waybill" in documents and status in REPRINTABLE:  # (else refused below)
            how = "reprint from the board"
            refuse_unless_packed(
                engine, [order_id], user_id=user_id, how=how, station_id=station_id
            )

    acting = _acting_on(
        engine, order_id, user_id, reason, station_id, Action.REPRINT, waybill_allowed
    )
    with acting as (s, order, actor):
        status = S(order.status)
        if status not in REPRINTABLE:
            raise OrderActionRefused(
                f"Order {order.external_number} is {status.value}; "
                "its documents are printed when it is packed.",
                "not_printed_yet",
                order.external_number,
                status.value,
            )
        (spool or RecordingSpool()).submit(
            s,
            PrintRequest(
                order_id=order.id,
                documents=tuple(documents),
                station_id=actor.station_id,
                user_id=actor.user_id,
                reason=f"reprint: {actor.reason}",
                occasion=Occasion.REPRINT,
            ),
        )
        return _result(order, "reprint")


def find_order_id(engine: Engine, number: str, channel: str | None = None) -> int:
    """The id of the order with this number (scanned or typed); NotFound or ambiguous
    numbers raise in plain words."""
    query = select(Order.id, Order.channel).where(Order.external_number == number.strip())
    if channel is not None:
        query = query.where(Order.channel == channel)
    with unit_of_work(engine, read_only=True) as s:
        found = s.execute(query).all()
    if not found:
        raise NotFound(f"There is no order {number.strip()}.", "order", number.strip())
    if len(found) > 1:
        channels = ", ".join(sorted(c for _, c in found))
        raise PackdeskError(f"Order {number.strip()} exists in several channels ({channels}).")
    return int(found[0][0])


__all__ = [
    "ActionResult",
    "IllegalTransition",
    "OrderActionRefused",
    "cancel",
    "expedite",
    "find_order_id",
    "hold",
    "release",
    "release_claim",
    "reopen",
    "reprint",
]
