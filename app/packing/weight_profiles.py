"""What closed parcels of the same contents in the same box weighed, kept as a
running count, mean and sum of squares (Welford): one parcel more is one statement,
``INSERT … ON CONFLICT DO UPDATE``, the same on SQLite and PostgreSQL, so two counters
closing such parcels at once both count, neither waits on a read. A weight taken back
(UNDO) leaves the same way, Welford's step reversed: the row goes with its last
parcel."""

from __future__ import annotations

from sqlalchemy import Connection, case, delete, func, select, update

from app.dialect_insert import insert_for
from app.models import WeightProfile
from app.packing.answer import LearnWeight
from app.shipping.weight_check import Learned


def learned(conn: Connection, key: str) -> Learned | None:
    """What closed parcels of the contents and box ``key`` weighed, if any was closed."""
    p = WeightProfile
    found = conn.execute(select(p.parcels, p.mean_g, p.m2).where(p.key == key)).first()
    return Learned(found.parcels, found.mean_g, found.m2) if found is not None else None


def learn(conn: Connection, into: LearnWeight, grams: int) -> None:
    """Add a closed parcel's weight to the profile of its contents and box."""
    insert = insert_for(conn.dialect.name, WeightProfile)
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


def unlearn(conn: Connection, key: str, grams: int) -> None:
    """Take a parcel's weight back out of the profile it was learned into (an UNDO of
    the weight): the profile of its last parcel goes; one of more parcels loses this
    one's part of the mean and spread. Deleted first, then updated, so a profile that
    another counter adds to meanwhile is updated, not deleted."""
    p = WeightProfile.__table__.c
    conn.execute(delete(WeightProfile).where(p.key == key, p.parcels <= 1))
    n = p.parcels - 1
    mean = (p.parcels * p.mean_g - grams) / n
    m2 = p.m2 - (grams - p.mean_g) * (grams - mean)  # the step of ``learn``, reversed
    conn.execute(
        update(WeightProfile)
        .where(p.key == key, p.parcels > 1)
        .values(
            parcels=n,
            mean_g=mean,
            # one parcel has no spread; rounding never makes one negative
            m2=case((n == 1, 0.0), (m2 < 0, 0.0), else_=m2),
            updated_at=func.current_timestamp(),
        )
    )
