"""The board page in a real window (offscreen) on a busy floor: 100,000 open orders
and 1,000,000 scan events in a SQLite file (``board_dataset``).

* first paint: from creating and showing the page to the first paint of a board
  column holding cards (the first full read runs on the worker meanwhile);
* an incremental refresh of 50 changed orders: the GUI thread's time to apply the
  change set the live feed delivers (orders changed through the ORM, as services
  do, and read back with ``changes_since``), repaint not included;
* scrolling the table: one page step, then a synchronous repaint, per frame;
* the wall display's page change at 3840x2160 on the GUI thread: from the turn until
  Qt has painted the new page, with the wall idle between pages as it is on screen
  (the whole wall painted into an image is also timed, for reference);
* the wall display's resident memory after 10,000 refreshes against where it was
  after a warm-up (change sets of 50 cards applied, the wall's texts refreshed, a
  page turned every 50 and a full repaint every 20 refreshes).
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from app import lifecycle
from app.board import BoardCard, BoardChanges
from app.db import unit_of_work
from app.models import Order, OrderStatus
from tests.benchmarks import board_dataset
from tests.benchmarks.harness import Result, percentile

ORDERS = 100_000
CHANGED = 50
ROUNDS = 7
SCROLL_FRAMES = 200
WALL_REFRESHES = 10_000


def rss_mb() -> float:
    """This process's resident memory now (not the peak), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _pump(app: object, until: object, timeout: float = 30.0) -> None:
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    deadline = time.perf_counter() + timeout
    while not until() and time.perf_counter() < deadline:  # type: ignore[operator]
        app.processEvents()
        time.sleep(0.001)
    if not until():  # type: ignore[operator]
        raise RuntimeError("the board did not answer in time")


def _change(engine: Engine, ids: list[int]) -> None:
    with unit_of_work(engine) as s:
        for order in s.scalars(select(Order).where(Order.id.in_(ids))):
            lifecycle.touch(order)


