"""The consistency check finds each planted problem, and the CLI reports it."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine, select, update

from app import consistency, lifecycle
from app.audit.stored import reseal
from app.audit.tables import SCANS
from app.cli import main
from app.db import unit_of_work
from app.models import (
    ImportBatch,
    JobStatus,
    Order,
    OrderLine,
    OrderStatus,
    Parcel,
    Printer,
    PrintJob,
    ScanEvent,
    Station,
)
from app.packing import Outcome, PackingEngine
from tests.app.board.conftest import LID_EAN, Floor, add_order, now_of

S = OrderStatus


def _enter(engine: Engine, order_id: int, status: OrderStatus, ago: timedelta) -> None:
    with unit_of_work(engine) as s:
        lifecycle.transition(
            s, s.get_one(Order, order_id), status, reason="t", at=now_of(engine) - ago
        )


def _label(engine: Engine, order_id: int, *, by_parcel: bool = False) -> None:
    with unit_of_work(engine) as s:
        printer = s.query(Printer).first() or Printer(name="zebra", uri="tcp://x", language="zpl")
        s.add(printer)
        s.flush()
        parcel = Parcel(order_id=order_id, seq=1, tracking_number=f"T{order_id}")
        s.add(parcel)
        s.flush()
        s.add(
            PrintJob(
                printer_id=printer.id,
                order_id=None if by_parcel else order_id,
                parcel_id=parcel.id,
                document="waybill",
                format="zpl",
                status=JobStatus.DONE,
            )
        )


def _batch(engine: Engine, name: str, in_file: int, created: int, fmt: str = "csv") -> None:
    with unit_of_work(engine) as s:
        s.add(
            ImportBatch(
                at=now_of(engine),
                filename=name,
                format=fmt,
                file_sha256="0" * 64,
                rows_in_file=in_file * 2,
                orders_in_file=in_file,
                created=created,
                updated=0,
                unchanged=0,
                skipped=0,
            )
        )


@pytest.fixture
def planted(floor: Floor) -> Floor:
    e = floor.engine
    old = add_order(e, "PK-OLD", status=S.PACKING)
    _enter(e, old, S.PACKED, timedelta(hours=4, minutes=5))
    fresh = add_order(e, "PK-FRESH", status=S.PACKING)
    _enter(e, fresh, S.PACKED, timedelta(hours=3, minutes=55))

    cancelled = add_order(e, "LB-CANCELLED", status=S.PACKED)
    _label(e, cancelled)
    _enter(e, cancelled, S.CANCELLED, timedelta(minutes=5))
    ready = add_order(e, "LB-READY", status=S.READY)
    _label(e, ready, by_parcel=True)
    _label(e, add_order(e, "LB-SHIPPED", status=S.SHIPPED))  # fine: it shipped

    for station, number in (("desk-gone", "CL-GONE"), ("desk-here", "CL-HERE")):
        add_order(e, number)
        desk = PackingEngine(e, station=station)
        desk.sign_in(floor.packer_badge)
        assert desk.scan(number).outcome is Outcome.ORDER_OPENED
    with unit_of_work(e) as s:
        long_ago = now_of(e) - timedelta(minutes=45)
        s.execute(update(Station).where(Station.name == "desk-gone").values(last_seen_at=long_ago))
        s.execute(
            update(Order).where(Order.external_number == "CL-GONE").values(claimed_at=long_ago)
        )
        gone_id = select(Order.id).where(Order.external_number == "CL-GONE").scalar_subquery()
        s.execute(update(ScanEvent).where(ScanEvent.order_id == gone_id).values(at=long_ago))
        # (the scans moved back in time as the demo does, and sealed again as it does)
        gone = s.scalars(select(ScanEvent.chain).where(ScanEvent.order_id == gone_id)).first()
        assert gone is not None
        reseal(s.connection(), gone, 1, SCANS)
    _batch(e, "short.csv", in_file=10, created=9)
    _batch(e, "fine.csv", in_file=5, created=5)
    _batch(e, "catalogue.csv", in_file=0, created=40, fmt="csv-products")
    return floor


def test_each_planted_problem_is_found_once(planted: Floor) -> None:
    report = consistency.check(planted.engine)
    found = sorted((p.kind, p.order or "") for p in report.problems)
    assert found == [
        ("claim_by_absent_station", "CL-GONE"),
        ("import_count_mismatch", ""),
        ("label_without_packed_order", "LB-CANCELLED"),
        ("label_without_packed_order", "LB-READY"),
        ("packed_not_shipped", "PK-OLD"),
    ]
    assert not report.ok
    mismatch = next(p for p in report.problems if p.kind == "import_count_mismatch")
    assert "short.csv" in mismatch.message and "10 orders" in mismatch.message
    absent = next(p for p in report.problems if p.kind == "claim_by_absent_station")
    assert "desk-gone" in absent.message


def test_a_clean_database_passes(floor: Floor) -> None:
    add_order(floor.engine, "OK-1")
    assert consistency.check(floor.engine).ok


def test_check_and_board_and_kpi_commands(
    planted: Floor, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    url = planted.engine.url.render_as_string(hide_password=False)
    assert main(["check", "--json", "--db", url]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and len(out["problems"]) == 5
    assert main(["check", "--db", url]) == 1
    assert "5 problems found" in capsys.readouterr().out

    assert main(["board", "--json", "--db", url]) == 0
    board = json.loads(capsys.readouterr().out)
    counts = {c["status"]: c["count"] for c in board["columns"]}
    assert counts == {"new": 0, "ready": 1, "packing": 2, "packed": 2, "on_hold": 0}
    assert main(["board", "--db", url]) == 0
    assert "packing: 2" in capsys.readouterr().out

    today = now_of(planted.engine).date().isoformat()
    assert main(["kpi", "--from", today, "--to", today, "--json", "--db", url]) == 0
    kpi = json.loads(capsys.readouterr().out)
    assert kpi["backlog_by_state"]["packing"] == 2 and "orders packed" in kpi
    book = tmp_path / "kpi.xlsx"
    assert main(["kpi", "--from", today, "--xlsx", str(book), "--db", url]) == 0
    assert openpyxl.load_workbook(book).sheetnames[0] == "Summary"
    assert main(["kpi", "--db", url]) == 0  # today, by the database's clock
    assert "orders packed" in capsys.readouterr().out
    with pytest.raises(SystemExit):  # argparse refuses a date that is not one
        main(["kpi", "--from", "2026-13-01", "--db", url])


def test_a_packed_count_the_scans_do_not_add_up_to_is_found(floor: Floor) -> None:
    e = floor.engine
    order_id = add_order(e, "CT-1", {"LID": 3})
    desk = PackingEngine(e, station="desk-1")
    desk.sign_in(floor.packer_badge)
    desk.scan("CT-1")
    for _ in range(2):
        assert desk.scan(LID_EAN).outcome is Outcome.ACCEPTED
    assert desk.scan("CMD:UNDO").outcome is not Outcome.ACCEPTED  # one taken back: 1 left
    assert consistency.check(e).ok  # what the scans say
    with unit_of_work(e) as s:  # a count set in the database by hand, with no scan
        s.execute(update(OrderLine).where(OrderLine.order_id == order_id).values(packed=3))
    (found,) = consistency.check(e).problems
    assert (found.kind, found.order) == ("count_without_scans", "CT-1")
    assert found.message == "Order CT-1, LID: 3 packed, but its scans add up to 1."
