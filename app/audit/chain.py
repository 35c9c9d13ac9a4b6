"""Appending to the audit chains (see ``app.audit``).

An event's canonical form (format 1) is the UTF-8 JSON object, keys sorted, no spaces,
non-ASCII as is, of::

    v          1
    chain      its chain ("station-3", "central")
    seq        its number in the chain, from 1
    prev       the SHA-256 (hex) of the event before it; 64 zeros for the first
    at         when, UTC, "YYYY-MM-DDTHH:MM:SS.ffffffZ"
    user       the acting user's id, or null
    station    the station's id, or null
    action     "order.cancel", "print.requested", ...
    entity     "order", "user", ... or null
    entity_id  or null
    details    the event's details, as JSON holds them

and its hash is the SHA-256 of those bytes. The row's id is not in it (the database
gives it); the chain's order is ``seq``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, event, insert, text
from sqlalchemy.orm import Mapper

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


def canonical(
    *,
    chain: str,
    seq: int,
    prev: str,
    at: datetime,
    user_id: int | None,
    station_id: int | None,
    action: str,
    entity: str | None,
    entity_id: int | None,
    details: Any,
) -> bytes:
    """The bytes an event's hash is taken over (format 1, above)."""
    return json.dumps(
        {
            "v": FORMAT,
            "chain": chain,
            "seq": seq,
            "prev": prev,
            "at": instant(at),
            "user": user_id,
            "station": station_id,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "details": details,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode("utf-8")


def digest(**fields: Any) -> str:
    """The SHA-256 (hex) of an event's canonical form."""
    return hashlib.sha256(canonical(**fields)).hexdigest()


def as_stored(details: Mapping[str, Any] | None) -> dict[str, Any]:
    """Details as they read back from the database (tuples as lists, keys as text)."""
    return json.loads(json.dumps(details or {})) if details else {}


_ADVANCE = text("UPDATE audit_chains SET seq = seq + 1 WHERE chain = :chain RETURNING seq, hash")
_SET_HEAD = text("UPDATE audit_chains SET hash = :hash WHERE chain = :chain")
_START = text(
    "INSERT INTO audit_chains (chain, seq, hash) VALUES (:chain, 0, :hash) "
    "ON CONFLICT (chain) DO NOTHING"
)


def seal(conn: Connection, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` (an event's columns but its links) made the next link of its chain,
    inside ``conn``'s transaction: the chain's head row is locked to the commit, and
    moved on to this event."""
    chain = chain_of(values.get("station_id"))
    head = conn.execute(_ADVANCE, {"chain": chain}).first()
    if head is None:  # the chain's first event
        conn.execute(_START, {"chain": chain, "hash": GENESIS})
        head = conn.execute(_ADVANCE, {"chain": chain}).first()
        assert head is not None
    seq, prev = int(head[0]), str(head[1])
    details = as_stored(values.get("details"))
    sealed = dict(values, chain=chain, seq=seq, prev_hash=prev, details=details)
    sealed["hash"] = digest(
        chain=chain,
        seq=seq,
        prev=prev,
        at=values["at"],
        user_id=values.get("user_id"),
        station_id=values.get("station_id"),
        action=values["action"],
        entity=values.get("entity"),
        entity_id=values.get("entity_id"),
        details=details,
    )
    conn.execute(_SET_HEAD, {"chain": chain, "hash": sealed["hash"]})
    return sealed


_INSERT = insert(AuditEvent)


def append(conn: Connection, **values: Any) -> None:
    """One audit event appended on ``conn`` (in its transaction), as a plain INSERT:
    nothing pending in an ORM session is flushed for it."""
    conn.execute(_INSERT, seal(conn, values))


_COLUMNS = ("at", "user_id", "station_id", "action", "entity", "entity_id", "details")


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
    times of the events it has just written over a packer's morning: anything else
    that changes an event is what the chain is there to show."""
    from sqlalchemy import select, update

    from app.models import AuditChain

    prev = conn.scalar(
        select(AuditEvent.hash).where(AuditEvent.chain == chain, AuditEvent.seq == from_seq - 1)
    )
    prev = prev or GENESIS
    rows = conn.execute(
        select(AuditEvent.__table__)
        .where(AuditEvent.chain == chain, AuditEvent.seq >= from_seq)
        .order_by(AuditEvent.seq)
    ).all()
    for row in rows:
        link = digest(
            chain=chain,
            seq=row.seq,
            prev=prev,
            at=row.at,
            user_id=row.user_id,
            station_id=row.station_id,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            details=as_stored(row.details),
        )
        conn.execute(
            update(AuditEvent).where(AuditEvent.id == row.id).values(prev_hash=prev, hash=link)
        )
        prev = link
    if rows:
        conn.execute(update(AuditChain).where(AuditChain.chain == chain).values(hash=prev))
