"""A board card: one order as the board shows it, and the one query that builds it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session, aliased

from app.board.rules import BoardRules, Timing, effective_ship_by
from app.models import Order, OrderHistory, OrderLine, OrderStatus, Station, User, UTCDateTime


@dataclass(frozen=True)
class BoardCard:
    """One order on the board; plain values only, safe to hand to any thread."""

    id: int
    number: str
    channel: str
    status: OrderStatus
    customer: str
    carrier: str | None
    priority: int
    line_count: int
    units: int
    packed_units: int
    ship_by: datetime  # as given by the import, or order time + the channel's allowance
    ship_by_given: bool  # False: derived from the allowance
    entered_state_at: datetime
    age_in_state: timedelta
    timing: Timing
    stuck: bool
    packer: str | None  # the user holding the order's claim (packing)
    station: str | None  # the station holding the claim
    claimed_at: datetime | None
    version: int  # moves on every change of the order
    updated_at: datetime
    held_because: str | None = None  # an order on hold: the reason it was held with

    @property
    def expedited(self) -> bool:
        return self.priority > 0

    @property
    def late(self) -> bool:
        return self.timing is Timing.LATE

    @property
    def at_risk(self) -> bool:
        return self.timing is Timing.AT_RISK

    @property
    def sort_key(self) -> tuple[int, datetime, int]:
        """Urgency order, the same as the board's queries: expedited first, then by
        ship-by (so late before at risk before the rest), then by id."""
        return (-self.priority, self.ship_by, self.id)


def entered_state_at() -> ColumnElement[datetime]:
    """When the order entered its current state: its newest history row to that state
    (an order without history, e.g. written by an old import, counts from creation)."""
    h = aliased(OrderHistory)
    latest = (
        select(func.max(h.at))
        .where(h.order_id == Order.id, h.to_status == Order.status)
        .correlate(Order)
        .scalar_subquery()
    )
    return func.coalesce(latest, Order.created_at, type_=UTCDateTime())


def card_select(rules: BoardRules, dialect: str) -> Select[Any]:
    """SELECT of everything a card needs; callers add WHERE, ORDER BY and LIMIT."""
    line_count = _line_scalar(func.count())
    units = _line_scalar(func.coalesce(func.sum(OrderLine.quantity), 0))
    packed = _line_scalar(func.coalesce(func.sum(OrderLine.packed), 0))
    query = (
        select(
            Order.id,
            Order.external_number,
            Order.channel,
            Order.status,
            Order.customer_name,
            Order.carrier,
            Order.priority,
            line_count.label("line_count"),
            units.label("units"),
            packed.label("packed_units"),
            effective_ship_by(rules, dialect).label("ship_by"),
            Order.ship_by.is_not(None).label("ship_by_given"),
            entered_state_at().label("entered_at"),
            User.name.label("packer"),
            Station.name.label("station"),
            Order.claimed_at,
            Order.version,
            Order.updated_at,
            _hold_reason().label("held_because"),
        )
        .select_from(Order)
        .outerjoin(User, User.id == Order.claimed_by_user_id)
        .outerjoin(Station, Station.id == Order.claimed_by_station_id)
    )
    return query


def _hold_reason() -> Any:
    """An order on hold: the reason of its newest move to on hold (by its history's
    index); None for any other order."""
    h = aliased(OrderHistory)
    newest = (
        select(h.reason)
        .where(h.order_id == Order.id, h.to_status == OrderStatus.ON_HOLD.value)
        .order_by(h.at.desc(), h.id.desc())
        .limit(1)
        .correlate(Order)
        .scalar_subquery()
    )
    return case((Order.status == OrderStatus.ON_HOLD, newest), else_=None)


def _line_scalar(aggregate: Any) -> Any:
    return (
        select(aggregate).where(OrderLine.order_id == Order.id).correlate(Order).scalar_subquery()
    )


def fetch_cards(
    s: Session, ordered_ids: Select[Any], rules: BoardRules, dialect: str, now: datetime
) -> list[BoardCard]:
    """The cards of the ids a cheap sorted, limited query picked, in its order.

    Sorting only the ids first keeps the per-card look-ups (line totals, state entry,
    claim names) to the cards actually shown, not every row the sort had to see."""
    ids = list(s.scalars(ordered_ids))
    if not ids:
        return []
    rows = s.execute(card_select(rules, dialect).where(Order.id.in_(ids))).all()
    position = {order_id: i for i, order_id in enumerate(ids)}
    return sorted(to_cards(rows, rules, now), key=lambda c: position[c.id])


def said_reason(reason: str | None) -> str | None:
    """A hold's reason as the person gave it (a supervisor's is kept as "hold: why")."""
    return reason.removeprefix("hold: ").strip() or None if reason else None


def to_cards(records: Sequence[Any], rules: BoardRules, now: datetime) -> list[BoardCard]:
    cards = []
    for r in records:
        status = OrderStatus(r.status)
        age = max(now - r.entered_at, timedelta(0))
        cards.append(
            BoardCard(
                id=r.id,
                number=r.external_number,
                channel=r.channel,
                status=status,
                customer=r.customer_name,
                carrier=r.carrier,
                priority=r.priority,
                line_count=r.line_count or 0,
                units=int(r.units or 0),
                packed_units=int(r.packed_units or 0),
                ship_by=r.ship_by,
                ship_by_given=bool(r.ship_by_given),
                entered_state_at=r.entered_at,
                age_in_state=age,
                timing=rules.timing(status, r.ship_by, now),
                stuck=rules.is_stuck(status, age),
                packer=r.packer,
                station=r.station,
                claimed_at=r.claimed_at,
                version=r.version,
                updated_at=r.updated_at,
                held_because=said_reason(r.held_because),
            )
        )
    return cards
