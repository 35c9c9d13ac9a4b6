"""Appending to the audit chains (see ``app.audit``).

An event's hash (format 1) is the SHA-256, as 64 hex digits, of the ASCII text
``PREV:SEQ:CONTENT``: the hash of the event before it in its chain (64 zeros for the
first), its number in the chain (from 1), and ``CONTENT``, the SHA-256 (hex) of what
it says, one line of UTF-8 JSON, an array::

    [1, chain, at, user, station, action, entity, entity_id, details]

without spaces between its items, non-ASCII as is, where ``chain`` is its chain
("station-3", "central"), ``at`` the time in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``,
``user``, ``station``, ``entity`` and ``entity_id`` values or null, and ``details``
the event's details exactly as the database holds their JSON text (so ``verify``
hashes what it reads without parsing it: a million events in seconds). The row's id
is not in it (the database gives it); the chain's order is ``seq``.

The two steps let PostgreSQL take the last one: an event is appended there in one
statement (the chain's head moved on, under its row lock, and the event inserted
with the hash the server computes from the head's), one round trip for the
order-closing scan's event instead of three. On SQLite (in-process, no round trips)
the three statements run on the driver's cursor.

The details column is JSON (text kept as written on both databases: SQLite's TEXT,
PostgreSQL's ``json``, not ``jsonb``, which would rewrite it and break every chain).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, event, insert, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapper

from app.direct_sql import DirectStatement
from app.models import AuditEvent

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
    """An event's hash: ``link(prev, seq, content(...))``; ``at`` as ``instant``
    writes it and ``details`` as the database holds the JSON text."""
    return link(
        prev, seq, content(chain, at, user_id, station_id, action, entity, entity_id, details)
    )


def content(
    chain: str,
    at: str,
    user_id: int | None,
    station_id: int | None,
    action: str,
    entity: str | None,
    entity_id: int | None,
    details: str,
) -> str:
    """The SHA-256 (hex) of what an event says (the JSON array above; written piece
    by piece as ``json.dumps`` would write it: twice as fast, for ``verify``)."""
    head = (
        f"[{FORMAT},{_text(chain)},{_text(at)},{_value(user_id)},{_value(station_id)},"
        f"{_text(action)},{_value(entity)},{_value(entity_id)},"
    )
    return hashlib.sha256(f"{head}{details}]".encode()).hexdigest()


def link(prev: str, seq: int, said: str) -> str:
    """An event's hash from the one before it, its number and its ``content``: the
    SHA-256 (hex) of ``PREV:SEQ:CONTENT`` (ASCII), as PostgreSQL computes it too."""
    return hashlib.sha256(f"{prev}:{seq}:{said}".encode()).hexdigest()


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
# event, and SQLAlchemy's own execution cost more than the statements themselves.
# (In an UPDATE's SET every right-hand side reads the row as it was.)
_ADVANCE = DirectStatement(
    text(
        "UPDATE audit_chains SET prev_hash = hash, seq = seq + 1 WHERE chain = :chain "
        "RETURNING seq, prev_hash"
    )
)
_SET_HEAD = DirectStatement(
    text("UPDATE audit_chains SET hash = :hash WHERE chain = :chain RETURNING seq")
)
_START = text(
    "INSERT INTO audit_chains (chain, seq, hash, prev_hash) VALUES (:chain, 0, :hash, :hash) "
    "ON CONFLICT (chain) DO NOTHING"
)
_COLUMNS = ("at", "user_id", "station_id", "action", "entity", "entity_id", "details")
_LINK = ("chain", "seq", "prev_hash", "hash")
_TYPED = [bindparam(n, type_=AuditEvent.__table__.c[n].type) for n in _COLUMNS]
_INSERT = DirectStatement(
    insert(AuditEvent)
    .values({n: bindparam(n, type_=AuditEvent.__table__.c[n].type) for n in _COLUMNS + _LINK})
    .returning(AuditEvent.id)
)
# PostgreSQL: the head moved on and the event inserted in one statement, the event's
# hash computed by the server from the head's (``link``)
_APPEND_PG = DirectStatement(
    text(
        "WITH head AS (UPDATE audit_chains SET prev_hash = hash, seq = seq + 1, "
        "hash = encode(sha256(convert_to(hash || ':' || (seq + 1)::text || ':' || "
        ":content, 'UTF8')), 'hex') WHERE chain = :chain RETURNING seq, prev_hash, hash) "
        "INSERT INTO audit_events (at, user_id, station_id, action, entity, entity_id, "
        "details, chain, seq, prev_hash, hash) SELECT :at, :user_id, :station_id, :action, "
        ":entity, :entity_id, :details, :chain, seq, prev_hash, hash FROM head "
        "RETURNING id"
    ).bindparams(*_TYPED)
)


def _fields(conn: Connection, values: dict[str, Any]) -> dict[str, Any]:
    """An event's columns but its links, its details as they will read back, its
    chain, and the hash of what it says."""
    details = as_stored(values.get("details"))
    chain = chain_of(values.get("station_id"))
    said = content(
        chain,
        instant(values["at"]),
        values.get("user_id"),
        values.get("station_id"),
        values["action"],
        values.get("entity"),
        values.get("entity_id"),
        json_text(conn.dialect)(details),
    )
    fields = {name: values.get(name) for name in _COLUMNS}
    return dict(fields, details=details, chain=chain, content=said)


def _start(conn: Connection, chain: str) -> None:
    """A chain's head row, before its first event (two counters may start it at once)."""
    conn.execute(_START, {"chain": chain, "hash": GENESIS})


def seal(conn: Connection, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` (an event's columns but its links) made the next link of its chain,
    inside ``conn``'s transaction: the chain's head row is locked to the commit, and
    moved on to this event."""
    fields = _fields(conn, values)
    chain = fields["chain"]
    heads = _ADVANCE.rows(conn, {"chain": chain})
    if not heads:  # the chain's first event
        _start(conn, chain)
        heads = _ADVANCE.rows(conn, {"chain": chain})
    seq, prev = int(heads[0][0]), str(heads[0][1])
    sealed = dict(fields, seq=seq, prev_hash=prev, hash=link(prev, seq, fields.pop("content")))
    _SET_HEAD.rows(conn, {"chain": chain, "hash": sealed["hash"]})
    return sealed


def append(conn: Connection, **values: Any) -> int:
    """One audit event appended on ``conn`` (in its transaction), as a plain INSERT:
    nothing pending in an ORM session is flushed for it. Its id."""
    if conn.dialect.name == "postgresql":
        fields = _fields(conn, values)
        added = _APPEND_PG.rows(conn, fields)
        if not added:  # the chain's first event
            _start(conn, fields["chain"])
            added = _APPEND_PG.rows(conn, fields)
        return int(added[0][0])
    sealed = seal(conn, values)
    return int(_INSERT.rows(conn, {name: sealed[name] for name in _COLUMNS + _LINK})[0][0])


@event.listens_for(AuditEvent, "before_insert")
def _chain_added_event(_mapper: Mapper[Any], conn: Connection, target: AuditEvent) -> None:
    """Every ``AuditEvent`` a session inserts is sealed as it goes in, in the order
    they were added."""
    sealed = seal(conn, {name: getattr(target, name) for name in _COLUMNS})
    target.chain, target.seq = sealed["chain"], sealed["seq"]
    target.prev_hash, target.hash = sealed["prev_hash"], sealed["hash"]
    target.details = sealed["details"]
