"""Orders with addresses, a station and its printers, written through the models."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import Engine

from app.db import unit_of_work
from app.models import Order, OrderLine, OrderStatus, Product, Station, User


def add_order(
    engine: Engine, number: str, *, address: str = "世纪大道100号", lines: int = 2
) -> int:
    with unit_of_work(engine) as s:
        order = Order(
            channel="web",
            external_number=number,
            status=OrderStatus.PACKED,
            customer_name="张伟",
            ship_to_name="张伟",
            ship_to_line1=address,
            ship_to_city="上海市",
            ship_to_postal_code="200120",
            ship_to_country="CN",
            ship_to_phone="13800138000",
            carrier="SF Express",
            service="Standard",
            cod_amount=Decimal("25.50"),
            currency="CNY",
            lines=[
                OrderLine(line_no=i, sku=f"SKU-{i}", name=f"商品 {i}", quantity=1, packed=1)
                for i in range(1, lines + 1)
            ],
        )
        s.add(order)
        s.flush()
        return order.id


def add_station(engine: Engine, name: str = "counter-1") -> int:
    with unit_of_work(engine) as s:
        station = Station(name=name)
        s.add(station)
        s.flush()
        return station.id


def add_bins(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        s.add(Product(sku="SKU-1", name="商品 1", bin_location="A-2-10"))


def free_port() -> int:
    probe = socket.create_server(("127.0.0.1", 0))
    port = int(probe.getsockname()[1])
    probe.close()
    return port


def wait_for(check: Callable[[], bool], timeout: float = 15.0) -> bool:
    """Whether ``check`` came true within ``timeout`` seconds (looked at every 20 ms)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return check()


def add_lead(engine: Engine, name: str = "Lead Wu 吴") -> int:
    """A lead (who may retry, cancel and reprint print jobs); their id."""
    with unit_of_work(engine) as s:
        lead = User(name=name, badge=f"L-{name}", role="lead")
        s.add(lead)
        s.flush()
        return lead.id
