"""Closing a carrier's load for the day: its parcels are frozen on a manifest (no scan
adds to a closed load; the next scan opens the next one), and the manifest is written
as a PDF the driver signs (a Code 128 per parcel and one for the manifest) and a CSV.
Parcels packed for the carrier but not handed over are listed as missing on both.

Closing is a short transaction; the files are laid out and written after it, so a
counter's scans never wait for a 5,000-parcel PDF. ``write_files`` writes a closed
manifest's files again (another folder, a lost copy).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.kpi_export import csv_cell
from app.models import Load, Order, OrderStatus, Parcel, User
from app.printing import build
from app.printing.config import load as load_printing
from app.settings import local_text
from app.shipping import loads
from printers import documents as docs

CSV_COLUMNS = (
    "manifest", "carrier", "status", "tracking_number", "order", "parcel", "weight_g",
    "destination", "handed_over_at", "handed_over_by",
)  # fmt: skip


@dataclass(frozen=True)
class ManifestSummary:
    number: str
    carrier: str
    opened_at: datetime
    closed_at: datetime | None
    closed_by: str | None
    parcels: int
    weight_g: int

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "carrier": self.carrier,
            "opened_at": self.opened_at.isoformat(),
            "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "closed_by": self.closed_by,
            "parcels": self.parcels,
            "weight_g": self.weight_g,
        }


class NothingToClose(PackdeskError):
    """The carrier has no open load: nothing was handed over to it yet, or not since
    its last manifest (``last`` and ``last_closed_at``, local "HH:MM") was closed."""

    def __init__(self, carrier: str, last: str | None, last_closed_at: str | None) -> None:
        if last is None:
            words = f"Nothing to close: no parcel has been handed over to {carrier} yet."
        else:
            words = (
                f"Nothing to close: manifest {last} was closed at {last_closed_at} "
                f"and no parcel has been handed over to {carrier} since."
            )
        super().__init__(words)
        self.carrier = carrier
        self.last = last
        self.last_closed_at = last_closed_at


@dataclass(frozen=True)
class ManifestFiles:
    number: str
    carrier: str
    parcels: int
    missing: int
    pdf: Path
    csv: Path

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "carrier": self.carrier,
            "parcels": self.parcels,
            "missing": self.missing,
            "pdf": str(self.pdf),
            "csv": str(self.csv),
        }


class FilesNotWritten(PackdeskError):
    """A closed manifest whose PDF or CSV could not be written (a full disk, a folder
    not allowed): ``errno`` says why, for words in a person's language."""

    def __init__(self, number: str, out_dir: Path, exc: OSError) -> None:
        self.number, self.out_dir, self.errno = number, out_dir, exc.errno
        super().__init__(
            f"Manifest {number} is closed, but its files could not be written in {out_dir}: "
            f"{exc.strerror or exc}. Write them again with "
            f"packdesk manifest files {number} --out DIR."
        )


def close_manifest(
    engine: Engine, carrier: str, *, user_id: int | None, out_dir: Path
) -> ManifestFiles:
    """Close ``carrier``'s open load and write its manifest into ``out_dir``."""
    with unit_of_work(engine) as s:
        load = s.scalar(loads.open_load(carrier, locked=True))
        if load is None:
            raise _nothing_open(s, carrier)
        load.closed_at = db_now(s)
        load.closed_by_user_id = user_id
        number = load.number
    return write_files(engine, number, out_dir)


def _nothing_open(s: Session, carrier: str) -> NothingToClose:
    last = s.scalar(
        select(Load)
        .where(func.lower(Load.carrier) == carrier.strip().lower())
        .order_by(Load.id.desc())
        .limit(1)
    )
    if last is None:
        return NothingToClose(carrier, None, None)
    assert last.closed_at is not None
    return NothingToClose(carrier, last.number, local_text(last.closed_at, "%H:%M"))


def open_load(engine: Engine, carrier: str) -> ManifestSummary | None:
    """The carrier's open load (the manifest it will close), or None."""
    with unit_of_work(engine, read_only=True) as s:
        load = s.scalar(loads.open_load(carrier))
        if load is None:
            return None
        count, weight = s.execute(
            select(func.count(Parcel.id), func.coalesce(func.sum(Parcel.weight_g), 0)).where(
                Parcel.load_id == load.id
            )
        ).one()
        return ManifestSummary(
            load.number, load.carrier, load.opened_at, None, None, int(count or 0), int(weight or 0)
        )


