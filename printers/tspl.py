"""TSPL for TSC, Xprinter, Gprinter and most Chinese label printers.

Text goes one of two ways, chosen per printer (``cjk``):

* ``"builtin"``: the printer's own ``TSS24.BF2`` font (24 x 24 dots, Chinese and
  Latin) with the text in GB18030 bytes, scaled by a whole multiple. A line that the
  font cannot hold (characters outside GB2312) or that would come out wider than its
  box at that multiple is sent as a BITMAP instead, so nothing is cut.
* ``"bitmap"``: every line as a ``BITMAP`` rasterised from the bundled fonts (the
  label then matches the PNG preview dot for dot).

Barcodes use the native commands: ``BARCODE "128M"`` with the layout's own symbol
values as ``!nnn`` control codes (so the width is the one measured), ``QRCODE``,
``DMATRIX``, ``EAN13``, ``UPCA``. BITMAP data has 0 for a printed dot (TSPL's
convention, the inverse of ZPL's ^GF).
"""

from __future__ import annotations

from typing import Literal

from PIL import Image as PILImage
from PIL import ImageChops

from printers import raster
from printers.layout import (
    Box,
    Document,
    FittedPage,
    Image,
    Line,
    Page,
    SetBarcode,
    SetText,
    dots,
    fit,
)
from printers.symbols import CODE_B, CODE_C, FNC1, START_A, START_B, START_C, Linear, Symbology

CjkMode = Literal["builtin", "bitmap"]
BUILTIN_FONT = "TSS24.BF2"
BUILTIN_CELL = 24  # dots per full-width character at multiple 1
_CONTROL = {START_A, START_B, START_C, CODE_B, CODE_C, FNC1}


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '\\["]') + '"'


def _bitmap(x: int, y: int, ink: PILImage.Image) -> bytes:
    row_bytes = (ink.width + 7) // 8
    data = ImageChops.invert(ink).tobytes()  # TSPL: 0 prints
    return f"BITMAP {x},{y},{row_bytes},{ink.height},0,".encode("ascii") + data + b"\r\n"


