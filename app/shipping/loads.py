"""A carrier's load at the dock: the parcels handed over onto its truck since its last
manifest was closed. One load per carrier is open at a time; the dock adds to it and
closing the manifest closes it."""

from __future__ import annotations

from sqlalchemy import Select, func, select

from app.models import Load


def open_load(carrier: str, *, locked: bool = False) -> Select[Load]:
    """SELECT of ``carrier``'s open load (letter case aside). ``locked``: its row is
    locked, so that a dock scan adding to it and the closing of its manifest wait for
    each other (the one that comes second sees what the first did)."""
    query = (
        select(Load)
        .where(func.lower(Load.carrier) == carrier.strip().lower(), Load.closed_at.is_(None))
        .order_by(Load.id)
        .limit(1)
    )
    return query.with_for_update() if locked else query
