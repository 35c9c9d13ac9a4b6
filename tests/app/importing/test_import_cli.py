"""``packdesk import`` and ``packdesk products import`` as an operator uses them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from tests.app.acting import as_lead  # noqa: F401  (a fixture)
from tests.app.importing.files import SAMPLES, first_row, write_csv, write_shopify

pytestmark = pytest.mark.usefixtures("as_lead")  # who imports


def test_import_prints_a_summary_and_is_idempotent(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    sample = str(SAMPLES / "shopify-orders.csv")
    assert main(["import", sample, "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "imported shopify-orders.csv (shopify, UTF-8): 6 orders in 11 rows" in out
    assert "created 5, updated 0, unchanged 0, not updated 0, skipped 1" in out
    assert "1 already fulfilled" in out and "1 line that needs no shipping left out" in out
    assert main(["import", sample, "--db", db_url]) == 0
    assert "created 0, updated 0, unchanged 5" in capsys.readouterr().out


def test_bad_file_exits_non_zero_naming_every_row(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_shopify(
        tmp_path / "bad.csv", [first_row("#1", "A", "abc"), first_row("#2", "B", "-1")]
    )
    assert main(["import", str(path), "--db", sqlite_url]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "packdesk: bad.csv was not imported: 2 bad rows; nothing was changed."
    assert err[1].startswith("  row 2: quantity 'abc'") and err[2].startswith("  row 3:")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "packdesk: orders.csv is empty.\n"),
        (b"\x00\x01\x02" * 500, "packdesk: orders.csv is not a text file"),
    ],
)
def test_unreadable_file_is_one_line(
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    message: str,
) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(content)
    assert main(["import", str(path), "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_map_save_and_reuse_a_mapping(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "o.csv", ["单号", "货品", "件数"], [["0009", "CUP", "2"]])
    args = ["import", str(path), "--db", sqlite_url, "--channel", "shop"]
    mapping = ["--map", "order_number=单号", "--map", "sku=货品", "--map", "quantity=件数"]
    assert main([*args, *mapping, "--save-mapping", "mine"]) == 0
    assert "mapping saved as 'mine'" in capsys.readouterr().out
    assert main([*args, "--mapping", "mine"]) == 0
    assert "unchanged 1" in capsys.readouterr().out
    assert main(["import", "--list-mappings", "--db", sqlite_url]) == 0
    listed = capsys.readouterr().out
    assert "mine" in listed and "order_number=单号" in listed
    assert main([*args, "--map", "order_no=单号"]) == 2
    assert "Unknown orders field(s) order_no" in capsys.readouterr().err


def test_products_import_and_list(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["products", "import", str(SAMPLES / "catalogue.csv"), "--db", sqlite_url]) == 0
    assert "created 8" in capsys.readouterr().out
    assert main(["products", "list", "--db", sqlite_url]) == 0
    assert "保温杯 500ml Thermos Cup" in capsys.readouterr().out


def test_locked_database_says_so_and_changes_nothing(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from app import db, orders

    engine = db.make_engine(sqlite_url)
    holder = sqlite3.connect(str(db.sqlite_path(engine)), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        code = main(["import", str(SAMPLES / "shopify-orders.csv"), "--db", sqlite_url])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert "locked by another program" in capsys.readouterr().err
    assert orders.count_orders(engine) == 0
    engine.dispose()


def test_a_file_cut_in_its_last_value_is_named_in_the_summary(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A quantity 12 cut to 1 imports (no tool can tell), but the person is told which
    row and value to check; a file cut inside its last quoted value is refused."""
    full = write_shopify(
        tmp_path / "full.csv", [first_row("#1", "A"), first_row("#2", "B", "12")]
    ).read_bytes()
    cut = tmp_path / "orders_export.csv"
    cut.write_bytes(full[: full.rindex(b",12,") + 2])  # ... ,1  and nothing after it
    assert main(["import", str(cut), "--db", sqlite_url]) == 2  # the row is short now
    assert "row 3: the last row has 17 of the header's 57 columns" in capsys.readouterr().err
    generic = tmp_path / "orders.csv"
    generic.write_bytes(b"order_number,sku,quantity\r\n1,A,3\r\n2,B,1")
    assert main(["import", str(generic), "--db", sqlite_url]) == 0
    out = capsys.readouterr().out
    assert "created 2" in out
    assert "note: orders.csv does not end with a line end: check that its last row (row 3, " in out
    quoted = tmp_path / "quoted.csv"
    quoted.write_bytes(b'order_number,sku,quantity,item_name\r\n1,A,3,"Cup"\r\n2,B,12,"Mug, blue')
    assert main(["import", str(quoted), "--db", sqlite_url]) == 2
    assert "ends inside a quoted value in row 3" in capsys.readouterr().err


