"""The layout model: pages of text, barcodes, lines, boxes and images, in millimetres.

Documents build a ``Document`` from plain data; every renderer first calls ``fit`` on
each page, which wraps text with the real font metrics, shrinks text that was allowed
to shrink, snaps barcode modules to whole printer dots and checks that everything is
on the page. Text is never cut silently: it shrinks (down to its ``min_size``) or
``fit`` raises a ``LayoutError`` that names the field. Characters no font holds are
replaced by "?" and listed in ``FittedPage.warnings``.

Coordinates: x to the right, y downwards, from the top-left corner of the page.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from printers import fonts
from printers.errors import LayoutError
from printers.symbols import Linear, Matrix, Symbol, Symbology, encode

MM_PER_INCH = 25.4
_EPS = 0.01  # mm of slack when checking bounds
QUIET_ZONE = 10  # modules of white each side of a linear symbol


class Align(enum.StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Overflow(enum.StrEnum):
    SHRINK = "shrink"  # smaller type (down to min_size), then an error
    ERROR = "error"  # an error at once


@dataclass(frozen=True)
class Text:
    """Text in a box ``width`` wide and ``max_lines`` lines of ``size`` points high."""

    x: float
    y: float
    width: float
    text: str
    size: float = 9.0  # points
    bold: bool = False
    max_lines: int = 1
    overflow: Overflow = Overflow.SHRINK
    min_size: float = 6.0
    align: Align = Align.LEFT
    name: str = "text"  # what the field is, for error messages

    @property
    def height(self) -> float:
        return self.max_lines * fonts.line_height_mm(self.size)


@dataclass(frozen=True)
class Barcode:
    """A barcode placed in a box. 1D bars fill the box's height, and the box's width
    must also hold their quiet zones; 2D symbols are square and fit the box.
    ``module`` is the preferred narrow bar or cell size; it shrinks (never below
    ``min_module``) when the symbol would not fit the box's width."""

    x: float
    y: float
    width: float
    height: float
    symbology: Symbology
    data: str
    module: float = 0.375
    min_module: float = 0.25
    align: Align = Align.CENTER
    name: str = "barcode"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    thickness: float = 0.3


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    thickness: float = 0.3
    fill: bool = False


@dataclass(frozen=True)
class Image:
    """A picture (PNG or JPEG bytes), scaled into the box and dithered to black and
    white on thermal printers."""

    x: float
    y: float
    width: float
    height: float
    data: bytes = field(repr=False)


Element = Text | Barcode | Line | Box | Image


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    elements: tuple[Element, ...]


@dataclass(frozen=True)
class Document:
    pages: tuple[Page, ...]
    title: str = ""


# --- fitted (ready to draw) -------------------------------------------------------


@dataclass(frozen=True)
class SetText:
    """Text after wrapping: each line's left edge is ``line_x(i)``."""

    x: float
    y: float
    width: float
    lines: tuple[str, ...]
    size: float
    bold: bool
    align: Align
    widths: tuple[float, ...]  # of each line, mm

    @property
    def line_height(self) -> float:
        return fonts.line_height_mm(self.size)

    def line_x(self, i: int) -> float:
        if self.align is Align.LEFT:
            return self.x
        spare = self.width - self.widths[i]
        return self.x + (spare / 2 if self.align is Align.CENTER else spare)

    def line_y(self, i: int) -> float:
        return self.y + i * self.line_height


@dataclass(frozen=True)
class SetBarcode:
    """A symbol placed: ``module_dots`` printer dots per module at the fitting dpi."""

    x: float
    y: float
    symbol: Symbol
    module_dots: int
    bar_height: float  # mm; for 2D symbols the symbol's own height

    def module_mm(self, dpi: int) -> float:
        return self.module_dots * MM_PER_INCH / dpi

    def size_mm(self, dpi: int) -> tuple[float, float]:
        m = self.module_mm(dpi)
        if isinstance(self.symbol, Linear):
            return self.symbol.width_modules * m, self.bar_height
        return self.symbol.width_modules * m, self.symbol.height_modules * m


Drawn = SetText | SetBarcode | Line | Box | Image


@dataclass(frozen=True)
class FittedPage:
    width: float
    height: float
    dpi: int
    elements: tuple[Drawn, ...]
    warnings: tuple[str, ...] = ()


# --- wrapping ---------------------------------------------------------------------

_TOKENS = re.compile(r"[^\s\u2e80-\U0002ffff]+\s*|[\u2e80-\U0002ffff]\s*|\s+")


