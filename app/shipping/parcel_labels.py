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

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import Carrier, Order, Parcel
from app.shipping import carriers, tracking_pool
from app.shipping.carrier_api import (
    CarrierAdapter,
    HttpCarrierAdapter,
    Party,
    Shipment,
    ShipmentRequest,
)
from app.shipping.carriers import TrackingSource

AdapterFor = Callable[[Carrier], CarrierAdapter]


class NoTrackingNumber(PackdeskError):
    """The parcel's carrier has no number to give it (an empty pool)."""


def http_adapter(profile: Carrier) -> CarrierAdapter:
    assert profile.api_url is not None
    return HttpCarrierAdapter(profile.api_url, profile.api_key or "")


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
    has no source of numbers (its waybill then carries the order number)."""
    with unit_of_work(engine) as s:
        parcel = s.get_one(Parcel, parcel_id)
        if parcel.tracking_number is not None:
            return parcel.tracking_number
        order = s.get_one(Order, parcel.order_id)
        if parcel.seq == 1 and order.tracking_number:
            return _give(s, parcel, order, Shipment(order.tracking_number))
        profile = carriers.find(s, order.carrier or "")
        if profile is None or profile.tracking_source == TrackingSource.ORDER:
            return None
        if profile.tracking_source == TrackingSource.POOL:
            number = tracking_pool.draw(s.connection(), profile.id, parcel.id, db_now(s))
            if number is None:
                raise NoTrackingNumber(
                    f"No tracking numbers left for {profile.name}: import the carrier's next "
                    f"numbers (packdesk tracking import FILE --carrier {profile.name!r}), "
                    "then print the waybill again."
                )
            return _give(s, parcel, order, Shipment(number))
        s.expunge(profile)
        ask = _Ask(profile, _request(s, order, parcel, label_format, sender or Party("")))
    adapter = adapter_for(ask.profile)
    try:
        shipment = adapter.create_shipment(ask.request)
    finally:
        close = getattr(adapter, "close", None)
        if close is not None:
            close()
    with unit_of_work(engine) as s:
        parcel = s.get_one(Parcel, parcel_id)
        if parcel.tracking_number is not None:  # given meanwhile (by another program)
            return parcel.tracking_number
        return _give(s, parcel, s.get_one(Order, parcel.order_id), shipment)


def _give(s: Session, parcel: Parcel, order: Order, shipment: Shipment) -> str:
    s.execute(
        update(Parcel)
        .where(Parcel.id == parcel.id, Parcel.tracking_number.is_(None))
        .values(
            tracking_number=shipment.tracking_number,
            carrier=order.carrier,
            routing_code=shipment.routing_code or None,
            carrier_label=shipment.label,
            carrier_label_format=shipment.label_format if shipment.label else None,
        )
        .execution_options(synchronize_session="fetch")
    )
    return shipment.tracking_number


def _request(
    s: Session, order: Order, parcel: Parcel, label_format: str, sender: Party
) -> ShipmentRequest:
    count = s.query(Parcel).filter(Parcel.order_id == order.id).count()
    return ShipmentRequest(
        idempotency_key=f"packdesk-parcel-{parcel.id}-{order.external_number}",
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
