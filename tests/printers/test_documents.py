"""Every document, rendered every way, read back by a scanner."""

from __future__ import annotations

import biip
import pytest

from app.packing.command_codes import Command
from printers import pdf, png, tspl, zpl
from printers.documents import (
    A4,
    LABEL_76X130,
    LABEL_100X150,
    LABEL_100X180,
    LETTER,
    Address,
    CommandSheetData,
    PageSize,
    command_sheet,
    packing_slip,
    pick_list,
    waybill,
)
from printers.documents.picklist import bin_sort_key
from printers.errors import BarcodeDataError, DocumentDataError, LayoutError
from printers.layout import Document, SetText, fit
from tests.printers import samples
from tests.printers.scanning import (
    Scanned,
    ink_ratio,
    pdf_fonts,
    pdf_to_pngs,
    scan,
    zpl_to_png,
)

WAYBILL_SIZES = [LABEL_100X150, LABEL_100X180, LABEL_76X130]


def _printed_text(doc: Document, dpi: int = 203) -> list[str]:
    lines: list[str] = []
    for page in doc.pages:
        for el in fit(page, dpi).elements:
            if isinstance(el, SetText):
                lines.extend(el.lines)
    return lines


def _check_waybill_scan(found: list[Scanned]) -> None:
    by_format: dict[str, list[Scanned]] = {}
    for s in found:
        by_format.setdefault(s.format, []).append(s)
    assert {s.text for s in by_format["QRCode"]} == {"packdesk:order:#1001"}
    codes = {s.symbology: s for s in by_format["Code128"]}
    assert codes["]C0"].text == "SF1234567890123"
    parsed = biip.parse(codes["]C1"].with_identifier)
    assert parsed.sscc is not None and parsed.sscc.value == "106141412345678908"


@pytest.mark.parametrize("size", WAYBILL_SIZES, ids=lambda s: s.name)
def test_waybill_png_scans(size: PageSize) -> None:
    doc = waybill(samples.waybill_data(), size)
    _check_waybill_scan(scan(png.render(doc, 203)[0]))


@pytest.mark.parametrize("dpi", [203, 300])
@pytest.mark.parametrize("size", WAYBILL_SIZES, ids=lambda s: s.name)
def test_waybill_zpl_scans_in_the_independent_renderer(size: PageSize, dpi: int) -> None:
    doc = waybill(samples.waybill_data(), size)
    image = zpl_to_png(zpl.render(doc, dpi), size.width, size.height, dpi)
    _check_waybill_scan(scan(image))
    # the recipient's Chinese name is ink, not empty boxes or nothing
    assert ink_ratio(image, _recipient_box(size, dpi)) > 0.03


def _recipient_box(size: PageSize, dpi: int) -> tuple[int, int, int, int]:
    # the recipient block starts 26 % of the way down (header 9 %, tracking 17 %)
    top = (2.5 + 0.26 * (size.height - 5)) * dpi / 25.4
    return (int(4 * dpi / 25.4), int(top), int(40 * dpi / 25.4), int(top + 10 * dpi / 25.4))


def test_waybill_pdf_scans_and_embeds_fonts() -> None:
    document = pdf.render(waybill(samples.waybill_data()))
    (page,) = pdf_to_pngs(document, dpi=300)
    _check_waybill_scan(scan(page))
    assert ink_ratio(page, _recipient_box(LABEL_100X150, 300)) > 0.03
    fonts_listed = pdf_fonts(document)
    assert "DroidSansFallback" in fonts_listed and "STSong" not in fonts_listed


def test_waybill_tspl_uses_the_builtin_font_with_gb18030() -> None:
    program = tspl.render(waybill(samples.waybill_data()))
    assert b'"TSS24.BF2"' in program
    assert "张伟".encode("gb18030") in program
    assert b'"128M"' in program and b"QRCODE" in program


def test_waybill_without_cod_weight_or_sscc() -> None:
    doc = waybill(samples.waybill_data(cod_amount=None, sscc=None, weight_g=None))
    text = " ".join(_printed_text(doc))
    assert "COD" not in text and "Weight" not in text and "SSCC" not in text
    found = scan(png.render(doc)[0])
    assert {s.format for s in found} == {"Code128", "QRCode"}


def test_parcel_n_of_m_and_cod_are_printed() -> None:
    text = " ".join(_printed_text(waybill(samples.waybill_data(parcel_seq=2, parcel_count=3))))
    assert "2 / 3" in text and "¥199.00" in text


@pytest.mark.parametrize("size", WAYBILL_SIZES, ids=lambda s: s.name)
def test_a_400_character_address_shrinks_and_keeps_every_character(size: PageSize) -> None:
    street = ("上海市浦东新区世纪大道100号环球金融中心 Tower B Room 7501 " * 10)[:400]
    recipient = Address(name="张伟", lines=(street,), city="上海市", country="CN")
    doc = waybill(samples.waybill_data(recipient=recipient), size)
    try:
        printed = "".join(_printed_text(doc)).replace(" ", "")
    except LayoutError as exc:  # allowed: a clear refusal, never a silent cut
        assert "address does not fit" in str(exc)
        return
    assert street.replace(" ", "") in printed


