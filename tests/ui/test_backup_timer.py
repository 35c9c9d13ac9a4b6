"""The window's backups on a schedule: taken on a worker when due, the newest N kept,
nothing more until the next is due; none on PostgreSQL or when switched off."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app import backups
from app.settings import Settings
from ui.backup_timer import BackupTimer

START = datetime(2026, 3, 2, 12, tzinfo=UTC)


def test_a_due_backup_is_taken_and_the_oldest_removed(qtbot: QtBot, sqlite_engine: Engine) -> None:
    now = [START]
    settings = replace(Settings(), backup_every_hours=4.0, backup_keep=2)
    timer = BackupTimer(sqlite_engine, settings, clock=lambda: now[0])
    taken = []
    timer.done.connect(taken.append)
    for hours in (0, 1, 4, 8, 9, 12):
        now[0] = START + timedelta(hours=hours)
        with qtbot.waitSignal(timer.looked, timeout=10_000):
            timer.look()
    timer.shutdown()
    assert len(taken) == 4  # at 0, 4, 8 and 12 hours
    kept = backups.backups_of(sqlite_engine)
    assert [str(p) for p in kept] == taken[-2:]
    assert backups.newest_backup_at(sqlite_engine) == START + timedelta(hours=12)


def test_no_schedule_on_postgresql_or_when_off(pg_url: str, sqlite_engine: Engine) -> None:
    from app import db

    pg = db.make_engine(pg_url)
    assert not BackupTimer(pg, Settings()).active
    pg.dispose()
    off = replace(Settings(), backup_every_hours=0)
    assert not BackupTimer(sqlite_engine, off).active
    assert BackupTimer(sqlite_engine, Settings()).active
