"""The command sheet: one large Code 128 per pack-station command (``CMD:UNDO`` ...),
so the packer's hands stay on the scanner. The list of commands is data: the caller
passes what the station understands."""

from __future__ import annotations

from dataclasses import dataclass

from printers import fonts
from printers.documents.sizes import A4, PageSize
from printers.errors import DocumentDataError, LayoutError
from printers.layout import Align, Barcode, Box, Document, Element, Page, Text
from printers.symbols import Symbology


@dataclass(frozen=True)
class CommandSheetData:
    commands: tuple[tuple[str, str], ...]  # (what people read, what the barcode holds)
    station: str = ""
    title: str = "扫码指令 Command barcodes"


def command_sheet(data: CommandSheetData, size: PageSize = A4) -> Document:
    if not data.commands:
        raise DocumentDataError("The command sheet has no commands to print.")
    margin = 12.0 if not size.is_label else 4.0
    width = size.width - 2 * margin
    per_row = 2 if width > 150 else 1
    title_h = fonts.line_height_mm(16) + 4
    cell_w = width / per_row
    label_pt = 12.0
    bar_h = 16.0
    cell_h = bar_h + fonts.line_height_mm(label_pt) + fonts.line_height_mm(8) + 8
    rows_per_page = int((size.height - 2 * margin - title_h) // cell_h)
    if rows_per_page < 1:
        raise LayoutError(f"A command barcode does not fit a {size.name} page.")
    per_page = rows_per_page * per_row
    pages = []
    for first in range(0, len(data.commands), per_page):
        title = data.title + (f" · {data.station}" if data.station else "")
        els: list[Element] = [Text(margin, margin, width, title, 16, bold=True, min_size=7)]
        for n, (label, code) in enumerate(data.commands[first : first + per_page]):
            x = margin + (n % per_row) * cell_w
            y = margin + title_h + (n // per_row) * cell_h
            els += [
                Box(x + 1, y + 1, cell_w - 2, cell_h - 2, 0.2),
                Text(
                    x + 4,
                    y + 3,
                    cell_w - 8,
                    label,
                    label_pt,
                    bold=True,
                    align=Align.CENTER,
                    name=f"{code} label",
                ),
                Barcode(
                    x + 4,
                    y + 4 + fonts.line_height_mm(label_pt),
                    cell_w - 8,
                    bar_h,
                    Symbology.CODE128,
                    code,
                    module=0.4,
                    name=f"{code} barcode",
                ),
                Text(
                    x + 4,
                    y + 4.5 + fonts.line_height_mm(label_pt) + bar_h,
                    cell_w - 8,
                    code,
                    8,
                    align=Align.CENTER,
                    name=f"{code} text",
                ),
            ]
        pages.append(Page(size.width, size.height, tuple(els)))
    return Document(tuple(pages), data.title)
