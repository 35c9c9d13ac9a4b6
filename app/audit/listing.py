"""Finding audit events: by order, user, action and time, oldest first, as plain rows
(``packdesk audit list``, its JSON and its CSV export)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, func, or_, select

from app.db import unit_of_work
from app.models import AuditEvent, EvidenceClip, Order, OrderLine, Parcel, Station, User


@dataclass(frozen=True)
class AuditRow:
    id: int
    chain: str
    seq: int
    at: datetime  # UTC
    user: str  # the acting user's name; "" for none
    station: str  # the counter's name; "" for none
    action: str
    entity: str
    entity_id: int | None
    details: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "chain": self.chain,
            "seq": self.seq,
            "at": self.at.isoformat(),
            "user": self.user,
            "station": self.station,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "details": self.details,
        }


_Query = Select[AuditEvent, str, str]  # (the names are None without a user or counter)


@dataclass(frozen=True)
class AuditFilter:
    order: str | None = None  # an order's number as its channel wrote it
    user: str | None = None  # a user's name (any case)
    action: str | None = None  # "order.cancel", or "order" for every order.* action
    since: datetime | None = None  # UTC
    limit: int = 0  # the newest this many; 0: all


def find(engine: Engine, wanted: AuditFilter) -> list[AuditRow]:
    """The events ``wanted`` picks, oldest first."""
    e = AuditEvent
    query: _Query = (
        select(e, User.name, Station.name)
        .outerjoin(User, User.id == e.user_id)
        .outerjoin(Station, Station.id == e.station_id)
    )
    query = _filtered(query, wanted).order_by(e.at.desc(), e.id.desc())
    if wanted.limit:
        query = query.limit(wanted.limit)
    with unit_of_work(engine, read_only=True) as s:
        rows = [
            AuditRow(
                ev.id,
                ev.chain,
                ev.seq,
                ev.at,
                user or "",
                station or "",
                ev.action,
                ev.entity or "",
                ev.entity_id,
                ev.details or {},
            )
            for ev, user, station in s.execute(query)
        ]
    return rows[::-1]


def _filtered(query: _Query, wanted: AuditFilter) -> _Query:
    e = AuditEvent
    if wanted.order:
        orders = select(Order.id).where(Order.external_number == wanted.order)
        of = {
            "order": orders,
            "order_line": select(OrderLine.id).where(OrderLine.order_id.in_(orders)),
            "parcel": select(Parcel.id).where(Parcel.order_id.in_(orders)),
            "evidence_clip": select(EvidenceClip.id).where(EvidenceClip.order_id.in_(orders)),
        }
        query = query.where(
            or_(*((e.entity == kind) & e.entity_id.in_(ids) for kind, ids in of.items()))
        )
    if wanted.user:
        named = select(User.id).where(func.lower(User.name) == wanted.user.strip().lower())
        query = query.where(e.user_id.in_(named))
    if wanted.action:
        family = e.action.startswith(wanted.action + ".", autoescape=True)
        query = query.where(or_(e.action == wanted.action, family))
    if wanted.since is not None:
        query = query.where(e.at >= wanted.since)
    return query


CSV_HEAD = ["id", "chain", "seq", "at", "user", "station", "action", "entity", "entity_id"]


def write_csv(rows: list[AuditRow], path: Path, tz: tzinfo) -> Path:
    """The rows as CSV, times in the warehouse's time zone ``tz``, every cell a
    spreadsheet would run kept as text (``app.kpi_export``)."""
    import json

    from app import kpi_export

    table: list[list[Any]] = [[*CSV_HEAD, "details"]]
    for r in rows:
        at = r.at.astimezone(tz).isoformat(sep=" ", timespec="seconds")
        details = json.dumps(r.details, ensure_ascii=False, sort_keys=True)
        table.append(
            [r.id, r.chain, r.seq, at, r.user, r.station, r.action, r.entity, r.entity_id, details]
        )
    return kpi_export.write_rows(table, path)
