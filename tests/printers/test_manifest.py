"""The carrier's handover manifest, printed and read back: its text as pdftotext
extracts it from the PDF, its barcodes as a scanner decodes them from the pages."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pytest

from printers import pdf, png
from printers.documents import LABEL_100X150, LETTER, ManifestData, manifest
from printers.errors import DocumentDataError, LayoutError
from tests.printers import samples
from tests.printers.scanning import pdf_to_pngs, scan

NUMBER = samples.MANIFEST_NUMBER
CARRIER = samples.MANIFEST_CARRIER
MISSING = samples.MANIFEST_MISSING
parcels = samples.manifest_parcels
data = samples.manifest_data


def pdf_pages_text(document: bytes) -> list[str]:
    """Each page's text as poppler's pdftotext reads it."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "manifest.pdf"
        source.write_bytes(document)
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(source), "-"],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    return text.split("\f")[:-1]  # a form feed ends every page


def handed_over_on(page_text: str, data: ManifestData) -> set[str]:
    return {p.tracking_number for p in data.parcels if p.tracking_number in page_text}


def test_the_pdf_shows_every_parcel_the_totals_and_the_missing_section() -> None:
    d = data()
    pages = pdf_pages_text(pdf.render(manifest(d)))
    text = "\n".join(pages)
    assert len(pages) == 3
    for expected in (
        NUMBER,
        CARRIER,
        "Closed 2026-12-06 18:30 by Li Na",
        "嘉定区安亭镇墨玉南路888号",
        "上海市浦东新区 200120",
        "广东省广州市天河区 510000",
        # 36 parcels, five without a weight; the rest weigh 500 + 37 n grams
        "合计 Total: 36 parcels · 35.665 kg (5 without weight)",
        "未交接 Missing (packed, not handed over): 2 parcels",
        "司机 Driver",
        "发货员 Dispatcher",
        "The driver received the 36 parcels listed above.",
    ):
        assert expected in text
    for p in d.parcels + MISSING:
        assert text.count(p.tracking_number) == 1
    assert text.count("NOT HANDED OVER") == len(MISSING)
    # the missing parcels come after the totals, never among the parcels handed over
    assert text.index("合计 Total") < text.index("SF9999999999991")


@pytest.mark.parametrize("dpi", [203, 300])
def test_each_page_scans_to_its_own_parcels_and_the_first_to_the_manifest(dpi: int) -> None:
    d = data()
    doc = manifest(d)
    pages = pdf_pages_text(pdf.render(doc))
    seen: list[str] = []
    for n, (image, page_text) in enumerate(zip(png.render(doc, dpi), pages, strict=True)):
        decoded = [s.text for s in scan(image) if s.format == "Code128"]
        expected = handed_over_on(page_text, d) | ({NUMBER} if n == 0 else set())
        assert sorted(decoded) == sorted(expected)
        seen += decoded
    # every parcel on the truck once; the missing parcels have no barcode to scan
    assert sorted(seen) == sorted([NUMBER, *(p.tracking_number for p in d.parcels)])


def test_the_pdf_itself_scans_at_printer_resolution() -> None:
    d = data()
    document = pdf.render(manifest(d))
    texts = pdf_pages_text(document)
    for n, (image, page_text) in enumerate(zip(pdf_to_pngs(document, 203), texts, strict=True)):
        expected = handed_over_on(page_text, d) | ({NUMBER} if n == 0 else set())
        assert sorted(s.text for s in scan(image)) == sorted(expected)


def test_a_hundred_parcels_flow_onto_numbered_pages() -> None:
    d = data(100, missing=())
    doc = manifest(d)
    # 16 rows under the first page's header, 18 on each later page: 16 + 4 x 18 = 88,
    # so the last 12 rows, the totals and the signatures share page 6
    assert len(doc.pages) == 6
    pages = pdf_pages_text(pdf.render(doc))
    assert len(pages) == 6
    rows = [len(handed_over_on(text, d)) for text in pages]
    assert rows == [16, 18, 18, 18, 18, 12]
    for n, text in enumerate(pages, start=1):
        assert f"Page {n} of 6" in text
        assert NUMBER in text and "SF Express" in text  # the header on every page
    order = [p.tracking_number for p in d.parcels]
    joined = "\n".join(pages)
    assert [joined.index(t) for t in order] == sorted(joined.index(t) for t in order)
    assert "合计 Total: 100 parcels" in pages[-1] and "司机 Driver" in pages[-1]


