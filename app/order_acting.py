"""How each of a supervisor's actions on one order is done: a reason is asked for,
the person's role is checked (a refusal is recorded), the order is locked in one unit
of work, and what changed is returned (``ActionResult``) for the board to refresh
that one card. The actions themselves are in ``app.order_actions`` and
``app.short_shipment``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app import permissions
from app.db import unit_of_work
from app.errors import NotFound, OrderActionRefused
from app.models import Order, OrderStatus
from app.permissions import Action


@dataclass(frozen=True)
class ActionResult:
    """What an action changed, for the board to refresh that one card."""

    order_id: int
    number: str
    action: str
    status: OrderStatus  # the order's state after the action
    priority: int
    # the counter whose printers got the documents, when not the acting station (a
    # short shipment prints where its box waits)
    printed_at: str | None = None


@dataclass(frozen=True)
class Actor:
    user_id: int
    station_id: int | None
    reason: str


@contextmanager
def acting_on(
    engine: Engine,
    order_id: int,
    user_id: int,
    reason: str,
    station_id: int | None,
    action: Action,
) -> Iterator[tuple[Session, Order, Actor]]:
    """The order locked in a unit of work for ``user_id`` if their role allows
    ``action``; the order is the first thing the unit of work locks (its chain heads,
    parcels and print jobs come after it, in ``app.audit.lock_order``'s order)."""
    why = (reason or "").strip()
    if not why:
        raise OrderActionRefused(
            "Give a reason for this action; it is kept in the order's history.", "no_reason"
        )
    actor = permissions.require(
        engine, user_id, action, station_id=station_id, entity="order", entity_id=order_id
    )
    with unit_of_work(engine) as s:
        order = s.get(Order, order_id, with_for_update=True)
        if order is None:
            raise NotFound(
                f"There is no order with id {order_id}.", "order", str(order_id), by_id=True
            )
        yield s, order, Actor(actor.user_id, station_id, why[:500])


def result_of(order: Order, action: str, *, printed_at: str | None = None) -> ActionResult:
    """What ``action`` left the order as."""
    return ActionResult(
        order.id,
        order.external_number,
        action,
        OrderStatus(order.status),
        order.priority,
        printed_at,
    )
