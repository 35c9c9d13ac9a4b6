"""Scan-to-verdict latency of the packing engine, and many counters on one server.

With 100,000 orders / 300,000 lines in the database: one station packs 200 orders and
every item scan is timed from call to committed verdict (SQLite, then PostgreSQL on
loopback); then 8 processes pack different orders against one PostgreSQL for a fixed
time (from the moment all of them are ready to scan). Every scan they commit counts
(an order opened, an item packed); every answered scan must be in the scan log
once, and every item in the lines' counts once. The CPU the counters and the server
spent per scan is reported too: on a machine with few cores the counters and the
server share them, and the scans per second those cores could commit at that cost
show which of the two a shortfall comes from.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, insert, select

from app import db
from app.models import OrderLine, ScanEvent, User
from app.packing import Outcome, PackingEngine
from tests.benchmarks import dataset
from tests.benchmarks.harness import Result, percentile
from tests.pg_server import ThrowawayPostgres

ORDERS = 100_000
TIMED_ORDERS = 200
PROCESSES = 8
SECONDS = 10.0


def _plan(url: str, first: int, count: int) -> list[tuple[str, list[str]]]:
    """For orders first..first+count-1: the order number and the item scans it needs."""
    engine = db.make_engine(url)
    plan: dict[int, tuple[str, list[str]]] = {}
    with db.unit_of_work(engine, read_only=True) as s:
        rows = s.execute(
            select(OrderLine.order_id, OrderLine.product_id, OrderLine.quantity)
            .where(OrderLine.order_id.between(first, first + count - 1))
            .order_by(OrderLine.order_id, OrderLine.line_no)
        )
        for order_id, product_id, quantity in rows:
            _, scans = plan.setdefault(order_id, (f"B{order_id:07d}", []))
            scans.extend([dataset.ean(product_id)] * quantity)
    engine.dispose()
    return list(plan.values())


def _latencies(url: str, station: str, first: int) -> list[float]:
    engine = db.make_engine(url)
    packing = PackingEngine(engine, station=station)
    packing.sign_in(dataset.BADGE)
    samples = []
    for number, scans in _plan(url, first, TIMED_ORDERS):
        assert packing.scan(number).outcome is Outcome.ORDER_OPENED
        for code in scans:
            started = time.perf_counter()
            verdict = packing.scan(code)
            samples.append((time.perf_counter() - started) * 1000)
            assert verdict.outcome in (Outcome.ACCEPTED, Outcome.ORDER_COMPLETE), verdict
    engine.dispose()
    return samples


def _counter(
    url: str,
    station: str,
    badge: str,
    first: int,
    count: int,
    ready: mp.Queue[int],
    go: mp.Queue[float],
    done: mp.Queue[tuple[int, int, float] | str],
) -> None:
    """One counter's process: its answered scans, item scans and the CPU seconds it
    spent scanning, or what went wrong."""
    try:
        done.put(_count(url, station, badge, first, count, ready, go))
    except BaseException:
        done.put(traceback.format_exc())
        ready.put(0)  # the parent may still be waiting for this counter to be ready


def _count(
    url: str,
    station: str,
    badge: str,
    first: int,
    count: int,
    ready: mp.Queue[int],
    go: mp.Queue[float],
) -> tuple[int, int, float]:
    engine = db.make_engine(url, pool_size=1)
    packing = PackingEngine(engine, station=station)
    packing.sign_in(badge)
    plan = _plan(url, first, count)
    ready.put(1)
    deadline = go.get(timeout=600)  # every counter starts at once, ready to scan
    cpu_before = time.process_time()
    answered = items = 0  # every answer is given only once its scan is committed
    for number, scans in plan:
        if time.time() > deadline:
            break
        opened = packing.scan(number).outcome
        if opened is not Outcome.ORDER_OPENED:
            raise AssertionError(f"order {number}: {opened}")
        answered += 1
        for code in scans:
            outcome = packing.scan(code).outcome
            if outcome not in (Outcome.ACCEPTED, Outcome.ORDER_COMPLETE):
                raise AssertionError(f"order {number}, item {code}: {outcome}")
            answered += 1
            items += 1
    cpu = time.process_time() - cpu_before
    engine.dispose()
    return answered, items, cpu


def _packers(url: str) -> list[str]:
    """One packer per counter, as on a packing floor: their badges."""
    badges = [f"BENCH-C{i}" for i in range(PROCESSES)]
    engine = db.make_engine(url)
    with db.unit_of_work(engine) as s:
        if not s.scalar(select(func.count()).select_from(User).where(User.badge == badges[0])):
            s.execute(
                insert(User),
                [{"name": f"Packer {b}", "badge": b, "role": "packer"} for b in badges],
            )
    engine.dispose()
    return badges


@dataclass(frozen=True)
class Throughput:
    scans: float  # committed scans per second: orders opened and items counted
    items: float  # of which item scans per second
    answered: int
    in_lines: int
    client_cpu_ms: float  # CPU per committed scan: the 8 counters' processes
    server_cpu_ms: float  # and the PostgreSQL server's (every process of it)

    @property
    def cpu_bound(self) -> float:
        """The most scans per second this machine's cores could commit at this CPU
        cost per scan, were they busy with nothing else."""
        return len(os.sched_getaffinity(0)) * 1000 / (self.client_cpu_ms + self.server_cpu_ms)


def _throughput(
    url: str, first: int, *, own_packers: bool, server_cpu: Callable[[], float]
) -> Throughput:
    """Committed scans per second while all counters scan: the clock starts once every
    process has started, connected and planned its orders (8 interpreters starting on
    a small machine take seconds that are no part of scanning). With ``own_packers``
    every counter has its packer; without, one badge is signed in at all of them
    (each counter keeps its own tally of that packer's scans, so they do not wait for
    one another's). ``server_cpu`` reads the CPU seconds the server has used so far.

    Every scan answered must be in the scan log exactly once, and every item counted
    in the lines exactly once."""
    ctx = mp.get_context("spawn")
    ready: mp.Queue[int] = ctx.Queue()
    go: mp.Queue[float] = ctx.Queue()
    done: mp.Queue[tuple[int, int, float] | str] = ctx.Queue()
    per = 2_000
    start_at = first
    badges = _packers(url) if own_packers else [dataset.BADGE] * PROCESSES
    procs = [
        ctx.Process(
            target=_counter,
            args=(url, f"bench-{i}", badges[i], start_at + i * per, per, ready, go, done),
        )
        for i in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=600)
    server_before = server_cpu()
    started = time.perf_counter()
    deadline = time.time() + SECONDS
    for _ in procs:
        go.put(deadline)
    answers = [done.get(timeout=600) for _ in procs]
    elapsed = time.perf_counter() - started
    for p in procs:
        p.join()
    time.sleep(0.5)  # the server notices the counters' connections closed
    server_spent = server_cpu() - server_before
    failures = [a for a in answers if isinstance(a, str)]
    if failures:
        raise RuntimeError(f"a counter failed:\n{failures[0]}")
    answered = sum(a[0] for a in answers if not isinstance(a, str))
    items = sum(a[1] for a in answers if not isinstance(a, str))
    client_spent = sum(a[2] for a in answers if not isinstance(a, str))
    engine = db.make_engine(url)
    with db.unit_of_work(engine, read_only=True) as s:
        lo, hi = start_at, start_at + PROCESSES * per
        in_lines = (
            s.scalar(select(func.sum(OrderLine.packed)).where(OrderLine.order_id.between(lo, hi)))
            or 0
        )
        in_run = ScanEvent.order_id.between(lo, hi)
        logged = s.scalar(select(func.count()).where(in_run)) or 0
        logged_items = (
            s.scalar(
                select(func.sum(ScanEvent.units)).where(
                    in_run, ScanEvent.outcome.in_(("accepted", "order_complete"))
                )
            )
            or 0
        )
    engine.dispose()
    assert answered == logged, (answered, logged)
    assert items == in_lines == logged_items, (items, in_lines, logged_items)
    return Throughput(
        answered / elapsed,
        items / elapsed,
        answered,
        int(in_lines),
        client_spent * 1000 / answered,
        server_spent * 1000 / answered,
    )


def run() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        dataset.build(url, ORDERS).dispose()
        lat = _latencies(url, "bench-sqlite", 1)
        results += [
            Result(
                "scan to committed verdict p50, SQLite",
                percentile(lat, 50),
                "ms",
                "<= 2 ms",
                percentile(lat, 50) <= 2,
            ),
            Result(
                "scan to committed verdict p99, SQLite",
                percentile(lat, 99),
                "ms",
                "<= 8 ms",
                percentile(lat, 99) <= 8,
            ),
        ]
    server = ThrowawayPostgres()
    admin = server.start()
    try:
        from sqlalchemy import create_engine, text

        eng = create_engine(admin, isolation_level="AUTOCOMMIT")
        with eng.connect() as conn:
            conn.execute(text("CREATE DATABASE bench"))
        eng.dispose()
        url = admin.rsplit("/", 1)[0] + "/bench"
        dataset.build(url, ORDERS).dispose()
        lat = _latencies(url, "bench-pg", 1)
        results += [
            Result(
                "scan to committed verdict p50, PostgreSQL",
                percentile(lat, 50),
                "ms",
                "<= 5 ms",
                percentile(lat, 50) <= 5,
            ),
            Result(
                "scan to committed verdict p99, PostgreSQL",
                percentile(lat, 99),
                "ms",
                "<= 15 ms",
                percentile(lat, 99) <= 15,
            ),
        ]
        for own_packers, first, who in (
            (True, 10_000, "a packer each"),
            (False, 30_000, "one packer"),
        ):
            rate = _throughput(url, first, own_packers=own_packers, server_cpu=server.cpu_seconds)
            results += [
                Result(
                    f"{PROCESSES} processes on PostgreSQL, {who}: committed scans "
                    f"({rate.answered} scans, {rate.in_lines} items in lines, 0 lost)",
                    rate.scans,
                    "scans/s",
                    ">= 1,000 scans/s",
                    rate.scans >= 1000,
                ),
                Result(
                    f"{PROCESSES} processes on PostgreSQL, {who}: of which item scans",
                    rate.items,
                    "scans/s",
                ),
                Result(f"  CPU per scan, the {PROCESSES} counters", rate.client_cpu_ms, "ms"),
                Result("  CPU per scan, the PostgreSQL server", rate.server_cpu_ms, "ms"),
                Result(
                    f"  at that CPU cost, the most {len(os.sched_getaffinity(0))} busy cores "
                    "could commit",
                    rate.cpu_bound,
                    "scans/s",
                ),
            ]
    finally:
        server.stop()
    return results