def write_files(engine: Engine, number: str, out_dir: Path) -> ManifestFiles:
    """The PDF and CSV of the closed manifest ``number`` written into ``out_dir``."""
    with unit_of_work(engine, read_only=True) as s:
        load = s.scalar(select(Load).where(Load.number == number))
        if load is None:
            raise PackdeskError(f"No manifest is numbered {number}.")
        if load.closed_at is None:
            raise PackdeskError(f"Manifest {number} is still open: close it first.")
        data, loaders = _data(s, load)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        pdf = _write(out_dir / f"{number}.pdf", build.render(docs.manifest(data), "pdf"))
        csv_path = _write(out_dir / f"{number}.csv", _csv(data, loaders).encode("utf-8-sig"))
    except OSError as exc:
        raise FilesNotWritten(number, out_dir, exc) from exc
    return ManifestFiles(number, data.carrier, len(data.parcels), len(data.missing), pdf, csv_path)


def list_manifests(engine: Engine, *, limit: int = 50) -> list[ManifestSummary]:
    closer = aliased(User)
    with unit_of_work(engine, read_only=True) as s:
        rows = s.execute(
            select(
                Load,
                closer.name,
                func.count(Parcel.id),
                func.coalesce(func.sum(Parcel.weight_g), 0),
            )
            .outerjoin(closer, closer.id == Load.closed_by_user_id)
            .outerjoin(Parcel, Parcel.load_id == Load.id)
            .group_by(Load.id, closer.name)
            .order_by(Load.id.desc())
            .limit(limit)
        )
        return [
            ManifestSummary(
                load.number,
                load.carrier,
                load.opened_at,
                load.closed_at,
                name,
                int(count or 0),
                int(weight or 0),
            )
            for load, name, count, weight in rows
        ]


def _data(s: Session, load: Load) -> tuple[docs.ManifestData, list[tuple[str, str]]]:
    """The manifest's data, and who loaded each of its parcels and when (local date and
    time, for the CSV), in the same order."""
    loader, sibling = aliased(User), aliased(Parcel)
    # the order's parcels, looked up by its index for each row (a grouped subquery
    # joined in can be planned as a loop over all parcels per row)
    count = (
        select(func.count())
        .where(sibling.order_id == Parcel.order_id)
        .correlate(Parcel)
        .scalar_subquery()
    )
    columns = (Parcel, Order, count, loader.name)
    on_load = (
        select(*columns)
        .join(Order, Order.id == Parcel.order_id)
        .outerjoin(loader, loader.id == Parcel.handed_over_by_user_id)
        .where(Parcel.load_id == load.id)
        .order_by(Parcel.handed_over_at, Parcel.id)
    )
    carrier = func.lower(func.coalesce(Parcel.carrier, Order.carrier))
    missing = (
        select(*columns)
        .join(Order, Order.id == Parcel.order_id)
        .outerjoin(loader, loader.id == Parcel.handed_over_by_user_id)
        .where(
            Parcel.load_id.is_(None),
            Order.status == OrderStatus.PACKED,
            carrier == load.carrier.lower(),
            or_(Parcel.created_at <= load.closed_at, Parcel.created_at.is_(None)),
        )
        .order_by(Order.external_number, Parcel.seq)
    )
    closed_by = s.scalar(select(User.name).where(User.id == load.closed_by_user_id))
    assert load.closed_at is not None
    loaded = s.execute(on_load).all()
    data = docs.ManifestData(
        manifest_number=load.number,
        carrier=load.carrier,
        closed_at=local_text(load.closed_at),
        closed_by=closed_by or "",
        sender=build.sender(load_printing()).block().replace("\n", ", "),
        parcels=tuple(_parcel(p, o, n) for p, o, n, _who in loaded),
        missing=tuple(_parcel(p, o, n) for p, o, n, _who in s.execute(missing)),
    )
    return data, [
        (who or "", local_text(p.handed_over_at) if p.handed_over_at else "")
        for p, _o, _n, who in loaded
    ]


def _parcel(parcel: Parcel, order: Order, count: int) -> docs.ManifestParcel:
    place = " ".join(x for x in (order.ship_to_city, order.ship_to_postal_code) if x)
    return docs.ManifestParcel(
        tracking_number=parcel.tracking_number or order.external_number,
        order_number=order.external_number,
        parcel=f"{parcel.seq}/{count}",
        weight_g=parcel.weight_g,
        destination=place or order.ship_to_country,
        handed_over_at=local_text(parcel.handed_over_at, "%H:%M") if parcel.handed_over_at else "",
    )


def _csv(data: docs.ManifestData, loaders: list[tuple[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    rows = [("loaded", p, who) for p, who in zip(data.parcels, loaders, strict=True)]
    rows += [("missing", p, ("", "")) for p in data.missing]
    for status, p, (who, when) in rows:
        row = (
            data.manifest_number, data.carrier, status, p.tracking_number, p.order_number,
            p.parcel, p.weight_g, p.destination, when, who,
        )  # fmt: skip
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


def _write(path: Path, content: bytes) -> Path:
    """``content`` at ``path`` whole or not at all (a temporary file renamed)."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
