"""``packdesk db upgrade``, ``db restore`` and ``evidence record`` name who acts: an
admin for the database itself (once it has users; on an older schema by badge, read
as that schema keeps it), a lead for a clip recorded by hand; a refusal is one line
and recorded, what was done too."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from app import db
from app.audit.verify import verify
from app.cli import main
from tests.app.acting import add_user
from tests.app.test_acting_commands import _audit
from tests.app.test_credentials_migration import _people_at_0017

ONLY_ADMIN = "packdesk: Only an active admin or above may upgrade or restore the database"


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _people(url: str) -> None:
    add_user(url, "packer", "P-1", "Packer Pat")
    add_user(url, "admin", "A-1", "Admin An")


def test_an_upgrade_with_users_is_an_admin_s(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(engine)
    _people(url)
    assert main(["db", "upgrade", "--db", url]) == 0  # (current: nothing to do, no one asked)
    assert "already at revision" in capsys.readouterr().out
    command.downgrade(db.alembic_config(engine), "0021")
    assert main(["db", "upgrade", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith(ONLY_ADMIN) and err.count("\n") == 1
    assert main(["db", "upgrade", "--db", url, "--as", "P-1"]) == 2
    assert "Packer Pat (packer) may not upgrade" in capsys.readouterr().err
    assert db.current_revision(engine) == "0021"
    assert main(["db", "upgrade", "--db", url, "--as", "A-1"]) == 0
    assert "upgraded from 0021" in capsys.readouterr().out
    refused = _audit(url, "permission.refused")
    assert [name for name, _ in refused] == [None, "Packer Pat"]
    (upgraded,) = _audit(url, "db.upgrade")
    assert upgraded[0] == "Admin An" and upgraded[1]["from"] == "0021"
    assert verify(engine).ok


def test_an_upgrade_from_before_the_badges_were_hashed_takes_the_clear_badge(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _url(engine)
    _people_at_0017(engine)  # (Pat a packer, Sue a supervisor, with clear badges)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO users (id, name, badge, role, active) VALUES (9, 'Ada', 'AD-9', "
                 "'admin', true)")
        )  # fmt: skip
    assert main(["db", "upgrade", "--db", url, "--as", "BADGE-SUE-0815"]) == 2
    assert "Sue (supervisor) may not upgrade" in capsys.readouterr().err
    assert main(["db", "upgrade", "--db", url, "--as", "AD-9"]) == 0
    assert [name for name, _ in _audit(url, "permission.refused")] == ["Sue"]
    assert [name for name, _ in _audit(url, "db.upgrade")] == ["Ada"]
    assert verify(engine).ok  # (the refusal written plain before 0020, chained by it)


def test_a_new_database_needs_no_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    assert main(["db", "upgrade", "--db", url]) == 0
    assert "upgraded from empty" in capsys.readouterr().out


def test_a_restore_is_an_admin_s(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _people(sqlite_url)
    saved = tmp_path / "saved.sqlite3"
    assert main(["db", "backup", "--out", str(saved), "--db", sqlite_url]) == 0
    assert main(["db", "restore", str(saved), "--db", sqlite_url]) == 2
    assert capsys.readouterr().err.startswith(ONLY_ADMIN)
    assert main(["db", "restore", str(saved), "--db", sqlite_url, "--as", "P-1"]) == 2
    assert "Packer Pat (packer) may not" in capsys.readouterr().err
    assert main(["db", "restore", str(saved), "--db", sqlite_url, "--as", "A-1"]) == 0
    assert "restored" in capsys.readouterr().out
    (restored,) = _audit(sqlite_url, "db.restore")
    assert restored[0] == "Admin An" and restored[1]["file"] == str(saved)
    assert _audit(sqlite_url, "permission.refused") == []  # (they are in the database put aside)


def test_recording_an_order_by_hand_is_a_lead_s(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _people(sqlite_url)
    add_user(sqlite_url, "lead", "L-1", "Lead Lin")
    record = ["evidence", "record", "#1", "--station", "counter-9", "--db", sqlite_url]
    assert main(record) == 2
    err = capsys.readouterr().err
    assert err.startswith("packdesk: Only an active lead or above may record an order's video")
    assert main([*record, "--as", "P-1"]) == 2
    assert "Packer Pat (packer) may not record" in capsys.readouterr().err
    assert main([*record, "--as", "L-1"]) == 2  # past who acts: the station has no camera
    assert "Station counter-9 has no camera" in capsys.readouterr().err
    assert [name for name, _ in _audit(sqlite_url, "permission.refused")] == [None, "Packer Pat"]


def test_check_names_the_backup_from_before_the_badges_were_hashed(
    sqlite_engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    """The backup ``db upgrade`` takes before 0018 still holds the badges in clear:
    ``packdesk check`` says so, naming it, until it is deleted."""
    import json

    url = _url(sqlite_engine)
    _people_at_0017(sqlite_engine)
    with sqlite_engine.begin() as conn:
        conn.execute(
            text("INSERT INTO users (id, name, badge, role, active) VALUES (9, 'Ada', 'AD-9', "
                 "'admin', true)")
        )  # fmt: skip
    assert main(["db", "upgrade", "--db", url, "--as", "AD-9"]) == 0
    said = capsys.readouterr().out
    backup = Path(said.split("(backup: ")[1].rstrip(")\n"))
    assert backup.exists()
    main(["check", "--json", "--db", url])
    found = [p for p in json.loads(capsys.readouterr().out)["problems"]
             if p["kind"] == "clear_badges_in_backup"]  # fmt: skip
    assert len(found) == 1 and found[0]["message"].startswith(f"{backup} holds every user's")
    backup.unlink()
    main(["check", "--json", "--db", url])
    assert "clear_badges_in_backup" not in capsys.readouterr().out
