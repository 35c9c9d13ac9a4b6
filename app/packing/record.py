"""Writing a scan to the scan log and turning it into the verdict the packer hears.

Every scan, accepted or not, leaves one ``ScanEvent`` (for the history and the KPIs);
the event keeps the counts it reported, so a retried scan id is answered with the
verdict it was first given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from app import scan_tally
from app.barcodes import NormalisedScan
from app.models import Order, OrderLine, ScanEvent
from app.packing import count
from app.packing.verdict import Outcome, Verdict
from app.packing.words import Words

RAW_KEPT = 300  # characters of a raw scan kept in the log
# built once; the event is written straight to its table (no ORM object to flush). Its
# id comes back by RETURNING on PostgreSQL and by lastrowid on SQLite (which has
# RETURNING only from 3.35)
_INSERT_EVENT = insert(ScanEvent)
# on PostgreSQL a counted scan's event and its tally go in one round trip: the event's
# INSERT as a data-modifying CTE of the tally's upsert, which returns the event's id
_EVENT_COLUMNS = [c for c in ScanEvent.__table__.c if not c.primary_key]
_LOGGED = (
    insert(ScanEvent)
    .values({c.name: bindparam(f"ev_{c.name}", type_=c.type) for c in _EVENT_COLUMNS})
    .returning(ScanEvent.id)
    .cte("logged")
)
_LOG_AND_TALLY_PG = (
    scan_tally.upsert("postgresql")
    .add_cte(_LOGGED)
    .returning(select(_LOGGED.c.id).scalar_subquery())
)
# and an accepted scan's count goes in the same statement: all of the scan's writes in
# one round trip
_LOG_TALLY_AND_COUNT_PG = (
    scan_tally.upsert("postgresql")
    .add_cte(_LOGGED)
    .add_cte(count.COUNTED)
    .add_cte(count.TOUCHED)
    .returning(
        select(_LOGGED.c.id).scalar_subquery(),
        select(count.COUNTED.c.packed).scalar_subquery(),
        select(count.TOUCHED.c.version).scalar_subquery(),
    )
)


@dataclass(frozen=True)
class Step:
    """One scan on its way through the engine: its transaction, id, number and text."""

    s: Session
    uid: str
    seq: int
    raw: str
    scan: NormalisedScan | None  # None when the input was not a code at all


class LineFacts(Protocol):
    """What a verdict reads from an order line: an ORM line or a scan's ``LineCounts``."""

    @property
    def id(self) -> int: ...
    @property
    def sku(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def packed(self) -> int: ...


@dataclass(frozen=True)
class Facts:
    """What a verdict reports beyond its outcome and words."""

    order_id: int | None = None
    order: str | None = None
    line: LineFacts | None = None
    sku: str | None = None
    product_name: str | None = None
    remaining: int | None = None
    units: int = 0
    short_units: int = 0  # the line's units this scan marked short (negative: found)
    began_parcel: int | None = None  # the parcel (its number) this scan began
    serial: str | None = None
    lot: str | None = None
    expiry: date | None = None
    manual: bool = False
    warning: str | None = None
    other_order: str | None = None
    command: str | None = None
    order_status: str | None = None
    other_station: str | None = None


def printable(text: str) -> str:
    """A raw scan as it can be stored and shown: control characters made visible."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def log(
    step: Step,
    outcome: Outcome,
    said: str | Words,
    facts: Facts,
    *,
    station_id: int,
    user_id: int | None,
    at: datetime,
    counting: count.Count | None = None,
) -> tuple[Verdict, int]:
    """Write the scan event and its tally (and an accepted scan's ``counting``), and
    build its verdict; returns the event's id.

    Whatever the scan changed through the ORM is flushed first, so the event follows
    the changes it reports, as it always has."""
    words = said if isinstance(said, Words) else None
    message = said.english() if isinstance(said, Words) else said
    line = facts.line
    packed = line.packed if line is not None else None
    ordered = line.quantity if line is not None else None
    code = step.scan.text if step.scan is not None else None
    s = step.s
    s.flush()
    conn = s.connection()
    event = {
        "scan_uid": step.uid,
        "at": at,
        "station_id": station_id,
        "user_id": user_id,
        "order_id": facts.order_id,
        "line_id": line.id if line is not None else None,
        "raw_input": printable(step.raw)[:RAW_KEPT],
        "code": code[:RAW_KEPT] if code else None,
        "outcome": outcome.value,
        "units": facts.units,
        "short_units": facts.short_units,
        "began_parcel": facts.began_parcel,
        "serial": facts.serial,
        "lot": facts.lot,
        "expiry": facts.expiry.isoformat() if facts.expiry else None,
        "manual": facts.manual,
        "message": (f"{message} ({facts.warning})" if facts.warning else message)[:500],
        "packed_after": packed,
        "ordered": ordered,
        "remaining_after": facts.remaining,
        "undone_by_id": None,
    }
    tally = scan_tally.counted(
        at=at, user_id=user_id, outcome=outcome.value, manual=facts.manual, units=facts.units
    )
    event_id: int
    if tally is not None and conn.dialect.name == "postgresql":
        params = {f"ev_{name}": value for name, value in event.items()} | tally
        if counting is None:
            event_id = conn.execute(_LOG_AND_TALLY_PG, params).scalar_one()
        else:
            row = conn.execute(_LOG_TALLY_AND_COUNT_PG, params | counting.params).one()
            counting.check(row[1], row[2])
            event_id = row[0]
    else:
        if counting is not None:
            counting.write(conn)
        inserted = conn.execute(_INSERT_EVENT, event).inserted_primary_key
        assert inserted is not None
        event_id = inserted[0]
        if tally is not None:
            conn.execute(scan_tally.upsert(conn.dialect.name), tally)
    verdict = Verdict(
        seq=step.seq,
        input=step.raw,
        outcome=outcome,
        message=message,
        order=facts.order,
        sku=facts.sku or (line.sku if line is not None else None),
        product_name=facts.product_name,
        packed=packed,
        ordered=ordered,
        remaining=facts.remaining,
        units=facts.units,
        other_order=facts.other_order,
        warning=facts.warning,
        command=facts.command,
        scan_uid=step.uid,
        line_id=line.id if line is not None else None,
        order_status=facts.order_status,
        other_station=facts.other_station,
        words=words,
        expiry=facts.expiry,
    )
    return verdict, event_id


def replay(s: Session, event: ScanEvent, seq: int) -> Verdict:
    """The verdict a logged scan was given, for a retry of the same scan id."""
    order = s.get(Order, event.order_id) if event.order_id else None
    line = s.get(OrderLine, event.line_id) if event.line_id else None
    return Verdict(
        seq=seq,
        input=event.raw_input,
        outcome=Outcome(event.outcome),
        message=event.message or "",
        order=order.external_number if order else None,
        sku=line.sku if line else None,
        packed=event.packed_after,
        ordered=event.ordered,
        remaining=event.remaining_after,
        units=event.units,
        scan_uid=event.scan_uid,
        replayed=True,
    )
