from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, select

from app import lifecycle
from app.db import unit_of_work
from app.errors import IllegalTransition
from app.models import Order, OrderHistory, OrderStatus, Station, User

S = OrderStatus


def _order(engine: Engine, status: OrderStatus = S.NEW) -> int:
    with unit_of_work(engine) as s:
        order = Order(channel="web", external_number="00042", status=status)
        s.add(order)
        s.flush()
        return order.id


def test_every_state_is_in_the_table() -> None:
    assert set(lifecycle.TRANSITIONS) == set(OrderStatus)
    for targets in lifecycle.TRANSITIONS.values():
        assert targets <= set(OrderStatus)


def test_happy_path_writes_history(engine: Engine) -> None:
    order_id = _order(engine)
    with unit_of_work(engine) as s:
        user = User(name="Li Wei 李伟", badge="B001", role="packer")
        station = Station(name="counter-1")
        s.add_all([user, station])
        s.flush()
        ids = (user.id, station.id)
    for target in (S.READY, S.PACKING, S.PACKED, S.SHIPPED):
        with unit_of_work(engine) as s:
            order = s.get_one(Order, order_id)
            lifecycle.transition(s, order, target, user_id=ids[0], station_id=ids[1])
    with unit_of_work(engine) as s:
        rows = s.scalars(select(OrderHistory).order_by(OrderHistory.id)).all()
        assert [(r.from_status, r.to_status) for r in rows] == [
            ("new", "ready"),
            ("ready", "packing"),
            ("packing", "packed"),
            ("packed", "shipped"),
        ]
        assert all(r.at.tzinfo is UTC for r in rows)
        assert all((r.user_id, r.station_id) == ids for r in rows)
        assert s.get_one(Order, order_id).status == S.SHIPPED


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.NEW, S.PACKED),
        (S.SHIPPED, S.READY),
        (S.CANCELLED, S.READY),
        (S.NEW, S.SHIPPED),
        (S.READY, S.PACKED),
    ],
)
def test_illegal_transition_raises_and_changes_nothing(
    sqlite_engine: Engine, start: OrderStatus, target: OrderStatus
) -> None:
    order_id = _order(sqlite_engine, start)
    with pytest.raises(IllegalTransition, match="cannot go from"), unit_of_work(sqlite_engine) as s:
        lifecycle.transition(s, s.get_one(Order, order_id), target)
    with unit_of_work(sqlite_engine) as s:
        assert s.get_one(Order, order_id).status == start
        assert s.scalar(select(OrderHistory.id)) is None


def test_hold_and_cancel_need_a_reason(sqlite_engine: Engine) -> None:
    order_id = _order(sqlite_engine, S.READY)
    with (
        pytest.raises(IllegalTransition, match="without a reason"),
        unit_of_work(sqlite_engine) as s,
    ):
        lifecycle.transition(s, s.get_one(Order, order_id), S.ON_HOLD, reason="  ")
    with unit_of_work(sqlite_engine) as s:
        lifecycle.transition(s, s.get_one(Order, order_id), S.ON_HOLD, reason="address check")
    with unit_of_work(sqlite_engine) as s:
        assert lifecycle.status_before_hold(s, order_id) == S.READY


def test_times_are_stored_as_utc(engine: Engine) -> None:
    shanghai = timezone(timedelta(hours=8))
    ship_by = datetime(2026, 1, 15, 22, 0, tzinfo=shanghai)
    with unit_of_work(engine) as s:
        order = Order(channel="web", external_number="A1", status=S.NEW, ship_by=ship_by)
        s.add(order)
    with unit_of_work(engine) as s:
        stored = s.scalars(select(Order.ship_by)).one()
    assert stored == datetime(2026, 1, 15, 14, 0, tzinfo=UTC)
    assert stored.tzinfo is UTC


def test_naive_datetime_is_refused(sqlite_engine: Engine) -> None:
    with pytest.raises(Exception, match="naive"), unit_of_work(sqlite_engine) as s:
        s.add(
            Order(
                channel="web",
                external_number="A2",
                status=S.NEW,
                ship_by=datetime(2026, 1, 15, 14, 0),
            )
        )
