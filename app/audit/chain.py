"""Appending to the audit chains (see ``app.audit``).

An event's canonical form (format 1) is one line of UTF-8 JSON, an array::

    [1, chain, seq, prev, at, user, station, action, entity, entity_id, details]

without spaces between its items, non-ASCII as is, where ``chain`` is its chain
("station-3", "central"), ``seq`` its number in the chain from 1, ``prev`` the
SHA-256 (hex) of the event before it (64 zeros for the first), ``at`` the time in UTC
as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``, ``user``, ``station``, ``entity`` and
``entity_id`` values or null, and ``details`` the event's details exactly as the
database holds their JSON text (so ``verify`` hashes what it reads without parsing
it: a million events in seconds). The event's hash is the SHA-256 of those bytes.
The row's id is not in it (the database gives it); the chain's order is ``seq``.

The details column is JSON (text kept as written on both databases: SQLite's TEXT,
PostgreSQL's ``json``, not ``jsonb``, which would rewrite it and break every chain).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, event, insert, text, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapper

from app.direct_sql import DirectStatement
from app.models import AuditChain, AuditEvent

FORMAT = 1
GENESIS = "0" * 64
CENTRAL = "central"  # the chain of events from no counter


def chain_of(station_id: int | None) -> str:
    """The chain an event of ``station_id`` is appended to."""
    return CENTRAL if station_id is None else f"station-{station_id}"


def instant(at: datetime) -> str:
    """A time as the canonical form writes it (UTC, microseconds)."""
    if at.tzinfo is None:
        raise ValueError("naive datetime in an audit event; use timezone-aware UTC")
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def digest(
    chain: str,
    seq: int,
    prev: str,
    at: str,
    user_id: int | None,
    station_id: int | None,
    action: str,
    entity: str | None,
    entity_id: int | None,
    details: str,
) -> str:
    """The SHA-256 (hex) of an event's canonical form; ``at`` as ``instant`` writes
    it and ``details`` as the database holds the JSON text. (The array is written
    piece by piece, as ``json.dumps`` would write it: twice as fast, for ``verify``.)"""
    head = (
        f"[{FORMAT},{_text(chain)},{seq},{_text(prev)},{_text(at)},{_value(user_id)},"
        f"{_value(station_id)},{_text(action)},{_value(entity)},{_value(entity_id)},"
    )
    return hashlib.sha256(f"{head}{details}]".encode()).hexdigest()


_text = json.encoder.encode_basestring  # "..." as JSON has it


def _value(value: Any) -> str:
    """null, a number, or a string as JSON writes it."""
    if value is None:
        return "null"
    return _text(value) if isinstance(value, str) else str(value)


def json_text(dialect: Dialect) -> Callable[[Any], str]:
    """How the database's JSON column writes a value as text (SQLAlchemy's own)."""
    serializer: Callable[[Any], str] | None = getattr(dialect, "_json_serializer", None)
    return serializer or json.dumps


def as_stored(details: Mapping[str, Any] | None) -> dict[str, Any]:
    """Details as they read back from the database (tuples as lists, keys as text)."""
    return json.loads(json.dumps(details)) if details else {}


# run on the driver's cursor (``app.direct_sql``): the order-closing scan appends one
# event, and SQLAlchemy's own execution cost more than the statements themselves
_ADVANCE = DirectStatement(
    update(AuditChain)
    .where(AuditChain.chain == bindparam("chain"))
    .values(seq=AuditChain.seq + 1)
    .returning(AuditChain.seq, AuditChain.hash)
)
_SET_HEAD = DirectStatement(
    update(AuditChain)
    .where(AuditChain.chain == bindparam("chain"))
    .values(hash=bindparam("hash"))
    .returning(AuditChain.seq)
)
_START = text(
    "INSERT INTO audit_chains (chain, seq, hash) VALUES (:chain, 0, :hash) "
    "ON CONFLICT (chain) DO NOTHING"
)


def seal(conn: Connection, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` (an event's columns but its links) made the next link of its chain,
    inside ``conn``'s transaction: the chain's head row is locked to the commit, and
    moved on to this event."""
    chain = chain_of(values.get("station_id"))
    heads = _ADVANCE.rows(conn, {"chain": chain})
    if not heads:  # the chain's first event
        conn.execute(_START, {"chain": chain, "hash": GENESIS})
        heads = _ADVANCE.rows(conn, {"chain": chain})
    seq, prev = int(heads[0][0]), str(heads[0][1])
    details = as_stored(values.get("details"))
    sealed = dict(values, chain=chain, seq=seq, prev_hash=prev, details=details)
    sealed["hash"] = digest(
        chain,
        seq,
        prev,
        instant(values["at"]),
        values.get("user_id"),
        values.get("station_id"),
        values["action"],
        values.get("entity"),
        values.get("entity_id"),
        json_text(conn.dialect)(details),
    )
    _SET_HEAD.rows(conn, {"chain": chain, "hash": sealed["hash"]})
    return sealed


