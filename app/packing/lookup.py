"""The look-ups a scan needs, each one indexed query inside the scan's transaction."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.barcodes import NormalisedScan, to_gtin14
from app.models import Order, OrderLine, OrderStatus, Product, ProductCode, User


@dataclass(frozen=True)
class ItemMatch:
    product_id: int
    sku: str
    name: str
    units: int  # how many items one scan of this code counts (case packs > 1)
    serial_tracked: bool
    lot_tracked: bool


def find_item(s: Session, scan: NormalisedScan) -> ItemMatch | None:
    """A product by GTIN (any length), alias, case-pack code or SKU."""
    gtin = scan.gs1.gtin14 if scan.gs1 else to_gtin14(scan.text)
    candidates = [c for c in (gtin, scan.text) if c]
    row = s.execute(
        select(
            Product.id,
            Product.sku,
            Product.name,
            ProductCode.units,
            Product.serial_tracked,
            Product.lot_tracked,
        )
        .join(ProductCode, ProductCode.product_id == Product.id)
        .where(ProductCode.code.in_(candidates), Product.active)
        .order_by(ProductCode.code == scan.text)  # a GTIN match first
        .limit(1)
    ).first()
    if row is None:
        row = s.execute(
            select(
                Product.id,
                Product.sku,
                Product.name,
                1,
                Product.serial_tracked,
                Product.lot_tracked,
            ).where(Product.sku == scan.text, Product.active)
        ).first()
    return ItemMatch(*row) if row else None


@dataclass(frozen=True)
class OrderMatch:
    id: int
    number: str
    status: OrderStatus
    claimed_by_station_id: int | None


def find_orders(s: Session, text: str) -> list[OrderMatch]:
    """Orders whose number is the scanned text, packable ones first."""
    rows = s.execute(
        select(Order.id, Order.external_number, Order.status, Order.claimed_by_station_id)
        .where(Order.external_number == text)
        .order_by(Order.id)
        .limit(10)
    ).all()
    matches = [OrderMatch(r[0], r[1], OrderStatus(r[2]), r[3]) for r in rows]
    packable = (OrderStatus.READY, OrderStatus.PACKING)
    return sorted(matches, key=lambda m: m.status not in packable)


def other_open_order_with(s: Session, product_id: int, exclude_order_id: int) -> str | None:
    """The number of another open order that wants this product, if any."""
    return s.scalar(
        select(Order.external_number)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(
            OrderLine.product_id == product_id,
            Order.id != exclude_order_id,
            Order.status.in_((OrderStatus.READY, OrderStatus.PACKING)),
            OrderLine.packed + OrderLine.short < OrderLine.quantity,
        )
        .order_by(Order.priority.desc(), Order.ship_by)
        .limit(1)
    )


def line_for(s: Session, order_id: int, item: ItemMatch) -> OrderLine | None:
    """The order's line for this item: one with room first, then by line number."""
    return s.scalar(
        select(OrderLine)
        .where(
            OrderLine.order_id == order_id,
            (OrderLine.product_id == item.product_id) | (OrderLine.sku == item.sku),
        )
        .order_by((OrderLine.packed + OrderLine.short) >= OrderLine.quantity, OrderLine.line_no)
        .limit(1)
    )


def remaining_units(s: Session, order_id: int) -> int:
    total = s.scalar(
        select(
            func.coalesce(func.sum(OrderLine.quantity - OrderLine.packed - OrderLine.short), 0)
        ).where(OrderLine.order_id == order_id)
    )
    return int(total or 0)


def find_user_by_badge(s: Session, badge: str) -> User | None:
    return s.scalar(select(User).where(User.badge == badge, User.active))
