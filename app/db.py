"""Engines, pragmas, migrations, backup and integrity checks.

One code path for both back-ends: an embedded SQLite file for a single counter (WAL,
``synchronous=FULL``, foreign keys, a busy timeout) and PostgreSQL through psycopg 3
for a warehouse of counters.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from app import credentials
from app import settings as settings_mod
from app.audit import chain as _audit_chain
from app.audit import tables as _chained_tables  # noqa: F401  (every scan and move chained)
from app.errors import DatabaseProblem
from app.private_files import private_file, private_folder
from app.timeutil import utcnow

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 5000


def default_url() -> str:
    """The local SQLite file in the user's data folder."""
    return f"sqlite:///{settings_mod.data_dir() / 'packdesk.sqlite3'}"


def resolve_url(explicit: str | None = None) -> str:
    """``--db`` first, then ``PACKDESK_DB_URL`` or the settings file, then the default."""
    if explicit:
        return explicit
    configured = settings_mod.load().db_url
    return configured or default_url()


def _normalise(url: str) -> URL:
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError with a terse text
        raise DatabaseProblem(f"Not a database URL: {url!r}") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise DatabaseProblem(
            f"Unsupported database {parsed.drivername!r}: use sqlite:///FILE or postgresql://..."
        )
    return parsed


def describe_url(engine: Engine) -> str:
    """The database for people: a file's path, or a server and database, no password."""
    path = sqlite_path(engine)
    if path is not None:
        return str(path)
    url = engine.url
    return f"{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def sqlite_path(engine_or_url: Engine | str) -> Path | None:
    """The file behind a SQLite URL, or None for PostgreSQL and in-memory databases."""
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else _normalise(engine_or_url)
    database = url.database
    if not url.drivername.startswith("sqlite") or database in (None, "", ":memory:"):
        return None
    if url.query.get("uri") == "true" and database.startswith("file:"):
        database = database.removeprefix("file:")  # an SQLite URI: ...///file:PATH?uri=true
    return Path(database)


