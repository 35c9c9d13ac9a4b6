"""Many counters on one database, each in a process of its own as on a packing floor:
the committed scans per second while all of them scan, with each answer checked
against the scan log and the lines' counts afterwards."""

from __future__ import annotations

import multiprocessing as mp
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, insert, select

from app import db
from app.credentials import badge_hash
from app.models import OrderLine, ScanEvent, User
from app.packing import Outcome, PackingEngine
from tests.benchmarks import dataset, limits

Tally = tuple[int, dict[int, int], float]  # answered scans, items per order, CPU seconds


def _counter(
    url: str,
    station: str,
    badge: str,
    first: int,
    count: int,
    ready: mp.Queue[int],
    go: mp.Queue[float],
    done: mp.Queue[Tally | str],
) -> None:
    """One counter's process: its answered scans, the items it was answered for per
    order and the CPU seconds it spent scanning, or what went wrong."""
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
) -> Tally:
    engine = db.make_engine(url, pool_size=1)
    packing = PackingEngine(engine, station=station)
    packing.sign_in(badge)
    plan = dataset.plan(url, first, count)
    ready.put(1)
    deadline = go.get(timeout=600)  # every counter starts at once, ready to scan
    cpu_before = time.process_time()
    answered = 0  # every answer is given only once its scan is committed
    items: dict[int, int] = {}
    for order_id, number, scans in plan:
        if time.time() > deadline:
            break
        opened = packing.scan(number).outcome
        if opened is not Outcome.ORDER_OPENED:
            raise AssertionError(f"order {number}: {opened}")
        answered += 1
        items[order_id] = 0
        for code in scans:
            outcome = packing.scan(code).outcome
            if outcome not in (Outcome.ACCEPTED, Outcome.ORDER_COMPLETE):
                raise AssertionError(f"order {number}, item {code}: {outcome}")
            answered += 1
            items[order_id] += 1
    cpu = time.process_time() - cpu_before
    packing.close_connection()
    engine.dispose()
    return answered, items, cpu


def _packers(url: str, processes: int) -> list[str]:
    """One packer per counter, as on a packing floor: their badges."""
    badges = [f"BENCH-C{i}" for i in range(processes)]
    engine = db.make_engine(url)
    with db.unit_of_work(engine) as s:
        if not s.scalar(
            select(func.count()).select_from(User).where(User.badge_hash == badge_hash(badges[0]))
        ):
            s.execute(
                insert(User),
                [
                    {
                        "name": f"Packer {b}",
                        "badge_hash": badge_hash(b, create=True),
                        "role": "packer",
                    }
                    for b in badges
                ],
            )
    engine.dispose()
    return badges


@dataclass(frozen=True)
class Throughput:
    scans: float  # committed scans per second: orders opened and items counted
    items: float  # of which item scans per second
    answered: int
    in_lines: int
    lost: int  # answered, but missing from the scan log or the lines' counts
    twice: int  # in the scan log or the lines' counts more often than answered
    client_cpu_ms: float  # CPU per committed scan: the 8 counters' processes
    server_cpu_ms: float  # and the PostgreSQL server's (every process of it)
    busy: float  # share of the machine's cores busy meanwhile, whoever's
    ours: float  # of which the counters' and the server's

    @property
    def cpu_bound(self) -> float:
        """The most scans per second this machine's cores could commit at this CPU
        cost per scan, were they busy with nothing else."""
        return len(os.sched_getaffinity(0)) * 1000 / (self.client_cpu_ms + self.server_cpu_ms)


def throughput(
    url: str,
    first: int,
    processes: int,
    per: int,
    seconds: float,
    *,
    own_packers: bool,
    server_cpu: Callable[[], float],
) -> Throughput:
    """Committed scans per second while ``processes`` counters scan for ``seconds``,
    each with ``per`` orders from ``first`` on: the clock starts once every
    process has started, connected and planned its orders (8 interpreters starting on
    a small machine take seconds that are no part of scanning). With ``own_packers``
    every counter has its packer; without, one badge is signed in at all of them
    (each counter keeps its own tally of that packer's scans, so they do not wait for
    one another's). ``server_cpu`` reads the CPU seconds the server has used so far.

    Per order, the scans answered are compared with the scan log and the items
    answered with the log's units and the lines' counts."""
    ctx = mp.get_context("spawn")
    ready: mp.Queue[int] = ctx.Queue()
    go: mp.Queue[float] = ctx.Queue()
    done: mp.Queue[Tally | str] = ctx.Queue()
    badges = _packers(url, processes) if own_packers else [dataset.BADGE] * processes
    procs = [
        ctx.Process(
            target=_counter,
            args=(url, f"bench-{i}", badges[i], first + i * per, per, ready, go, done),
        )
        for i in range(processes)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=600)
    server_before = server_cpu()
    cores_before = limits.CoreTimes.now()
    started = time.perf_counter()
    deadline = time.time() + seconds
    for _ in procs:
        go.put(deadline)
    answers = [done.get(timeout=600) for _ in procs]
    elapsed = time.perf_counter() - started
    busy, _ = limits.CoreTimes.now().busy_since(cores_before)
    for p in procs:
        p.join()
    time.sleep(0.5)  # the server notices the counters' connections closed
    server_spent = server_cpu() - server_before
    failures = [a for a in answers if isinstance(a, str)]
    if failures:
        raise RuntimeError(f"a counter failed:\n{failures[0]}")
    tallies = [a for a in answers if not isinstance(a, str)]
    answered = sum(a[0] for a in tallies)
    client_spent = sum(a[2] for a in tallies)
    items: dict[int, int] = {}
    for tally in tallies:
        items.update(tally[1])
    lo, hi = first, first + processes * per - 1
    engine = db.make_engine(url)
    with db.unit_of_work(engine, read_only=True) as s:
        packed = dict(
            s.execute(
                select(OrderLine.order_id, func.sum(OrderLine.packed))
                .where(OrderLine.order_id.between(lo, hi))
                .group_by(OrderLine.order_id)
            ).all()
        )
        counted = ScanEvent.outcome.in_(("accepted", "order_complete"))
        logged = {
            order_id: (scans, units)
            for order_id, scans, units in s.execute(
                select(
                    ScanEvent.order_id,
                    func.count(),
                    func.coalesce(func.sum(ScanEvent.units).filter(counted), 0),
                )
                .where(ScanEvent.order_id.between(lo, hi))
                .group_by(ScanEvent.order_id)
            )
        }
    engine.dispose()
    lost = twice = 0
    for order_id in set(items) | set(logged) | {o for o, n in packed.items() if n}:
        said = items.get(order_id)
        want_scans, want_items = (0, 0) if said is None else (1 + said, said)
        log_scans, log_units = logged.get(order_id, (0, 0))
        in_lines = int(packed.get(order_id) or 0)
        lost += max(0, want_scans - log_scans, want_items - log_units, want_items - in_lines)
        twice += max(0, log_scans - want_scans, log_units - want_items, in_lines - want_items)
    return Throughput(
        answered / elapsed,
        sum(items.values()) / elapsed,
        answered,
        sum(int(n or 0) for n in packed.values()),
        lost,
        twice,
        client_spent * 1000 / answered,
        server_spent * 1000 / answered,
        busy,
        (client_spent + server_spent) / (elapsed * len(os.sched_getaffinity(0))),
    )
