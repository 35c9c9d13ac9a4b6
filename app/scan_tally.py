"""Scan tallies: scans counted per quarter hour, user and counter as they happen.

The packing engine adds ``counted`` to every scan it logs and calls ``take_back`` when
UNDO takes an accepted scan back, inside the scan's own transaction, so the
tallies always agree with the scan events. ``rebuild`` recounts them from the scan
events (after scan events were written some other way, e.g. a restore).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    and_,
    bindparam,
    case,
    cast,
    delete,
    extract,
    func,
    insert,
    select,
)
from sqlalchemy.orm import Session

from app.db import unit_of_work
from app.dialect_insert import insert_for
from app.models import ScanEvent, ScanTally
from app.packing.verdict import NOT_GOODS, PACKED_OUTCOMES, REJECTIONS

_REJECTED = frozenset(o.value for o in REJECTIONS)


def period_of(at: datetime) -> datetime:
    """The start of the quarter hour (UTC) that ``at`` falls in."""
    at = at.astimezone(UTC)
    return at.replace(minute=at.minute - at.minute % 15, second=0, microsecond=0)


_COUNTED = ("scans", "rejected", "manual", "items")


def _build_upsert(dialect: str, when: Any = None) -> Any:
    """The tally upsert for one back-end, built once: a scan only binds its values
    (and with ``when``, a condition, adds them only if it holds)."""
    columns = ScanTally.__table__.c
    names = ("period", "user_id", "station_id", *_COUNTED)
    values = {name: bindparam(f"p_{name}", type_=columns[name].type) for name in names}
    insert_into = insert_for(dialect, ScanTally)
    stmt = (
        insert_into.values(values)
        if when is None
        else insert_into.from_select(list(names), select(*values.values()).where(when))
    )
    return stmt.on_conflict_do_update(
        index_elements=["period", "user_id", "station_id"],
        set_={name: getattr(ScanTally, name) + stmt.excluded[name] for name in _COUNTED},
    )


_UPSERTS = {dialect: _build_upsert(dialect) for dialect in ("postgresql", "sqlite")}


def upsert(dialect: str) -> Any:
    """The prebuilt tally upsert of a back-end, for statements that embed it; it binds
    what ``counted`` returns."""
    return _UPSERTS[dialect]


def upsert_pg_when(condition: Any) -> Any:
    """``upsert("postgresql")`` that adds the scan only if ``condition`` holds, for a
    statement that embeds it among writes that may not happen."""
    return _build_upsert("postgresql", condition)


def _params(
    at: datetime,
    user_id: int | None,
    station_id: int | None,
    *,
    scans: int,
    rejected: int,
    manual: int,
    items: int,
) -> dict[str, Any]:
    return {
        "p_period": period_of(at),
        "p_user_id": user_id or 0,
        "p_station_id": station_id or 0,
        "p_scans": scans,
        "p_rejected": rejected,
        "p_manual": manual,
        "p_items": items,
    }


def _add(conn: Connection | Session, params: dict[str, Any]) -> None:
    if isinstance(conn, Session):
        conn = conn.connection()
    conn.execute(_UPSERTS[conn.dialect.name], params)


def counted(
    *,
    at: datetime,
    user_id: int | None,
    station_id: int,
    outcome: str,
    manual: bool,
    units: int,
) -> dict[str, Any] | None:
    """What one logged scan adds to its quarter hour's tally (its user's at its
    counter), as the upsert's bound values; None for sign-ins and commands, which are
    not counted."""
    if outcome in NOT_GOODS:
        return None
    return _params(
        at,
        user_id,
        station_id,
        scans=1,
        rejected=int(outcome in _REJECTED),
        manual=int(manual),
        items=units if outcome in PACKED_OUTCOMES else 0,
    )


def take_back(s: Session, event: ScanEvent) -> None:
    """An accepted scan was undone: its units no longer count as packed."""
    if event.outcome in PACKED_OUTCOMES and event.units:
        _add(
            s,
            _params(
                event.at,
                event.user_id,
                event.station_id,
                scans=0,
                rejected=0,
                manual=0,
                items=-event.units,
            ),
        )


def _period_sql(dialect: str) -> Any:
    at = ScanEvent.at
    if dialect == "sqlite":  # text 'YYYY-MM-DD HH:MM:SS.ffffff'
        quarter = (cast(func.substr(at, 15, 2), Integer) // 15) * 15
        return func.substr(at, 1, 14).concat(func.printf("%02d", quarter)).concat(":00.000000")
    return func.to_timestamp(func.floor(extract("epoch", at) / 900) * 900)


def rebuild(engine: Engine) -> int:
    """Recount every tally from the scan events, in the database; returns how many."""
    e = ScanEvent
    period = _period_sql(engine.dialect.name)
    user = func.coalesce(e.user_id, 0)
    station = func.coalesce(e.station_id, 0)
    packed = e.outcome.in_(sorted(PACKED_OUTCOMES))
    counted = (
        select(
            period,
            user,
            station,
            func.count(),
            func.sum(case((e.outcome.in_(sorted(_REJECTED)), 1), else_=0)),
            func.sum(case((e.manual, 1), else_=0)),
            func.sum(case((and_(packed, e.undone_by_id.is_(None)), e.units), else_=0)),
        )
        .where(e.outcome.not_in(sorted(NOT_GOODS)))
        .group_by(period, user, station)
    )
    columns = ["period", "user_id", "station_id", "scans", "rejected", "manual", "items"]
    with unit_of_work(engine) as s:
        s.execute(delete(ScanTally))
        s.execute(insert(ScanTally).from_select(columns, counted))
        return int(s.scalar(select(func.count()).select_from(ScanTally)) or 0)
