"""Scan-to-verdict latency of the packing engine, and many counters on one server,
with every commit durable, against what this machine's disk and server can do.

A scan is answered only after it is committed, so it is timed with the commit on the
disk, as a customer's database runs it: SQLite with the pragmas production sets
(``app.db``: WAL, ``synchronous=FULL``) and PostgreSQL with its default durability
(fsync, synchronous commit, full page writes; the tests' fast server turns them off).

With 100,000 orders / 300,000 lines in the database, each back-end in turn:

* one station packs 200 orders and every item scan is timed from call to committed
  verdict; three rounds, each just after the machine's limit is measured in the
  database's folder (one 8 kB write and ``fdatasync``, the median of many) and a
  one-row commit through the bare driver (the floor for any commit). The medians of
  the three rounds' p50, p99 and ``fdatasync`` are reported, with their ratios; and
  where a scan's time went: this process's CPU, its wait for a core, the server's
  CPU, and the bytes each scan wrote to the database's log;
* on PostgreSQL, 8 processes pack different orders for a fixed time (from the moment
  all of them are ready to scan), three times, each after ``pgbench`` in
  simple-update mode (``-N``) with 8 clients for as many seconds on the same server:
  committed scans per second against pgbench's transactions per second. Every scan a
  counter was answered must be in the scan log once and every item in the lines'
  counts once: what is missing is lost, what is there more often is counted twice.
  The CPU the counters and the server spent per scan is reported too: on a machine
  with few cores they share them, and the scans per second those cores could commit
  at that cost show which of the two a shortfall comes from.

The engine is driven as ``packdesk scan`` drives it (SQLite's WAL checkpoints left to
SQLite, as there; the window defers them). Last, the pure decision alone
(``item_rules.decide_item`` on facts built in memory), in decisions per second, and
the pure classification of a scan (``scan_kinds.classify``, asked until it names the
kind, each look-up answered from memory), in scans classified per second.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from app import db
from app.packing import Outcome, PackingEngine, item_rules
from tests.benchmarks import counters, dataset, limits
from tests.benchmarks.harness import Result, percentile, times
from tests.pg_server import ThrowawayPostgres

ORDERS = 100_000
TIMED_ORDERS = 200  # per round
ROUNDS = 3
PROCESSES = 8
SECONDS = 10.0
PER = 2_000  # orders planned per counter per run: more than it can pack in SECONDS
P50_TARGET, P99_TARGET = 1.5, 4.0  # times one fdatasync
SHARE_TARGET = 0.60  # of pgbench's transactions per second
DECISIONS_TARGET = 50_000
DECISION_SECONDS = 2.0


# --- one counter: scan to committed verdict --------------------------------------------


@dataclass(frozen=True)
class Spent:
    """One counter's scans: each one's time to its committed verdict, and where the
    time went in all of them (seconds)."""

    samples: list[float]  # ms
    cpu: float  # this process's CPU
    run_queue: float  # this process waiting for a core


def _latencies(url: str, station: str, first: int) -> Spent:
    engine = db.make_engine(url)
    packing = PackingEngine(engine, station=station)
    packing.sign_in(dataset.BADGE)
    samples, cpu, queued = [], 0.0, 0.0
    for _, number, scans in dataset.plan(url, first, TIMED_ORDERS):
        assert packing.scan(number).outcome is Outcome.ORDER_OPENED
        for code in scans:
            cpu_before, queued_before = time.process_time(), limits.run_queue_seconds()
            started = time.perf_counter()
            verdict = packing.scan(code)
            samples.append((time.perf_counter() - started) * 1000)
            cpu += time.process_time() - cpu_before
            queued += limits.run_queue_seconds() - queued_before
            assert verdict.outcome in (Outcome.ACCEPTED, Outcome.ORDER_COMPLETE), verdict
    packing.close_connection()
    engine.dispose()
    return Spent(samples, cpu, queued)


@dataclass(frozen=True)
class Round:
    p50: float
    p99: float
    sync: float  # one 8 kB write + fdatasync in the database's folder, median
    floor: float  # a bare one-row commit, median
    mean: float  # per scan, ms: wall clock
    cpu: float  # of which this process's CPU
    run_queue: float  # and this process waiting for a core
    server_cpu: float | None  # the PostgreSQL server's CPU per scan, ms
    written: float  # kB per scan written to the database's log (see ``_one_counter``)
    busy: float  # share of the machine's cores busy meanwhile, whoever's
    scans: int


def _one_counter(
    url: str,
    folder: Path,
    station: str,
    floor: Callable[[], float],
    written: Callable[[], int],
    server_cpu: Callable[[], float] | None = None,
) -> list[Round]:
    """``ROUNDS`` rounds of one counter's scans, each after the machine's fdatasync
    and a bare commit measured in the database's folder. ``written`` reads how many
    bytes the database has logged so far (SQLite: what this process wrote, its WAL
    and checkpoints; PostgreSQL: the WAL's position)."""
    rounds = []
    for r in range(ROUNDS):
        sync = limits.fdatasync_ms(folder)
        floor_ms = floor()
        server_before = server_cpu() if server_cpu else 0.0
        cores_before, written_before = limits.CoreTimes.now(), written()
        spent = _latencies(url, f"{station}-{r}", 1 + r * TIMED_ORDERS)
        busy, _ = limits.CoreTimes.now().busy_since(cores_before)
        n = len(spent.samples)
        written_kb = (written() - written_before) / 1024 / n
        server_ms = (server_cpu() - server_before) * 1000 / n if server_cpu else None
        done = Round(
            percentile(spent.samples, 50),
            percentile(spent.samples, 99),
            sync,
            floor_ms,
            statistics.fmean(spent.samples),
            spent.cpu * 1000 / n,
            spent.run_queue * 1000 / n,
            server_ms,
            written_kb,
            busy,
            n,
        )
        rounds.append(done)
        print(
            f"    round {r + 1}: p50 {done.p50:.2f} ms, p99 {done.p99:.2f} ms, "
            f"fdatasync {sync:.3f} ms, bare commit {floor_ms:.3f} ms; per scan "
            f"{done.mean:.2f} ms, CPU {done.cpu:.2f} ms, waiting for a core "
            f"{done.run_queue:.2f} ms, {written_kb:.0f} kB logged; cores {busy:.0%} busy",
            flush=True,
        )
    return rounds


def _median(values: Iterable[float]) -> float:
    return statistics.median(values)


def _latency_rows(backend: str, rounds: list[Round], logged: str) -> list[Result]:
    """The medians of the rounds; each ratio is one median over the other."""
    p50, p99 = _median(r.p50 for r in rounds), _median(r.p99 for r in rounds)
    sync = _median(r.sync for r in rounds)
    floor = _median(r.floor for r in rounds)
    head = f"one counter, {backend}: scan to committed verdict"
    rows = [
        Result(
            f"{head} p50 ({len(rounds)} rounds, {sum(r.scans for r in rounds)} scans; median)",
            p50,
            "ms",
            f"<= {P50_TARGET} x fdatasync",
            p50 <= P50_TARGET * sync,
            times(p50, sync, "fdatasync"),
        ),
        Result(
            f"{head} p99",
            p99,
            "ms",
            f"<= {P99_TARGET:.0f} x fdatasync",
            p99 <= P99_TARGET * sync,
            times(p99, sync, "fdatasync"),
        ),
        Result("  machine: one 8 kB write + fdatasync in the database's folder", sync, "ms"),
        Result(
            "  a one-row commit through the bare driver, p50",
            floor,
            "ms",
            ratio=times(floor, sync, "fdatasync"),
        ),
        Result("  mean per scan", _median(r.mean for r in rounds), "ms"),
        Result("    of which CPU, this process", _median(r.cpu for r in rounds), "ms"),
        Result(
            "    of which waiting for a core, this process",
            _median(r.run_queue for r in rounds),
            "ms",
        ),
    ]
    server = [r.server_cpu for r in rounds if r.server_cpu is not None]
    if server:
        rows.append(Result("    the PostgreSQL server's CPU per scan", _median(server), "ms"))
    kb = _median(r.written for r in rounds)
    rows += [
        Result(
            f"  written to the database's log per scan ({logged})",
            kb,
            "kB",
            ratio=times(kb, limits.PAGE / 1024, "8 kB"),
        ),
        Result("  cores busy meanwhile, whoever's", _median(r.busy * 100 for r in rounds), "%"),
    ]
    return rows


# --- 8 counters on one PostgreSQL --------------------------------------------------


def _many_counters(server: ThrowawayPostgres, admin: str, url: str) -> list[Result]:
    """The 8-counter runs, each right after pgbench on the same server; then one run
    with one badge signed in at every counter."""
    limits.pgbench_init(server, admin)
    tps_runs: list[float] = []
    tps_busy: list[float] = []
    runs: list[counters.Throughput] = []
    first = 10_000
    for r in range(ROUNDS):
        limits.checkpoint(admin)
        cores_before = limits.CoreTimes.now()
        tps_runs.append(limits.pgbench_tps(server, PROCESSES, SECONDS))
        tps_busy.append(limits.CoreTimes.now().busy_since(cores_before)[0])
        limits.checkpoint(admin)
        runs.append(
            counters.throughput(
                url, first, PROCESSES, PER, SECONDS, own_packers=True, server_cpu=server.cpu_seconds
            )
        )
        first += PROCESSES * PER
        last = runs[-1]
        print(
            f"    round {r + 1}: pgbench {tps_runs[-1]:,.0f} tps (cores {tps_busy[-1]:.0%} "
            f"busy), counters {last.scans:,.0f} scans/s (cores {last.busy:.0%} busy, "
            f"{last.ours:.0%} by counters+server; {last.lost} lost, {last.twice} twice)",
            flush=True,
        )
    limits.checkpoint(admin)
    one_badge = counters.throughput(
        url, first, PROCESSES, PER, SECONDS, own_packers=False, server_cpu=server.cpu_seconds
    )
    tps = _median(tps_runs)
    scans = _median(r.scans for r in runs)
    share = scans / tps
    lost, twice = sum(r.lost for r in runs), sum(r.twice for r in runs)
    head = f"{PROCESSES} counters on PostgreSQL"
    rows = [
        Result(
            f"{head}, a packer each: committed scans ({len(runs)} runs of {SECONDS:.0f} s, "
            f"median; {sum(r.answered for r in runs)} scans, {lost} lost, {twice} twice)",
            scans,
            "scans/s",
            f">= {SHARE_TARGET:.0%} of pgbench, 0 lost, 0 twice",
            share >= SHARE_TARGET and lost == twice == 0,
            f"{share:.0%} of pgbench",
        ),
        Result(
            f"  machine: pgbench -N, {PROCESSES} clients, {SECONDS:.0f} s, before each run",
            tps,
            "tps",
        ),
        Result("  of which item scans", _median(r.items for r in runs), "scans/s"),
        Result(
            f"  CPU per scan, the {PROCESSES} counters",
            _median(r.client_cpu_ms for r in runs),
            "ms",
        ),
        Result(
            "  CPU per scan, the PostgreSQL server", _median(r.server_cpu_ms for r in runs), "ms"
        ),
        Result(
            f"  at that CPU cost, the most {len(os.sched_getaffinity(0))} busy cores could commit",
            _median(r.cpu_bound for r in runs),
            "scans/s",
            ratio=f"{_median(r.cpu_bound for r in runs) / tps:.0%} of pgbench",
        ),
        Result(
            "  cores busy while the counters ran, whoever's",
            _median(r.busy * 100 for r in runs),
            "%",
            ratio=f"{_median(r.ours for r in runs):.0%} counters+server",
        ),
        Result("  cores busy while pgbench ran", _median(b * 100 for b in tps_busy), "%"),
        Result(
            f"{head}, one packer at all: committed scans ({one_badge.answered} scans, "
            f"{one_badge.lost} lost, {one_badge.twice} twice)",
            one_badge.scans,
            "scans/s",
            f">= {SHARE_TARGET:.0%} of pgbench, 0 lost, 0 twice",
            one_badge.scans / tps >= SHARE_TARGET and one_badge.lost == one_badge.twice == 0,
            f"{one_badge.scans / tps:.0%} of pgbench",
        ),
    ]
    return rows


def _pure_decision() -> Result:
    """``item_rules.decide_item`` alone, in this process: a mix of what a counter sees
    (mostly plain items of a three-line order, some a case pack, some a wrong item,
    some the order's last unit), decided for ``DECISION_SECONDS`` per round; the
    median of three rounds."""
    mix = _decision_mix()
    rates = []
    for _ in range(ROUNDS):
        decided, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < DECISION_SECONDS:
            for facts in mix:
                item_rules.decide_item(facts)
            decided += len(mix)
        rates.append(decided / elapsed)
    rate = statistics.median(rates)
    print(f"  pure decision: {', '.join(f'{r:,.0f}' for r in rates)} decisions/s", flush=True)
    return Result(
        "pure decision (facts -> answer and changes), one process, median of 3",
        rate,
        "decisions/s",
        f">= {DECISIONS_TARGET:,} decisions/s",
        rate >= DECISIONS_TARGET,
    )


def _pure_classification() -> Result:
    """``scan_kinds.classify`` driven as the shell drives it, the look-ups answered from
    memory: mostly items of the open order, some orders opened, a command, a badge at
    a serial prompt; the median of three rounds of ``DECISION_SECONDS``."""
    from app.models import OrderStatus
    from app.packing import scan_kinds as kinds
    from app.packing.lookup import CodeMatches, ItemMatch, LineCounts, OrderAsRead, OrderMatch

    cup = ItemMatch(1, "CUP-500", "Cup 500 ml", 1, False, False)
    open_ = OrderAsRead(
        100, "A-1", OrderStatus.PACKING, 1, 5, [LineCounts(10, 1, "CUP-500", 9, 1, 0)]
    )
    packing, idle = kinds.Station(True, True), kinds.Station(True, False)
    order = CodeMatches([OrderMatch(101, "A-2", OrderStatus.READY, None)], None, None)
    answers = {
        kinds.Look.ITEM_IN_ORDER: {"item_in_order": (cup, open_)},
        kinds.Look.ORDER_BADGE_OR_BOX: {"matches": order},
        kinds.Look.BADGE: {"badge": None},
    }
    mix = [(kinds.read_code("6901234567892"), packing)] * 8 + [
        (kinds.read_code("A-2"), idle),
        (kinds.read_code("CMD:UNDO"), packing),
        (kinds.read_code("SN-1"), kinds.Station(True, True, "serial")),
    ]
    rates = []
    for _ in range(ROUNDS):
        done, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < DECISION_SECONDS:
            for code, station in mix:
                found = kinds.Found()
                while isinstance(look := kinds.classify(code, station, found), kinds.Look):
                    found = found.having(look, **answers[look])
            done += len(mix)
        rates.append(done / elapsed)
    rate = statistics.median(rates)
    print(f"  pure classification: {', '.join(f'{r:,.0f}' for r in rates)} scans/s", flush=True)
    return Result(
        "pure classification (code, station, look-ups -> kind), one process, median of 3",
        rate,
        "scans/s",
    )


def _decision_mix() -> list[item_rules.ItemFacts]:
    from datetime import date

    from app.models import OrderStatus
    from app.packing.lookup import ItemMatch, LineCounts, OrderAsRead

    cup = ItemMatch(1, "CUP-500", "Cup 500 ml", 1, False, False)
    case = ItemMatch(1, "CUP-500", "Cup 500 ml", 6, False, False)
    lid = ItemMatch(2, "LID", "Lid", 1, False, False)
    mug = ItemMatch(3, "MUG", "Mug", 1, False, False)

    def order(cups: int, lids: int) -> OrderAsRead:
        lines = [LineCounts(10, 1, "CUP-500", 12, cups, 0), LineCounts(11, 2, "LID", 2, lids, 0)]
        lines.append(LineCounts(12, 4, "SPOON", 3, 3, 0))
        return OrderAsRead(100, "A-1", OrderStatus.PACKING, 1, 5, lines)

    rules = item_rules.ItemRules(date(2026, 3, 1))
    scans = [(cup, order(n, 0)) for n in range(8)] + [(case, order(2, 1)), (mug, order(3, 0))]
    scans.append((lid, order(12, 1)))  # the last unit: the order closes
    return [item_rules.ItemFacts(item, o, None, None, None, rules) for item, o in scans]


def run() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
        dataset.build(url, ORDERS).dispose()
        mode = _sqlite_pragmas(url)
        print(f"  SQLite as production opens it: {mode}", flush=True)
        rounds = _one_counter(
            url,
            folder,
            "bench-sqlite",
            lambda: limits.sqlite_commit_ms(folder),
            limits.written_bytes,
        )
        results += _latency_rows(f"SQLite ({mode})", rounds, "WAL frames and checkpoints")
    server = ThrowawayPostgres(durable=True)
    admin = server.start()
    try:
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("CREATE DATABASE bench"))
            settings = ", ".join(
                f"{name}={conn.execute(text(f'SHOW {name}')).scalar()}"
                for name in ("fsync", "synchronous_commit", "full_page_writes", "wal_sync_method")
            )
        engine.dispose()
        print(f"  PostgreSQL: {settings}", flush=True)
        url = admin.rsplit("/", 1)[0] + "/bench"
        dataset.build(url, ORDERS).dispose()
        _settle(url)
        limits.checkpoint(admin)
        rounds = _one_counter(
            url,
            server.root,
            "bench-pg",
            lambda: limits.postgres_commit_ms(url),
            lambda: limits.wal_position(admin),
            server.cpu_seconds,
        )
        results += _latency_rows("PostgreSQL (default durability)", rounds, "WAL")
        results += _many_counters(server, admin, url)
    finally:
        server.stop()
    results.append(_pure_decision())
    results.append(_pure_classification())
    return results


def _settle(url: str) -> None:
    """VACUUM ANALYZE a freshly built PostgreSQL database, as a live server's
    autovacuum keeps it: else autovacuum does it during the first timed runs."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("VACUUM ANALYZE"))
    finally:
        engine.dispose()


def _sqlite_pragmas(url: str) -> str:
    """The journal mode and synchronous level of a connection ``app.db`` opens."""
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            level = conn.exec_driver_sql("PRAGMA synchronous").scalar()
    finally:
        engine.dispose()
    names = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}
    return f"{journal}, synchronous={names.get(level, level)}"
