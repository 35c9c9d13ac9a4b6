"""``packdesk audit verify|list``: exit status, where a break is, filters, export."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app import db
from app.cli import main
from app.db import unit_of_work
from app.models import AuditEvent, Order, OrderStatus, User

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _fill(url: str) -> None:
    engine = db.make_engine(url)
    with unit_of_work(engine) as s:
        user = User(name='=HYPERLINK("http://x","y")', badge="B-1", role="lead")
        order = Order(channel="web", external_number="W-1", status=OrderStatus.READY)
        s.add_all([user, order])
        s.flush()
        for i, action in enumerate(["order.hold", "order.release", "user.add"]):
            s.add(
                AuditEvent(
                    at=T0 + timedelta(hours=i),
                    user_id=user.id,
                    action=action,
                    entity="order" if action.startswith("order") else "user",
                    entity_id=order.id if action.startswith("order") else user.id,
                    details={"reason": "-2+3"},
                )
            )
    engine.dispose()


def test_verify_says_ok_then_where_it_broke(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(db_url)
    assert main(["audit", "verify", "--db", db_url]) == 0
    assert "audit ok: 3 events in 1 chains" in capsys.readouterr().out
    engine = db.make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET details = '{}' WHERE seq = 2"))
    engine.dispose()
    assert main(["audit", "verify", "--db", db_url]) == 1
    out = capsys.readouterr().out
    assert "chain central: #2 (id " in out and "changed" in out and "BROKEN: 1 breaks" in out
    assert main(["audit", "verify", "--json", "--db", db_url]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(b["chain"], b["seq"], b["kind"]) for b in report["breaks"]] == [
        ("central", 2, "changed")
    ]


def test_list_filters_by_order_user_action_and_time(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(sqlite_url)

    def listed(*options: str) -> list[str]:
        assert main(["audit", "list", "--json", "--db", sqlite_url, *options]) == 0
        return [e["action"] for e in json.loads(capsys.readouterr().out)]

    assert listed() == ["order.hold", "order.release", "user.add"]
    assert listed("--order", "W-1") == ["order.hold", "order.release"]
    assert listed("--action", "order") == ["order.hold", "order.release"]
    assert listed("--action", "order.release") == ["order.release"]
    assert listed("--user", '=hyperlink("http://x","y")') == listed()
    assert listed("--user", "nobody") == []
    assert listed("--since", "2026-03-02T09:30:00Z") == ["user.add"]
    assert listed("--limit", "1") == ["user.add"]
    assert main(["audit", "list", "--since", "soon", "--db", sqlite_url]) == 2


def test_the_csv_export_runs_no_formula(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(sqlite_url)
    out = tmp_path / "audit.csv"
    assert main(["audit", "list", "--csv", str(out), "--db", sqlite_url]) == 0
    assert "wrote 3 events" in capsys.readouterr().out
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["id", "chain", "seq"]
    assert {r[4] for r in rows[1:]} == {'\'=HYPERLINK("http://x","y")'}
    assert rows[1][3] == "2026-03-02 16:00:00+08:00"  # the warehouse's time (the tests')
