"""PDF through reportlab, with text in embedded TrueType subsets: Bitstream Vera for
Latin and the bundled Droid Sans Fallback for Chinese. Never the STSong-Light CID
font, which is not embedded and shows as nothing in viewers that lack it."""

from __future__ import annotations

import io
from functools import lru_cache

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from printers import fonts
from printers.layout import (
    MM_PER_INCH,
    Box,
    Document,
    FittedPage,
    Image,
    Line,
    Page,
    SetBarcode,
    SetText,
    fit,
)
from printers.symbols import Linear

PT_PER_MM = 72 / MM_PER_INCH
#: barcode modules are snapped to this grid (whole dots of a 600 dpi office printer)
PDF_DPI = 600
_FONT_NAMES = {
    fonts.Face.LATIN: "PackdeskLatin",
    fonts.Face.LATIN_BOLD: "PackdeskLatinBold",
    fonts.Face.CJK: "PackdeskCJK",
}


@lru_cache(maxsize=1)
def _register_fonts() -> None:
    for face, name in _FONT_NAMES.items():
        pdfmetrics.registerFont(TTFont(name, str(fonts.face_path(face))))


def _draw_text(c: Canvas, el: SetText, page_height: float) -> None:
    for i, line in enumerate(el.lines):
        if not line:
            continue
        x = el.line_x(i) * PT_PER_MM
        baseline = el.line_y(i) + fonts.ASCENT * el.size / fonts.POINTS_PER_MM
        y = (page_height - baseline) * PT_PER_MM
        for face, run in fonts.runs(line, el.bold):
            t = c.beginText(x, y)
            t.setFont(_FONT_NAMES[face], el.size)
            if el.bold and face is fonts.Face.CJK:
                # the CJK font has no bold: fill and stroke, inside a saved graphics
                # state, since the text render mode outlives the text object
                c.saveState()
                c.setLineWidth(fonts.BOLD_STROKE * el.size)
                t.setTextRenderMode(2)
                t.textOut(run)
                c.drawText(t)
                c.restoreState()
            else:
                t.textOut(run)
                c.drawText(t)
            x += fonts.advance_em(run, el.bold) * el.size


def _bars(modules: str) -> str:
    """The bars of a linear symbol as PDF rectangles in module units, one unit high:
    ``"start 0 width 1 re"`` for each bar (whole numbers, nothing to format)."""
    out = []
    start = -1
    for i, bit in enumerate(modules + "0"):
        if bit == "1":
            if start < 0:
                start = i
        elif start >= 0:
            out.append(f"{start} 0 {i - start} 1 re")
            start = -1
    return " ".join(out)


def _draw_barcode(c: Canvas, el: SetBarcode, page_height: float) -> None:
    m = el.module_mm(PDF_DPI)
    sym = el.symbol
    if isinstance(sym, Linear):
        # one literal operator string, scaled to modules and bar height: a manifest
        # holds thousands of barcodes, and reportlab formatting each rectangle's
        # numbers in pure Python was most of the time its PDF took
        c.addLiteral(
            f"q {m * PT_PER_MM:.5f} 0 0 {el.bar_height * PT_PER_MM:.5f} "
            f"{el.x * PT_PER_MM:.5f} {(page_height - el.y - el.bar_height) * PT_PER_MM:.5f} cm "
            f"{_bars(sym.modules)} f Q"
        )
        return
    path = c.beginPath()
    for r, row in enumerate(sym.rows):
        for col, dark in enumerate(row):
            if dark:
                path.rect(
                    (el.x + col * m) * PT_PER_MM,
                    (page_height - el.y - (r + 1) * m) * PT_PER_MM,
                    m * PT_PER_MM,
                    m * PT_PER_MM,
                )
    c.drawPath(path, stroke=0, fill=1)


def _draw_page(c: Canvas, fitted: FittedPage) -> None:
    h = fitted.height
    c.setFillGray(0)
    c.setStrokeGray(0)
    for el in fitted.elements:
        if isinstance(el, SetText):
            _draw_text(c, el, h)
        elif isinstance(el, SetBarcode):
            _draw_barcode(c, el, h)
        elif isinstance(el, Line):
            c.setLineWidth(el.thickness * PT_PER_MM)
            c.line(
                el.x1 * PT_PER_MM,
                (h - el.y1) * PT_PER_MM,
                el.x2 * PT_PER_MM,
                (h - el.y2) * PT_PER_MM,
            )
        elif isinstance(el, Box):
            c.setLineWidth(el.thickness * PT_PER_MM)
            c.rect(
                el.x * PT_PER_MM,
                (h - el.y - el.height) * PT_PER_MM,
                el.width * PT_PER_MM,
                el.height * PT_PER_MM,
                stroke=0 if el.fill else 1,
                fill=1 if el.fill else 0,
            )
        elif isinstance(el, Image):
            c.drawImage(
                ImageReader(io.BytesIO(el.data)),
                el.x * PT_PER_MM,
                (h - el.y - el.height) * PT_PER_MM,
                el.width * PT_PER_MM,
                el.height * PT_PER_MM,
                preserveAspectRatio=True,
                anchor="nw",
            )


def render_fitted(pages: list[FittedPage], title: str = "") -> bytes:
    _register_fonts()
    out = io.BytesIO()
    c = Canvas(
        out, pageCompression=1, invariant=True, initialFontName=_FONT_NAMES[fonts.Face.LATIN]
    )
    c.setTitle(title)
    c.setCreator("Packdesk")
    for fitted in pages:
        c.setPageSize((fitted.width * PT_PER_MM, fitted.height * PT_PER_MM))
        _draw_page(c, fitted)
        c.showPage()
    c.save()
    return out.getvalue()


def render(document: Document | Page) -> bytes:
    """The whole document as one PDF (one PDF page per layout page)."""
    doc = document if isinstance(document, Document) else Document((document,))
    return render_fitted([fit(p, PDF_DPI) for p in doc.pages], doc.title)
