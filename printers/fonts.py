"""The fonts every document uses, and which character each one draws.

The bundled Droid Sans Fallback holds the CJK ideographs but no Latin letters, so text
is set in runs: Latin (and the rest of Latin-1) in Bitstream Vera, which ships inside
reportlab (a run-time dependency, so it is always there, with a real bold), and
everything else in Droid Sans Fallback (bold is then a thin outline). Characters
neither font holds (emoji, rare CJK outside the font) are reported, never dropped
silently. ``PACKDESK_CJK_FONT`` may point at another TrueType CJK font.

Measuring and rasterising go through Pillow's FreeType binding; which characters a
font holds comes from its cmap, read once with reportlab's TrueType parser.
"""

from __future__ import annotations

import enum
import os
from functools import lru_cache
from pathlib import Path

import reportlab
from PIL import ImageFont

BUNDLED_CJK_FONT = (
    Path(__file__).resolve().parent.parent / "resources" / "fonts" / "DroidSansFallbackFull.ttf"
)
_REPORTLAB_FONTS = Path(reportlab.__file__).resolve().parent / "fonts"
POINTS_PER_MM = 72 / 25.4
LINE_SPACING = 1.2  # line height as a multiple of the font size
ASCENT = 0.93  # baseline below the top of a line, as a multiple of the font size
BOLD_STROKE = 0.03  # synthetic CJK bold: outline width as a fraction of the font size
REPLACEMENT = "?"
_MEASURE_PX = 1000


class Face(enum.Enum):
    LATIN = "latin"
    LATIN_BOLD = "latin-bold"
    CJK = "cjk"


def face_path(face: Face) -> Path:
    if face is Face.LATIN:
        return _REPORTLAB_FONTS / "Vera.ttf"
    if face is Face.LATIN_BOLD:
        return _REPORTLAB_FONTS / "VeraBd.ttf"
    configured = os.environ.get("PACKDESK_CJK_FONT")
    return Path(configured) if configured else BUNDLED_CJK_FONT


@lru_cache(maxsize=256)
def pil_font(face: Face, px: int) -> ImageFont.FreeTypeFont:
    """``face`` at ``px`` pixels per em (cached: loading a 4 MB font is not free)."""
    return ImageFont.truetype(str(face_path(face)), size=px, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=4)
def covered_codepoints(face: Face) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(face_path(face))).charToGlyph)


@lru_cache(maxsize=65536)
def _face_of(ch: str, bold: bool) -> Face | None:
    cp = ord(ch)
    if cp in covered_codepoints(Face.LATIN):
        return Face.LATIN_BOLD if bold else Face.LATIN
    if cp in covered_codepoints(Face.CJK):
        return Face.CJK
    return None


def unsupported(text: str) -> list[str]:
    """Characters of ``text`` no font can draw (emoji, rare CJK), in order, once each."""
    seen: list[str] = []
    for ch in text:
        if ch not in "\n\t" and _face_of(ch, False) is None and ch not in seen:
            seen.append(ch)
    return seen


def drawable(text: str) -> str:
    """``text`` with characters no font holds replaced by ``REPLACEMENT``; tabs and
    other whitespace become spaces."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append(ch)
        elif ch.isspace():
            out.append(" ")
        else:
            out.append(ch if _face_of(ch, False) is not None else REPLACEMENT)
    return "".join(out)


@lru_cache(maxsize=65536)
def runs(text: str, bold: bool = False) -> tuple[tuple[Face, str], ...]:
    """``text`` cut into runs of one face each (text must be ``drawable``)."""
    out: list[tuple[Face, str]] = []
    for ch in text:
        face = _face_of(ch, bold) or Face.LATIN
        if out and out[-1][0] is face:
            out[-1] = (face, out[-1][1] + ch)
        else:
            out.append((face, ch))
    return tuple(out)


@lru_cache(maxsize=65536)
def _char_advance(ch: str, bold: bool) -> float:
    face = _face_of(ch, bold) or Face.LATIN
    width = float(pil_font(face, _MEASURE_PX).getlength(ch)) / _MEASURE_PX
    return width + (2 * BOLD_STROKE if bold and face is Face.CJK else 0.0)


def advance_em(text: str, bold: bool = False) -> float:
    """Width of ``text`` in ems (font sizes): the sum of its characters' advances
    (kerning, if the rasteriser applies any, only narrows a line)."""
    return sum(_char_advance(ch, bold) for ch in text)


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` set in ``size_pt`` points, in millimetres."""
    return advance_em(text, bold) * size_pt / POINTS_PER_MM


def line_height_mm(size_pt: float) -> float:
    return size_pt / POINTS_PER_MM * LINE_SPACING


def em_px(size_pt: float, dpi: int) -> int:
    return max(1, round(size_pt / 72 * dpi))
