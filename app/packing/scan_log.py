"""Writing a scan to the scan log and turning it into the verdict the packer hears.

Every scan, accepted or not, leaves one ``ScanEvent`` (for the history and the KPIs);
the event keeps the counts it reported, so a retried scan id is answered with the
verdict it was first given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import Connection, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app import scan_tally
from app.audit import tables as chained
from app.audit.chain import seal_row
from app.barcodes import NormalisedScan
from app.models import Order, OrderLine, ScanEvent
from app.packing import count, scan_log_pg
from app.packing.verdict import Outcome, Verdict
from app.packing.words import Words

RAW_KEPT = 300  # characters of a raw scan kept in the log
# built once; the event is written straight to its table (no ORM object to flush),
# with its link in its counter's scan chain (``app.audit.tables``). On SQLite the link
# is made first (``seal_row``); on PostgreSQL in the same statement (``scan_log_pg``)
_INSERT_EVENT = insert(ScanEvent)
PG = scan_log_pg.written_with(chained.head)


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
    # the scans this one took back (UNDO's one, or those of a box emptied): named in
    # its answer, so its hash vouches for their ``undone_by_id`` (``app.audit.undone``)
    undid: tuple[int, ...] = ()


def printable(text: str) -> str:
    """A raw scan as it can be stored and shown: control characters made visible."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


@dataclass(frozen=True)
class Entry:
    """A scan as it goes into the log: its event row, what it adds to its quarter
    hour's tally (None: not counted), and the verdict it is answered with."""

    event: dict[str, Any]
    tally: dict[str, Any] | None
    verdict: Verdict

    def params(self, dialect: Dialect) -> dict[str, Any]:
        """The event, its link and tally as the one-statement writes bind them
        (PostgreSQL)."""
        event = {f"ev_{name}": value for name, value in self.event.items()}
        linked = chained.link_params(chained.SCANS, dialect, self.event)
        return event | linked | (self.tally or {})


def entry(
    uid: str,
    seq: int,
    raw: str,
    scan: NormalisedScan | None,
    outcome: Outcome,
    said: str | Words,
    facts: Facts,
    *,
    station_id: int,
    user_id: int | None,
    at: datetime,
) -> Entry:
    """The log entry of one scan, and its verdict."""
    words = said if isinstance(said, Words) else None
    message = said.english() if isinstance(said, Words) else said
    line = facts.line
    packed = line.packed if line is not None else None
    ordered = line.quantity if line is not None else None
    code = scan.text if scan is not None else None
    event = {
        "scan_uid": uid,
        "at": at,
        "station_id": station_id,
        "user_id": user_id,
        "order_id": facts.order_id,
        "line_id": line.id if line is not None else None,
        "raw_input": printable(raw)[:RAW_KEPT],
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
        "answer": _answer(facts, line, words),
    }
    tally = scan_tally.counted(
        at=at,
        user_id=user_id,
        station_id=station_id,
        outcome=outcome.value,
        manual=facts.manual,
        units=facts.units,
    )
    verdict = Verdict(
        seq=seq,
        input=raw,
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
        scan_uid=uid,
        line_id=line.id if line is not None else None,
        order_status=facts.order_status,
        other_station=facts.other_station,
        words=words,
        expiry=facts.expiry,
        order_id=facts.order_id,
    )
    return Entry(event, tally, verdict)


def _answer(facts: Facts, line: LineFacts | None, words: Words | None) -> dict[str, Any] | None:
    """What a verdict says beyond the event's own columns, kept to say it again: the
    product's name and the engine's words too (a screen words a replay as the first)."""
    said: dict[str, Any] = {
        "sku": facts.sku or (line.sku if line is not None else None),
        "product_name": facts.product_name,
        "other_order": facts.other_order,
        "warning": facts.warning,
        "command": facts.command,
        "order_status": facts.order_status,
        "other_station": facts.other_station,
        "words": {"key": words.key, "values": list(words.values)} if words else None,
        "undid": list(facts.undid) or None,
    }
    kept = {key: value for key, value in said.items() if value is not None}
    return kept or None


