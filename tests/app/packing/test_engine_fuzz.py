"""Fuzzing the engine: whatever arrives, no exception escapes, and a scan that is
rejected changes no order, line or claim."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import Order, OrderLine
from app.packing import PackingEngine
from tests.app.packing.conftest import CUP_CASE, CUP_EAN, HONEY_EAN, PHONE_EAN, add_order

KNOWN = [
    "A1",
    "B2",
    CUP_EAN,
    CUP_CASE,
    PHONE_EAN,
    HONEY_EAN,
    "LID",
    "OLD-CUP",
    "B-100",
    "S-1",
    "CMD:UNDO",
    "CMD:SHORT",
    "CMD:COMPLETE",
    "CMD:HOLD",
    "CMD:NEXT-PARCEL",
    "CMD:LOGOUT",
    "CMD:REPRINT",
    "CMD:NOPE",
    f"]C101{'0' + PHONE_EAN}21SN-9",
    f"01{'0' + HONEY_EAN}17200101\x1d10L1",
    "\x1d",
    "]E0",
    "]C1",
]
scans = st.one_of(
    st.sampled_from(KNOWN),
    st.text(max_size=40),
    st.binary(max_size=20).map(lambda b: b.decode("latin-1")),
)


def _state(engine: Engine) -> tuple[object, ...]:
    with unit_of_work(engine) as s:
        orders = s.execute(
            select(Order.id, Order.status, Order.claimed_by_station_id, Order.version).order_by(
                Order.id
            )
        ).all()
        lines = s.execute(
            select(OrderLine.id, OrderLine.packed, OrderLine.short).order_by(OrderLine.id)
        ).all()
    return tuple(orders), tuple(lines)


def test_engine_survives_anything(sqlite_engine: Engine) -> None:
    from app.models import User
    from tests.app.packing.conftest import _products

    with unit_of_work(sqlite_engine) as s:
        s.add_all(_products())
        s.add(User(name="Packer", badge="B-100", role="packer"))
        s.add(User(name="Sup", badge="S-1", role="supervisor"))
    add_order(sqlite_engine, "A1", {"CUP-500": 13, "PHONE-X": 2, "HONEY": 2, "LID": 1})
    add_order(sqlite_engine, "B2", {"LID": 2})
    engine = PackingEngine(sqlite_engine, station="fuzz")

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(scans, min_size=1, max_size=25))
    def run(batch: list[str]) -> None:
        for raw in batch:
            before = _state(sqlite_engine)
            verdict = engine.scan(raw)
            if verdict.outcome.is_rejection:
                assert _state(sqlite_engine) == before, (raw, verdict)

    run()
