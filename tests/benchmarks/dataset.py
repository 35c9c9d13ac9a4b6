"""A warehouse-sized database for the benchmarks, written with bulk Core inserts.

``build(url, orders=100_000)`` makes a catalogue of 2,000 products (each with a valid
EAN-13) and ``orders`` ready orders of 1-5 lines (3 on average), so 100,000 orders
hold about 300,000 lines. Deterministic for a given size.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, insert, select

from app import db
from app.barcodes import check_digit
from app.credentials import badge_hash
from app.models import CodeKind, Order, OrderLine, OrderStatus, Product, ProductCode, User

PRODUCTS = 2_000
BADGE = "BENCH-1"


def ean(i: int) -> str:
    payload = f"690{i:09d}"
    return payload + str(check_digit(payload))


def build(url: str, orders: int = 100_000, *, seed: int = 7) -> Engine:
    engine = db.make_engine(url)
    db.upgrade(engine, backup_first=False)
    rng = random.Random(seed)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(Product),
            [
                {
                    "id": i,
                    "sku": f"SKU-{i:05d}",
                    "name": f"Item {i} 商品",
                    "serial_tracked": False,
                    "lot_tracked": False,
                    "active": True,
                }
                for i in range(1, PRODUCTS + 1)
            ],
        )
        conn.execute(
            insert(ProductCode),
            [
                {"code": "0" + ean(i), "product_id": i, "kind": CodeKind.GTIN, "units": 1}
                for i in range(1, PRODUCTS + 1)
            ],
        )
        conn.execute(
            insert(User),
            [
                {
                    "name": "Bench Packer",
                    "badge_hash": badge_hash(BADGE, create=True),
                    "role": "packer",
                    "active": True,
                }
            ],
        )
        batch_orders, batch_lines = [], []
        line_id = 0
        for oid in range(1, orders + 1):
            batch_orders.append(
                {
                    "id": oid,
                    "channel": "bench",
                    "external_number": f"B{oid:07d}",
                    "status": OrderStatus.READY,
                    "customer_name": "张三 Zhang San",
                    "priority": 0,
                    "ship_by": now + timedelta(hours=rng.randint(-4, 48)),
                    "version": 1,
                }
            )
            skus = rng.sample(range(1, PRODUCTS + 1), rng.choice((1, 2, 3, 3, 4, 5)))
            for no, pid in enumerate(skus, start=1):
                line_id += 1
                batch_lines.append(
                    {
                        "id": line_id,
                        "order_id": oid,
                        "line_no": no,
                        "sku": f"SKU-{pid:05d}",
                        "product_id": pid,
                        "name": f"Item {pid}",
                        "quantity": rng.choice((1, 1, 2, 3)),
                        "packed": 0,
                        "short": 0,
                    }
                )
            if len(batch_orders) == 10_000:
                conn.execute(insert(Order), batch_orders)
                conn.execute(insert(OrderLine), batch_lines)
                batch_orders, batch_lines = [], []
        if batch_orders:
            conn.execute(insert(Order), batch_orders)
            conn.execute(insert(OrderLine), batch_lines)
        if conn.dialect.name == "postgresql":  # explicit ids: move the sequences past them
            for table in ("products", "orders", "order_lines"):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
    return engine


def plan(url: str, first: int, count: int) -> list[tuple[int, str, list[str]]]:
    """For orders first..first+count-1: each order's id, its number and the item
    scans it needs."""
    engine = db.make_engine(url)
    orders: dict[int, tuple[int, str, list[str]]] = {}
    with db.unit_of_work(engine, read_only=True) as s:
        rows = s.execute(
            select(OrderLine.order_id, OrderLine.product_id, OrderLine.quantity)
            .where(OrderLine.order_id.between(first, first + count - 1))
            .order_by(OrderLine.order_id, OrderLine.line_no)
        )
        for order_id, product_id, quantity in rows:
            _, _, scans = orders.setdefault(order_id, (order_id, f"B{order_id:07d}", []))
            scans.extend([ean(product_id)] * quantity)
    engine.dispose()
    return list(orders.values())
