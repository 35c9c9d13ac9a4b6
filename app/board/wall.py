"""What the wall display reads: per state its counts (late and stuck too) and every
late or stuck order, and per carrier what must still leave before its cut-off.

Plain values for the Qt wall display (``ui.board.wall_display``). Each read is one unit of
work. "Now" is the database server's time unless the caller gives one (tests do), so
every rule with time is judged on one clock.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, and_, case, func, not_, or_, select
from sqlalchemy.orm import Session

from app.board.cards import BoardCard, fetch_cards
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
from app.models import Carrier, Order, OrderStatus, Parcel
from app.shipping.carriers import cutoff_at

S = OrderStatus
URGENT_MAX = 2000  # late or stuck cards read per state: every one, up to a sane bound
OTHERS_PER_STATE = 60  # on-time cards read per state (the most urgent of the rest)
NEAR_CUTOFF = timedelta(minutes=60)
#: the states whose orders still have to be packed before they can leave
NOT_YET_PACKED = (S.NEW, S.READY, S.PACKING)


@dataclass(frozen=True)
class WallColumn:
    status: OrderStatus
    total: int
    late: int
    at_risk: int
    stuck: int
    urgent_total: int  # late or stuck (an order both counts once)
    urgent: tuple[BoardCard, ...]  # the late or stuck cards, most urgent first
    others: tuple[BoardCard, ...]  # the most urgent of the rest


class Departure(enum.StrEnum):
    """How a carrier's truck stands against what must go on it."""

    CLEAR = "clear"  # nothing left to load
    OPEN = "open"  # things to load, the cut-off not near yet
    NEAR = "near"  # things to load and the cut-off within ``NEAR_CUTOFF``
    MISSED = "missed"  # the cut-off passed with things left


@dataclass(frozen=True)
class CarrierDeparture:
    carrier: str
    cutoff: datetime  # today's (the local day of ``now``), in UTC
    packed_orders: int  # packed, with parcels not on the truck yet
    packed_parcels: int  # a packed order without parcel rows counts as one
    due_orders: int  # not packed yet (new, ready, packing), ship-by at or before the cut-off
    standing: Departure

    @property
    def left(self) -> int:
        return self.packed_parcels + self.due_orders


@dataclass(frozen=True)
class WallSnapshot:
    now: datetime
    columns: tuple[WallColumn, ...]  # the filter's states, in floor order, empty ones too
    departures: tuple[CarrierDeparture, ...]  # carriers with a cut-off, the earliest first


def departure_standing(
    cutoff: datetime, now: datetime, left: int, near: timedelta = NEAR_CUTOFF
) -> Departure:
    if left <= 0:
        return Departure.CLEAR
    if now >= cutoff:
        return Departure.MISSED
    if now >= cutoff - near:
        return Departure.NEAR
    return Departure.OPEN


def carrier_departures(
    engine: Engine,
    now: datetime | None = None,
    *,
    zone: ZoneInfo,
    rules: BoardRules | None = None,
    near: timedelta = NEAR_CUTOFF,
) -> tuple[CarrierDeparture, ...]:
    """Per carrier with a cut-off: what must still leave on today's truck."""
    rules = rules or rules_from_settings()
    with unit_of_work(engine, read_only=True) as s:
        return _departures(s, now or db_now(s), zone, rules, near)


def _departures(
    s: Session, now: datetime, zone: ZoneInfo, rules: BoardRules, near: timedelta
) -> tuple[CarrierDeparture, ...]:
    dialect = s.get_bind().dialect.name
    carriers = s.execute(
        select(Carrier.name, Carrier.cutoff).where(Carrier.cutoff.is_not(None))
    ).all()
    if not carriers:
        return ()
    # parcels packed and not on a truck, by the carrier their label was made for
    parcel_carrier = func.lower(func.coalesce(Parcel.carrier, Order.carrier))
    packed = {
        str(name): (int(orders), int(parcels))
        for name, orders, parcels in s.execute(
            select(parcel_carrier, func.count(func.distinct(Order.id)), func.count(Parcel.id))
            .join(Parcel, Parcel.order_id == Order.id)
            .where(Order.status == S.PACKED, Parcel.load_id.is_(None))
            .group_by(parcel_carrier)
        )
    }
    # a packed order with no parcel row yet (an old import, a counter that made none)
    # waits at the dock as one box
    has_parcel = select(Parcel.id).where(Parcel.order_id == Order.id).exists()
    order_carrier = func.lower(Order.carrier)
    for name, orders in s.execute(
        select(order_carrier, func.count())
        .where(Order.status == S.PACKED, ~has_parcel, Order.carrier.is_not(None))
        .group_by(order_carrier)
    ):
        before = packed.get(str(name), (0, 0))
        packed[str(name)] = (before[0] + int(orders), before[1] + int(orders))
    ship_by = effective_ship_by(rules, dialect)
    found = []
    for name, cutoff_text in carriers:
        cutoff = cutoff_at(str(cutoff_text), now, zone)
        due = int(
            s.scalar(
                select(func.count())
                .select_from(Order)
                .where(
                    Order.status.in_(NOT_YET_PACKED),
                    func.lower(Order.carrier) == name.lower(),
                    ship_by <= cutoff,
                )
            )
            or 0
        )
        orders, parcels = packed.get(name.lower(), (0, 0))
        standing = departure_standing(cutoff, now, parcels + due, near)
        found.append(CarrierDeparture(name, cutoff, orders, parcels, due, standing))
    return tuple(sorted(found, key=lambda d: (d.cutoff, d.carrier.lower())))