def test_an_address_too_long_for_any_type_size_is_refused_by_name() -> None:
    recipient = Address(name="张伟", lines=("很长的地址" * 300,), city="上海市")
    with pytest.raises(LayoutError, match="收件 TO address does not fit"):
        png.render(waybill(samples.waybill_data(recipient=recipient)))


@pytest.mark.parametrize("recipient", [Address(name=""), Address(name="张伟"), Address(name=" ")])
def test_an_empty_recipient_is_refused(recipient: Address) -> None:
    with pytest.raises(DocumentDataError, match="recipient"):
        waybill(samples.waybill_data(recipient=recipient))


def test_emoji_and_rare_cjk_are_reported_not_dropped() -> None:
    recipient = Address(name="𠮷田 😀", lines=("世纪大道100号 🏠",), city="上海市")
    fitted = fit(waybill(samples.waybill_data(recipient=recipient)).pages[0], 203)
    joined = " ".join(fitted.warnings)
    assert "😀" in joined and "𠮷" in joined and "🏠" in joined


@pytest.mark.parametrize("tracking", ["SF顺丰123", "SF123\n", "SF€1"])
def test_a_tracking_number_code128_cannot_hold_is_a_clear_error(tracking: str) -> None:
    with pytest.raises(BarcodeDataError, match="Code 128 cannot hold"):
        png.render(waybill(samples.waybill_data(tracking_number=tracking)))


def test_a_wrong_sscc_check_digit_is_refused() -> None:
    with pytest.raises(BarcodeDataError, match="check digit"):
        waybill(samples.waybill_data(sscc="106141412345678907"))


def test_a_label_smaller_than_the_content_is_a_clear_error() -> None:
    with pytest.raises(LayoutError, match="larger label"):
        png.render(waybill(samples.waybill_data(), PageSize("50x30", 50, 30)))


# --- packing slip ---------------------------------------------------------------------


@pytest.mark.parametrize("size", [A4, LETTER, LABEL_100X150], ids=lambda s: s.name)
def test_slip_barcode_is_exactly_the_order_number(size: PageSize) -> None:
    doc = packing_slip(samples.slip_data(), size)
    for page in png.render(doc, 203):
        assert [s.text for s in scan(page)] == ["SO-2026/11-0042"]


def test_slip_pdf_scans_on_every_page_and_embeds_fonts() -> None:
    document = pdf.render(packing_slip(samples.slip_data(lines=60)))
    pages = pdf_to_pngs(document, dpi=200)
    assert len(pages) >= 2
    for page in pages:
        assert [s.text for s in scan(page)] == ["SO-2026/11-0042"]
    assert "DroidSansFallback" in pdf_fonts(document)


def test_slip_shows_packed_short_and_the_gift_note() -> None:
    text = _printed_text(packing_slip(samples.slip_data()))
    assert "8 lines · 15 packed · 1 SHORT" in text
    assert any("生日快乐" in line for line in text)
    assert "Jane Doe Acme Ltd  +44 20 7946 0000" in text


def test_many_lines_flow_onto_numbered_pages() -> None:
    doc = packing_slip(samples.slip_data(lines=60))
    n = len(doc.pages)
    assert n >= 2
    text = _printed_text(doc)
    assert all(f"Order SO-2026/11-0042  {i}/{n}" in text for i in range(1, n + 1))
    assert sum(1 for line in text if line.startswith("SKU-")) == 60


# --- pick list and command sheet ------------------------------------------------------


def test_bins_sort_naturally_and_empty_bins_last() -> None:
    assert sorted(["A-10-1", "", "A-2-10", "A-2-9", "B-1-2"], key=bin_sort_key) == [
        "A-2-9",
        "A-2-10",
        "A-10-1",
        "B-1-2",
        "",
    ]


def test_pick_list_is_in_bin_order_with_every_order_barcode() -> None:
    data = samples.pick_data()
    doc = pick_list(data)
    text = _printed_text(doc)
    bins = [line for line in text if line.startswith(("A-", "B-")) or line == "—"]
    expected = sorted((i.bin_location for i in data.items), key=bin_sort_key)
    assert bins == [b or "—" for b in expected]
    scanned = sorted(s.text for page in png.render(doc, 203) for s in scan(page))
    assert scanned == ["#100", "#101", "#102"]


def test_command_sheet_holds_every_station_command() -> None:
    codes = tuple((c.value.title(), c.barcode) for c in Command)
    doc = command_sheet(CommandSheetData(codes, station="Counter 1"))
    scanned = sorted(s.text for page in png.render(doc, 203) for s in scan(page))
    assert scanned == sorted(c.barcode for c in Command)
    (page,) = pdf_to_pngs(pdf.render(doc), dpi=200)
    assert sorted(s.text for s in scan(page)) == sorted(c.barcode for c in Command)
