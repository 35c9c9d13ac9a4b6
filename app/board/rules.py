"""When an order is late, at risk or stuck: the board's thresholds and their SQL.

An order's ship-by time is the one its import gave, or its order time (else the time
it was created) plus the channel's allowance. Relative to the database server's
``now``:

* late: ``now > ship_by``;
* at risk: not late and ``now > ship_by - at_risk`` (so exactly at ``ship_by`` it is
  still "at risk", one instant later it is "late");
* stuck: in its state for longer than the state's threshold (exactly the threshold is
  not yet stuck).

Shipped and cancelled orders are never late, at risk or stuck.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Float, case, cast, func, literal, literal_column, type_coerce

from app import settings as settings_mod
from app.models import Order, OrderStatus, UTCDateTime
from app.settings import Settings

S = OrderStatus
#: The states an order can be worked on in; the board's columns, in floor order.
OPEN_STATES: tuple[OrderStatus, ...] = (S.NEW, S.READY, S.PACKING, S.PACKED, S.ON_HOLD)
CLOSED_STATES = frozenset({S.SHIPPED, S.CANCELLED})
ANY_CHANNEL = "*"


class Timing(enum.StrEnum):
    """How an order stands against its ship-by time."""

    ON_TIME = "on_time"
    AT_RISK = "at_risk"
    LATE = "late"


@dataclass(frozen=True)
class BoardRules:
    at_risk: timedelta = timedelta(hours=2)
    stuck_after: Mapping[OrderStatus, timedelta] = field(
        default_factory=lambda: {
            S.NEW: timedelta(hours=2),
            S.READY: timedelta(hours=4),
            S.PACKING: timedelta(minutes=30),
            S.PACKED: timedelta(hours=4),
        }
    )
    #: ship-by allowance per channel when the import gave none; ANY_CHANNEL for the rest
    allowance: Mapping[str, timedelta] = field(
        default_factory=lambda: {ANY_CHANNEL: timedelta(hours=24)}
    )

    @classmethod
    def from_settings(cls, settings: Settings) -> BoardRules:
        # a settings file names only the states it changes; null switches one off
        stuck = dict(cls().stuck_after)
        for name, minutes in settings.stuck_after_minutes.items():
            try:
                state = S(name)
            except ValueError:
                continue  # a state that no longer exists in an old settings file
            if minutes is None:
                stuck.pop(state, None)
            else:
                stuck[state] = timedelta(minutes=float(minutes))
        allowance = {
            str(ch): timedelta(hours=float(h)) for ch, h in settings.ship_by_allowance_hours.items()
        }
        allowance.setdefault(ANY_CHANNEL, timedelta(hours=24))
        return cls(
            at_risk=timedelta(minutes=settings.at_risk_minutes),
            stuck_after=stuck,
            allowance=allowance,
        )

    def timing(self, status: OrderStatus, ship_by: datetime | None, now: datetime) -> Timing:
        if status in CLOSED_STATES or ship_by is None:
            return Timing.ON_TIME
        if now > ship_by:
            return Timing.LATE
        if now > ship_by - self.at_risk:
            return Timing.AT_RISK
        return Timing.ON_TIME

    def is_stuck(self, status: OrderStatus, age: timedelta) -> bool:
        limit = self.stuck_after.get(status)
        return limit is not None and age > limit


def effective_ship_by(rules: BoardRules, dialect: str) -> ColumnElement[datetime]:
    """SQL for the order's ship-by: the imported one, else order time + allowance."""
    default = rules.allowance.get(ANY_CHANNEL, timedelta(hours=24)).total_seconds()
    named = {ch: d.total_seconds() for ch, d in rules.allowance.items() if ch != ANY_CHANNEL}
    seconds: Any = (
        case(named, value=Order.channel, else_=literal(default)) if named else literal(default)
    )
    base = func.coalesce(Order.ordered_at, Order.created_at)
    if dialect == "sqlite":
        modifier = literal("+").concat(cast(seconds, Float)).concat(" seconds")
        derived: Any = func.strftime("%Y-%m-%d %H:%M:%f000", base, modifier)
    else:
        derived = base + cast(seconds, Float) * literal_column("interval '1 second'")
    return type_coerce(
        func.coalesce(Order.ship_by, type_coerce(derived, UTCDateTime())), UTCDateTime()
    )


def rules_from_settings() -> BoardRules:
    """The rules of this computer's settings (for callers that were given none)."""
    return BoardRules.from_settings(settings_mod.load())


def urgency(rules: BoardRules, dialect: str) -> list[Any]:
    """The board's order of urgency: expedited first, then the earliest ship-by."""
    return [Order.priority.desc(), effective_ship_by(rules, dialect), Order.id]
