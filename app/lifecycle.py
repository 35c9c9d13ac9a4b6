"""The order state machine: one table of legal transitions, one function to move.

    new -> ready -> packing -> packed -> shipped
    on_hold and cancelled to the side (on_hold -> packed: shipped short, with the
    supervisor's reason).

Every transition writes a history row (from, to, UTC time, user, station, reason);
an illegal one raises ``IllegalTransition`` and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Insert,
    Integer,
    Update,
    bindparam,
    exists,
    func,
    insert,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.selectable import CTE

from app.audit import tables as chained
from app.audit.chain import LINK, seal_row
from app.dbclock import db_now
from app.errors import IllegalTransition
from app.models import Order, OrderHistory, OrderStatus

S = OrderStatus

TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.NEW: frozenset({S.READY, S.ON_HOLD, S.CANCELLED}),
    S.READY: frozenset({S.PACKING, S.NEW, S.ON_HOLD, S.CANCELLED}),
    # packing -> ready: the claim is released, the progress is kept
    S.PACKING: frozenset({S.PACKED, S.READY, S.ON_HOLD, S.CANCELLED}),
    # packed -> packing: reopened before shipping (a reason is required)
    S.PACKED: frozenset({S.SHIPPED, S.PACKING, S.ON_HOLD, S.CANCELLED}),
    # on_hold -> packed: a short order a supervisor lets ship without its missing items
    S.ON_HOLD: frozenset({S.NEW, S.READY, S.PACKED, S.CANCELLED}),
    S.SHIPPED: frozenset(),
    S.CANCELLED: frozenset(),
}

#: States in which an order's content may still be replaced by a re-import.
EDITABLE = frozenset({S.NEW, S.READY, S.ON_HOLD})
#: States a packer may open an order in.
PACKABLE = frozenset({S.READY, S.PACKING})
#: Transitions that need a reason from the person who asks for them.
NEEDS_REASON = frozenset({(S.PACKED, S.PACKING), (S.ON_HOLD, S.PACKED)}) | {
    (source, target) for source in S for target in (S.ON_HOLD, S.CANCELLED)
}


def can_transition(from_status: OrderStatus, to_status: OrderStatus) -> bool:
    return to_status in TRANSITIONS[from_status]


def transition(
    session: Session,
    order: Order,
    to_status: OrderStatus,
    *,
    user_id: int | None = None,
    station_id: int | None = None,
    reason: str | None = None,
    at: datetime | None = None,
) -> OrderHistory:
    """Move ``order`` to ``to_status`` and record it; raises ``IllegalTransition``.

    The history's time is the database server's (a station's clock may be off)."""
    row = move(
        order,
        to_status,
        at if at is not None else db_now(session),
        user_id=user_id,
        station_id=station_id,
        reason=reason,
    )
    entry = OrderHistory(**row)
    session.add(entry)
    return entry


def move(
    order: Order,
    to_status: OrderStatus,
    at: datetime,
    *,
    user_id: int | None = None,
    station_id: int | None = None,
    reason: str | None = None,
) -> dict[str, object]:
    """``transition`` but its history row, given back to be written by the caller
    (an import writes all its rows at its end: ``app.importing.upsert``)."""
    from_status = OrderStatus(order.status)
    _check(order.external_number, from_status, to_status, reason)
    order.status = to_status
    if to_status not in (S.PACKING,):
        order.claimed_by_station_id = None
        order.claimed_by_user_id = None
        order.claimed_at = None
    return history_row(
        order.id, from_status, to_status, at, user_id=user_id, station_id=station_id, reason=reason
    )


def history_row(
    order_id: int,
    from_status: OrderStatus | None,
    to_status: OrderStatus,
    at: datetime,
    *,
    user_id: int | None = None,
    station_id: int | None = None,
    reason: str | None = None,
) -> dict[str, object]:
    """One move of an order, as its history row's columns (for the ORM or an INSERT)."""
    return {
        "order_id": order_id,
        "from_status": from_status.value if from_status is not None else None,
        "to_status": to_status.value,
        "at": at,
        "user_id": user_id,
        "station_id": station_id,
        "reason": reason,
    }


def _check(
    number: str, from_status: OrderStatus, to_status: OrderStatus, reason: str | None
) -> None:
    if not can_transition(from_status, to_status):
        raise IllegalTransition(number, from_status.value, to_status.value)
    if (from_status, to_status) in NEEDS_REASON and not (reason and reason.strip()):
        raise IllegalTransition(number, from_status.value, to_status.value, needs_reason=True)


def _update_locked(**values: Any) -> Update:
    """An UPDATE of an order its caller holds under its row lock, checked against the
    version read under it; it moves the version on and sets the claim."""
    return (
        update(Order)
        .where(Order.id == bindparam("move_order"), Order.version == bindparam("move_seen"))
        .values(
            version=Order.version + 1,
            updated_at=func.current_timestamp(),
            claimed_by_station_id=bindparam("move_station", type_=Integer),
            claimed_by_user_id=bindparam("move_user", type_=Integer),
            claimed_at=bindparam("move_at", type_=Order.__table__.c.claimed_at.type),
            **values,
        )
    )


# built once: the packing engine opens and closes the order it holds locked, without
# loading it; the claim is the station's while packing, nobody's otherwise
_MOVE_LOCKED = _update_locked(status=bindparam("move_to", type_=Order.__table__.c.status.type))
_CLAIM_LOCKED = _update_locked().where(Order.status == S.PACKING)
_RECORD = insert(OrderHistory)
# on PostgreSQL the move and its history row go in one round trip: the UPDATE as a
# data-modifying CTE, the history row inserted, as the next link of its chain
# (``app.audit.tables``), only if it moved the order
_HISTORY_COLUMNS = [c for c in OrderHistory.__table__.c if not c.primary_key and c.name not in LINK]
_MOVED = _MOVE_LOCKED.returning(Order.id).cte("moved")


def move_and_record_pg(head: Callable[[ColumnElement[bool] | None], CTE]) -> Insert:
    """The move and its history row in one statement, the row's link made by
    ``head`` (the benchmark builds it with one that does not chain)."""
    moved = head(exists(select(_MOVED.c.id)))
    return (
        insert(OrderHistory)
        .from_select(
            [c.name for c in _HISTORY_COLUMNS] + list(LINK),
            select(
                *(
                    _MOVED.c.id if c.name == "order_id" else bindparam(c.name, type_=c.type)
                    for c in _HISTORY_COLUMNS
                ),
                *(moved.c[name] for name in LINK),
            ).select_from(_MOVED.join(moved, true())),  # (one row each, or none)
        )
        .add_cte(_MOVED, moved)
        .execution_options(preserve_rowcount=True)  # an INSERT's rowcount is kept only if asked
    )


_MOVE_AND_RECORD_PG = move_and_record_pg(chained.head)


def transition_locked(
    conn: Connection,
    order_id: int,
    number: str,
    from_status: OrderStatus,
    to_status: OrderStatus,
    *,
    seen_version: int,
    at: datetime,
    user_id: int | None = None,
    station_id: int | None = None,
    reason: str | None = None,
) -> None:
    """``transition`` for an order the caller holds under its row lock and has not
    loaded (no ORM object; one statement on PostgreSQL, two on SQLite): its status as
    read under the lock, and the version it is at now; raises ``StaleDataError`` if it
    moved meanwhile. Unlike ``transition`` (whose caller sets the claim), a move into
    packing claims the order for ``station_id`` and ``user_id``; any other move drops
    the claim."""
    _check(number, from_status, to_status, reason)
    claimed = to_status is S.PACKING
    move = {
        "move_to": to_status,
        "move_station": station_id if claimed else None,
        "move_user": user_id if claimed else None,
        "move_at": at if claimed else None,
    }
    row = history_row(
        order_id, from_status, to_status, at, user_id=user_id, station_id=station_id, reason=reason
    )
    if conn.dialect.name == "postgresql":
        linked = chained.link_params(chained.HISTORY, conn.dialect, row)
        del row["order_id"]  # the moved order's, or none when it did not move
        _run_locked(conn, _MOVE_AND_RECORD_PG, order_id, seen_version, **move, **row, **linked)
    else:
        _run_locked(conn, _MOVE_LOCKED, order_id, seen_version, **move)
        conn.execute(_RECORD, row | seal_row(conn, chained.HISTORY, row))


def claim_locked(
    conn: Connection,
    order_id: int,
    *,
    seen_version: int,
    at: datetime,
    user_id: int | None,
    station_id: int,
) -> None:
    """Claim a packing order the caller holds under its row lock for ``station_id``
    and ``user_id`` (the same station resuming it, or one taking an order nobody
    holds): no move, so no history row. Raises ``StaleDataError`` if the order moved
    meanwhile or is not packing."""
    _run_locked(
        conn,
        _CLAIM_LOCKED,
        order_id,
        seen_version,
        move_station=station_id,
        move_user=user_id,
        move_at=at,
    )


def _run_locked(
    conn: Connection,
    statement: Update | Insert,
    order_id: int,
    seen_version: int,
    **values: Any,
) -> None:
    params = {"move_order": order_id, "move_seen": seen_version, **values}
    if conn.execute(statement, params).rowcount != 1:
        raise StaleDataError(f"order {order_id} is no longer at version {seen_version}")


def touch(order: Order) -> None:
    """Mark an order changed when only its lines, parcels or claim changed, so its
    ``updated_at`` and ``version`` move and the board's refresh picks it up."""
    order.updated_at = func.current_timestamp()


# built once: the packing engine touches the order it holds locked on every accepted scan
TOUCH_LOCKED = (
    update(Order)
    .where(Order.id == bindparam("touch_order"), Order.version == bindparam("touch_seen"))
    .values(version=Order.version + 1, updated_at=func.current_timestamp())
)


def touch_locked(conn: Connection, order_id: int, seen_version: int) -> None:
    """``touch`` for an order that is not loaded: one UPDATE of its ``updated_at`` and
    ``version``, checked against the version read under the caller's row lock (as the
    ORM's version check does); raises ``StaleDataError`` if the order moved meanwhile."""
    if (
        conn.execute(TOUCH_LOCKED, {"touch_order": order_id, "touch_seen": seen_version}).rowcount
        != 1
    ):
        raise StaleDataError(
            f"order {order_id} is no longer at version {seen_version}; it changed meanwhile"
        )


def record_creation(
    order_id: int, status: OrderStatus, at: datetime, reason: str, user_id: int | None = None
) -> dict[str, object]:
    """The history row for an order's birth (from nothing), as a bulk-insert dict."""
    return history_row(order_id, None, status, at, reason=reason, user_id=user_id)


def status_before_hold(session: Session, order_id: int) -> OrderStatus:
    """Where a held order goes back to when released: the state it was held from,
    except that an order held while packing goes back to ``ready`` (claim dropped)."""
    last = session.scalar(
        select(OrderHistory.from_status)
        .where(OrderHistory.order_id == order_id, OrderHistory.to_status == S.ON_HOLD.value)
        .order_by(OrderHistory.id.desc())
        .limit(1)
    )
    if last == S.NEW.value:
        return S.NEW
    return S.READY
