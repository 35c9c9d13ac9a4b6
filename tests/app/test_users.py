from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app import db, users
from app.cli import main
from app.errors import PackdeskError
from app.models import AuditEvent


def test_add_and_list(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    admin = ["users", "add", "--name", "Ada", "--badge", "A-1", "--role", "admin"]
    assert main([*admin, "--db", db_url]) == 0  # the first user: the first admin
    add = ["users", "add", "--as", "A-1", "--db", db_url]
    assert main([*add, "--name", "张伟", "--badge", "B-0001"]) == 0
    assert main([*add, "--name", "Sam", "--badge", "S1", "--role", "supervisor"]) == 0
    capsys.readouterr()
    assert main(["users", "list", "--json", "--db", db_url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed == [  # no badges: name, role, active, PIN and lock-out
        {"name": n, "role": r, "active": True, "has_pin": False, "locked": False}
        for n, r in (("Ada", "admin"), ("Sam", "supervisor"), ("张伟", "packer"))
    ]
    engine = db.make_engine(db_url)
    assert users.find_by_badge(engine, " B-0001 ") is not None
    assert users.find_by_badge(engine, "nobody") is None
    with db.unit_of_work(engine) as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [e.action for e in events] == ["user.add"] * 3
        assert [e.user_id is None for e in events] == [True, False, False]  # who added
        assert all("badge" not in e.details for e in events)  # badges stay out of it


def test_only_an_admin_manages_users_and_the_last_admin_stays(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["users", "add", "--name", "Pat", "--badge", "P-1", "--db", db_url]) == 2
    assert "add its first admin first" in capsys.readouterr().err
    assert main(["users", "add", "--name", "Ada", "--badge", "A-1", "--role", "admin",
                 "--db", db_url]) == 0  # fmt: skip
    as_admin = ["--as", "A-1", "--db", db_url]
    assert main(["users", "add", "--name", "Pat", "--badge", "P-1", *as_admin]) == 0
    assert main(["users", "add", "--name", "Eve", "--badge", "E-1", "--db", db_url]) == 2
    assert "Only an active admin or above may manage users" in capsys.readouterr().err
    assert main(["users", "add", "--name", "Eve", "--badge", "E-1", "--as", "P-1",
                 "--db", db_url]) == 2  # fmt: skip
    assert "Pat (packer) may not manage users" in capsys.readouterr().err
    assert main(["users", "set-role", "P-1", "lead", *as_admin]) == 0
    assert main(["users", "disable", "P-1", *as_admin]) == 0
    engine = db.make_engine(db_url)
    assert users.find_by_badge(engine, "P-1") is None  # a disabled badge signs in nowhere
    assert main(["users", "enable", "P-1", *as_admin]) == 0
    assert users.find_by_badge(engine, "P-1") is not None
    assert main(["users", "disable", "A-1", *as_admin]) == 2
    assert "last active admin" in capsys.readouterr().err
    assert main(["users", "set-role", "A-1", "packer", *as_admin]) == 2
    with db.unit_of_work(engine) as s:
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == [
        "user.add", "user.add", "permission.refused", "permission.refused",
        "user.role", "user.disable", "user.enable",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "badge", "role", "message"),
    [
        ("", "B1", "packer", "needs a name"),
        ("Ann", "", "packer", "badge is 1 to 64"),
        ("Ann", "B\x001", "packer", "badge is 1 to 64"),
        ("Ann", "B1", "boss", "Unknown role"),
    ],
)
def test_bad_users_are_refused(
    sqlite_url: str, name: str, badge: str, role: str, message: str
) -> None:
    engine = db.make_engine(sqlite_url)
    with pytest.raises(PackdeskError, match=message):
        users.add_user(engine, name=name, badge=badge, role=role)
    assert users.list_users(engine) == []


def test_badges_are_unique(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    first = ["users", "add", "--name", "A", "--badge", "B1", "--role", "admin"]
    assert main([*first, "--db", sqlite_url]) == 0
    again = ["users", "add", "--name", "B", "--badge", "B1", "--as", "B1"]
    assert main([*again, "--db", sqlite_url]) == 2
    assert "already belongs" in capsys.readouterr().err
