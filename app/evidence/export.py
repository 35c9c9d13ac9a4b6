"""Finding an order's packing video (by order number, tracking number or SKU),
exporting it as evidence (the clips, the photo and a manifest with each file's
SHA-256), and verifying that no sealed file changed or went missing."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from app import __version__
from app.db import unit_of_work
from app.errors import NotFound, PackdeskError
from app.evidence.clip_file import sha256_of
from app.evidence.search import find_clips
from app.evidence.store import ClipRow, query_clips
from app.models import EvidenceClip, Order, Parcel, ScanEvent, Station, User
from app.timeutil import Clock, utcnow


@dataclass(frozen=True)
class ScanRow:
    at: datetime
    input: str
    outcome: str
    station: str | None
    packer: str | None


@dataclass(frozen=True)
class OrderEvidence:
    number: str
    order_id: int | None
    channel: str | None
    status: str | None
    disputed_at: datetime | None
    parcels: tuple[dict[str, Any], ...]
    tracking_numbers: tuple[str, ...]
    scans: tuple[ScanRow, ...]
    clips: tuple[ClipRow, ...]


def order_evidence(engine: Engine, number: str) -> OrderEvidence:
    """The order (when this database knows it), its parcels, scans and clips."""
    number = number.strip()
    clips = find_clips(engine, order=number)
    with unit_of_work(engine, read_only=True) as s:
        orders = s.scalars(select(Order).where(Order.external_number == number).limit(2)).all()
        if len(orders) > 1:
            raise PackdeskError(f"Order {number} exists in several channels.")
        if not orders:
            if not clips:
                raise NotFound(f"There is no order {number} and no video of it.")
            return OrderEvidence(number, None, None, None, None, (), (), (), tuple(clips))
        o = orders[0]
        parcels = s.scalars(select(Parcel).where(Parcel.order_id == o.id).order_by(Parcel.seq))
        parcel_rows = tuple(
            {
                "seq": p.seq,
                "tracking_number": p.tracking_number,
                "carrier": p.carrier,
                "weight_g": p.weight_g,
            }
            for p in parcels
        )
        tracking = [str(p["tracking_number"]) for p in parcel_rows if p["tracking_number"]]
        if not tracking and o.tracking_number:
            tracking = [o.tracking_number]
        scans = s.execute(
            select(ScanEvent, Station.name, User.name)
            .outerjoin(Station, Station.id == ScanEvent.station_id)
            .outerjoin(User, User.id == ScanEvent.user_id)
            .where(ScanEvent.order_id == o.id)
            .order_by(ScanEvent.at, ScanEvent.id)
        )
        scan_rows = tuple(
            ScanRow(e.at, e.raw_input, e.outcome, station, user) for e, station, user in scans
        )
        return OrderEvidence(
            o.external_number,
            o.id,
            o.channel,
            str(o.status.value),
            o.disputed_at,
            parcel_rows,
            tuple(tracking),
            scan_rows,
            tuple(clips),
        )


@dataclass(frozen=True)
class ExportedFile:
    name: str
    sha256: str
    bytes: int
    sealed_sha256: str | None  # what the index sealed (None: a file not sealed, the timeline)

    @property
    def matches_seal(self) -> bool | None:
        return None if self.sealed_sha256 is None else self.sealed_sha256 == self.sha256


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    manifest: Path
    files: tuple[ExportedFile, ...]
    problems: tuple[str, ...]  # files missing or changed since they were sealed


def export_order(engine: Engine, number: str, out: Path, *, clock: Clock = utcnow) -> ExportResult:
    """Copy the order's clips, timelines and photos into ``out`` and write
    ``manifest.json``: the order, its parcels and tracking numbers, each scan with its
    time, each clip's timeline, and the SHA-256 of each file as copied."""
    evidence = order_evidence(engine, number)
    out.mkdir(parents=True, exist_ok=True)
    files: list[ExportedFile] = []
    problems: list[str] = []
    clips_json = []
    for clip in evidence.clips:
        entry = clip.to_json()
        entry.pop("path", None)
        entry.pop("photo", None)
        for kind, path, sealed in (
            ("video", clip.path, clip.sha256),
            ("timeline", clip.timeline_path, None),
            ("photo", clip.photo_path, clip.photo_sha256),
        ):
            if path is None or (kind == "video" and clip.sha256 is None):
                continue
            if clip.deleted_at is not None:
                problems.append(f"{path.name}: deleted by the retention rule")
                continue
            if not path.exists():
                problems.append(f"{path.name}: missing")
                continue
            copy = out / path.name
            shutil.copyfile(path, copy)
            done = ExportedFile(path.name, sha256_of(copy), copy.stat().st_size, sealed)
            if done.matches_seal is False:
                problems.append(f"{path.name}: changed since it was sealed")
            files.append(done)
            entry[kind] = {
                "file": done.name,
                "sha256": done.sha256,
                "matches_seal": done.matches_seal,
            }
        clips_json.append(entry)
    manifest = {
        "packdesk": __version__,
        "exported_at": clock().isoformat(),
        "order": {
            "number": evidence.number,
            "channel": evidence.channel,
            "status": evidence.status,
            "disputed_at": evidence.disputed_at.isoformat() if evidence.disputed_at else None,
        },
        "parcels": list(evidence.parcels),
        "tracking_numbers": list(evidence.tracking_numbers),
        "scans": [
            {
                "at": e.at.isoformat(),
                "input": e.input,
                "outcome": e.outcome,
                "station": e.station,
                "packer": e.packer,
            }
            for e in evidence.scans
        ],
        "clips": clips_json,
        "files": [{"file": f.name, "sha256": f.sha256, "bytes": f.bytes} for f in files],
        "problems": problems,
    }
    path = out / "manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return ExportResult(out, path, tuple(files), tuple(problems))


@dataclass(frozen=True)
class Finding:
    clip_uid: str
    order_number: str
    path: Path
    problem: str  # "missing" or "changed"


@dataclass(frozen=True)
class VerifyReport:
    checked: int  # files checked
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings


def verify(engine: Engine, *, station: str | None = None) -> VerifyReport:
    """Hash every sealed file (video and photo) of the clips not deleted by retention
    (at ``station`` only, when given: each counter keeps its clips on its own disk)
    and name each one that is missing or whose SHA-256 is not the sealed one."""
    query = select(EvidenceClip).where(EvidenceClip.deleted_at.is_(None))
    if station is not None:
        query = query.where(EvidenceClip.station == station)
    with unit_of_work(engine, read_only=True) as s:
        clips = query_clips(s, query)
    findings = []
    checked = 0
    for clip in clips:
        for path, sealed in ((clip.path, clip.sha256), (clip.photo_path, clip.photo_sha256)):
            if path is None or sealed is None:
                continue
            checked += 1
            if not path.exists():
                findings.append(Finding(clip.clip_uid, clip.order_number, path, "missing"))
            elif sha256_of(path) != sealed:
                findings.append(Finding(clip.clip_uid, clip.order_number, path, "changed"))
    return VerifyReport(checked, tuple(findings))
