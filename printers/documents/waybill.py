"""The waybill (shipping label) in 100x150, 100x180 or 76x130 mm.

Top to bottom: carrier, service and routing code; the tracking number as Code 128;
the recipient (large, wrapped, shrunk when long, never cut); the sender; order,
weight, parcel n of m, COD amount when set, and a QR of the order reference; an
optional SSCC as GS1-128 with its check digit verified.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from printers import fonts, gs1
from printers.documents.address import Address
from printers.documents.sizes import LABEL_100X150, PageSize
from printers.errors import DocumentDataError
from printers.layout import Align, Barcode, Box, Document, Element, Line, Page, Text
from printers.symbols import Symbology

MARGIN = 2.5
CURRENCY_SIGNS = {"CNY": "¥", "RMB": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


@dataclass(frozen=True)
class WaybillData:
    order_number: str
    tracking_number: str
    carrier: str
    recipient: Address
    sender: Address
    service: str = ""
    routing_code: str = ""
    parcel_seq: int = 1
    parcel_count: int = 1
    weight_g: int | None = None
    cod_amount: Decimal | None = None
    currency: str = "CNY"
    sscc: str | None = None
    order_reference: str = ""  # what the QR holds; the order number when empty


def money(amount: Decimal, currency: str) -> str:
    sign = CURRENCY_SIGNS.get(currency.upper())
    return f"{sign}{amount:,.2f}" if sign else f"{amount:,.2f} {currency.upper()}"


def _check(data: WaybillData) -> None:
    if data.recipient.is_empty:
        raise DocumentDataError(
            f"Order {data.order_number}: the waybill needs a recipient name and address."
        )
    if not data.tracking_number.strip():
        raise DocumentDataError(f"Order {data.order_number}: the waybill has no tracking number.")
    if not 1 <= data.parcel_seq <= data.parcel_count:
        raise DocumentDataError(
            f"Parcel {data.parcel_seq} of {data.parcel_count} is not a parcel of this order."
        )
    if data.sscc is not None:
        gs1.validate_sscc(data.sscc)


def _blocks(height: float, with_sscc: bool) -> dict[str, float]:
    shares = {"header": 0.09, "tracking": 0.17, "recipient": 0.27, "sender": 0.13, "info": 0.20}
    if with_sscc:
        shares["sscc"] = 0.14
    else:
        shares["recipient"] += 0.07
        shares["info"] += 0.07
    return {name: share * height for name, share in shares.items()}


def waybill(data: WaybillData, size: PageSize = LABEL_100X150) -> Document:
    _check(data)
    w, h = size.width, size.height
    inner = w - 2 * MARGIN
    k = inner / 95  # type scales with the label's width
    heights = _blocks(h - 2 * MARGIN, data.sscc is not None)
    els: list[Element] = [Box(MARGIN, MARGIN, inner, h - 2 * MARGIN, 0.4)]
    x0, x1 = MARGIN + 2, MARGIN + inner - 2
    cw = x1 - x0
    y = MARGIN

    # carrier, service, routing code
    hh = heights["header"]
    els += [
        Text(x0, y + 1, cw * 0.55, data.carrier, 14 * k, bold=True, min_size=7, name="carrier"),
        Text(
            x0,
            y + 1 + fonts.line_height_mm(14 * k),
            cw * 0.55,
            data.service,
            8 * k,
            min_size=5,
            name="service",
        ),
        Text(
            x0 + cw * 0.55,
            y + 1,
            cw * 0.45,
            data.routing_code,
            22 * k,
            bold=True,
            align=Align.RIGHT,
            min_size=10,
            name="routing code",
        ),
    ]
    y += hh
    els.append(Line(MARGIN, y, MARGIN + inner, y, 0.4))

    # tracking number
    th = heights["tracking"]
    hri = 10 * k
    bar_h = th - 3 - fonts.line_height_mm(hri)
    els += [
        Barcode(
            x0,
            y + 1.5,
            cw,
            bar_h,
            Symbology.CODE128,
            data.tracking_number,
            module=0.375,
            name="tracking number",
        ),
        Text(
            x0,
            y + 1.5 + bar_h,
            cw,
            data.tracking_number,
            hri,
            bold=True,
            align=Align.CENTER,
            name="tracking number text",
        ),
    ]
    y += th
    els.append(Line(MARGIN, y, MARGIN + inner, y, 0.4))

    # recipient
    els += _party(x0, y, cw, heights["recipient"], "收件 TO", data.recipient, 12 * k, 11 * k)
    y += heights["recipient"]
    els.append(Line(MARGIN, y, MARGIN + inner, y, 0.4))

    # sender
    els += _party(x0, y, cw, heights["sender"], "寄件 FROM", data.sender, 8 * k, 7.5 * k)
    y += heights["sender"]
    els.append(Line(MARGIN, y, MARGIN + inner, y, 0.4))

    # order, weight, parcel, COD, QR
    ih = heights["info"]
    qr = min(ih - 3, cw * 0.4)
    left = cw - qr - 3
    facts = [f"订单 Order  {data.order_number}"]
    if data.weight_g is not None:
        facts.append(f"重量 Weight  {data.weight_g / 1000:.2f} kg")
    line_y = y + 1.5
    for n, fact in enumerate(facts):
        els.append(Text(x0, line_y, left, fact, 8.5 * k, min_size=5, name=f"fact {n + 1}"))
        line_y += fonts.line_height_mm(8.5 * k)
    els.append(
        Text(
            x0,
            line_y,
            left,
            f"件数 Parcel  {data.parcel_seq} / {data.parcel_count}",
            12 * k,
            bold=True,
            min_size=6,
            name="parcel count",
        )
    )
    line_y += fonts.line_height_mm(12 * k) + 1
    if data.cod_amount is not None:
        cod_h = fonts.line_height_mm(12 * k) + 1.5
        els += [
            Box(x0, line_y, left, cod_h, 0.5),
            Text(
                x0 + 1,
                line_y + 0.75,
                left - 2,
                "代收 COD  " + money(data.cod_amount, data.currency),
                12 * k,
                bold=True,
                min_size=6,
                name="COD amount",
            ),
        ]
    reference = data.order_reference or data.order_number
    els.append(
        Barcode(
            x1 - qr,
            y + 1.5,
            qr,
            qr,
            Symbology.QR,
            reference,
            module=0.75,
            align=Align.RIGHT,
            name="order QR",
        )
    )
    y += ih

    if data.sscc is not None:
        sh = heights["sscc"]
        els.append(Line(MARGIN, y, MARGIN + inner, y, 0.4))
        hri_size = 8 * k
        bar_h = sh - 3 - fonts.line_height_mm(hri_size)
        els += [
            Barcode(
                x0,
                y + 1.5,
                cw,
                bar_h,
                Symbology.GS1_128,
                f"(00){data.sscc}",
                module=0.375,
                name="SSCC",
            ),
            Text(
                x0,
                y + 1.5 + bar_h,
                cw,
                f"SSCC (00) {data.sscc}",
                hri_size,
                align=Align.CENTER,
                name="SSCC text",
            ),
        ]
    page = Page(w, h, tuple(els))
    return Document((page,), f"Waybill {data.tracking_number}")


def _party(
    x: float,
    y: float,
    width: float,
    height: float,
    label: str,
    who: Address,
    name_pt: float,
    body_pt: float,
) -> list[Element]:
    label_pt = max(6.0, body_pt * 0.7)
    top = y + 0.8
    els: list[Element] = [Text(x, top, width, label, label_pt, bold=True, name=f"{label} label")]
    top += fonts.line_height_mm(label_pt)
    els.append(
        Text(x, top, width, who.name_line(), name_pt, bold=True, min_size=6, name=f"{label} name")
    )
    top += fonts.line_height_mm(name_pt)
    room = y + height - 0.5 - top
    lines = max(1, int(room / fonts.line_height_mm(body_pt)))
    els.append(
        Text(
            x,
            top,
            width,
            who.block(),
            body_pt,
            max_lines=lines,
            min_size=5,
            name=f"{label} address",
        )
    )
    return els