def _words(kept: Any) -> Words | None:
    """The engine's words an answer kept (None: it kept none, or ones no longer known)."""
    if not isinstance(kept, dict):
        return None
    try:
        return Words(str(kept["key"]), tuple(str(v) for v in kept.get("values", ())))
    except KeyError:
        return None


def log(s: Session, logged: Entry, counting: count.Count | None = None) -> int:
    """Write a scan's ``entry`` (and an accepted scan's ``counting``) in the scan's
    transaction; returns the event's id.

    Whatever the scan changed through the ORM is flushed first, so the event follows
    the changes it reports, as it always has."""
    s.flush()
    conn = s.connection()
    event_id: int
    if logged.tally is not None and conn.dialect.name == "postgresql":
        if counting is None:
            (event_id,) = PG.log_and_tally.rows(conn, logged.params(conn.dialect))[0]
        else:
            params = logged.params(conn.dialect) | counting.params
            row = PG.log_tally_and_count.rows(conn, params)[0]
            counting.check(row[1], row[2])
            event_id = row[0]
    else:
        if counting is not None:
            counting.write(conn)
        event_id = _insert(conn, logged)
    return event_id


def _insert(conn: Connection, logged: Entry) -> int:
    """The event and its tally, as statements of their own (SQLite, uncounted scans)."""
    if conn.dialect.name == "postgresql":
        event_id = int(PG.log.rows(conn, logged.params(conn.dialect))[0][0])
    else:
        linked = seal_row(conn, chained.SCANS, logged.event)
        inserted = conn.execute(_INSERT_EVENT, logged.event | linked).inserted_primary_key
        assert inserted is not None
        event_id = int(inserted[0])
    if logged.tally is not None:
        conn.execute(scan_tally.upsert(conn.dialect.name), logged.tally)
    return event_id


def log_unless_changed(conn: Connection, logged: Entry, counting: count.Count) -> int | None:
    """Write an accepted scan decided without the order's lock (``app.packing.item_scan``),
    and commit it, only if its order is still at the version it was read at and its
    line still at the count read; returns the event's id, or None when it was not
    counted because either had changed (nothing written, but for the order's version
    in the rare case ``count.COUNTED_IF_TOUCHED`` tells of).

    ``conn`` is in no transaction. On PostgreSQL (where it commits every statement by
    itself) this is one statement; on SQLite, a transaction of its own."""
    if conn.dialect.name == "postgresql":
        params = logged.params(conn.dialect) | counting.params
        rows = PG.unless_changed.rows(conn, params)
        return int(rows[0][0]) if rows else None
    with conn.begin() as transaction:
        try:
            counting.write(conn)
        except StaleDataError:
            transaction.rollback()
            return None
        return _insert(conn, logged)


def replay(s: Session, event: ScanEvent, seq: int) -> Verdict:
    """The verdict a logged scan was given, for a retry of the same scan id: the same
    answer (an event logged before its answer was kept names the line's SKU only, and
    one logged before its words were kept has only its English message)."""
    order = s.get(Order, event.order_id) if event.order_id else None
    line = s.get(OrderLine, event.line_id) if event.line_id else None
    answer = event.answer or {}
    warning = answer.get("warning")
    message = event.message or ""
    if warning and message.endswith(f" ({warning})"):  # the log keeps the two together
        message = message[: -len(f" ({warning})")]
    return Verdict(
        seq=seq,
        input=event.raw_input,
        outcome=Outcome(event.outcome),
        message=message,
        order=order.external_number if order else None,
        sku=answer.get("sku") or (line.sku if line else None),
        product_name=answer.get("product_name"),
        other_order=answer.get("other_order"),
        warning=warning,
        command=answer.get("command"),
        packed=event.packed_after,
        ordered=event.ordered,
        remaining=event.remaining_after,
        units=event.units,
        scan_uid=event.scan_uid,
        replayed=True,
        line_id=event.line_id,
        order_status=answer.get("order_status"),
        other_station=answer.get("other_station"),
        words=_words(answer.get("words")),
        expiry=date.fromisoformat(event.expiry) if event.expiry else None,
        order_id=event.order_id,
    )
