from __future__ import annotations

import string

import biip
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from printers.errors import BarcodeDataError
from printers.layout import Barcode, Page
from printers.png import render_page
from printers.symbols import Symbology, encode
from tests.printers.scanning import scan


def _scan_one(symbology: Symbology, data: str, module: float = 0.375) -> str:
    page = Page(120, 40, (Barcode(5, 5, 110, 30, symbology, data, module=module),))
    found = scan(render_page(page, 300))
    assert len(found) == 1, found
    return found[0].text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=string.printable[:95], min_size=1, max_size=24))
def test_any_printable_ascii_code128_scans_back(data: str) -> None:
    assert _scan_one(Symbology.CODE128, data, module=0.25) == data


@pytest.mark.parametrize(
    "data", ["SF1234567890123", "1Z999AA10123456784", "123456", "12345", "#1001", "A1234567B"]
)
def test_tracking_numbers_scan_back(data: str) -> None:
    assert _scan_one(Symbology.CODE128, data) == data


def test_digit_runs_use_subset_c() -> None:
    sym = encode(Symbology.CODE128, "123456")
    assert sym.values == (105, 12, 34, 56)  # type: ignore[union-attr]


@pytest.mark.parametrize("data", ["SF12345Ä", "顺丰123", "tab\there", "", "emoji😀"])
def test_code128_refuses_what_it_cannot_hold(data: str) -> None:
    with pytest.raises(BarcodeDataError, match=r"Code 128|empty"):
        encode(Symbology.CODE128, data)


@pytest.mark.parametrize(
    "data",
    [
        "(00)106141412345678908",
        "(01)09501101530003(10)AB12(21)X1",
        "(420)10001(00)106141412345678908",
    ],
)
def test_gs1_128_parses_with_biip(data: str) -> None:
    page = Page(120, 40, (Barcode(5, 5, 110, 30, Symbology.GS1_128, data, module=0.25),))
    (found,) = scan(render_page(page, 300))
    assert found.symbology == "]C1"
    parsed = biip.parse(found.with_identifier)
    assert parsed.gs1_message is not None
    assert parsed.gs1_message.as_hri() == data
    if "(00)" in data:
        assert parsed.sscc is not None, parsed.sscc_error


@pytest.mark.parametrize(
    ("symbology", "data", "expected"),
    [
        (Symbology.QR, "ORDER #1001 / 订单", "ORDER #1001 / 订单"),
        (Symbology.DATAMATRIX, "CMD:NEXT-PARCEL", "CMD:NEXT-PARCEL"),
        (Symbology.EAN13, "590123412345", "5901234123457"),
        (Symbology.UPCA, "03600029145", "036000291452"),
    ],
)
def test_other_symbologies_scan_back(symbology: Symbology, data: str, expected: str) -> None:
    assert _scan_one(symbology, data, module=0.5).lstrip("0") == expected.lstrip("0")


def test_ean_with_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(BarcodeDataError, match="check digit"):
        encode(Symbology.EAN13, "5901234123458")
