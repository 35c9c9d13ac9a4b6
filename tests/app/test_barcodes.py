from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.barcodes import GS, InvalidInput, check_digit, normalise, to_gtin14
from tests.fresh_python import fresh_python


@pytest.mark.parametrize("code", ["012345678905", "0012345678905", "00012345678905"])
def test_gtin_forms_of_one_item_are_equal(code: str) -> None:
    assert to_gtin14(code) == "00012345678905"


@pytest.mark.parametrize(
    "code", ["012345678906", "1234", "ABC", "", "0000096385074x", "123456789012345"]
)
def test_not_a_gtin(code: str) -> None:
    assert to_gtin14(code) is None


def test_gtin8_keeps_its_identity() -> None:
    assert to_gtin14("96385074") == "00000096385074"


@given(st.from_regex(r"\A[1-9][0-9]{11}\Z"))
def test_check_digit_makes_a_valid_gtin13(payload: str) -> None:
    code = payload + str(check_digit(payload))
    assert to_gtin14(code) == "0" + code


def test_terminators_and_aim_identifier_are_removed() -> None:
    scan = normalise("]E00012345678905\r\n")
    assert (scan.text, scan.symbology, scan.gs1) == ("0012345678905", "]E0", None)


def test_gs1_128_with_separators() -> None:
    scan = normalise(f"]C10109501101020917{GS}2103{GS}10ABC\r")
    assert scan.gs1 is not None
    assert (scan.gs1.gtin14, scan.gs1.serial, scan.gs1.lot) == ("09501101020917", "03", "ABC")


def test_gs1_with_a_stand_in_for_the_lost_separator() -> None:
    scan = normalise("01095011010209172103~10ABC", gs_stand_in="~")
    assert scan.gs1 is not None and (scan.gs1.serial, scan.gs1.lot) == ("03", "ABC")


def test_gs1_expiry_and_lot_without_separator_when_fixed_length_first() -> None:
    scan = normalise("0109501101020917172612311012345")
    assert scan.gs1 is not None
    assert (scan.gs1.expiry, scan.gs1.lot) == (date(2026, 12, 31), "12345")


@pytest.mark.parametrize(
    ("raw", "date_in_lot"),
    [
        ("10LOT717240101", date(2024, 1, 1)),  # the separator before (17) lost
        ("10LOT717260200", date(2026, 2, 28)),  # day 00: the month's last day
        (f"10LOT7{GS}17240101", None),  # the separator is there: the expiry is read
        ("1726123110LOT717240101", None),  # the code has its expiry
        ("10LOT717241399", None),  # no such day
        ("1017240101", None),  # nothing of the lot's own before it
        ("21SN917240101", None),  # a serial is never read this way
        ("10LOT71724010121SN9", date(2024, 1, 1)),  # the serial ran on after it
        ("10A172612312117240101", date(2024, 1, 1)),  # a later date never hides a past one
    ],
)
def test_a_date_a_run_together_lot_may_have_swallowed_is_noted(
    raw: str, date_in_lot: date | None
) -> None:
    """A code with no separator whose lot ends in 17YYMMDD may hide an expiry the lot
    swallowed: the date is noted beside the lot, which stays as read."""
    scan = normalise("0109501101020917" + raw)
    assert scan.gs1 is not None
    assert scan.gs1.date_in_lot == date_in_lot
    if date_in_lot is not None:
        assert scan.gs1.lot == raw[2:]


@pytest.mark.parametrize(
    ("raw", "stand_in"), [(f"]C1{GS}010950110102091710LOT717240101", None), ("", "~")]
)
def test_a_scanner_whose_separators_arrive_has_no_date_noted(
    raw: str, stand_in: str | None
) -> None:
    """A GS that arrives (even one stripped off the start), or a stand-in configured:
    the separators are not being lost, so a lot ending in digits is just a lot."""
    scan = normalise(raw or "010950110102091710LOT717240101", gs_stand_in=stand_in)
    assert scan.gs1 is not None and scan.gs1.lot == "LOT717240101"
    assert scan.gs1.date_in_lot is None


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "\r\n",
        "abc\x00",
        "\x1b[A",
        "x" * 257,
        " ",
        "0123456789\x9b05",  # a C1 control
        "\ufeff012345678905",  # a byte-order mark before the code
        "0123\u200b45678905",  # a zero-width space inside it
        "\udcff\udcfe012345678905",  # bytes that were not UTF-8, decoded with surrogateescape
        "\ufffd012345678905",  # the same, decoded with errors="replace"
    ],
)
def test_invalid_input(raw: str) -> None:
    with pytest.raises(InvalidInput):
        normalise(raw)


@given(st.text(max_size=300))
def test_normalise_never_raises_anything_else(raw: str) -> None:
    try:
        scan = normalise(raw)
    except InvalidInput:
        return
    assert scan.text and len(scan.text) <= 256
    assert not any(ord(c) < 32 and c != GS for c in scan.text)


def test_gs1_tables_load_when_needed_not_with_the_engine() -> None:
    """The window's start-up does not wait for biip's tables (about 0.1 s): importing
    the engine leaves them out; ``preload`` or the first code that needs them loads
    them."""
    code = (
        "import sys\n"
        "import app.packing.engine\n"
        "from app import barcodes\n"
        "print('biip' in sys.modules)\n"
        "barcodes.preload()\n"
        "print('biip.gs1_messages' in sys.modules)\n"
    )
    assert fresh_python(code).split() == ["False", "True"]
