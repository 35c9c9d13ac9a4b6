"""A queued job's bytes, rendered for the spool's workers, with the tracking number
they carry (read in the transaction the layout is built in: the number on the label
is the one recorded with the job, ``PrintJob.tracking_number``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import Order, Parcel, Printer, PrintJob, Station
from app.printing import build
from app.printing.config import PrintingConfig
from app.shipping import parcel_labels
from app.shipping.carrier_adapters import AdapterFor, http_adapter
from printers import documents as docs
from printers.layout import Document


@dataclass(frozen=True)
class Rendered:
    """A job's bytes and the tracking number on them (None: none, or the order's)."""

    payload: bytes
    tracking_number: str | None = None


def render_job(
    engine: Engine,
    job_id: int,
    config: PrintingConfig,
    *,
    adapter_for: AdapterFor = http_adapter,
) -> Rendered:
    """A queued job's bytes and the tracking number on them, for the spool's workers:
    the layout is built from the order in a reading transaction, or in a short writing
    one when it numbers a parcel, and rendered after it ends. SQLite's write lock is
    then not held from the counter's next scans while an order is read and laid out
    (on a busy machine, up to 20 ms of waiting for a scan, in steps of SQLite's busy
    timeout).

    A waybill's parcel is given its tracking number first (``parcel_labels``); when
    the carrier sent its own label in this printer's language, that label is printed
    (a carrier's API is reached through ``adapter_for``)."""
    carrier_label = _tracked_waybill(engine, job_id, config, adapter_for)
    if carrier_label is not None:
        return carrier_label
    laid_out = None
    with unit_of_work(engine, read_only=True) as s:
        job = s.get_one(PrintJob, job_id)
        if not build.writes_on_layout(s, job, config):
            laid_out = _laid_out(s, job, config)
    if laid_out is None:
        with unit_of_work(engine) as s:
            laid_out = _laid_out(s, s.get_one(PrintJob, job_id), config)
    return Rendered(laid_out.render(), laid_out.tracking_number)


def _tracked_waybill(
    engine: Engine, job_id: int, config: PrintingConfig, adapter_for: AdapterFor
) -> Rendered | None:
    """Give a waybill job's parcel its tracking number; the carrier's own label when it
    sent one this job's printer takes."""
    with unit_of_work(engine, read_only=True) as s:
        job = s.get_one(PrintJob, job_id)
        document, fmt, order_id, parcel_id = job.document, job.format, job.order_id, job.parcel_id
    if document != "waybill" or order_id is None:
        return None
    if parcel_id is None:  # a job queued before parcels were numbered: the first one
        with unit_of_work(engine) as s:
            parcel_id = build.parcel_ids(s.connection(), order_id)[0]
    parcel_labels.ensure_tracking(
        engine,
        parcel_id,
        label_format=fmt,
        sender=build.sender_party(config),
        adapter_for=adapter_for,
    )
    with unit_of_work(engine, read_only=True) as s:
        parcel = s.get_one(Parcel, parcel_id)
        if parcel.carrier_label is not None and parcel.carrier_label_format == fmt:
            return Rendered(parcel.carrier_label, parcel.tracking_number)
    return None


@dataclass(frozen=True)
class _LaidOut:
    """A job's document and how its printer wants it rendered (plain values)."""

    document: Document
    fmt: str
    dpi: int
    options: dict[str, object]
    darkness: int | None
    tracking_number: str | None = None  # a waybill's parcel's, as the layout read it

    def render(self) -> bytes:
        return build.render(
            self.document, self.fmt, dpi=self.dpi, options=self.options, darkness=self.darkness
        )


def _laid_out(s: Session, job: PrintJob, config: PrintingConfig) -> _LaidOut:
    printer = s.get_one(Printer, job.printer_id)
    return _LaidOut(
        document_for(s, job, config),
        job.format,
        printer.dpi,
        dict(printer.options or {}),
        printer.darkness,
        parcel_number(s, job),
    )


def parcel_number(s: Session, job: PrintJob) -> str | None:
    """The tracking number a waybill job's layout carries: its parcel's (the order's
    first parcel's for a job queued before parcels were numbered)."""
    if job.document != "waybill" or job.order_id is None:
        return None
    parcel = s.get(Parcel, job.parcel_id) if job.parcel_id else build.parcels(s, job.order_id)[0]
    return parcel.tracking_number if parcel is not None else None


def document_for(s: Session, job: PrintJob, config: PrintingConfig) -> Document:
    """The job's document (layout), built from the order as it stands."""
    printer = s.get_one(Printer, job.printer_id)
    order = s.get(Order, job.order_id) if job.order_id else None
    if job.document == "commands":
        station = s.scalar(
            select(Station.name).where(
                (Station.label_printer_id == printer.id)
                | (Station.document_printer_id == printer.id)
            )
        )
        doc = docs.command_sheet(
            build.commands_data(station or ""), build.paper_size(printer, config)
        )
    elif order is None:
        raise PackdeskError(f"Print job {job.id} has no order to print.")
    elif job.document == "waybill":
        all_parcels = build.parcels(s, order.id)
        parcel = s.get(Parcel, job.parcel_id) if job.parcel_id else all_parcels[0]
        assert parcel is not None
        data = build.waybill_data(s, order, parcel, len(all_parcels), config)
        doc = docs.waybill(data, build.label_size(printer))
    elif job.document == "slip":
        doc = docs.packing_slip(
            build.slip_data(s, order, config), build.paper_size(printer, config)
        )
    elif job.document == "picklist":
        data_ = build.picklist_data(s, [order], order.external_number)
        doc = docs.pick_list(data_, build.paper_size(printer, config))
    else:
        raise PackdeskError(f"Unknown document {job.document!r} in print job {job.id}.")
    return doc
