"""Printers in the database: adding, listing, and which printer a station uses for a
document (the label printer for waybills, the document printer for the rest; the
preview printer when the station has none, so printing works with no hardware)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app import permissions
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import AuditEvent, Printer, Station
from app.permissions import Action
from app.printing import config as printing_config

LANGUAGES = ("zpl", "tspl", "pdf", "png")
PREVIEW = "preview"
LABEL_DOCUMENTS = ("waybill",)


@dataclass(frozen=True)
class PrinterRow:
    id: int
    name: str
    uri: str
    language: str
    dpi: int
    label_width_mm: int | None
    label_height_mm: int | None
    darkness: int | None
    options: dict[str, Any]

    @property
    def size(self) -> str:
        if self.label_width_mm and self.label_height_mm:
            return f"{self.label_width_mm}x{self.label_height_mm}"
        return ""


def row(p: Printer) -> PrinterRow:
    return PrinterRow(
        p.id,
        p.name,
        p.uri,
        p.language,
        p.dpi,
        p.label_width_mm,
        p.label_height_mm,
        p.darkness,
        dict(p.options or {}),
    )


def list_printers(engine: Engine) -> list[PrinterRow]:
    with unit_of_work(engine, read_only=True) as s:
        return [row(p) for p in s.scalars(select(Printer).order_by(Printer.name))]


def parse_size(text: str | None) -> tuple[int | None, int | None]:
    if not text:
        return None, None
    w, sep, h = text.lower().partition("x")
    if not sep or not w.isdigit() or not h.isdigit():
        raise PackdeskError(f"A label size is WIDTHxHEIGHT in mm, such as 100x150; got {text!r}")
    return int(w), int(h)


def add_printer(
    engine: Engine,
    *,
    name: str,
    uri: str,
    language: str,
    dpi: int = 203,
    size: str | None = None,
    darkness: int | None = None,
    options: dict[str, Any] | None = None,
    station: str | None = None,
    role: str = "label",
    user_id: int | None = None,
) -> PrinterRow:
    """A new printer (a station's, if ``station``), added by ``user_id``, who must be
    allowed to change printers (else refused and recorded); in the audit
    (``printer.add``)."""
    from printers.transports import open_transport

    permissions.require(engine, user_id, Action.CHANGE_PRINTERS, entity="printer")

    language = language.lower()
    if language not in LANGUAGES:
        raise PackdeskError(f"Printer language {language!r}: use one of {', '.join(LANGUAGES)}.")
    if language in ("zpl", "tspl") and dpi not in (203, 300):
        raise PackdeskError(f"Label printers come at 203 or 300 dpi, not {dpi}.")
    top = {"zpl": 30, "tspl": 15}.get(language)
    if darkness is not None and (top is None or not 0 <= darkness <= top):
        raise PackdeskError(
            f"Darkness is 0 to 30 on ZPL and 0 to 15 on TSPL printers; {darkness} does not "
            f"fit a {language} printer."
        )
    open_transport(uri, preview_folder=printing_config.load().previews())  # checks the URI
    width, height = parse_size(size)
    with unit_of_work(engine) as s:
        if s.scalar(select(Printer).where(Printer.name == name)) is not None:
            raise PackdeskError(f"A printer named {name!r} exists already.")
        printer = Printer(
            name=name,
            uri=uri,
            language=language,
            dpi=dpi,
            label_width_mm=width,
            label_height_mm=height,
            darkness=darkness,
            options=options or {},
        )
        s.add(printer)
        s.flush()
        if station:
            assign(s, station, printer, role)
        record(s, printer, "printer.add", user_id, uri=uri, language=language, dpi=dpi,
               station=station, role=role if station else None)  # fmt: skip
        return row(printer)


def record(s: Session, printer: Printer, action: str, user_id: int | None, **details: Any) -> None:
    """A change to ``printer`` in the audit: who, and what it is now."""
    s.add(
        AuditEvent(
            at=db_now(s),
            user_id=user_id,
            action=action,
            entity="printer",
            entity_id=printer.id,
            details={"name": printer.name, **details},
        )
    )


def remove_printer(engine: Engine, name: str, user_id: int | None = None) -> bool:
    """Take the printer ``name`` off every station; delete it if no job was ever
    printed on it (else it stays, listed, for its jobs' record). True if deleted.
    ``user_id`` must be allowed to change printers (else refused and recorded).
    Recorded in the audit (``printer.remove``)."""
    from sqlalchemy import func, update

    from app.models import PrintJob

    permissions.require(engine, user_id, Action.CHANGE_PRINTERS, entity="printer")

    with unit_of_work(engine) as s:
        printer = by_name(s, name)
        for column in (Station.label_printer_id, Station.document_printer_id):
            s.execute(update(Station).where(column == printer.id).values({column.key: None}))
        used = s.scalar(select(func.count()).where(PrintJob.printer_id == printer.id)) or 0
        record(s, printer, "printer.remove", user_id, uri=printer.uri, jobs=used)
        if not used:
            s.flush()
            s.delete(printer)
        return not used


def assign(s: Session, station_name: str, printer: Printer, role: str) -> None:
    station = s.scalar(select(Station).where(Station.name == station_name))
    if station is None:
        station = Station(name=station_name)
        s.add(station)
        s.flush()
    if role == "label":
        station.label_printer_id = printer.id
    elif role == "document":
        station.document_printer_id = printer.id
    else:
        raise PackdeskError(
            f"A station's printer is its 'label' or 'document' printer, not {role!r}."
        )


def by_name(s: Session, name: str) -> Printer:
    printer = s.scalar(select(Printer).where(Printer.name == name))
    if printer is None:
        known = ", ".join(s.scalars(select(Printer.name).order_by(Printer.name))) or "none yet"
        raise PackdeskError(f"No printer named {name!r} (printers: {known}).")
    return printer


_ADD_PREVIEW = {
    dialect: insert_for(Printer)
    .values(name=PREVIEW, uri="preview", language="png", dpi=203, options={})
    .on_conflict_do_nothing(index_elements=["name"])
    for dialect, insert_for in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


def preview_printer(s: Session) -> Printer:
    """The preview printer, created on first use: by one of several counters that
    close their first orders at once, the others finding it made (a plain INSERT
    failed theirs on the unique name, and with it the order's close)."""
    find = select(Printer).where(Printer.name == PREVIEW)
    printer = s.scalar(find)
    if printer is None:
        s.execute(_ADD_PREVIEW[s.get_bind().dialect.name])
        printer = s.scalars(find).one()
    return printer


def printers_for(
    s: Session, station_id: int | None, documents: tuple[str, ...]
) -> dict[str, Printer]:
    """The station's printer for each document (the preview printer where it has
    none): the station's two printers come in one query, as an order closes."""
    label_id = document_id = None
    assigned: dict[int, Printer] = {}  # (kept referenced: the session holds them weakly)
    if station_id is not None:
        rows = s.execute(
            select(Station.label_printer_id, Station.document_printer_id, Printer)
            .outerjoin(
                Printer,
                Printer.id.in_((Station.label_printer_id, Station.document_printer_id)),
            )
            .where(Station.id == station_id)
        ).all()
        if rows:
            label_id, document_id = rows[0][0], rows[0][1]
        assigned = {printer.id: printer for _, _, printer in rows if printer is not None}
    chosen: dict[str, Printer] = {}
    preview: Printer | None = None
    for document in documents:
        wanted = label_id if document in LABEL_DOCUMENTS else document_id
        if wanted is not None and wanted in assigned:
            chosen[document] = assigned[wanted]
        else:
            preview = preview or preview_printer(s)
            chosen[document] = preview
    return chosen


def printer_for(s: Session, station_id: int | None, document: str) -> Printer:
    return printers_for(s, station_id, (document,))[document]