def _sqlite_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy emit BEGIN itself (pysqlite's own transaction handling is broken
    # for SAVEPOINT and starts transactions late); see the SQLAlchemy SQLite docs.
    dbapi_conn.isolation_level = None
    _audit_chain.sqlite_functions(dbapi_conn)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    # a read-only file keeps its journal mode; writes will then say so clearly
    with contextlib.suppress(sqlite3.OperationalError):
        cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # A writing transaction takes the write lock at once (BEGIN IMMEDIATE), so it waits
    # its turn under the busy timeout instead of failing later, when a read snapshot
    # can no longer be upgraded. Readers (read_only units of work) never block anyone.
    if conn.get_execution_options().get("packdesk_read_only", False):
        conn.exec_driver_sql("BEGIN")
    elif not _begin_soon(conn.connection.driver_connection):
        conn.exec_driver_sql("BEGIN IMMEDIATE")  # the busy timeout's wait, and its error


SOON = 0.05  # seconds of waiting for the write lock in fine steps


def _begin_soon(raw: sqlite3.Connection) -> bool:
    """BEGIN IMMEDIATE, waiting for another connection's write in steps of a fraction
    of a millisecond for up to ``SOON``; False if the lock is still taken then.

    SQLite's own busy handler sleeps 1, 2, 5, 10 ms... between tries, so a scan that
    met the print worker's 1 ms write waited 3 ms, often 8 or 18."""
    try:
        raw.execute("PRAGMA busy_timeout = 0")
    except sqlite3.Error:  # not a database, or gone: the caller's BEGIN says so in words
        return False
    try:
        give_up, pause = time.monotonic() + SOON, 0.0002
        while True:
            try:
                raw.execute("BEGIN IMMEDIATE")
                return True
            except sqlite3.Error as exc:
                if "locked" not in str(exc) or time.monotonic() > give_up:
                    return False
            time.sleep(pause)
            pause = min(pause * 2, 0.002)
    finally:
        with contextlib.suppress(sqlite3.Error):
            raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` (resolved as the CLI does) with the house pragmas."""
    parsed = _normalise(resolve_url(url))
    if parsed.drivername.startswith("sqlite"):
        path = sqlite_path(parsed.render_as_string(hide_password=False))
        if path is not None:
            private_file(path)  # (made 0600 here, not by SQLite under the umask)
        engine = create_engine(parsed, **kwargs)
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # no pool_pre_ping: on psycopg it costs three round trips (BEGIN, SELECT 1,
    # ROLLBACK) before every unit of work. A connection found dead instead invalidates
    # the pool, so the next unit of work reconnects; a scan is tried again at once
    # (see ``connection_lost``).
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("connect_timeout", 10)
    connect_args.setdefault("application_name", "packdesk")
    return create_engine(parsed, connect_args=connect_args, **kwargs)


DEFERRED_CHECKPOINT_PAGES = 20_000  # 80 MB of WAL


def defer_checkpoints(engine: Engine, pages: int = DEFERRED_CHECKPOINT_PAGES) -> None:
    """Leave a SQLite file's WAL checkpoints to explicit ones (``checkpoint``): this
    engine's connections copy the WAL into the database in a commit only past
    ``pages`` (should nobody checkpoint), instead of SQLite's 1000. The counter's
    window and its print process do so, and the print process checkpoints every few
    seconds: a checkpoint in a scan's commit held that scan's answer back by 30-40 ms
    once in about a hundred scans, and one in the print process's commit held the
    next scan's commit back as long. Nothing to do on PostgreSQL; once per engine is
    enough."""
    if engine.dialect.name != "sqlite" or engine in _DEFERRING:
        return
    _DEFERRING.add(engine)

    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")

    event.listen(engine, "connect", on_connect)
    engine.dispose()  # connections opened before get it too


_DEFERRING: weakref.WeakSet[Engine] = weakref.WeakSet()


def checkpoint(engine: Engine) -> None:
    """Copy a SQLite file's WAL into the database as far as its readers allow, without
    waiting for anyone (a passive checkpoint). Nothing to do on PostgreSQL."""
    if engine.dialect.name == "sqlite":
        # on the driver's connection: SQLAlchemy's would begin a transaction first, and a
        # checkpoint cannot run inside one
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
            cursor.close()
        finally:
            raw.close()


@contextmanager
def unit_of_work(engine: Engine, *, read_only: bool = False) -> Iterator[Session]:
    """One service call's transaction: commits on success, rolls back on error.

    ``read_only`` units of work do not take SQLite's write lock, so a list or a board
    refresh never waits behind a long import. Database errors caused by the
    environment (locked, read-only, unreachable) become ``DatabaseProblem``.
    """
    bind = engine.execution_options(packdesk_read_only=True) if read_only else engine
    try:
        with Session(bind, expire_on_commit=False) as session, session.begin():
            yield session
    except OperationalError as exc:
        raise DatabaseProblem(describe_operational_error(exc)) from exc


def autocommitting(engine: Engine) -> Engine:
    """``engine`` for connections whose statements each commit by themselves: on
    PostgreSQL the driver then sends no BEGIN and no COMMIT (two round trips fewer for
    a lone statement). SQLite's connections are so already: SQLAlchemy begins their
    transactions itself (``_sqlite_connect``), and only when asked to."""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="AUTOCOMMIT")
    return engine


class StandingConnection:
    """One connection of an ``autocommitting`` engine, kept open between uses, for
    ``DirectStatement``s that commit by themselves: taking one from the pool for each
    scan cost about 0.1 ms of CPU. Not thread-safe (one per scan queue)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    @contextmanager
    def use(self) -> Iterator[Connection]:
        """The connection (a new one if the last one failed); database errors become
        ``DatabaseProblem`` as in ``unit_of_work``, and any error closes it."""
        try:
            if self._conn is None:
                self._conn = self.engine.connect()
            yield self._conn
        except OperationalError as exc:
            self.close()
            raise DatabaseProblem(describe_operational_error(exc)) from exc
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(SQLAlchemyError):
                conn.close()


def connection_lost(exc: DatabaseProblem) -> bool:
    """True when a unit of work failed because its pooled connection turned out to be
    dead (the server restarted, the network dropped it); the pool has then been
    invalidated, and the same work done again gets a new connection. Only work that
    is safe to repeat may be: a dead connection may be noticed at COMMIT, after the
    server committed."""
    cause = exc.__cause__
    return isinstance(cause, DBAPIError) and cause.connection_invalidated


def database_busy(exc: DatabaseProblem) -> bool:
    """True when a unit of work failed only because another connection held SQLite's
    write lock longer than the busy timeout (SQLITE_BUSY, told by its code, not its
    words): nothing was written, and the same work may be done again once the lock
    is free."""
    cause = exc.__cause__
    code = getattr(getattr(cause, "orig", None), "sqlite_errorcode", None)
    return isinstance(cause, OperationalError) and code is not None and code & 0xFF == 5


def describe_operational_error(exc: SQLAlchemyError) -> str:
    """Plain words for the database errors people meet (locked, read-only, gone)."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "busy" in text:
        return (
            "The database is locked by another program or counter. "
            "Wait a moment and try again; if it persists, close the other program."
        )
    if "readonly" in text or "read-only" in text:
        return (
            "The database file is read-only. Give this user write permission on the "
            "file and its folder, or point Packdesk at another database with --db."
        )
    if "unable to open" in text:
        return "The database file cannot be opened. Check that its folder exists and is writable."
    if "connection" in text or "could not connect" in text or "timeout" in text:
        return (
            "The database server cannot be reached. Check the network and that "
            "PostgreSQL is running, then try again."
        )
    return f"The database reported a problem: {getattr(exc, 'orig', exc)}"


# --- migrations -------------------------------------------------------------------


# Alembic is imported only to migrate: a window that starts on a current database
# reads its revision with one query and the newest one from the migrations' file names
# (some 0.15 s sooner on screen)


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def revisions() -> list[str]:
    """This Packdesk's revisions, oldest first: migrations are numbered in their files'
    names (0001_..., a test holds them to Alembic's own idea of the head)."""
    return sorted(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def head_revision() -> str:
    """The newest revision."""
    return revisions()[-1]


def current_revision(engine: Engine) -> str | None:
    """The database's revision; None for a database without Packdesk's schema."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


@dataclass(frozen=True)
class UpgradeResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def upgrade(engine: Engine, *, backup_first: bool = True, check_key: bool = True) -> UpgradeResult:
    """Bring the schema to the newest revision; back up a SQLite file first; then
    check that the database's badges were hashed with this computer's badge key
    (unless ``check_key`` is false: the command that replaces a lost key).

    Running it again when already current changes nothing.
    """
    try:
        before = current_revision(engine)
        head = head_revision()
        if before == head:
            if check_key:
                _check_badge_key(engine)
            return UpgradeResult(before, head, None)
        if before is not None and before not in revisions():
            raise DatabaseProblem(
                f"This database was upgraded by a newer Packdesk (its schema is {before}; "
                f"this Packdesk knows up to {head}). Update Packdesk on this computer."
            )
        saved = None
        path = sqlite_path(engine)
        if backup_first and before is not None and path is not None and path.exists():
            saved = backup(engine)
        from alembic import command

        command.upgrade(alembic_config(engine), "head")
        _truncate_wal(engine)
        if check_key:
            _check_badge_key(engine)
        return UpgradeResult(before, head, saved)
    except OperationalError as exc:
        raise DatabaseProblem(describe_operational_error(exc)) from exc


def _truncate_wal(engine: Engine) -> None:
    """After a migration, a SQLite file's WAL is copied in and emptied: the page images
    a migration leaves there (clear badges before 0018 hashed them) do not stay on
    disk. A reader still in a transaction only makes it copy what it can."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.close()
        finally:
            raw.close()


def _check_badge_key(engine: Engine) -> None:
    """The database's badges were hashed with this computer's badge key (else every
    badge would be unknown here): said at start, in words."""
    from app.models import CredentialKey

    with unit_of_work(engine, read_only=True) as s:
        kept = s.scalar(select(CredentialKey.badge_key_check).where(CredentialKey.id == 1))
    credentials.check_database_key(kept)


def backups_dir() -> Path:
    return settings_mod.data_dir() / "backups"


def backup(engine: Engine, dest: Path | None = None, *, force: bool = False) -> Path:
    """Copy a SQLite database with SQLite's online backup API (safe while in use).

    The copy is written to a temporary file beside ``dest`` and becomes ``dest`` (by a
    rename) only once SQLite's integrity check passes on it and it is on the disk: a
    backup stopped half-way (killed, the disk full) leaves no file that looks like a
    backup, and an earlier backup under that name stays whole. The copy is one file
    that opens alone (no WAL), readable by its owner only. An existing ``dest`` is
    refused unless ``force``."""
    path = sqlite_path(engine)
    if path is None:
        raise DatabaseProblem(
            "Backups of a PostgreSQL database are made with pg_dump on the server "
            "(for example: pg_dump -Fc packdesk > packdesk.dump)."
        )
    if not path.exists():
        raise DatabaseProblem(f"There is no database file at {path} to back up.")
    dest = dest or new_backup_path(path)
    if dest.is_dir():
        raise DatabaseProblem(
            f"{dest} is a folder; name the backup file, e.g. {dest / 'packdesk.sqlite3'}"
        )
    if dest.exists() and not force:
        raise DatabaseProblem(
            f"{dest} exists already: name another file, or add --force to replace it."
        )
    private_folder(dest.parent)
    for stale in dest.parent.glob(f".{dest.name}.*.partial"):  # left by a backup killed
        stale.unlink(missing_ok=True)
    handle, partial_name = tempfile.mkstemp(
        prefix=f".{dest.name}.", suffix=".partial", dir=dest.parent
    )
    os.close(handle)
    partial = Path(partial_name)
    try:
        copy_checked(path, partial)
        os.replace(partial, dest)
        _sync_folder(dest.parent)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise DatabaseProblem(f"Backup to {dest} failed ({why}); nothing was replaced.") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return dest


def new_backup_path(path: Path, now: datetime | None = None) -> Path:
    """A backup file's name in the backups folder that no backup has yet, with the
    time it is taken (``now``, UTC)."""
    stamp = (now or utcnow()).strftime("%Y%m%dT%H%M%SZ")
    dest = backups_dir() / f"{path.stem}-{stamp}.sqlite3"
    n = 1
    while dest.exists():
        n += 1
        dest = backups_dir() / f"{path.stem}-{stamp}-{n}.sqlite3"
    return dest


def copy_checked(path: Path, copy: Path) -> None:
    """The database at ``path`` copied into ``copy`` (an empty file), as one file
    without a WAL, checked by SQLite and flushed to the disk."""
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        out = sqlite3.connect(copy)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")
            problems = [row[0] for row in out.execute("PRAGMA integrity_check")]
        finally:
            out.close()
    finally:
        src.close()
    if problems != ["ok"]:
        raise sqlite3.DatabaseError(f"the copy failed its integrity check: {problems[:3]}")
    with copy.open("rb+") as written:
        os.fsync(written.fileno())


def _sync_folder(folder: Path) -> None:
    """The rename made durable (POSIX; elsewhere the file system does it)."""
    if os.name != "posix":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


@dataclass(frozen=True)
class CheckReport:
    revision: str | None
    head: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(engine: Engine) -> CheckReport:
    """Integrity of the database: schema revision, and on SQLite the file's own checks."""
    problems: list[str] = []
    try:
        revision = current_revision(engine)
        head = head_revision()
        if revision is None:
            problems.append("The database has no Packdesk schema; run 'packdesk db upgrade'.")
        elif revision != head:
            problems.append(
                f"The schema is at {revision}, the program expects {head}; "
                "run 'packdesk db upgrade' (an admin's: --as BADGE)."
            )
        if engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
                problems += [f"integrity: {r[0]}" for r in rows if r[0] != "ok"]
                fks = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                problems += [f"foreign key: table {r[0]} row {r[1]} -> {r[2]}" for r in fks]
    except OperationalError as exc:
        raise DatabaseProblem(describe_operational_error(exc)) from exc
    return CheckReport(revision, head, tuple(problems))


def is_writable(engine: Engine) -> bool:
    path = sqlite_path(engine)
    if path is None:
        return True
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK)
