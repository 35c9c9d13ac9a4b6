"""The wall display with the database away: a PostgreSQL database that ends its
connections and refuses new ones (as a stopped server does), then comes back. The
wall says it is not live and since when, in letters read across a room, keeps its
last cards, its tiles and its carrier strip faded as old (whole cards still, under
the banner), its clock running on, grows nothing and logs no bug while the feed keeps
trying, and is live again by itself. How long ago, and the clock, are counted on an
injected monotonic clock, never on this machine's calendar."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, create_engine, text

from app import db
from app.db import unit_of_work
from app.models import Carrier, OrderStatus
from tests.app.board.conftest import Floor, add_order, floor  # noqa: F401 (a fixture)
from tests.ui.test_wall_display import brightest
from ui import display_time
from ui.board.cards import MARGIN
from ui.board.feed import BoardFeed
from ui.board.page import BoardPage
from ui.board.wall_display import WallDisplay
from ui.board.wall_outage import NotLiveBanner, WallClock
from ui.feedback import SoundPlayer
from ui.workers import TaskQueue

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    eng = db.make_engine(pg_url)
    yield eng
    eng.dispose()


def _database(pg_admin_url: str, engine: Engine, *, up: bool) -> None:
    """Let the test's database take connections again, or end them all and refuse new
    ones: to its clients, a server that stopped (and started again)."""
    name = engine.url.database
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(up).lower()}'))
        if not up:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
    admin.dispose()


class FakeTicks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _whole_cards(wall: WallDisplay) -> bool:
    """Every card on the page whole in the grid (its cell's blank margin may be cut)."""
    room = wall.grid.viewport().rect()
    cells = (wall.grid.visualRect(wall.model.index(r)) for r in range(wall.model.rowCount()))
    return all(room.contains(c.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)) for c in cells)