def _builtin_line(line: str, el: SetText, dpi: int, i: int) -> bytes | None:
    """The line in the printer's font, or None when that would not be faithful."""
    try:
        encoded = line.encode("gb2312")
    except UnicodeEncodeError:
        return None
    em = el.size / 72 * dpi
    mult = max(1, min(10, round(em / BUILTIN_CELL)))
    width = sum((BUILTIN_CELL if ord(c) > 127 else BUILTIN_CELL // 2) * mult for c in line)
    if width > dots(el.width, dpi) or '"' in line:
        return None
    line_height = el.line_height * dpi / 25.4
    top = dots(el.line_y(i), dpi) + max(0, round((line_height - BUILTIN_CELL * mult) / 2))
    spare = dots(el.width, dpi) - width
    x = dots(el.x, dpi) + (
        spare // 2 if el.align == "center" else spare if el.align == "right" else 0
    )
    head = f'TEXT {x},{top},"{BUILTIN_FONT}",0,{mult},{mult},"'.encode("ascii")
    return head + encoded.replace(b'"', b'\\["]') + b'"\r\n'


def _text(el: SetText, dpi: int, cjk: CjkMode) -> list[bytes]:
    out: list[bytes] = []
    for i, line in enumerate(el.lines):
        if not line:
            continue
        native = _builtin_line(line, el, dpi, i) if cjk == "builtin" else None
        if native is None:
            ink = raster.text_line(line, el.size, el.bold, dpi)
            native = _bitmap(dots(el.line_x(i), dpi), dots(el.line_y(i), dpi), ink)
        out.append(native)
    return out


def code128_content(values: tuple[int, ...]) -> str | None:
    """``128M`` content with ``!nnn`` for start, subset and FNC1 codes; None when the
    data holds a character ``128M`` reserves (``!`` or ``"``)."""
    out: list[str] = []
    subset = "B"
    for v in values:
        if v in _CONTROL:
            out.append(f"!{v:03d}")
            subset = "C" if v in (START_C, CODE_C) else "B" if v != FNC1 else subset
        elif subset == "C":
            out.append(f"{v:02d}")
        else:
            ch = chr(v + 32)
            if ch in '!"':
                return None
            out.append(ch)
    return "".join(out)


def _barcode(el: SetBarcode, dpi: int) -> bytes:
    x, y, m = dots(el.x, dpi), dots(el.y, dpi), el.module_dots
    sym = el.symbol
    if isinstance(sym, Linear):
        h = dots(el.bar_height, dpi)
        if sym.symbology in (Symbology.CODE128, Symbology.GS1_128):
            content = code128_content(sym.values)
            if content is not None:
                return f'BARCODE {x},{y},"128M",{h},0,0,{m},{m},"{content}"\r\n'.encode("ascii")
        elif sym.symbology is Symbology.EAN13:
            return f'BARCODE {x},{y},"EAN13",{h},0,0,{m},{m},"{sym.data[:12]}"\r\n'.encode()
        elif sym.symbology is Symbology.UPCA:
            return f'BARCODE {x},{y},"UPCA",{h},0,0,{m},{m},"{sym.data[:11]}"\r\n'.encode()
    elif sym.symbology is Symbology.QR and '"' not in sym.data and m <= 10:
        return f"QRCODE {x},{y},M,{m},A,0,{_quoted(sym.data)}\r\n".encode()
    elif sym.symbology is Symbology.DATAMATRIX and '"' not in sym.data:
        w, h = sym.width_modules * m, sym.height_modules * m
        rows, cols = sym.height_modules, sym.width_modules
        return f"DMATRIX {x},{y},{w},{h},x{m},{rows},{cols},{_quoted(sym.data)}\r\n".encode()
    return _bitmap(x, y, raster.symbol(el, dpi))


def render_fitted(
    fitted: FittedPage,
    *,
    cjk: CjkMode = "builtin",
    gap_mm: float = 2,
    copies: int = 1,
    darkness: int | None = None,
) -> bytes:
    dpi = fitted.dpi
    out: list[bytes] = [
        f"SIZE {fitted.width:g} mm,{fitted.height:g} mm\r\n".encode(),
        f"GAP {gap_mm:g} mm,0 mm\r\n".encode(),
        b"DIRECTION 1,0\r\n",
        b"REFERENCE 0,0\r\n",
        f"DENSITY {darkness}\r\n".encode() if darkness is not None else b"",
        b"CODEPAGE 936\r\n" if cjk == "builtin" else b"",
        b"CLS\r\n",
    ]
    for el in fitted.elements:
        if isinstance(el, SetText):
            out.extend(_text(el, dpi, cjk))
        elif isinstance(el, SetBarcode):
            out.append(_barcode(el, dpi))
        elif isinstance(el, Box):
            x0, y0 = dots(el.x, dpi), dots(el.y, dpi)
            x1, y1 = dots(el.x + el.width, dpi), dots(el.y + el.height, dpi)
            if el.fill:
                out.append(f"BAR {x0},{y0},{x1 - x0},{y1 - y0}\r\n".encode())
            else:
                t = max(1, dots(el.thickness, dpi))
                out.append(f"BOX {x0},{y0},{x1},{y1},{t}\r\n".encode())
        elif isinstance(el, Line):
            t = max(1, dots(el.thickness, dpi))
            x, y = dots(min(el.x1, el.x2), dpi), dots(min(el.y1, el.y2), dpi)
            w = max(t, dots(abs(el.x2 - el.x1), dpi))
            h = max(t, dots(abs(el.y2 - el.y1), dpi))
            if el.x1 == el.x2 or el.y1 == el.y2:
                out.append(f"BAR {x},{y},{w},{h}\r\n".encode())
            else:
                out.append(
                    f"DIAGONAL {dots(el.x1, dpi)},{dots(el.y1, dpi)},"
                    f"{dots(el.x2, dpi)},{dots(el.y2, dpi)},{t}\r\n".encode()
                )
        elif isinstance(el, Image):
            out.append(_bitmap(dots(el.x, dpi), dots(el.y, dpi), raster.picture(el, dpi)))
    out.append(f"PRINT 1,{copies}\r\n".encode())
    return b"".join(out)


def render(
    document: Document | Page,
    dpi: int = 203,
    *,
    cjk: CjkMode = "builtin",
    gap_mm: float = 2,
    copies: int = 1,
    darkness: int | None = None,
) -> bytes:
    """One TSPL program per page, concatenated; ``darkness`` (0 to 15) is DENSITY."""
    if darkness is not None and not 0 <= darkness <= 15:
        raise ValueError(f"TSPL density is 0 to 15, not {darkness}")
    doc = document if isinstance(document, Document) else Document((document,))
    return b"".join(
        render_fitted(fit(p, dpi), cjk=cjk, gap_mm=gap_mm, copies=copies, darkness=darkness)
        for p in doc.pages
    )
