"""The audit chains: how long ``packdesk audit verify`` takes over a million events,
what chaining costs the scan path, and one chain against a chain per counter with
many counters on one PostgreSQL server.

* ``audit verify`` over 1,000,000 events in 9 chains (8 counters and the central
  one), SQLite and PostgreSQL, the time of ``app.audit.verify.verify`` end to end.
* The scan path: a counter packs orders of 1-5 lines (about 5 scans each) and every
  scan is timed to its committed verdict, with every commit durable, the orders taking
  turns (chained, unchained, none, chained, ...) so the three are measured side by
  side in one run: the scan path writes one audit event per order, when the order
  completes (``print.requested``, in the same transaction), and no other. "unchained"
  writes that event as Packdesk did before the chains (a plain INSERT): the pack
  station's scan path as it was; "none" writes no event at all. The mean and p50 per
  scan, and the p50 of the scans that complete an order (the ones that write the
  event), chained against each.
* Contention on PostgreSQL: 8 writers, each on a connection of its own, append one
  event per durable transaction for a few seconds, all to one chain (as one chain for
  the warehouse would) and then each to its own (as counters do): appends per second.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, insert, select, text
from sqlalchemy.orm import Session

from app import db
from app.audit import chain
from app.audit.chain import AUDIT, Kind
from app.audit.tables import HISTORY, SCANS
from app.audit.verify import verify
from app.models import AuditChain, AuditEvent, OrderHistory, ScanEvent, Station, User
from app.packing import Outcome, PackingEngine
from app.packing.print_request import PrintRequest, RecordingSpool
from tests.benchmarks import dataset
from tests.benchmarks.harness import Result, percentile
from tests.pg_server import ThrowawayPostgres

EVENTS = 1_000_000
ORDERS = -(-EVENTS // 11)  # packed and shipped, 11 chained rows each (EVENTS_PER_ORDER)
COUNTERS = 8
VERIFY_TARGET = 10.0  # s
SCAN_ORDERS = 450  # 150 each way, taking turns order by order
SCAN_TARGET = 1.10  # chained against none, per scan
WRITERS = 8
CONTENTION_SECONDS = 4.0
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
DETAILS = {"documents": ["slip", "waybill"], "reason": "order complete"}


# --- audit verify over a million events ------------------------------------------------


def _stations(engine: Engine, count: int) -> list[int]:
    with db.unit_of_work(engine) as s:
        made = [Station(name=f"bench-audit-{i}") for i in range(count)]
        s.add_all(made)
        s.flush()
        return [st.id for st in made]


SCANS_PER_ORDER = 6  # the slip and five items
HISTORY_PER_ORDER = 4  # ready, packing, packed, shipped
EVENTS_PER_ORDER = SCANS_PER_ORDER + HISTORY_PER_ORDER + 1  # and its print request
ANSWER = {"verdict": "ok", "line": 1, "left": 2}


class _Links:
    """Rows chained in bulk, as the chains would have them: each row's chain, number,
    previous hash and hash, and every chain's head at the end."""

    def __init__(self, engine: Engine) -> None:
        self.dialect = engine.dialect
        self.heads: dict[str, tuple[int, str]] = {}
        self.before: dict[str, str] = {}  # each chain's hash before its newest

    def seal(self, kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
        name, said = kind.said(self.dialect, values)
        seq, prev = self.heads.get(name, (0, chain.GENESIS))
        seq += 1
        hashed = chain.link(prev, seq, said)
        self.heads[name], self.before[name] = (seq, hashed), prev
        return dict(values, chain=name, seq=seq, prev_hash=prev, hash=hashed)

    def head_rows(self) -> list[dict[str, Any]]:
        return [
            {"chain": c, "seq": s, "hash": h, "prev_hash": self.before[c]}
            for c, (s, h) in self.heads.items()
        ]


def _order_rows(
    order_id: int, station: int, user: int, at: datetime
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """One packed and shipped order's links: its scans at its counter, its moves (two
    by the counter, two by no counter) and its print request."""
    moves = [
        ("ready", "packing", station),
        ("packing", "packed", station),
        ("packed", "shipped", None),
    ]
    history = [
        dict(
            order_id=order_id,
            from_status=None,
            to_status="ready",
            at=at,
            user_id=None,
            station_id=None,
            reason=None,
        )
    ]
    history += [
        dict(
            order_id=order_id,
            from_status=a,
            to_status=b,
            at=at + timedelta(seconds=10 * n),
            user_id=user,
            station_id=st,
            reason=None,
        )
        for n, (a, b, st) in enumerate(moves, start=1)
    ]
    scans = [
        dict(
            scan_uid=f"{order_id}-{n}",
            at=at + timedelta(seconds=n),
            station_id=station,
            user_id=user,
            order_id=order_id,
            line_id=None,
            raw_input=f"0{dataset.ean(n)}",
            code=dataset.ean(n),
            outcome="accepted" if n else "order_opened",
            units=1 if n else 0,
            short_units=0,
            began_parcel=None,
            serial=None,
            lot=None,
            expiry=None,
            manual=False,
            message=None,
            packed_after=n,
            ordered=SCANS_PER_ORDER - 1,
            remaining_after=SCANS_PER_ORDER - 1 - n,
            answer=ANSWER,
        )
        for n in range(SCANS_PER_ORDER)
    ]
    event = dict(
        at=at + timedelta(seconds=20),
        user_id=user,
        station_id=station,
        action="print.requested",
        entity="order",
        entity_id=order_id,
        details=DETAILS,
    )
    return scans, history, event


def fill(engine: Engine, orders: int) -> int:
    """The chained rows of ``orders`` packed and shipped orders (``dataset.build``
    made them), spread over the counters: ``EVENTS_PER_ORDER`` links each, in the
    three chained tables; how many in all."""
    stations = _stations(engine, COUNTERS)
    links = _Links(engine)
    batches: dict[Kind, list[dict[str, Any]]] = {SCANS: [], HISTORY: [], AUDIT: []}
    tables = {SCANS: ScanEvent, HISTORY: OrderHistory, AUDIT: AuditEvent}
    written = 0
    with engine.begin() as conn:
        user = conn.execute(select(User.id)).scalar_one()

        def flush(kind: Kind) -> None:
            conn.execute(insert(tables[kind]), batches[kind])
            batches[kind].clear()

        for order_id in range(1, orders + 1):
            at = T0 + timedelta(minutes=order_id)
            scans, history, event = _order_rows(order_id, stations[order_id % COUNTERS], user, at)
            for kind, rows in ((SCANS, scans), (HISTORY, history), (AUDIT, [event])):
                batches[kind] += [links.seal(kind, row) for row in rows]
                written += len(rows)
                if len(batches[kind]) >= 20_000:
                    flush(kind)
        for kind in batches:
            if batches[kind]:
                flush(kind)
        conn.execute(insert(AuditChain), links.head_rows())
    return written


def _verify_rows(url: str, backend: str) -> list[Result]:
    started = time.perf_counter()
    engine = dataset.build(url, ORDERS)
    events = fill(engine, ORDERS)
    print(f"    {events:,} events written in {time.perf_counter() - started:.0f} s", flush=True)
    if engine.dialect.name == "postgresql":
        with create_engine(url, isolation_level="AUTOCOMMIT").connect() as conn:
            for table in ("audit_events", "scan_events", "order_history"):
                conn.execute(text(f"VACUUM ANALYZE {table}"))
    else:  # the WAL copied into the file, as the counters' checkpoints keep it
        db.checkpoint(engine)
    took = []
    for _ in range(2):  # the first also reads the table from the disk into the cache
        started = time.perf_counter()
        report = verify(engine)
        took.append(time.perf_counter() - started)
        assert report.ok and report.events == events, report.breaks[:3]
    engine.dispose()
    print(f"    verify: {', '.join(f'{t:.1f} s' for t in took)}", flush=True)
    return [
        Result(
            f"audit verify, {events:,} events: scans, history, audit ({backend}; first run)",
            took[0],
            "s",
            f"<= {VERIFY_TARGET:.0f} s",
            took[0] <= VERIFY_TARGET,
        ),
        Result(f"audit verify, the same again ({backend}; cached)", took[1], "s"),
    ]


# --- the scan path with the chain, without it, without the event ------------------------


class _UnchainedSpool:
    """The print request's event as it was written before the chains."""

    def submit(self, s: Session, request: PrintRequest) -> None:
        s.execute(
            text(
                "INSERT INTO audit_events (at, station_id, user_id, action, entity, entity_id, "
                "details, chain, seq, prev_hash, hash) VALUES (:at, :st, :u, 'print.requested', "
                "'order', :o, '{}', 'unchained', :seq, '', '')"
            ),
            {
                "at": datetime.now(UTC).replace(tzinfo=None)
                if s.get_bind().dialect.name == "sqlite"
                else datetime.now(UTC),
                "st": request.station_id,
                "u": request.user_id,
                "o": request.order_id,
                "seq": next(_UNCHAINED),
            },
        )


class _NoSpool:
    def submit(self, s: Session, request: PrintRequest) -> None:
        pass


_UNCHAINED = iter(range(1, 10**9))
SPOOLS: dict[str, Any] = {"chained": RecordingSpool, "unchained": _UnchainedSpool, "none": _NoSpool}


def _scan_rows(url: str, backend: str) -> list[Result]:
    """One counter packs ``SCAN_ORDERS`` orders, each with the next of the three ways
    in turn (so drift and the machine's other work fall on all three alike)."""
    engine = db.make_engine(url)
    packing = PackingEngine(engine, station=f"bench-{backend}")
    packing.sign_in(dataset.BADGE)
    every: dict[str, list[float]] = {k: [] for k in SPOOLS}
    closing: dict[str, list[float]] = {k: [] for k in SPOOLS}
    spools = {k: make() for k, make in SPOOLS.items()}
    kinds = list(SPOOLS)
    for n, (_, number, scans) in enumerate(dataset.plan(url, 1, SCAN_ORDERS)):
        kind = kinds[n % len(kinds)]
        packing.spool = spools[kind]
        assert packing.scan(number).outcome is Outcome.ORDER_OPENED
        for code in scans:
            started = time.perf_counter()
            verdict = packing.scan(code)
            ms = (time.perf_counter() - started) * 1000
            every[kind].append(ms)
            if verdict.outcome is Outcome.ORDER_COMPLETE:
                closing[kind].append(ms)
    packing.close_connection()
    engine.dispose()
    mean = {k: statistics.fmean(v) for k, v in every.items()}
    p50 = {k: percentile(v, 50) for k, v in closing.items()}
    for k in SPOOLS:
        print(
            f"    {k}: {len(every[k])} scans, mean {mean[k]:.2f} ms; "
            f"{len(closing[k])} order-completing, p50 {p50[k]:.2f} ms",
            flush=True,
        )
    rows = [Result(f"scan, mean per scan, audit {k} ({backend})", mean[k], "ms") for k in SPOOLS]
    rows += [
        Result(f"scan completing an order, p50, audit {k} ({backend})", p50[k], "ms")
        for k in SPOOLS
    ]
    median = {k: percentile(v, 50) for k, v in every.items()}
    for what, figures in (
        ("mean per scan", mean),
        ("p50 per scan", median),
        ("p50 of order-completing scans", p50),
    ):
        for against in ("none", "unchained"):
            ratio = figures["chained"] / figures[against]
            rows.append(
                Result(
                    f"scan path, chained audit against {against}, {what} ({backend})",
                    ratio,
                    "x",
                    f"<= {SCAN_TARGET:.2f} x",
                    ratio <= SCAN_TARGET,
                )
            )
    return rows


# --- one chain or a chain per counter, many writers on PostgreSQL ---------------------------


def _appends_per_second(url: str, stations: list[int | None]) -> float:
    engine = db.make_engine(url, pool_size=len(stations))
    start, stop = threading.Barrier(len(stations) + 1), threading.Event()
    counts = [0] * len(stations)

    def writer(n: int, station: int | None) -> None:
        with engine.connect() as conn:
            start.wait()
            while not stop.is_set():
                with conn.begin():
                    chain.append(
                        conn,
                        at=datetime.now(UTC),
                        station_id=station,
                        action="print.requested",
                        entity="order",
                        entity_id=n,
                        details={"documents": ["slip", "waybill"], "reason": "order complete"},
                    )
                counts[n] += 1

    threads = [threading.Thread(target=writer, args=(n, st)) for n, st in enumerate(stations)]
    for t in threads:
        t.start()
    start.wait()
    time.sleep(CONTENTION_SECONDS)
    stop.set()
    for t in threads:
        t.join()
    engine.dispose()
    return sum(counts) / CONTENTION_SECONDS


def _contention_rows(url: str) -> list[Result]:
    engine = db.make_engine(url)
    stations: list[int | None] = list(_stations(engine, WRITERS))
    engine.dispose()
    one = _appends_per_second(url, [None] * WRITERS)
    each = _appends_per_second(url, stations)
    print(f"    {WRITERS} writers: one chain {one:.0f}/s, a chain each {each:.0f}/s", flush=True)
    return [
        Result(f"audit appends, {WRITERS} writers, one chain (PostgreSQL)", one, "per s"),
        Result(
            f"audit appends, {WRITERS} writers, a chain each (PostgreSQL)",
            each,
            "per s",
            ratio=f"{each / one:.1f} x one chain",
        ),
    ]


def run() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'verify.sqlite3'}"
        print("  SQLite", flush=True)
        results += _verify_rows(url, "SQLite")
        url = f"sqlite:///{folder / 'scan.sqlite3'}"
        dataset.build(url, 2_000).dispose()
        results += _scan_rows(url, "SQLite")
    server = ThrowawayPostgres(durable=True)
    admin = server.start()
    try:
        with create_engine(admin, isolation_level="AUTOCOMMIT").connect() as conn:
            for name in ("verify", "scan"):
                conn.execute(text(f"CREATE DATABASE {name}"))
        base = admin.rsplit("/", 1)[0]
        print("  PostgreSQL", flush=True)
        results += _verify_rows(f"{base}/verify", "PostgreSQL")
        dataset.build(f"{base}/scan", 2_000).dispose()
        results += _scan_rows(f"{base}/scan", "PostgreSQL")
        results += _contention_rows(f"{base}/scan")
    finally:
        server.stop()
    return results