def _split_long(token: str, width: float, size: float, bold: bool) -> list[str]:
    pieces: list[str] = []
    current = ""
    for ch in token:
        if current and fonts.text_width_mm(current + ch, size, bold) > width:
            pieces.append(current)
            current = ""
        current += ch
    pieces.append(current)
    return pieces


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` mm: at spaces for Latin
    words, between any two ideographs, inside a word only when it alone is too wide."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for token in _TOKENS.findall(paragraph):
            candidate = current + token
            if fonts.text_width_mm(candidate.rstrip(), size, bold) <= width:
                current = candidate
                continue
            if current.strip():
                lines.append(current.rstrip())
            current = token.lstrip()
            if fonts.text_width_mm(current.rstrip(), size, bold) > width:
                *whole, current = _split_long(current, width, size, bold)
                lines.extend(whole)
        lines.append(current.rstrip())
    while lines and not lines[-1]:
        lines.pop()
    return lines


@lru_cache(maxsize=8192)
def set_text(t: Text) -> tuple[SetText, tuple[str, ...]]:
    """``t`` wrapped (and shrunk if it may), with warnings; or a ``LayoutError``."""
    warnings: tuple[str, ...] = ()
    missing = fonts.unsupported(t.text)
    if missing:
        shown = " ".join(missing[:8])
        warnings = (f"{t.name}: {len(missing)} character(s) no font can print ({shown}) "
                    f"are printed as {fonts.REPLACEMENT!r}",)  # fmt: skip
    text = fonts.drawable(t.text).strip()
    box_height = t.height
    size = t.size
    while True:
        lines = wrap(text, t.width, size, t.bold)
        room = math.floor(box_height / fonts.line_height_mm(size) + 1e-6)
        if len(lines) <= room:
            widths = tuple(fonts.text_width_mm(line, size, t.bold) for line in lines)
            return SetText(t.x, t.y, t.width, tuple(lines), size, t.bold, t.align, widths), warnings
        smaller = round(size - 0.5, 2)
        if t.overflow is Overflow.ERROR or smaller < t.min_size:
            raise LayoutError(
                f"{t.name} does not fit: it needs {len(lines)} lines of {size:g} pt in a box "
                f"{t.width:.0f} mm wide and {box_height:.1f} mm high "
                f"({len(t.text)} characters). Shorten it or use a larger label."
            )
        size = smaller


def _fit_barcode(b: Barcode, dpi: int) -> SetBarcode:
    symbol = encode(b.symbology, b.data)
    dots_per_mm = dpi / MM_PER_INCH
    preferred = max(1, round(b.module * dots_per_mm))
    smallest = max(1, math.ceil(b.min_module * dots_per_mm - 1e-6))
    if isinstance(symbol, Matrix):
        across = max(symbol.width_modules, symbol.height_modules)
        limit = min(b.width, b.height)
    else:
        across = symbol.width_modules + 2 * QUIET_ZONE  # the box holds the quiet zones too
        limit = b.width
    fits = math.floor(limit * dots_per_mm / across + 1e-6)
    module = min(preferred, fits)
    if module < smallest:
        need = across * smallest / dots_per_mm
        raise LayoutError(
            f"{b.name} ({b.symbology.value}, {len(b.data)} characters) needs {need:.1f} mm "
            f"but has {limit:.1f} mm; shorten the data or use a larger label."
        )
    width = symbol.width_modules * module / dots_per_mm
    spare = b.width - width
    x = b.x + (0 if b.align is Align.LEFT else spare / 2 if b.align is Align.CENTER else spare)
    height = b.height
    if isinstance(symbol, Matrix):
        height = symbol.height_modules * module / dots_per_mm
    return SetBarcode(x, b.y, symbol, module, height)


def _extent(el: Element) -> tuple[float, float, float, float, str]:
    if isinstance(el, Text):
        return el.x, el.y, el.x + el.width, el.y + el.height, el.name
    if isinstance(el, Barcode):
        return el.x, el.y, el.x + el.width, el.y + el.height, el.name
    if isinstance(el, Line):
        return min(el.x1, el.x2), min(el.y1, el.y2), max(el.x1, el.x2), max(el.y1, el.y2), "line"
    return el.x, el.y, el.x + el.width, el.y + el.height, type(el).__name__.lower()


def fit(page: Page, dpi: int) -> FittedPage:
    """The page ready to draw at ``dpi``, or a ``LayoutError`` naming what does not fit."""
    drawn: list[Drawn] = []
    warnings: list[str] = []
    for el in page.elements:
        left, top, right, bottom, name = _extent(el)
        if left < -_EPS or top < -_EPS or right > page.width + _EPS or bottom > page.height + _EPS:
            raise LayoutError(
                f"{name} reaches {right:.1f} x {bottom:.1f} mm, outside the "
                f"{page.width:g} x {page.height:g} mm page; use a larger label or page."
            )
        if isinstance(el, Text):
            set_, warned = set_text(el)
            drawn.append(set_)
            warnings.extend(warned)
        elif isinstance(el, Barcode):
            drawn.append(_fit_barcode(el, dpi))
        else:
            drawn.append(el)
    return FittedPage(page.width, page.height, dpi, tuple(drawn), tuple(warnings))


def dots(mm: float, dpi: int) -> int:
    return round(mm * dpi / MM_PER_INCH)
