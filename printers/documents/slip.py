"""The packing slip in A4, Letter or 100x150 mm.

The Code 128 at the top holds exactly the order's number as the channel wrote it,
so scanning the slip at a counter opens the order. Lines show what was ordered, what
went into the box and what is short; a gift note closes the slip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from printers import fonts
from printers.documents.address import Address
from printers.documents.flow import Block, Flow
from printers.documents.sizes import A4, PageSize
from printers.errors import DocumentDataError
from printers.layout import Align, Barcode, Box, Document, Element, Line, Text
from printers.symbols import Symbology


@dataclass(frozen=True)
class SlipLine:
    sku: str
    name: str
    ordered: int
    packed: int
    short: int = 0


@dataclass(frozen=True)
class SlipData:
    order_number: str  # exactly as the channel wrote it: the barcode holds this
    ship_to: Address
    lines: tuple[SlipLine, ...]
    channel: str = ""
    ordered_at: str = ""  # already in local time and formatted
    shop_name: str = ""
    gift_note: str = ""
    packed_by: str = ""


@dataclass(frozen=True)
class _Columns:
    sku: tuple[float, float]
    name: tuple[float, float]
    ordered: tuple[float, float]
    packed: tuple[float, float]
    short: tuple[float, float]


def _columns(x: float, width: float) -> _Columns:
    num = max(11.0, width * 0.1)
    sku = width * 0.24
    name = width - sku - 3 * num
    return _Columns(
        (x, sku - 1.5),
        (x + sku, name - 1.5),
        (x + sku + name, num - 1.5),
        (x + sku + name + num, num - 1.5),
        (x + sku + name + 2 * num, num - 1.5),
    )


def packing_slip(data: SlipData, size: PageSize = A4) -> Document:
    if not data.order_number.strip():
        raise DocumentDataError("A packing slip needs the order's number.")
    label = size.is_label
    margin = 4.0 if label else 12.0
    k = 0.8 if label else 1.0
    width = size.width - 2 * margin
    cols = _columns(margin, width)
    body = 8.0 * k if label else 9.5
    row_h = 2 * fonts.line_height_mm(body) + 1.2

    def table_head(y: float) -> list[Element]:
        head = 7.5 * k if label else 8.5
        titles = ("SKU", "品名 Item", "订购 Qty", "已装 Packed", "缺 Short")
        if label:
            titles = ("SKU", "品名 Item", "订 Qty", "装 Pk", "缺 Sh")
        els: list[Element] = []
        for (x, w), title, right in zip(
            (cols.sku, cols.name, cols.ordered, cols.packed, cols.short),
            titles,
            (False, False, True, True, True),
            strict=True,
        ):
            align = Align.RIGHT if right else Align.LEFT
            els.append(Text(x, y, w, title, head, bold=True, align=align, min_size=4.5, name=title))
        rule = y + fonts.line_height_mm(head) + 0.5
        els.append(Line(margin, rule, margin + width, rule, 0.3))
        return els

    head_h = fonts.line_height_mm(7.5 * k if label else 8.5) + 1.5

    def header(page: int) -> tuple[Sequence[Element], float]:
        els: list[Element] = []
        y = margin
        title = 13 * k if label else 16
        bar_w = min(width * 0.5, 70.0) if not label else width
        els.append(
            Text(
                margin,
                y,
                width - bar_w - 2 if not label else width,
                "装箱单 Packing slip" + (f" · {data.shop_name}" if data.shop_name else ""),
                title,
                bold=True,
                min_size=8,
                name="slip title",
            )
        )
        if page > 1:
            els.append(
                Text(
                    margin,
                    y + fonts.line_height_mm(title),
                    width * 0.5,
                    f"Order {data.order_number} (continued)",
                    9 * k,
                    name="continued",
                )
            )
        bar_x = margin + width - bar_w
        bar_y = y + (fonts.line_height_mm(title) + 1 if label else 0)
        bar_h = 12.0 if label else 15.0
        els += [
            Barcode(
                bar_x,
                bar_y,
                bar_w,
                bar_h,
                Symbology.CODE128,
                data.order_number,
                module=0.33 if label else 0.4,
                name="order barcode",
            ),
            Text(
                bar_x,
                bar_y + bar_h + 0.3,
                bar_w,
                data.order_number,
                10 * k,
                bold=True,
                align=Align.CENTER,
                name="order number",
            ),
        ]
        used = bar_y - y + bar_h + 0.3 + fonts.line_height_mm(10 * k) + 2
        els += table_head(margin + used) if page > 1 else []
        return els, used + (head_h if page > 1 else 0)

    flow = Flow(size.width, size.height, margin, header)

    # order facts and ship-to
    facts = " · ".join(
        x
        for x in (
            data.channel,
            data.ordered_at,
            f"packed by {data.packed_by}" if data.packed_by else "",
        )
        if x
    )
    ship_pt = 9.5 * k if label else 10.5
    address = data.ship_to.block()
    addr_lines = 4 if label else 5
    ship_h = (
        fonts.line_height_mm(8 * k)
        + fonts.line_height_mm(ship_pt) * (addr_lines + 1)
        + (fonts.line_height_mm(8.5 * k) if facts else 0)
        + 2
    )

    def ship_block(y: float) -> list[Element]:
        els: list[Element] = []
        if facts:
            els.append(Text(margin, y, width, facts, 8.5 * k, min_size=5, name="order facts"))
            y += fonts.line_height_mm(8.5 * k)
        els += [
            Text(margin, y, width, "收货 Ship to", 8 * k, bold=True),
            Text(
                margin,
                y + fonts.line_height_mm(8 * k),
                width,
                data.ship_to.name_line(),
                ship_pt,
                bold=True,
                min_size=6,
                name="ship-to name",
            ),
            Text(
                margin,
                y + fonts.line_height_mm(8 * k) + fonts.line_height_mm(ship_pt),
                width * (1 if label else 0.7),
                address,
                ship_pt,
                max_lines=addr_lines,
                min_size=5.5,
                name="ship-to address",
            ),
        ]
        return els

    flow.add(ship_h, ship_block, "ship-to")
    flow.add(head_h, table_head, "table header")

    for n, line in enumerate(data.lines, start=1):
        flow.add(row_h, _row(line, cols, body, row_h, margin, width, n), f"line {n}")

    total_packed = sum(x.packed for x in data.lines)
    total_short = sum(x.short for x in data.lines)
    summary = f"{len(data.lines)} lines · {total_packed} packed" + (
        f" · {total_short} SHORT" if total_short else ""
    )
    flow.add(
        fonts.line_height_mm(body) + 2,
        lambda y: [
            Text(margin, y + 1, width, summary, body, bold=True, align=Align.RIGHT, name="summary")
        ],
        "summary",
    )
    if data.gift_note.strip():
        note_pt = body
        lines = 4 if label else 6
        note_h = fonts.line_height_mm(note_pt) * (lines + 1) + 4

        def note(y: float) -> list[Element]:
            return [
                Box(margin, y + 1, width, note_h - 2, 0.3),
                Text(margin + 2, y + 2, width - 4, "礼品留言 Gift note", note_pt, bold=True),
                Text(
                    margin + 2,
                    y + 2 + fonts.line_height_mm(note_pt),
                    width - 4,
                    data.gift_note,
                    note_pt,
                    max_lines=lines,
                    min_size=5.5,
                    name="gift note",
                ),
            ]

        flow.add(note_h, note, "gift note")
    return flow.document(f"Packing slip {data.order_number}", f"Order {data.order_number}")


def _row(
    line: SlipLine, cols: _Columns, size: float, row_h: float, margin: float, width: float, n: int
) -> Block:
    def block(y: float) -> list[Element]:
        top = y + 0.6
        short = str(line.short) if line.short else ""
        return [
            Text(
                cols.sku[0],
                top,
                cols.sku[1],
                line.sku,
                size,
                max_lines=2,
                min_size=5,
                name=f"line {n} SKU",
            ),
            Text(
                cols.name[0],
                top,
                cols.name[1],
                line.name,
                size,
                max_lines=2,
                min_size=5,
                name=f"line {n} name",
            ),
            Text(
                cols.ordered[0],
                top,
                cols.ordered[1],
                str(line.ordered),
                size,
                align=Align.RIGHT,
                name=f"line {n} ordered",
            ),
            Text(
                cols.packed[0],
                top,
                cols.packed[1],
                str(line.packed),
                size,
                bold=True,
                align=Align.RIGHT,
                name=f"line {n} packed",
            ),
            Text(
                cols.short[0],
                top,
                cols.short[1],
                short,
                size,
                bold=True,
                align=Align.RIGHT,
                name=f"line {n} short",
            ),
            Line(margin, y + row_h, margin + width, y + row_h, 0.15),
        ]

    return block
