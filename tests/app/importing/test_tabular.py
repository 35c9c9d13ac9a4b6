"""Generic CSV and XLSX orders with column mappings and saved profiles."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine

from app import orders
from app.importing import profiles
from app.importing.common import BadFile, ImportRejected
from app.importing.intake import import_orders
from tests.app.importing.files import SAMPLES, write_csv

HEADER = ["order_number", "sku", "quantity", "ship_to_name", "ordered_at", "ship_by", "status"]


def _details(engine: Engine) -> dict[str, orders.OrderDetail]:
    return {d.row.number: d for d in orders.order_details(engine)}


def test_generic_sample_keeps_zeros_and_utc(engine: Engine, tmp_path: Path) -> None:
    path = shutil.copy(SAMPLES / "orders-generic.csv", tmp_path / "orders.csv")
    summary = import_orders(engine, path)
    assert summary.format == "csv" and (summary.in_file, summary.created) == (2, 2)
    got = _details(engine)
    first = got["000123"]  # the leading zeros are kept: numbers are text
    assert first.row.channel == "web"
    assert [(ln.sku, ln.ordered) for ln in first.lines] == [("CUP-500", 2), ("MUG-CER", 1)]
    assert first.row.ordered_at == datetime(2026, 1, 15, 14, tzinfo=UTC)  # Z stays UTC
    assert first.row.ship_by == datetime(2026, 1, 16, 9, tzinfo=UTC)  # 17:00 in Shanghai
    second = got["000124"]
    assert second.row.status.value == "new" and second.row.priority == 1
    assert second.ship_to.name == "李娜" and second.row.carrier == "SF Express"


def test_mapping_file_saved_as_profile_and_reused(engine: Engine, tmp_path: Path) -> None:
    path = shutil.copy(SAMPLES / "orders-taobao.csv", tmp_path / "taobao.csv")
    mapping = json.loads((SAMPLES / "orders-taobao.mapping.json").read_text(encoding="utf-8"))
    profiles.save_profile(engine, "taobao", "orders", mapping)
    summary = import_orders(engine, path, profile="taobao", channel="taobao")
    assert summary.encoding == "UTF-8 with BOM" and summary.created == 2
    got = _details(engine)
    order = got["2026011500001"]
    assert [(ln.sku, ln.ordered) for ln in order.lines] == [("CUP-500", 1), ("SOCKS-3P", 2)]
    assert (order.ship_to.name, order.ship_to.city, order.ship_to.region) == (
        "张伟",
        "杭州市",
        "浙江省",
    )
    assert order.row.status.value == "ready" and got["2026011500002"].row.status.value == "new"
    assert import_orders(engine, path, profile="taobao", channel="taobao").unchanged == 2
    assert [p.name for p in profiles.list_profiles(engine)] == ["taobao"]


def test_profile_errors(engine: Engine) -> None:
    with pytest.raises(Exception, match="Unknown orders field"):
        profiles.save_profile(engine, "x", "orders", {"order_no": "A"})
    with pytest.raises(Exception, match="no mapping profile named 'nope'"):
        profiles.load_profile(engine, "nope", "orders")


def test_mapping_to_a_missing_column(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", HEADER, [["1", "A", "1", "", "", "", ""]])
    with pytest.raises(BadFile, match="no column '单号'"):
        import_orders(engine, path, mapping={"order_number": "单号"})


def test_required_columns_and_header_only(engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", ["order_number", "sku"], [["1", "A"]])
    with pytest.raises(BadFile, match="missing the required column 'quantity'"):
        import_orders(engine, path)
    path = write_csv(tmp_path / "h.csv", HEADER, [])
    with pytest.raises(BadFile, match="has a header but no orders"):
        import_orders(engine, path)


def test_bad_rows_all_named(engine: Engine, tmp_path: Path) -> None:
    rows = [
        ["1", "A", "0", "", "", "", ""],
        ["2", "A", "1", "", "", "", "shipped"],
        ["3", "A", "2", "", "yesterday", "", ""],
        ["4", "A", "1", "Ann", "", "", ""],
        ["4", "B", "1", "Bob", "", "", ""],  # one order, two names: which is right?
        ["", "A", "1", "", "", "", ""],
        ["5", "A", "1", "", "", "", ""],
    ]
    path = write_csv(tmp_path / "o.csv", HEADER, rows)
    with pytest.raises(ImportRejected) as caught:
        import_orders(engine, path)
    reasons = {e.row: e.reason for e in caught.value.errors}
    assert sorted(reasons) == [2, 3, 4, 6, 7]
    assert "status 'shipped'" in reasons[3] and "'yesterday'" in reasons[4]
    assert "ship_to_name is 'Bob' here but 'Ann' on row 5" in reasons[6]
    assert orders.count_orders(engine) == 0


def test_xlsx_orders(engine: Engine, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Order Number", "SKU", "Qty", "Recipient", "Order Date"])
    sheet.append(["000777", "CUP-500", 2, "王芳", datetime(2026, 1, 15, 14, 0)])
    sheet.append(["000777", "MUG-CER", 1.0, None, None])
    sheet.append([778, "MUG-CER", 3, "Ann", "2026-01-15T14:00:00Z"])
    path = tmp_path / "orders.xlsx"
    book.save(path)
    summary = import_orders(engine, path)
    assert summary.format == "xlsx" and summary.created == 2
    got = _details(engine)
    assert [(ln.sku, ln.ordered) for ln in got["000777"].lines] == [("CUP-500", 2), ("MUG-CER", 1)]
    assert got["000777"].row.ordered_at == datetime(2026, 1, 15, 6, tzinfo=UTC)  # local time
    assert got["778"].row.ordered_at == datetime(2026, 1, 15, 14, tzinfo=UTC)


def test_xlsx_bad_quantity_and_broken_workbook(engine: Engine, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["order_number", "sku", "quantity"])
    sheet.append(["1", "A", 1e9])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(ImportRejected) as caught:
        import_orders(engine, path)
    assert caught.value.errors[0].row == 2
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(BadFile, match="not a readable Excel"):
        import_orders(engine, broken)


def test_generic_file_cut_off_mid_row(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    path.write_text(
        "order_number,sku,quantity,ship_to_name,ship_to_city\n1,A,1,Ann,Leeds\n2,B,1,Bo",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as caught:
        import_orders(engine, path)
    assert [e.row for e in caught.value.errors] == [3]
    assert "cut off" in caught.value.errors[0].reason
    # with a line end too: the last row is where a cut shows, it must be complete
    path.write_text(
        "order_number,sku,quantity,ship_to_name,ship_to_city\n1,A,1,Ann,Leeds\n2,B,1\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRejected) as caught:
        import_orders(engine, path)
    assert [str(e) for e in caught.value.errors] == [
        "row 3: the last row has 3 of the header's 5 columns: the file looks cut off; "
        "export it again (or complete the row)"
    ]
    # earlier rows may leave empty cells out; a header's trailing separator is no column
    path.write_text(
        "order_number,sku,quantity,ship_to_name,ship_to_city,\n1,A,1\n2,B,1,Bo,York\n",
        encoding="utf-8",
    )
    assert import_orders(engine, path).created == 2


def test_a_file_without_a_last_line_end_imports_with_a_warning(
    engine: Engine, tmp_path: Path
) -> None:
    """A quantity 12 cut to 1 cannot be told from a 1: the summary names the row and
    the value to check."""
    path = tmp_path / "o.csv"
    path.write_text("order_number,sku,quantity\n1,A,3\n2,B,1", encoding="utf-8")
    summary = import_orders(engine, path)
    assert summary.created == 2
    assert summary.notes[0] == (
        "o.csv does not end with a line end: check that its last row (row 3, ending with "
        "quantity '1') is complete, as it may have been cut off"
    )
    path.write_text("order_number,sku,quantity\n1,A,3\n2,B,1\n", encoding="utf-8")
    assert not any("line end" in n for n in import_orders(engine, path).notes)


def test_shopify_export_saved_as_xlsx(engine: Engine, tmp_path: Path) -> None:
    from tests.app.importing.files import SHOPIFY_HEADER, first_row, line_row, shopify_row

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(SHOPIFY_HEADER)
    for values in (first_row("#1", "A", "2"), line_row("#1", "B"), first_row("#2", "C")):
        sheet.append(shopify_row(**values))
    path = tmp_path / "orders_export.xlsx"
    book.save(path)
    summary = import_orders(engine, path)
    assert summary.format == "shopify-xlsx" and summary.created == 2
    assert [(ln.sku, ln.ordered) for ln in _details(engine)["#1"].lines] == [("A", 2), ("B", 1)]
