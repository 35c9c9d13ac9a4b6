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
two statements run on the driver's cursor: the head moved on, the link hashed by
``packdesk_link`` (``link``, given to each connection by ``app.db``), and the insert.
Other tables are chained the same way (``Kind``; ``app.audit.tables``).

The details column is JSON (text kept as written on both databases: SQLite's TEXT,
PostgreSQL's ``json``, not ``jsonb``, which would rewrite it and break every chain).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, event, insert, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapper

from app.audit.lock_order import family, family_locked, held_family
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
    if at.tzinfo is not UTC:
        at = at.astimezone(UTC)
    return f"{at.replace(tzinfo=None).isoformat(sep='T', timespec='microseconds')}Z"


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


@dataclass(frozen=True)
class Kind:
    """A table whose rows are links of hash chains: its name, the prefix of its
    chains' names (chain names are unique across tables: ``audit_chains`` holds the
    heads of all), how a row's columns (as written) become the fields its content is
    hashed over, and how its stored rows read them back (``app.audit.stored``)."""

    table: str
    prefix: str
    fields: Callable[[Dialect, Mapping[str, Any]], tuple[Any, ...]]
    content: Callable[..., str]  # (chain, *fields) -> the hash of what a row says
    station: str = "station_id"  # the column naming the chain's station

    def chain_of(self, station_id: int | None) -> str:
        return self.prefix + chain_of(station_id)

    def said(self, dialect: Dialect, values: Mapping[str, Any]) -> tuple[str, str]:
        """The chain of a row about to be written, and the hash of what it says."""
        chain = self.chain_of(values.get(self.station))
        return chain, self.content(chain, *self.fields(dialect, values))


def _audit_fields(dialect: Dialect, values: Mapping[str, Any]) -> tuple[Any, ...]:
    return (
        instant(values["at"]),
        values.get("user_id"),
        values.get("station_id"),
        values["action"],
        values.get("entity"),
        values.get("entity_id"),
        json_text(dialect)(as_stored(values.get("details"))),
    )


AUDIT = Kind("audit_events", "", _audit_fields, content)

# run on the driver's cursor (``app.direct_sql``): the order-closing scan appends one
# event, and SQLAlchemy's own execution cost more than the statements themselves.
# (In an UPDATE's SET every right-hand side reads the row as it was.)
_ADVANCE = DirectStatement(
    text(
        "UPDATE audit_chains SET prev_hash = hash, seq = seq + 1 WHERE chain = :chain "
        "RETURNING seq, prev_hash"
    )
)
_START = text(
    "INSERT INTO audit_chains (chain, seq, hash, prev_hash) VALUES (:chain, 0, :hash, :hash) "
    "ON CONFLICT (chain) DO NOTHING"
)
_COLUMNS = ("at", "user_id", "station_id", "action", "entity", "entity_id", "details")
LINK = ("chain", "seq", "prev_hash", "hash")
_TYPED = [bindparam(n, type_=AuditEvent.__table__.c[n].type) for n in _COLUMNS]
_INSERT = DirectStatement(
    insert(AuditEvent)
    .values({n: bindparam(n, type_=AuditEvent.__table__.c[n].type) for n in _COLUMNS + LINK})
    .returning(AuditEvent.id)
)
# PostgreSQL: the head moved on and the event inserted in one statement, the event's
# hash computed by the server from the head's (``link``)
# (its source's family of heads locked first, in order: ``lock_order``; the count
# reads every row of ``fam``, so all are locked before the head moves)
_APPEND_PG = DirectStatement(
    text(
        "WITH fam AS (SELECT chain FROM audit_chains WHERE chain IN (:fam_a, :fam_b) "
        "ORDER BY chain FOR UPDATE), "
        "head AS (UPDATE audit_chains SET prev_hash = hash, seq = seq + 1, "
        "hash = encode(sha256(convert_to(hash || ':' || (seq + 1)::text || ':' || "
        ":content, 'UTF8')), 'hex') WHERE chain = :chain "
        "AND (SELECT count(*) FROM fam) >= 0 RETURNING seq, prev_hash, hash) "
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
    chain, said = AUDIT.said(conn.dialect, dict(values, details=details))
    fields = {name: values.get(name) for name in _COLUMNS}
    return dict(fields, details=details, chain=chain, content=said)


def start(conn: Connection, chain: str) -> None:
    """A chain's head row, before its first link (two counters may start it at once)."""
    conn.execute(_START, {"chain": chain, "hash": GENESIS})


def advance(conn: Connection, chain: str, said: str) -> dict[str, Any]:
    """``chain``'s head moved on by one link hashed over ``said``, inside ``conn``'s
    transaction (its row locked to the commit), in one statement (the database hashing
    the link: ``packdesk_link`` on SQLite, which ``app.db`` gives every connection):
    the link's columns."""
    family_locked(conn, chain)
    step = _ADVANCE_AND_LINK[conn.dialect.name]
    heads = step.rows(conn, {"chain": chain, "content": said})
    if not heads:  # the chain's first link
        start(conn, chain)
        heads = step.rows(conn, {"chain": chain, "content": said})
    seq, prev, hashed = heads[0]
    return {"chain": chain, "seq": int(seq), "prev_hash": str(prev), "hash": str(hashed)}


_LINKED = {
    "sqlite": "packdesk_link(hash, seq + 1, :content)",
    "postgresql": "encode(sha256(convert_to(hash || ':' || (seq + 1)::text || ':' || "
    ":content, 'UTF8')), 'hex')",
}
_ADVANCE_AND_LINK = {
    name: DirectStatement(
        text(
            f"UPDATE audit_chains SET prev_hash = hash, seq = seq + 1, hash = {linked} "
            "WHERE chain = :chain RETURNING seq, prev_hash, hash"
        )
    )
    for name, linked in _LINKED.items()
}


def sqlite_functions(driver: Any) -> None:
    """The SQL functions the chains use on SQLite, given to each new connection."""
    driver.create_function("packdesk_link", 3, link, deterministic=True)


def seal_row(conn: Connection, kind: Kind, values: Mapping[str, Any]) -> dict[str, Any]:
    """The link columns (chain, seq, prev_hash, hash) of a row of ``kind`` with the
    columns ``values``, made the next link of its chain in ``conn``'s transaction."""
    chain, said = kind.said(conn.dialect, values)
    return advance(conn, chain, said)


def seal_rows(
    conn: Connection, kind: Kind, rows: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """``seal_row`` for many rows at once (an import's history): each chain's head
    locked and moved once, the rows linked in their order."""
    said = [kind.said(conn.dialect, values) for values in rows]
    heads: dict[str, tuple[int, str]] = {}
    taken: dict[str, int] = {}
    for chain, _ in said:
        taken[chain] = taken.get(chain, 0) + 1
    family_locked(conn, *taken)
    for chain, n in sorted(taken.items()):  # (heads locked in the order of their names)
        first = _ADVANCE.rows(conn, {"chain": chain})
        if not first:
            start(conn, chain)
            first = _ADVANCE.rows(conn, {"chain": chain})
        heads[chain] = (int(first[0][0]), str(first[0][1]))
        if n > 1:
            conn.execute(_SKIP, {"chain": chain, "more": n - 1})
    sealed: list[dict[str, Any]] = []
    last: dict[str, dict[str, Any]] = {}
    for chain, content_hash in said:
        seq, prev = heads[chain]
        hashed = link(prev, seq, content_hash)
        sealed.append({"chain": chain, "seq": seq, "prev_hash": prev, "hash": hashed})
        last[chain] = sealed[-1]
        heads[chain] = (seq + 1, hashed)
    conn.execute(
        _SET_LAST, [{"c": c, "h": x["hash"], "p": x["prev_hash"]} for c, x in last.items()]
    )
    return sealed


_SKIP = text("UPDATE audit_chains SET seq = seq + :more WHERE chain = :chain")
_SET_LAST = text("UPDATE audit_chains SET hash = :h, prev_hash = :p WHERE chain = :c")


def seal(conn: Connection, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` (an event's columns but its links) made the next link of its chain,
    inside ``conn``'s transaction: the chain's head row is locked to the commit, and
    moved on to this event."""
    fields = _fields(conn, values)
    sealed = advance(conn, fields.pop("chain"), fields.pop("content"))
    return dict(fields, **sealed)


def append(conn: Connection, **values: Any) -> int:
    """One audit event appended on ``conn`` (in its transaction), as a plain INSERT:
    nothing pending in an ORM session is flushed for it. Its id."""
    if conn.dialect.name == "postgresql":
        fields = _fields(conn, values)
        fields["fam_a"], fields["fam_b"] = family(fields["chain"])
        added = _APPEND_PG.rows(conn, fields)
        held_family(conn, fields["chain"])
        if not added:  # the chain's first event
            start(conn, fields["chain"])
            added = _APPEND_PG.rows(conn, fields)
        return int(added[0][0])
    sealed = seal(conn, values)
    return int(_INSERT.rows(conn, {name: sealed[name] for name in _COLUMNS + LINK})[0][0])


@event.listens_for(AuditEvent, "before_insert")
def _chain_added_event(_mapper: Mapper[Any], conn: Connection, target: AuditEvent) -> None:
    """Every ``AuditEvent`` a session inserts is sealed as it goes in, in the order
    they were added."""
    sealed = seal(conn, {name: getattr(target, name) for name in _COLUMNS})
    target.chain, target.seq = sealed["chain"], sealed["seq"]
    target.prev_hash, target.hash = sealed["prev_hash"], sealed["hash"]
    target.details = sealed["details"]
