"""Reading files and values: encodings, binary files, quantities, times."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.importing.common import (
    BadFile,
    CsvTable,
    HeaderMap,
    inspect_file,
    parse_quantity,
    parse_time,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("text", ["0", "-1", "abc", "1e9", "", "2.5", "1000000000"])
def test_bad_quantities_are_refused_with_the_value_named(text: str) -> None:
    with pytest.raises(ValueError, match="quantity"):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "value"), [("1", 1), (" 12 ", 12), ("3.0", 3), ("10000", 10000), ("２", 2)]
)
def test_good_quantities(text: str, value: int) -> None:
    assert parse_quantity(text) == value


def test_utc_order_time_stays_utc() -> None:
    """The field-notes incident: a Z time must not be read as China time."""
    got = parse_time("2026-01-15T14:00:00Z", SHANGHAI, "ordered_at")
    assert got == datetime(2026, 1, 15, 14, 0, tzinfo=UTC)


def test_offsets_are_honoured_and_naive_times_are_warehouse_time() -> None:
    assert parse_time("2026-01-15 14:00:00 +0800", SHANGHAI, "t") == datetime(
        2026, 1, 15, 6, 0, tzinfo=UTC
    )
    assert parse_time("2026-01-15T14:00:00+08:00", ZoneInfo("UTC"), "t") == datetime(
        2026, 1, 15, 6, 0, tzinfo=UTC
    )
    assert parse_time("2026-01-15 14:00", SHANGHAI, "t") == datetime(2026, 1, 15, 6, tzinfo=UTC)
    assert parse_time("2026/1/5 08:00", SHANGHAI, "t") == datetime(2026, 1, 5, 0, tzinfo=UTC)
    assert parse_time("", SHANGHAI, "t") is None
    with pytest.raises(ValueError, match="ship_by 'tomorrow' is not a date"):
        parse_time("tomorrow", SHANGHAI, "ship_by")


def test_encodings_are_detected(tmp_path: Path) -> None:
    text = "sku,name\nCUP,保温杯\n"
    plain = tmp_path / "plain.csv"
    plain.write_bytes(text.encode("utf-8"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(text.encode("utf-8-sig"))
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(text.encode("gbk"))
    assert inspect_file(plain).encoding == "utf-8"
    assert inspect_file(bom).encoding == "utf-8-sig"
    assert inspect_file(gbk).encoding == "gb18030"
    with CsvTable(inspect_file(bom)) as table:
        assert table.header == ["sku", "name"]
        assert [r.cells for r in table.rows()] == [["CUP", "保温杯"]]
    with CsvTable(inspect_file(gbk)) as table:
        assert [r.cells for r in table.rows()] == [["CUP", "保温杯"]]


def test_gbk_after_a_long_ascii_start_is_still_found(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_bytes(("sku,name\n" + "A,b\n" * 400_000 + "C,蜂蜜\n").encode("gbk"))
    assert inspect_file(path).encoding == "gb18030"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02\x03binary\x00\xff" * 100, "not a text file"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, "Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel"),
        (b"sku,name\n\xff\xfe\xfa\x80\x81\n", "neither UTF-8 nor GB18030"),
    ],
)
def test_unreadable_files_get_one_clear_sentence(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(content)
    with pytest.raises(BadFile, match=message) as caught:
        inspect_file(path)
    assert "\n" not in str(caught.value)


def test_headers_match_ignoring_case_and_spacing() -> None:
    cols = HeaderMap(
        ["  LINEITEM  sku ", "Canceled at"],
        {"sku": ("Lineitem sku",), "cancelled": ("Cancelled at", "Canceled at")},
    )
    assert cols.get(["A-1 ", "x"], "sku") == "A-1"
    assert cols.get(["A-1", "2026-01-01"], "cancelled") == "2026-01-01"


def test_semicolon_and_tab_separated_files(tmp_path: Path) -> None:
    for sep in (";", "\t"):
        path = tmp_path / "t.csv"
        path.write_text(f"sku{sep}name\nA{sep}b, c\n", encoding="utf-8")
        with CsvTable(inspect_file(path)) as table:
            assert [r.cells for r in table.rows()] == [["A", "b, c"]]
