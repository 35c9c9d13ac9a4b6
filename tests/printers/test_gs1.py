from __future__ import annotations

import biip
import pytest

from printers import gs1
from printers.errors import BarcodeDataError


def test_check_digit_matches_the_gs1_example() -> None:
    # GS1 General Specifications example SSCC
    assert gs1.check_digit("10614141234567890") == 8
    assert gs1.is_valid_sscc("106141412345678908")
    assert not gs1.is_valid_sscc("106141412345678907")


@pytest.mark.parametrize("serial", [0, 1, 42, 123456789, 999999999])
def test_make_sscc_agrees_with_biip(serial: int) -> None:
    sscc = gs1.make_sscc("0614141", serial, extension=1)
    parsed = biip.parse("00" + sscc).gs1_message
    assert parsed is not None
    element = parsed.element_strings[0]
    assert element.sscc is not None, element.sscc_error
    assert element.sscc.value == sscc
    assert element.sscc.company_prefix is not None
    assert element.sscc.company_prefix.value == "0614141"


def test_a_wrong_check_digit_is_refused_with_the_right_one_named() -> None:
    with pytest.raises(BarcodeDataError, match="need 8"):
        gs1.validate_sscc("106141412345678907")
    with pytest.raises(BarcodeDataError, match="18 digits"):
        gs1.validate_sscc("10614141234567890")


def test_a_used_up_prefix_range_is_an_error() -> None:
    with pytest.raises(BarcodeDataError, match="used up"):
        gs1.make_sscc("0614141", 10**9)
    with pytest.raises(BarcodeDataError, match="company prefix"):
        gs1.make_sscc("12AB", 1)


def test_element_strings_are_checked() -> None:
    assert gs1.parse_bracketed("(00)106141412345678908(400)PO-7") == (
        gs1.Element("00", "106141412345678908"),
        gs1.Element("400", "PO-7"),
    )
    with pytest.raises(BarcodeDataError, match="check digit"):
        gs1.parse_bracketed("(00)106141412345678907")
    with pytest.raises(BarcodeDataError, match="bracketed"):
        gs1.parse_bracketed("00106141412345678908")
    with pytest.raises(BarcodeDataError, match="needs 14 digits"):
        gs1.parse_bracketed("(01)123")
