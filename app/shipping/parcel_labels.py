"""A parcel's tracking number, given once, before its first waybill is laid out.

The print spool calls ``ensure_tracking`` for each waybill job: a parcel that already
has its number keeps it (a reprint never gives a second one); otherwise the number
comes from the order import (parcel 1), the carrier's pool, or the carrier's API
(asked outside any transaction: a slow carrier holds no lock from the counters), as
the carrier's profile says. A pool that is empty, or a carrier that refuses, fails the
waybill with words that say what to do; a carrier that cannot be reached leaves the
job waiting to be tried again. The carrier's own label, when it sends one, is kept
with the parcel and printed in place of Packdesk's on a printer of its language.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import (
    AuditEvent,
    Carrier,
    CarrierCancellation,
    Order,
    OrderStatus,
    Parcel,
    PoolNumber,
)
from app.shipping import carrier_cancellations, carriers, tracking_pool
from app.shipping.carrier_adapters import AdapterFor, http_adapter, speaking_to
from app.shipping.carrier_api import Party, Shipment, ShipmentRequest
from app.shipping.carriers import TrackingSource
from app.shipping.tracking_numbers import normalise
from app.shipping.waybill_rule import MAY_LEAVE, WaybillRefused


class NoTrackingNumber(PackdeskError):
    """The parcel's carrier has no number to give it (an empty pool)."""


@dataclass(frozen=True)
class _Ask:
    """What a carrier's API is asked for one parcel (read before it is asked)."""

    profile: Carrier
    request: ShipmentRequest


def ensure_tracking(
    engine: Engine,
    parcel_id: int,
    *,
    label_format: str = "zpl",
    sender: Party | None = None,
    adapter_for: AdapterFor = http_adapter,
) -> str | None:
    """The parcel's tracking number, given now if it has none; None when its carrier
    has no source of numbers (its waybill then carries the order number). The parcel's
    row is locked while it is decided: two printers making its waybill at once give it
    one number. A number made for a carrier the order no longer goes with is voided
    (recorded in the audit, never given again) and the new carrier's is given; one a
    carrier's API made is queued to be cancelled there (``carrier_cancellations``).

    No waybill is made for a cancelled order, and no new number is given to a parcel
    of an order that is not packed (a waybill job left from before a reopen); both
    fail the job with words. The order is locked before the parcel, as a supervisor's
    action locks them."""
    with unit_of_work(engine) as s:
        order_id = s.scalars(select(Parcel.order_id).where(Parcel.id == parcel_id)).one()
        order = s.get_one(Order, order_id, with_for_update=True, populate_existing=True)
        parcel = s.get_one(Parcel, parcel_id, with_for_update=True, populate_existing=True)
        carrier = order.carrier or ""
        _refuse_unless_it_may_leave(order, parcel)
        if parcel.tracking_number is not None and _made_for(parcel, carrier):
            return parcel.tracking_number
        if parcel.tracking_number is not None:
            void_label(s, parcel, "carrier changed", now_carrier=carrier)
        if parcel.seq == 1 and order.tracking_number:
            return _give(s, parcel, carrier, Shipment(_imported(s, order, parcel)))
        profile = carriers.find(s, carrier)
        if profile is None or profile.tracking_source == TrackingSource.ORDER:
            parcel.carrier = carrier or None  # the label is made for it: the dock checks
            return None
        if profile.tracking_source == TrackingSource.POOL:
            number = tracking_pool.draw(s.connection(), profile.id, parcel.id, db_now(s))
            if number is None:
                raise NoTrackingNumber(
                    f"No tracking numbers left for {profile.name}: import the carrier's next "
                    f"numbers (packdesk tracking import FILE --carrier {profile.name!r}), "
                    "then print the waybill again."
                )
            return _give(s, parcel, carrier, Shipment(number))
        s.expunge(profile)
        ask = _Ask(profile, _request(s, order, parcel, label_format, sender or Party("")))
    with speaking_to(adapter_for, ask.profile) as adapter:
        shipment = adapter.create_shipment(ask.request)
    return _take(engine, parcel_id, order_id, ask, shipment)


def _take(engine: Engine, parcel_id: int, order_id: int, ask: _Ask, shipment: Shipment) -> str:
    """Give the parcel the shipment its carrier made, unless the order was cancelled,
    reopened or sent with another carrier (or the parcel went) while it was asked:
    then the shipment is queued to be cancelled at the carrier, and the job fails."""
    with unit_of_work(engine) as s:
        order = s.get_one(Order, order_id, with_for_update=True, populate_existing=True)
        parcel = s.get(Parcel, parcel_id, with_for_update=True, populate_existing=True)
        if parcel is not None and parcel.tracking_number is not None:  # given meanwhile
            return parcel.tracking_number
        changed = (order.carrier or "").lower() != ask.request.carrier.lower()
        if parcel is not None and not changed and S(order.status) in MAY_LEAVE:
            return _give(s, parcel, ask.request.carrier, shipment)
        carrier_cancellations.queue(
            s, ask.profile.id, parcel_id if parcel else None, shipment.tracking_number,
            "not needed when made", db_now(s),
        )  # fmt: skip
        then = "gone" if parcel is None else f"now {order.carrier}" if changed else None
        refusal = (
            f"Order {order.external_number} is {then or S(order.status).value}: the "
            f"shipment {shipment.tracking_number} made meanwhile is being cancelled at "
            "the carrier, and no waybill is printed."
        )
    raise PackdeskError(refusal)  # (after the commit: the cancellation is kept)


