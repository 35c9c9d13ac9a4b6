"""Migration 0022 on SQLite and PostgreSQL: a badge recorded in clear before 0018 (a
loader's badge scanned as a label at the dock, a badge scanned at a counter before
its user was added) becomes its mark; the scans that undid others name them; the
chains holding the rows changed are sealed again, an ``audit.resealed`` event says
so, and going down and up again changes nothing more."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import Engine, select, text

from app import credentials, db, users
from app.audit.stored import reseal_changed
from app.audit.tables import SCANS
from app.audit.verify import verify
from app.db import unit_of_work
from app.models import AuditEvent, ScanEvent
from tests.app.packing.conftest import CUP_EAN, Floor, add_order, floor, station
from tests.app.test_credentials_migration import PAT, _everything, _people_at_0017

__all__ = ["floor"]

LATE = "BADGE-LATE-9090"  # scanned at a counter before its user was added


def _plant_before_0018(engine: Engine) -> None:
    """As 0017 wrote them: Pat's badge scanned as a label at the dock, and a badge
    scanned at a counter whose user does not exist yet."""
    _people_at_0017(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_events (at, user_id, action, details) VALUES "
                "('2026-12-01 10:00:00', 2, 'dock.refused', :details)"
            ),
            {"details": json.dumps({"outcome": "unknown", "code": PAT, "carrier": "SF"})},
        )
        conn.execute(
            text(
                "INSERT INTO scan_events (scan_uid, at, station_id, user_id, raw_input, code, "
                "outcome, units, manual, message) VALUES ('u9', '2026-12-01 10:01:00', 1, 1, "
                f"'{LATE}', '{LATE}', 'unknown_code', 0, false, 'Unknown code {LATE}.')"
            )
        )


def _resealed(engine: Engine) -> list[dict[str, object]]:
    with unit_of_work(engine, read_only=True) as s:
        found = s.scalars(select(AuditEvent.details).where(AuditEvent.action == "audit.resealed"))
        return [dict(d or {}) for d in found]


def test_badges_in_clear_become_marks_and_the_chains_are_sealed_again(engine: Engine) -> None:
    _plant_before_0018(engine)
    command.upgrade(db.alembic_config(engine), "0021")
    assert PAT in _everything(engine) and LATE in _everything(engine)
    if engine.dialect.name == "postgresql":  # (the users were put in with their ids)
        with engine.begin() as conn:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('users', 'id'), 3)"))
    users.add_user(engine, name="Late", badge=LATE, role="packer", trusted=True)
    db.upgrade(engine, backup_first=False)
    everything = _everything(engine)
    assert PAT not in everything and LATE not in everything
    with unit_of_work(engine, read_only=True) as s:
        refused = s.scalars(select(AuditEvent).where(AuditEvent.action == "dock.refused")).one()
        assert refused.details["code"] == credentials.badge_mark(PAT)
        late = s.scalars(select(ScanEvent).where(ScanEvent.scan_uid == "u9")).one()
        assert late.code == late.raw_input == credentials.badge_mark(LATE)
        assert late.message == f"Unknown code {credentials.badge_mark(LATE)}."
    report = verify(engine)
    assert report.ok, report.breaks
    (resealed,) = _resealed(engine)
    assert resealed["by"] == "migration 0022"
    assert resealed["chains"] == {"central": refused.seq, late.chain: late.seq}
    assert resealed["why"] == ["badges scanned as labels or items replaced by their marks"]
    command.downgrade(db.alembic_config(engine), "0021")
    db.upgrade(engine, backup_first=False)  # nothing more to change: no second reseal
    assert len(_resealed(engine)) == 1
    assert verify(engine).ok


def test_the_scans_that_undid_others_name_them(floor: Floor) -> None:
    """Scans undone as before (their undoers naming nothing): verify says so; 0022
    names them, seals the scan chain again, and verify is clean."""
    engine = floor.engine
    add_order(engine, "A1", {"CUP-500": 4})
    add_order(engine, "B1", {"CUP-500": 1})
    one = station(floor, "counter-1")
    for raw in ("A1", CUP_EAN, CUP_EAN, "CMD:UNDO", "B1", "B1"):
        one.scan(raw)
    one.close_connection()
    with engine.begin() as conn:  # as the scans were written before they named them
        undoers = conn.execute(
            text("SELECT DISTINCT undone_by_id FROM scan_events WHERE undone_by_id IS NOT NULL")
        ).scalars()
        ids = sorted(undoers)
        for key in ids:
            conn.execute(text(f"UPDATE scan_events SET answer = NULL WHERE id = {key}"))
        reseal_changed(conn, SCANS, ids)
    assert len(ids) == 2
    assert {b.kind for b in verify(engine).breaks} == {"undone"}
    command.downgrade(db.alembic_config(engine), "0021")
    db.upgrade(engine, backup_first=False)
    report = verify(engine)
    assert report.ok, report.breaks
    with unit_of_work(engine, read_only=True) as s:
        for key in ids:
            undid = s.get_one(ScanEvent, key).answer["undid"]  # type: ignore[index]
            marked = s.scalars(select(ScanEvent.id).where(ScanEvent.undone_by_id == key))
            assert undid == list(marked)
    (resealed,) = _resealed(engine)
    assert resealed["why"] == ["undone scans named by the scans that undid them"]
