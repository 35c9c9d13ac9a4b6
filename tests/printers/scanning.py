"""Reading printed output the way a scanner would: PDF and ZPL to images, every
barcode decoded with zxing-cpp, GS1 strings parsed with biip."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

ZPL_RENDERER = Path(__file__).with_name("zpl") / "render.cjs"
ZPL_MODULES = Path(__file__).with_name("zpl") / "node_modules" / "zpl-renderer-js"


@dataclass(frozen=True)
class Scanned:
    format: str  # zxing's name: "Code128", "QRCode", "DataMatrix", "EAN13" ...
    text: str  # as a scanner sends it: GS1 separators as \x1d, no brackets
    symbology: str  # the AIM identifier, e.g. "]C1" for GS1-128

    @property
    def with_identifier(self) -> str:
        return self.symbology + self.text


def scan(image: bytes | Image.Image) -> list[Scanned]:
    picture = image if isinstance(image, Image.Image) else Image.open(io.BytesIO(image))
    found = zxingcpp.read_barcodes(picture.convert("L"), text_mode=zxingcpp.TextMode.Plain)
    return [Scanned(r.format.name, r.text, r.symbology_identifier) for r in found]


def texts(image: bytes | Image.Image) -> list[str]:
    return sorted(s.text for s in scan(image))


def pdf_to_pngs(pdf: bytes, dpi: int = 200) -> list[bytes]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", str(source), str(Path(folder) / "page")],
            check=True,
            timeout=120,
        )
        return [p.read_bytes() for p in sorted(Path(folder).glob("page-*.png"))]


def pdf_fonts(pdf: bytes) -> str:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        return subprocess.run(
            ["pdffonts", f.name], check=True, capture_output=True, text=True, timeout=60
        ).stdout


def zpl_to_png(zpl: bytes, width_mm: float, height_mm: float, dpi: int = 203) -> bytes:
    """The label as the independent renderer (npm zpl-renderer-js) draws it."""
    if shutil.which("node") is None or not ZPL_MODULES.exists():
        pytest.skip("zpl-renderer-js is not installed (run npm ci in tests/printers/zpl)")
    dots_per_mm = round(dpi / 25.4)
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "label.zpl", Path(folder) / "label.png"
        source.write_bytes(zpl)
        subprocess.run(
            ["node", str(ZPL_RENDERER), str(source), str(target),
             str(width_mm), str(height_mm), str(dots_per_mm)],
            check=True,
            timeout=120,
        )  # fmt: skip
        return target.read_bytes()


def ink_ratio(png: bytes, box: tuple[int, int, int, int]) -> float:
    """Share of dark pixels inside ``box`` (left, top, right, bottom, in pixels)."""
    region = Image.open(io.BytesIO(png)).convert("L").crop(box)
    dark = sum(region.histogram()[:128])
    return dark / max(1, region.width * region.height)
