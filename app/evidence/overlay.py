"""What is burnt into the picture: a dark band across the top with two lines, the
order, station and packer, then the local time and the last scan.

The band is drawn with Pillow (Latin in Bitstream Vera, Chinese in the bundled Droid
Sans Fallback: the runs of ``printers.fonts``) only when its words change (once a
second, for the clock), converted once to YUV 4:2:0, and then copied row by row into
each frame's planes: no per-frame conversion of the whole picture to RGB and back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import av
from PIL import Image, ImageDraw

from printers import fonts

BAND_COLOUR = (16, 16, 16)
TEXT_COLOUR = (255, 255, 255)


def font_px(height: int) -> int:
    """The text's size for a picture ``height`` pixels high (22 px at 720)."""
    return max(12, height // 32)


def band_height(height: int) -> int:
    """Two lines and a margin, an even number of rows (chroma is subsampled by 2)."""
    rows = round(font_px(height) * 2.6)
    return min(height - height % 2, rows + rows % 2)


@dataclass(frozen=True)
class Band:
    """The band as YUV 4:2:0 rows: (bytes per row, rows) for Y, U and V."""

    planes: tuple[tuple[int, bytes], ...]
    height: int


def draw_band(width: int, height: int, lines: tuple[str, ...]) -> Image.Image:
    """The band as an RGB picture ``width`` wide, for a picture ``height`` high."""
    px = font_px(height)
    band = Image.new("RGB", (width, band_height(height)), BAND_COLOUR)
    pen = ImageDraw.Draw(band)
    y = round(px * 0.25)
    for line in lines:
        x = float(round(px * 0.5))
        for face, run in fonts.runs(fonts.drawable(line)):
            font = fonts.pil_font(face, px)
            pen.text((x, y), run, font=font, fill=TEXT_COLOUR)
            x += font.getlength(run)
            if x >= width:
                break
        y += round(px * 1.15)
    return band


def band_planes(width: int, height: int, lines: tuple[str, ...]) -> Band:
    picture = draw_band(width, height, lines)
    frame = av.VideoFrame.from_image(picture).reformat(format="yuv420p")  # type: ignore[no-untyped-call]
    planes = []
    for plane in frame.planes:
        row = plane.width  # bytes per row that hold pixels (line_size may pad)
        data = bytes(plane)
        rows = b"".join(
            data[r * plane.line_size : r * plane.line_size + row] for r in range(plane.height)
        )
        planes.append((row, rows))
    return Band(tuple(planes), picture.height)


class Overlay:
    """Burns the band into yuv420p frames of one size; the band is redrawn only when
    its lines change."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self._lines: tuple[str, ...] = ()
        self._band: Band | None = None

    def burn(self, frame: Any, lines: tuple[str, ...]) -> None:
        """Copy the band for ``lines`` into ``frame`` (yuv420p, this size, writable)."""
        if self._band is None or lines != self._lines:
            self._band = band_planes(self.width, self.height, lines)
            self._lines = lines
        for plane, (row, rows) in zip(frame.planes, self._band.planes, strict=True):
            target = memoryview(plane)
            stride = plane.line_size
            count = len(rows) // row
            for r in range(count):
                target[r * stride : r * stride + row] = rows[r * row : (r + 1) * row]
