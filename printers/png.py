"""PNG: what the label or page will look like, for previews and for tests that decode
the barcodes. Black and white at the printer's resolution, one image per page."""

from __future__ import annotations

import io

from PIL import Image as PILImage
from PIL import ImageChops

from printers import raster
from printers.layout import Document, FittedPage, Page, fit

DEFAULT_DPI = 203


def render_fitted(fitted: FittedPage) -> bytes:
    ink = raster.page(fitted)
    out = io.BytesIO()
    ImageChops.invert(ink).save(out, format="PNG", dpi=(fitted.dpi, fitted.dpi))
    return out.getvalue()


def render_page(page: Page, dpi: int = DEFAULT_DPI) -> bytes:
    return render_fitted(fit(page, dpi))


def render(document: Document, dpi: int = DEFAULT_DPI) -> list[bytes]:
    """One PNG per page."""
    return [render_page(p, dpi) for p in document.pages]


def render_stacked(document: Document, dpi: int = DEFAULT_DPI, gap_mm: float = 5) -> bytes:
    """All pages in one PNG, one below the other (a job is one file)."""
    inks = [raster.page(fit(p, dpi)) for p in document.pages]
    gap = round(gap_mm * dpi / 25.4)
    sheet = PILImage.new(
        "1", (max(i.width for i in inks), sum(i.height for i in inks) + gap * (len(inks) - 1)), 0
    )
    y = 0
    for ink in inks:
        sheet.paste(ink, (0, y))
        y += ink.height + gap
    out = io.BytesIO()
    ImageChops.invert(sheet).save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()
