from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.exc import IntegrityError

from app import db
from app.errors import DatabaseProblem
from app.models import Base, Order, OrderStatus, Station


def test_sqlite_pragmas(sqlite_engine: Engine) -> None:
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS


def test_upgrade_twice_changes_nothing(engine: Engine) -> None:
    first = db.upgrade(engine)
    second = db.upgrade(engine)
    assert not first.changed and not second.changed
    assert second.to_revision == db.head_revision()
    assert db.check(engine).ok


def test_fresh_file_is_created_and_upgraded(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'new' / 'counter.sqlite3'}")
    result = db.upgrade(engine)
    assert result.from_revision is None and result.changed and result.backup is None
    assert db.current_revision(engine) == db.head_revision()


def test_upgrade_backs_up_an_older_sqlite_file(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with db.unit_of_work(sqlite_engine) as s:
        s.add(Order(channel="web", external_number="0001", status=OrderStatus.NEW))
    monkeypatch.setattr(db, "current_revision", lambda engine: "0006")
    result = db.upgrade(sqlite_engine)
    assert result.backup is not None and result.backup.exists()
    copy = sqlite3.connect(result.backup)
    assert copy.execute("SELECT external_number FROM orders").fetchall() == [("0001",)]
    copy.close()


def test_a_database_newer_than_this_packdesk_is_refused_in_words(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseProblem, match="newer Packdesk"):
        db.upgrade(engine, backup_first=False)
    assert db.current_revision(engine) == "9999"  # nothing changed


def test_backup_while_in_use(sqlite_engine: Engine, tmp_path: Path) -> None:
    with db.unit_of_work(sqlite_engine) as s:
        s.add(Order(channel="web", external_number="7", status=OrderStatus.NEW))
    with sqlite_engine.connect() as busy:
        busy.execute(text("SELECT 1"))
        out = db.backup(sqlite_engine, tmp_path / "b.sqlite3")
    copy = db.make_engine(f"sqlite:///{out}")
    assert db.check(copy).ok
    with db.unit_of_work(copy) as s:
        assert s.scalars(select(Order.external_number)).all() == ["7"]


def test_backup_of_postgresql_says_how(pg_url: str) -> None:
    with pytest.raises(DatabaseProblem, match="pg_dump"):
        db.backup(db.make_engine(pg_url))


def test_check_reports_an_empty_database(tmp_path: Path) -> None:
    report = db.check(db.make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}"))
    assert not report.ok
    assert "packdesk db upgrade" in report.problems[0]


def test_read_only_database_gives_plain_words(sqlite_url: str) -> None:
    path = sqlite_url.removeprefix("sqlite:///")
    read_only = db.make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert db.sqlite_path(read_only) == Path(path)  # (no folder "file:" made for it)
    with pytest.raises(DatabaseProblem, match="read-only"), db.unit_of_work(read_only) as s:
        s.add(Order(channel="web", external_number="8", status=OrderStatus.NEW))
    with db.unit_of_work(db.make_engine(sqlite_url)) as s:
        assert s.scalar(select(Order.id)) is None


def test_locked_database_gives_plain_words(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    path = sqlite_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        engine = db.make_engine(sqlite_url)
        with pytest.raises(DatabaseProblem, match="locked"), db.unit_of_work(engine) as s:
            s.add(Order(channel="web", external_number="9", status=OrderStatus.NEW))
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_unsupported_url_is_refused() -> None:
    with pytest.raises(DatabaseProblem, match="Unsupported database"):
        db.make_engine("mysql://x@y/z")
    with pytest.raises(DatabaseProblem, match="Not a database URL"):
        db.make_engine("::nonsense::")


def test_reads_do_not_wait_behind_a_writer(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    engine = db.make_engine(sqlite_url)
    with db.unit_of_work(engine) as s:
        s.add(Order(channel="web", external_number="10", status=OrderStatus.NEW))
    writer = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # e.g. a long import holding the write lock
    try:
        with db.unit_of_work(engine, read_only=True) as s:
            assert s.scalars(select(Order.external_number)).all() == ["10"]
        with pytest.raises(DatabaseProblem, match="locked"), db.unit_of_work(engine) as s:
            s.scalar(select(Order.id))
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_migrations_match_the_models(engine: Engine) -> None:
    """A model change without an Alembic revision fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from app.models import Base

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_upgrade_to_0005_keeps_print_jobs_and_reprints(engine: Engine) -> None:
    """An existing database gets the printers' lease and the "interrupted" status; on
    SQLite the jobs table is copied, and a reprint refers to its original."""
    command.downgrade(db.alembic_config(engine), "0004")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO printers (id, name, uri, language, dpi, options) "
                "VALUES (1, 'zebra', 'tcp://127.0.0.1:9100', 'zpl', 203, '{}')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO print_jobs (id, printer_id, document, format, status, attempts, "
                "reprint_of_id) VALUES (1, 1, 'waybill', 'zpl', 'done', 1, NULL), "
                "(2, 1, 'waybill', 'zpl', 'sending', 1, 1)"
            )
        )
    result = db.upgrade(engine, backup_first=False)
    assert (result.from_revision, result.to_revision) == ("0004", db.head_revision())
    assert db.check(engine).ok
    with engine.begin() as conn:
        conn.execute(text("UPDATE print_jobs SET status = 'interrupted' WHERE id = 2"))
        rows = conn.execute(text("SELECT id, status, reprint_of_id FROM print_jobs ORDER BY id"))
        assert rows.all() == [(1, "done", None), (2, "interrupted", 1)]
        lease = conn.execute(text("SELECT lease_holder, lease_expires_at FROM printers"))
        assert lease.all() == [(None, None)]
    with pytest.raises(IntegrityError, match=r"(?i)check"), engine.begin() as conn:
        conn.execute(text("UPDATE print_jobs SET status = 'lost' WHERE id = 2"))
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_upgrade_to_0006_gives_older_scans_nothing_more_to_undo(engine: Engine) -> None:
    """Scans logged before 0006 marked nothing short and began no parcel UNDO can
    take back; down and up again keeps them."""
    command.downgrade(db.alembic_config(engine), "0005")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO scan_events (id, scan_uid, at, raw_input, outcome, units, manual) "
                "VALUES (1, 'u1', '2026-12-01 10:00:00', 'LID', 'accepted', 1, false)"
            )
        )
    db.upgrade(engine, backup_first=False)
    with engine.connect() as conn:
        undoable = conn.execute(text("SELECT units, short_units, began_parcel FROM scan_events"))
        assert undoable.all() == [(1, 0, None)]
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    command.downgrade(db.alembic_config(engine), "0005")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT scan_uid FROM scan_events")).scalars().all() == ["u1"]
    db.upgrade(engine, backup_first=False)


def test_upgrade_to_0007_keeps_older_tallies_and_down_again_merges_counters(
    engine: Engine,
) -> None:
    """Tallies kept per quarter hour and user stay whole, at counter 0; going back,
    a user's tallies at several counters become one."""
    command.downgrade(db.alembic_config(engine), "0006")
    period = "'2026-12-04 10:00:00'"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO scan_tallies (period, user_id, scans, rejected, manual, items) "
                f"VALUES ({period}, 7, 10, 1, 0, 9)"
            )
        )
    db.upgrade(engine, backup_first=False)
    tallies = "SELECT user_id, station_id, scans, items FROM scan_tallies ORDER BY station_id"
    with engine.begin() as conn:
        assert conn.execute(text(tallies)).all() == [(7, 0, 10, 9)]
        conn.execute(
            text(
                "INSERT INTO scan_tallies "
                "(period, user_id, station_id, scans, rejected, manual, items) "
                f"VALUES ({period}, 7, 3, 5, 0, 0, 5)"
            )
        )
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    command.downgrade(db.alembic_config(engine), "0006")
    with engine.connect() as conn:
        merged = "SELECT user_id, scans, rejected, items FROM scan_tallies"
        assert conn.execute(text(merged)).all() == [(7, 15, 1, 14)]
    db.upgrade(engine, backup_first=False)


@pytest.mark.parametrize("held", [0.02, 0.2])  # within the fine-stepped wait, and past it
def test_a_writer_waits_for_another_programs_write(sqlite_url: str, held: float) -> None:
    engine = db.make_engine(sqlite_url)
    other = sqlite3.connect(
        sqlite_url.removeprefix("sqlite:///"), isolation_level=None, check_same_thread=False
    )
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO stations (name) VALUES ('other')")
    timer = threading.Timer(held, lambda: other.execute("COMMIT"))
    timer.start()
    try:
        with db.unit_of_work(engine) as s:  # waits for the other write, then goes on
            s.add(Station(name="mine"))
        with db.unit_of_work(engine, read_only=True) as s:
            assert sorted(s.scalars(select(Station.name))) == ["mine", "other"]
            conn = s.connection()
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS
    finally:
        timer.join()
        other.close()


def test_a_program_can_leave_checkpoints_to_another(sqlite_url: str) -> None:
    engine = db.make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    db.defer_checkpoints(engine)
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
        assert pages == db.DEFERRED_CHECKPOINT_PAGES
    other = db.make_engine(sqlite_url)  # another program's connections checkpoint as before
    with other.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000


def test_a_checkpoint_copies_the_wal_into_the_database(sqlite_url: str, tmp_path: Path) -> None:
    window = db.make_engine(sqlite_url)
    db.defer_checkpoints(window)
    with db.unit_of_work(window) as s:
        s.add_all(Station(name=f"counter-{n}") for n in range(50))
    printing = db.make_engine(sqlite_url)  # the print process's own connection
    db.checkpoint(printing)
    # the database file alone, without its WAL, now holds the stations
    alone = tmp_path / "alone.sqlite3"
    shutil.copyfile(sqlite_url.removeprefix("sqlite:///"), alone)
    check = sqlite3.connect(alone)
    assert check.execute("SELECT count(*) FROM stations").fetchone()[0] == 50
    check.close()


def test_the_newest_revision_by_file_name_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config(create_engine("sqlite://")))
    assert db.head_revision() == script.get_current_head()
