"""The counters' KPIs for a date range: throughput, accuracy, pack times, on-time rate.

Dates are the warehouse's local calendar days, turned into UTC bounds (start
inclusive, end exclusive). The heavy counting is done by the database in a few
grouped queries; only the pack times (one compact row per packed order) come back
to Python for the median and 90th percentile.

Definitions:

* an order is packed when its history enters ``packed``; its pack time runs from its
  latest entry into ``packing`` before that; per item, divided by its packed units;
* items packed are the units of accepted scans and manual confirmations not undone;
* scan accuracy is ``1 - rejected / scans`` over item and order scans (sign-ins and
  command barcodes are not scans of goods); manual confirmations are counted apart;
* an order shipped on time entered ``shipped`` (its last parcel scanned out at the
  dock) at or before its ship-by time;
* a weight exception is a parcel weighed outside its tolerance at the counter
  (``weight_mismatch``), counted for the packer who weighed it;
* parcels per carrier per day count parcels scanned out at the dock, by local day;
* the backlog is the open orders now, by state and by carrier.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Engine,
    Integer,
    and_,
    case,
    cast,
    extract,
    func,
    literal,
    select,
)
from sqlalchemy.orm import Session, aliased

from app import settings as settings_mod
from app.board.rules import OPEN_STATES, BoardRules, effective_ship_by
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import (
    Order,
    OrderHistory,
    OrderLine,
    OrderStatus,
    Parcel,
    ScanEvent,
    ScanTally,
    User,
)
from app.packing.verdict import PACKED_OUTCOMES

S = OrderStatus
MAX_DAYS = 366


@dataclass(frozen=True)
class PackTimes:
    orders: int  # packed orders with a known start
    median_order: timedelta | None
    p90_order: timedelta | None
    median_item: timedelta | None
    p90_item: timedelta | None


@dataclass(frozen=True)
class PackerRow:
    user_id: int | None
    name: str  # "(nobody signed in)" for scans without a user
    orders_packed: int
    items_packed: int
    scans: int
    rejected: int
    manual: int
    median_order: timedelta | None
    weight_exceptions: int = 0

    @property
    def accuracy(self) -> float | None:
        return None if self.scans == 0 else 1 - self.rejected / self.scans


@dataclass(frozen=True)
class HourPoint:
    hour: datetime  # the hour's start, warehouse local time
    orders: int
    items: int
    orders_week_before: int  # the same hour on the same weekday a week earlier
    items_week_before: int


@dataclass(frozen=True)
class KpiReport:
    first_day: date
    last_day: date
    timezone: str
    start: datetime  # UTC, inclusive
    end: datetime  # UTC, exclusive
    now: datetime  # the database's time of the report
    orders_packed: int
    items_packed: int
    scans: int
    rejected_scans: int
    manual_confirmations: int
    pack_times: PackTimes
    packers: tuple[PackerRow, ...]
    shipped: int
    shipped_on_time: int
    backlog_by_state: tuple[tuple[OrderStatus, int], ...]
    backlog_by_carrier: tuple[tuple[str, int], ...]  # "" for orders without a carrier
    # parcels handed over at the dock: (local day, carrier, parcels), by day then carrier
    parcels_by_carrier_day: tuple[tuple[date, str, int], ...] = ()

    @property
    def accuracy(self) -> float | None:
        return None if self.scans == 0 else 1 - self.rejected_scans / self.scans

    @property
    def on_time_rate(self) -> float | None:
        return None if self.shipped == 0 else self.shipped_on_time / self.shipped


def day_bounds(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC instants where local day ``first`` starts and local day ``last`` ends."""
    if last < first:
        raise PackdeskError(f"The range ends ({last}) before it starts ({first}).")
    if (last - first).days >= MAX_DAYS:
        raise PackdeskError(f"Choose at most {MAX_DAYS} days.")
    try:
        start = datetime.combine(first, time.min, tzinfo=tz)
        end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz)
        return start.astimezone(UTC), end.astimezone(UTC)
    except OverflowError:  # the first or the last days a calendar has
        raise PackdeskError(f"{first} to {last} is beyond the days Packdesk counts.") from None


