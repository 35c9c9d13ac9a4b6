"""Carriers' profiles, by the name orders give them (``orders.carrier``, as imported):
where each carrier's tracking numbers come from, how they are checked, and when its
truck leaves (the cut-off, in the warehouse's local time).

A tracking number comes from one of three places:

``pool``   numbers the carrier allocated in advance, imported with ``packdesk tracking
           import``; each parcel takes the next free one, once.
``api``    the carrier's web API, asked for each parcel when its label is made.
``order``  the order import's ``tracking_number`` column only (the shop already has one).

A carrier without a profile takes the number the order import gave, if any; its
waybill otherwise carries the order number, which the dock still accepts for an order
of one parcel.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app import permissions
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import AuditEvent, Carrier
from app.permissions import Action
from app.shipping.tracking_numbers import CheckRule

_E = TypeVar("_E", bound=enum.StrEnum)
_CUTOFF = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
_URL = re.compile(r"https?://\S+", re.I)


class TrackingSource(enum.StrEnum):
    POOL = "pool"
    API = "api"
    ORDER = "order"


@dataclass(frozen=True)
class CarrierProfile:
    name: str
    tracking_source: TrackingSource
    check_rule: CheckRule
    api_url: str | None = None
    has_api_key: bool = False  # the key itself is never shown
    cutoff: str | None = None  # "17:30"
    pool_low_at: int = 100

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "tracking_source": self.tracking_source.value,
            "check_rule": self.check_rule.value,
            "api_url": self.api_url,
            "api_key": "set" if self.has_api_key else None,
            "cutoff": self.cutoff,
            "pool_low_at": self.pool_low_at,
        }


def profile_of(row: Carrier) -> CarrierProfile:
    return CarrierProfile(
        row.name,
        TrackingSource(row.tracking_source),
        CheckRule(row.check_rule),
        row.api_url,
        bool(row.api_key),
        row.cutoff,
        row.pool_low_at,
    )


def find(s: Session, name: str) -> Carrier | None:
    """The profile of the carrier orders call ``name`` (letter case aside)."""
    return s.scalar(select(Carrier).where(func.lower(Carrier.name) == name.strip().lower()))


def list_carriers(engine: Engine) -> list[CarrierProfile]:
    with unit_of_work(engine, read_only=True) as s:
        return [profile_of(c) for c in s.scalars(select(Carrier).order_by(Carrier.name))]


def parse_cutoff(text: str) -> str:
    found = _CUTOFF.fullmatch(text.strip())
    if found is None:
        raise PackdeskError(f"Cut-off {text.strip()!r} is no time of day: write it HH:MM, 17:30.")
    return f"{int(found.group(1)):02d}:{found.group(2)}"


def cutoff_at(cutoff: str, day_of: datetime, zone: ZoneInfo) -> datetime:
    """The cut-off ``cutoff`` ("17:30", local) on the local day of ``day_of`` (UTC)."""
    local = day_of.astimezone(zone)
    hours, minutes = (int(x) for x in cutoff.split(":"))
    at = datetime.combine(local.date(), time(hours, minutes), tzinfo=zone)
    return at.astimezone(day_of.tzinfo) if day_of.tzinfo else at


def set_carrier(
    engine: Engine,
    name: str,
    *,
    tracking_source: str | None = None,
    check_rule: str | None = None,
    api_url: str | None = None,
    api_key: str | None = None,
    cutoff: str | None = None,
    pool_low_at: int | None = None,
    user_id: int | None = None,
) -> CarrierProfile:
    """Create or change a carrier's profile; what is not given stays as it was. Who
    changed it (``user_id``) and what is in the audit (``carrier.set``; an API key
    only as changed, never in clear); ``user_id`` must be allowed to change carriers."""
    permissions.require(engine, user_id, Action.CHANGE_CARRIERS, entity="carrier")
    name = name.strip()
    if not name or len(name) > 64:
        raise PackdeskError("A carrier needs a name of 1 to 64 characters, as orders give it.")
    source = _choice(TrackingSource, tracking_source, "tracking source")
    rule = _choice(CheckRule, check_rule, "check-digit rule")
    if api_url is not None and api_url and not _URL.fullmatch(api_url.strip()):
        raise PackdeskError(f"{api_url!r} is not an http:// or https:// address.")
    if pool_low_at is not None and pool_low_at < 0:
        raise PackdeskError("The low-pool warning needs a number of 0 or more.")
    with unit_of_work(engine) as s:
        row = find(s, name)
        if row is None:
            row = Carrier(name=name, tracking_source="pool", check_rule="none", pool_low_at=100)
            s.add(row)
        if source is not None:
            row.tracking_source = source.value
        if rule is not None:
            row.check_rule = rule.value
        if api_url is not None:
            row.api_url = api_url.strip() or None
        if api_key is not None:
            row.api_key = api_key or None
        if cutoff is not None:
            row.cutoff = parse_cutoff(cutoff) if cutoff.strip() else None
        if pool_low_at is not None:
            row.pool_low_at = pool_low_at
        if row.tracking_source == TrackingSource.API and not row.api_url:
            raise PackdeskError(f"{name} takes its numbers from an API: give its --api-url.")
        s.flush()
        given = {
            "tracking_source": tracking_source,
            "check_rule": check_rule,
            "api_url": api_url,
            "cutoff": cutoff,
            "pool_low_at": pool_low_at,
        }
        details: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
        if api_key is not None:
            details["api_key"] = "changed"
        s.add(
            AuditEvent(
                at=db_now(s),
                user_id=user_id,
                action="carrier.set",
                entity="carrier",
                entity_id=row.id,
                details={"name": row.name, **details},
            )
        )
        return profile_of(row)


def _choice(kind: type[_E], value: str | None, what: str) -> _E | None:
    if value is None:
        return None
    try:
        return kind(value.strip().lower())
    except ValueError:
        choices = ", ".join(k.value for k in kind)
        raise PackdeskError(f"{value!r} is no {what}: choose one of {choices}.") from None


def next_cutoffs(
    profiles: list[CarrierProfile], now: datetime, zone: ZoneInfo
) -> dict[str, datetime]:
    """Each carrier's cut-off today (local day of ``now``), for those that have one."""
    return {p.name: cutoff_at(p.cutoff, now, zone) for p in profiles if p.cutoff is not None}
