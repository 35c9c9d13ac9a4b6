"""The daily consistency check (``packdesk check`` and the board's panel).

Finds what a supervisor should look at, by the database server's clock:

* ``packed_not_shipped``: packed longer than the ``packed`` stuck threshold;
* ``label_without_packed_order``: a waybill/label printed for an order that is not
  being packed, packed or shipped (e.g. cancelled or put back after printing);
* ``claim_by_absent_station``: an order claimed by a station not seen for longer
  than ``station_unseen_minutes`` (seen = the station's last sign of life, the claim
  itself, or the last scan on the order, whichever is newest);
* ``import_count_mismatch``: an order import whose file held a different number of
  orders than it created, updated, left unchanged or skipped;
* ``missed_cutoff``: a parcel packed before its carrier's cut-off today (local time)
  that was not handed over by it;
* ``tracking_pool_low``: a carrier whose pool holds fewer free numbers than its
  warning level;
* ``count_without_scans``: an order line whose packed count is not what its scans
  add up to (the units of its packing scans not undone): a count changed by hand in
  the database, or a scan removed from the log;
* ``carrier_cancel_pending``: a shipment a carrier's API made that must be cancelled
  there (its label voided, or its order cancelled), given up on or still not
  cancelled after an hour;
* ``catalogue_weight_off``: parcels of the same contents and box that, over at least
  ``MIN_LEARNED`` of them, weigh more or less than the catalogue's unit weights make
  them by more than the weight tolerance (a unit weight to correct);
* ``audit_broken``: an audit event changed, removed, inserted or moved since it was
  written (``app.audit.verify``: each break, with its chain and number).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from app import settings as settings_mod
from app.badge_backups import holding_clear_badges
from app.board.cards import entered_state_at
from app.board.rules import BoardRules
from app.db import unit_of_work
from app.dbclock import db_now
from app.models import (
    Carrier,
    ImportBatch,
    JobStatus,
    Order,
    OrderLine,
    OrderStatus,
    Parcel,
    PoolNumber,
    PrintJob,
    ScanEvent,
    Station,
    WeightProfile,
)
from app.packing.verdict import PACKED_OUTCOMES
from app.shipping import carrier_cancellations, carriers
from app.shipping.weight_check import MIN_LEARNED, Learned, Tolerance

S = OrderStatus
LABEL_DOCUMENTS = ("waybill", "label")
LIMIT = 1000  # problems listed per kind
CANCEL_PENDING = timedelta(hours=1)  # a shipment not cancelled at its carrier by then


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str  # one plain sentence for people
    order_id: int | None = None
    order: str | None = None
    since: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "message": self.message,
            "order_id": self.order_id,
            "order": self.order,
            "since": self.since.isoformat() if self.since else None,
        }


@dataclass(frozen=True)
class ConsistencyReport:
    now: datetime
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, kind: str) -> int:
        return sum(1 for p in self.problems if p.kind == kind)

    def to_json(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "ok": self.ok,
            "problems": [p.to_json() for p in self.problems],
        }


def _ago(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 120:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def check(
    engine: Engine,
    *,
    rules: BoardRules | None = None,
    station_unseen: timedelta | None = None,
    now: datetime | None = None,
) -> ConsistencyReport:
    """Every consistency problem found now (the database server's time unless given),
    in one read-only unit of work."""
    settings = settings_mod.load()
    rules = rules or BoardRules.from_settings(settings)
    if station_unseen is None:
        station_unseen = timedelta(minutes=settings.station_unseen_minutes)
    with unit_of_work(engine, read_only=True) as s:
        now = now or db_now(s)
        problems = [
            *_packed_not_shipped(s, now, rules),
            *_labels_without_packed_order(s),
            *_claims_by_absent_stations(s, now, station_unseen),
            *_import_mismatches(s),
            *_missed_cutoffs(s, now, settings.timezone),
            *_pools_running_low(s),
            *_catalogue_weights_off(s),
            *_counts_without_scans(s),
            *_cancellations_pending(s, now),
        ]
    problems += _audit_breaks(engine) + _backups_with_clear_badges(engine)
    return ConsistencyReport(now, tuple(problems))


def _audit_breaks(engine: Engine) -> list[Problem]:
    """Each break in the audit chains (on its own connection: a walk of every event)."""
    from app.audit.verify import verify

    report = verify(engine)
    found = [Problem("audit_broken", b.message) for b in report.breaks[:LIMIT]]
    if report.broken > len(found):
        more = report.broken - len(found)
        found.append(Problem("audit_broken", f"... and {more} more breaks (packdesk audit verify)"))
    return found


def _missed_cutoffs(s: Session, now: datetime, zone: ZoneInfo) -> list[Problem]:
    """Parcels packed before their carrier's cut-off today that are not on a truck."""
    problems: list[Problem] = []
    for carrier in s.scalars(select(Carrier).where(Carrier.cutoff.is_not(None))):
        assert carrier.cutoff is not None
        cutoff = carriers.cutoff_at(carrier.cutoff, now, zone)
        if now < cutoff:
            continue
        entered = entered_state_at().label("entered")
        query = (
            select(Order.id, Order.external_number, Parcel.seq, entered)
            .join(Parcel, Parcel.order_id == Order.id)
            .where(
                Order.status == S.PACKED,
                func.lower(func.coalesce(Parcel.carrier, Order.carrier)) == carrier.name.lower(),
                Parcel.load_id.is_(None),
                entered_state_at() < cutoff,
            )
            .order_by(Order.external_number, Parcel.seq)
            .limit(LIMIT)
        )
        at = cutoff.astimezone(zone).strftime("%H:%M")
        problems += [
            Problem(
                "missed_cutoff",
                f"Order {number}, parcel {seq}: packed for {carrier.name} before its {at} "
                "cut-off and not on the truck.",
                order_id,
                number,
                packed_at,
            )
            for order_id, number, seq, packed_at in s.execute(query)
        ]
    return problems


def _counts_without_scans(s: Session) -> list[Problem]:
    """Lines whose packed count the scan log does not add up to (one pass over each)."""
    scanned = (
        select(ScanEvent.line_id, func.sum(ScanEvent.units).label("units"))
        .where(
            ScanEvent.line_id.is_not(None),
            ScanEvent.undone_by_id.is_(None),
            ScanEvent.outcome.in_(sorted(PACKED_OUTCOMES)),
        )
        .group_by(ScanEvent.line_id)
        .subquery()
    )
    by_scans = func.coalesce(scanned.c.units, 0)
    query = (
        select(Order.id, Order.external_number, OrderLine.sku, OrderLine.packed, by_scans)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .outerjoin(scanned, scanned.c.line_id == OrderLine.id)
        .where(OrderLine.packed != by_scans)
        .order_by(Order.external_number, OrderLine.line_no)
        .limit(LIMIT)
    )
    return [
        Problem(
            "count_without_scans",
            f"Order {number}, {sku}: {packed} packed, but its scans add up to {units}.",
            order_id,
            number,
        )
        for order_id, number, sku, packed, units in s.execute(query)
    ]


def _catalogue_weights_off(s: Session) -> list[Problem]:
    w = WeightProfile
    query = (
        select(w.contents, w.parcels, w.mean_g, w.m2, w.catalogue_g)
        .where(w.parcels >= MIN_LEARNED, w.catalogue_g.is_not(None))
        .order_by(w.contents)
    )
    problems = []
    for contents, n, mean, m2, catalogue in s.execute(query):
        learned = Learned(n, mean, m2)
        if catalogue is None or abs(mean - catalogue) <= Tolerance().of(catalogue):
            continue
        problems.append(
            Problem(
                "catalogue_weight_off",
                f"{contents}: {n} parcels weighed {mean:.0f} g on average "
                f"(±{learned.spread_g:.0f} g); the catalogue's weights make {catalogue} g. "
                "Correct the unit weights.",
            )
        )
        if len(problems) >= LIMIT:
            break
    return problems


def _cancellations_pending(s: Session, now: datetime) -> list[Problem]:
    problems = []
    queued_before = now - CANCEL_PENDING
    for w in carrier_cancellations.waiting(s, queued_before=queued_before)[:LIMIT]:
        of_order = f" (order {w.order_number})" if w.order_number else ""
        state = "given up" if w.given_up else f"still not done after {w.tries} tries"
        problems.append(
            Problem(
                "carrier_cancel_pending",
                f"{w.carrier} shipment {w.tracking_number}{of_order} must be cancelled at "
                f"the carrier ({w.why}), {state}: {w.last_error or 'no answer yet'}. Cancel "
                "it on the carrier's site, or retry: packdesk tracking cancellations --retry.",
                None,
                w.order_number,
                w.since,
            )
        )
    return problems


def _pools_running_low(s: Session) -> list[Problem]:
    free = (
        select(func.count())
        .where(PoolNumber.carrier_id == Carrier.id, PoolNumber.used_at.is_(None))
        .scalar_subquery()
    )
    query = select(Carrier.name, free, Carrier.pool_low_at).where(
        Carrier.tracking_source == carriers.TrackingSource.POOL.value
    )
    return [
        Problem(
            "tracking_pool_low",
            f"Tracking numbers of {name}: {left} left (warning below {low}); import the "
            "carrier's next numbers.",
        )
        for name, left, low in s.execute(query)
        if left < low
    ]


def _packed_not_shipped(s: Session, now: datetime, rules: BoardRules) -> list[Problem]:
    limit = rules.stuck_after.get(S.PACKED)
    if limit is None:
        return []
    entered = entered_state_at().label("entered")
    query = (
        select(Order.id, Order.external_number, entered)
        .where(Order.status == S.PACKED, entered_state_at() < now - limit)
        .order_by(entered, Order.id)
        .limit(LIMIT)
    )
    return [
        Problem(
            "packed_not_shipped",
            f"Order {number} was packed {_ago(now - at)} ago and has not shipped.",
            order_id,
            number,
            at,
        )
        for order_id, number, at in s.execute(query)
    ]


def _labels_without_packed_order(s: Session) -> list[Problem]:
    parcel_order = select(Parcel.order_id).where(Parcel.id == PrintJob.parcel_id).scalar_subquery()
    order_id = func.coalesce(PrintJob.order_id, parcel_order)
    query = (
        select(Order.id, Order.external_number, Order.status, func.max(PrintJob.created_at))
        .select_from(PrintJob)
        .join(Order, Order.id == order_id)
        .where(
            PrintJob.document.in_(LABEL_DOCUMENTS),
            PrintJob.status == JobStatus.DONE,
            Order.status.not_in([S.PACKING, S.PACKED, S.SHIPPED]),
        )
        .group_by(Order.id, Order.external_number, Order.status)
        .order_by(Order.id)
        .limit(LIMIT)
    )
    return [
        Problem(
            "label_without_packed_order",
            f"A shipping label was printed for order {number}, which is {S(status).value}; "
            "void the label or pack the order.",
            oid,
            number,
            printed,
        )
        for oid, number, status, printed in s.execute(query)
    ]


def _claims_by_absent_stations(s: Session, now: datetime, unseen: timedelta) -> list[Problem]:
    last_scan = (
        select(func.max(ScanEvent.at))
        .where(ScanEvent.order_id == Order.id, ScanEvent.station_id == Order.claimed_by_station_id)
        .correlate(Order)
        .scalar_subquery()
    )
    query = (
        select(
            Order.id,
            Order.external_number,
            Station.name,
            Station.last_seen_at,
            Order.claimed_at,
            last_scan,
        )
        .join(Station, Station.id == Order.claimed_by_station_id)
        .where(
            Order.claimed_by_station_id.is_not(None),
            or_(Station.last_seen_at.is_(None), Station.last_seen_at < now - unseen),
        )
        .order_by(Order.id)
    )
    problems = []
    for oid, number, station, seen_at, claimed_at, scanned_at in s.execute(query):
        if isinstance(scanned_at, str):  # SQLite: max() of a text column
            scanned_at = datetime.fromisoformat(scanned_at).replace(tzinfo=now.tzinfo)
        signs = [t for t in (seen_at, claimed_at, scanned_at) if t is not None]
        last = max(signs) if signs else None
        if last is not None and last >= now - unseen:
            continue
        gone = f"for {_ago(now - last)}" if last else "ever"
        problems.append(
            Problem(
                "claim_by_absent_station",
                f"Order {number} is held by station {station}, not seen {gone}; "
                "release the claim if nobody is packing it.",
                oid,
                number,
                last,
            )
        )
        if len(problems) >= LIMIT:
            break
    return problems


def _import_mismatches(s: Session) -> list[Problem]:
    b = ImportBatch
    accounted = b.created + b.updated + b.unchanged + b.skipped
    query = (
        select(b.id, b.filename, b.at, b.orders_in_file, b.rows_in_file, accounted)
        .where(b.format.not_like("%-products"), b.orders_in_file != accounted)
        .order_by(b.id)
        .limit(LIMIT)
    )
    return [
        Problem(
            "import_count_mismatch",
            f"Import of {filename} ({rows} rows) held {in_file} orders, but {stored} were "
            "created, updated, left unchanged or skipped; compare the file with the orders.",
            since=at,
        )
        for _, filename, at, in_file, rows, stored in s.execute(query)
    ]


def _backups_with_clear_badges(engine: Engine) -> list[Problem]:
    """A problem for each backup taken before the badges were hashed (``badge_backups``)."""
    said = "holds every user's badge in clear (taken before the badges were hashed): delete it"
    return [Problem("clear_badges_in_backup", f"{p} {said}") for p in holding_clear_badges(engine)]
