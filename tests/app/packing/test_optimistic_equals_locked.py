"""The optimistic way of counting a plain item (``app.packing.item_scan``: read
unlocked, write only if unchanged) is a way of writing the locked way's decision, not
a second decision: random scan sequences, with a second counter meddling in between, give
the same answers and leave the same database through either.

Two databases start alike; on one every scan goes the way the engine chooses (most
item scans optimistically), on the other every scan goes the locked way (a scan
with an id of its own never takes the optimistic way). The answers are compared but
for what names rows (ids, sequence numbers), and so are the orders, lines, serials,
scan log and tallies.
"""

from __future__ import annotations

import itertools
import shutil
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, String, cast, func, select

from app import db
from app.audit.verify import verify
from app.db import unit_of_work
from app.models import Order, OrderLine, PackedSerial, ScanEvent, ScanTally, Station, User
from app.packing import PackingEngine, PackingOptions, Verdict
from tests.app.packing.conftest import CUP_CASE, CUP_EAN, GS, HONEY_EAN, PHONE_EAN, _products
from tests.conftest import drop_pg_database, new_pg_database

TODAY = date(2026, 11, 22)  # the lots' expiry is judged against this day, not today's
# a scan, by its kind: "{a}"/"{b}" are this example's two orders
CODES = [
    "{a}",
    "{b}",
    "#{a}",
    CUP_EAN,
    CUP_EAN,
    CUP_EAN,
    CUP_CASE,
    "OLD-CUP",
    "cup-500",
    "LID",
    "LID",
    PHONE_EAN,
    HONEY_EAN,
    "SN-1",
    "SN-2",
    f"]d201{'0' + PHONE_EAN}21SN-3",
    f"]C110LOT-7{GS}17301231",
    f"]C110LOT-OLD{GS}17200101",
    "LOT-9",
    "B-100",
    "S-1",
    "CMD:UNDO",
    "CMD:SHORT",
    "CMD:COMPLETE",
    "CMD:HOLD",
    "CMD:NEXT-PARCEL",
    "CMD:LOGOUT",
    "NO-SUCH-CODE",
    "",
]
# who scans: this counter most of the time, now and then a second one on the same orders
actions = st.lists(
    st.tuples(st.sampled_from(["here"] * 6 + ["there"]), st.sampled_from(CODES)),
    min_size=1,
    max_size=24,
)
_numbers = itertools.count(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> Iterator[tuple[Engine, Engine]]:
    """Two fresh, migrated databases of one back-end, with the packing catalogue."""
    if request.param == "sqlite":
        urls = []
        for name in ("optimistic", "locked"):
            shutil.copyfile(sqlite_template, tmp_path / f"{name}.sqlite3")
            urls.append(f"sqlite:///{tmp_path / name}.sqlite3")
        dropped: list[str] = []
    else:
        admin = request.getfixturevalue("pg_admin_url")
        urls = dropped = [new_pg_database(admin), new_pg_database(admin)]
    engines = [db.make_engine(url) for url in urls]
    for engine in engines:
        with unit_of_work(engine) as s:
            s.add_all(_products())
            s.add(User(name="Packer Li", badge="B-100", role="packer"))
            s.add(User(name="Sup Wang", badge="S-1", role="supervisor"))
    yield engines[0], engines[1]
    for engine in engines:
        engine.dispose()
    for url in dropped:
        drop_pg_database(request.getfixturevalue("pg_admin_url"), url)


def _orders(engine: Engine, a: str, b: str) -> None:
    from tests.app.packing.conftest import add_order

    add_order(engine, a, {"CUP-500": 8, "PHONE-X": 1, "HONEY": 1, "LID": 2})
    add_order(engine, b, {"LID": 1, "CUP-500": 2})


def _answer(v: Verdict) -> dict[str, object]:
    """A verdict but for what names rows."""
    said = v.to_json() | {"words": v.words, "product_name": v.product_name}
    for naming in ("seq", "scan_uid", "replayed"):
        said.pop(naming, None)
    return said


def _state(engine: Engine, numbers: tuple[str, str]) -> dict[str, object]:
    """The orders, lines, serials, scan log and tallies, as no row id says them."""
    with unit_of_work(engine, read_only=True) as s:
        orders = s.execute(
            select(Order.external_number, Order.status, Order.version)
            .where(Order.external_number.in_(numbers))
            .order_by(Order.external_number)
        ).all()
        lines = s.execute(
            select(Order.external_number, OrderLine.sku, OrderLine.packed, OrderLine.short)
            .join(Order, Order.id == OrderLine.order_id)
            .where(Order.external_number.in_(numbers))
            .order_by(Order.external_number, OrderLine.line_no)
        ).all()
        serials = s.scalars(select(PackedSerial.serial).order_by(PackedSerial.serial)).all()
        log = s.execute(
            select(
                ScanEvent.raw_input,
                ScanEvent.outcome,
                ScanEvent.units,
                ScanEvent.short_units,
                ScanEvent.serial,
                ScanEvent.lot,
                ScanEvent.undone_by_id.is_(None),
                ScanEvent.packed_after,
                ScanEvent.remaining_after,
            ).order_by(ScanEvent.id)
        ).all()
        # each scan a link of its counter's chain, numbered in the order written: the
        # same on both (the hashes differ with the scans' ids and times, and are
        # checked by walking the chains)
        links = s.execute(
            select(
                Station.name,
                ScanEvent.chain == "scans-station-" + cast(Station.id, String),
                ScanEvent.seq,
            )
            .join(Station, Station.id == ScanEvent.station_id)
            .order_by(ScanEvent.id)
        ).all()
        tallies = s.execute(
            select(
                func.sum(ScanTally.scans),
                func.sum(ScanTally.rejected),
                func.sum(ScanTally.items),
            )
        ).one()
    return {
        "orders": [tuple(r) for r in orders],
        "lines": [tuple(r) for r in lines],
        "serials": list(serials),
        "log": [tuple(r) for r in log],
        "tallies": tuple(tallies),
        "links": [tuple(r) for r in links],
        "chains_whole": verify(engine).ok,
    }


def test_the_optimistic_and_the_locked_way_answer_and_write_alike(
    two_databases: tuple[Engine, Engine],
) -> None:
    optimistic_db, locked_db = two_databases
    options = PackingOptions(today=TODAY)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(actions)
    def run(steps: list[tuple[str, str]]) -> None:
        n = next(_numbers)
        a, b = f"A{n}", f"B{n}"
        counters = {}
        for engine in (optimistic_db, locked_db):
            _orders(engine, a, b)
            counters[engine] = {
                who: PackingEngine(engine, station=f"{who}-{n}", options=options)
                for who in ("here", "there")
            }
        for engine in (optimistic_db, locked_db):
            for counter in counters[engine].values():
                counter.sign_in("B-100")
        for who, code in steps:
            raw = code.format(a=a, b=b)
            chosen = counters[optimistic_db][who].scan(raw)
            locked = counters[locked_db][who].scan(raw, scan_uid=uuid.uuid4().hex)
            assert _answer(chosen) == _answer(locked), (who, raw)
        for engine in (optimistic_db, locked_db):
            for counter in counters[engine].values():
                counter.close_connection()
        assert _state(optimistic_db, (a, b)) == _state(locked_db, (a, b))

    run()
