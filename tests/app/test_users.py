from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app import db, users
from app.cli import main
from app.errors import PackdeskError
from app.models import AuditEvent


def test_add_and_list(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "add", "--name", "张伟", "--badge", "B-0001", "--db", db_url]) == 0
    assert (
        main(
            [
                "users",
                "add",
                "--name",
                "Sam",
                "--badge",
                "S1",
                "--role",
                "supervisor",
                "--db",
                db_url,
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["users", "list", "--json", "--db", db_url]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(u["name"], u["badge"], u["role"]) for u in listed] == [
        ("Sam", "S1", "supervisor"),
        ("张伟", "B-0001", "packer"),
    ]
    engine = db.make_engine(db_url)
    assert users.find_by_badge(engine, " B-0001 ") is not None
    assert users.find_by_badge(engine, "nobody") is None
    with db.unit_of_work(engine) as s:
        assert s.scalars(select(AuditEvent.action)).all() == ["user.add", "user.add"]


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
    assert main(["users", "add", "--name", "A", "--badge", "B1", "--db", sqlite_url]) == 0
    assert main(["users", "add", "--name", "B", "--badge", "B1", "--db", sqlite_url]) == 2
    assert "already belongs" in capsys.readouterr().err
