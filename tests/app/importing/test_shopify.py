"""The Shopify orders export, written to real files and imported on both back-ends."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from app import orders
from app.db import unit_of_work
from app.importing.common import BadFile, ImportRejected
from app.importing.intake import import_orders
from app.models import ImportBatch, Order, OrderHistory, OrderLine
from tests.app.importing.files import (
    SAMPLES,
    SHOPIFY_HEADER,
    first_row,
    line_row,
    write_shopify,
)


def _count(engine: Engine, model: type) -> int:
    with unit_of_work(engine, read_only=True) as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _by_number(engine: Engine) -> dict[str, orders.OrderDetail]:
    return {d.row.number: d for d in orders.order_details(engine)}


def test_sample_export_statuses_skips_and_lines(engine: Engine, tmp_path: Path) -> None:
    path = shutil.copy(SAMPLES / "shopify-orders.csv", tmp_path / "export.csv")
    summary = import_orders(engine, path)
    assert summary.format == "shopify"
    assert (summary.in_file, summary.created, summary.skipped) == (6, 5, 1)
    assert "1 already fulfilled" in summary.skipped_detail
    got = _by_number(engine)
    assert {n: d.row.status.value for n, d in got.items()} == {
        "#1001": "ready",  # paid
        "#1002": "ready",  # authorized
        "#1003": "new",  # pending
        "#1004": "ready",
        "#1005": "cancelled",  # refunded and cancelled
    }
    assert "#1006" not in got  # already fulfilled
    # the gift card needs no shipping and is left out
    assert [(ln.sku, ln.ordered) for ln in got["#1001"].lines] == [("CUP-500", 2), ("MUG-CER", 1)]
    assert got["#1004"].ship_to.name == "王芳"
    assert (got["#1004"].ship_to.line1, got["#1004"].ship_to.line2) == (
        "浦东新区世纪大道100号",
        "12楼1203室",
    )


def test_utc_times_stay_utc(engine: Engine, tmp_path: Path) -> None:
    path = write_shopify(
        tmp_path / "o.csv",
        [
            first_row("#1", "A", Created_at="2026-01-15T14:00:00Z"),
            first_row("#2", "A", Created_at="2026-01-15 14:00:00 +0800"),
            first_row("#3", "A", Created_at="2026-01-15 14:00:00"),  # warehouse time
        ],
    )
    import_orders(engine, path)
    got = {d.row.number: d.row.ordered_at for d in orders.order_details(engine)}
    assert got == {
        "#1": datetime(2026, 1, 15, 14, tzinfo=UTC),
        "#2": datetime(2026, 1, 15, 6, tzinfo=UTC),
        "#3": datetime(2026, 1, 15, 6, tzinfo=UTC),  # tests run in Asia/Shanghai
    }


def test_reimport_changes_nothing(engine: Engine, tmp_path: Path) -> None:
    path = shutil.copy(SAMPLES / "shopify-orders.csv", tmp_path / "export.csv")
    import_orders(engine, path)
    before = (_count(engine, Order), _count(engine, OrderLine), _count(engine, OrderHistory))
    with unit_of_work(engine, read_only=True) as s:
        versions = dict(s.execute(select(Order.external_number, Order.version)).all())
    again = import_orders(engine, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    after = (_count(engine, Order), _count(engine, OrderLine), _count(engine, OrderHistory))
    assert after == before
    with unit_of_work(engine, read_only=True) as s:
        assert dict(s.execute(select(Order.external_number, Order.version)).all()) == versions
    assert _count(engine, ImportBatch) == 2


def test_header_variants_and_missing_optional_columns(engine: Engine, tmp_path: Path) -> None:
    header = ["name", "FINANCIAL STATUS", "Lineitem quantity", "Lineitem SKU", "Canceled at"]
    path = write_shopify(
        tmp_path / "old.csv",
        [
            {
                "Name": "#7",
                "Financial_Status": "paid",
                "Lineitem_quantity": "2",
                "Lineitem_SKU": "CUP",
            },
            {
                "Name": "#8",
                "Financial_Status": "paid",
                "Lineitem_quantity": "1",
                "Lineitem_SKU": "CUP",
                "Canceled_at": "2026-01-02 10:00:00 +0000",
            },
        ],
        header=header,
    )
    summary = import_orders(engine, path)
    assert summary.format == "shopify" and summary.created == 2
    got = _by_number(engine)
    assert got["#7"].row.status.value == "ready"
    assert got["#8"].row.status.value == "cancelled"
    assert got["#7"].lines[0].ordered == 2


def test_order_fields_come_from_the_first_row(engine: Engine, tmp_path: Path) -> None:
    path = write_shopify(
        tmp_path / "o.csv",
        [first_row("#10", "A", "1"), line_row("#10", "B", "3"), line_row("#10", "C", "2")],
    )
    import_orders(engine, path)
    detail = _by_number(engine)["#10"]
    assert [(ln.sku, ln.ordered) for ln in detail.lines] == [("A", 1), ("B", 3), ("C", 2)]
    assert detail.ship_to.city == "Manchester"


def test_duplicate_sku_is_merged_and_said(engine: Engine, tmp_path: Path) -> None:
    path = write_shopify(
        tmp_path / "o.csv", [first_row("#20", "CUP", "2"), line_row("#20", "CUP", "1")]
    )
    summary = import_orders(engine, path)
    assert [(ln.sku, ln.ordered) for ln in _by_number(engine)["#20"].lines] == [("CUP", 3)]
    assert any("CUP listed 2 times" in n and "2+1=3" in n for n in summary.notes)


def test_every_bad_row_is_reported_and_nothing_written(engine: Engine, tmp_path: Path) -> None:
    path = write_shopify(
        tmp_path / "bad.csv",
        [
            first_row("#1", "A", "0"),
            first_row("#2", "A", "-1"),
            first_row("#3", "A", "abc"),
            first_row("#4", "A", "1e9"),
            first_row("#5", "A", "2"),  # a good order: still not imported
            first_row("#6", "", "1"),
            first_row("#7", "A", "1", Created_at="someday"),
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        import_orders(engine, path)
    rows = {e.row: e.reason for e in caught.value.errors}
    assert sorted(rows) == [2, 3, 4, 5, 7, 8]
    assert "'0'" in rows[2] and "'-1'" in rows[3]
    assert "'abc' is not a whole number" in rows[4] and "'1e9'" in rows[5]
    assert "no SKU" in rows[7] and "someday" in rows[8]
    assert "nothing was changed" in str(caught.value)
    assert _count(engine, Order) == 0 and _count(engine, ImportBatch) == 0


def test_a_file_cut_off_mid_row_imports_nothing(engine: Engine, tmp_path: Path) -> None:
    path = write_shopify(
        tmp_path / "cut.csv", [first_row("#1", "A"), first_row("#2", "B"), first_row("#3", "C")]
    )
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"Manchester") + 4])
    with pytest.raises(ImportRejected) as caught:
        import_orders(engine, path)
    assert [e.row for e in caught.value.errors] == [4]
    assert "cut off" in caught.value.errors[0].reason
    assert _count(engine, Order) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty"),
        (",".join(SHOPIFY_HEADER) + "\n", "has a header but no orders"),
        ("Name,Lineitem quantity,Financial Status\n#1,1,paid\n", "'Lineitem sku'"),
    ],
)
def test_empty_header_only_and_missing_column(
    engine: Engine, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BadFile, match=message):
        import_orders(engine, path, fmt="shopify")
    assert _count(engine, Order) == 0


def test_binary_file_renamed_csv(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(BadFile, match="not a text file"):
        import_orders(engine, path)


def test_gbk_export_reads_chinese_correctly(engine: Engine, tmp_path: Path) -> None:
    path = write_shopify(
        tmp_path / "gbk.csv",
        [first_row("#1", "TEA", Shipping_Name="李娜", Shipping_City="广州", Lineitem_name="龙井")],
        encoding="gbk",
    )
    summary = import_orders(engine, path)
    assert summary.encoding == "GB18030/GBK"
    detail = _by_number(engine)["#1"]
    assert (detail.ship_to.name, detail.ship_to.city, detail.lines[0].name) == (
        "李娜",
        "广州",
        "龙井",
    )


def test_rows_of_one_order_must_be_together(engine: Engine, tmp_path: Path) -> None:
    path = write_shopify(
        tmp_path / "o.csv", [first_row("#1", "A"), first_row("#2", "B"), line_row("#1", "C")]
    )
    with pytest.raises(ImportRejected) as caught:
        import_orders(engine, path)
    assert caught.value.errors[0].row == 4
    assert "already appeared at row 2" in caught.value.errors[0].reason


def test_lines_link_to_products_by_sku(engine: Engine, tmp_path: Path) -> None:
    from app.models import Product

    with unit_of_work(engine) as s:
        s.add(Product(sku="CUP", name="Cup"))
    path = write_shopify(tmp_path / "o.csv", [first_row("#1", "CUP"), line_row("#1", "NOPE")])
    summary = import_orders(engine, path)
    with unit_of_work(engine, read_only=True) as s:
        linked = dict(s.execute(select(OrderLine.sku, OrderLine.product_id)).all())
    assert linked["CUP"] is not None and linked["NOPE"] is None
    assert any("NOPE" in n and "not in the catalogue" in n for n in summary.notes)


def test_trailing_empty_separators_are_accepted(engine: Engine, tmp_path: Path) -> None:
    path = write_shopify(tmp_path / "o.csv", [first_row("#1", "A"), first_row("#2", "B")])
    text = path.read_text(encoding="utf-8").replace("\n", ",\n")
    path.write_text(text, encoding="utf-8")
    assert import_orders(engine, path).created == 2


def test_a_file_cut_inside_a_quoted_note(engine: Engine, tmp_path: Path) -> None:
    path = write_shopify(
        tmp_path / "cut.csv",
        [first_row("#1", "A"), first_row("#2", "B", Notes="ring twice\nthen leave it")],
    )
    data = path.read_bytes()
    path.write_bytes(data[: data.index(b"then leave")])
    with pytest.raises(BadFile, match=r"ends inside a quoted value in row 3: it looks cut off"):
        import_orders(engine, path)
    assert _count(engine, Order) == 0