def test_the_database_away_then_back(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    pg_admin_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    e = floor.engine
    for i in range(12):  # more than a page of cards
        add_order(e, f"LATE-{i}", ship_in=timedelta(hours=-1, minutes=-i))
    with unit_of_work(e) as s:  # a carrier with a cut-off: the strip shows
        s.add(Carrier(name="SF", tracking_source="order", check_rule="none", cutoff="17:30"))
    display_time.use_zone(SHANGHAI)
    reads = TaskQueue("test-reads", threads=2)
    feed = BoardFeed(e, interval=0.05, retry_ms=50)
    page = BoardPage(e, reads, SoundPlayer(enabled=False), SHANGHAI, feed=feed)
    qtbot.addWidget(page)
    ticks = FakeTicks()
    try:
        page.show()
        qtbot.waitUntil(lambda: page.now is not None, timeout=10_000)
        wall = WallDisplay(page, page_ms=10**9, read_every=timedelta(0), ticks=ticks)
        page.wall = wall
        qtbot.addWidget(wall)
        wall.resize(1920, 1080)
        wall.show()
        qtbot.waitUntil(lambda: wall.snapshot is not None, timeout=10_000)
        # a screen whose rows of cards fill the grid to the pixel: the banner takes a row
        cell, room = wall.grid.gridSize().height(), wall.grid.viewport().height()
        wall.resize(1920, 1080 - room % cell)
        qtbot.waitUntil(lambda: wall.grid.viewport().height() % cell == 0, timeout=5_000)
        per_page = wall.per_page()
        assert wall.model.rowCount() == per_page
        assert not wall.problem.isVisible() and not wall.delegate.stale
        cards = wall.model.cards()
        assert cards
        assert wall.clock.text() == page.last_seen
        tile, chip = wall.tiles[OrderStatus.READY], wall.strip.shown()[0]
        live = {tile: brightest(wall, tile), chip: brightest(wall, chip)}

        caplog.set_level(logging.WARNING)
        _database(pg_admin_url, e, up=False)
        try:
            qtbot.waitUntil(lambda: wall.problem.isVisible(), timeout=10_000)
            seen = page.last_seen  # the last answer's time (the feed looks every 50 ms)
            assert "NOT LIVE" in wall.problem.text() and seen in wall.problem.text()
            assert "less than a minute" in wall.problem.text()
            # big enough to read from 5 m: larger than the wall's title
            assert wall.problem.font().pixelSize() >= 40
            assert wall.problem.font().pixelSize() > wall.title.font().pixelSize()
            assert wall.delegate.stale  # the last cards stay, faded as old
            assert wall.model.cards()[0] == cards[0]
            # under the banner the grid is lower: its pages are planned again, whole cards
            qtbot.waitUntil(lambda: _whole_cards(wall), timeout=5_000)
            assert wall.model.rowCount() == wall.per_page() < per_page
            # the tiles and the carrier strip too, the same way (never looking live)
            for part, before in live.items():
                assert brightest(wall, part) < 0.65 * before, part
            assert all(t.stale for t in wall.tiles.values()) and wall.strip.stale
            assert "not live" in wall.strip.title.text() and seen in wall.strip.title.text()
            assert wall.clock.text() == seen
            widgets = len(wall.findChildren(QObject)) + len(page.findChildren(QObject))
            ticks.now += 5 * 60 + 10  # five minutes on, the banner counts on by itself
            qtbot.waitUntil(lambda: "for 5 min" in wall.problem.text(), timeout=5_000)
            # the clock runs on with the banner, on this screen's clock since the last
            # answer (the banner still says since when)
            assert page.now is not None
            assert wall.clock.text() == display_time.clock(page.now + timedelta(seconds=310))
            assert f"since {seen}" in wall.problem.text()
            tries = feed.refreshes
            qtbot.wait(1_000)  # the feed keeps trying (every 50 ms here)
            assert feed.failing and feed.refreshes == tries
            wall.turn_page()  # the old pages still turn
            assert wall.delegate.stale and wall.problem.isVisible()
            assert len(wall.findChildren(QObject)) + len(page.findChildren(QObject)) == widgets
        finally:
            _database(pg_admin_url, e, up=True)
        qtbot.waitUntil(lambda: not feed.failing, timeout=10_000)
        qtbot.waitUntil(lambda: not wall.problem.isVisible(), timeout=10_000)
        assert not wall.delegate.stale
        assert not any(t.stale for t in wall.tiles.values()) and not wall.strip.stale
        assert brightest(wall, tile) == live[tile] and "not live" not in wall.strip.title.text()
        assert wall.clock.text() == page.last_seen  # the database's clock again
        qtbot.waitUntil(lambda: _whole_cards(wall) and wall.per_page() == per_page, timeout=5_000)
        reads_before = wall.reads
        qtbot.waitUntil(lambda: wall.reads > reads_before, timeout=10_000)  # live reads again
        # the environment's error, said on screen; never a bug's traceback in the log
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    finally:
        page.shutdown()
        reads.close()
        display_time.use_zone(None)


def test_the_clock_runs_on_with_the_banner_and_stops_running_when_live(qtbot: QtBot) -> None:
    """The banner and the clock count on one injected monotonic clock from the last
    answer, whatever the date; the clock is the database's again once it answers."""
    display_time.use_zone(SHANGHAI)
    try:
        ticks = FakeTicks()
        banner = NotLiveBanner(ticks)
        clock = WallClock(banner)
        qtbot.addWidget(banner)
        qtbot.addWidget(clock)
        seen = datetime(2026, 12, 6, 6, 59, 50, tzinfo=UTC)  # 14:59:50 in Shanghai
        clock.answered(seen)
        banner.answered("14:59:50")
        assert clock.text() == "14:59:50"
        ticks.now += 4  # no answer for 4 s: the feed says the database is away
        banner.went_away()
        assert clock.text() == "14:59:54" and "less than a minute" in banner.text()
        ticks.now += 3600 + 15
        with qtbot.waitSignal(banner.said, timeout=3_000):  # said again each second
            pass
        assert clock.text() == "16:00:09"
        assert "for 1 h" in banner.text() and "since 14:59:50" in banner.text()
        clock.answered(seen + timedelta(hours=1, seconds=20))
        banner.answered("16:00:10")
        assert clock.text() == "16:00:10" and banner.live
        ticks.now += 30
        qtbot.wait(1_200)  # live: the clock is the database's, moved by its answers alone
        assert clock.text() == "16:00:10"
    finally:
        display_time.use_zone(None)
