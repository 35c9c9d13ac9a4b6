"""Pools of tracking numbers a carrier allocated in advance: imported from its file,
each given to one parcel, once, also when two counters ask at the same moment on
PostgreSQL (the next free number is taken with ``FOR UPDATE SKIP LOCKED``; SQLite has
one writer at a time).

An import is all or nothing: a number with a bad check digit, or one another carrier's
pool or a parcel already holds, is named with its line and nothing is stored. A number
already in this carrier's pool is counted and left as it is (an import run twice adds
nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from app import permissions
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import AuditEvent, Carrier, Order, Parcel, PoolNumber
from app.permissions import Action
from app.shipping import carriers
from app.shipping.tracking_numbers import CheckRule, read_pool_file

_CHUNK = 5000


@dataclass(frozen=True)
class PoolImport:
    carrier: str
    added: int
    already_in_pool: int
    free: int  # free numbers after the import
    tracking_source: str = "pool"  # where the carrier's numbers come from

    @property
    def unused(self) -> bool:
        """The carrier takes its numbers elsewhere: this pool is not drawn from."""
        return self.tracking_source != carriers.TrackingSource.POOL

    def to_json(self) -> dict[str, Any]:
        return {
            "carrier": self.carrier,
            "added": self.added,
            "already_in_pool": self.already_in_pool,
            "free": self.free,
            "tracking_source": self.tracking_source,
        }


@dataclass(frozen=True)
class PoolStatus:
    carrier: str
    tracking_source: str
    free: int
    used: int
    low_at: int

    @property
    def low(self) -> bool:
        return self.tracking_source == carriers.TrackingSource.POOL and self.free < self.low_at

    def to_json(self) -> dict[str, Any]:
        return {
            "carrier": self.carrier,
            "tracking_source": self.tracking_source,
            "free": self.free,
            "used": self.used,
            "low": self.low,
        }


def import_pool(
    engine: Engine,
    carrier: str,
    path: Path,
    *,
    check_rule: str | None = None,
    user_id: int | None = None,
) -> PoolImport:
    """Add the numbers of ``path`` to ``carrier``'s pool (its profile is made when it
    has none, taking numbers from the pool). ``check_rule`` sets the profile's rule.
    The file is read and checked before anything is written: a bad file changes no
    profile either. ``user_id`` must be allowed to change carriers."""
    permissions.require(engine, user_id, Action.CHANGE_CARRIERS, entity="carrier")
    try:
        wanted = CheckRule(check_rule) if check_rule is not None else None
    except ValueError:
        raise PackdeskError(f"{check_rule!r} is no check-digit rule.") from None
    with unit_of_work(engine, read_only=True) as s:
        row = carriers.find(s, carrier)
        rule = wanted or (CheckRule(row.check_rule) if row is not None else CheckRule.NONE)
    numbers = read_pool_file(path, rule)
    if row is None or wanted is not None:
        carriers.set_carrier(engine, carrier, check_rule=rule.value, user_id=user_id)
    with unit_of_work(engine) as s:
        row = carriers.find(s, carrier)
        assert row is not None
        known = _known(s.connection(), numbers)
        theirs = sorted(n for n, owner in known.items() if owner != row.id)
        if theirs:
            shown = ", ".join(theirs[:5]) + (
                f" and {len(theirs) - 5} more" if len(theirs) > 5 else ""
            )
            raise PackdeskError(
                f"{len(theirs)} number(s) of the file are already another carrier's or a "
                f"parcel's: {shown}. Nothing was imported."
            )
        fresh = [n for n in numbers if n not in known]
        conn = s.connection()
        for start in range(0, len(fresh), _CHUNK):
            conn.execute(
                insert(PoolNumber),
                [{"carrier_id": row.id, "number": n} for n in fresh[start : start + _CHUNK]],
            )
        free = _free(conn, row.id)
        s.add(
            AuditEvent(
                at=db_now(s),
                user_id=user_id,
                action="tracking.import",
                entity="carrier",
                entity_id=row.id,
                details={"carrier": row.name, "file": path.name, "added": len(fresh)},
            )
        )
        return PoolImport(
            row.name, len(fresh), len(numbers) - len(fresh), free, row.tracking_source
        )


def _known(conn: Connection, numbers: list[str]) -> dict[str, int]:
    """Of ``numbers``, those a pool holds (by its carrier's id) or a parcel or an
    imported order already carries (carrier id 0: nobody's pool)."""
    known: dict[str, int] = {}
    for start in range(0, len(numbers), _CHUNK):
        chunk = numbers[start : start + _CHUNK]
        pooled = select(PoolNumber.number, PoolNumber.carrier_id).where(
            PoolNumber.number.in_(chunk)
        )
        known.update({n: c for n, c in conn.execute(pooled)})
        for column in (Parcel.tracking_number, Order.tracking_number):
            for n in conn.scalars(select(column).where(column.in_(chunk))):
                if n is not None:
                    known.setdefault(n, 0)
    return known


def _free(conn: Connection, carrier_id: int) -> int:
    free = select(func.count()).where(
        PoolNumber.carrier_id == carrier_id, PoolNumber.used_at.is_(None)
    )
    return int(conn.scalar(free) or 0)


def pool_status(engine: Engine) -> list[PoolStatus]:
    """Every carrier with a profile: its source and its free and used numbers."""
    with unit_of_work(engine, read_only=True) as s:
        counts = select(
            PoolNumber.carrier_id,
            func.count().filter(PoolNumber.used_at.is_(None)),
            func.count(PoolNumber.used_at),
        ).group_by(PoolNumber.carrier_id)
        by_carrier = {c: (int(f), int(u)) for c, f, u in s.execute(counts)}
        return [
            PoolStatus(c.name, c.tracking_source, *by_carrier.get(c.id, (0, 0)), c.pool_low_at)
            for c in s.scalars(select(Carrier).order_by(Carrier.name))
        ]


def draw(conn: Connection, carrier_id: int, parcel_id: int, now: datetime) -> str | None:
    """Give ``parcel_id`` the carrier's next free number, in the caller's transaction;
    None when the pool is empty. Two counters drawing at once get two numbers: a row
    another transaction has taken is skipped, not waited for and given again."""
    next_free = (
        select(PoolNumber.id)
        .where(PoolNumber.carrier_id == carrier_id, PoolNumber.used_at.is_(None))
        .order_by(PoolNumber.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    taken = conn.execute(
        update(PoolNumber)
        .where(PoolNumber.id == next_free, PoolNumber.used_at.is_(None))
        .values(parcel_id=parcel_id, used_at=now)
        .returning(PoolNumber.number)
    ).scalar()
    return taken
