"""Putting a SQLite backup back: ``restore`` checks the backup, keeps the database in
use aside (as a checked backup of its own), and puts the backup in its place. A
backup older than the program is brought up to date the next time the database is
opened, as any older database is. (Backups themselves: ``app.db.backup``.)"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from dataclasses import dataclass
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
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.stem}-before-restore-{stamp}{path.suffix}")
    with _alone(path):
        db.backup(engine, aside)
        handle, name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".restoring", dir=path.parent
        )
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


class _alone:
    """Holds SQLite's exclusive lock on the database while it is replaced: refused,
    in words, while another program (a counter) is writing it or reading it in a
    transaction (a checkpoint of its WAL cannot finish then). A program that has the
    file open but idle is not seen: the message of ``packdesk db restore`` says to
    close them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.conn: sqlite3.Connection | None = None

    def __enter__(self) -> None:
        conn = sqlite3.connect(self.path, timeout=1.0, isolation_level=None)
        try:
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy is not None and busy[0]:
                raise sqlite3.OperationalError("readers in the middle of a transaction")
            conn.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError:
            conn.close()
            raise DatabaseProblem(
                f"{self.path} is in use: close Packdesk (and every packdesk command) on "
                "the computers that use it, then restore."
            ) from None
        self.conn = conn

    def __exit__(self, *_exc: object) -> None:
        assert self.conn is not None
        self.conn.close()
