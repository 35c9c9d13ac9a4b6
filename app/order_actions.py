"""A supervisor's actions on one order, each recorded with who and why.

hold, release, cancel, reopen and release_claim move the order through the lifecycle
(so the history row carries the user, station and reason); expedite and reprint are
recorded as audit events. Approving a short shipment is in ``app.short_shipment``.
Every action is done the same way (``app.order_acting``): one unit of work, an active
person whose role allows it, and a reason; an illegal one raises a ``PackdeskError``
in plain words and changes nothing (``OrderActionRefused`` with its kind, order and
status, for a screen to say it in its own words).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from app import lifecycle
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import IllegalTransition, NotFound, OrderActionRefused, PackdeskError
from app.models import (
    AuditEvent,
    JobStatus,
    Order,
    OrderStatus,
    PackedSerial,
    Parcel,
    PrintJob,
    Station,
)
from app.order_acting import ActionResult, Actor, acting_on, result_of
from app.packing.print_request import (
    DOCUMENTS_ON_COMPLETE,
    Occasion,
    PrintRequest,
    PrintSpool,
    RecordingSpool,
)
from app.permissions import Action
from app.printing import job_problem
from app.shipping import carrier_cancellations, parcel_labels
from app.shipping.waybill_rule import refusals_recorded, require_may_leave

S = OrderStatus
REPRINTABLE = frozenset({S.PACKING, S.PACKED, S.SHIPPED})


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
    with acting_on(engine, order_id, user_id, reason, station_id, may) as (s, order, actor):
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
        return result_of(order, action)


def hold(
    engine: Engine, order_id: int, *, user_id: int, reason: str, station_id: int | None = None
) -> ActionResult:
    """Put an order aside (from new, ready, packing or packed); a claim is dropped. Its
    box must wait: its waybills still waiting to print are cancelled, as for a reopen
    or a cancel (a fresh one prints when it is packed again, or is reprinted once it
    is released packed)."""
    return _move(
        engine,
        order_id,
        S.ON_HOLD,
        "hold",
        may=Action.HOLD,
        user_id=user_id,
        reason=reason,
        station_id=station_id,
        then=_held,
    )


def _held(s: Session, order_id: int) -> None:
    _drop_waiting_waybills(s, order_id, S.ON_HOLD, "the order was put on hold")


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
    _drop_waiting_waybills(s, order_id, S.CANCELLED, "the order was cancelled")


def _drop_waiting_waybills(s: Session, order_id: int, status: OrderStatus, why: str) -> None:
    """Waybills of the order still waiting to print are cancelled: no label comes out
    for a box that must not leave (held or cancelled), or that is being packed again (a
    job already being made is refused by the label's own check of the order; one whose
    bytes were made before and that waits again later, by the spool's: ``job_gate``).
    Each keeps why as the spool's withheld waybill does (``label_withheld:<status>``,
    the order's new status), so a screen says it in its own language; ``why`` is the
    English for the command line."""
    s.execute(
        update(PrintJob)
        .where(
            PrintJob.order_id == order_id,
            PrintJob.document.in_(("waybill", "label")),
            PrintJob.status == JobStatus.PENDING,
        )
        .values(status=JobStatus.CANCELLED, last_error=why, problem=job_problem.withheld(status))
    )


def release_claim(
    engine: Engine, order_id: int, *, user_id: int, reason: str, station_id: int | None = None
) -> ActionResult:
    """Take an order away from the station packing it. With nothing counted into its
    box it goes back to ready, for any counter to pack. With units packed (or marked
    short) it is held with its box: its counts stay, and the hold's reason names the
    counter where the box is (the board shows it); it is never ready with units
    counted that are in no box another counter has."""
    with acting_on(engine, order_id, user_id, reason, station_id, Action.RELEASE_CLAIM) as (
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
        return result_of(order, "release claim")


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
    _drop_waiting_waybills(s, order_id, S.PACKING, "the order was reopened")


def _audit(s: Session, order: Order, actor: Actor, action: str, **details: Any) -> None:
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
    with acting_on(engine, order_id, user_id, reason, station_id, Action.EXPEDITE) as (
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
        return result_of(order, action)


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
    """Ask the print spool for an order's documents again; a waybill only for an order
    that may leave (``waybill_rule``, asked as the jobs are written: the order is
    locked), the refusal recorded."""
    if not documents:
        raise OrderActionRefused("Choose at least one document to reprint.", "no_documents")
    how = "reprint from the board"
    recorded = refusals_recorded(engine, user_id=user_id, how=how, station_id=station_id)
    acting = acting_on(engine, order_id, user_id, reason, station_id, Action.REPRINT)
    with recorded, acting as (s, order, actor):
        status = S(order.status)
        if status not in REPRINTABLE:
            raise OrderActionRefused(
                f"Order {order.external_number} is {status.value}; "
                "its documents are printed when it is packed.",
                "not_printed_yet",
                order.external_number,
                status.value,
            )
        if "waybill" in documents:
            require_may_leave(s, [order.id])
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
        return result_of(order, "reprint")


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
