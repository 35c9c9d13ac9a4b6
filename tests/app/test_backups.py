"""Backups that restore: written whole or not at all, never over an existing file
unless asked, readable by their owner only, and put back with the database in use
kept aside."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from app import db
from app.backups import restore
from app.cli import main
from app.db import unit_of_work
from app.errors import DatabaseProblem
from app.models import User

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Engine:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'data' / 'packdesk.sqlite3'}")
    db.upgrade(engine)
    with unit_of_work(engine) as s:
        s.add(User(name="Packer Li", badge="B-100", role="packer"))
    return engine


def _users(engine: Engine) -> list[str]:
    with unit_of_work(engine, read_only=True) as s:
        return list(s.scalars(select(User.name).order_by(User.id)))


def _opens_alone(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone() == ("ok",) and bool(
            conn.execute("SELECT count(*) FROM users").fetchone()[0]
        )
    finally:
        conn.close()


@posix_only
def test_the_database_and_its_backups_are_the_owners_alone(
    sqlite_file: Engine, tmp_path: Path
) -> None:
    path = db.sqlite_path(sqlite_file)
    assert path is not None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    saved = db.backup(sqlite_file, tmp_path / "backups" / "one.sqlite3")
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o700
    assert _opens_alone(saved)  # one file: no WAL beside it needed
    assert not Path(f"{saved}-wal").exists()


def test_a_backup_never_replaces_a_file_unless_forced(
    sqlite_file: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = db.sqlite_path(sqlite_file)
    out = tmp_path / "keep.sqlite3"
    out.write_bytes(b"the only copy of something")
    url = f"sqlite:///{path}"
    assert main(["db", "backup", "--out", str(out), "--db", url]) == 2
    assert "exists already" in capsys.readouterr().err
    assert out.read_bytes() == b"the only copy of something"
    assert main(["db", "backup", "--out", str(out), "--force", "--db", url]) == 0
    assert _opens_alone(out)
    assert main(["db", "backup", "--out", str(tmp_path), "--db", url]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_a_backup_killed_half_way_leaves_the_last_one_and_the_database_whole(
    sqlite_file: Engine, tmp_path: Path
) -> None:
    """``kill -9`` at 20 moments spread over ``packdesk db backup --force`` writing over
    a good backup: the good backup and the live database stay whole every time, and
    what a killed copy left is never under the backup's name (the next backup clears
    it away)."""
    padding = "x" * 600
    with unit_of_work(sqlite_file) as s:  # some 40 MB: a copy that takes a while
        s.add_all(User(name=f"{n} {padding}", badge=f"T-{n}", role="packer") for n in range(60_000))
    path = db.sqlite_path(sqlite_file)
    out = tmp_path / "nightly.sqlite3"
    argv = [sys.executable, "-m", "ui.launcher", "db", "backup", "--out", str(out), "--force"]
    argv += ["--db", f"sqlite:///{path}"]
    started = time.monotonic()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    whole_run = time.monotonic() - started
    killed_mid_copy = 0
    for n in range(20):
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(whole_run * (0.3 + 0.7 * n / 19))  # from start-up to the rename
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed_mid_copy += bool(list(tmp_path.glob(".nightly.sqlite3.*.partial")))
        assert _opens_alone(out)
        assert len(_users(sqlite_file)) == 60_001
    assert killed_mid_copy  # (some of the kills did land while the copy was written)
    db.backup(sqlite_file, out, force=True)
    assert not list(tmp_path.glob(".nightly.sqlite3.*.partial"))


def test_a_restore_puts_a_backup_back_and_keeps_the_database_in_use_aside(
    sqlite_file: Engine, tmp_path: Path
) -> None:
    saved = db.backup(sqlite_file, tmp_path / "before.sqlite3")
    with unit_of_work(sqlite_file) as s:
        s.add(User(name="Added later", badge="B-200", role="packer"))
    done = restore(sqlite_file, saved)
    assert done.revision == db.head_revision()
    assert _users(sqlite_file) == ["Packer Li"]
    assert _opens_alone(done.kept_aside)
    conn = sqlite3.connect(done.kept_aside)
    assert conn.execute("SELECT count(*) FROM users").fetchone() == (2,)
    conn.close()


def test_a_restore_refuses_what_is_no_good_backup_and_changes_nothing(
    sqlite_file: Engine, tmp_path: Path
) -> None:
    torn = tmp_path / "torn.sqlite3"
    good = db.backup(sqlite_file, tmp_path / "good.sqlite3")
    torn.write_bytes(good.read_bytes()[:4096])
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all")
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    for bad, says in (
        (tmp_path / "missing.sqlite3", "no backup file"),
        (text, "no Packdesk database"),
        (torn, "nothing was restored"),
        (empty, "nothing was restored"),
    ):
        with pytest.raises(DatabaseProblem, match=says):
            restore(sqlite_file, bad)
    assert _users(sqlite_file) == ["Packer Li"]


def test_a_restore_refuses_while_a_program_writes_the_database(
    sqlite_file: Engine, tmp_path: Path
) -> None:
    saved = db.backup(sqlite_file, tmp_path / "b.sqlite3")
    path = db.sqlite_path(sqlite_file)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseProblem, match="is in use"):
            restore(sqlite_file, saved)
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_backup_from_before_a_migration_is_restored_then_brought_up_to_date(
    sqlite_file: Engine, tmp_path: Path
) -> None:
    """A backup taken at schema 0017, when badges were kept in clear: restored, it says
    its revision; opened, it is upgraded (its badges become keyed hashes, its chains
    are made) and its people sign in as before."""
    from alembic import command
    from sqlalchemy import text

    from app.audit.verify import verify
    from app.sign_in import find_by_badge

    command.downgrade(db.alembic_config(sqlite_file), "0017")
    with sqlite_file.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (name, badge, role, active) "
                "VALUES ('Old Sue', 'BADGE-SUE-0815', 'supervisor', 1)"
            )
        )
    old = db.backup(sqlite_file, tmp_path / "before-0018.sqlite3")
    db.upgrade(sqlite_file)
    with unit_of_work(sqlite_file) as s:
        s.add(User(name="Joined later", badge="B-300", role="packer"))

    done = restore(sqlite_file, old)
    assert done.revision == "0017"
    assert b"BADGE-SUE-0815" in old.read_bytes()  # (the clear badge the upgrade removes)
    upgraded = db.upgrade(sqlite_file)
    assert (upgraded.from_revision, upgraded.to_revision) == ("0017", db.head_revision())
    assert _users(sqlite_file) == ["Packer Li", "Old Sue"]
    sue = find_by_badge(sqlite_file, "BADGE-SUE-0815")
    assert sue is not None and sue.name == "Old Sue"
    assert find_by_badge(sqlite_file, "B-300") is None  # joined after the backup
    sqlite_file.dispose()
    assert b"BADGE-SUE-0815" not in db.sqlite_path(sqlite_file).read_bytes()  # type: ignore[union-attr]
    assert verify(sqlite_file).ok
