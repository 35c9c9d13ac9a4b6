"""The catalogue of boxes and bags a counter packs into: barcode, name, inner size and
tare weight. A box is chosen at the counter by scanning its barcode; its tare is part
of what the parcel should weigh.

Adding or importing is all or nothing: a bad row (no code, a tare that is no number
of grams, a size that is not LxWxH in millimetres, a code twice in the file) is
named with its line, and nothing is stored.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from app import permissions
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.importing.common import BadFile, inspect_file, normalise_header, parse_grams
from app.models import AuditEvent, BoxType
from app.permissions import Action

_SIZE = re.compile(r"\s*(\d{1,4})\s*[x×*]\s*(\d{1,4})\s*[x×*]\s*(\d{1,4})\s*(?:mm)?\s*", re.I)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Box:
    code: str
    name: str
    tare_g: int
    size_mm: tuple[int, int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        size = "x".join(str(n) for n in self.size_mm) if self.size_mm else None
        return {"code": self.code, "name": self.name, "tare_g": self.tare_g, "size_mm": size}


def parse_size(text: str) -> tuple[int, int, int] | None:
    """An inner size written LxWxH in millimetres ("300x200x150"); None for nothing."""
    if not text.strip():
        return None
    found = _SIZE.fullmatch(text)
    if found is None:
        raise ValueError(f"size {text.strip()!r} is not LxWxH in millimetres, e.g. 300x200x150")
    length, width, height = (int(n) for n in found.groups())
    if 0 in (length, width, height):
        raise ValueError(f"size {text.strip()!r} has a side of 0 mm")
    return length, width, height


def checked_box(code: str, name: str, tare: str, size: str = "") -> Box:
    """A box from text as given, or ValueError in words."""
    code, name = code.strip(), name.strip()
    if not code:
        raise ValueError("a box needs a code (its barcode)")
    if len(code) > 64 or _CONTROL.search(code) or " " in code:
        raise ValueError(f"code {code!r} is no barcode (at most 64 characters, no spaces)")
    if _CONTROL.search(name) or len(name) > 255:
        raise ValueError(f"name {name!r} holds control characters or is too long")
    grams = parse_grams(tare, "tare")
    if grams is None:
        raise ValueError("a box needs its tare weight in grams")
    return Box(code, name or code, grams, parse_size(size))


def list_boxes(engine: Engine) -> list[Box]:
    with unit_of_work(engine, read_only=True) as s:
        rows = s.scalars(select(BoxType).where(BoxType.active).order_by(BoxType.code))
        return [_box(row) for row in rows]


def add_boxes(
    engine: Engine, boxes: list[Box], *, replace: bool = False, user_id: int | None = None
) -> int:
    """Store ``boxes`` in one transaction; a code already in the catalogue is refused
    unless ``replace`` (an import updates the boxes it names). Returns how many. Who
    (``user_id``, who must be allowed to change settings) and which boxes, with their
    tares, are in the audit (``box.set``)."""
    permissions.require(engine, user_id, Action.CHANGE_SETTINGS, entity="box")
    with unit_of_work(engine) as s:
        existing = {b.code: b for b in s.scalars(select(BoxType))}
        for box in boxes:
            row = existing.get(box.code)
            if row is not None and not replace and row.active:
                raise PackdeskError(f"Box {box.code} is in the catalogue already.")
            if row is None:
                row = BoxType(code=box.code)
                s.add(row)
            row.name, row.tare_g, row.active = box.name, box.tare_g, True
            size = box.size_mm or (None, None, None)
            row.inner_length_mm, row.inner_width_mm, row.inner_height_mm = size
        s.add(
            AuditEvent(
                at=db_now(s),
                user_id=user_id,
                action="box.set",
                entity="box_type",
                details={"boxes": {b.code: {"name": b.name, "tare_g": b.tare_g} for b in boxes}},
            )
        )
    return len(boxes)


def read_boxes_file(path: Path) -> list[Box]:
    """The boxes of a CSV file with the columns code, name, tare_g and (optional) size;
    every bad row named with its line, and nothing returned if any is bad."""
    try:
        facts = inspect_file(path)
    except BadFile as exc:
        raise PackdeskError(str(exc)) from None
    text = path.read_text(encoding=facts.encoding)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [normalise_header(h) for h in next(reader, [])]
    names = ("code", "name", "tare g", "size")  # (as normalised: "Tare_g" is "tare g")
    columns: dict[str, int] = {name: header.index(name) for name in names if name in header}
    if "code" not in columns or "tare g" not in columns:
        raise PackdeskError(f"{path}: the first line must name the columns code and tare_g.")
    boxes: list[Box] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            index = columns.get(name)
            return row[index] if index is not None and index < len(row) else ""

        try:
            box = checked_box(cell("code"), cell("name"), cell("tare g"), cell("size"))
        except ValueError as exc:
            problems.append(f"line {number}: {exc}")
            continue
        if box.code in seen:
            problems.append(f"line {number}: box {box.code} is in the file twice")
        seen.add(box.code)
        boxes.append(box)
    if problems:
        raise PackdeskError(f"{path}: nothing imported.\n" + "\n".join(problems))
    return boxes


def _box(row: BoxType) -> Box:
    sides = (row.inner_length_mm, row.inner_width_mm, row.inner_height_mm)
    size = None if None in sides else (int(sides[0] or 0), int(sides[1] or 0), int(sides[2] or 0))
    return Box(row.code, row.name, row.tare_g, size)
