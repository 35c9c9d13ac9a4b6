"""The wall display with the database away: a PostgreSQL database that ends its
connections and refuses new ones (as a stopped server does), then comes back. The
wall says it is not live and since when, in letters read across a room, keeps its
last cards faded as old, grows nothing and logs no bug while the feed keeps trying,
and is live again by itself. How long ago is counted on an injected clock."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, create_engine, text

from app import db
from tests.app.board.conftest import Floor, add_order, floor  # noqa: F401 (a fixture)
from ui import display_time
from ui.board.feed import BoardFeed
from ui.board.page import BoardPage
from ui.board.wall_display import WallDisplay
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


def test_the_database_away_then_back(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    pg_admin_url: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    e = floor.engine
    for i in range(5):
        add_order(e, f"LATE-{i}", ship_in=timedelta(hours=-1, minutes=-i))
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
        assert not wall.problem.isVisible() and not wall.delegate.stale
        cards = wall.model.cards()
        assert cards
        seen = page.last_seen

        caplog.set_level(logging.WARNING)
        _database(pg_admin_url, e, up=False)
        try:
            qtbot.waitUntil(lambda: wall.problem.isVisible(), timeout=10_000)
            assert "NOT LIVE" in wall.problem.text() and seen in wall.problem.text()
            assert "less than a minute" in wall.problem.text()
            # big enough to read from 5 m: larger than the wall's title
            assert wall.problem.font().pixelSize() >= 40
            assert wall.problem.font().pixelSize() > wall.title.font().pixelSize()
            assert wall.delegate.stale  # the last cards stay, faded as old
            assert wall.model.cards() == cards
            widgets = len(wall.findChildren(QObject)) + len(page.findChildren(QObject))
            ticks.now += 5 * 60 + 10  # five minutes on, the banner counts on by itself
            qtbot.waitUntil(lambda: "for 5 min" in wall.problem.text(), timeout=5_000)
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
        reads_before = wall.reads
        qtbot.waitUntil(lambda: wall.reads > reads_before, timeout=10_000)  # live reads again
        # the environment's error, said on screen; never a bug's traceback in the log
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    finally:
        page.shutdown()
        reads.close()
        display_time.use_zone(None)
