"""JSON orders, and the product catalogue (Shopify products export and generic CSV)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from app import orders, products
from app.db import unit_of_work
from app.importing.common import BadFile, ImportRejected
from app.importing.intake import import_orders, import_products
from app.models import CodeKind, Product
from tests.app.importing.files import SAMPLES, write_csv


def test_json_orders_in_the_shape_orders_json_prints(engine: Engine, tmp_path: Path) -> None:
    data = [
        {
            "number": "000123",
            "channel": "tmall",
            "status": "ready",
            "carrier": "SF Express",
            "ship_by": "2026-01-15T14:00:00Z",
            "ship_to": {"name": "王芳", "lines": ["世纪大道100号", "12楼"], "city": "上海"},
            "lines": [{"sku": "CUP", "ordered": 2}, {"sku": "LID", "quantity": 1}],
        },
        {"number": 42, "lines": [{"sku": "CUP", "quantity": "3"}]},
    ]
    path = tmp_path / "orders.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    summary = import_orders(engine, path)
    assert summary.format == "json" and summary.created == 2
    got = {d.row.number: d.to_json() for d in orders.order_details(engine)}
    assert got["000123"]["ship_by"] == "2026-01-15T14:00:00+00:00"
    assert got["000123"]["ship_to"]["lines"] == ["世纪大道100号", "12楼"]
    assert [(ln["sku"], ln["ordered"]) for ln in got["000123"]["lines"]] == [("CUP", 2), ("LID", 1)]
    assert got["42"]["channel"] == "manual" and got["42"]["status"] == "ready"
    assert import_orders(engine, path).unchanged == 2


def test_json_bad_orders_named_by_position(engine: Engine, tmp_path: Path) -> None:
    data = [
        {"number": "1", "lines": [{"sku": "A", "quantity": 0}]},
        {"number": "2", "lines": []},
        "not an order",
        {"number": "3", "lines": [{"sku": "A", "quantity": 1}]},
    ]
    path = tmp_path / "orders.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_orders(engine, path)
    assert [e.row for e in caught.value.errors] == [1, 2, 3]
    assert orders.count_orders(engine) == 0
    path.write_text('[{"number": "1",', encoding="utf-8")
    with pytest.raises(BadFile, match="not valid JSON"):
        import_orders(engine, path)


def test_generic_catalogue_with_case_packs_and_flags(engine: Engine, tmp_path: Path) -> None:
    path = shutil.copy(SAMPLES / "catalogue.csv", tmp_path / "catalogue.csv")
    summary = import_products(engine, path)
    assert summary.created == 8
    items = {p.sku: p for p in products.list_products(engine)}
    cup = items["CUP-500"]
    assert cup.name == "保温杯 500ml Thermos Cup" and cup.bin_location == "A-01-02"
    assert cup.unit_weight_g == 320
    codes = {(c.code, c.kind, c.units) for c in cup.codes}
    assert codes == {
        ("06901234567892", CodeKind.GTIN, 1),  # EAN-13 kept as GTIN-14
        ("16901234567899", CodeKind.CASE, 6),
    }
    assert items["EARBUDS-X"].serial_tracked and items["TEA-LJ-250"].lot_tracked
    assert ("OLD-CABLE-1", CodeKind.ALIAS, 1) in {
        (c.code, c.kind, c.units) for c in items["CABLE-USBC"].codes
    }
    again = import_products(engine, path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 8)


def test_shopify_products_take_the_title_from_the_first_row(engine: Engine, tmp_path: Path) -> None:
    path = shutil.copy(SAMPLES / "shopify-products.csv", tmp_path / "products_export.csv")
    summary = import_products(engine, path)
    assert summary.format == "shopify" and summary.created == 3
    items = {p.sku: p for p in products.list_products(engine)}
    assert items["CUP-750"].name == "保温杯 Thermos Cup - 750ml"  # a variant-only row
    assert items["CUP-500"].unit_weight_g == 320
    assert items["MUG-CER"].name == "Ceramic Mug 陶瓷马克杯"  # "Default Title" is no option


def test_catalogue_conflicts_are_row_errors(engine: Engine, tmp_path: Path) -> None:
    header = ["sku", "name", "barcodes", "case_barcodes", "serial_tracked"]
    path = write_csv(
        tmp_path / "c.csv",
        header,
        [
            ["A", "Item A", "6901234567892", "", "no"],
            ["B", "Item B", "6901234567892", "", "no"],  # A's barcode
            ["A", "Again", "", "", ""],  # duplicate SKU
            ["C", "Item C", "", "16901234567899", ""],  # no units
            ["D", "Item D", "", "", "maybe"],
            ["", "No SKU", "", "", ""],
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        import_products(engine, path)
    reasons = {e.row: e.reason for e in caught.value.errors}
    assert sorted(reasons) == [5, 6, 7]  # parse errors first; nothing written
    assert "needs its units" in reasons[5] and "'maybe'" in reasons[6]
    path = write_csv(
        tmp_path / "c.csv",
        header,
        [
            ["A", "Item A", "6901234567892", "", "no"],
            ["B", "Item B", "6901234567892", "", "no"],
            ["A", "Again", "", "", ""],
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        import_products(engine, path)
    reasons = {e.row: e.reason for e in caught.value.errors}
    assert "also given to SKU A" in reasons[3] and "also on row 2" in reasons[4]
    assert products.list_products(engine) == []


def test_exports_given_to_the_wrong_command(engine: Engine, tmp_path: Path) -> None:
    products_file = shutil.copy(SAMPLES / "shopify-products.csv", tmp_path / "p.csv")
    with pytest.raises(BadFile, match="products export; import it with 'packdesk products"):
        import_orders(engine, products_file)
    orders_file = shutil.copy(SAMPLES / "shopify-orders.csv", tmp_path / "o.csv")
    with pytest.raises(BadFile, match="orders export; import it with 'packdesk import'"):
        import_products(engine, orders_file)


def test_json_nested_too_deeply_is_one_sentence(sqlite_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "orders.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(BadFile, match="nests arrays or objects too deeply"):
        import_orders(sqlite_engine, path)


def test_a_catalogue_says_what_serials_look_like(engine: Engine, tmp_path: Path) -> None:
    header = ["sku", "name", "serial_tracked", "serial_pattern"]
    bad = write_csv(
        tmp_path / "bad.csv",
        header,
        [["WATCH", "Watch", "yes", "SN-\\d{4}"], ["RING", "Ring", "yes", "SN-(\\d"]],
    )
    with pytest.raises(ImportRejected) as caught:
        import_products(engine, bad)
    assert [
        (e.row, e.reason.startswith("serial_pattern is not a regular expression"))
        for e in caught.value.errors
    ] == [(3, True)]
    good = write_csv(tmp_path / "good.csv", header, [["WATCH", "Watch", "yes", "SN-\\d{4}"]])
    import_products(engine, good)
    with unit_of_work(engine) as s:
        watch = s.scalars(select(Product).where(Product.sku == "WATCH")).one()
        assert watch.serial_pattern == "SN-\\d{4}"
