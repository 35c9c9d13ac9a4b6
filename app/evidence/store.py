"""The clips' index in the database: a sealed clip stored with its timeline and its
seal in the audit trail (``evidence.sealed``), a station's camera, an order's
dispute, and the retention rule that deletes the oldest clips first.

Services open their own unit of work and return plain values (``ClipRow``).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, select
from sqlalchemy.orm import Session, selectinload

from app import permissions
from app.db import unit_of_work
from app.errors import NotFound, PackdeskError
from app.evidence.cameras import identity_or_text, parse_source
from app.evidence.clip_file import SealedClip
from app.models import AuditEvent, EvidenceClip, EvidenceMark, Order, Station, User
from app.permissions import Action
from app.timeutil import Clock, utcnow

SEALED = "evidence.sealed"


@dataclass(frozen=True)
class MarkRow:
    offset_s: float
    at: datetime
    text: str


@dataclass(frozen=True)
class ClipRow:
    id: int
    clip_uid: str
    order_number: str
    order_id: int | None
    parcel: int
    station: str
    packer: str
    path: Path
    photo_path: Path | None
    photo_sha256: str | None
    started_at: datetime
    ended_at: datetime
    duration_s: float
    frames: int
    bytes: int
    sha256: str | None
    codec: str
    status: str
    camera_problem: str | None
    stop_reason: str | None
    deleted_at: datetime | None
    disputed: bool
    marks: tuple[MarkRow, ...]

    @property
    def timeline_path(self) -> Path:
        return self.path.with_suffix(".json")

    def to_json(self) -> dict[str, Any]:
        return {
            "clip": self.clip_uid,
            "order": self.order_number,
            "parcel": self.parcel,
            "station": self.station,
            "packer": self.packer,
            "path": str(self.path),
            "photo": str(self.photo_path) if self.photo_path else None,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat(),
            "duration_s": round(self.duration_s, 3),
            "frames": self.frames,
            "bytes": self.bytes,
            "sha256": self.sha256,
            "photo_sha256": self.photo_sha256,
            "codec": self.codec,
            "status": self.status,
            "camera_problem": self.camera_problem,
            "stop_reason": self.stop_reason,
            "deleted": self.deleted_at is not None,
            "disputed": self.disputed,
            "marks": [
                {"offset_s": round(m.offset_s, 3), "at": m.at.isoformat(), "text": m.text}
                for m in self.marks
            ],
        }


def clip_row(clip: EvidenceClip, disputed: bool) -> ClipRow:
    return ClipRow(
        id=clip.id,
        clip_uid=clip.clip_uid,
        order_number=clip.order_number,
        order_id=clip.order_id,
        parcel=clip.parcel_seq,
        station=clip.station,
        packer=clip.packer,
        path=Path(clip.path),
        photo_path=Path(clip.photo_path) if clip.photo_path else None,
        photo_sha256=clip.photo_sha256,
        started_at=clip.started_at,
        ended_at=clip.ended_at,
        duration_s=clip.duration_s,
        frames=clip.frames,
        bytes=clip.bytes,
        sha256=clip.sha256,
        codec=clip.codec,
        status=clip.status,
        camera_problem=clip.camera_problem,
        stop_reason=clip.stop_reason,
        deleted_at=clip.deleted_at,
        disputed=disputed,
        marks=tuple(MarkRow(m.offset_s, m.at, m.text) for m in clip.marks),
    )


def query_clips(s: Session, query: Select[Any]) -> list[ClipRow]:
    """The clips ``query`` selects, oldest first, with their marks and disputes."""
    clips: list[EvidenceClip] = list(
        s.scalars(
            query.options(selectinload(EvidenceClip.marks)).order_by(
                EvidenceClip.started_at, EvidenceClip.id
            )
        )
    )
    order_ids = {c.order_id for c in clips if c.order_id is not None}
    disputed = set(
        s.scalars(select(Order.id).where(Order.id.in_(order_ids), Order.disputed_at.is_not(None)))
        if order_ids
        else []
    )
    return [clip_row(c, c.order_id in disputed) for c in clips]


class EvidenceStore:
    """Indexes sealed clips: the recorder's ``on_sealed``. Called on the recorder's
    sealing thread, never the GUI's."""

    def __init__(self, engine: Engine, *, clock: Clock = utcnow) -> None:
        self.engine = engine
        self.clock = clock

    def record(self, sealed: SealedClip) -> int:
        """Store ``sealed`` and its marks, and its seal in the audit trail, in one
        transaction; the clip's id."""
        start = sealed.start
        with unit_of_work(self.engine) as s:
            order_id = start.order_id
            if order_id is None:
                found = s.scalars(
                    select(Order.id).where(Order.external_number == start.order_number).limit(2)
                ).all()
                order_id = found[0] if len(found) == 1 else None
            clip = EvidenceClip(
                clip_uid=start.clip_id,
                order_id=order_id,
                order_number=start.order_number[:64],
                parcel_seq=start.parcel,
                station=start.station[:64],
                packer=start.packer[:128],
                path=str(sealed.path),
                photo_path=str(sealed.photo_path) if sealed.photo_path else None,
                photo_sha256=sealed.photo_sha256,
                started_at=start.started_at,
                ended_at=sealed.ended_at,
                duration_s=sealed.duration_s,
                frames=sealed.frames,
                bytes=sealed.bytes,
                sha256=sealed.sha256,
                codec=sealed.codec,
                status=sealed.status,
                camera_problem=(sealed.camera_problem or None) and sealed.camera_problem[:500],
                stop_reason=sealed.stop_reason[:64] or None,
                marks=[
                    EvidenceMark(offset_s=m.offset_s, at=m.at, text=m.text[:300])
                    for m in sealed.marks
                ],
            )
            s.add(clip)
            s.flush()
            station_id = s.scalar(select(Station.id).where(Station.name == start.station))
            s.add(
                AuditEvent(
                    at=self.clock(),
                    user_id=s.scalar(select(User.id).where(User.name == start.packer).limit(1)),
                    station_id=station_id,
                    action=SEALED,
                    entity="evidence_clip",
                    entity_id=clip.id,
                    details={
                        "clip": start.clip_id,
                        "order": start.order_number,
                        "parcel": start.parcel,
                        "file": sealed.path.name if sealed.sha256 else None,
                        "sha256": sealed.sha256,
                        "bytes": sealed.bytes,
                        "photo_sha256": sealed.photo_sha256,
                        "status": sealed.status,
                    },
                )
            )
            return clip.id


