"""A small catalogue and a few orders, written straight through the models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import CodeKind, Order, OrderLine, OrderStatus, Product, ProductCode, User
from app.packing import Outcome, PackingEngine, PackingOptions

CUP_EAN = "6901234567892"  # EAN-13 with a valid check digit
CUP_CASE = "16901234567899"  # GTIN-14 of the case of 6
PHONE_EAN = "6909876543212"
HONEY_EAN = "6905555555552"


@dataclass(frozen=True)
class Floor:
    engine: Engine
    badge: str = "B-100"
    supervisor: str = "S-1"


def _products() -> list[Product]:
    return [
        Product(
            sku="CUP-500",
            name="保温杯 500ml",
            codes=[
                ProductCode(code="0" + CUP_EAN, kind=CodeKind.GTIN, units=1),
                ProductCode(code=CUP_CASE, kind=CodeKind.CASE, units=6),
                ProductCode(code="OLD-CUP", kind=CodeKind.ALIAS, units=1),
            ],
        ),
        Product(
            sku="PHONE-X",
            name="Phone X",
            serial_tracked=True,
            codes=[ProductCode(code="0" + PHONE_EAN, kind=CodeKind.GTIN, units=1)],
        ),
        Product(
            sku="HONEY",
            name="蜂蜜 Honey",
            lot_tracked=True,
            codes=[ProductCode(code="0" + HONEY_EAN, kind=CodeKind.GTIN, units=1)],
        ),
        Product(sku="LID", name="Lid"),
    ]


def add_order(
    engine: Engine,
    number: str,
    lines: dict[str, int],
    status: OrderStatus = OrderStatus.READY,
    channel: str = "web",
) -> int:
    with unit_of_work(engine) as s:
        products = {p.sku: p.id for p in s.query(Product)}
        order = Order(
            channel=channel,
            external_number=number,
            status=status,
            customer_name="李雷",
            lines=[
                OrderLine(line_no=i, sku=sku, product_id=products.get(sku), name=sku, quantity=qty)
                for i, (sku, qty) in enumerate(lines.items(), start=1)
            ],
        )
        s.add(order)
        s.flush()
        return order.id


@pytest.fixture
def floor(engine: Engine) -> Floor:
    with unit_of_work(engine) as s:
        s.add_all(_products())
        s.add_all(
            [
                User(name="Packer Li", badge="B-100", role="packer"),
                User(name="Sup Wang", badge="S-1", role="supervisor"),
            ]
        )
    return Floor(engine)


GS = "\x1d"


def station(floor: Floor, name: str = "counter-1", **options: object) -> PackingEngine:
    eng = PackingEngine(
        floor.engine, station=name, options=PackingOptions(today=date(2026, 11, 22), **options)
    )  # type: ignore[arg-type]
    assert eng.scan(floor.badge).outcome is Outcome.LOGIN
    return eng


def lines(floor: Floor, order_id: int) -> dict[str, tuple[int, int, int]]:
    with unit_of_work(floor.engine) as s:
        return {
            ln.sku: (ln.packed, ln.short, ln.quantity)
            for ln in s.scalars(select(OrderLine).where(OrderLine.order_id == order_id))
        }


def status(floor: Floor, order_id: int) -> OrderStatus:
    with unit_of_work(floor.engine) as s:
        return OrderStatus(s.get_one(Order, order_id).status)