_COLUMNS = ("at", "user_id", "station_id", "action", "entity", "entity_id", "details")
_LINK = ("chain", "seq", "prev_hash", "hash")
_INSERT = DirectStatement(
    insert(AuditEvent)
    .values(
        {
            name: bindparam(name, type_=AuditEvent.__table__.c[name].type)
            for name in _COLUMNS + _LINK
        }
    )
    .returning(AuditEvent.id)
)


def append(conn: Connection, **values: Any) -> int:
    """One audit event appended on ``conn`` (in its transaction), as a plain INSERT:
    nothing pending in an ORM session is flushed for it. Its id."""
    sealed = seal(conn, values)
    return int(_INSERT.rows(conn, {name: sealed.get(name) for name in _COLUMNS + _LINK})[0][0])


@event.listens_for(AuditEvent, "before_insert")
def _chain_added_event(_mapper: Mapper[Any], conn: Connection, target: AuditEvent) -> None:
    """Every ``AuditEvent`` a session inserts is sealed as it goes in, in the order
    they were added."""
    sealed = seal(conn, {name: getattr(target, name) for name in _COLUMNS})
    target.chain, target.seq = sealed["chain"], sealed["seq"]
    target.prev_hash, target.hash = sealed["prev_hash"], sealed["hash"]
    target.details = sealed["details"]


def reseal(conn: Connection, chain: str, from_seq: int) -> None:
    """The links of ``chain`` from ``from_seq`` on computed again from what the rows
    say now, and its head moved to the last. Only for the demo, which spreads the
    times of the events it has just written over a packer's morning, and the
    migration that chained the events written before: anything else that changes an
    event is what the chain is there to show."""
    prev = conn.execute(
        text("SELECT hash FROM audit_events WHERE chain = :chain AND seq = :seq"),
        {"chain": chain, "seq": from_seq - 1},
    ).scalar()
    prev = prev or GENESIS
    moved = []
    for row in stored_events(conn, chain, from_seq):
        key, _chain, seq, _prev, _hash, *fields = row
        link = digest(chain, seq, prev, *fields)
        moved.append({"key": key, "p": prev, "h": link})
        prev = link
    if moved:
        conn.execute(_RELINK, moved)
        _SET_HEAD.rows(conn, {"chain": chain, "hash": prev})


_RELINK = text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :key")
_COLUMNS_AS_TEXT = {
    # (SQLAlchemy stores a time as "YYYY-MM-DD HH:MM:SS.ffffff"; one written without
    # its microseconds gets them; any other text is hashed as it is, and does not fit)
    "sqlite": "id, chain, seq, prev_hash, hash, CASE length(at) "
    "WHEN 26 THEN substr(at, 1, 10) || 'T' || substr(at, 12) || 'Z' "
    "WHEN 19 THEN substr(at, 1, 10) || 'T' || substr(at, 12) || '.000000Z' ELSE at END, "
    "user_id, station_id, action, entity, entity_id, details",
    "postgresql": "id, chain, seq, prev_hash, hash, "
    "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), user_id, "
    "station_id, action, entity, entity_id, details::text",
}


def stored_events(
    conn: Connection, chain: str | None = None, from_seq: int = 1, batch: int = 20_000
) -> Iterator[tuple[Any, ...]]:
    """The audit events (of ``chain`` from ``from_seq``; else all), by chain and
    number, each as the tuple ``(id, chain, seq, prev_hash, hash, at, user_id,
    station_id, action, entity, entity_id, details)`` with ``at`` and ``details`` as
    the canonical form has them: straight from the driver's cursor (no SQLAlchemy
    rows), ``batch`` at a time."""
    sqlite = conn.dialect.name == "sqlite"
    mark = "?" if sqlite else "%s"
    where = f"WHERE chain = {mark} AND seq >= {mark} " if chain is not None else ""
    sql = f"SELECT {_COLUMNS_AS_TEXT[conn.dialect.name]} FROM audit_events {where}"
    sql += "ORDER BY chain, seq"
    driver: Any = conn.connection.dbapi_connection
    # a server-side cursor on PostgreSQL: a million rows are not held in memory at once
    cursor = driver.cursor() if sqlite else driver.cursor(name="packdesk_audit_walk")
    cursor.execute(sql, (chain, from_seq) if chain is not None else ())
    try:
        while rows := cursor.fetchmany(batch):
            yield from rows
    finally:
        cursor.close()
