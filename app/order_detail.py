"""One order in full for the board's detail pane: lines, the whole story, parcels, prints.

The story (``timeline``) merges every state change (order history), every scan at a
counter (accepted or not, manual confirmations marked) and every recorded action
(expedite, reprint, print requests, short lines), oldest first, each with who, when,
which station and what came of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.board.cards import BoardCard, card_select, said_reason, to_cards
from app.board.rules import BoardRules, rules_from_settings
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import NotFound
from app.models import (
    AuditEvent,
    JobProblem,
    JobStatus,
    Order,
    OrderHistory,
    OrderLine,
    OrderStatus,
    Parcel,
    Printer,
    PrintJob,
    ScanEvent,
    Station,
    User,
)
from app.orders import ShipTo
from app.printing import job_problem


@dataclass(frozen=True)
class DetailLine:
    line_no: int
    sku: str
    name: str
    ordered: int
    packed: int
    short: int
    short_reason: str | None

    @property
    def remaining(self) -> int:
        return self.ordered - self.packed - self.short


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # "state", "scan" or "action"
    what: str  # "ready -> packing", the scan's outcome, or the action's name
    user: str | None
    station: str | None
    detail: str | None  # the reason, the scan's message, or the action's details
    code: str | None = None  # what was scanned
    manual: bool = False  # a manual confirmation instead of a scan
    undone: bool = False  # a scan later taken back with UNDO
    unmatched: bool = False  # scanned at the station while this order was open, matched
    #                          no order (an unknown code, a misread): kept for the story


@dataclass(frozen=True)
class ParcelRow:
    seq: int
    tracking_number: str | None
    sscc: str | None
    weight_g: int | None
    created_at: datetime


@dataclass(frozen=True)
class PrintJobRow:
    id: int
    document: str
    format: str
    status: JobStatus
    printer: str
    attempts: int
    last_error: str | None
    reprint_of_id: int | None
    created_at: datetime
    sent_at: datetime | None
    order: str | None = None  # the order's number, as the channel wrote it
    # what kind of problem ``last_error`` is, for a screen's own words (``job_problem``);
    # for a refused waybill, its order's status when it was refused
    problem: JobProblem | None = None
    refused_status: OrderStatus | None = None


@dataclass(frozen=True)
class OrderView:
    card: BoardCard
    ship_to: ShipTo
    email: str | None
    service: str | None
    lines: tuple[DetailLine, ...]
    timeline: tuple[TimelineEntry, ...]
    parcels: tuple[ParcelRow, ...]
    print_jobs: tuple[PrintJobRow, ...]

    @property
    def hold(self) -> TimelineEntry | None:
        """Why the order is on hold: its newest move to on hold (who, when, the reason),
        or None when it is not on hold."""
        if self.card.status is not OrderStatus.ON_HOLD:
            return None
        on_hold = f"-> {OrderStatus.ON_HOLD.value}"
        return next(
            (e for e in reversed(self.timeline) if e.kind == "state" and e.what.endswith(on_hold)),
            None,
        )

    @property
    def held_because(self) -> str | None:
        """The newest hold's reason as the person gave it."""
        return said_reason(self.hold.detail) if self.hold is not None else None


def order_view(engine: Engine, order_id: int, *, rules: BoardRules | None = None) -> OrderView:
    """Everything about one order, read in one unit of work."""
    rules = rules or rules_from_settings()
    with unit_of_work(engine, read_only=True) as s:
        now = db_now(s)
        found = to_cards(
            s.execute(card_select(rules, engine.dialect.name).where(Order.id == order_id)).all(),
            rules,
            now,
        )
        if not found:
            raise NotFound(
                f"There is no order with id {order_id}.", "order", str(order_id), by_id=True
            )
        order = s.get_one(Order, order_id)
        ship_to = ShipTo(
            order.ship_to_name,
            order.ship_to_company,
            order.ship_to_line1,
            order.ship_to_line2,
            order.ship_to_city,
            order.ship_to_region,
            order.ship_to_postal_code,
            order.ship_to_country,
            order.ship_to_phone,
        )
        lines = tuple(
            DetailLine(
                ln.line_no, ln.sku, ln.name, ln.quantity, ln.packed, ln.short, ln.short_reason
            )
            for ln in s.scalars(
                select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.line_no)
            )
        )
        return OrderView(
            card=found[0],
            ship_to=ship_to,
            email=order.email,
            service=order.service,
            lines=lines,
            timeline=tuple(sorted(_timeline(s, order_id), key=lambda e: e.at)),
            parcels=tuple(
                ParcelRow(p.seq, p.tracking_number, p.sscc, p.weight_g, p.created_at)
                for p in s.scalars(
                    select(Parcel).where(Parcel.order_id == order_id).order_by(Parcel.seq)
                )
            ),
            print_jobs=_print_jobs(s, order_id, order.external_number),
        )


