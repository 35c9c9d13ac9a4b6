"""TSPL checked against programs verified by hand against the TSPL manual."""

from __future__ import annotations

from printers import tspl
from printers.layout import Align, Barcode, Box, Page, Text
from printers.symbols import Symbology

LABEL = Page(
    60,
    40,
    (
        Text(2, 2, 56, "张三 Tel 138", 10, name="name"),
        Barcode(2, 15, 56, 10, Symbology.CODE128, "SF123456"),
        Barcode(2, 27, 12, 12, Symbology.QR, "A1", module=0.5, align=Align.LEFT),
        Box(0, 0, 60, 40, 0.25),
    ),
)


def test_builtin_font_program() -> None:
    # 10 pt at 203 dpi is 28 dots: TSS24.BF2 at multiple 1 (24 dots), centred in the
    # 34-dot line; the Code 128 is the layout's own symbol: start B, "SF", code C, 12 34 56
    # (7 symbols + check = 88 modules, + 13 for stop = 101 modules of 3 dots = 303
    # dots, centred in 448).
    expected = (
        b"SIZE 60 mm,40 mm\r\n"
        b"GAP 2 mm,0 mm\r\n"
        b"DIRECTION 1,0\r\n"
        b"REFERENCE 0,0\r\n"
        b"CODEPAGE 936\r\n"
        b"CLS\r\n"
        b'TEXT 16,21,"TSS24.BF2",0,1,1,"' + "张三 Tel 138".encode("gb18030") + b'"\r\n'
        b'BARCODE 88,120,"128M",80,0,0,3,3,"!104SF!099123456"\r\n'
        b'QRCODE 16,216,M,4,A,0,"A1"\r\n'
        b"BOX 0,0,480,320,2\r\n"
        b"PRINT 1,1\r\n"
    )
    assert tspl.render(LABEL) == expected


def test_bitmap_mode_sends_text_as_bitmaps_with_zero_for_ink() -> None:
    program = tspl.render(LABEL, cjk="bitmap")
    assert b"TSS24" not in program and b"CODEPAGE" not in program
    head = b"BITMAP 16,16,"
    assert head in program
    start = program.index(head)
    row_bytes, height = (int(v) for v in program[start + len(head) :].split(b",")[:2])
    data_start = program.index(b",0,", start) + 3
    data = program[data_start : data_start + row_bytes * height]
    assert 0 < data.count(0xFF) < len(data)  # mostly white (1 bits), some ink (0 bits)


def test_text_the_builtin_font_cannot_hold_falls_back_to_a_bitmap() -> None:
    page = Page(60, 20, (Text(2, 2, 56, "Ünïcödé 𠮷", 10),))
    program = tspl.render(page)
    assert b"TEXT " not in program and b"BITMAP " in program


def test_darkness_becomes_density() -> None:
    program = tspl.render(LABEL, darkness=8)
    assert b"REFERENCE 0,0\r\nDENSITY 8\r\nCODEPAGE 936\r\n" in program