def percentile(samples: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile (``pct`` in 0..100); None for no samples."""
    if not samples:
        return None
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def _seconds(value: float | None) -> timedelta | None:
    return None if value is None else timedelta(seconds=value)


def kpi_report(
    engine: Engine,
    first: date,
    last: date,
    *,
    tz: ZoneInfo | None = None,
    rules: BoardRules | None = None,
) -> KpiReport:
    """The KPIs for local days ``first`` .. ``last`` (both included)."""
    settings = settings_mod.load()
    tz = tz or settings.timezone
    rules = rules or BoardRules.from_settings(settings)
    start, end = day_bounds(first, last, tz)
    with unit_of_work(engine, read_only=True) as s:
        now = db_now(s)
        scans = _scans_by_user(s, start, end)
        packed = _packed_orders(s, start, end)
        shipped, on_time = _shipping(s, start, end, rules, engine.dialect.name)
        by_state, by_carrier = _backlog(s)
        exceptions = _weight_exceptions(s, start, end)
        handed_over = _parcels_by_carrier_day(s, start, end, tz, engine.dialect.name)
        names = {uid: name for uid, name in s.execute(select(User.id, User.name))}

    order_secs = [p[2] for p in packed if p[2] is not None]
    item_secs = [p[2] / p[3] for p in packed if p[2] is not None and p[3]]
    per_user: dict[int | None, list[float]] = defaultdict(list)
    orders_by_user: dict[int | None, int] = defaultdict(int)
    for user_id, _, secs, _ in packed:
        orders_by_user[user_id] += 1
        if secs is not None:
            per_user[user_id].append(secs)
    packers = []
    people = set(scans) | set(orders_by_user) | set(exceptions)
    for user_id in sorted(people, key=lambda u: (u is None, u or 0)):
        n, rejected, manual, items = scans.get(user_id, (0, 0, 0, 0))
        packers.append(
            PackerRow(
                user_id=user_id,
                name=names.get(user_id, "(nobody signed in)") if user_id else "(nobody signed in)",
                orders_packed=orders_by_user.get(user_id, 0),
                items_packed=items,
                scans=n,
                rejected=rejected,
                manual=manual,
                median_order=_seconds(percentile(per_user.get(user_id, []), 50)),
                weight_exceptions=exceptions.get(user_id, 0),
            )
        )
    packers.sort(key=lambda p: (-p.orders_packed, -p.items_packed, p.name))
    return KpiReport(
        first_day=first,
        last_day=last,
        timezone=str(tz),
        start=start,
        end=end,
        now=now,
        orders_packed=len(packed),
        items_packed=sum(v[3] for v in scans.values()),
        scans=sum(v[0] for v in scans.values()),
        rejected_scans=sum(v[1] for v in scans.values()),
        manual_confirmations=sum(v[2] for v in scans.values()),
        pack_times=PackTimes(
            orders=len(order_secs),
            median_order=_seconds(percentile(order_secs, 50)),
            p90_order=_seconds(percentile(order_secs, 90)),
            median_item=_seconds(percentile(item_secs, 50)),
            p90_item=_seconds(percentile(item_secs, 90)),
        ),
        packers=tuple(packers),
        shipped=shipped,
        shipped_on_time=on_time,
        backlog_by_state=by_state,
        backlog_by_carrier=by_carrier,
        parcels_by_carrier_day=handed_over,
    )


def _in_range(column: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(column >= start, column < end)


def _scans_by_user(
    s: Session, start: datetime, end: datetime
) -> dict[int | None, tuple[int, int, int, int]]:
    """Per user: scans of goods, rejected ones, manual confirmations, items packed.

    Read from the quarter-hour tallies (local day bounds fall on quarter hours)."""
    t = ScanTally
    query = (
        select(
            t.user_id,
            func.sum(t.scans),
            func.sum(t.rejected),
            func.sum(t.manual),
            func.sum(t.items),
        )
        .where(_in_range(t.period, start, end))
        .group_by(t.user_id)
    )
    return {
        (uid or None): (int(n or 0), int(r or 0), int(m or 0), int(u or 0))
        for uid, n, r, m, u in s.execute(query)
        if n or u
    }


def _packed_orders(
    s: Session, start: datetime, end: datetime
) -> list[tuple[int | None, int, float | None, int]]:
    """Per packing of an order in range: (user, order, seconds from packing, units).
    Only a counter's close (packing -> packed) is a packing: an order a supervisor
    lets ship short (on_hold -> packed) was packed by nobody at that moment.

    One statement: the packed entries by their (state, time) index, and for each the
    latest entry into packing and the packed units by the order's indexes; the
    seconds are computed by the database, so no timestamps travel."""
    done = aliased(OrderHistory)
    began = aliased(OrderHistory)
    started = (
        select(func.max(began.at))
        .where(
            began.order_id == done.order_id,
            began.to_status == S.PACKING.value,
            began.at <= done.at,
        )
        .correlate(done)
        .scalar_subquery()
    )
    if s.get_bind().dialect.name == "sqlite":
        seconds: Any = (func.julianday(done.at) - func.julianday(started)) * 86400.0
    else:
        seconds = extract("epoch", done.at - started)
    units = (
        select(func.coalesce(func.sum(OrderLine.packed), 0))
        .where(OrderLine.order_id == done.order_id)
        .correlate(done)
        .scalar_subquery()
    )
    query = select(done.user_id, done.order_id, seconds, units).where(
        done.to_status == S.PACKED.value,
        done.from_status == S.PACKING.value,
        _in_range(done.at, start, end),
    )
    return [
        (user_id, order_id, None if secs is None else round(float(secs), 3), int(n or 0))
        for user_id, order_id, secs, n in s.execute(query)
    ]


def _shipping(
    s: Session, start: datetime, end: datetime, rules: BoardRules, dialect: str
) -> tuple[int, int]:
    h = OrderHistory
    on_time = case((h.at <= effective_ship_by(rules, dialect), 1), else_=0)
    query = (
        select(func.count(), func.sum(on_time))
        .select_from(h)
        .join(Order, Order.id == h.order_id)
        .where(h.to_status == S.SHIPPED.value, _in_range(h.at, start, end))
    )
    n, ok = s.execute(query).one()
    return int(n or 0), int(ok or 0)


def _weight_exceptions(s: Session, start: datetime, end: datetime) -> dict[int | None, int]:
    """Per packer: parcels weighed outside their tolerance (not undone)."""
    e = ScanEvent
    query = (
        select(e.user_id, func.count())
        .where(
            e.outcome == "weight_mismatch",
            e.undone_by_id.is_(None),
            _in_range(e.at, start, end),
        )
        .group_by(e.user_id)
    )
    return {uid: int(n) for uid, n in s.execute(query)}


def _parcels_by_carrier_day(
    s: Session, start: datetime, end: datetime, tz: ZoneInfo, dialect: str
) -> tuple[tuple[date, str, int], ...]:
    """Parcels scanned out at the dock per carrier per local day: counted per hour by
    the database (at most 24 rows per day and carrier), summed into days here."""
    p = Parcel
    hour = _hour_index(p.handed_over_at, start, dialect).label("hour")
    carrier = func.coalesce(p.carrier, Order.carrier, "").label("carrier")
    query = (
        select(carrier, hour, func.count())
        .select_from(p)
        .join(Order, Order.id == p.order_id)
        .where(_in_range(p.handed_over_at, start, end))
        .group_by(carrier, hour)
    )
    days: dict[tuple[date, str], int] = defaultdict(int)
    for name, index, n in s.execute(query):
        day = (start + timedelta(hours=int(index))).astimezone(tz).date()
        days[(day, name)] += int(n)
    return tuple((day, name, n) for (day, name), n in sorted(days.items()))


def _backlog(
    s: Session,
) -> tuple[tuple[tuple[OrderStatus, int], ...], tuple[tuple[str, int], ...]]:
    """Open orders now by state and by carrier, from one pass over the (carrier,
    status) index (grouped in the index's own order, so no sorting)."""
    by_state: dict[OrderStatus, int] = defaultdict(int)
    by_carrier: dict[str, int] = defaultdict(int)
    query = select(Order.carrier, Order.status, func.count()).group_by(Order.carrier, Order.status)
    for carrier, status, n in s.execute(query):
        if S(status) in OPEN_STATES:
            by_state[S(status)] += n
            by_carrier[carrier or ""] += n
    return (
        tuple((st, by_state.get(st, 0)) for st in OPEN_STATES),
        tuple(sorted(by_carrier.items(), key=lambda item: (-item[1], item[0]))),
    )


def _hour_index(column: Any, start: datetime, dialect: str) -> Any:
    """Whole hours from ``start`` to ``column``, in SQL (``column`` is never before it)."""
    if dialect == "sqlite":
        origin = literal(start.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"))
        return cast((func.julianday(column) - func.julianday(origin)) * 24, Integer)
    return func.floor(extract("epoch", column - start) / 3600)


def today(engine: Engine, tz: ZoneInfo) -> date:
    """The warehouse's calendar day now, by the database server's clock."""
    with unit_of_work(engine, read_only=True) as s:
        return db_now(s).astimezone(tz).date()


def hourly(
    engine: Engine, day: date | None = None, *, tz: ZoneInfo | None = None
) -> tuple[HourPoint, ...]:
    """Orders and items packed per hour of a local day (default: today by the database's
    clock), beside the same hours of the same weekday one week earlier."""
    tz = tz or settings_mod.load().timezone
    dialect = engine.dialect.name
    with unit_of_work(engine, read_only=True) as s:
        if day is None:
            day = db_now(s).astimezone(tz).date()
        result = []
        for which in (day, day - timedelta(days=7)):
            start, end = day_bounds(which, which, tz)
            orders = _per_hour(
                s,
                OrderHistory.at,
                func.count(),
                and_(
                    OrderHistory.to_status == S.PACKED.value,
                    OrderHistory.from_status == S.PACKING.value,  # as _packed_orders
                ),
                start,
                end,
                dialect,
            )
            items = _per_hour(
                s,
                ScanEvent.at,
                func.sum(ScanEvent.units),
                and_(
                    ScanEvent.outcome.in_(sorted(PACKED_OUTCOMES)), ScanEvent.undone_by_id.is_(None)
                ),
                start,
                end,
                dialect,
            )
            result.append((start, end, orders, items))
    (start, end, orders, items), (_, _, orders_before, items_before) = result
    points = []
    hour = start
    index = 0
    while hour < end:
        points.append(
            HourPoint(
                hour.astimezone(tz),
                orders.get(index, 0),
                items.get(index, 0),
                orders_before.get(index, 0),
                items_before.get(index, 0),
            )
        )
        hour += timedelta(hours=1)
        index += 1
    return tuple(points)


def _per_hour(
    s: Session,
    column: Any,
    measure: Any,
    condition: ColumnElement[bool],
    start: datetime,
    end: datetime,
    dialect: str,
) -> dict[int, int]:
    bucket = _hour_index(column, start, dialect).label("bucket")
    query = select(bucket, measure).where(condition, _in_range(column, start, end)).group_by(bucket)
    return {int(b): int(n or 0) for b, n in s.execute(query)}
