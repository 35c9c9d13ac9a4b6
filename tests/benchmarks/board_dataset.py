"""The board's benchmark data: ``dataset.build``'s 100,000 orders made a busy floor.

On top of the ready orders: a mix of states (new, ready, packing with claims,
packed, on hold, some expedited, some without a ship-by), a history row for each
order's state, 30,000 orders shipped over the last 30 days (each with its packing,
packed and shipped history) and 1,000,000 scan events spread over those 30 days.
Bulk Core inserts; deterministic for a seed.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, insert, select, update

from app import scan_tally
from app.audit import tables as chained
from app.audit.chain import Kind, seal_rows
from app.credentials import badge_hash
from app.db import unit_of_work
from app.dbclock import db_now
from app.models import Order, OrderHistory, OrderLine, OrderStatus, ScanEvent, Station, User
from tests.benchmarks import dataset

S = OrderStatus
SHIPPED = 30_000
SCANS = 1_000_000
DAYS = 30
STATIONS = 20
CHUNK = 20_000


def extend(engine: Engine, orders: int, *, seed: int = 11) -> datetime:
    """Turn ``dataset.build``'s orders into a floor; returns the database's "now"."""
    rng = random.Random(seed)
    with unit_of_work(engine, read_only=True) as s:
        now = db_now(s)
    with engine.begin() as conn:
        conn.execute(
            insert(Station),
            [{"id": i, "name": f"desk-{i}", "last_seen_at": now} for i in range(1, STATIONS + 1)],
        )
        conn.execute(
            insert(User),
            [
                {
                    "id": 100 + i,
                    "name": f"Packer {i}",
                    "badge_hash": badge_hash(f"P-{i}", create=True),
                    "role": "packer",
                }
                for i in range(1, STATIONS + 1)
            ],
        )
        # states of the open orders: 10 % new, 5 % packing, 10 % packed, 3 % on hold
        plan = {S.NEW: range(1, orders, 10), S.PACKED: range(2, orders, 10)}
        for status, ids in plan.items():
            conn.execute(update(Order).where(Order.id.in_(list(ids))).values(status=status))
        packing = list(range(3, orders, 20))
        for i in range(0, len(packing), 2000):
            chunk = packing[i : i + 2000]
            conn.execute(
                update(Order)
                .where(Order.id.in_(chunk))
                .values(status=S.PACKING, claimed_at=now - timedelta(minutes=10))
            )
        for desk in range(1, STATIONS + 1):
            mine = packing[desk - 1 :: STATIONS]
            conn.execute(
                update(Order)
                .where(Order.id.in_(mine))
                .values(claimed_by_station_id=desk, claimed_by_user_id=100 + desk)
            )
        conn.execute(
            update(Order).where(Order.id.in_(list(range(4, orders, 33)))).values(status=S.ON_HOLD)
        )
        conn.execute(
            update(Order).where(Order.id.in_(list(range(5, orders, 50)))).values(priority=1)
        )
        conn.execute(
            update(Order).where(Order.id.in_(list(range(6, orders, 40)))).values(ship_by=None)
        )
        conn.execute(update(Order).values(carrier="SF"))
        conn.execute(update(Order).where(Order.id % 3 == 0).values(carrier="YTO"))

        statuses = dict(conn.execute(select(Order.id, Order.status)).all())
        history = []
        for oid, status in statuses.items():
            history.append(
                {
                    "order_id": oid,
                    "from_status": None if status in (S.NEW, S.READY) else "ready",
                    "to_status": S(status).value,
                    "at": now - timedelta(minutes=rng.randint(1, 600)),
                }
            )
            if len(history) == CHUNK:
                conn.execute(insert(OrderHistory), _linked(conn, chained.HISTORY, history))
                history = []
        if history:
            conn.execute(insert(OrderHistory), _linked(conn, chained.HISTORY, history))

        first = orders + 1
        shipped, lines, history = [], [], []
        line_id = 10_000_000
        for oid in range(first, first + SHIPPED):
            packed_at = now - timedelta(seconds=rng.randint(3600, DAYS * 86400 - 3600))
            began = packed_at - timedelta(seconds=rng.randint(60, 900))
            shipped_at = packed_at + timedelta(hours=rng.randint(1, 8))
            shipped.append(
                {
                    "id": oid,
                    "channel": "bench",
                    "external_number": f"S{oid:07d}",
                    "status": S.SHIPPED,
                    "customer_name": "李四",
                    "carrier": "SF",
                    "priority": 0,
                    "ship_by": packed_at + timedelta(hours=rng.randint(-2, 12)),
                    "version": 1,
                }
            )
            line_id += 1
            lines.append(
                {
                    "id": line_id,
                    "order_id": oid,
                    "line_no": 1,
                    "sku": "SKU-00001",
                    "product_id": 1,
                    "name": "Item 1",
                    "quantity": 2,
                    "packed": 2,
                    "short": 0,
                }
            )
            user = 100 + rng.randint(1, STATIONS)
            for a, b, at in (
                ("ready", "packing", began),
                ("packing", "packed", packed_at),
                ("packed", "shipped", shipped_at),
            ):
                history.append(
                    {"order_id": oid, "from_status": a, "to_status": b, "at": at, "user_id": user}
                )
            if len(shipped) == 5000:
                conn.execute(insert(Order), shipped)
                conn.execute(insert(OrderLine), lines)
                conn.execute(insert(OrderHistory), _linked(conn, chained.HISTORY, history))
                shipped, lines, history = [], [], []
        if shipped:
            conn.execute(insert(Order), shipped)
            conn.execute(insert(OrderLine), lines)
            conn.execute(insert(OrderHistory), _linked(conn, chained.HISTORY, history))

        outcomes = ["accepted"] * 90 + ["order_opened"] * 4 + ["wrong_item"] * 3
        outcomes += ["over_scan", "unknown_code", "order_complete"]
        events = []
        span = DAYS * 86400
        for n in range(SCANS):
            outcome = rng.choice(outcomes)
            desk = rng.randint(1, STATIONS)
            events.append(
                {
                    "scan_uid": f"b{n}",
                    "at": now - timedelta(seconds=rng.randint(1, span)),
                    "station_id": desk,
                    "user_id": 100 + desk,
                    "order_id": rng.randint(first, first + SHIPPED - 1),
                    "raw_input": "6900000000017",
                    "outcome": outcome,
                    "units": 1 if outcome in ("accepted", "order_complete") else 0,
                    "manual": n % 97 == 0,
                }
            )
            if len(events) == CHUNK:
                conn.execute(insert(ScanEvent), _linked(conn, chained.SCANS, events))
                events = []
        if events:
            conn.execute(insert(ScanEvent), _linked(conn, chained.SCANS, events))
        # the floor has been quiet for an hour: the board's refresh window starts empty
        conn.execute(update(Order).values(updated_at=now - timedelta(hours=1)))
        if conn.dialect.name == "postgresql":
            for table in (
                "orders",
                "order_lines",
                "order_history",
                "scan_events",
                "users",
                "stations",
            ):
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            conn.exec_driver_sql("ANALYZE")
        else:
            conn.exec_driver_sql("ANALYZE")
    scan_tally.rebuild(engine)  # the events were bulk-inserted, not scanned
    # a live server's autovacuum keeps statistics and visibility maps current; do
    # now what it would do after a bulk load, so index-only scans are measured
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if conn.dialect.name == "postgresql" else "ANALYZE")
    return now


def build(url: str, orders: int = 100_000) -> tuple[Engine, datetime]:
    engine = dataset.build(url, orders)
    return engine, extend(engine, orders)


def _linked(conn: Connection, kind: Kind, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` of a chained table with their links, as the app writes them."""
    return [row | link for row, link in zip(rows, seal_rows(conn, kind, rows), strict=True)]