def test_letter_paper_too() -> None:
    d = data(40)
    doc = manifest(d, LETTER)
    for image in png.render(doc, 203):
        assert scan(image)  # every page holds parcels, and each scans
    assert "Page 1 of" in pdf_pages_text(pdf.render(doc))[0]


def test_an_empty_manifest_says_no_parcels() -> None:
    doc = manifest(data(0, missing=()))
    (page,) = pdf_pages_text(pdf.render(doc))
    assert "No parcels" in page
    assert "合计 Total: 0 parcels · 0.000 kg" in page
    assert "Page 1 of 1" in page and "司机 Driver" in page
    assert [s.text for s in scan(png.render(doc, 203)[0])] == [NUMBER]


def test_missing_parcels_alone_still_render() -> None:
    (page,) = pdf_pages_text(pdf.render(manifest(data(0))))
    assert "No parcels" in page and "2 parcels" in page and "YT4455667788" in page


def _with_parcel(**changes: object) -> ManifestData:
    return data(3, parcels=(*parcels(2), replace(parcels(1, 50)[0], **changes)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (data(manifest_number=""), "manifest number"),
        (data(manifest_number="  "), "manifest number"),
        (data(manifest_number="M-顺丰-1"), "Code 128 cannot hold"),
        (data(carrier=" "), "no carrier"),
        (_with_parcel(tracking_number=""), "parcel 3 has no tracking number"),
        (_with_parcel(tracking_number="SF顺丰123"), "parcel 3.*Code 128 cannot hold"),
        (_with_parcel(tracking_number="SF123\n"), "Code 128 cannot hold"),
        (_with_parcel(tracking_number="1Z-A" * 12), "too long for a barcode"),
        (_with_parcel(tracking_number=parcels(1)[0].tracking_number), "listed twice"),
        (_with_parcel(weight_g=-5), "negative weight"),
        (data(missing=(replace(MISSING[0], tracking_number=parcels(1)[0].tracking_number),)),
         "listed twice"),
    ],
)  # fmt: skip
def test_bad_data_is_refused_in_words(bad: ManifestData, message: str) -> None:
    with pytest.raises(DocumentDataError, match=message):
        manifest(bad)


def test_a_missing_parcel_without_a_tracking_number_is_still_listed() -> None:
    d = data(2, missing=(replace(MISSING[0], tracking_number=""),))
    (page,) = pdf_pages_text(pdf.render(manifest(d)))
    assert "#20001" in page and "NOT HANDED OVER" in page


def test_a_label_is_too_narrow_for_a_manifest() -> None:
    with pytest.raises(LayoutError, match="A4 or Letter"):
        manifest(data(), LABEL_100X150)


def test_a_5000_parcel_manifest_renders_to_pdf(capsys: pytest.CaptureFixture[str]) -> None:
    """Timed and reported, never asserted: the target (a 5,000-parcel manifest closed,
    PDF and CSV, in 5 s on a slow two-core machine) is watched by the benchmarks."""
    d = data(5000)
    pdf.render(manifest(data(20)))  # fonts loaded once, as in a running program
    started = time.perf_counter()
    document = pdf.render(manifest(d))
    seconds = time.perf_counter() - started
    pages = pdf_pages_text(document)
    # 16 + 277 x 18 rows reach 5,000 on page 278, which has room for the totals
    # but not for the missing parcels: they and the signatures make page 279
    assert len(pages) == 279
    assert [len(handed_over_on(text, d)) for text in pages] == [16] + [18] * 276 + [16, 0]
    assert "合计 Total: 5000 parcels" in pages[-2]
    assert "Page 279 of 279" in pages[-1] and "Missing (packed, not handed over)" in pages[-1]
    with capsys.disabled():
        print(
            f"\n5,000-parcel manifest to PDF: {len(pages)} pages, "
            f"{len(document) // 1024} kB in {seconds:.2f} s"
        )
