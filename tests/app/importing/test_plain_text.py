"""Imported text holds no control characters: a NUL, an escape sequence, a DEL is a
row error naming the field; a tab becomes a space; the file changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from app import orders, products
from app.cli import main
from app.db import unit_of_work
from app.importing.common import ImportRejected
from app.importing.intake import import_orders, import_products
from app.models import Order, Product
from tests.app.acting import as_lead  # noqa: F401  (a fixture)
from tests.app.importing.files import first_row, line_row, write_csv, write_shopify


def _orders_stored(engine: Engine) -> int:
    with unit_of_work(engine, read_only=True) as s:
        return int(s.scalar(select(func.count()).select_from(Order)) or 0)


def test_a_nul_in_a_json_import_is_a_row_error_on_every_database(
    engine: Engine, tmp_path: Path
) -> None:
    """PostgreSQL cannot store a NUL at all: it used to end in a long traceback."""
    path = tmp_path / "orders.json"
    good = {"number": "1", "customer": "Ann", "lines": [{"sku": "A", "quantity": 1}]}
    bad = {
        "number": "2",
        "customer": "Bo\u0000b",
        "ship_to": {"name": "Bob", "lines": ["5 Queen St", "\u001b[2JFlat 1"]},
        "lines": [{"sku": "A", "quantity": 1}, {"sku": "B\u009b31m", "quantity": 1}],
    }
    path.write_text(json.dumps([good, bad]), encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        import_orders(engine, path)
    assert [str(e) for e in caught.value.errors] == [
        "row 2: ship_to.lines holds a control character (ESC, U+001B): '\\x1b[2JFlat 1'",
        "row 2: customer holds a control character (NUL, U+0000): 'Bo\\x00b'",
        "row 2: line 2: sku holds a control character (CSI, U+009B): 'B\\x9b31m'",
    ]
    assert _orders_stored(engine) == 0  # not even the good order


def test_control_characters_in_a_table_name_their_row_and_column(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    header = ["order_number", "sku", "quantity", "item_name", "ship_to_name", "gift_note"]
    path = write_csv(
        tmp_path / "orders.csv",
        header,
        [
            ["1", "CUP", "1", "Cup", "Ann\tLee", "Happy\r\nbirthday"],
            ["2", "CUP", "1", "Cup", "Eve\x1b]0;owned\x07", ""],
            ["2", "MUG\x7f", "1", "Mug\x08", "", ""],
        ],
    )
    with pytest.raises(ImportRejected) as caught:
        import_orders(sqlite_engine, path)
    assert [str(e) for e in caught.value.errors] == [
        "row 3: ship_to_name holds a control character (ESC, U+001B): 'Eve\\x1b]0;owned\\x07'",
        "row 4: sku holds a control character (DEL, U+007F): 'MUG\\x7f'",
        "row 4: item_name holds a control character (backspace, U+0008): 'Mug\\x08'",
    ]
    assert _orders_stored(sqlite_engine) == 0
    # the tab is a space, the gift note keeps its two lines
    path = write_csv(tmp_path / "orders.csv", header, [["1", "CUP", "1", "Cup\tblue", "Ann\tLee",
                                                         "Happy\r\nbirthday"]])  # fmt: skip
    import_orders(sqlite_engine, path)
    (detail,) = orders.order_details(sqlite_engine)
    assert detail.ship_to.name == "Ann Lee" and detail.lines[0].name == "Cup blue"
    with unit_of_work(sqlite_engine, read_only=True) as s:
        assert s.scalar(select(Order.gift_note)) == "Happy\nbirthday"


def test_shopify_columns_are_named_as_shopify_names_them(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    path = write_shopify(
        tmp_path / "orders_export.csv",
        [first_row("#1", "A", Shipping_City="Leeds\x1b[5m"), line_row("#1", "B\x00")],
    )
    with pytest.raises(ImportRejected) as caught:
        import_orders(sqlite_engine, path)
    assert [str(e) for e in caught.value.errors] == [
        "row 2: Shipping City holds a control character (ESC, U+001B): 'Leeds\\x1b[5m'",
        "row 3: Lineitem sku holds a control character (NUL, U+0000): 'B\\x00'",
        "row 3: Lineitem name holds a control character (NUL, U+0000): 'Item B\\x00'",
    ]


def test_a_catalogue_with_control_characters_is_refused(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "catalogue.csv",
        ["sku", "name", "barcodes", "bin_location"],
        [["CUP", "Cup", "6901234567892", "A-1"], ["MUG", "Mug\x1b[1m", "690\x00123", "B\tC"]],
    )
    with pytest.raises(ImportRejected) as caught:
        import_products(sqlite_engine, path)
    assert [str(e) for e in caught.value.errors] == [
        "row 3: name holds a control character (ESC, U+001B): 'Mug\\x1b[1m'",
        "row 3: barcode holds a control character (NUL, U+0000): '690\\x00123'",
    ]
    assert products.list_products(sqlite_engine) == []
    with unit_of_work(sqlite_engine, read_only=True) as s:
        assert s.scalar(select(func.count()).select_from(Product)) == 0


@pytest.mark.usefixtures("as_lead")  # who imports
def test_the_command_line_says_so_in_one_line_per_row(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "orders.json"
    order = {"number": "1", "customer": "A\u0000", "lines": [{"sku": "A", "quantity": 1}]}
    path.write_text(json.dumps([order]), encoding="utf-8")
    assert main(["import", str(path), "--db", db_url]) == 2
    assert capsys.readouterr().err == (
        "packdesk: orders.json was not imported: 1 bad row; nothing was changed.\n"
        "  row 1: customer holds a control character (NUL, U+0000): 'A\\x00'\n"
    )


@pytest.mark.parametrize(
    "command",
    [
        ["users", "add", "--name", "Eve\x1b[31m", "--badge", "E1"],
        ["users", "add", "--name", "Eve", "--badge", "E\x001"],
        ["printers", "add", "--name", "lab\x07el", "--uri", "preview", "--language", "png"],
        ["import", "orders.csv", "--channel", "sh\top"],
        ["scan", "--station", "counter\x1b[2J", "--user", "P1001"],
    ],
)
def test_control_characters_in_arguments_are_refused(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert main([*command, "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("packdesk: --") and "holds a control character" in err
    assert err.count("\n") == 1 and "\x1b" not in err
    assert main(["users", "list", "--db", sqlite_url]) == 0
    assert capsys.readouterr().out == "0 users\n"
