"""Scan tallies: scans counted per quarter hour and user as they happen.

The packing engine calls ``count`` for every scan it logs and ``take_back`` when
UNDO takes an accepted scan back, inside the scan's own transaction, so the
tallies always agree with the scan events. ``rebuild`` recounts them from the scan
events (after scan events were written some other way, e.g. a restore).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.db import unit_of_work
from app.models import ScanEvent, ScanTally
from app.packing.verdict import REJECTIONS, Outcome

NOT_GOODS = frozenset({Outcome.LOGIN.value, Outcome.COMMAND.value})
PACKING = frozenset({Outcome.ACCEPTED.value, Outcome.ORDER_COMPLETE.value})
_REJECTED = frozenset(o.value for o in REJECTIONS)


def period_of(at: datetime) -> datetime:
    """The start of the quarter hour (UTC) that ``at`` falls in."""
    at = at.astimezone(UTC)
    return at.replace(minute=at.minute - at.minute % 15, second=0, microsecond=0)


def _add(
    s: Session,
    at: datetime,
    user_id: int | None,
    *,
    scans: int,
    rejected: int,
    manual: int,
    items: int,
) -> None:
    values = {
        "period": period_of(at),
        "user_id": user_id or 0,
        "scans": scans,
        "rejected": rejected,
        "manual": manual,
        "items": items,
    }
    dialect = s.get_bind().dialect.name
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(ScanTally).values(
        values
    )
    s.execute(
        stmt.on_conflict_do_update(
            index_elements=["period", "user_id"],
            set_={
                name: getattr(ScanTally, name) + stmt.excluded[name]
                for name in ("scans", "rejected", "manual", "items")
            },
        )
    )


def count(s: Session, event: ScanEvent) -> None:
    """Add one logged scan to its quarter hour's tally (sign-ins and commands aside)."""
    if event.outcome in NOT_GOODS:
        return
    _add(
        s,
        event.at,
        event.user_id,
        scans=1,
        rejected=int(event.outcome in _REJECTED),
        manual=int(bool(event.manual)),
        items=event.units if event.outcome in PACKING else 0,
    )


def take_back(s: Session, event: ScanEvent) -> None:
    """An accepted scan was undone: its units no longer count as packed."""
    if event.outcome in PACKING and event.units:
        _add(s, event.at, event.user_id, scans=0, rejected=0, manual=0, items=-event.units)


def rebuild(engine: Engine) -> int:
    """Recount every tally from the scan events; returns the number of tallies."""
    tallies: dict[tuple[datetime, int], list[int]] = {}
    e = ScanEvent
    query = select(e.at, e.user_id, e.outcome, e.manual, e.units, e.undone_by_id).where(
        e.outcome.not_in(sorted(NOT_GOODS))
    )
    with unit_of_work(engine) as s:
        for at, user_id, outcome, manual, units, undone in s.execute(query):
            row = tallies.setdefault((period_of(at), user_id or 0), [0, 0, 0, 0])
            row[0] += 1
            row[1] += outcome in _REJECTED
            row[2] += bool(manual)
            row[3] += units if outcome in PACKING and undone is None else 0
        s.execute(delete(ScanTally))
        if tallies:
            s.execute(
                insert(ScanTally),
                [
                    {"period": p, "user_id": u, "scans": a, "rejected": b, "manual": c, "items": d}
                    for (p, u), (a, b, c, d) in tallies.items()
                ],
            )
    return len(tallies)
