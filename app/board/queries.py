"""The board's reads: columns of cards by urgency, the paged table, stuck alerts.

Each function is one read-only unit of work and takes "now" from the database
server, never from this station's clock.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, case, func, select
from sqlalchemy.orm import Session

from app.board.cards import BoardCard, card_select, entered_state_at, fetch_cards, to_cards
from app.board.changes import Watermark, start_watermark
from app.board.filters import BoardFilter, stuck_clause, where_clause
from app.board.rules import (
    CLOSED_STATES,
    BoardRules,
    effective_ship_by,
    rules_from_settings,
    urgency,
)
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import Order, OrderStatus

CARDS_PER_COLUMN = 200
PAGE_MAX = 1000


@dataclass(frozen=True)
class BoardColumn:
    status: OrderStatus
    count: int  # all orders of this state that match the filter
    late: int
    at_risk: int
    cards: tuple[BoardCard, ...]  # the most urgent ``cards_per_column`` of them


@dataclass(frozen=True)
class BoardSnapshot:
    now: datetime  # the database server's time of this read
    columns: tuple[BoardColumn, ...]
    watermark: Watermark  # hand to ``changes_since`` for the next refresh

    def column(self, status: OrderStatus) -> BoardColumn:
        return next(c for c in self.columns if c.status is status)


class SortKey(enum.StrEnum):
    URGENCY = "urgency"
    NUMBER = "number"
    CUSTOMER = "customer"
    CARRIER = "carrier"
    STATUS = "status"
    SHIP_BY = "ship_by"
    AGE = "age"  # time in the current state
    UPDATED = "updated"


@dataclass(frozen=True)
class TablePage:
    now: datetime
    total: int  # rows matching the filter, over all pages
    offset: int
    rows: tuple[BoardCard, ...]


def load_board(
    engine: Engine,
    flt: BoardFilter | None = None,
    *,
    rules: BoardRules | None = None,
    cards_per_column: int = CARDS_PER_COLUMN,
) -> BoardSnapshot:
    """Every wanted state's count and its most urgent cards (the board's first paint)."""
    flt = flt or BoardFilter()
    rules = rules or rules_from_settings()
    dialect = engine.dialect.name
    with unit_of_work(engine, read_only=True) as s:
        watermark = start_watermark(s)
        now = watermark.now
        where = where_clause(flt, rules, dialect, now)
        counts = _counts(s, where, rules, dialect, now)
        columns = []
        for status in flt.wanted_states:
            count, late, at_risk = counts.get(status, (0, 0, 0))
            cards: list[BoardCard] = []
            if count and cards_per_column > 0:
                ids = (
                    select(Order.id)
                    .where(where, Order.status == status)
                    .order_by(*urgency(rules, dialect))
                    .limit(cards_per_column)
                )
                cards = fetch_cards(s, ids, rules, dialect, now)
            columns.append(BoardColumn(status, count, late, at_risk, tuple(cards)))
    return BoardSnapshot(now, tuple(columns), watermark)


def _counts(
    s: Session, where: Any, rules: BoardRules, dialect: str, now: datetime
) -> dict[OrderStatus, tuple[int, int, int]]:
    ship_by = effective_ship_by(rules, dialect)
    open_ = Order.status.not_in(sorted(CLOSED_STATES))
    late = func.sum(case((open_ & (ship_by < now), 1), else_=0))
    at_risk = func.sum(
        case((open_ & (ship_by >= now) & (ship_by < now + rules.at_risk), 1), else_=0)
    )
    query = select(Order.status, func.count(), late, at_risk).where(where).group_by(Order.status)
    return {
        OrderStatus(st): (int(n), int(lt or 0), int(ar or 0)) for st, n, lt, ar in s.execute(query)
    }


def count_by_state(
    engine: Engine, flt: BoardFilter | None = None, *, rules: BoardRules | None = None
) -> dict[OrderStatus, int]:
    """How many orders match the filter in each wanted state (0 included)."""
    flt = flt or BoardFilter()
    rules = rules or rules_from_settings()
    with unit_of_work(engine, read_only=True) as s:
        now = db_now(s)
        where = where_clause(flt, rules, engine.dialect.name, now)
        found = dict(
            s.execute(select(Order.status, func.count()).where(where).group_by(Order.status)).all()
        )
    return {st: int(found.get(st, 0)) for st in flt.wanted_states}


def table_page(
    engine: Engine,
    flt: BoardFilter | None = None,
    *,
    sort: SortKey = SortKey.URGENCY,
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
    rules: BoardRules | None = None,
) -> TablePage:
    """One page of the board's table (limit/offset), sorted and filtered."""
    if not 0 < limit <= PAGE_MAX or offset < 0:
        raise PackdeskError(f"A page holds 1 to {PAGE_MAX} rows from offset 0 or more.")
    flt = flt or BoardFilter()
    rules = rules or rules_from_settings()
    dialect = engine.dialect.name
    with unit_of_work(engine, read_only=True) as s:
        now = db_now(s)
        where = where_clause(flt, rules, dialect, now)
        total = int(s.scalar(select(func.count()).select_from(Order).where(where)) or 0)
        order_by: list[Any]
        if sort is SortKey.URGENCY:
            order_by = urgency(rules, dialect)
            if descending:
                order_by = [c.desc() if i else Order.priority for i, c in enumerate(order_by)]
        else:
            column: Any = {
                SortKey.NUMBER: Order.external_number,
                SortKey.CUSTOMER: Order.customer_name,
                SortKey.CARRIER: Order.carrier,
                SortKey.STATUS: Order.status,
                SortKey.SHIP_BY: effective_ship_by(rules, dialect),
                SortKey.AGE: entered_state_at(),  # the oldest entry is the greatest age
                SortKey.UPDATED: Order.updated_at,
            }[sort]
            reverse = descending != (sort is SortKey.AGE)
            order_by = [column.desc() if reverse else column, Order.id]
        ids = select(Order.id).where(where).order_by(*order_by).offset(offset).limit(limit)
        return TablePage(now, total, offset, tuple(fetch_cards(s, ids, rules, dialect, now)))


def stuck_orders(
    engine: Engine,
    flt: BoardFilter | None = None,
    *,
    rules: BoardRules | None = None,
    limit: int = 500,
) -> tuple[BoardCard, ...]:
    """Orders in a state longer than its threshold, the longest-stuck first."""
    flt = flt or BoardFilter()
    rules = rules or rules_from_settings()
    dialect = engine.dialect.name
    with unit_of_work(engine, read_only=True) as s:
        now = db_now(s)
        ids = (
            select(Order.id)
            .where(where_clause(flt, rules, dialect, now), stuck_clause(rules, now))
            .order_by(entered_state_at(), Order.id)
            .limit(limit)
        )
        return tuple(fetch_cards(s, ids, rules, dialect, now))


def card(engine: Engine, order_id: int, *, rules: BoardRules | None = None) -> BoardCard | None:
    """One order's card, whatever its state (None if there is no such order)."""
    rules = rules or rules_from_settings()
    with unit_of_work(engine, read_only=True) as s:
        now = db_now(s)
        query = card_select(rules, engine.dialect.name).where(Order.id == order_id)
        found = to_cards(s.execute(query).all(), rules, now)
    return found[0] if found else None
