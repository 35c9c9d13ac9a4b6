"""ZPL II for Zebra printers and their clones, at 203 dpi (8 dots/mm) or 300 dpi (12).

Barcodes use the printer's own commands: ^BC in automatic mode for Code 128 (its
subset choice gives the width measured here), ^BC with explicit start and FNC1 codes
for GS1-128, ^BQ, ^BX, ^BE. Symbols those cannot express exactly (a GS1-128 that
switches into subset C mid-symbol, '>' in the data, UPC-A) are drawn as one ^GB box
per bar: exact everywhere and still small. Text that
is plain ASCII uses the printer's scalable font ^A0 inside an ^FB block of the layout's
width; any other text (Chinese, accents) is sent as a ^GF bitmap rasterised from the
bundled fonts, so no font has to be downloaded to the printer first. With
``ascii_native=False`` every line is a bitmap and the label looks exactly like the
PNG preview.
"""

from __future__ import annotations

from printers import raster
from printers.layout import (
    Align,
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
from printers.symbols import (
    CODE_B,
    CODE_C,
    FNC1,
    START_A,
    START_B,
    START_C,
    Linear,
    Matrix,
    Symbology,
)

SUPPORTED_DPI = (203, 300)
_FB_ALIGN = {Align.LEFT: "L", Align.CENTER: "C", Align.RIGHT: "R"}
_C128_CODES = {START_A: ">9", START_B: ">:", START_C: ">;", CODE_C: ">5", CODE_B: ">6", FNC1: ">8"}


def _field_data(text: str) -> str:
    """``^FD`` content; ``^``, ``~`` and the escape character itself go as hex via ^FH."""
    if not any(c in text for c in "^~_"):
        return f"^FD{text}"
    escaped = "".join(f"_{ord(c):02X}" if c in "^~_" else c for c in text)
    return f"^FH_^FD{escaped}"


def code128_field(values: tuple[int, ...]) -> str:
    """The ^BC field data that makes the printer draw exactly these symbol values."""
    out: list[str] = []
    subset = "B"
    for v in values:
        if v in _C128_CODES:
            out.append(_C128_CODES[v])
            if v in (START_C, CODE_C):
                subset = "C"
            elif v in (START_B, CODE_B):
                subset = "B"
        elif subset == "C":
            out.append(f"{v:02d}")
        else:
            out.append(chr(v + 32))
    return "".join(out)


def _bars(x: int, y: int, module: int, height: int, modules: str) -> str:
    """A linear symbol as one ^GB box per bar: exact on every printer, and small."""
    out = []
    start = None
    for i, bit in enumerate(modules + "0"):
        if bit == "1" and start is None:
            start = i
        elif bit == "0" and start is not None:
            w = (i - start) * module
            out.append(f"^FO{x + start * module},{y}^GB{w},{height},{w}^FS")
            start = None
    return "".join(out)


def graphic_field(x: int, y: int, bitmap: object) -> str:
    """``^GF`` (ASCII hex) of an ink bitmap at x, y dots."""
    from PIL import Image as PILImage

    assert isinstance(bitmap, PILImage.Image)
    row_bytes = (bitmap.width + 7) // 8
    data = bitmap.tobytes()
    return f"^FO{x},{y}^GFA,{len(data)},{len(data)},{row_bytes},{data.hex().upper()}^FS"


def _text(el: SetText, dpi: int, ascii_native: bool) -> list[str]:
    out: list[str] = []
    em = max(10, round(el.size / 72 * dpi))
    native = ascii_native and all(line.isascii() for line in el.lines)
    for i, line in enumerate(el.lines):
        if not line:
            continue
        y = dots(el.line_y(i), dpi)
        if native:
            width = dots(el.width, dpi)
            font = f"^A0N,{em},{em}" if not el.bold else f"^A0N,{em},{round(em * 1.1)}"
            block = f"^FB{width},1,0,{_FB_ALIGN[el.align]},0"
            out.append(f"^FO{dots(el.x, dpi)},{y}{font}{block}{_field_data(line)}^FS")
        else:
            bitmap = raster.text_line(line, el.size, el.bold, dpi)
            out.append(graphic_field(dots(el.line_x(i), dpi), y, bitmap))
    return out


def _barcode(el: SetBarcode, dpi: int) -> str:
    x, y = dots(el.x, dpi), dots(el.y, dpi)
    m = el.module_dots
    sym = el.symbol
    origin = f"^FO{x},{y}"
    if isinstance(sym, Linear):
        h = dots(el.bar_height, dpi)
        if sym.symbology is Symbology.CODE128 and ">" not in sym.data:
            # automatic subsets: the printer's choice has the width measured here
            return f"{origin}^BY{m}^BCN,{h},N,N,N,A{_field_data(sym.data)}^FS"
        if sym.symbology is Symbology.GS1_128 and CODE_C not in sym.values[1:]:
            return f"{origin}^BY{m}^BCN,{h},N,N,N,N^FD{code128_field(sym.values)}^FS"
        if sym.symbology is Symbology.EAN13:
            return f"{origin}^BY{m}^BEN,{h},N,N^FD{sym.data[:12]}^FS"
        return _bars(x, y, m, h, sym.modules)
    if sym.symbology is Symbology.QR and m <= 10:
        return f"{origin}^BQN,2,{m}{_field_data('MA,' + sym.data)}^FS"
    if isinstance(sym, Matrix) and sym.symbology is Symbology.DATAMATRIX:
        cols, rows = sym.width_modules, sym.height_modules
        return f"{origin}^BXN,{m},200,{cols},{rows},6{_field_data(sym.data)}^FS"
    return graphic_field(x, y, raster.symbol(el, dpi))


def render_fitted(fitted: FittedPage, *, ascii_native: bool = True, copies: int = 1) -> str:
    dpi = fitted.dpi
    out = [
        "^XA",
        "^CI28",
        f"^PW{dots(fitted.width, dpi)}",
        f"^LL{dots(fitted.height, dpi)}",
        "^LH0,0",
    ]
    for el in fitted.elements:
        if isinstance(el, SetText):
            out.extend(_text(el, dpi, ascii_native))
        elif isinstance(el, SetBarcode):
            out.append(_barcode(el, dpi))
        elif isinstance(el, Box):
            w, h = dots(el.width, dpi), dots(el.height, dpi)
            t = min(w, h) if el.fill else max(1, dots(el.thickness, dpi))
            out.append(f"^FO{dots(el.x, dpi)},{dots(el.y, dpi)}^GB{w},{h},{t}^FS")
        elif isinstance(el, Line) and (el.x1 == el.x2 or el.y1 == el.y2):
            t = max(1, dots(el.thickness, dpi))
            w = max(t, dots(abs(el.x2 - el.x1), dpi))
            h = max(t, dots(abs(el.y2 - el.y1), dpi))
            x, y = dots(min(el.x1, el.x2), dpi), dots(min(el.y1, el.y2), dpi)
            out.append(f"^FO{x},{y}^GB{w},{h},{t}^FS")
        elif isinstance(el, Line):
            t = max(1, dots(el.thickness, dpi))
            w, h = dots(abs(el.x2 - el.x1), dpi), dots(abs(el.y2 - el.y1), dpi)
            lean = "R" if (el.x2 - el.x1) * (el.y2 - el.y1) < 0 else "L"
            x, y = dots(min(el.x1, el.x2), dpi), dots(min(el.y1, el.y2), dpi)
            out.append(f"^FO{x},{y}^GD{w},{h},{t},B,{lean}^FS")
        elif isinstance(el, Image):
            out.append(graphic_field(dots(el.x, dpi), dots(el.y, dpi), raster.picture(el, dpi)))
    out.append(f"^PQ{copies}")
    out.append("^XZ")
    return "\n".join(out) + "\n"


def render(
    document: Document | Page,
    dpi: int = 203,
    *,
    ascii_native: bool = True,
    copies: int = 1,
    darkness: int | None = None,
) -> bytes:
    """ZPL for every page (one ^XA...^XZ label each), UTF-8 (^CI28); ``darkness``
    (0 to 30) sets the printer's darkness first (~SD)."""
    if dpi not in SUPPORTED_DPI:
        raise ValueError(f"ZPL printers come at {SUPPORTED_DPI} dpi, not {dpi}")
    if darkness is not None and not 0 <= darkness <= 30:
        raise ValueError(f"ZPL darkness is 0 to 30, not {darkness}")
    doc = document if isinstance(document, Document) else Document((document,))
    labels = [
        render_fitted(fit(p, dpi), ascii_native=ascii_native, copies=copies) for p in doc.pages
    ]
    head = f"~SD{darkness:02d}\n" if darkness is not None else ""
    return (head + "".join(labels)).encode("utf-8")
