"""What the command line prints, made fit for a terminal.

Text from the database or from a file may hold control characters (an escape
sequence in a customer's name could clear the screen, recolour it or retitle the
window): every command's output goes through ``EscapingStream``, which writes them
as ``\\u001b``, a spelling that is also valid inside JSON strings. Tables are laid out
by display width, so Chinese names (two columns each in a terminal) keep the columns
straight under their headings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

# C0 controls but tab and line feed, DEL, and the C1 controls (8-bit CSI and others)
_CONTROLS_IN_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# in a table cell even tab and line feed would break the layout
_CONTROLS_IN_CELL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _spelled(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_controls(text: str) -> str:
    """``text`` with control characters spelled out (tab and line feed kept)."""
    return _CONTROLS_IN_OUTPUT.sub(_spelled, text)


def cell_text(value: Any) -> str:
    """A table cell: ``-`` for nothing, every control character spelled out."""
    if value is None:
        return "-"
    return _CONTROLS_IN_CELL.sub(_spelled, str(value))


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: two for wide (CJK, full-width) characters,
    none for combining marks and format characters, one for the rest."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(width - display_width(text), 0)
    return gap + text if right else text + gap


def fit(value: Any, width: int) -> str:
    """A cell padded to ``width`` terminal columns, for lines printed one at a time
    (a longer cell keeps all of it)."""
    return _pad("" if value is None else cell_text(value), width, right=False)


def table(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, right: Iterable[int] = ()
) -> list[str]:
    """Lines of a table with its header, each column as wide as its widest cell
    (numbers, the ``right`` columns, aligned right); no spaces at the ends of lines."""
    cells = [[cell_text(v) for v in row] for row in rows]
    head = [cell_text(h) for h in header]
    widths = [display_width(h) for h in head]
    for row in cells:
        for i, text in enumerate(row):
            widths[i] = max(widths[i], display_width(text))
    right_aligned = set(right)
    lines = []
    for row in (head, *cells):
        padded = [_pad(t, widths[i], i in right_aligned) for i, t in enumerate(row)]
        lines.append("  ".join(padded).rstrip())
    return lines


class EscapingStream:
    """A text stream that writes through to ``stream`` with control characters
    spelled out; everything else (flush, fileno, isatty, ...) is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
