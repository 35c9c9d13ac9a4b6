"""What the board's filter can choose from: channels, carriers, packers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import Order, Station, User


@dataclass(frozen=True)
class FilterChoices:
    channels: tuple[str, ...]
    carriers: tuple[str, ...]
    packers: tuple[tuple[int, str], ...]  # (user id, name) of active users


def filter_choices(engine: Engine) -> FilterChoices:
    """The distinct channels and carriers of all orders, and the active users."""
    with unit_of_work(engine, read_only=True) as s:
        channels = s.scalars(select(Order.channel).distinct().order_by(Order.channel)).all()
        carriers = s.scalars(
            select(Order.carrier)
            .where(Order.carrier.is_not(None))
            .distinct()
            .order_by(Order.carrier)
        ).all()
        packers = s.execute(
            select(User.id, User.name).where(User.active).order_by(User.name, User.id)
        ).all()
    return FilterChoices(
        tuple(str(c) for c in channels),
        tuple(str(c) for c in carriers if c),
        tuple((int(i), str(n)) for i, n in packers),
    )


def station_id(engine: Engine, name: str) -> int | None:
    """The id of the station with this name (None before it first signed in)."""
    with unit_of_work(engine, read_only=True) as s:
        found = s.scalar(select(Station.id).where(Station.name == name))
    return int(found) if found is not None else None