def _page_changes(
    app: object, wall: Any, n: int
) -> tuple[list[float], list[float], list[float], list[float]]:
    """``n`` page changes of the wall as it runs: between two, the wall waits (here 0.1 s
    of its 12 s) and does what it does while waiting (the next page's cards laid out);
    a change is timed from ``turn_page`` until Qt has painted the new page (its own
    event processing, as on screen; the few ms Qt waits before it paints are not GUI
    work and not counted). Returns those times, the GUI thread's CPU time of each, the
    whole process's (Qt copies large images on threads of its own as well), and for
    reference the whole wall painted (``grab``) after each change."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    painted = [0]

    class GridPaints(QObject):
        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
            if ev.type() == QEvent.Type.Paint:
                painted[0] += 1
            return False

    counter = GridPaints()
    wall.grid.viewport().installEventFilter(counter)
    turns: list[float] = []
    cpu: list[float] = []
    process: list[float] = []
    full: list[float] = []
    for _ in range(n + 5):  # the first 5: a warm-up
        idle_until = time.perf_counter() + 0.1
        while time.perf_counter() < idle_until:
            app.processEvents()
            time.sleep(0.005)
        before, took = painted[0], 0.0
        cpu_start, process_start = time.thread_time(), time.process_time()
        start = time.perf_counter()
        wall.turn_page()
        took += time.perf_counter() - start
        deadline = start + 1.0
        while painted[0] == before and time.perf_counter() < deadline:
            time.sleep(0.001)
            start = time.perf_counter()
            app.processEvents()
            took += time.perf_counter() - start
        spent = time.thread_time() - cpu_start
        spent_all = time.process_time() - process_start
        start = time.perf_counter()
        wall.grab()  # every widget of the wall painted, the grid's cards too
        repaint = time.perf_counter() - start
        turns.append(took * 1000)
        cpu.append(spent * 1000)
        process.append(spent_all * 1000)
        full.append(repaint * 1000)
    wall.grid.viewport().removeEventFilter(counter)
    return turns[5:], cpu[5:], process[5:], full[5:]


def _measure(url: str) -> list[Result]:
    from PySide6.QtCore import QEvent, QObject

    from app import db
    from ui.app import install_fonts, make_application
    from ui.board.feed import BoardFeed
    from ui.board.page import BoardPage
    from ui.board.wall_display import WallDisplay
    from ui.feedback import SoundPlayer
    from ui.workers import TaskQueue

    app = make_application()
    install_fonts(app)
    engine = db.make_engine(url)
    reads = TaskQueue("bench-reads", threads=2)
    feed = BoardFeed(engine, full_every=3600)  # the live interval as shipped (1 s)
    painted: list[float] = []

    class PaintClock(QObject):
        def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
            if ev.type() == QEvent.Type.Paint:
                painted.append(time.perf_counter())
            return False

    clock = PaintClock()
    filled: list[float] = []
    started = time.perf_counter()
    page = BoardPage(engine, reads, SoundPlayer(enabled=False), ZoneInfo("UTC"), feed=feed)
    ready = page.columns.columns[OrderStatus.READY].view
    page.columns.models[OrderStatus.READY].modelReset.connect(
        lambda: filled.append(time.perf_counter())
    )
    ready.viewport().installEventFilter(clock)
    page.resize(1600, 1000)
    page.show()
    _pump(app, lambda: bool(filled) and any(t >= filled[0] for t in painted))
    first_paint = (min(t for t in painted if t >= filled[0]) - started) * 1000
    total = page.total

    # incremental refreshes: 50 orders, some of them on screen
    ready_model = page.columns.models[OrderStatus.READY]
    shown = [ready_model.card_at(r).id for r in range(min(100, ready_model.rowCount()))]
    with unit_of_work(engine, read_only=True) as s:
        others = list(s.scalars(select(Order.id).where(Order.status == "ready").limit(5000)))
    rng = random.Random(5)
    apply_ms: list[float] = []
    delivered: list[int] = []
    page.show_table.click()  # the table is read when shown; its rows take changes too
    _pump(app, lambda: page.table_model.rowCount() > 0)
    page.show_columns.click()
    for _ in range(ROUNDS):
        ids = rng.sample(shown, 20) + rng.sample(others, CHANGED - 20)
        got: list[BoardChanges] = []
        feed.changed.connect(got.append)
        _change(engine, ids)
        _pump(app, lambda g=got: any(c.cards for c in g))  # type: ignore[misc]
        feed.changed.disconnect(got.append)
        apply_ms.append(page.last_apply_ms)
        delivered.append(max(len(c.cards) + len(c.gone) for c in got))

    # scrolling the table
    page.show_table.click()
    _pump(app, lambda: page.table_model.rowCount() >= 200)
    bar = page.table.verticalScrollBar()
    rows = page.table.verticalHeader().defaultSectionSize()

    def frame(step: int, full: bool) -> float:
        app.processEvents()
        start = time.perf_counter()
        bar.setValue(bar.value() + step)
        if full:
            page.table.viewport().repaint()
        else:
            app.processEvents()  # Qt scrolls the pixels and paints the rows that came in
        took = (time.perf_counter() - start) * 1000
        if bar.value() >= bar.maximum():
            bar.setValue(0)
            app.processEvents()
        return took

    wheel = [frame(3 * rows if bar.singleStep() > 1 else 3, False) for _ in range(SCROLL_FRAMES)]
    pages = [frame(bar.pageStep(), True) for _ in range(SCROLL_FRAMES // 2)]
    page.show_columns.click()

    # the wall display over 10,000 refreshes (full screen: the page is behind it)
    feed.running = False  # the synthetic change sets below stand in for the feed
    page.hide()
    wall = WallDisplay(page, page_ms=10**9)
    wall.resize(1920, 1080)
    wall.show()
    app.processEvents()
    cards: list[BoardCard] = [
        page.columns.models[s].card_at(r)
        for s in page.columns.models
        for r in range(page.columns.models[s].rowCount())
    ]
    counts = {
        s: m.total for s, m in page.columns.models.items() if not page.columns.columns[s].isHidden()
    }
    now = page.columns.models[OrderStatus.READY].now
    assert now is not None

    def refresh(i: int) -> None:
        changed = [
            replace(c, packed_units=(c.packed_units + i) % max(c.units, 1), version=c.version + i)
            for c in rng.sample(cards, CHANGED)
        ]
        when = now + timedelta(seconds=i)
        page._changed(BoardChanges(when, tuple(changed), (), counts, False, feed._mark))  # type: ignore[arg-type]
        if i % 50 == 0:
            wall.turn_page()
        if i % 20 == 0:
            wall.repaint()
        app.processEvents()

    for i in range(300):  # warm-up: caches, fonts, glyphs
        refresh(i)
    before = rss_mb()
    wall_started = time.perf_counter()
    for i in range(300, 300 + WALL_REFRESHES):
        refresh(i)
    wall_s = time.perf_counter() - wall_started
    after = rss_mb()
    # a page change at 3840x2160: the next page's cards in the grid, painted
    wall.resize(3840, 2160)
    app.processEvents()
    turns, cpu, process, full = _page_changes(app, wall, 60)
    wall.close()
    page.shutdown()
    reads.close()
    engine.dispose()

    growth = (after - before) / before * 100
    scroll_p99 = percentile(wheel, 99)
    page_p99 = percentile(pages, 99)
    page_median = statistics.median(pages)
    return [
        Result(
            f"board first paint with cards, {total:,} open orders (SQLite)",
            first_paint,
            "ms",
            "<= 1000 ms",
            first_paint <= 1000,
        ),
        Result(
            f"incremental refresh, {statistics.median(delivered):.0f} changed orders, "
            "GUI thread, median",
            statistics.median(apply_ms),
            "ms",
            "<= 10 ms",
            statistics.median(apply_ms) <= 10,
        ),
        Result(
            "incremental refresh, GUI thread, worst of 7",
            max(apply_ms),
            "ms",
            "<= 10 ms",
            max(apply_ms) <= 10,
        ),
        Result(
            f"table scroll, 3 rows a frame (a wheel notch), p99 of {SCROLL_FRAMES}",
            scroll_p99,
            "ms",
            "< 16 ms",
            scroll_p99 < 16,
        ),
        Result("table scroll, a wheel notch, worst frame", max(wheel), "ms"),
        Result("table scroll, a page a frame (all rows repainted), median", page_median, "ms"),
        Result(
            f"table scroll, a page a frame (all rows repainted), p99 of {len(pages)}",
            page_p99,
            "ms",
            "< 16 ms",
            page_p99 < 16,
        ),
        Result(f"wall display, {WALL_REFRESHES:,} refreshes", wall_s, "s"),
        Result("wall display resident memory, start", before, "MB"),
        Result(f"wall display resident memory after {WALL_REFRESHES:,} refreshes", after, "MB"),
        Result("wall display memory growth", growth, "%", "<= 10 %", growth <= 10),
        Result(
            "wall display page change at 3840x2160, GUI thread, median",
            statistics.median(turns),
            "ms",
        ),
        Result(
            f"wall display page change at 3840x2160, GUI thread, p99 of {len(turns)}",
            percentile(turns, 99),
            "ms",
            "<= 16 ms",
            percentile(turns, 99) <= 16,
        ),
        Result(
            "wall display page change at 3840x2160, GUI thread's CPU time, median",
            statistics.median(cpu),
            "ms",
        ),
        Result(
            "wall display page change at 3840x2160, the process's CPU time, median",
            statistics.median(process),
            "ms",
        ),
        Result(
            "wall display at 3840x2160, the whole window painted (grab), median",
            statistics.median(full),
            "ms",
        ),
    ]


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'board_ui.sqlite3'}"
        started = time.perf_counter()
        board_dataset.build(url, ORDERS)[0].dispose()
        print(f"  SQLite data set built in {time.perf_counter() - started:.0f} s", flush=True)
        return _measure(url)
