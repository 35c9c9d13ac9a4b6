"""What chaining the scan log and the order history costs the scan path.

One counter packs orders of 1-5 lines (about 5 scans each), every scan timed to its
committed verdict with every commit durable (SQLite as production sets it; a
PostgreSQL server with its default durability), the orders taking turns: "chained"
is the scan path as it is (each scan a link of its counter's scan chain, each move a
link of its history chain); "unchained" writes the same rows with the same
statements but for the link (a fixed chain name and a counter for its number, no
head row moved, no hash): the pack station as it was before its scans and history
were chained. Both write the order-closing audit event, chained, as the pack station
did. ``ROUNDS`` rounds; the median of the rounds' p50 and mean per scan, and the
ratio chained over unchained (the target: within 10 %). The machine's load average
is printed before and after each back-end.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import statistics
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    String,
    bindparam,
    create_engine,
    literal,
    select,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.selectable import CTE

from app import db, lifecycle
from app.audit import tables as chained
from app.audit.chain import Kind
from app.packing import Outcome, PackingEngine, scan_log, scan_log_pg
from tests.benchmarks import dataset
from tests.benchmarks.harness import Result, percentile
from tests.pg_server import ThrowawayPostgres

ROUNDS = 5
ORDERS_PER_ROUND = 200  # taking turns: 100 each way
TARGET = 1.10  # chained over unchained
WAYS = ("chained", "unchained")
_NUMBERS = itertools.count(1)


def _plain_head(when: ColumnElement[bool] | None = None) -> CTE:
    """A "head" that moves no chain: the link's columns as bound."""
    plain = select(
        bindparam("ch_chain", type_=String).label("chain"),
        bindparam("ch_seq", type_=BigInteger).label("seq"),
        literal("", String).label("prev_hash"),
        literal("", String).label("hash"),
    )
    return (plain.where(when) if when is not None else plain).cte("head")


def _no_link_params(kind: Kind, _dialect: Dialect, _values: Mapping[str, Any]) -> dict[str, Any]:
    return {"ch_chain": f"unchained-{kind.table}", "ch_seq": next(_NUMBERS)}


def _no_seal(_conn: Connection, kind: Kind, _values: Mapping[str, Any]) -> dict[str, Any]:
    return {"chain": f"unchained-{kind.table}", "seq": next(_NUMBERS), "prev_hash": "", "hash": ""}


_UNCHAINED_PG = scan_log_pg.written_with(_plain_head)
_UNCHAINED_MOVE_PG = lifecycle.move_and_record_pg(_plain_head)


@contextlib.contextmanager
def _unchained() -> Iterator[None]:
    """The scan path's writes without their links, for the orders packed inside."""
    saved = (
        scan_log.PG,
        lifecycle._MOVE_AND_RECORD_PG,
        scan_log.seal_row,
        lifecycle.seal_row,
        chained.link_params,
    )
    scan_log.PG, lifecycle._MOVE_AND_RECORD_PG = _UNCHAINED_PG, _UNCHAINED_MOVE_PG
    scan_log.seal_row = lifecycle.seal_row = _no_seal  # type: ignore[assignment]
    chained.link_params = _no_link_params
    try:
        yield
    finally:
        (
            scan_log.PG,
            lifecycle._MOVE_AND_RECORD_PG,
            scan_log.seal_row,
            lifecycle.seal_row,
            chained.link_params,
        ) = saved


def _round(url: str, backend: str, r: int) -> dict[str, list[float]]:
    """One round: ``ORDERS_PER_ROUND`` orders, each way in turn; every scan's time."""
    engine = db.make_engine(url)
    packing = PackingEngine(engine, station=f"bench-chain-{backend}-{r}")
    packing.sign_in(dataset.BADGE)
    every: dict[str, list[float]] = {way: [] for way in WAYS}
    first = 1 + r * ORDERS_PER_ROUND
    for n, (_, number, scans) in enumerate(dataset.plan(url, first, ORDERS_PER_ROUND)):
        way = WAYS[n % 2]
        with _unchained() if way == "unchained" else contextlib.nullcontext():
            assert packing.scan(number).outcome is Outcome.ORDER_OPENED
            for code in scans:
                started = time.perf_counter()
                verdict = packing.scan(code)
                every[way].append((time.perf_counter() - started) * 1000)
                assert verdict.outcome in (Outcome.ACCEPTED, Outcome.ORDER_COMPLETE), verdict
    packing.close_connection()
    engine.dispose()
    return every


def _rows(url: str, backend: str) -> list[Result]:
    print(f"    load average before: {_load()}", flush=True)
    p50: dict[str, list[float]] = {way: [] for way in WAYS}
    mean: dict[str, list[float]] = {way: [] for way in WAYS}
    for r in range(ROUNDS):
        every = _round(url, backend, r)
        for way in WAYS:
            p50[way].append(percentile(every[way], 50))
            mean[way].append(statistics.fmean(every[way]))
        print(
            f"    round {r + 1}: "
            + "; ".join(
                f"{way} p50 {p50[way][-1]:.2f} ms, mean {mean[way][-1]:.2f} ms "
                f"({len(every[way])} scans)"
                for way in WAYS
            ),
            flush=True,
        )
    print(f"    load average after: {_load()}", flush=True)
    rows = []
    for what, figures in (("p50", p50), ("mean", mean)):
        median = {way: statistics.median(figures[way]) for way in WAYS}
        for way in WAYS:
            rows.append(
                Result(
                    f"scan, {what} per scan, scan log and history {way} ({backend}; "
                    f"median of {ROUNDS} rounds)",
                    median[way],
                    "ms",
                )
            )
        ratio = median["chained"] / median["unchained"]
        rows.append(
            Result(
                f"scan path, chained over unchained, {what} ({backend})",
                ratio,
                "x",
                f"<= {TARGET:.2f} x",
                ratio <= TARGET,
            )
        )
    return rows


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def run() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'scan-chain.sqlite3'}"
        dataset.build(url, 2_000).dispose()
        print("  SQLite", flush=True)
        results += _rows(url, "SQLite")
    server = ThrowawayPostgres(durable=True)
    admin = server.start()
    try:
        with create_engine(admin, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text("CREATE DATABASE scan_chain"))
        url = f"{admin.rsplit('/', 1)[0]}/scan_chain"
        dataset.build(url, 2_000).dispose()
        print("  PostgreSQL", flush=True)
        results += _rows(url, "PostgreSQL")
    finally:
        server.stop()
    return results
