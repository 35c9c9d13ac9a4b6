"""Putting a SQLite backup back: ``restore`` checks the backup, keeps the database in
use aside (as a checked backup of its own), and puts the backup in its place. A
backup older than the program is brought up to date the next time the database is
opened, as any older database is. (Backups themselves: ``app.db.backup``.)

Backups on a schedule keep the last N (``back_up_keeping``): the counter's window
takes one when one is due (setting ``backup_every_hours``, keeping
``backup_keep``), on a worker thread, and ``packdesk db backup --keep N`` does the
same for a scheduler (cron, a systemd timer, Windows' Task Scheduler) where no
window runs all day."""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from app import db
from app.errors import DatabaseProblem
from app.timeutil import utcnow


@dataclass(frozen=True)
class Restored:
    revision: str  # the schema revision of the backup put back
    kept_aside: Path  # the database that was in use, as it was


def restore(engine: Engine, source: Path) -> Restored:
    """Put the backup ``source`` in place of ``engine``'s SQLite file."""
    path = db.sqlite_path(engine)
    if path is None:
        raise DatabaseProblem(
            "A PostgreSQL database is restored on the server (for example: "
            "pg_restore --clean -d packdesk packdesk.dump)."
        )
    revision = _backup_revision(source)
    if revision not in db.revisions():
        raise DatabaseProblem(
            f"{source} was made by a newer Packdesk (schema {revision}); update Packdesk first."
        )
    engine.dispose()
    _refuse_if_in_use(path)
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.stem}-before-restore-{stamp}{path.suffix}")
    db.backup(engine, aside)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".restoring", dir=path.parent)
    os.close(handle)
    copy = Path(name)
    try:
        db.copy_checked(source, copy)
        for left in (Path(f"{path}-wal"), Path(f"{path}-shm")):  # the old file's: gone
            left.unlink(missing_ok=True)
        os.replace(copy, path)
    finally:
        copy.unlink(missing_ok=True)
    return Restored(revision, aside)


def _backup_revision(source: Path) -> str:
    """The schema revision of a backup that passes SQLite's checks; else why not."""
    if not source.is_file():
        raise DatabaseProblem(f"There is no backup file {source}.")
    try:
        conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise DatabaseProblem(f"{source} is damaged ({problems[0]}); nothing was restored.")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(
            f"{source} is no Packdesk database ({exc}); nothing was restored."
        ) from exc
    if row is None:
        raise DatabaseProblem(f"{source} has no Packdesk schema; nothing was restored.")
    return str(row[0])


def _refuse_if_in_use(path: Path) -> None:
    """Refused, in words, while another program (a counter) writes the database or
    reads it in a transaction: neither SQLite's write lock nor a full checkpoint of
    its WAL can be had then. A program that has the file open but idle is not seen
    (SQLite cannot tell): ``packdesk db restore`` asks for them to be closed first."""
    conn = sqlite3.connect(path, timeout=1.0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("COMMIT")
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy is not None and busy[0]:
            raise sqlite3.OperationalError("a reader is in the middle of a transaction")
    except sqlite3.OperationalError:
        raise DatabaseProblem(
            f"{path} is in use: close Packdesk (and every packdesk command) on the "
            "computers that use it, then restore."
        ) from None
    finally:
        conn.close()


# --- backups on a schedule, the last N kept ----------------------------------------------

#: a backup ``db.backup`` names in the backups folder: STEM-YYYYMMDDTHHMMSSZ[-N].sqlite3
_NAMED = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?\.sqlite3$")


@dataclass(frozen=True)
class Kept:
    written: Path  # the new backup
    removed: tuple[Path, ...]  # the oldest ones beyond the last N


def backups_of(engine: Engine) -> list[Path]:
    """The backups of ``engine``'s SQLite file in the backups folder, oldest first (by
    the time in their names: a copy's file time says nothing)."""
    path = db.sqlite_path(engine)
    folder = db.backups_dir()
    if path is None or not folder.is_dir():
        return []
    found = []
    for candidate in folder.glob(f"{path.stem}-*.sqlite3"):
        named = _NAMED.match(candidate.name)
        if named and named["stem"] == path.stem:
            found.append((named["stamp"], int(named["n"] or 1), candidate))
    return [p for _stamp, _n, p in sorted(found)]


def newest_backup_at(engine: Engine) -> datetime | None:
    """When the newest backup in the backups folder was taken (UTC), or None."""
    found = backups_of(engine)
    if not found:
        return None
    named = _NAMED.match(found[-1].name)
    assert named is not None
    return datetime.strptime(named["stamp"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def back_up_keeping(engine: Engine, keep: int, now: datetime | None = None) -> Kept:
    """A backup into the backups folder (``db.backup``: online, checked, renamed into
    place whole), named with the time ``now`` (UTC), then the oldest ones removed so
    that ``keep`` remain. A backup that fails removes nothing."""
    if keep < 1:
        raise DatabaseProblem("Keep at least 1 backup.")
    path = db.sqlite_path(engine)
    written = db.backup(engine, db.new_backup_path(path, now) if path is not None else None)
    older = backups_of(engine)
    removed = tuple(older[: max(0, len(older) - keep)])
    for old in removed:
        old.unlink(missing_ok=True)
    return Kept(written, removed)


def backup_due(newest: datetime | None, now: datetime, every_hours: float) -> bool:
    """Whether a scheduled backup is due: none yet, or the newest is ``every_hours``
    old (0: never)."""
    if every_hours <= 0:
        return False
    return newest is None or now - newest >= timedelta(hours=every_hours)