def test_a_catalogue_cut_in_its_last_row_is_refused(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "catalogue.csv"
    path.write_bytes(b"sku,name,barcodes\nCUP,Cup,6901234567892\nMUG,Mug")
    assert main(["products", "import", str(path), "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert "row 3: the last row has 2 of the header's 3 columns" in err
    path.write_bytes(b"sku,name,barcodes\nCUP,Cup,6901234567892\nMUG,Mug,690123456")
    assert main(["products", "import", str(path), "--db", sqlite_url]) == 0
    assert "(row 3, ending with barcodes '690123456')" in capsys.readouterr().out


def test_encoding_is_reported_refused_when_mixed_and_can_be_forced(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "order_number,sku,quantity,ship_to_name\r\n"
    path = tmp_path / "orders.csv"
    path.write_bytes((header + "1,CUP,1,王芳\r\n").encode() + "2,CUP,12,张伟\r\n".encode("gbk"))
    assert main(["import", str(path), "--db", sqlite_url]) == 2
    assert capsys.readouterr().err == (
        "packdesk: orders.csv mixes text encodings: most of it is UTF-8, but row 3 is not "
        "(it reads as GB18030/GBK); save the whole file in one encoding (e.g. 'CSV UTF-8'), "
        "or name the one to use with --encoding.\n"
    )
    assert main(["orders", "--db", sqlite_url]) == 0
    assert capsys.readouterr().out == "0 orders\n"  # nothing was changed
    path.write_bytes((header + "1,CUP,1,王芳\r\n2,CUP,12,张伟\r\n").encode("gbk"))
    assert main(["import", str(path), "--db", sqlite_url]) == 0
    assert "imported orders.csv (csv, GB18030/GBK): 2 orders" in capsys.readouterr().out
    assert main(["import", str(path), "--encoding", "GBK", "--db", sqlite_url]) == 0
    assert "(csv, GB18030/GBK as --encoding said)" in capsys.readouterr().out
    assert main(["import", str(path), "--encoding", "utf-8", "--db", sqlite_url]) == 2
    assert "row 2 is not" in capsys.readouterr().err
    catalogue = tmp_path / "catalogue.csv"
    catalogue.write_bytes("sku,name\r\nCUP,保温杯\r\n".encode("gbk"))
    assert (
        main(["products", "import", str(catalogue), "--encoding", "gb18030", "--db", sqlite_url])
        == 0
    )
    assert "GB18030/GBK as --encoding said" in capsys.readouterr().out


def test_encoding_of_json_and_workbooks(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "orders.json"
    order = '{"number": "%s", "customer": "%s", "lines": [{"sku": "A", "quantity": 1}]}'
    first, second = order % ("1", "王芳"), order % ("2", "张伟")
    path.write_bytes(f"[{first},\n".encode() + f"{second}]".encode("gbk"))
    assert main(["import", str(path), "--db", sqlite_url]) == 2
    assert "but line 2 is not" in capsys.readouterr().err
    book = tmp_path / "orders.xlsx"
    book.write_bytes(b"PK\x03\x04 whatever")
    assert main(["import", str(book), "--encoding", "gbk", "--db", sqlite_url]) == 2
    assert capsys.readouterr().err == (
        "packdesk: orders.xlsx is an Excel workbook: --encoding is for CSV and JSON.\n"
    )
