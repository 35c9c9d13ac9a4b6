"""The demo's carriers and dock: each demo carrier's profile (where its numbers come
from, its truck's cut-off) and a pool of numbers in its own style, and the demo's
shipped orders handed over at the dock parcel by parcel, as a loader would, so that
they carry real tracking numbers and ``shipped`` times."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import Order
from app.printing.build import parcel_ids
from app.shipping import carriers, tracking_pool
from app.shipping.dock import Dock
from app.shipping.parcel_labels import ensure_tracking
from app.shipping.tracking_numbers import CheckRule, check_digit

POOL_SIZE = 2000
DOCK = "dock-1"


def _ups(n: int) -> str:
    body = f"1Z4F62E703{n:07d}"
    return body + check_digit(body, CheckRule.UPS)


# carrier: (check-digit rule, cut-off, the first and last numbers of its pool)
_CARRIERS: dict[str, tuple[CheckRule, str, str, str]] = {
    "SF Express": (CheckRule.NONE, "18:00", "SF1460000000001", f"SF146000000{POOL_SIZE:04d}"),
    "ZTO Express": (CheckRule.NONE, "17:30", "731500000001", f"73150000{POOL_SIZE:04d}"),
    "YTO Express": (CheckRule.NONE, "17:30", "YT7500000000001", f"YT750000000{POOL_SIZE:04d}"),
    "JD Logistics": (CheckRule.NONE, "19:00", "JDV0100000001", f"JDV01000{POOL_SIZE:05d}"),
    "DHL": (CheckRule.NONE, "16:00", "4000000001", f"400000{POOL_SIZE:04d}"),
    "UPS": (CheckRule.UPS, "16:30", _ups(1), _ups(POOL_SIZE)),
}


def set_up_carriers(engine: Engine, user_id: int) -> None:
    """Each demo carrier's profile and pool (an existing pool is topped up, not doubled),
    set up by ``user_id`` (the demo's admin)."""
    with tempfile.TemporaryDirectory() as folder:
        for name, (rule, cutoff, first, last) in _CARRIERS.items():
            carriers.set_carrier(
                engine,
                name,
                tracking_source="pool",
                check_rule=rule.value,
                cutoff=cutoff,
                user_id=user_id,
            )
            pool = Path(folder) / "pool.txt"
            pool.write_text(f"{first}..{last}\n", encoding="utf-8")
            tracking_pool.import_pool(engine, name, pool, user_id=user_id)


def hand_over(engine: Engine, orders: Iterable[tuple[str, str]], loader_badge: str) -> int:
    """Hand each packed order's parcels over at the dock; how many orders shipped."""
    docks: dict[str, Dock] = {}
    shipped = 0
    for channel, number in orders:
        with unit_of_work(engine) as s:
            order_id, carrier = s.execute(
                select(Order.id, Order.carrier).where(
                    Order.channel == channel, Order.external_number == number
                )
            ).one()
            ids = parcel_ids(s.connection(), order_id)
        dock = docks.get(carrier or "")
        if dock is None:
            dock = Dock(engine, station=DOCK, user_badge=loader_badge, carrier=carrier or "")
            docks[carrier or ""] = dock
        for parcel_id in ids:
            label = ensure_tracking(engine, parcel_id) or number
            answer = dock.scan(label)
        shipped += answer.outcome.value == "order_shipped"
    return shipped
