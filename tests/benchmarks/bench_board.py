"""The supervisor's board on a busy floor: first load, refresh, search, KPIs, check.

100,000 open orders (of 130,000) and 1,000,000 scan events over 30 days, built once
per back-end (a temporary SQLite file, then a throwaway PostgreSQL). Each figure is
the median of several runs of the ``app/`` call the board page makes (the query
part, plain rows out; no Qt).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select, text

from app import board, consistency, kpi, lifecycle
from app.db import unit_of_work
from app.models import Order
from tests.benchmarks import board_dataset
from tests.benchmarks.harness import Result
from tests.pg_server import ThrowawayPostgres

ORDERS = 100_000
RUNS = 5
CHANGED = 50


def _median_ms(call: Callable[[], Any], runs: int = RUNS) -> tuple[float, Any]:
    samples, value = [], None
    for _ in range(runs):
        started = time.perf_counter()
        value = call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), value


def _change_orders(engine: Engine, count: int, offset: int) -> None:
    """``count`` orders changed the way the services change them (ORM, touch)."""
    with unit_of_work(engine) as s:
        ids = s.scalars(
            select(Order.id)
            .where(Order.status == "ready")
            .order_by(Order.id)
            .offset(offset)
            .limit(count)
        ).all()
        for order in s.scalars(select(Order).where(Order.id.in_(ids))):
            lifecycle.touch(order)


def _refresh_ms(engine: Engine, rules: board.BoardRules) -> tuple[float, int]:
    samples, delivered = [], 0
    for i in range(RUNS):
        mark = board.current_watermark(engine)
        _change_orders(engine, CHANGED, 1000 + i * CHANGED)
        started = time.perf_counter()
        got = board.changes_since(engine, mark, rules=rules)
        samples.append((time.perf_counter() - started) * 1000)
        delivered = len(got.cards) + len(got.gone)
    return statistics.median(samples), delivered


def _measure(engine: Engine, backend: str) -> list[Result]:
    rules = board.BoardRules()
    today = board.load_board(engine, rules=rules).now.date()
    first_load, snap = _median_ms(lambda: board.load_board(engine, rules=rules))
    total = sum(c.count for c in snap.columns)
    page, _ = _median_ms(lambda: board.table_page(engine, rules=rules, limit=100))
    deep, _ = _median_ms(lambda: board.table_page(engine, rules=rules, offset=90_000, limit=100))
    search, found = _median_ms(
        lambda: board.table_page(engine, board.BoardFilter(search="B00123"), rules=rules)
    )
    sku, _ = _median_ms(
        lambda: board.table_page(engine, board.BoardFilter(search="sku-0042"), rules=rules)
    )
    nothing, _ = _median_ms(
        lambda: board.load_board(engine, board.BoardFilter(search="no such order"), rules=rules)
    )
    late, _ = _median_ms(
        lambda: board.table_page(
            engine, board.BoardFilter(flags=frozenset({board.Flag.LATE})), rules=rules
        )
    )
    stuck, _ = _median_ms(lambda: board.stuck_orders(engine, rules=rules))
    refresh, delivered = _refresh_ms(engine, rules)
    kpis, report = _median_ms(
        lambda: kpi.kpi_report(engine, today - timedelta(days=29), today, rules=rules)
    )
    hourly, _ = _median_ms(lambda: kpi.hourly(engine, today))
    check, _ = _median_ms(lambda: consistency.check(engine, rules=rules), runs=3)
    tag = f"{backend}"
    return [
        Result(
            f"board first load, {total:,} open orders ({tag})",
            first_load,
            "ms",
            "<= 1000 ms",
            first_load <= 1000,
        ),
        Result(
            f"incremental refresh, {delivered} changed orders ({tag})",
            refresh,
            "ms",
            "<= 50 ms",
            refresh <= 50,
        ),
        Result(
            f"KPI report, 30 days, {report.scans:,} scans ({tag})",
            kpis,
            "ms",
            "<= 500 ms",
            kpis <= 500,
        ),
        Result(f"KPI per hour today vs last week ({tag})", hourly, "ms"),
        Result(f"table page 1 by urgency ({tag})", page, "ms"),
        Result(f"table page at row 90,000 ({tag})", deep, "ms"),
        Result(f"search order number, {found.total} found ({tag})", search, "ms"),
        Result(f"search SKU ({tag})", sku, "ms"),
        Result(f"board with a search matching nothing ({tag})", nothing, "ms"),
        Result(f"late filter ({tag})", late, "ms"),
        Result(f"stuck alerts ({tag})", stuck, "ms"),
        Result(f"consistency check ({tag})", check, "ms"),
    ]


def _timed_build(url: str) -> tuple[Engine, float]:
    started = time.perf_counter()
    engine, _ = board_dataset.build(url, ORDERS)
    return engine, time.perf_counter() - started


def run() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        engine, took = _timed_build(f"sqlite:///{Path(tmp) / 'board.sqlite3'}")
        print(f"  SQLite data set built in {took:.0f} s", flush=True)
        try:
            results += _measure(engine, "SQLite")
        finally:
            engine.dispose()
    server = ThrowawayPostgres()
    admin = server.start()
    try:
        eng = create_engine(admin, isolation_level="AUTOCOMMIT")
        with eng.connect() as conn:
            conn.execute(text("CREATE DATABASE board_bench"))
        eng.dispose()
        engine, took = _timed_build(admin.rsplit("/", 1)[0] + "/board_bench")
        print(f"  PostgreSQL data set built in {took:.0f} s", flush=True)
        try:
            results += _measure(engine, "PostgreSQL")
        finally:
            engine.dispose()
    finally:
        server.stop()
    return results