# --- a station's camera -----------------------------------------------------------


def set_camera(
    engine: Engine, station: str, source: str | None, user_id: int | None = None
) -> list[str]:
    """Give ``station`` the camera ``source`` (checked as a SOURCE), or none; the
    station is created when it is new. Who did (``user_id``) is in the audit.
    Returns the other stations that already have this camera (``sharing``): allowed
    (a network camera serves them all), and said by the caller. ``user_id`` must be
    allowed to change settings (else refused and recorded)."""
    permissions.require(engine, user_id, Action.CHANGE_SETTINGS, entity="station")
    if source is not None:
        source = parse_source(source).text
    with unit_of_work(engine) as s:
        row = s.scalar(select(Station).where(Station.name == station))
        if row is None:
            row = Station(name=station)
            s.add(row)
        before, row.camera_source = row.camera_source, source
        s.flush()
        s.add(
            AuditEvent(
                at=utcnow(),
                user_id=user_id,
                action="station.camera",
                entity="station",
                entity_id=row.id,
                details={"station": station, "before": before, "after": source},
            )
        )
    return [] if source is None else sharing(engine, station, source)


def sharing(engine: Engine, station: str, source: str) -> list[str]:
    """The stations other than ``station`` whose camera is ``source``, by name, however
    each wrote its address (``camera_identity``: another user, the default port...)."""
    camera = identity_or_text(source)
    return [
        name
        for name, theirs in cameras(engine)
        if name != station and identity_or_text(theirs) == camera
    ]


def camera_of(engine: Engine, station: str) -> str | None:
    with unit_of_work(engine, read_only=True) as s:
        return s.scalar(select(Station.camera_source).where(Station.name == station))


