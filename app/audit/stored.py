"""Reading the audit log as its hashes are taken over (``stored_events``: straight
from the driver's cursor, a million events in seconds), and sealing a chain's
events again (``reseal``: for the migration and the demo only)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, text

from app.audit.chain import GENESIS, digest


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
    before, moved = prev, []
    for row in stored_events(conn, chain, from_seq):
        key, _chain, seq, _prev, _hash, *fields = row
        linked = digest(chain, seq, prev, *fields)
        moved.append({"key": key, "p": prev, "h": linked})
        before, prev = prev, linked
    if moved:
        conn.execute(_RELINK, moved)
        conn.execute(_SET_HEAD, {"chain": chain, "hash": prev, "prev": before})


_RELINK = text("UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :key")
_SET_HEAD = text("UPDATE audit_chains SET hash = :hash, prev_hash = :prev WHERE chain = :chain")
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
