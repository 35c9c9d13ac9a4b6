"""Backups on a schedule: the newest N kept, the others removed oldest first, nothing
removed when a backup fails; when one is due; and a PostgreSQL server checked at
start, in words."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app import backups, db, server_check
from app.cli import main
from app.errors import DatabaseProblem


def _named(engine: Engine, *stamps: str) -> list[Path]:
    """Backups of ``engine``'s file as if taken at these times (YYYYMMDDTHHMMSSZ)."""
    path = db.sqlite_path(engine)
    assert path is not None
    folder = db.backups_dir()
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for stamp in stamps:
        made.append(folder / f"{path.stem}-{stamp}.sqlite3")
        db.backup(engine, made[-1])
    return made


def test_the_newest_n_are_kept_and_nothing_else_is_touched(sqlite_engine: Engine) -> None:
    old = _named(sqlite_engine, "20260102T080000Z", "20260101T080000Z", "20260102T080000Z-2")
    other = db.backups_dir() / "notes.sqlite3"
    other.write_bytes(b"not ours")
    other_db = db.backups_dir() / "other-20250101T000000Z.sqlite3"
    other_db.write_bytes(b"another database's")
    assert backups.backups_of(sqlite_engine) == [old[1], old[0], old[2]]
    assert backups.newest_backup_at(sqlite_engine) == datetime(2026, 1, 2, 8, tzinfo=UTC)
    kept = backups.back_up_keeping(sqlite_engine, 2, datetime(2026, 1, 3, 8, tzinfo=UTC))
    assert kept.removed == (old[1], old[0])
    assert backups.backups_of(sqlite_engine) == [old[2], kept.written]
    assert other.exists() and other_db.exists()


def test_a_failed_backup_removes_nothing(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _named(sqlite_engine, "20260101T080000Z", "20260102T080000Z")

    def disk_full(_path: Path, _copy: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(db, "copy_checked", disk_full)
    with pytest.raises(DatabaseProblem, match="No space left on device"):
        backups.back_up_keeping(sqlite_engine, 1)
    assert backups.backups_of(sqlite_engine) == old


def test_a_backup_is_due_when_the_newest_is_old_enough() -> None:
    now = datetime(2026, 3, 2, 12, tzinfo=UTC)
    assert backups.backup_due(None, now, 4)
    assert not backups.backup_due(now - timedelta(hours=3, minutes=59), now, 4)
    assert backups.backup_due(now - timedelta(hours=4), now, 4)
    assert not backups.backup_due(None, now, 0)  # never


def test_db_backup_keep_for_a_scheduler(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    engine = db.make_engine(sqlite_url)
    old = _named(engine, "19990101T080000Z", "19990102T080000Z")  # (before any "now")
    assert main(["db", "backup", "--keep", "2", "--db", sqlite_url]) == 0
    out = capsys.readouterr().out
    assert "removed 1 older backups (keeping the newest 2)" in out
    assert backups.backups_of(engine)[0] == old[1]
    assert stat.S_IMODE(backups.backups_of(engine)[-1].stat().st_mode) == 0o600
    with pytest.raises(SystemExit):  # (argparse's usage error)
        main(["db", "backup", "--keep", "0", "--db", sqlite_url])
    out_file = str(tmp_path / "x.sqlite3")
    assert main(["db", "backup", "--keep", "2", "--out", out_file, "--db", sqlite_url]) == 2
    assert "leave out --out" in capsys.readouterr().err
    engine.dispose()


def test_a_postgresql_server_is_checked_in_words(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = db.make_engine(pg_url)
    version = server_check.check_server(engine)
    assert version is not None and int(version.split(".")[0]) >= server_check.OLDEST_POSTGRES[0]
    missing = engine.url.set(database="packdesk_no_such_db").render_as_string(False)
    assert main(["orders", "--db", missing]) == 2
    err = capsys.readouterr().err
    assert "There is no database 'packdesk_no_such_db' on the PostgreSQL server" in err
    unreachable = engine.url.set(host="127.0.0.1", port=1).render_as_string(False)
    assert main(["orders", "--db", unreachable]) == 2
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "Traceback" not in err and err.count("\n") == 1
    monkeypatch.setattr(server_check, "OLDEST_POSTGRES", (99, "99"))
    with pytest.raises(DatabaseProblem, match="needs PostgreSQL 99 or newer"):
        server_check.check_server(engine)
    assert server_check.check_server(db.make_engine("sqlite://")) is None
    engine.dispose()
