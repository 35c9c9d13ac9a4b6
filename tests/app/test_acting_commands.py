"""Every command that changes orders or printers takes who acts (``--as BADGE`` or
``PACKDESK_AS``): refused in one line without one or with a role too low, recorded
with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from app import db
from app.cli import main
from app.db import unit_of_work
from app.models import AuditEvent, Order, OrderHistory, User
from tests.app.acting import add_user
from tests.app.importing.files import write_csv
from tests.app.printing.conftest import add_order

HEADER = ["order_number", "sku", "quantity", "status"]


def _people(url: str) -> None:
    add_user(url, "packer", "P-1", "Packer Pat")
    add_user(url, "lead", "L-1", "Lead Lin")
    add_user(url, "supervisor", "S-1", "Sup Sun")
    add_user(url, "admin", "A-1", "Admin An")


def _audit(url: str, action: str) -> list[tuple[str | None, dict[str, object]]]:
    engine = db.make_engine(url)
    with unit_of_work(engine, read_only=True) as s:
        rows = s.execute(
            select(User.name, AuditEvent.details)
            .outerjoin(User, User.id == AuditEvent.user_id)
            .where(AuditEvent.action == action)
            .order_by(AuditEvent.id)
        ).all()
    engine.dispose()
    return [(name, details) for name, details in rows]


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    orders = write_csv(tmp_path / "o.csv", HEADER, [["W-1", "SKU-1", "1", "ready"]])
    products = write_csv(tmp_path / "p.csv", ["sku", "name"], [["SKU-1", "Cup"]])
    return {
        "import orders": ["import", str(orders)],
        "import products": ["products", "import", str(products)],
        "add a printer": [
            "printers",
            "add",
            "--name",
            "z",
            "--uri",
            "preview",
            "--language",
            "png",
        ],
        "print a waybill": ["print", "#1001", "--doc", "waybill", "--out", str(tmp_path / "w.png")],
        "add a box": ["boxes", "add", "--code", "BOX-1", "--name", "Box", "--tare-g", "100"],
        "give a station a camera": ["cameras", "set", "--station", "counter-1", "--none"],
        "keep an order's video": ["evidence", "dispute", "#1001", "--reason", "a claim"],
    }


@pytest.mark.parametrize(
    ("what", "least"),
    [
        ("import orders", "lead"),
        ("import products", "lead"),
        ("add a printer", "supervisor"),
        ("print a waybill", "lead"),
        ("add a box", "admin"),
        ("give a station a camera", "admin"),
        ("keep an order's video", "lead"),
    ],
)
def test_without_as_or_with_a_packer_refused_in_one_line_and_recorded(
    sqlite_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    what: str,
    least: str,
) -> None:
    _people(sqlite_url)
    engine = db.make_engine(sqlite_url)
    add_order(engine, "#1001")
    engine.dispose()
    command = [*_commands(tmp_path)[what], "--db", sqlite_url]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"packdesk: Only an active {least} or above may ") and "--as" in err
    assert main([*command, "--as", "P-1"]) == 2
    err = capsys.readouterr().err
    assert "Packer Pat (packer) may not" in err and err.count("\n") == 1
    refused = _audit(sqlite_url, "permission.refused")
    assert [name for name, _ in refused] == [None, "Packer Pat"]
    assert main([*command, "--as", "A-1" if least == "admin" else "S-1"]) == 0


def test_an_import_that_cancels_names_who_imported(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _people(db_url)
    ready = write_csv(tmp_path / "a.csv", HEADER, [["W-1", "SKU-1", "1", "ready"]])
    cancelled = write_csv(tmp_path / "b.csv", HEADER, [["W-1", "SKU-1", "1", "cancelled"]])
    assert main(["import", str(ready), "--as", "L-1", "--db", db_url]) == 0
    assert main(["import", str(cancelled), "--db", db_url, "--as", "S-1"]) == 0
    engine = db.make_engine(db_url)
    with unit_of_work(engine, read_only=True) as s:
        moves = s.execute(
            select(OrderHistory.to_status, User.name)
            .join(Order, Order.id == OrderHistory.order_id)
            .outerjoin(User, User.id == OrderHistory.user_id)
            .where(Order.external_number == "W-1")
            .order_by(OrderHistory.id)
        ).all()
    engine.dispose()
    assert [tuple(m) for m in moves] == [("ready", "Lead Lin"), ("cancelled", "Sup Sun")]
    imports = _audit(db_url, "import.file")
    assert [(name, d["file"], d["created"], d["updated"]) for name, d in imports] == [
        ("Lead Lin", "a.csv", 1, 0),
        ("Sup Sun", "b.csv", 0, 1),
    ]


def test_a_waybill_and_a_reprint_are_recorded_on_their_order(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    _people(url)
    add_order(engine, "#1001")
    waybill = ["print", "#1001", "--doc", "waybill", "--db", url]
    assert main([*waybill, "--as", "L-1"]) == 0  # on the preview printer
    assert main(["printers", "jobs", "--db", url]) == 0
    assert main(["printers", "reprint", "1", "--db", url, "--as", "P-1"]) == 2
    assert "may not reprint documents" in capsys.readouterr().err
    assert main(["printers", "reprint", "1", "--db", url, "--as", "L-1"]) == 0
    assert main(["printers", "cancel", "2", "--db", url]) == 2  # (no --as)
    printed = _audit(url, "print.waybill")
    assert [(n, d["order"], d["printer"]) for n, d in printed] == [("Lead Lin", "#1001", "preview")]
    assert [(n, d["reprint_of"]) for n, d in _audit(url, "print.reprint")] == [("Lead Lin", 1)]
    assert main(["audit", "list", "--order", "#1001", "--json", "--db", url]) == 0
    assert '"print.reprint"' in capsys.readouterr().out


def test_a_carrier_changed_and_its_numbers_imported_name_who(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _people(sqlite_url)
    pool = Path(__file__).resolve().parents[2] / "resources/sample-data/ups-tracking-pool.txt"
    key = ["--tracking", "pool", "--api-key", "secret-key-1"]
    assert main(["carriers", "set", "UPS", *key, "--as", "S-1", "--db", sqlite_url]) == 0
    tracking = ["tracking", "import", str(pool), "--carrier", "UPS"]
    assert main([*tracking, "--as", "S-1", "--db", sqlite_url]) == 0
    (changed,) = _audit(sqlite_url, "carrier.set")
    assert changed == ("Sup Sun", {"name": "UPS", "tracking_source": "pool", "api_key": "changed"})
    (imported,) = _audit(sqlite_url, "tracking.import")
    assert imported[0] == "Sup Sun" and imported[1]["file"] == "ups-tracking-pool.txt"
    assert main(["audit", "list", "--json", "--db", sqlite_url]) == 0
    assert "secret-key-1" not in capsys.readouterr().out


def test_printers_set_and_remove_are_a_supervisors_and_recorded(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _people(db_url)
    base = ["--db", db_url]
    new = ["printers", "set", "z", "--station", "counter-1", "--uri", "preview"]
    assert main([*new, *base]) == 2  # no --as
    assert main([*new, *base, "--as", "S-1"]) == 2  # a new printer needs its language
    assert "give its --uri and --language" in capsys.readouterr().err
    assert main([*new, "--language", "png", *base, "--as", "S-1"]) == 0
    again = ["printers", "set", "z", "--station", "counter-2", "--role", "document"]
    assert main([*again, "--dpi", "300", *base, "--as", "S-1"]) == 0
    assert "z: png at preview, station counter-2's document printer" in capsys.readouterr().out
    assert main(["printers", "remove", "z", *base, "--as", "L-1"]) == 2
    assert main(["printers", "remove", "z", *base, "--as", "S-1"]) == 0
    assert "printer z removed" in capsys.readouterr().out
    assert main(["printers", "remove", "z", *base, "--as", "S-1"]) == 2  # gone
    sets = _audit(db_url, "printer.set")
    assert [(n, d["station"], d["role"], d["dpi"]) for n, d in sets] == [
        ("Sup Sun", "counter-1", "label", 203),
        ("Sup Sun", "counter-2", "document", 300),
    ]
    assert [(n, d["name"], d["jobs"]) for n, d in _audit(db_url, "printer.remove")] == [
        ("Sup Sun", "z", 0)
    ]


def test_a_printer_that_printed_is_taken_off_its_stations_and_kept(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    _people(url)
    add_order(engine, "#1001")
    base = ["--db", url, "--as", "S-1"]
    set_p = ["printers", "set", "p", "--station", "counter-1", "--uri", "preview"]
    assert main([*set_p, "--language", "png", *base]) == 0
    assert main(["print", "#1001", "--doc", "slip", "--printer", "p", "--db", url]) == 0
    assert main(["printers", "remove", "p", *base]) == 0
    assert "kept for the jobs it printed" in capsys.readouterr().out
    assert main(["printers", "list", "--db", url]) == 0
    assert "1 printers" in capsys.readouterr().out
