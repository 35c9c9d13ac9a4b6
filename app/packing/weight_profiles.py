"""What closed parcels of the same contents in the same box weighed, kept as a
running count, mean and sum of squares (Welford): one parcel more is one statement,
``INSERT … ON CONFLICT DO UPDATE``, the same on SQLite and PostgreSQL, so two counters
closing such parcels at once both count, neither waits on a read."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select
from sqlalchemy.dialects import postgresql, sqlite

from app.models import WeightProfile
from app.packing.answer import LearnWeight
from app.shipping.weight_check import Learned

_DIALECTS: dict[str, Any] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def learned(conn: Connection, key: str) -> Learned | None:
    """What closed parcels of the contents and box ``key`` weighed, if any was closed."""
    p = WeightProfile
    found = conn.execute(select(p.parcels, p.mean_g, p.m2).where(p.key == key)).first()
    return Learned(found.parcels, found.mean_g, found.m2) if found is not None else None


def learn(conn: Connection, into: LearnWeight, grams: int) -> None:
    """Add a closed parcel's weight to the profile of its contents and box."""
    insert = _DIALECTS[conn.dialect.name](WeightProfile)
    row = insert.values(
        key=into.key,
        contents=into.contents[:500],
        parcels=1,
        mean_g=float(grams),
        m2=0.0,
        catalogue_g=into.catalogue_g,
    )
    old = WeightProfile.__table__.c
    n = old.parcels + 1
    mean = old.mean_g + (grams - old.mean_g) / n
    conn.execute(
        row.on_conflict_do_update(
            index_elements=[old.key],
            set_={
                "parcels": n,
                "mean_g": mean,
                "m2": old.m2 + (grams - old.mean_g) * (grams - mean),
                "catalogue_g": into.catalogue_g,
                "updated_at": func.current_timestamp(),
            },
        )
    )
