"""Statements run on the driver's cursor bind, answer and fail as SQLAlchemy would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from app import db
from app.db import StandingConnection, autocommitting, unit_of_work
from app.direct_sql import DirectStatement
from app.errors import DatabaseProblem
from app.models import AuditEvent, Order, OrderStatus, User

_EVENT = DirectStatement(
    insert(AuditEvent)
    .values(
        at=bindparam("at", type_=AuditEvent.at.type),
        action=bindparam("action"),
        details={},
        chain="test",  # (a row of a table with a time column; no link of a chain)
        seq=1,
        prev_hash="",
        hash="",
    )
    .returning(AuditEvent.id)
)
_USERS = select(User.id, User.name, User.active).where(User.role == bindparam("role"))


def test_rows_are_sqlalchemys_rows(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        s.add_all(
            [
                User(name="Packer Li", badge="B-1", role="packer"),
                User(name="李雷", badge="B-2", role="packer", active=False),
                User(name="Sup Wang", badge="S-1", role="supervisor"),
            ]
        )
    with unit_of_work(engine) as s:
        expected = [tuple(r) for r in s.execute(_USERS.order_by(User.id), {"role": "packer"})]
        direct = DirectStatement(_USERS.order_by(User.id)).rows(s.connection(), {"role": "packer"})
    assert [(name, bool(active)) for _id, name, active in direct] == [
        (name, active) for _id, name, active in expected
    ]
    assert [r[0] for r in direct] == [r[0] for r in expected]


def test_a_time_goes_through_its_column_type(engine: Engine) -> None:
    """``UTCDateTime`` stores the instant in UTC (naive on SQLite): a time in +08:00
    written directly reads back as the same instant."""
    shanghai = datetime(2026, 12, 4, 9, 30, tzinfo=timezone(timedelta(hours=8)))
    standing = StandingConnection(autocommitting(engine))
    with standing.use() as conn, conn.begin():
        ((event_id,),) = _EVENT.rows(conn, {"at": shanghai, "action": "test.direct"})
    standing.close()
    with unit_of_work(engine) as s:
        at = s.get_one(AuditEvent, event_id).at
    assert at == shanghai and at.tzinfo == UTC


def test_a_list_is_refused_at_once(engine: Engine) -> None:
    listed = DirectStatement(
        select(Order.id).where(Order.status.in_([OrderStatus.READY, OrderStatus.PACKING]))
    )
    with unit_of_work(engine) as s, pytest.raises(ValueError, match="no lists"):
        listed.rows(s.connection(), {})


def test_a_value_not_given_is_an_error_not_a_null(engine: Engine) -> None:
    with unit_of_work(engine) as s, pytest.raises(ValueError, match="role"):
        DirectStatement(_USERS).rows(s.connection(), {})


def test_a_driver_error_is_sqlalchemys_error(engine: Engine) -> None:
    add = DirectStatement(
        insert(User)
        .values(name="Packer Li", badge_hash=bindparam("badge"), role="packer", active=True)
        .returning(User.id)
    )
    with unit_of_work(engine) as s:
        add.rows(s.connection(), {"badge": "B-9"})
    with pytest.raises(IntegrityError), unit_of_work(engine) as s:
        add.rows(s.connection(), {"badge": "B-9"})  # badges are unique
    with unit_of_work(engine) as s:
        assert s.scalars(select(User.badge_hash)).all() == ["B-9"]


def test_a_connection_that_cannot_be_made_is_a_database_problem() -> None:
    """As in ``unit_of_work``: the station says the server cannot be reached."""
    engine = db.make_engine("postgresql://packdesk@127.0.0.1:1/nowhere")
    standing = StandingConnection(autocommitting(engine))
    with pytest.raises(DatabaseProblem, match=r"reach|connect"), standing.use():
        pass
    engine.dispose()
