"""The pick list for a batch of orders: every item to fetch, sorted by bin location so
the picker walks the aisles once, then each order's barcode for opening it at the
counter."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from printers import fonts
from printers.documents.flow import Flow
from printers.documents.sizes import A4, PageSize
from printers.errors import DocumentDataError
from printers.layout import Align, Barcode, Document, Element, Line, Text
from printers.symbols import Symbology

_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class PickItem:
    order_number: str
    sku: str
    name: str
    quantity: int
    bin_location: str = ""  # empty: the item has no bin; it sorts last


@dataclass(frozen=True)
class PickListData:
    batch: str
    items: tuple[PickItem, ...]
    created: str = ""  # already in local time and formatted


def bin_sort_key(location: str) -> tuple[int, tuple[tuple[int, str | int], ...]]:
    """Natural order ("A-2-10" after "A-2-9"); items without a bin go last."""
    parts = tuple(
        (1, int(p)) if p.isdigit() else (0, p.upper()) for p in _DIGITS.split(location) if p
    )
    return (1 if not location.strip() else 0, parts)


def pick_list(data: PickListData, size: PageSize = A4) -> Document:
    if not data.items:
        raise DocumentDataError(f"Batch {data.batch} has nothing to pick.")
    margin = 12.0 if not size.is_label else 4.0
    width = size.width - 2 * margin
    body = 9.5 if not size.is_label else 7.5
    col = {
        "bin": (margin, width * 0.16),
        "sku": (margin + width * 0.17, width * 0.2),
        "name": (margin + width * 0.38, width * 0.34),
        "qty": (margin + width * 0.72, width * 0.08),
        "order": (margin + width * 0.82, width * 0.18),
    }
    row_h = fonts.line_height_mm(body) * 2 + 1

    def header(page: int) -> tuple[Sequence[Element], float]:
        title = f"拣货单 Pick list · {data.batch}" + (f" · {data.created}" if data.created else "")
        head_y = margin + fonts.line_height_mm(14) + 1
        els: list[Element] = [
            Text(margin, margin, width, title, 14, bold=True, min_size=8, name="pick list title"),
        ]
        for key, label in (
            ("bin", "库位 Bin"),
            ("sku", "SKU"),
            ("name", "品名 Item"),
            ("qty", "数量 Qty"),
            ("order", "订单 Order"),
        ):
            x, w = col[key]
            els.append(
                Text(
                    x,
                    head_y,
                    w,
                    label,
                    8.5,
                    bold=True,
                    align=Align.RIGHT if key == "qty" else Align.LEFT,
                )
            )
        rule = head_y + fonts.line_height_mm(8.5) + 0.5
        els.append(Line(margin, rule, margin + width, rule, 0.3))
        return els, rule + 1 - margin

    flow = Flow(size.width, size.height, margin, header)
    ordered = sorted(data.items, key=lambda i: (bin_sort_key(i.bin_location), i.sku))
    for n, item in enumerate(ordered, start=1):

        def row(y: float, item: PickItem = item, n: int = n) -> list[Element]:
            cells = {
                "bin": item.bin_location or "—",
                "sku": item.sku,
                "name": item.name,
                "qty": str(item.quantity),
                "order": item.order_number,
            }
            els: list[Element] = []
            for key, value in cells.items():
                x, w = col[key]
                els.append(
                    Text(
                        x,
                        y + 0.5,
                        w - 1,
                        value,
                        body,
                        bold=key in ("bin", "qty"),
                        max_lines=2,
                        min_size=5,
                        name=f"row {n} {key}",
                        align=Align.RIGHT if key == "qty" else Align.LEFT,
                    )
                )
            els.append(Line(margin, y + row_h, margin + width, y + row_h, 0.15))
            return els

        flow.add(row_h, row, f"row {n}")

    # each order's barcode, two to a row
    orders = list(dict.fromkeys(i.order_number for i in data.items))
    flow.add(
        fonts.line_height_mm(11) + 3,
        lambda y: [Text(margin, y + 2, width, "订单条码 Orders in this batch", 11, bold=True)],
        "orders heading",
    )
    per_row = 2 if not size.is_label else 1
    cell_w = width / per_row
    bar_h = 12.0
    cell_h = bar_h + fonts.line_height_mm(9) + 5
    for start in range(0, len(orders), per_row):

        def cell_row(y: float, chunk: list[str] = orders[start : start + per_row]) -> list[Element]:
            els: list[Element] = []
            for i, number in enumerate(chunk):
                x = margin + i * cell_w
                els += [
                    Barcode(
                        x + 3,
                        y + 2,
                        cell_w - 6,
                        bar_h,
                        Symbology.CODE128,
                        number,
                        module=0.33,
                        name=f"order {number} barcode",
                    ),
                    Text(
                        x + 3,
                        y + 2 + bar_h + 0.5,
                        cell_w - 6,
                        number,
                        9,
                        bold=True,
                        align=Align.CENTER,
                        name=f"order {number}",
                    ),
                ]
            return els

        flow.add(cell_h, cell_row, "order barcodes")
    return flow.document(f"Pick list {data.batch}", f"Batch {data.batch}")
