"""The printer test label: text in Chinese and Latin, a Code 128, a QR and a frame, so
one print shows the size, the darkness and whether the Chinese text comes out."""

from __future__ import annotations

from printers.documents.sizes import PageSize
from printers.layout import Align, Barcode, Box, Document, Page, Text
from printers.symbols import Symbology


def sample_label(size: PageSize, printer: str) -> Document:
    w, h = size.width, size.height
    inner = w - 8
    code_h = min(15.0, h * 0.15)
    qr = min(inner * 0.4, h * 0.3)
    return Document(
        (
            Page(
                w,
                h,
                (
                    Box(2, 2, w - 4, h - 4, 0.5),
                    Text(4, 5, inner, "Packdesk 打印测试 test print", 14, bold=True, min_size=7),
                    Text(4, 13, inner, f"{printer} · {size.name} mm", 9, min_size=5),
                    Text(4, 18, inner, "中文地址：上海市浦东新区世纪大道100号", 9, min_size=5),
                    Barcode(4, 25, inner, code_h, Symbology.CODE128, "PACKDESK-TEST-128"),
                    Text(4, 26 + code_h, inner, "PACKDESK-TEST-128", 8, align=Align.CENTER),
                    Barcode(4, 32 + code_h, inner, qr, Symbology.QR, "packdesk:test", module=0.75),
                ),
            ),
        ),
        "Printer test",
    )
