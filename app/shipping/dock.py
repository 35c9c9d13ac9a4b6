"""Handover at the dock: a loader scans each parcel's label onto one carrier's load;
an order is ``shipped`` when all its parcels are on, recorded with who, when, where.

Each scan is one transaction, committed before it is answered, with the order's row
locked: a cancel or a hold at the same moment is either seen or waits. Refused,
loudly, and recorded in the audit (``dock.refused``): a parcel whose order is
cancelled, held or reopened after packing, or whose carrier changed after its label
was made (intercepted: it must not leave); a parcel of another carrier; a label
scanned twice; an unknown label. A parcel whose order still has parcels to come is
loaded, and the answer says which are missing.

A label is found by its tracking number, its SSCC (``00`` + 18 digits), or, for an
order whose waybill carries the order number (a carrier with no numbers), by the
order number when the order has a single parcel.
"""

from __future__ import annotations

import enum
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import credentials, lifecycle
from app.barcodes import InvalidInput, normalise
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import AuditEvent, Load, Order, OrderStatus, Parcel, Station, User
from app.settings import load as load_settings
from app.settings import local_text
from app.shipping import carriers, loads, tracking_numbers
from app.shipping.dock_words import DockWords, said

S = OrderStatus
_SSCC = re.compile(r"(?:\(?00\)?)?(\d{18})")


class Outcome(enum.StrEnum):
    LOADED = "parcel_loaded"
    SHIPPED = "order_shipped"
    TWICE = "already_loaded"
    UNKNOWN = "unknown_label"
    WRONG_CARRIER = "wrong_carrier"
    INTERCEPTED = "intercepted"
    NO_TRACKING = "no_tracking"
    SCAN_EACH = "scan_each_parcel"
    INVALID = "invalid_input"


ACCEPTED = frozenset({Outcome.LOADED, Outcome.SHIPPED})


@dataclass(frozen=True)
class Handover:
    """The answer to one label scanned at the dock (committed before it is given)."""

    outcome: Outcome
    words: DockWords
    code: str
    order: str | None = None
    parcel: str | None = None  # "2/3"
    tracking: str | None = None
    missing: tuple[str, ...] = ()  # the order's parcels not on a truck yet ("1/3")
    load: str | None = None
    on_load: int = 0  # parcels on the open load after this scan
    at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome in ACCEPTED

    @property
    def message(self) -> str:
        return self.words.english()

    def to_json(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "ok": self.ok,
            "message": self.message,
            "code": self.code,
            "order": self.order,
            "parcel": self.parcel,
            "tracking": self.tracking,
            "missing": list(self.missing),
            "load": self.load,
            "on_load": self.on_load,
            "at": self.at.isoformat() if self.at else None,
        }


@dataclass
class _Found:
    parcel: Parcel
    order: Order
    count: int
    siblings: list[Parcel] = field(default_factory=list)


