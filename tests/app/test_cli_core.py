from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app import __version__, db
from app.cli import main
from app.models import Order, OrderLine, OrderStatus
from tests.fresh_python import fresh_python


def _seed(url: str) -> None:
    engine = db.make_engine(url)
    with db.unit_of_work(engine) as s:
        s.add(
            Order(
                channel="tmall",
                external_number="000123",
                status=OrderStatus.READY,
                customer_name="王芳",
                ship_to_name="王芳",
                ship_to_line1="浦东新区世纪大道100号",
                ship_to_line2="12楼1203室",
                ship_to_city="上海",
                ship_to_postal_code="200120",
                ship_to_country="CN",
                ship_to_phone="+86 138 0013 8000",
                carrier="SF",
                ship_by=datetime(2026, 1, 15, 14, 0, tzinfo=UTC),
                lines=[
                    OrderLine(line_no=1, sku="CUP-500", name="保温杯", quantity=2, packed=1),
                    OrderLine(line_no=2, sku="LID-1", name="Lid", quantity=1),
                ],
            )
        )
        s.add(
            Order(
                channel="web",
                external_number="A-9",
                status=OrderStatus.NEW,
                customer_name="Ann Lee",
            )
        )
    engine.dispose()


def test_orders_json_contract(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _seed(db_url)
    assert main(["orders", "--json", "--db", db_url]) == 0
    orders = json.loads(capsys.readouterr().out)
    assert [o["number"] for o in orders] == ["000123", "A-9"]
    first = orders[0]
    assert first["channel"] == "tmall" and first["status"] == "ready"
    assert first["ship_by"] == "2026-01-15T14:00:00+00:00"
    assert first["ship_to"] == {
        "name": "王芳",
        "company": None,
        "lines": ["浦东新区世纪大道100号", "12楼1203室"],
        "city": "上海",
        "region": None,
        "postal_code": "200120",
        "country": "CN",
        "phone": "+86 138 0013 8000",
    }
    assert [(ln["sku"], ln["ordered"], ln["packed"]) for ln in first["lines"]] == [
        ("CUP-500", 2, 1),
        ("LID-1", 1, 0),
    ]


def test_orders_status_filter(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _seed(sqlite_url)
    assert main(["--db", sqlite_url, "orders", "--status", "new", "--json"]) == 0
    assert [o["number"] for o in json.loads(capsys.readouterr().out)] == ["A-9"]
    assert main(["--db", sqlite_url, "orders", "--status", "lost"]) == 2
    assert "Unknown status 'lost'" in capsys.readouterr().err


def test_db_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    assert main(["db", "check", "--db", url]) == 2
    assert "packdesk db upgrade" in capsys.readouterr().err
    assert main(["db", "upgrade", "--db", url]) == 0
    assert "upgraded from empty" in capsys.readouterr().out
    assert main(["db", "upgrade", "--db", url]) == 0
    assert "already at revision" in capsys.readouterr().out
    assert main(["db", "check", "--db", url]) == 0
    out = tmp_path / "copy.sqlite3"
    assert main(["db", "backup", "--out", str(out), "--db", url]) == 0
    assert out.exists()


def test_environment_variable_selects_database(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(sqlite_url)
    monkeypatch.setenv("PACKDESK_DB_URL", sqlite_url)
    assert main(["orders"]) == 0
    assert "2 orders" in capsys.readouterr().out


def test_bad_database_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["orders", "--db", "mysql://nobody@nowhere/x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("packdesk: Unsupported database") and err.count("\n") == 1


def test_version_from_the_console_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"packdesk {__version__}"
    # --version must not load Qt or the database layer
    probe = fresh_python(
        "import sys, contextlib, io\n"
        "from ui.launcher import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--version'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'PySide6', 'sqlalchemy'}))"
    )
    assert probe.strip() == "[]"


def test_an_unreachable_server_is_one_line_that_promises_no_retry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The command stops at once: it must not say that it keeps trying."""
    assert main(["orders", "--db", "postgresql://packdesk@127.0.0.1:1/nowhere"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "packdesk: The PostgreSQL server at 127.0.0.1:1/nowhere cannot be reached"
    )
    assert err.count("\n") == 1 and "keeps trying" not in err and "try again" in err


@pytest.mark.parametrize(
    "command",
    [
        ["orders"],
        ["orders", "--json"],
        ["users", "list"],
        ["users", "add", "--name", "Ann", "--badge", "B1"],
        ["board"],
        ["check"],
        ["kpi"],
        ["import", "orders.csv"],
        ["products", "list"],
        ["printers", "list"],
        ["print", "--doc", "commands", "--out", "commands.pdf"],
        ["scan", "--station", "counter-1", "--user", "P1001"],
        ["db", "check"],
        ["db", "backup"],
    ],
)
def test_a_mistyped_database_file_is_refused_and_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "new" / "place.sqlite3"
    assert main([*command, "--db", f"sqlite:///{missing}"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"packdesk: There is no database file {missing}; check --db (or PACKDESK_DB_URL), "
        "or create it with 'packdesk db upgrade'.\n"
    )
    assert not missing.parent.exists()


def test_the_database_url_from_the_environment_is_checked_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PACKDESK_DB_URL", f"sqlite:///{tmp_path / 'typo.sqlite3'}")
    assert main(["orders"]) == 2
    assert "There is no database file" in capsys.readouterr().err
    assert not (tmp_path / "typo.sqlite3").exists()


def test_upgrade_and_demo_create_a_new_file_and_the_local_file_is_made_when_needed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in (["db", "upgrade"], ["demo", "--orders", "1"]):
        path = tmp_path / command[0] / "packdesk.sqlite3"
        assert main([*command, "--db", f"sqlite:///{path}"]) == 0
        assert path.exists()
    assert main(["orders"]) == 0  # the default file in the data folder, not named by anyone
    assert capsys.readouterr().out.endswith("0 orders\n")
    assert db.sqlite_path(db.default_url()).exists()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "is a folder, not a database file; check --db."),
        (
            lambda p: p.write_text("order_number,sku\n", encoding="utf-8"),
            "is not a Packdesk database (not an SQLite file).",
        ),
    ],
)
def test_a_database_url_naming_something_else_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make: Any, message: str
) -> None:
    path = tmp_path / "orders.csv"
    make(path)
    assert main(["orders", "--db", f"sqlite:///{path}"]) == 2
    assert capsys.readouterr().err == f"packdesk: {path} {message}\n"


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["board", "--cards", "99999999999999999999"], "not a whole number from 0 to 10,000"),
        (["demo", "--orders", "99999999999999"], "not a whole number from 0 to 100,000"),
        (["printers", "retry", "99999999999999999999"], "not a whole number from 1 to"),
        (["printers", "jobs", "--limit", "-1"], "not a whole number from 1 to"),
        (
            [
                "printers",
                "add",
                "--name",
                "p",
                "--uri",
                "preview",
                "--language",
                "zpl",
                "--size",
                "0x0",
            ],
            "not a label size",
        ),
        (
            [
                "printers",
                "add",
                "--name",
                "p",
                "--uri",
                "preview",
                "--language",
                "png",
                "--dpi",
                "-5",
            ],
            "invalid choice",
        ),
        (["print", "--doc", "commands", "--timeout", "-1"], "not a number of seconds"),
        (["print", "--doc", "commands", "--dpi", "100000", "--out", "x.png"], "invalid choice"),
        (["printers", "status", "p", "--timeout", "0"], "must be more than 0"),
        (["scan", "--station", "c", "--user", "u", "--print-wait", "nan"], "not a number"),
    ],
)
def test_numbers_out_of_range_are_usage_errors(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], command: list[str], message: str
) -> None:
    """Before: a huge number was a traceback from the database, a negative timeout left
    a job pending, a 100000 dpi render ran the machine out of memory."""
    with pytest.raises(SystemExit) as stopped:
        main([*command, "--db", sqlite_url])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["kpi", "--from", "0001-01-01"], "0001-01-01 to 0001-01-01 is beyond the days"),
        (["kpi", "--from", "9999-12-31"], "9999-12-31 to 9999-12-31 is beyond the days"),
        (["print", "--doc", "commands", "--size", "1x1", "--out", "x.pdf"], "Unknown page size"),
    ],
)
def test_values_beyond_what_packdesk_handles_are_one_line(
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([*command, "--db", sqlite_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("packdesk: ") and message in err and err.count("\n") == 1
