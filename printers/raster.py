"""Black-and-white bitmaps of fitted elements, shared by the PNG renderer and by the
printer languages when they send text or pictures as graphics (ZPL ^GF, TSPL BITMAP).

Bitmaps are Pillow images in mode "1" where 1 is ink, so ``tobytes()`` gives rows of
packed bits with 1 for a printed dot, most significant bit first. Text lines are
cached: the sender block and headings repeat on every label, and rasterising CJK
glyphs is the costly part of building a label.
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image as PILImage
from PIL import ImageDraw

from printers import fonts
from printers.layout import (
    Box,
    FittedPage,
    Image,
    Line,
    SetBarcode,
    SetText,
    dots,
)
from printers.symbols import Linear

INK = 255  # a printed dot (mode "1" stores 0 or 255)


@lru_cache(maxsize=32768)
def _glyph(
    face: fonts.Face, px: int, ch: str, stroke: int
) -> tuple[PILImage.Image, int, int] | None:
    """One character's ink and its offset from the pen position on the baseline."""
    font = fonts.pil_font(face, px)
    left, top, right, bottom = (int(v) for v in font.getbbox(ch, anchor="ls", stroke_width=stroke))
    if right <= left or bottom <= top:
        return None  # a space
    ink = PILImage.new("1", (right - left, bottom - top), 0)
    ImageDraw.Draw(ink).text(
        (-left, -top), ch, font=font, fill=INK, anchor="ls", stroke_width=stroke, stroke_fill=INK
    )
    return ink, left, top


@lru_cache(maxsize=4096)
def text_line(text: str, size: float, bold: bool, dpi: int) -> PILImage.Image:
    """One line of text, as wide as its advance and one line-height high.

    Each character goes where the layout measured it (unhinted advances), from a cache
    of glyph bitmaps, so the line is never wider than its box and never clipped."""
    em = fonts.em_px(size, dpi)
    height = max(1, round(fonts.LINE_SPACING * em))
    width = max(1, round(fonts.advance_em(text, bold) * em) + 2)
    image = PILImage.new("1", (width, height), 0)
    baseline = round(fonts.ASCENT * em)
    pen = 0.0
    for face, run in fonts.runs(text, bold):
        stroke = round(fonts.BOLD_STROKE * em) if bold and face is fonts.Face.CJK else 0
        for ch in run:
            glyph = _glyph(face, em, ch, stroke)
            if glyph is not None:
                ink, left, top = glyph
                image.paste(INK, (round(pen * em) + left + stroke, baseline + top), ink)
            pen += fonts.advance_em(ch, bold)
    return image


def symbol(b: SetBarcode, dpi: int) -> PILImage.Image:
    """The barcode's bars or cells, ``b.module_dots`` dots per module."""
    m = b.module_dots
    sym = b.symbol
    if isinstance(sym, Linear):
        height = max(1, dots(b.bar_height, dpi))
        image = PILImage.new("1", (sym.width_modules * m, height), 0)
        draw = ImageDraw.Draw(image)
        start = None
        for i, bit in enumerate(sym.modules + "0"):
            if bit == "1" and start is None:
                start = i
            elif bit == "0" and start is not None:
                draw.rectangle((start * m, 0, i * m - 1, height - 1), fill=INK)
                start = None
        return image
    small = PILImage.new("1", (sym.width_modules, sym.height_modules), 0)
    small.putdata([INK if dark else 0 for row in sym.rows for dark in row])
    return small.resize(
        (sym.width_modules * m, sym.height_modules * m), PILImage.Resampling.NEAREST
    )


def picture(el: Image, dpi: int) -> PILImage.Image:
    """The picture scaled into its box (aspect kept) and dithered to black and white."""
    with PILImage.open(io.BytesIO(el.data)) as source:
        grey = source.convert("L")
    scale = min(dots(el.width, dpi) / grey.width, dots(el.height, dpi) / grey.height)
    size = (max(1, round(grey.width * scale)), max(1, round(grey.height * scale)))
    grey = grey.resize(size, PILImage.Resampling.LANCZOS)
    dithered = grey.convert("1")  # Floyd-Steinberg; 0 is black here
    return dithered.point(lambda v: 0 if v else INK, mode="1")


def page(fitted: FittedPage) -> PILImage.Image:
    """The whole page as an ink bitmap (1 = printed dot)."""
    dpi = fitted.dpi
    image = PILImage.new("1", (dots(fitted.width, dpi), dots(fitted.height, dpi)), 0)
    draw = ImageDraw.Draw(image)
    for el in fitted.elements:
        if isinstance(el, SetText):
            for i, line in enumerate(el.lines):
                if line:
                    image.paste(
                        INK,
                        (dots(el.line_x(i), dpi), dots(el.line_y(i), dpi)),
                        text_line(line, el.size, el.bold, dpi),
                    )
        elif isinstance(el, SetBarcode):
            bars = symbol(el, dpi)
            image.paste(INK, (dots(el.x, dpi), dots(el.y, dpi)), bars)
        elif isinstance(el, Line):
            width = max(1, dots(el.thickness, dpi))
            draw.line(
                (dots(el.x1, dpi), dots(el.y1, dpi), dots(el.x2, dpi), dots(el.y2, dpi)),
                fill=INK,
                width=width,
            )
        elif isinstance(el, Box):
            corners = (
                dots(el.x, dpi),
                dots(el.y, dpi),
                dots(el.x + el.width, dpi) - 1,
                dots(el.y + el.height, dpi) - 1,
            )
            if el.fill:
                draw.rectangle(corners, fill=INK)
            else:
                draw.rectangle(corners, outline=INK, width=max(1, dots(el.thickness, dpi)))
        else:
            pic = picture(el, dpi)
            image.paste(INK, (dots(el.x, dpi), dots(el.y, dpi)), pic)
    return image
