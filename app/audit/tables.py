"""The scan log and the order history as hash chains, as the audit log is
(``app.audit.chain``: the same links, heads and verification).

Each counter's scans are a chain of their own, ``scans-station-ID``: a counter's scans
are one queue already, so appending never waits for another counter. Each history
row (an order's move) is a link of the chain of the counter that made it,
``history-station-ID``, or of ``history-central`` when no counter did (an import,
the board, the command line). The heads are rows of ``audit_chains`` beside the
audit log's.

A row's content (format 1) is the SHA-256 of one line of JSON, an array::

    [1, chain, column, column, ...]

of its columns in the order of ``SCAN_COLUMNS`` or ``HISTORY_COLUMNS``, written as
``app.audit.chain.content`` writes an audit event's (times as ``instant`` writes them,
a boolean as 0 or 1, the scan's ``answer`` as the database holds its JSON text, or
``null``). A scan's ``undone_by_id`` is not in it: UNDO sets it later, and the UNDO
is itself a later scan of the chain, naming the scans it took back in its hashed
answer (``"undid"``); ``verify`` checks the two agree (``app.audit.undone``).

On PostgreSQL a scan's link is made in the statement that logs it (``head``: the
head's upsert as a data-modifying CTE, the server hashing the link from the head's
hash under its row lock), so the one-statement scan stays one statement.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    String,
    Table,
    Text,
    bindparam,
    cast,
    event,
    func,
    literal,
    select,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapper
from sqlalchemy.sql.selectable import CTE

from app.audit.chain import (
    AUDIT,
    FORMAT,
    GENESIS,
    Kind,
    _text,
    _value,
    instant,
    json_text,
    link,
    seal_row,
)
from app.models import AuditChain, OrderHistory, ScanEvent

SCAN_COLUMNS = (
    "scan_uid", "at", "station_id", "user_id", "order_id", "line_id", "raw_input", "code",
    "outcome", "units", "short_units", "began_parcel", "serial", "lot", "expiry", "manual",
    "message", "packed_after", "ordered", "remaining_after", "answer",
)  # fmt: skip
HISTORY_COLUMNS = (
    "order_id", "from_status", "to_status", "at", "user_id", "station_id", "reason",
)  # fmt: skip


def _scan_fields(dialect: Dialect, values: Mapping[str, Any]) -> tuple[Any, ...]:
    get = values.get
    return (
        get("scan_uid"), instant(values["at"]), get("station_id"), get("user_id"),
        get("order_id"), get("line_id"), get("raw_input"), get("code"), get("outcome"),
        get("units") or 0, get("short_units") or 0, get("began_parcel"), get("serial"),
        get("lot"), get("expiry"), 1 if get("manual") else 0, get("message"),
        get("packed_after"), get("ordered"), get("remaining_after"),
        json_text(dialect)(get("answer")),
    )  # fmt: skip


def _history_fields(_dialect: Dialect, values: Mapping[str, Any]) -> tuple[Any, ...]:
    get = values.get
    return (
        get("order_id"), _status(get("from_status")), _status(get("to_status")),
        instant(values["at"]), get("user_id"), get("station_id"), get("reason"),
    )  # fmt: skip


def _status(value: Any) -> str | None:
    return None if value is None else str(getattr(value, "value", value))


def _scan_content(chain: str, *fields: Any) -> str:
    """What a scan says (the last field, its answer, is JSON text as stored)."""
    said = ",".join([_value(v) for v in fields[:-1]])
    line = f"[{FORMAT},{_text(chain)},{said},{fields[-1]}]"
    return hashlib.sha256(line.encode()).hexdigest()


def _history_content(chain: str, *fields: Any) -> str:
    line = f"[{FORMAT},{_text(chain)},{','.join([_value(v) for v in fields])}]"
    return hashlib.sha256(line.encode()).hexdigest()


SCANS = Kind("scan_events", "scans-", _scan_fields, _scan_content)
HISTORY = Kind("order_history", "history-", _history_fields, _history_content)
KINDS = (AUDIT, SCANS, HISTORY)


def kind_of(chain: str) -> Kind:
    """The table whose chain ``chain`` (a head's name) is."""
    return next((k for k in (SCANS, HISTORY) if chain.startswith(k.prefix)), AUDIT)


def link_params(kind: Kind, dialect: Dialect, values: Mapping[str, Any]) -> dict[str, Any]:
    """What ``head`` binds for a row of ``kind``: its chain, the hash of what it says,
    and its hash should it be its chain's first link."""
    chain, said = kind.said(dialect, values)
    return {"ch_chain": chain, "ch_content": said, "ch_first": link(GENESIS, 1, said)}


def head(when: ColumnElement[bool] | None = None) -> CTE:
    """PostgreSQL: the chain ``:ch_chain``'s head moved on by one link (or begun), as a
    data-modifying CTE returning the link's chain, seq, prev_hash and hash; the hash
    computed by the server from the head's under its row lock, as ``link`` does. With
    ``when``, only if that holds (no row otherwise)."""
    heads: Table = AuditChain.__table__  # type: ignore[assignment]
    hashed = func.encode(
        func.sha256(
            func.convert_to(
                heads.c.hash
                + ":"
                + cast(heads.c.seq + 1, Text)
                + ":"
                + bindparam("ch_content", type_=String),
                "UTF8",
            )
        ),
        "hex",
    )
    first = select(
        bindparam("ch_chain", type_=String),
        literal(1, BigInteger),
        bindparam("ch_first", type_=String),
        literal(GENESIS, String),
    )
    if when is not None:
        first = first.where(when)
    upsert = pg_insert(heads).from_select(["chain", "seq", "hash", "prev_hash"], first)
    upsert = upsert.on_conflict_do_update(
        index_elements=["chain"],
        set_={"seq": heads.c.seq + 1, "prev_hash": heads.c.hash, "hash": hashed},
    )
    return upsert.returning(heads.c.chain, heads.c.seq, heads.c.prev_hash, heads.c.hash).cte("head")


def _sealed(kind: Kind, columns: tuple[str, ...]) -> Any:
    def before_insert(_mapper: Mapper[Any], conn: Connection, target: Any) -> None:
        sealed = seal_row(conn, kind, {name: getattr(target, name) for name in columns})
        target.chain, target.seq = sealed["chain"], sealed["seq"]
        target.prev_hash, target.hash = sealed["prev_hash"], sealed["hash"]

    return before_insert


# every scan and history row a session inserts is chained as it goes in
event.listen(ScanEvent, "before_insert", _sealed(SCANS, SCAN_COLUMNS))
event.listen(OrderHistory, "before_insert", _sealed(HISTORY, HISTORY_COLUMNS))