class Dock:
    """One loader at one dock door, loading one carrier's truck."""

    def __init__(self, engine: Engine, *, station: str, user_badge: str, carrier: str) -> None:
        self.engine = engine
        with unit_of_work(engine) as s:
            hashed = credentials.badge_hash(user_badge)
            user = s.scalar(select(User).where(User.badge_hash == hashed, User.active))
            if user is None:
                raise PackdeskError("No active user has that badge: scan a loader's badge.")
            row = s.scalar(select(Station).where(Station.name == station))
            if row is None:
                row = Station(name=station)
                s.add(row)
                s.flush()
            profile = carriers.find(s, carrier)
            known = profile is not None or s.scalar(
                select(Order.id)
                .where(func.lower(Order.carrier) == carrier.strip().lower())
                .limit(1)
            )
            if not known:
                raise PackdeskError(
                    f"No carrier is called {carrier.strip()!r}: no profile and no order names "
                    "it (packdesk carriers list)."
                )
            self.user_id, self.user_name, self.station_id = user.id, user.name, row.id
        self.carrier = profile.name if profile is not None else carrier.strip()
        if not self.carrier:
            raise PackdeskError("Name the carrier whose truck is loaded (--carrier).")

    def scan(self, raw: str) -> Handover:
        """Load the parcel whose label is ``raw`` (or refuse it), committed."""
        try:
            code = normalise(raw).text
        except InvalidInput as exc:
            return Handover(Outcome.INVALID, said("not_a_label", raw.strip()[:40], exc), raw)
        for attempt in range(3):
            try:
                with unit_of_work(self.engine) as s:
                    answer = self._scan(s, code)
                    if not answer.ok:
                        self._record_refusal(s, answer)
                    return answer
            except IntegrityError:  # two docks opened the carrier's day's load at once
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    # --- one scan, in its transaction ---------------------------------------------------

    def _scan(self, s: Session, code: str) -> Handover:
        now = db_now(s)
        found = self._find(s, code)
        if isinstance(found, Handover):
            return found
        parcel, order = found.parcel, found.order
        seq = f"{parcel.seq}/{found.count}"
        number = order.external_number
        base: dict[str, Any] = {
            "code": code,
            "order": number,
            "parcel": seq,
            "tracking": parcel.tracking_number,
            "at": now,
        }
        status = S(order.status)
        if parcel.load_id is not None:
            load = s.get_one(Load, parcel.load_id)
            if status not in (S.PACKED, S.SHIPPED):  # stopped after it was loaded
                words = said("intercepted_loaded", number, status.value, seq, load.number)
                return Handover(Outcome.INTERCEPTED, words, **base)
            when = local_text(parcel.handed_over_at or now, "%H:%M")
            return Handover(Outcome.TWICE, said("already_loaded", code, when, load.number), **base)
        if status is not S.PACKED:
            return Handover(Outcome.INTERCEPTED, said("intercepted", number, status.value), **base)
        label_carrier = parcel.carrier or order.carrier or ""
        if (order.carrier or "").lower() != label_carrier.lower():
            words = said("carrier_changed", number, order.carrier or "?", label_carrier)
            return Handover(Outcome.INTERCEPTED, words, **base)
        if label_carrier.lower() != self.carrier.lower():
            words = said("wrong_carrier", code, label_carrier or "?", self.carrier)
            return Handover(Outcome.WRONG_CARRIER, words, **base)
        if parcel.tracking_number is None and _gives_numbers(s, label_carrier):
            return Handover(Outcome.NO_TRACKING, said("no_tracking", number, seq), **base)
        return self._load(s, found, now, base)

    def _load(self, s: Session, found: _Found, now: datetime, base: dict[str, Any]) -> Handover:
        load = self._open_load(s, now)
        parcel, order = found.parcel, found.order
        parcel.load_id = load.id
        parcel.handed_over_at = now
        parcel.handed_over_by_user_id = self.user_id
        parcel.handed_over_station_id = self.station_id
        s.flush()
        on_load = int(s.scalar(select(func.count()).where(Parcel.load_id == load.id)) or 0)
        missing = tuple(f"{p.seq}/{found.count}" for p in found.siblings if p.load_id is None)
        base.update(load=load.number, on_load=on_load, missing=missing)
        label = base["tracking"] or base["code"]
        if missing:
            words = said(
                "loaded_missing", label, order.external_number, base["parcel"], ", ".join(missing)
            )
            return Handover(Outcome.LOADED, words, **base)
        lifecycle.transition(
            s,
            order,
            S.SHIPPED,
            user_id=self.user_id,
            station_id=self.station_id,
            reason=f"handed over to {self.carrier} ({load.number})",
            at=now,
        )
        if found.count == 1:
            words = said("shipped_one", order.external_number, label, self.carrier, on_load)
        else:
            words = said("shipped", order.external_number, found.count, self.carrier, on_load)
        return Handover(Outcome.SHIPPED, words, **base)

    def _find(self, s: Session, code: str) -> _Found | Handover:
        tracking = tracking_numbers.normalise(code)  # letter case, spaces, hyphens aside
        parcel = s.scalar(select(Parcel).where(Parcel.tracking_number == tracking))
        sscc = _SSCC.fullmatch(tracking)
        if parcel is None and sscc is not None:
            parcel = s.scalar(select(Parcel).where(Parcel.sscc == sscc.group(1)))
        if parcel is None:
            return self._by_order_number(s, code)
        return self._locked(s, parcel.order_id, parcel.id)

    def _by_order_number(self, s: Session, code: str) -> _Found | Handover:
        """The one parcel of an order whose waybill carries the order number (its
        carrier gives no tracking numbers). A parcel with a tracking number is scanned
        by it: the order number (on the packing slip too) never loads it."""
        orders = list(s.scalars(select(Order).where(Order.external_number == code).limit(2)))
        if len(orders) != 1:
            return Handover(Outcome.UNKNOWN, said("unknown_label", code), code)
        order = s.get_one(Order, orders[0].id, with_for_update=True, populate_existing=True)
        number = order.external_number
        parcels = list(s.scalars(select(Parcel).where(Parcel.order_id == order.id)))
        if not parcels:  # no waybill was made for it: it cannot be on a truck
            if order.status is S.PACKED:
                return Handover(Outcome.NO_TRACKING, said("no_waybill", number), code, order=number)
            words = said("intercepted", number, S(order.status).value)
            return Handover(Outcome.INTERCEPTED, words, code, order=number)
        if any(p.tracking_number for p in parcels):
            words = said("scan_tracking_number", number)
            return Handover(Outcome.SCAN_EACH, words, code, order=number)
        ids = [p.id for p in parcels]
        if len(ids) > 1:
            return Handover(
                Outcome.SCAN_EACH,
                said("scan_each_parcel", order.external_number, len(ids)),
                code,
                order=order.external_number,
            )
        return self._locked(s, order.id, ids[0])

    def _locked(self, s: Session, order_id: int, parcel_id: int) -> _Found:
        order = s.get_one(Order, order_id, with_for_update=True, populate_existing=True)
        siblings = list(
            s.scalars(
                select(Parcel)
                .where(Parcel.order_id == order_id)
                .order_by(Parcel.seq)
                .execution_options(populate_existing=True)
            )
        )
        parcel = next(p for p in siblings if p.id == parcel_id)
        return _Found(parcel, order, len(siblings), siblings)

    def _open_load(self, s: Session, now: datetime) -> Load:
        """The carrier's open load, or a new one numbered for the local day."""
        # locked: a manifest closing at this moment waits for this scan, or this scan
        # sees the load closed (and opens the next) once the closing is committed
        load = s.scalar(loads.open_load(self.carrier, locked=True))
        if load is not None:
            return load
        day = now.astimezone(load_settings().timezone).strftime("%Y%m%d")
        prefix = f"M-{_slug(self.carrier)}-{day}-"
        earlier = s.scalar(select(func.count()).where(Load.number.startswith(prefix))) or 0
        load = Load(carrier=self.carrier, number=f"{prefix}{earlier + 1}", opened_at=now)
        s.add(load)
        s.flush()
        return load

    def _record_refusal(self, s: Session, answer: Handover) -> None:
        code = answer.code
        if answer.outcome is Outcome.UNKNOWN:  # a loader's badge (the next loader's)?
            hashed = credentials.badge_hash(code)
            if hashed and s.scalar(select(User.id).where(User.badge_hash == hashed)):
                code = credentials.badge_mark(code)  # never a badge in clear
        s.add(
            AuditEvent(
                at=answer.at or db_now(s),
                user_id=self.user_id,
                station_id=self.station_id,
                action="dock.refused",
                entity="order" if answer.order else None,
                entity_id=s.scalar(select(Order.id).where(Order.external_number == answer.order))
                if answer.order
                else None,
                details={
                    "outcome": answer.outcome.value,
                    "code": code,
                    "carrier": self.carrier,
                    "order": answer.order,
                    "parcel": answer.parcel,
                },
            )
        )


def _gives_numbers(s: Session, carrier: str) -> bool:
    profile = carriers.find(s, carrier)
    return profile is not None and profile.tracking_source != carriers.TrackingSource.ORDER


def _slug(carrier: str) -> str:
    """A carrier's name as letters and digits for a manifest's number ("SF", "ZTO");
    a name in other scripts by a short checksum of it."""
    slug = re.sub(r"[^A-Z0-9]", "", carrier.upper())[:12]
    return slug or f"C{zlib.crc32(carrier.encode()) % 100000:05d}"