def wall_snapshot(
    engine: Engine,
    flt: BoardFilter | None = None,
    *,
    zone: ZoneInfo,
    rules: BoardRules | None = None,
    now: datetime | None = None,
    urgent_max: int = URGENT_MAX,
    others: int = OTHERS_PER_STATE,
    near: timedelta = NEAR_CUTOFF,
) -> WallSnapshot:
    """Every wanted state's counts, its late or stuck cards and the first of the rest;
    and the carriers' departures."""
    flt = flt or BoardFilter()
    rules = rules or rules_from_settings()
    dialect = engine.dialect.name
    with unit_of_work(engine, read_only=True) as s:
        now = now or db_now(s)
        where = where_clause(flt, rules, dialect, now)
        ship_by = effective_ship_by(rules, dialect)
        open_ = Order.status.not_in(sorted(CLOSED_STATES))
        late = and_(open_, ship_by < now)
        at_risk = and_(open_, ship_by >= now, ship_by < now + rules.at_risk)
        stuck = stuck_clause(rules, now)
        urgent = or_(late, stuck)
        counts = {
            OrderStatus(st): tuple(int(x or 0) for x in rest)
            for st, *rest in s.execute(
                select(
                    Order.status,
                    func.count(),
                    func.sum(case((late, 1), else_=0)),
                    func.sum(case((at_risk, 1), else_=0)),
                    func.sum(case((stuck, 1), else_=0)),
                    func.sum(case((urgent, 1), else_=0)),
                )
                .where(where)
                .group_by(Order.status)
            )
        }
        columns = []
        for status in flt.wanted_states:
            total, n_late, n_risk, n_stuck, n_urgent = counts.get(status, (0, 0, 0, 0, 0))
            urgent_cards: list[BoardCard] = []
            other_cards: list[BoardCard] = []
            in_state = and_(where, Order.status == status)
            if n_urgent:
                ids = (
                    select(Order.id)
                    .where(in_state, urgent)
                    .order_by(*urgency(rules, dialect))
                    .limit(urgent_max)
                )
                urgent_cards = fetch_cards(s, ids, rules, dialect, now)
            if total > n_urgent and others > 0:
                ids = (
                    select(Order.id)
                    .where(in_state, not_(urgent))
                    .order_by(*urgency(rules, dialect))
                    .limit(others)
                )
                other_cards = fetch_cards(s, ids, rules, dialect, now)
            columns.append(
                WallColumn(
                    status,
                    total,
                    n_late,
                    n_risk,
                    n_stuck,
                    n_urgent,
                    tuple(urgent_cards),
                    tuple(other_cards),
                )
            )
        departures = _departures(s, now, zone, rules, near)
    return WallSnapshot(now, tuple(columns), departures)


REST_PAGES_PER_STATE = 1  # pages of on-time cards per state in each round


@dataclass(frozen=True)
class WallPage:
    """One screenful of one state's cards: late or stuck ones, or the rest."""

    urgent: bool
    status: OrderStatus
    first: int  # the position of its first card among the state's urgent (or other) cards
    cards: tuple[BoardCard, ...]
    of: int  # how many such cards the state has (all of them, not only those read)
    place: tuple[int, int, int]  # (urgent first, the state's floor order, first): the round
    unlisted: int = 0  # late or stuck cards of the state past ``URGENT_MAX``: said, not paged

    @property
    def number(self) -> int:
        return self.first // max(len(self.cards), 1) + 1


def plan_pages(
    snap: WallSnapshot, per_page: int, *, rest_pages: int = REST_PAGES_PER_STATE
) -> tuple[WallPage, ...]:
    """One round of the wall: every late or stuck card of every state, page by page
    (paging within a state), then up to ``rest_pages`` pages of each state's other
    cards. States with no cards get no page; a page holds at most ``per_page`` cards.
    Late or stuck cards past the ones read (``URGENT_MAX`` a state) are counted on each of
    the state's pages (``unlisted``), for the screen to say so."""
    per_page = max(per_page, 1)
    pages: list[WallPage] = []
    for urgent in (True, False):
        for floor, column in enumerate(snap.columns):
            cards = column.urgent if urgent else column.others
            of = column.urgent_total if urgent else column.total - column.urgent_total
            limit = len(cards) if urgent else min(len(cards), rest_pages * per_page)
            for first in range(0, limit, per_page):
                chunk = cards[first : min(first + per_page, limit)]
                place = (0 if urgent else 1, floor, first)
                unlisted = max(of - len(cards), 0) if urgent else 0
                pages.append(WallPage(urgent, column.status, first, chunk, of, place, unlisted))
    return tuple(pages)


def next_page(pages: tuple[WallPage, ...], after: tuple[int, int, int] | None) -> WallPage | None:
    """The page after the place ``after`` in the round (the first again at its end), so a
    new plan read in between carries on where the last one was."""
    if not pages:
        return None
    if after is not None:
        for page in pages:
            if page.place > after:
                return page
    return pages[0]