def _timeline(s: Session, order_id: int) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    history = s.execute(
        select(OrderHistory, User.name, Station.name)
        .outerjoin(User, User.id == OrderHistory.user_id)
        .outerjoin(Station, Station.id == OrderHistory.station_id)
        .where(OrderHistory.order_id == order_id)
        .order_by(OrderHistory.id)
    )
    for h, user, station in history:
        source = h.from_status or "created"
        entries.append(
            TimelineEntry(h.at, "state", f"{source} -> {h.to_status}", user, station, h.reason)
        )
    scans = s.execute(
        select(ScanEvent, User.name, Station.name)
        .outerjoin(User, User.id == ScanEvent.user_id)
        .outerjoin(Station, Station.id == ScanEvent.station_id)
        .where(ScanEvent.order_id == order_id)
        .order_by(ScanEvent.id)
    )
    for e, user, station in [*scans, *_unmatched_scans(s, order_id)]:
        entries.append(
            TimelineEntry(
                e.at,
                "scan",
                e.outcome,
                user,
                station,
                e.message,
                code=e.code or e.raw_input,
                manual=e.manual,
                undone=e.undone_by_id is not None,
                unmatched=e.order_id is None,
            )
        )
    line_ids = select(OrderLine.id).where(OrderLine.order_id == order_id)
    actions = s.execute(
        select(AuditEvent, User.name, Station.name)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .outerjoin(Station, Station.id == AuditEvent.station_id)
        .where(
            or_(
                and_(AuditEvent.entity == "order", AuditEvent.entity_id == order_id),
                and_(AuditEvent.entity == "order_line", AuditEvent.entity_id.in_(line_ids)),
            )
        )
        .order_by(AuditEvent.id)
    )
    for a, user, station in actions:
        details = ", ".join(f"{k}: {v}" for k, v in sorted((a.details or {}).items()))
        entries.append(TimelineEntry(a.at, "action", a.action, user, station, details or None))
    return entries


def _unmatched_scans(s: Session, order_id: int) -> list[Any]:
    """Scans that matched no order (unknown codes, misreads) made at a station while it
    had this order open: after its first scan of the order and before its next scan
    of another order (or its last scan of this one, once the order has left it).
    Bounded by event ids, so no station clock is involved."""
    spans = s.execute(
        select(ScanEvent.station_id, func.min(ScanEvent.id), func.max(ScanEvent.id))
        .where(ScanEvent.order_id == order_id, ScanEvent.station_id.is_not(None))
        .group_by(ScanEvent.station_id)
    ).all()
    holder = s.scalar(select(Order.claimed_by_station_id).where(Order.id == order_id))
    found: list[Any] = []
    for station_id, first, last in spans:
        next_other = s.scalar(
            select(func.min(ScanEvent.id)).where(
                ScanEvent.station_id == station_id,
                ScanEvent.id > last,
                ScanEvent.order_id.is_not(None),
                ScanEvent.order_id != order_id,
            )
        )
        if next_other is not None:
            upper = next_other - 1
        elif station_id == holder:
            upper = None  # still open there
        else:
            upper = last
        window = ScanEvent.id >= first if upper is None else ScanEvent.id.between(first, upper)
        found += s.execute(
            select(ScanEvent, User.name, Station.name)
            .outerjoin(User, User.id == ScanEvent.user_id)
            .outerjoin(Station, Station.id == ScanEvent.station_id)
            .where(window, ScanEvent.station_id == station_id, ScanEvent.order_id.is_(None))
            .order_by(ScanEvent.id)
        ).all()
    return found


def _print_jobs(s: Session, order_id: int, number: str) -> tuple[PrintJobRow, ...]:
    printer = aliased(Printer)
    rows = s.execute(
        select(PrintJob, printer.name)
        .join(printer, printer.id == PrintJob.printer_id)
        .where(PrintJob.order_id == order_id)
        .order_by(PrintJob.id)
    )
    return tuple(
        PrintJobRow(
            j.id,
            j.document,
            j.format,
            JobStatus(j.status),
            name,
            j.attempts,
            j.last_error,
            j.reprint_of_id,
            j.created_at,
            j.sent_at,
            number,
            *job_problem.read(j.problem),
        )
        for j, name in rows
    )
