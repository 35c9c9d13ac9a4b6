"""Reading orders: plain rows for tables, the CLI and the board.

Every function opens its own unit of work and returns frozen dataclasses; callers
never see ORM objects.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Subquery, func, select

from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import Order, OrderLine, OrderStatus, Parcel


@dataclass(frozen=True)
class ShipTo:
    name: str
    company: str | None
    line1: str
    line2: str | None
    city: str
    region: str | None
    postal_code: str
    country: str
    phone: str | None


@dataclass(frozen=True)
class LineRow:
    sku: str
    name: str
    ordered: int
    packed: int
    short: int


@dataclass(frozen=True)
class OrderRow:
    """One order as a list shows it."""

    id: int
    number: str
    channel: str
    status: OrderStatus
    customer: str
    carrier: str | None
    service: str | None
    priority: int
    ship_by: datetime | None
    ordered_at: datetime | None
    line_count: int
    units: int
    packed_units: int
    updated_at: datetime


@dataclass(frozen=True)
class ParcelRow:
    """One parcel of an order: its number, what it weighed and should have weighed, its
    tracking number, the carrier its label was made for, when it left at the dock."""

    number: int
    weight_g: int | None
    expected_weight_g: int | None
    tracking: str | None
    carrier: str | None = None
    shipped_at: datetime | None = None


@dataclass(frozen=True)
class OrderDetail:
    row: OrderRow
    ship_to: ShipTo
    lines: tuple[LineRow, ...]
    parcels: tuple[ParcelRow, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The CLI's JSON shape (see the command-line contract)."""
        r = self.row
        return {
            "number": r.number,
            "channel": r.channel,
            "status": r.status.value,
            "customer": r.customer,
            "carrier": r.carrier,
            "service": r.service,
            "priority": r.priority,
            "ordered_at": r.ordered_at.isoformat() if r.ordered_at else None,
            "ship_by": r.ship_by.isoformat() if r.ship_by else None,
            "ship_to": {
                "name": self.ship_to.name,
                "company": self.ship_to.company,
                "lines": [x for x in (self.ship_to.line1, self.ship_to.line2) if x],
                "city": self.ship_to.city,
                "region": self.ship_to.region,
                "postal_code": self.ship_to.postal_code,
                "country": self.ship_to.country,
                "phone": self.ship_to.phone,
            },
            "lines": [
                {
                    "sku": ln.sku,
                    "name": ln.name,
                    "ordered": ln.ordered,
                    "packed": ln.packed,
                    "short": ln.short,
                }
                for ln in self.lines
            ],
            "parcels": [
                {
                    "number": p.number,
                    "weight_g": p.weight_g,
                    "expected_weight_g": p.expected_weight_g,
                    "tracking": p.tracking,
                    "carrier": p.carrier or r.carrier,
                    "shipped_at": p.shipped_at.isoformat() if p.shipped_at else None,
                }
                for p in self.parcels
            ],
        }


def _status_filter(status: str | None) -> OrderStatus | None:
    if status is None:
        return None
    try:
        return OrderStatus(status)
    except ValueError:
        names = ", ".join(s.value for s in OrderStatus)
        raise PackdeskError(f"Unknown status {status!r}; use one of: {names}.") from None


_SUMMARY_COLUMNS = (
    Order.id,
    Order.external_number,
    Order.channel,
    Order.status,
    Order.customer_name,
    Order.carrier,
    Order.service,
    Order.priority,
    Order.ship_by,
    Order.ordered_at,
    Order.updated_at,
)


def _line_totals() -> Subquery:
    return (
        select(
            OrderLine.order_id,
            func.count().label("line_count"),
            func.sum(OrderLine.quantity).label("units"),
            func.sum(OrderLine.packed).label("packed_units"),
        )
        .group_by(OrderLine.order_id)
        .subquery()
    )


