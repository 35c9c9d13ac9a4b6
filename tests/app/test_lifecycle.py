from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm.exc import StaleDataError

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


def test_a_locked_order_moves_without_being_loaded(engine: Engine) -> None:
    order_id = _order(engine, S.PACKING)
    with unit_of_work(engine) as s:
        order = s.get_one(Order, order_id)
        order.claimed_at = datetime.now(UTC)
        seen = order.version + 1  # the flush at the end of this unit of work moves it on
    at = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
    with unit_of_work(engine) as s:
        lifecycle.transition_locked(
            s.connection(), order_id, "00042", S.PACKING, S.PACKED, seen_version=seen, at=at
        )
    with unit_of_work(engine, read_only=True) as s:
        order = s.get_one(Order, order_id)
        assert (order.status, order.version, order.claimed_at) == (S.PACKED, seen + 1, None)
        history = s.scalars(select(OrderHistory).where(OrderHistory.order_id == order_id)).all()
        assert [(h.from_status, h.to_status, h.at) for h in history] == [("packing", "packed", at)]


def test_a_locked_order_is_claimed_when_opened_and_again_when_resumed(engine: Engine) -> None:
    order_id = _order(engine, S.READY)
    with unit_of_work(engine) as s:
        station, user = Station(name="counter-1"), User(name="Li", badge="B1", role="packer")
        s.add_all([station, user])
        s.flush()
        station_id, user_id = station.id, user.id
        seen = s.get_one(Order, order_id).version
    opened = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    resumed = opened + timedelta(hours=1)
    with unit_of_work(engine) as s:
        lifecycle.transition_locked(
            s.connection(),
            order_id,
            "00042",
            S.READY,
            S.PACKING,
            seen_version=seen,
            at=opened,
            user_id=user_id,
            station_id=station_id,
            reason="opened by scan",
        )
    with unit_of_work(engine) as s:
        order = s.get_one(Order, order_id)
        claim = (order.status, order.claimed_by_station_id, order.claimed_by_user_id)
        assert claim == (S.PACKING, station_id, user_id)
        assert (order.claimed_at, order.version) == (opened, seen + 1)
        lifecycle.claim_locked(
            s.connection(),
            order_id,
            seen_version=seen + 1,
            at=resumed,
            user_id=None,
            station_id=station_id,
        )
    with unit_of_work(engine, read_only=True) as s:
        order = s.get_one(Order, order_id)
        assert (order.claimed_by_user_id, order.claimed_at) == (None, resumed)
        assert order.version == seen + 2
        history = s.scalars(select(OrderHistory).where(OrderHistory.order_id == order_id)).all()
        assert [(h.from_status, h.to_status, h.station_id) for h in history] == [
            ("ready", "packing", station_id)
        ]


def test_a_claim_never_moves_an_order_into_packing(engine: Engine) -> None:
    order_id = _order(engine, S.READY)
    with unit_of_work(engine) as s:
        station = Station(name="counter-1")
        s.add(station)
        s.flush()
        station_id, seen = station.id, s.get_one(Order, order_id).version
    with pytest.raises(StaleDataError), unit_of_work(engine) as s:
        lifecycle.claim_locked(
            s.connection(),
            order_id,
            seen_version=seen,
            at=datetime.now(UTC),
            user_id=None,
            station_id=station_id,
        )
    with unit_of_work(engine, read_only=True) as s:
        order = s.get_one(Order, order_id)
        assert (order.status, order.claimed_by_station_id, order.version) == (S.READY, None, seen)


def test_a_locked_order_refuses_illegal_or_stale_moves(engine: Engine) -> None:
    order_id = _order(engine, S.PACKING)
    with unit_of_work(engine, read_only=True) as s:
        version = s.get_one(Order, order_id).version
    now = datetime.now(UTC)
    for target, seen, error in (
        (S.SHIPPED, version, IllegalTransition),  # not from packing
        (S.ON_HOLD, version, IllegalTransition),  # not without a reason
        (S.PACKED, version - 1, StaleDataError),  # somebody moved it meanwhile
    ):
        with pytest.raises(error), unit_of_work(engine) as s:
            lifecycle.transition_locked(
                s.connection(), order_id, "00042", S.PACKING, target, seen_version=seen, at=now
            )
    with unit_of_work(engine, read_only=True) as s:
        assert s.get_one(Order, order_id).status == S.PACKING
        assert s.scalar(select(OrderHistory.id).where(OrderHistory.order_id == order_id)) is None


def test_a_stale_move_writes_no_history_row_of_its_own(engine: Engine) -> None:
    """A move that finds the order moved on writes nothing, even inside its still open
    transaction (on PostgreSQL the history row is inserted by the move's own statement,
    only if that statement moved the order)."""
    order_id = _order(engine, S.PACKING)
    with unit_of_work(engine, read_only=True) as s:
        version = s.get_one(Order, order_id).version
    with unit_of_work(engine) as s:
        with pytest.raises(StaleDataError):
            lifecycle.transition_locked(
                s.connection(),
                order_id,
                "00042",
                S.PACKING,
                S.PACKED,
                seen_version=version + 1,
                at=datetime.now(UTC),
            )
        assert s.scalar(select(OrderHistory.id).where(OrderHistory.order_id == order_id)) is None
