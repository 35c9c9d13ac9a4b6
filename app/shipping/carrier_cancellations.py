"""Shipments to cancel at the carriers' APIs that made them.

A shipment a carrier's API made must be cancelled there when no parcel will go out
under it: its label was voided (the order's carrier changed, or its box was reopened),
or its order was cancelled. ``queue`` records one in the transaction that makes it
so; nothing is asked of the carrier while a lock is held. ``run_due`` then asks the
carriers, outside any transaction, once per shipment and call: the print service runs
it every minute, and ``packdesk tracking
cancellations --retry`` runs it by hand. A shipment is claimed before it is asked, so
two programs never ask for the same one at once.

What becomes of each:

- the carrier cancelled it: done (``label.cancelled``); it knows no such shipment
  (404): done too, the audit saying so (``carrier_knew_none``: a wrong API address
  answers 404 as well, which a person then sees there);
- the carrier refused (4xx): given up at once, since asking again the same way gets
  the same no (``label.cancel_failed``, with the carrier's reasons);
- no usable answer (5xx, timeouts, no connection): asked again after ``BACKOFF_S``,
  and given up after ``MAX_TRIES`` (``label.cancel_failed``).

``packdesk check`` names every shipment given up, and every one still waiting after an
hour: a person then cancels it on the carrier's own site.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, case, select, update
from sqlalchemy.orm import Session

from app.db import unit_of_work
from app.dbclock import db_now
from app.dialect_insert import insert_for
from app.errors import PackdeskError
from app.models import AuditEvent, Carrier, CarrierCancellation, Order, Parcel
from app.shipping import carriers
from app.shipping.carrier_adapters import AdapterFor, one_try_adapter, speaking_to
from app.shipping.carrier_api import CarrierRefused
from app.shipping.carriers import TrackingSource

log = logging.getLogger(__name__)

MAX_TRIES = 8
BACKOFF_S = (30, 60, 120, 300, 600, 1800, 3600)  # after the 1st, 2nd, ... failed try
CLAIM_S = 120  # a claim outlives any one call (a few timeouts of 10 s)


@dataclass(frozen=True)
class Outcome:
    """What one try came to: ``done``, ``waiting`` (asked again later) or ``given up``."""

    carrier: str
    tracking_number: str
    state: str
    error: str | None = None


@dataclass(frozen=True)
class Waiting:
    """A shipment not cancelled yet (or given up), for lists and the daily check."""

    carrier: str
    tracking_number: str
    why: str
    tries: int
    since: datetime
    given_up: bool
    last_error: str | None
    order_number: str | None

    def to_json(self) -> dict[str, object]:
        return {
            "carrier": self.carrier,
            "tracking": self.tracking_number,
            "order": self.order_number,
            "why": self.why,
            "tries": self.tries,
            "since": self.since.isoformat(),
            "given_up": self.given_up,
            "last_error": self.last_error,
        }


def queue_for_label(s: Session, parcel: Parcel, why: str, now: datetime) -> bool:
    """Record that the parcel's label, if a carrier's API made it, is to be cancelled
    there; True when it was. Its number is read now: a void clears it next."""
    number = parcel.tracking_number
    if number is None or not parcel.carrier:
        return False
    profile = carriers.find(s, parcel.carrier)
    if profile is None or profile.tracking_source != TrackingSource.API:
        return False
    queue(s, profile.id, parcel.id, number, why, now)
    return True


def queue(
    s: Session, carrier_id: int, parcel_id: int | None, number: str, why: str, now: datetime
) -> None:
    """Record one shipment to cancel at the carrier ``carrier_id``: one row per shipment,
    also when two programs queue it at the same moment."""
    s.execute(
        insert_for(s.get_bind().dialect.name, CarrierCancellation)
        .values(
            carrier_id=carrier_id,
            parcel_id=parcel_id,
            tracking_number=number,
            why=why[:64],
            tries=0,
            next_try_at=now,
        )
        .on_conflict_do_nothing(index_elements=["carrier_id", "tracking_number"])
    )


def queue_for_order(s: Session, order_id: int, why: str, now: datetime) -> int:
    """Queue the cancellation of every API-made label of the order's parcels not yet
    on a truck (a cancelled order's parcels keep their numbers, so that the dock knows
    and refuses them); how many were queued."""
    waiting = select(Parcel).where(
        Parcel.order_id == order_id,
        Parcel.tracking_number.is_not(None),
        Parcel.load_id.is_(None),
    )
    return sum(queue_for_label(s, parcel, why, now) for parcel in s.scalars(waiting))


def run_due(
    engine: Engine,
    adapter_for: AdapterFor = one_try_adapter,
    *,
    limit: int = 50,
    until: threading.Event | None = None,
) -> list[Outcome]:
    """Ask the carriers to cancel each shipment whose time has come (at most
    ``limit``, and none more once ``until`` is set), one try each; what each came to."""
    with unit_of_work(engine, read_only=True) as s:
        now = db_now(s)
        due = list(
            s.scalars(
                select(CarrierCancellation.id)
                .where(
                    CarrierCancellation.done_at.is_(None),
                    CarrierCancellation.given_up_at.is_(None),
                    CarrierCancellation.next_try_at <= now,
                )
                .order_by(CarrierCancellation.next_try_at, CarrierCancellation.id)
                .limit(limit)
            )
        )
    outcomes = []
    for cancellation_id in due:
        if until is not None and until.is_set():
            break
        claimed = _claim(engine, cancellation_id)
        if claimed is not None:
            outcomes.append(_ask(engine, cancellation_id, *claimed, adapter_for))
    return outcomes


def _claim(engine: Engine, cancellation_id: int) -> tuple[Carrier, str] | None:
    """Take the shipment for this program for ``CLAIM_S`` seconds; None when another
    program took it first (or it is no longer due)."""
    with unit_of_work(engine) as s:
        now = db_now(s)
        taken = s.execute(
            update(CarrierCancellation)
            .where(
                CarrierCancellation.id == cancellation_id,
                CarrierCancellation.done_at.is_(None),
                CarrierCancellation.given_up_at.is_(None),
                CarrierCancellation.next_try_at <= now,
            )
            .values(next_try_at=now + timedelta(seconds=CLAIM_S))
        ).rowcount  # type: ignore[attr-defined]
        if taken != 1:
            return None
        row = s.get_one(CarrierCancellation, cancellation_id)
        profile = s.get_one(Carrier, row.carrier_id)
        s.expunge(profile)
        return profile, row.tracking_number


def _ask(
    engine: Engine, cancellation_id: int, profile: Carrier, number: str, adapter_for: AdapterFor
) -> Outcome:
    error: str | None = None
    refused = knew_none = False
    try:
        if profile.tracking_source != TrackingSource.API or not profile.api_url:
            raise CarrierRefused(
                f"Shipment {number} is not cancelled",
                [f"{profile.name} no longer takes its numbers from an API"],
            )
        with speaking_to(adapter_for, profile) as adapter:
            adapter.cancel(number)
    except CarrierRefused as exc:
        if exc.status == 404:  # the carrier knows no such shipment: none to cancel
            knew_none = True
        else:
            error, refused = str(exc), True
    except PackdeskError as exc:
        error = str(exc)
    except Exception as exc:  # a bug: counted as a failed try, so it is given up in time
        log.exception("cancelling %s %s at the carrier", profile.name, number)
        error = f"{type(exc).__name__}: {exc}"
    return _record(engine, cancellation_id, profile.name, number, error, refused, knew_none)


def _record(
    engine: Engine,
    cancellation_id: int,
    carrier: str,
    number: str,
    error: str | None,
    refused: bool,
    knew_none: bool = False,
) -> Outcome:
    with unit_of_work(engine) as s:
        now = db_now(s)
        row = s.get_one(CarrierCancellation, cancellation_id, with_for_update=True)
        row.tries += 1
        row.last_error = error[:500] if error else None
        if error is None:
            row.done_at, state = now, "done"
        elif refused or row.tries >= MAX_TRIES:
            row.given_up_at, state = now, "given up"
        else:
            wait = BACKOFF_S[min(row.tries - 1, len(BACKOFF_S) - 1)]
            row.next_try_at, state = now + timedelta(seconds=wait), "waiting"
        if state != "waiting":
            details = {"carrier": carrier, "tracking_number": number, "why": row.why}
            if error:
                details["error"] = error[:500]
            if knew_none:
                details["carrier_knew_none"] = "the carrier answered 404: no such shipment"
            s.add(
                AuditEvent(
                    at=now,
                    action="label.cancelled" if state == "done" else "label.cancel_failed",
                    entity="parcel",
                    entity_id=row.parcel_id,
                    details=details,
                )
            )
    return Outcome(carrier, number, state, error)


class Sweeper(threading.Thread):
    """Asks the carriers to cancel the shipments due, at once and then every
    ``every`` seconds, until stopped; a failure is logged and tried at the next sweep."""

    def __init__(self, engine: Engine, every: float) -> None:
        super().__init__(name="carrier-cancellations", daemon=True)
        self.engine = engine
        self.every = every
        self._halt = threading.Event()

    def stop(self) -> None:
        self._halt.set()

    def run(self) -> None:
        while True:
            try:
                for outcome in run_due(self.engine, until=self._halt):
                    log.info(
                        "cancelling %s %s at the carrier: %s%s",
                        outcome.carrier,
                        outcome.tracking_number,
                        outcome.state,
                        f" ({outcome.error})" if outcome.error else "",
                    )
            except Exception:
                log.warning("cannot ask the carriers to cancel shipments", exc_info=True)
            if self._halt.wait(self.every):
                return


def make_all_due(engine: Engine) -> int:
    """Make every shipment not cancelled yet due now, given-up ones with their tries
    afresh (a person fixed the carrier's address or key); how many."""
    with unit_of_work(engine) as s:
        now = db_now(s)
        given_up = CarrierCancellation.given_up_at.is_not(None)
        return s.execute(  # type: ignore[attr-defined, no-any-return]
            update(CarrierCancellation)
            .where(CarrierCancellation.done_at.is_(None))
            .values(
                given_up_at=None,
                tries=case((given_up, 0), else_=CarrierCancellation.tries),
                next_try_at=now,
            )
        ).rowcount


def waiting(s: Session, *, queued_before: datetime | None = None) -> list[Waiting]:
    """Shipments not cancelled yet, given up ones first; with ``queued_before``, only
    those given up or queued before then."""
    query = (
        select(CarrierCancellation, Carrier.name, Order.external_number)
        .join(Carrier, Carrier.id == CarrierCancellation.carrier_id)
        .outerjoin(Parcel, Parcel.id == CarrierCancellation.parcel_id)
        .outerjoin(Order, Order.id == Parcel.order_id)
        .where(CarrierCancellation.done_at.is_(None))
        .order_by(CarrierCancellation.given_up_at.is_(None), CarrierCancellation.id)
    )
    if queued_before is not None:
        query = query.where(
            (CarrierCancellation.given_up_at.is_not(None))
            | (CarrierCancellation.created_at < queued_before)
        )
    return [
        Waiting(
            carrier=name,
            tracking_number=row.tracking_number,
            why=row.why,
            tries=row.tries,
            since=row.created_at,
            given_up=row.given_up_at is not None,
            last_error=row.last_error,
            order_number=order_number,
        )
        for row, name, order_number in s.execute(query)
    ]