def _row(rec: Any) -> OrderRow:
    return OrderRow(
        id=rec.id,
        number=rec.external_number,
        channel=rec.channel,
        status=OrderStatus(rec.status),
        customer=rec.customer_name,
        carrier=rec.carrier,
        service=rec.service,
        priority=rec.priority,
        ship_by=rec.ship_by,
        ordered_at=rec.ordered_at,
        line_count=rec.line_count or 0,
        units=rec.units or 0,
        packed_units=rec.packed_units or 0,
        updated_at=rec.updated_at,
    )


def list_orders(
    engine: Engine, *, status: str | None = None, limit: int | None = None, offset: int = 0
) -> list[OrderRow]:
    """Orders, most urgent first (expedited, then earliest ship-by, then number)."""
    wanted = _status_filter(status)
    totals = _line_totals()
    query = (
        select(*_SUMMARY_COLUMNS, totals.c.line_count, totals.c.units, totals.c.packed_units)
        .outerjoin(totals, totals.c.order_id == Order.id)
        .order_by(
            Order.priority.desc(),
            Order.ship_by.is_(None),
            Order.ship_by,
            Order.external_number,
            Order.id,
        )
        .offset(offset)
    )
    if wanted is not None:
        query = query.where(Order.status == wanted)
    if limit is not None:
        query = query.limit(limit)
    with unit_of_work(engine, read_only=True) as s:
        return [_row(rec) for rec in s.execute(query)]


def count_orders(engine: Engine, *, status: str | None = None) -> int:
    wanted = _status_filter(status)
    query = select(func.count()).select_from(Order)
    if wanted is not None:
        query = query.where(Order.status == wanted)
    with unit_of_work(engine, read_only=True) as s:
        return int(s.scalar(query) or 0)


def order_details(engine: Engine, *, status: str | None = None) -> list[OrderDetail]:
    """Every order (optionally of one status) with its address and lines."""
    rows = list_orders(engine, status=status)
    if not rows:
        return []
    wanted = _status_filter(status)
    lines_q = select(
        OrderLine.order_id,
        OrderLine.sku,
        OrderLine.name,
        OrderLine.quantity,
        OrderLine.packed,
        OrderLine.short,
    ).order_by(OrderLine.order_id, OrderLine.line_no)
    addr_q = select(
        Order.id,
        Order.ship_to_name,
        Order.ship_to_company,
        Order.ship_to_line1,
        Order.ship_to_line2,
        Order.ship_to_city,
        Order.ship_to_region,
        Order.ship_to_postal_code,
        Order.ship_to_country,
        Order.ship_to_phone,
    )
    if wanted is not None:
        lines_q = lines_q.join(Order, Order.id == OrderLine.order_id).where(Order.status == wanted)
        addr_q = addr_q.where(Order.status == wanted)
    parcels_q = select(
        Parcel.order_id,
        Parcel.seq,
        Parcel.weight_g,
        Parcel.expected_weight_g,
        Parcel.tracking_number,
        Parcel.carrier,
        Parcel.handed_over_at,
    ).order_by(Parcel.order_id, Parcel.seq)
    if wanted is not None:
        parcels_q = parcels_q.join(Order, Order.id == Parcel.order_id).where(Order.status == wanted)
    lines: dict[int, list[LineRow]] = defaultdict(list)
    parcels: dict[int, list[ParcelRow]] = defaultdict(list)
    with unit_of_work(engine, read_only=True) as s:
        for p in s.execute(parcels_q):
            parcels[p.order_id].append(
                ParcelRow(
                    p.seq,
                    p.weight_g,
                    p.expected_weight_g,
                    p.tracking_number,
                    p.carrier,
                    p.handed_over_at,
                )
            )
        for rec in s.execute(lines_q):
            lines[rec.order_id].append(
                LineRow(rec.sku, rec.name, rec.quantity, rec.packed, rec.short)
            )
        addresses = {rec[0]: ShipTo(*rec[1:]) for rec in s.execute(addr_q)}  # type: ignore[call-arg]
    return [
        OrderDetail(row, addresses[row.id], tuple(lines[row.id]), tuple(parcels[row.id]))
        for row in rows
    ]
