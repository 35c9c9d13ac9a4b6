"""Named column mappings for generic CSV/XLSX files, saved for reuse.

A profile maps Packdesk's field names to the headings of one source's files, e.g.
``{"order_number": "订单号", "sku": "商家编码", "quantity": "数量"}``; ``kind`` says
whether it is for orders or for the product catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.errors import NotFound, PackdeskError
from app.models import MappingProfile

KINDS = ("orders", "products")


@dataclass(frozen=True)
class Profile:
    name: str
    kind: str
    mapping: dict[str, str]


def _fields(kind: str) -> tuple[str, ...]:
    if kind == "orders":
        from app.importing.tabular import ORDER_FIELDS

        return tuple(ORDER_FIELDS)
    if kind == "products":
        from app.importing.catalogue import PRODUCT_FIELDS

        return tuple(PRODUCT_FIELDS)
    raise PackdeskError(f"A mapping is for 'orders' or 'products', not {kind!r}.")


def validate(kind: str, mapping: Mapping[str, str]) -> dict[str, str]:
    known = _fields(kind)
    clean = {k.strip(): v.strip() for k, v in mapping.items()}
    unknown = sorted(k for k in clean if k not in known)
    if unknown:
        raise PackdeskError(
            f"Unknown {kind} field(s) {', '.join(unknown)} in the mapping; "
            f"known fields: {', '.join(known)}."
        )
    empty = sorted(k for k, v in clean.items() if not v)
    if empty:
        raise PackdeskError(f"The mapping gives no column for {', '.join(empty)}.")
    return clean


def save_profile(engine: Engine, name: str, kind: str, mapping: Mapping[str, str]) -> Profile:
    """Create or replace the profile ``name``."""
    name = name.strip()
    if not name or len(name) > 64:
        raise PackdeskError("A mapping profile needs a name of 1 to 64 characters.")
    clean = validate(kind, mapping)
    with unit_of_work(engine) as s:
        profile = s.scalar(select(MappingProfile).where(MappingProfile.name == name))
        if profile is None:
            s.add(MappingProfile(name=name, kind=kind, mapping=clean))
        else:
            profile.kind = kind
            profile.mapping = clean
    return Profile(name, kind, clean)


def load_profile(engine: Engine, name: str, kind: str) -> Profile:
    with unit_of_work(engine, read_only=True) as s:
        profile = s.scalar(select(MappingProfile).where(MappingProfile.name == name.strip()))
        if profile is None:
            raise NotFound(f"There is no mapping profile named {name!r}.")
        if profile.kind != kind:
            raise PackdeskError(f"Mapping profile {name!r} is for {profile.kind}, not for {kind}.")
        return Profile(
            profile.name, profile.kind, {str(k): str(v) for k, v in profile.mapping.items()}
        )


def list_profiles(engine: Engine) -> list[Profile]:
    with unit_of_work(engine, read_only=True) as s:
        return [
            Profile(p.name, p.kind, {str(k): str(v) for k, v in p.mapping.items()})
            for p in s.scalars(select(MappingProfile).order_by(MappingProfile.name))
        ]
