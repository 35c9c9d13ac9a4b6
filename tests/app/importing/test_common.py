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


HEADER = "order_number,sku,quantity,ship_to_name\n"


def _rows(*names: str) -> list[str]:
    return [f"{n},CUP,1,{name}\n" for n, name in enumerate(names, start=1)]


def test_a_utf8_file_with_one_gbk_row_is_refused_naming_the_row(tmp_path: Path) -> None:
    """Not read as GBK throughout (张伟 stored as 寮犱紵): refused, naming the row."""
    rows = _rows("王芳", "张伟", "李娜", "Ann")
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        HEADER.encode() + rows[0].encode() + rows[1].encode("gbk") + "".join(rows[2:]).encode()
    )
    with pytest.raises(BadFile) as caught:
        inspect_file(path)
    assert str(caught.value) == (
        "mixed.csv mixes text encodings: most of it is UTF-8, but row 3 is not (it reads as "
        "GB18030/GBK); save the whole file in one encoding (e.g. 'CSV UTF-8'), or name the "
        "one to use with --encoding."
    )
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # a BOM says UTF-8 outright
    with pytest.raises(BadFile, match="most of it is UTF-8, but row 3 is not"):
        inspect_file(path)


def test_a_gbk_file_with_one_utf8_row_is_refused_naming_that_row(tmp_path: Path) -> None:
    rows = _rows("王芳", "张伟", "李娜", "赵敏")
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        (HEADER + "".join(rows[:3])).encode("gbk") + rows[3].encode("utf-8")  # row 5
    )
    with pytest.raises(BadFile, match="most of it is GB18030/GBK, but row 5 is not"):
        inspect_file(path)


def test_a_row_of_a_quoted_value_over_two_lines_is_named_by_its_row(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    text = HEADER + '1,CUP,1,"王芳\n上海"\n2,CUP,1,李娜\n'
    path.write_bytes(text.encode() + "3,CUP,1,张伟\n".encode("gbk") + "4,CUP,1,赵敏\n".encode())
    with pytest.raises(BadFile, match="but row 4 is not"):  # the fifth line
        inspect_file(path)


def test_gbk_that_is_also_valid_utf8_is_read_as_utf8_and_the_summary_says_so(
    tmp_path: Path,
) -> None:
    """卢梅 in GBK happens to be valid UTF-8 (as ¬÷): there is no telling for sure;
    UTF-8 wins, and the note says how to read it as GBK."""
    path = tmp_path / "names.csv"
    path.write_bytes((HEADER + "".join(_rows("卢梅", "鲁茂"))).encode("gbk"))
    facts = inspect_file(path)
    assert facts.encoding == "utf-8" and facts.encoding_shown == "UTF-8"
    assert facts.encoding_note == (
        "names.csv reads as UTF-8 and also as GB18030/GBK Chinese text; it was read as "
        "UTF-8. If names look wrong, import it again with --encoding gb18030"
    )
    forced = inspect_file(path, encoding="gbk")
    assert (forced.encoding, forced.encoding_shown) == ("gb18030", "GB18030/GBK as --encoding said")
    with CsvTable(forced) as table:
        assert [r.cells[3] for r in table.rows()] == ["卢梅", "鲁茂"]
    # real UTF-8 Chinese does not read as GB2312 text: no doubt to tell about
    path.write_text(HEADER + "".join(_rows("卢梅", "鲁茂")), encoding="utf-8")
    assert inspect_file(path).encoding_note is None


def test_a_gbk_file_that_has_a_row_valid_as_utf8_too_is_gbk(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_bytes((HEADER + "".join(_rows("王芳", "卢梅", "张伟"))).encode("gbk"))
    assert inspect_file(path).encoding == "gb18030"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("rot13", "--encoding 'rot13' is not a text encoding Packdesk knows"),
        ("klingon", "--encoding 'klingon' is not a text encoding Packdesk knows"),
        ("utf-8", "gbk.csv is not UTF-8 text (row 2 is not), as --encoding utf-8 said it is."),
    ],
)
def test_a_forced_encoding_is_checked(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "".join(_rows("张伟"))).encode("gbk"))
    with pytest.raises(BadFile) as caught:
        inspect_file(path, encoding=name)
    assert str(caught.value).startswith(message)


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
