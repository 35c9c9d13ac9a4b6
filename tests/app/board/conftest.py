"""A small floor for the board's tests: products, a packer, a supervisor, orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.dbclock import db_now
from app.models import CodeKind, Order, OrderLine, OrderStatus, Product, ProductCode, User

CUP_EAN = "6901234567892"
LID_EAN = "6909876543212"


@dataclass(frozen=True)
class Floor:
    engine: Engine
    packer_id: int
    supervisor_id: int
    packer_badge: str = "B-100"


def now_of(engine: Engine) -> datetime:
    with unit_of_work(engine, read_only=True) as s:
        return db_now(s)


def add_order(
    engine: Engine,
    number: str,
    lines: dict[str, int] | None = None,
    *,
    status: OrderStatus = OrderStatus.READY,
    channel: str = "web",
    customer: str = "李雷",
    carrier: str | None = "SF",
    priority: int = 0,
    ship_by: datetime | None = None,
    ship_in: timedelta | None = None,
) -> int:
    """An order written through the models; ``ship_in`` is relative to the DB's now."""
    if ship_in is not None:
        ship_by = now_of(engine) + ship_in
    with unit_of_work(engine) as s:
        products = {sku: pid for sku, pid in s.execute(select(Product.sku, Product.id))}
        order = Order(
            channel=channel,
            external_number=number,
            status=status,
            customer_name=customer,
            carrier=carrier,
            priority=priority,
            ship_by=ship_by,
            lines=[
                OrderLine(line_no=i, sku=sku, product_id=products.get(sku), name=sku, quantity=q)
                for i, (sku, q) in enumerate((lines or {"CUP": 1}).items(), start=1)
            ],
        )
        s.add(order)
        s.flush()
        return order.id


@pytest.fixture
def floor(engine: Engine) -> Floor:
    with unit_of_work(engine) as s:
        s.add_all(
            [
                Product(
                    sku="CUP",
                    name="Cup",
                    codes=[ProductCode(code="0" + CUP_EAN, kind=CodeKind.GTIN, units=1)],
                ),
                Product(
                    sku="LID",
                    name="Lid",
                    codes=[ProductCode(code="0" + LID_EAN, kind=CodeKind.GTIN, units=1)],
                ),
            ]
        )
        packer = User(name="Packer Li", badge="B-100", role="packer")
        boss = User(name="Sup Wang", badge="S-1", role="supervisor")
        s.add_all([packer, boss])
        s.flush()
        return Floor(engine, packer.id, boss.id)
