"""The order chain heads are locked in, on PostgreSQL (``family_locked``).

A chain's head row stays locked from its first append in a transaction to the
commit. Two transactions that each want two heads wait for each other forever if
they take them in opposite orders, and PostgreSQL then fails one of them (a
deadlock). That happened with the heads one source writes: a board action's flush
inserts its audit event (``central``) before its history row (``history-central``:
the unit of work inserts ``audit_events`` first), while an import chains its history
(``history-central``) and then records itself in the audit (``central``).

So the heads of one source, its *family* (``central`` and ``history-central``; a
counter's ``station-ID`` and ``history-station-ID``), are locked together, in the
order of their names, the first time a transaction appends to either: whichever it
appends to first, it holds both from then on, and no two transactions take them in
opposite orders. A counter's scan chain (``scans-station-ID``) is in no family: only
that counter's scans write it, one at a time. (SQLite takes its one write lock for
the whole transaction: nothing to order there.)

Families are ordered by their names too. Most transactions write one family. One
found writing two, a short shipment approved on the board (the acting source's
history and audit, and the print request of the counter that packed the box, two
counters approving each other's boxes at once would take them crosswise), locks
both in that order before writing either (``family_locked`` with both chains). No
other was found; that is what was looked for, not a proof.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, Pool, bindparam, event, text

_HELD = "packdesk_chain_families"  # families locked by the connection's transaction
_LOCK = text(
    "SELECT chain FROM audit_chains WHERE chain IN :chains ORDER BY chain FOR UPDATE"
).bindparams(bindparam("chains", expanding=True))


def family(chain: str) -> tuple[str, ...]:
    """The heads locked together with ``chain``'s (in the order they are locked);
    none for a scan chain."""
    if chain.startswith("scans-"):
        return ()
    source = chain.removeprefix("history-")
    return tuple(sorted((source, f"history-{source}")))


def family_locked(conn: Connection, *chains: str) -> None:
    """The families of ``chains`` locked in ``conn``'s transaction (PostgreSQL), each
    once, in the order of their names, before any of their heads moves."""
    if conn.dialect.name != "postgresql":
        return
    held: set[tuple[str, ...]] = conn.info.setdefault(_HELD, set())
    wanted = sorted({f for f in map(family, chains) if f and f not in held})
    for heads in wanted:
        conn.execute(_LOCK, {"chains": list(heads)})
        held.add(heads)


def held_family(conn: Connection, chain: str) -> None:
    """``chain``'s family noted as locked by a statement that locked it itself (an
    audit event's one-statement append on PostgreSQL: ``chain``)."""
    if conn.dialect.name == "postgresql" and family(chain):
        conn.info.setdefault(_HELD, set()).add(family(chain))


@event.listens_for(Engine, "commit")
@event.listens_for(Engine, "rollback")
def _transaction_ended(conn: Connection) -> None:
    if conn.invalidated:  # the server went away: its locks went with the connection,
        return  # which is thrown away (and asking its info would raise here)
    conn.info.pop(_HELD, None)


@event.listens_for(Pool, "checkin")
def _returned(_driver: Any, record: Any) -> None:
    """(A connection given back with its transaction ended by the pool holds none.)"""
    if record is not None:
        record.info.pop(_HELD, None)
