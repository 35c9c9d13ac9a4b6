"""Incremental refresh: the orders changed since the board's last look.

Every change of an order moves its ``updated_at`` (the database's time of the
writing statement) and its ``version``. A refresh reads the orders whose
``updated_at`` lies at or after the watermark's ``since``, and skips the
``(order, version)`` pairs it already delivered. ``since`` trails the database's
"now" by an overlap window, so a change whose transaction committed a little after
its timestamp is still found, and each change is delivered exactly once. On
PostgreSQL ``since`` also stays before the start of the oldest transaction that is
still open, so a long import is caught whole when it commits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from app.board.cards import BoardCard, card_select, to_cards
from app.board.filters import BoardFilter, where_clause
from app.board.rules import BoardRules, rules_from_settings
from app.db import unit_of_work
from app.dbclock import db_now
from app.models import Order, OrderStatus

OVERLAP = timedelta(seconds=30)
MAX_CHANGES = 2000  # past this many, the board is better off reloading

_OLDEST_OPEN_TRANSACTION = text(
    "SELECT min(xact_start) FROM pg_stat_activity "
    "WHERE datname = current_database() AND xact_start IS NOT NULL"
)


@dataclass(frozen=True)
class Watermark:
    """Where the last look left off; opaque to the board, kept between refreshes."""

    now: datetime  # the database's time of the look
    since: datetime  # the next look reads changes from here on
    seen: frozenset[tuple[int, int]]  # (order id, version) already delivered after ``since``


@dataclass(frozen=True)
class BoardChanges:
    now: datetime
    cards: tuple[BoardCard, ...]  # changed orders that match the filter, as they are now
    gone: tuple[int, ...]  # ids of changed orders that no longer match (remove them)
    counts: Mapping[OrderStatus, int]  # orders matching the filter per wanted state
    reload: bool  # more changes than worth applying one by one: load the board again
    watermark: Watermark

    @property
    def empty(self) -> bool:
        return not (self.cards or self.gone or self.reload)


def _since(s: Session, now: datetime, overlap: timedelta) -> datetime:
    since = now - overlap
    if s.get_bind().dialect.name == "postgresql":
        oldest = s.execute(_OLDEST_OPEN_TRANSACTION).scalar()
        if oldest is not None:
            since = min(since, oldest - timedelta(seconds=1))
    return since


def _window(s: Session, lower: datetime) -> list[tuple[int, int, datetime]]:
    query = select(Order.id, Order.version, Order.updated_at).where(Order.updated_at >= lower)
    return [(i, v, at) for i, v, at in s.execute(query)]


def start_watermark(s: Session, *, overlap: timedelta = OVERLAP) -> Watermark:
    """The watermark for a full load made in this unit of work."""
    now = db_now(s)
    since = _since(s, now, overlap)
    return Watermark(now, since, frozenset((i, v) for i, v, _ in _window(s, since)))


def current_watermark(engine: Engine, *, overlap: timedelta = OVERLAP) -> Watermark:
    with unit_of_work(engine, read_only=True) as s:
        return start_watermark(s, overlap=overlap)


def changes_since(
    engine: Engine,
    watermark: Watermark,
    flt: BoardFilter | None = None,
    *,
    rules: BoardRules | None = None,
    overlap: timedelta = OVERLAP,
    max_changes: int = MAX_CHANGES,
) -> BoardChanges:
    """The orders changed since ``watermark`` (each change once) and the next watermark."""

    flt = flt or BoardFilter()
    rules = rules or rules_from_settings()
    dialect = engine.dialect.name
    with unit_of_work(engine, read_only=True) as s:
        now = db_now(s)
        since = max(_since(s, now, overlap), watermark.since)
        window = _window(s, watermark.since)
        changed = sorted({i for i, v, _ in window if (i, v) not in watermark.seen})
        next_mark = Watermark(now, since, frozenset((i, v) for i, v, at in window if at >= since))
        where = where_clause(flt, rules, dialect, now)
        counts = dict(
            s.execute(select(Order.status, func.count()).where(where).group_by(Order.status)).all()
        )
        counts = {st: int(counts.get(st, 0)) for st in flt.wanted_states}
        if len(changed) > max_changes:
            return BoardChanges(now, (), (), counts, True, next_mark)
        cards: list[BoardCard] = []
        for start in range(0, len(changed), 500):
            chunk = changed[start : start + 500]
            query = card_select(rules, dialect).where(where, Order.id.in_(chunk))
            cards += to_cards(s.execute(query).all(), rules, now)
    found = {c.id for c in cards}
    cards.sort(key=lambda c: c.sort_key)
    gone = tuple(i for i in changed if i not in found)
    return BoardChanges(now, tuple(cards), gone, counts, False, next_mark)