S = OrderStatus


def _refuse_unless_it_may_leave(order: Order, parcel: Parcel) -> None:
    """A cancelled order's parcel gets no waybill; a parcel of an order not packed (a
    job from before a reopen, or a waybill asked by hand too early) gets no new number."""
    status = S(order.status)
    if status is S.CANCELLED or (parcel.tracking_number is None and status not in MAY_LEAVE):
        raise WaybillRefused([(order.external_number, status)])


def _made_for(parcel: Parcel, carrier: str) -> bool:
    """Whether the parcel's label was made for ``carrier`` (one on a truck stays)."""
    made_for = parcel.carrier or ""
    return parcel.load_id is not None or made_for.lower() == carrier.lower()


def void_label(s: Session, parcel: Parcel, why: str, **details: str) -> None:
    """Take back a parcel's label (made for another carrier, or for a box reopened):
    recorded, its number never given again (a pool's number stays used), the parcel
    ready for a new one, which its next waybill gets; the old label is then unknown at
    the dock. A shipment a carrier's API made is queued to be cancelled there."""
    now = db_now(s)
    carrier_cancellations.queue_for_label(s, parcel, why, now)
    s.add(
        AuditEvent(
            at=now,
            action="label.voided",
            entity="parcel",
            entity_id=parcel.id,
            details={
                "tracking_number": parcel.tracking_number,
                "carrier": parcel.carrier,
                "why": why,
                **details,
            },
        )
    )
    s.execute(update(PoolNumber).where(PoolNumber.parcel_id == parcel.id).values(parcel_id=None))
    parcel.tracking_number = parcel.routing_code = None
    parcel.carrier_label = parcel.carrier_label_format = None
    s.flush()


def _imported(s: Session, order: Order, parcel: Parcel) -> str:
    """The number the order import gave, unless another parcel holds it already."""
    number = normalise(order.tracking_number or "")
    holder = s.scalar(
        select(Order.external_number)
        .join(Parcel, Parcel.order_id == Order.id)
        .where(Parcel.tracking_number == number, Parcel.id != parcel.id)
    )
    if holder is not None:
        raise PackdeskError(
            f"Order {order.external_number}'s tracking number {number} (from its import) is "
            f"already on a parcel of order {holder}: correct the import, then print the "
            "waybill again."
        )
    return number


def _give(s: Session, parcel: Parcel, carrier: str, shipment: Shipment) -> str:
    parcel.tracking_number = shipment.tracking_number
    parcel.carrier = carrier or None
    parcel.routing_code = shipment.routing_code or None
    parcel.carrier_label = shipment.label
    parcel.carrier_label_format = shipment.label_format if shipment.label else None
    s.flush()
    return shipment.tracking_number


def _idempotency_key(s: Session, parcel: Parcel, order: Order) -> str:
    """The same for every ask for the parcel's label, until a label of it is voided:
    the next label is then a new shipment (the old one, cancelled at the carrier, is
    never handed back for a box packed again)."""
    voided = s.scalar(
        select(func.count())
        .select_from(CarrierCancellation)
        .where(CarrierCancellation.parcel_id == parcel.id)
    )
    key = f"packdesk-parcel-{parcel.id}-{order.external_number}"
    return f"{key}-{voided}" if voided else key


def _request(
    s: Session, order: Order, parcel: Parcel, label_format: str, sender: Party
) -> ShipmentRequest:
    count = s.query(Parcel).filter(Parcel.order_id == order.id).count()
    return ShipmentRequest(
        idempotency_key=_idempotency_key(s, parcel, order),
        carrier=order.carrier or "",
        service=order.service or "",
        order_number=order.external_number,
        parcel_seq=parcel.seq,
        parcel_count=count,
        weight_g=parcel.weight_g,
        recipient=Party(
            name=order.ship_to_name,
            company=order.ship_to_company or "",
            lines=tuple(x for x in (order.ship_to_line1, order.ship_to_line2) if x),
            city=order.ship_to_city,
            region=order.ship_to_region or "",
            postal_code=order.ship_to_postal_code,
            country=order.ship_to_country,
            phone=order.ship_to_phone or "",
        ),
        sender=sender,
        label_format=label_format if label_format in ("zpl", "pdf") else "pdf",
    )
