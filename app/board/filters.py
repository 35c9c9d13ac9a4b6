"""The board's filter and search, turned into one WHERE clause.

Search text is always a bound parameter inside ``LIKE ... ESCAPE``: ``%``, ``_``,
quotes, backslashes and SQL in it are matched as the characters they are. Matching
ignores case (ASCII letters on SQLite, all letters on PostgreSQL).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select, true

from app.barcodes import to_gtin14
from app.board.cards import entered_state_at
from app.board.rules import CLOSED_STATES, OPEN_STATES, BoardRules, effective_ship_by
from app.models import Order, OrderLine, OrderStatus, Parcel, ProductCode

SEARCH_MAX = 200  # characters of search text used


class Flag(enum.StrEnum):
    LATE = "late"
    AT_RISK = "at_risk"
    STUCK = "stuck"


class DateField(enum.StrEnum):
    SHIP_BY = "ship_by"
    ORDERED = "ordered"
    UPDATED = "updated"


@dataclass(frozen=True)
class BoardFilter:
    """What the board shows. Empty sets mean "any"; several flags match any of them.

    ``states`` empty means the open states (not shipped, not cancelled). Dates are
    aware datetimes (convert the warehouse's local dates with
    ``timeutil.local_day_bounds``); ``date_from`` is inclusive, ``date_to`` exclusive.
    """

    states: frozenset[OrderStatus] = frozenset()
    channels: frozenset[str] = frozenset()
    carriers: frozenset[str] = frozenset()
    packer_ids: frozenset[int] = frozenset()  # users holding the claim
    station_ids: frozenset[int] = frozenset()  # stations holding the claim
    expedited: bool | None = None  # True: expedited only; False: normal only
    flags: frozenset[Flag] = frozenset()
    date_field: DateField = DateField.SHIP_BY
    date_from: datetime | None = None
    date_to: datetime | None = None
    search: str = ""

    @property
    def wanted_states(self) -> tuple[OrderStatus, ...]:
        if not self.states:
            return OPEN_STATES
        ordered = [*OPEN_STATES, *sorted(CLOSED_STATES)]
        return tuple(s for s in ordered if s in self.states)


def escape_like(text: str, escape: str = "\\") -> str:
    """``text`` with LIKE's wildcards and the escape character escaped."""
    return (
        text.replace(escape, escape + escape).replace("%", escape + "%").replace("_", escape + "_")
    )


def _contains(column: Any, needle: str) -> ColumnElement[bool]:
    pattern = "%" + escape_like(needle.lower()) + "%"
    return column.ilike(pattern, escape="\\")  # type: ignore[no-any-return]


def search_clause(text: str) -> ColumnElement[bool]:
    """Order number, customer, tracking number, SKU (contains), or a scanned item code."""
    needle = text.strip()[:SEARCH_MAX]
    if not needle:
        return true()
    by_line = select(OrderLine.order_id).where(_contains(OrderLine.sku, needle))
    by_parcel = select(Parcel.order_id).where(_contains(Parcel.tracking_number, needle))
    options = [
        _contains(Order.external_number, needle),
        _contains(Order.customer_name, needle),
        Order.id.in_(by_parcel),
        Order.id.in_(by_line),
    ]
    codes = {needle}
    gtin = to_gtin14(needle)
    if gtin is not None:
        codes.add(gtin)
    by_code = select(OrderLine.order_id).where(
        OrderLine.product_id.in_(select(ProductCode.product_id).where(ProductCode.code.in_(codes)))
    )
    options.append(Order.id.in_(by_code))
    return or_(*options)


def where_clause(
    flt: BoardFilter, rules: BoardRules, dialect: str, now: datetime
) -> ColumnElement[bool]:
    """The filter as one SQL condition, relative to the database's ``now``."""
    parts: list[ColumnElement[bool]] = [Order.status.in_(flt.wanted_states)]
    if flt.channels:
        parts.append(Order.channel.in_(sorted(flt.channels)))
    if flt.carriers:
        parts.append(Order.carrier.in_(sorted(flt.carriers)))
    if flt.packer_ids:
        parts.append(Order.claimed_by_user_id.in_(sorted(flt.packer_ids)))
    if flt.station_ids:
        parts.append(Order.claimed_by_station_id.in_(sorted(flt.station_ids)))
    if flt.expedited is True:
        parts.append(Order.priority > 0)
    elif flt.expedited is False:
        parts.append(Order.priority <= 0)
    if flt.flags:
        parts.append(or_(*(_flag(f, rules, dialect, now) for f in sorted(flt.flags))))
    if flt.date_from is not None or flt.date_to is not None:
        column: Any = {
            DateField.SHIP_BY: effective_ship_by(rules, dialect),
            DateField.ORDERED: Order.ordered_at,
            DateField.UPDATED: Order.updated_at,
        }[flt.date_field]
        if flt.date_from is not None:
            parts.append(column >= flt.date_from)
        if flt.date_to is not None:
            parts.append(column < flt.date_to)
    if flt.search.strip():
        parts.append(search_clause(flt.search))
    return and_(*parts)


def _flag(flag: Flag, rules: BoardRules, dialect: str, now: datetime) -> ColumnElement[bool]:
    open_ = Order.status.not_in(sorted(CLOSED_STATES))
    if flag is Flag.LATE:
        return and_(open_, effective_ship_by(rules, dialect) < now)
    if flag is Flag.AT_RISK:
        ship_by = effective_ship_by(rules, dialect)
        return and_(open_, ship_by >= now, ship_by < now + rules.at_risk)
    return stuck_clause(rules, now)


def stuck_clause(rules: BoardRules, now: datetime) -> ColumnElement[bool]:
    """In its state longer than the state's threshold (by the history's times)."""
    options = [
        and_(Order.status == status, entered_state_at() < now - limit)
        for status, limit in rules.stuck_after.items()
        if status not in CLOSED_STATES and limit >= timedelta(0)
    ]
    return or_(*options) if options else false()
