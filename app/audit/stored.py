"""Reading a chained table (the audit log, the scan log, the order history) as its
hashes are taken over (``stored_events``: straight from the driver's cursor, a
million rows in seconds), and sealing a chain's rows again (``reseal``: for the
migrations and the demo only)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, text

from app.audit.chain import AUDIT, GENESIS, Kind, link


def reseal(conn: Connection, chain: str, from_seq: int, kind: Kind = AUDIT) -> None:
    """The links of ``chain`` (a chain of ``kind``'s table) from ``from_seq`` on
    computed again from what the rows say now, and its head moved to the last. Only
    for the demo, which spreads the times of the rows it has just written over a
    packer's morning, and the migrations that chained the rows written before:
    anything else that changes a row is what the chain is there to show."""
    prev = conn.execute(
        text(f"SELECT hash FROM {kind.table} WHERE chain = :chain AND seq = :seq"),
        {"chain": chain, "seq": from_seq - 1},
    ).scalar()
    prev = prev or GENESIS
    before, moved = prev, []
    for row in stored_events(conn, chain, from_seq, kind=kind):
        key, _chain, seq, _prev, _hash, *fields = row
        linked = link(prev, seq, kind.content(chain, *fields))
        moved.append({"key": key, "p": prev, "h": linked})
        before, prev = prev, linked
    if moved:
        relink = text(f"UPDATE {kind.table} SET prev_hash = :p, hash = :h WHERE id = :key")
        conn.execute(relink, moved)
        conn.execute(_SET_HEAD, {"chain": chain, "hash": prev, "prev": before})


def reseal_changed(conn: Connection, kind: Kind, ids: list[int]) -> dict[str, int]:
    """The chains of ``kind``'s rows ``ids`` (changed by a migration) sealed again from
    the first changed link of each (``reseal``): each chain and the number it was
    sealed again from."""
    first: dict[str, int] = {}
    for start in range(0, len(ids), 500):
        marks = ", ".join(str(int(i)) for i in ids[start : start + 500])
        rows = conn.execute(
            text(f"SELECT chain, min(seq) FROM {kind.table} WHERE id IN ({marks}) GROUP BY chain")
        )
        for chain, seq in rows:
            first[chain] = min(first.get(chain, seq), seq)
    for chain, seq in sorted(first.items()):
        reseal(conn, chain, seq, kind)
    return first


def chain_written(conn: Connection, kind: Kind) -> None:
    """The rows of ``kind``'s table written before it was chained, chained now in the
    order they were written (by id), each in its station's chain (a migration's)."""
    counts: dict[str, int] = {}
    numbered = []
    rows = conn.execute(text(f"SELECT id, {kind.station} FROM {kind.table} ORDER BY id"))
    for key, station in rows:
        chain = kind.chain_of(station)
        counts[chain] = counts.get(chain, 0) + 1
        numbered.append({"key": key, "c": chain, "s": counts[chain]})
    if not numbered:
        return
    conn.execute(
        text(
            f"UPDATE {kind.table} SET chain = :c, seq = :s, prev_hash = '', hash = '' "
            "WHERE id = :key"
        ),
        numbered,
    )
    conn.execute(
        text("INSERT INTO audit_chains (chain, seq, hash, prev_hash) VALUES (:c, :n, :g, :g)"),
        [{"c": c, "n": n, "g": GENESIS} for c, n in counts.items()],
    )
    for chain in counts:
        reseal(conn, chain, 1, kind)


_SET_HEAD = text("UPDATE audit_chains SET hash = :hash, prev_hash = :prev WHERE chain = :chain")
# (SQLAlchemy stores a time as "YYYY-MM-DD HH:MM:SS.ffffff"; one written without its
# microseconds gets them; any other text is hashed as it is, and does not fit)
_AT = {
    "sqlite": "CASE length(at) "
    "WHEN 26 THEN substr(at, 1, 10) || 'T' || substr(at, 12) || 'Z' "
    "WHEN 19 THEN substr(at, 1, 10) || 'T' || substr(at, 12) || '.000000Z' ELSE at END",
    "postgresql": "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
}
_AS_TEXT = {"sqlite": "", "postgresql": "::text"}
# each table's hashed columns, in the order of its content (``chain``, ``tables``)
_FIELDS = {
    "audit_events": "{at}, user_id, station_id, action, entity, entity_id, details{text}",
    "scan_events": "scan_uid, {at}, station_id, user_id, order_id, line_id, raw_input, code, "
    "outcome, units, short_units, began_parcel, serial, lot, expiry, "
    "CASE WHEN manual THEN 1 ELSE 0 END, message, packed_after, ordered, remaining_after, "
    "COALESCE(answer{text}, 'null')",
    "order_history": "order_id, from_status, to_status, {at}, user_id, station_id, reason",
}


def stored_events(
    conn: Connection,
    chain: str | None = None,
    from_seq: int = 1,
    batch: int = 20_000,
    *,
    kind: Kind = AUDIT,
) -> Iterator[tuple[Any, ...]]:
    """The rows of ``kind``'s table (of ``chain`` from ``from_seq``; else all), by chain
    and number, each as the tuple ``(id, chain, seq, prev_hash, hash, *fields)`` with
    the fields its content is hashed over, as the canonical form has them (for an
    audit event: at, user_id, station_id, action, entity, entity_id, details):
    straight from the driver's cursor (no SQLAlchemy rows), ``batch`` at a time."""
    name = conn.dialect.name
    sqlite = name == "sqlite"
    mark = "?" if sqlite else "%s"
    where = f"WHERE chain = {mark} AND seq >= {mark} " if chain is not None else ""
    fields = _FIELDS[kind.table].format(at=_AT[name], text=_AS_TEXT[name])
    sql = f"SELECT id, chain, seq, prev_hash, hash, {fields} FROM {kind.table} {where}"
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
