"""Orders (ORM rows, inside a unit of work) turned into the plain data ``printers``
takes, and documents rendered in a printer's language."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, insert, select
from sqlalchemy.orm import Session

from app.models import Order, Parcel, Printer, PrintJob, Product, User
from app.packing.command_codes import SHEET_NAMES, Command
from app.printing.config import PrintingConfig
from app.settings import local_text
from app.shipping.carrier_api import Party
from printers import documents as docs
from printers import gs1, pdf, png, tspl, zpl
from printers.layout import Document

DOCUMENTS = ("slip", "waybill", "picklist", "commands")
FORMATS = ("zpl", "tspl", "pdf", "png")


def ship_to(order: Order) -> docs.Address:
    return docs.Address(
        name=order.ship_to_name,
        company=order.ship_to_company or "",
        lines=tuple(x for x in (order.ship_to_line1, order.ship_to_line2) if x),
        city=order.ship_to_city,
        region=order.ship_to_region or "",
        postal_code=order.ship_to_postal_code,
        country=order.ship_to_country,
        phone=order.ship_to_phone or "",
    )


def sender(config: PrintingConfig) -> docs.Address:
    c = config.sender
    return docs.Address(
        name=c.name,
        lines=c.lines,
        city=c.city,
        postal_code=c.postal_code,
        country=c.country,
        region=c.region,
        phone=c.phone,
    )


def sender_party(config: PrintingConfig) -> Party:
    """The sender as a carrier's API is told it."""
    c = config.sender
    return Party(
        name=c.name,
        lines=c.lines,
        city=c.city,
        region=c.region,
        postal_code=c.postal_code,
        country=c.country,
        phone=c.phone,
    )


_PARCEL_IDS = select(Parcel.id).where(Parcel.order_id == bindparam("order_id")).order_by(Parcel.seq)
_FIRST_PARCEL = insert(Parcel).values(order_id=bindparam("order_id"), seq=1)


def parcel_ids(conn: Connection, order_id: int) -> list[int]:
    """The ids of the order's parcels, in order; the first is created for an order
    packed in a single box (two plain statements: an order's close waits for them)."""
    ids = list(conn.scalars(_PARCEL_IDS, {"order_id": order_id}))
    if not ids:
        created = conn.execute(_FIRST_PARCEL, {"order_id": order_id}).inserted_primary_key
        assert created is not None
        ids = [created[0]]
    return ids


def parcels(s: Session, order_id: int) -> list[Parcel]:
    """The order's parcels (see ``parcel_ids``), as objects."""
    s.flush()  # a parcel added in this session counts
    ids = parcel_ids(s.connection(), order_id)
    return list(s.scalars(select(Parcel).where(Parcel.id.in_(ids)).order_by(Parcel.seq)))


def writes_on_layout(s: Session, job: PrintJob, config: PrintingConfig) -> bool:
    """Whether laying out this job writes to the database (see ``parcels`` and
    ``waybill_data``): a waybill whose order has no parcel yet, or whose parcel is
    given its SSCC now. Any other layout only reads."""
    if job.document != "waybill" or job.order_id is None:
        return False
    parcel = (
        s.get(Parcel, job.parcel_id)
        if job.parcel_id
        else s.scalar(
            select(Parcel).where(Parcel.order_id == job.order_id).order_by(Parcel.seq).limit(1)
        )
    )
    return parcel is None or (parcel.sscc is None and bool(config.gs1_company_prefix))


def waybill_data(
    s: Session, order: Order, parcel: Parcel, count: int, config: PrintingConfig
) -> docs.WaybillData:
    if parcel.sscc is None and config.gs1_company_prefix:
        parcel.sscc = gs1.make_sscc(config.gs1_company_prefix, parcel.id)
    weight = parcel.weight_g
    if weight is None and count == 1:
        weight = _order_weight(s, order)
    return docs.WaybillData(
        order_number=order.external_number,
        tracking_number=parcel.tracking_number or order.external_number,
        carrier=order.carrier or "",
        service=order.service or "",
        routing_code=parcel.routing_code or "",
        recipient=ship_to(order),
        sender=sender(config),
        parcel_seq=parcel.seq,
        parcel_count=count,
        weight_g=weight,
        cod_amount=order.cod_amount,
        currency=order.currency or "CNY",
        sscc=parcel.sscc,
        order_reference=order.external_number,
    )


def _order_weight(s: Session, order: Order) -> int | None:
    total = 0
    for line in order.lines:
        if line.product_id is None:
            return None
        unit = s.scalar(select(Product.unit_weight_g).where(Product.id == line.product_id))
        if unit is None:
            return None
        total += unit * line.packed
    return total or None


def slip_data(s: Session, order: Order, config: PrintingConfig) -> docs.SlipData:
    packer = s.get(User, order.claimed_by_user_id) if order.claimed_by_user_id else None
    return docs.SlipData(
        order_number=order.external_number,
        ship_to=ship_to(order),
        lines=tuple(
            docs.SlipLine(ln.sku, ln.name, ln.quantity, ln.packed, ln.short)
            for ln in sorted(order.lines, key=lambda x: x.line_no)
        ),
        channel=order.channel,
        ordered_at=local_text(order.ordered_at) if order.ordered_at else "",
        shop_name=config.shop_name,
        gift_note=order.gift_note or "",
        packed_by=packer.name if packer else "",
    )


def picklist_data(s: Session, orders: list[Order], batch: str) -> docs.PickListData:
    items = []
    for order in orders:
        for ln in order.lines:
            location = ""
            if ln.product_id is not None:
                location = (
                    s.scalar(select(Product.bin_location).where(Product.id == ln.product_id)) or ""
                )
            items.append(
                docs.PickItem(order.external_number, ln.sku, ln.name, ln.quantity, location)
            )
    return docs.PickListData(batch, tuple(items), local_text(datetime.now().astimezone()))


def commands_data(station: str = "") -> docs.CommandSheetData:
    """Every command by its screen names, Chinese then English, and its barcode."""
    return docs.CommandSheetData(
        tuple((" ".join(SHEET_NAMES[c]), c.barcode) for c in Command), station=station
    )


def label_size(printer: Printer | None) -> docs.PageSize:
    if printer is not None and printer.label_width_mm and printer.label_height_mm:
        for size in docs.PAGE_SIZES.values():
            if (size.width, size.height) == (printer.label_width_mm, printer.label_height_mm):
                return size
        return docs.PageSize(
            f"{printer.label_width_mm}x{printer.label_height_mm}",
            printer.label_width_mm,
            printer.label_height_mm,
        )
    return docs.LABEL_100X150


def paper_size(printer: Printer | None, config: PrintingConfig) -> docs.PageSize:
    """Slips and lists: the label size on label printers, the configured paper elsewhere."""
    if printer is not None and printer.language in ("zpl", "tspl"):
        return label_size(printer)
    return docs.PAGE_SIZES.get(config.paper, docs.A4)


def render(
    document: Document,
    fmt: str,
    *,
    dpi: int = 203,
    options: dict[str, object] | None = None,
    darkness: int | None = None,
) -> bytes:
    """``document`` in ``fmt``; PNG pages are stacked into one image."""
    opts = options or {}
    if fmt == "zpl":
        return zpl.render(document, dpi, darkness=darkness)
    if fmt == "tspl":
        if opts.get("cjk") == "bitmap":
            return tspl.render(document, dpi, cjk="bitmap", darkness=darkness)
        return tspl.render(document, dpi, cjk="builtin", darkness=darkness)
    if fmt == "pdf":
        return pdf.render(document)
    if fmt == "png":
        return png.render_stacked(document, dpi)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
