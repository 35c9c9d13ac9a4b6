"""What a document looks like before (or after) it is printed, for the window: a PDF
printer's job as its PDF, anything else as a PNG of the page(s) at the printer's
resolution (a ZPL or TSPL label is drawn from the same layout the printer gets); and a
sample waybill for the settings page."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import Order, Printer, PrintJob, Station
from app.printing import build, printers, rendering
from app.printing.config import PrintingConfig, example_sscc
from app.printing.config import load as load_config
from app.printing.station import station_printers
from printers import documents as docs
from printers.errors import PrintingError

PNG_DPI_FOR_PAPER = 110  # an A4 slip on screen needs no 203 dpi


@dataclass(frozen=True)
class Preview:
    title: str
    format: str  # "png" or "pdf"
    data: bytes


def _render(s: Session, job: PrintJob, printer: Printer, config: PrintingConfig) -> Preview:
    order = s.get(Order, job.order_id) if job.order_id else None
    title = " · ".join(x for x in (order.external_number if order else "", job.document) if x)
    try:
        if printer.language == "pdf":
            if job.payload and job.format == "pdf":
                return Preview(title, "pdf", job.payload)
            doc = rendering.document_for(s, job, config)
            return Preview(title, "pdf", build.render(doc, "pdf"))
        if printer.language == "png" and job.payload and job.format == "png":
            return Preview(title, "png", job.payload)
        doc = rendering.document_for(s, job, config)
        dpi = printer.dpi if printer.language in ("zpl", "tspl") else PNG_DPI_FOR_PAPER
        return Preview(title, "png", build.render(doc, "png", dpi=dpi))
    except PrintingError as exc:
        raise PackdeskError(str(exc)) from exc


def job_preview(engine: Engine, job_id: int, config: PrintingConfig | None = None) -> Preview:
    """A queued or printed job as it looks on paper."""
    config = config or load_config()
    with unit_of_work(engine) as s:
        job = s.get(PrintJob, job_id)
        if job is None:
            raise PackdeskError(f"No print job {job_id}.")
        return _render(s, job, s.get_one(Printer, job.printer_id), config)


def order_preview(
    engine: Engine,
    order_id: int,
    document: str,
    *,
    station: str,
    config: PrintingConfig | None = None,
) -> Preview:
    """An order's document as the station's printer for it would print it now."""
    config = config or load_config()
    with unit_of_work(engine) as s:
        station_id = s.scalar(select(Station.id).where(Station.name == station))
        printer = printers.printer_for(s, station_id, document)
        job = PrintJob(  # never added to the session: only read
            printer_id=printer.id, order_id=order_id, document=document, format=printer.language
        )
        return _render(s, job, printer, config)


SAMPLE_RECIPIENT = docs.Address(
    name="示例收件人 Sample",
    lines=("浦东新区世纪大道100号",),
    city="上海市",
    postal_code="200120",
    country="CN",
    phone="13800138000",
)


def sample_waybill(engine: Engine, station: str, config: PrintingConfig) -> Preview:
    """A waybill for a made-up order, with ``config``'s sender (saved or not) and an
    SSCC from its prefix, as the station's label printer would print it: for a look at
    the settings before the first real order."""
    printer = station_printers(engine, station)["label"]
    size = docs.LABEL_100X150
    if printer is not None and printer.label_width_mm and printer.label_height_mm:
        size = docs.PageSize(printer.size, printer.label_width_mm, printer.label_height_mm)
    dpi = printer.dpi if printer is not None and printer.language in ("zpl", "tspl") else 203
    data = docs.WaybillData(
        order_number="SAMPLE-1",
        tracking_number="SF0000000000001",
        carrier="SF Express",
        service="Standard",
        recipient=SAMPLE_RECIPIENT,
        sender=build.sender(config),
        weight_g=1250,
        sscc=example_sscc(config),
    )
    try:
        return Preview(
            "waybill · sample", "png", build.render(docs.waybill(data, size), "png", dpi=dpi)
        )
    except PrintingError as exc:
        raise PackdeskError(str(exc)) from exc