def cameras(engine: Engine) -> list[tuple[str, str]]:
    """(station, source) of every station with a camera; two counters sharing one
    camera address are both listed (``cameras list`` says so)."""
    with unit_of_work(engine, read_only=True) as s:
        rows = s.execute(
            select(Station.name, Station.camera_source)
            .where(Station.camera_source.is_not(None))
            .order_by(Station.name)
        ).all()
        return [(str(name), str(source)) for name, source in rows]


# --- disputes ---------------------------------------------------------------------


def set_dispute(
    engine: Engine,
    order_id: int,
    *,
    open_: bool,
    reason: str,
    clock: Clock = utcnow,
    user_id: int | None = None,
) -> bool:
    """Open (or close) a dispute on the order: while open, its clips are kept whatever
    the retention rule says. Audited as ``order.disputed`` / ``order.dispute_closed``.
    False when nothing changed. ``user_id`` must be a lead or above (one who may hold
    an order); else refused and recorded."""
    permissions.require(engine, user_id, Action.HOLD, entity="order", entity_id=order_id)
    with unit_of_work(engine) as s:
        order = s.get(Order, order_id)
        if order is None:
            raise NotFound(
                f"There is no order with id {order_id}.", "order", str(order_id), by_id=True
            )
        if (order.disputed_at is not None) == open_:
            return False
        order.disputed_at = clock() if open_ else None
        s.add(
            AuditEvent(
                at=clock(),
                user_id=user_id,
                action="order.disputed" if open_ else "order.dispute_closed",
                entity="order",
                entity_id=order.id,
                details={"order": order.external_number, "reason": reason},
            )
        )
        return True


# --- retention ----------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionResult:
    deleted: tuple[ClipRow, ...]
    freed_bytes: int
    kept_disputed: int  # clips the rule would have deleted, kept for a dispute
    left_bytes: int  # what the station's clips still take


def apply_retention(
    engine: Engine,
    station: str,
    *,
    keep_days: float,
    budget_bytes: int,
    clock: Clock = utcnow,
) -> RetentionResult:
    """Delete ``station``'s clips older than ``keep_days``, then the oldest until its
    clips fit in ``budget_bytes``; a clip of an order under dispute is kept. Each
    clip's files (video, timeline, photo) go, its row stays with ``deleted_at``."""
    if keep_days <= 0 or budget_bytes <= 0:
        raise PackdeskError("Retention needs a number of days and a size budget above 0.")
    now = clock()
    with unit_of_work(engine, read_only=True) as s:
        clips = query_clips(
            s,
            select(EvidenceClip).where(
                EvidenceClip.station == station, EvidenceClip.deleted_at.is_(None)
            ),
        )
    total = sum(_size_on_disk(c) for c in clips)
    too_old = now - timedelta(days=keep_days)
    doomed: list[ClipRow] = []
    kept = 0
    for clip in clips:  # oldest first
        if clip.started_at >= too_old and total <= budget_bytes:
            break
        if clip.disputed:
            kept += 1
            continue
        doomed.append(clip)
        total -= _size_on_disk(clip)
    freed = 0
    for clip in doomed:
        freed += _remove_files(clip)
    if doomed:
        with unit_of_work(engine) as s:
            for clip in doomed:
                row = s.get_one(EvidenceClip, clip.id)
                row.deleted_at = now
            s.add(
                AuditEvent(
                    at=now,
                    action="evidence.deleted",
                    entity="station",
                    details={
                        "station": station,
                        "clips": [c.clip_uid for c in doomed],
                        "bytes": freed,
                        "keep_days": keep_days,
                        "budget_bytes": budget_bytes,
                    },
                )
            )
    return RetentionResult(tuple(doomed), freed, kept, total)


def _files(clip: ClipRow) -> list[Path]:
    return [p for p in (clip.path, clip.timeline_path, clip.photo_path) if p is not None]


def _size_on_disk(clip: ClipRow) -> int:
    size = 0
    for path in _files(clip):
        with contextlib.suppress(OSError):  # (gone: it takes no room)
            size += path.stat().st_size
    return size


def _remove_files(clip: ClipRow) -> int:
    freed = 0
    for path in _files(clip):
        try:
            freed += path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            pass
    return freed
