"""Migration 0018 on SQLite and PostgreSQL with people in it: clear badges become keyed
hashes, and no badge is left in the users, the scan log, the audit, the file's bytes
or what ``users list`` prints; the demo database holds none of its badges either."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from app import credentials, db, users
from app.cli import main
from app.models import Base

PAT, SUE, OLD = "BADGE-PAT-4711", "BADGE-SUE-0815", "BADGE-OLD-2323"
BADGES = (PAT, SUE, OLD)
AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _people_at_0017(engine: Engine) -> None:
    """Users with clear badges as 0017 kept them, their sign-ins in the scan log, a
    supervisor's badge that accepted a weight, and an audit from before it left
    badges out."""
    command.downgrade(db.alembic_config(engine), "0017")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, name, badge, role, active) VALUES "
                f"(1, 'Pat', '{PAT}', 'packer', true), (2, 'Sue', '{SUE}', 'supervisor', true), "
                f"(3, 'Old', '{OLD}', 'packer', false)"
            )
        )
        conn.execute(text("INSERT INTO stations (id, name) VALUES (1, 'counter-1')"))
        conn.execute(
            text(
                "INSERT INTO scan_events (scan_uid, at, station_id, user_id, raw_input, code, "
                "outcome, units, manual, message) VALUES "
                f"('u1', '2026-12-01 09:00:00', 1, 1, '{PAT}', '{PAT}', 'login', 0, false, "
                "'Signed in: Pat.'), "
                f"('u2', '2026-12-01 09:05:00', 1, 1, ']C0{SUE}', '{SUE}', 'order_complete', "
                "0, false, 'Order W-1 complete.'), "
                f"('u3', '2026-12-01 09:06:00', 1, 1, '{OLD}', '{OLD}', 'unknown_code', 0, "
                f"false, 'Unknown code {OLD}: not an order, item or badge.'), "
                "('u4', '2026-12-01 09:07:00', 1, 1, 'LID', 'LID', 'accepted', 1, false, 'OK')"
            )
        )
        # as 0017 wrote it: a plain row (audit events are chained only from 0020 on)
        conn.execute(
            text(
                "INSERT INTO audit_events (at, action, entity, entity_id, details) VALUES "
                "(:at, 'user.add', 'user', 1, :details)"
            ),
            {
                "at": "2026-12-01 09:00:00",
                "details": json.dumps({"name": "Pat", "badge": PAT, "role": "packer"}),
            },
        )


def _everything(engine: Engine) -> str:
    """Every row of every table, as text."""
    rows = []
    with engine.connect() as conn:
        for table in inspect(conn).get_table_names():
            rows += [repr(tuple(r)) for r in conn.execute(text(f'SELECT * FROM "{table}"'))]
    return "\n".join(rows)


def test_the_upgrade_hashes_every_badge_and_leaves_none_in_clear(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    _people_at_0017(engine)
    assert PAT in _everything(engine)
    db.upgrade(engine, backup_first=False)
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
        scans = conn.execute(text("SELECT scan_uid, raw_input, code FROM scan_events")).all()
    marks = {badge: credentials.badge_mark(badge) for badge in BADGES}
    assert sorted(scans) == [
        ("u1", marks[PAT], marks[PAT]),
        ("u2", marks[SUE], marks[SUE]),
        ("u3", marks[OLD], marks[OLD]),
        ("u4", "LID", "LID"),
    ]
    everything = _everything(engine)
    assert not [badge for badge in BADGES if badge in everything]
    assert "Pat" in everything
    found = users.find_by_badge(engine, PAT)
    assert found is not None and found.name == "Pat" and not found.has_pin
    assert users.find_by_badge(engine, OLD) is None  # still disabled
    url = engine.url.render_as_string(hide_password=False)
    assert main(["users", "list", "--json", "--db", url]) == 0
    listed = capsys.readouterr().out
    assert "Sue" in listed and not [badge for badge in BADGES if badge in listed]
    path = db.sqlite_path(engine)
    if path is not None:  # and not in the file's bytes, free pages included
        engine.dispose()
        for kept in (path, Path(f"{path}-wal")):
            data = kept.read_bytes() if kept.exists() else b""
            assert not [badge for badge in BADGES if badge.encode() in data], kept


def test_going_back_keeps_the_users_with_their_hashes(engine: Engine) -> None:
    _people_at_0017(engine)
    db.upgrade(engine, backup_first=False)
    command.downgrade(db.alembic_config(engine), "0017")
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT name, badge FROM users ORDER BY id")).all()
    assert kept[0] == ("Pat", credentials.badge_hash(PAT))
    db.upgrade(engine, backup_first=False)


def test_the_demo_database_holds_none_of_its_badges(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite3"
    assert main(["demo", "--orders", "12", "--db", f"sqlite:///{path}"]) == 0
    data = path.read_bytes()
    for badge in ("P1001", "P1002", "S9001", "A9001"):
        assert badge.encode() not in data
    engine = db.make_engine(f"sqlite:///{path}")
    assert users.find_by_badge(engine, "S9001") is not None  # and every one signs in
    engine.dispose()
