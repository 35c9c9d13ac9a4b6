"""The spool on SQLite and PostgreSQL, against the virtual printer on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import AuditEvent, JobStatus, Order, Printer, PrintJob
from app.packing.print_request import Occasion, PrintRequest
from app.printing import jobs, printers
from app.printing.config import PrintingConfig
from app.printing.print_service import PrintService
from printers.virtual import PAPER_OUT_FLAG, VirtualPrinter
from tests.app.acting import admin_id
from tests.app.printing.conftest import add_lead, add_order, add_station, free_port

FAST = (0.05, 0.1, 0.2)


@pytest.fixture
def service(engine: Engine, tmp_path: Path) -> Iterator[PrintService]:
    svc = PrintService(
        engine, config=PrintingConfig(preview_folder=str(tmp_path / "previews")), backoff=FAST
    )
    yield svc
    svc.stop()


def _submit(
    engine: Engine,
    service: PrintService,
    order_id: int,
    station_id: int | None,
    documents: tuple[str, ...] = ("slip", "waybill"),
) -> None:
    with unit_of_work(engine) as s:
        service.spool.submit(
            s,
            PrintRequest(
                order_id, documents, station_id, None, "order complete", Occasion.ORDER_CLOSED
            ),
        )


def _statuses(engine: Engine) -> list[JobStatus]:
    with unit_of_work(engine, read_only=True) as s:
        return list(s.scalars(select(PrintJob.status).order_by(PrintJob.id)))


def _wait_files(folder: Path, n: int, pattern: str = "job-*") -> list[Path]:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        found = sorted(folder.glob(pattern))
        if len(found) >= n:
            return found
        time.sleep(0.02)
    return sorted(folder.glob(pattern))


def test_order_complete_prints_waybill_on_the_label_printer_and_slip_in_preview(
    engine: Engine, service: PrintService, tmp_path: Path
) -> None:
    station = add_station(engine)
    order = add_order(engine, "#1001")
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
        printers.add_printer(
            engine,
            user_id=admin_id(engine),
            name="zebra",
            uri=zebra.uri,
            language="zpl",
            size="100x150",
            station="counter-1",
            role="label",
        )
        _submit(engine, service, order, station)
        assert service.wait_until_idle(15)
        (label,) = _wait_files(tmp_path / "zebra", 1)
    assert (
        label.suffix == ".zpl" and b"^BC" in label.read_bytes() and b"#1001" in label.read_bytes()
    )
    (slip,) = list((tmp_path / "previews").glob("*.png"))
    assert "slip" in slip.name
    assert _statuses(engine) == [JobStatus.DONE, JobStatus.DONE]


def test_a_printer_off_mid_batch_gets_every_job_once_in_order(
    engine: Engine, service: PrintService, tmp_path: Path
) -> None:
    station = add_station(engine)
    port = free_port()
    printers.add_printer(
        engine,
        user_id=admin_id(engine),
        name="zebra",
        uri=f"tcp://127.0.0.1:{port}",
        language="zpl",
        station="counter-1",
        role="label",
    )
    numbers = [f"#{2000 + i}" for i in range(12)]
    for number in numbers[:6]:
        _submit(engine, service, add_order(engine, number), station, ("waybill",))
    time.sleep(0.5)  # the printer is off: jobs wait, with the reason
    with unit_of_work(engine, read_only=True) as s:
        waiting = s.scalars(select(PrintJob)).all()
        assert all(j.status is not JobStatus.DONE for j in waiting)
        assert any(j.last_error and "refused" in j.last_error for j in waiting)
    with VirtualPrinter(tmp_path / "zebra", port=port) as zebra:
        for number in numbers[6:]:
            _submit(engine, service, add_order(engine, number), station, ("waybill",))
        assert service.wait_until_idle(20)
        files = _wait_files(tmp_path / "zebra", len(numbers))
        assert len(zebra.jobs()) == len(numbers)
    printed = [n for f in files for n in numbers if f"^FDMA,{n}^FS".encode() in f.read_bytes()]
    assert printed == numbers
    assert set(_statuses(engine)) == {JobStatus.DONE}


def test_paper_out_holds_the_queue_until_the_roll_is_changed(
    engine: Engine, service: PrintService, tmp_path: Path
) -> None:
    station = add_station(engine)
    out = tmp_path / "zebra"
    out.mkdir()
    (out / PAPER_OUT_FLAG).touch()
    with VirtualPrinter(out, port=0) as zebra:
        printers.add_printer(
            engine,
            user_id=admin_id(engine),
            name="zebra",
            uri=zebra.uri,
            language="zpl",
            options={"check_status": True},
            station="counter-1",
            role="label",
        )
        _submit(engine, service, add_order(engine, "#3001"), station, ("waybill",))
        time.sleep(0.6)
        with unit_of_work(engine, read_only=True) as s:
            job = s.scalars(select(PrintJob)).one()
            # held: pending, or being retried at this very moment; never done
            assert job.status in (JobStatus.PENDING, JobStatus.SENDING)
            assert "paper out" in (job.last_error or "") and job.attempts >= 2
        assert zebra.jobs() == []
        (out / PAPER_OUT_FLAG).unlink()
        assert service.wait_until_idle(15)
        assert len(_wait_files(out, 1)) == 1


def test_a_document_that_cannot_be_rendered_fails_and_the_queue_moves_on(
    engine: Engine, service: PrintService, tmp_path: Path
) -> None:
    bad = add_order(engine, "#4001")
    with unit_of_work(engine) as s:
        s.get_one(Order, bad).ship_to_name = ""  # no recipient
    good = add_order(engine, "#4002")
    _submit(engine, service, bad, None, ("waybill",))
    _submit(engine, service, good, None, ("waybill",))
    assert service.wait_until_idle(15)
    rows = jobs.list_jobs(engine)
    by_order = {r.order: r for r in rows}
    assert by_order["#4001"].status is JobStatus.FAILED
    assert "recipient" in (by_order["#4001"].last_error or "")
    assert by_order["#4002"].status is JobStatus.DONE


def test_restart_writes_a_preview_cut_off_mid_write_again(engine: Engine, tmp_path: Path) -> None:
    order = add_order(engine, "#5001")
    with unit_of_work(engine) as s:
        printer = printers.preview_printer(s)
        job = jobs.add_job(s, printer, "slip", order_id=order)
        job.status = JobStatus.SENDING  # the program stopped mid-send
    svc = PrintService(engine, config=PrintingConfig(preview_folder=str(tmp_path)), backoff=FAST)
    try:
        svc.start()
        assert svc.wait_until_idle(15)
    finally:
        svc.stop()
    assert _statuses(engine) == [JobStatus.DONE]
    assert len(list(tmp_path.glob("*.png"))) == 1


def test_restart_leaves_a_job_cut_off_mid_send_for_a_person(engine: Engine, tmp_path: Path) -> None:
    """It may have printed: not sent again unasked, but marked; the next job prints."""
    order = add_order(engine, "#5002")
    with unit_of_work(engine) as s:  # a print server's hot folder
        printer = Printer(name="hot", uri=f"file://{tmp_path / 'hot'}", language="png", options={})
        s.add(printer)
        s.flush()
        job = jobs.add_job(s, printer, "slip", order_id=order)
        job.status = JobStatus.SENDING  # the program stopped mid-send
        jobs.add_job(s, printer, "picklist", order_id=order)
    svc = PrintService(engine, config=PrintingConfig(preview_folder=str(tmp_path)), backoff=FAST)
    try:
        svc.start()
        assert svc.wait_until_idle(15)
        assert _statuses(engine) == [JobStatus.INTERRUPTED, JobStatus.DONE]
        (picklist,) = (tmp_path / "hot").glob("*.png")  # the slip was not sent again
        assert picklist.name.endswith(f"picklist-{job.id + 1}.png")
        jobs.retry(engine, job.id, wake=svc.wake, user_id=add_lead(engine))
        assert svc.wait_until_idle(15)
    finally:
        svc.stop()
    assert _statuses(engine) == [JobStatus.DONE, JobStatus.DONE]
    assert len(list((tmp_path / "hot").glob("*.png"))) == 2


def test_reprint_sends_the_same_bytes_and_cancel_stops_a_pending_job(
    engine: Engine, service: PrintService, tmp_path: Path
) -> None:
    order = add_order(engine, "#6001")
    _submit(engine, service, order, None, ("waybill",))
    assert service.wait_until_idle(15)
    (first,) = jobs.list_jobs(engine)
    lead = add_lead(engine)
    again = jobs.reprint(engine, first.id, wake=service.wake, user_id=lead)
    assert again.reprint_of_id == first.id
    assert service.wait_until_idle(15)
    with unit_of_work(engine, read_only=True) as s:
        a, b = s.scalars(select(PrintJob).order_by(PrintJob.id)).all()
        assert a.payload == b.payload and b.status is JobStatus.DONE
    with pytest.raises(PackdeskError, match="only pending or interrupted jobs"):
        jobs.cancel(engine, first.id, user_id=lead)
    with unit_of_work(engine) as s:
        off = Printer(name="off", uri=f"tcp://127.0.0.1:{free_port()}", language="zpl", options={})
        s.add(off)
        s.flush()
        pending = jobs.add_job(s, off, "slip", order_id=order)
        s.flush()
        pending_id = pending.id
    assert jobs.cancel(engine, pending_id, user_id=lead).status is JobStatus.CANCELLED


def test_a_request_for_no_documents_queues_nothing(engine: Engine) -> None:
    order = add_order(engine, "#9001")
    woken: list[set[int]] = []
    with unit_of_work(engine) as s:
        jobs.DatabaseSpool(wake=woken.append).submit(s, PrintRequest(order, (), None, None, "test"))
    with unit_of_work(engine, read_only=True) as s:
        assert s.scalars(select(PrintJob)).all() == []
    assert woken == []


def test_counters_closing_their_first_orders_at_once_share_one_preview_printer(
    engine: Engine,
) -> None:
    """One counter makes the preview printer; another, making it at the same moment,
    waits for the first and finds it (its order's close does not fail on the name)."""
    import threading

    found: list[int] = []
    with unit_of_work(engine) as first:
        made = printers.preview_printer(first).id
        other = threading.Thread(target=lambda: found.append(_preview_id(engine)), daemon=True)
        other.start()
        other.join(timeout=0.5)  # it waits for this transaction (or for the write lock)
        assert found == []
    other.join(timeout=30)
    assert found == [made]
    with unit_of_work(engine) as s:
        assert len(s.scalars(select(Printer).where(Printer.name == "preview")).all()) == 1


def _preview_id(engine: Engine) -> int:
    with unit_of_work(engine) as s:
        return printers.preview_printer(s).id


def test_with_auto_print_off_only_a_closed_order_s_documents_are_just_recorded(
    engine: Engine,
) -> None:
    """The station's spool decides by the request's occasion, not its words: a closed
    order's documents are only recorded; a reprint, or a short shipment, whatever its
    reason says, goes to the printers."""
    from app.printing.station import StationSpool

    order, station = add_order(engine, "#9002"), add_station(engine)
    queued = jobs.DatabaseSpool()
    spool = StationSpool(queued, auto_print=False)
    for reason, occasion in (
        ("order complete", Occasion.ORDER_CLOSED),
        ("order complete", Occasion.REPRINT),  # the words a supervisor typed
        ("shipped short: ok", Occasion.SHIPPED_SHORT),
    ):
        with unit_of_work(engine) as s:
            spool.submit(s, PrintRequest(order, ("slip",), station, None, reason, occasion))
    with unit_of_work(engine, read_only=True) as s:
        assert len(s.scalars(select(PrintJob)).all()) == 2
        asked = s.scalars(select(AuditEvent).where(AuditEvent.action == "print.requested"))
        assert [e.details["occasion"] for e in asked] == [
            "order_closed",
            "reprint",
            "shipped_short",
        ]
