"""Every renderer draws the same page; a scanner reads the same data from each."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from printers import pdf, png, tspl, zpl
from printers.layout import Align, Barcode, Box, Line, Page, Text
from printers.layout import Image as LayoutImage
from printers.symbols import Symbology
from tests.printers.scanning import ink_ratio, pdf_fonts, pdf_to_pngs, texts, zpl_to_png

CODES = {
    "SF1234567890123",
    "ORDER-#1001",
    "CMD:NEXT-PARCEL",
    "00106141412345678908",
}


def _logo() -> bytes:
    im = Image.new("L", (40, 20), 255)
    im.paste(0, (5, 5, 35, 15))
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


PAGE = Page(
    100,
    150,
    (
        Box(2, 2, 96, 146),
        Text(5, 5, 90, "收件人 张三 Zhang San", 12, bold=True, name="name"),
        Text(5, 12, 90, "上海市浦东新区世纪大道100号 Century Avenue 100, Pudong", 10, max_lines=3),
        Text(5, 28, 90, "Plain ASCII text", 10, align=Align.CENTER),
        Barcode(5, 36, 90, 20, Symbology.CODE128, "SF1234567890123"),
        Barcode(5, 62, 40, 40, Symbology.QR, "ORDER-#1001", module=1),
        Barcode(55, 62, 40, 40, Symbology.DATAMATRIX, "CMD:NEXT-PARCEL", module=1),
        Barcode(5, 108, 90, 20, Symbology.GS1_128, "(00)106141412345678908"),
        Line(2, 132, 98, 132, 0.5),
    ),
)


def _decoded(image: bytes) -> set[str]:
    return {t.replace("\x1d", "") for t in texts(image)}


@pytest.mark.parametrize("dpi", [203, 300])
def test_png_scans(dpi: int) -> None:
    assert _decoded(png.render_page(PAGE, dpi)) == CODES


def test_pdf_scans_and_embeds_its_fonts() -> None:
    document = pdf.render(PAGE)
    (page,) = pdf_to_pngs(document)
    assert _decoded(page) == CODES
    listing = pdf_fonts(document)
    assert "DroidSansFallback" in listing and "STSong" not in listing
    for row in listing.splitlines()[2:]:
        assert " yes yes " in row, row  # embedded, subset


@pytest.mark.parametrize("dpi", [203, 300])
def test_zpl_scans_in_an_independent_renderer(dpi: int) -> None:
    image = zpl_to_png(zpl.render(PAGE, dpi), 100, 150, dpi)
    assert _decoded(image) == CODES


def test_chinese_text_has_ink_in_every_renderer() -> None:
    region = (40, 40, 500, 90)  # the name line at 203 dpi
    assert ink_ratio(png.render_page(PAGE, 203), region) > 0.05
    assert ink_ratio(zpl_to_png(zpl.render(PAGE, 203), 100, 150, 203), region) > 0.05
    (page,) = pdf_to_pngs(pdf.render(PAGE), dpi=203)
    assert ink_ratio(page, region) > 0.05


def test_images_are_dithered_into_the_label() -> None:
    drawn = Page(40, 20, (Box(0, 0, 40, 20), LayoutImage(5, 8, 20, 10, _logo())))
    assert ink_ratio(png.render_page(drawn, 203), (50, 72, 150, 135)) > 0.3
    assert b"^GFA" in zpl.render(drawn)
    assert b"BITMAP" in tspl.render(drawn)


def test_pdf_synthetic_bold_does_not_leak_into_later_text() -> None:
    regular = Text(5, 20, 90, "Cotton T-shirt 1234567890 纯棉", 12, name="regular")
    alone = Page(100, 40, (regular,))
    after_bold = Page(100, 40, (Text(5, 5, 90, "装箱单", 14, bold=True), regular))
    region = (int(5 * 200 / 25.4), int(20 * 200 / 25.4), int(95 * 200 / 25.4), int(26 * 200 / 25.4))
    (a,) = pdf_to_pngs(pdf.render(alone), dpi=200)
    (b,) = pdf_to_pngs(pdf.render(after_bold), dpi=200)
    assert ink_ratio(b, region) == pytest.approx(ink_ratio(a, region), rel=0.05)


def test_zpl_darkness_is_set_before_the_label() -> None:
    assert zpl.render(PAGE, darkness=22).startswith(b"~SD22\n^XA")
    with pytest.raises(ValueError, match="0 to 30"):
        zpl.render(PAGE, darkness=31)


@pytest.mark.parametrize(
    "data", ["1Z999AA10123456784", "A>B", "a^b~c_d", "12345", "JD014600006281234567", "#1001"]
)
def test_tricky_code128_data_scans_from_zpl(data: str) -> None:
    page = Page(100, 30, (Barcode(2, 2, 96, 20, Symbology.CODE128, data, module=0.25),))
    assert texts(zpl_to_png(zpl.render(page), 100, 30)) == [data]


def _region(png_bytes: bytes, box: tuple[int, int, int, int]) -> bytes:
    from PIL import Image as PILImage

    return PILImage.open(io.BytesIO(png_bytes)).convert("1").crop(box).tobytes()


def test_chinese_comes_out_as_glyphs_not_empty_boxes() -> None:
    # two names of the same length: as glyphs they differ, as "tofu" boxes (a missing
    # font) they would be identical rectangles, and both would still have ink
    pages = [Page(100, 20, (Text(5, 5, 90, name, 14, name="name"),)) for name in ("张伟", "李雷")]
    box = (40, 40, 130, 90)  # the two characters at 203 dpi
    renders = {
        "png": [png.render_page(p, 203) for p in pages],
        "pdf": [pdf_to_pngs(pdf.render(p), dpi=203)[0] for p in pages],
        "zpl": [zpl_to_png(zpl.render(p), 100, 20, 203) for p in pages],
    }
    for kind, (first, second) in renders.items():
        assert ink_ratio(first, box) > 0.05, kind
        assert _region(first, box) != _region(second, box), kind
