"""Finding packing video: clips by order number, tracking number, SKU, packer,
counter and time (``packdesk evidence list``), and the clips of whatever was scanned
on the board (an order number, a waybill's tracking number) in one read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from app import barcodes
from app.db import unit_of_work
from app.errors import PackdeskError
from app.evidence.store import ClipRow, query_clips
from app.models import EvidenceClip, Order, OrderLine, Parcel
from app.shipping.tracking_numbers import normalise as normalise_tracking


@dataclass(frozen=True)
class ClipQuery:
    """What ``find_clips`` looks for; every field given must match (None: any)."""

    order: str | None = None
    tracking: str | None = None
    sku: str | None = None
    station: str | None = None
    packer: str | None = None  # a part of the packer's name, any letter case
    since: datetime | None = None  # recording began at or after (UTC)
    until: datetime | None = None  # recording began before (UTC)


def find_clips(
    engine: Engine,
    *,
    order: str | None = None,
    tracking: str | None = None,
    sku: str | None = None,
    station: str | None = None,
    packer: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    newest: int | None = None,
) -> list[ClipRow]:
    """Clips, oldest first (only the ``newest`` N when given): of the order with this
    number, of the order a parcel with this tracking number belongs to, of orders
    with a line of this SKU (any letter case), at this station, by a packer whose
    name holds ``packer``, begun in [``since``, ``until``); all when nothing is given."""
    q = ClipQuery(order, tracking, sku, station, packer, since, until)
    if q.since is not None and q.until is not None and q.since >= q.until:
        raise PackdeskError("--since must come before --until.")
    query = select(EvidenceClip).where(*_conditions(q))
    if newest is not None:
        last = query.order_by(EvidenceClip.started_at.desc(), EvidenceClip.id.desc())
        ids = last.limit(newest).with_only_columns(EvidenceClip.id)
        query = select(EvidenceClip).where(EvidenceClip.id.in_(ids))
    with unit_of_work(engine, read_only=True) as s:
        return query_clips(s, query)


def stations_with_clips(engine: Engine) -> list[str]:
    """The counters that recorded a clip, by name (to choose from in a search)."""
    with unit_of_work(engine, read_only=True) as s:
        return list(
            s.scalars(select(EvidenceClip.station).distinct().order_by(EvidenceClip.station))
        )


def _conditions(q: ClipQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if q.order is not None:
        where.append(_of_order(q.order.strip()))
    if q.tracking is not None:
        where.append(_of_tracking(q.tracking))
    if q.sku is not None:
        with_sku = select(OrderLine.order_id).where(
            func.lower(OrderLine.sku) == q.sku.strip().lower()
        )
        where.append(EvidenceClip.order_id.in_(with_sku))
    if q.station is not None:
        where.append(EvidenceClip.station == q.station)
    if q.packer is not None:
        pattern = "%" + _escape_like(q.packer.strip().lower()) + "%"
        where.append(func.lower(EvidenceClip.packer).like(pattern, escape="\\"))
    if q.since is not None:
        where.append(EvidenceClip.started_at >= q.since)
    if q.until is not None:
        where.append(EvidenceClip.started_at < q.until)
    return where


def _of_order(number: str) -> ColumnElement[bool]:
    ids = select(Order.id).where(Order.external_number == number)
    return or_(EvidenceClip.order_number == number, EvidenceClip.order_id.in_(ids))


def _of_tracking(tracking: str) -> ColumnElement[bool]:
    by_parcel = select(Parcel.order_id).where(
        Parcel.tracking_number == normalise_tracking(tracking)
    )
    by_order = select(Order.id).where(Order.tracking_number == tracking.strip())
    return or_(EvidenceClip.order_id.in_(by_parcel), EvidenceClip.order_id.in_(by_order))


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class ScannedClips:
    """The clips of what was scanned: ``orders`` the order numbers it named (by
    number or by a parcel's tracking number), ``clips`` theirs, oldest first."""

    code: str
    orders: tuple[str, ...]
    clips: tuple[ClipRow, ...]


def clips_for_code(engine: Engine, code: str) -> ScannedClips:
    """The clips of the order ``code`` names: its number (as on its packing slip) or
    a tracking number (as on its waybill), the scanner's AIM prefix left out. One
    read; none found is an empty answer, not an error."""
    text = _scanned_text(code)
    if not text:
        return ScannedClips(code, (), ())
    query = select(EvidenceClip).where(or_(_of_order(text), _of_tracking(text)))
    with unit_of_work(engine, read_only=True) as s:
        clips = query_clips(s, query)
    numbers = tuple(dict.fromkeys(c.order_number for c in clips))
    return ScannedClips(code, numbers, tuple(clips))


def _scanned_text(code: str) -> str:
    try:
        return barcodes.normalise(code).text.strip()
    except barcodes.InvalidInput:
        return code.strip()


__all__ = ["ClipQuery", "ScannedClips", "clips_for_code", "find_clips", "stations_with_clips"]
