"""A waybill's bytes go to the printer only while its order may leave and the tracking
number on them is still its parcel's, on SQLite and PostgreSQL, through the real spool
to the virtual printer on 127.0.0.1: an interrupted label tried again or an old label
reprinted after a reopen is refused; one that waits anyway is cancelled by the spool
instead of sent (and recorded); a hold cancels the order's waiting waybills."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from app import order_actions, users
from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import AuditEvent, JobStatus, Order, OrderStatus, PrintJob, Station
from app.packing.print_request import Occasion, PrintRequest
from app.printing import jobs, printers, rendering, spool
from app.printing.config import PrintingConfig
from app.printing.job_gate import LabelVoided
from app.printing.print_service import PrintService
from app.shipping import tracking_pool
from app.shipping.tracking_numbers import CheckRule, check_digit
from printers.virtual import VirtualPrinter
from tests.app.acting import admin_id
from tests.app.printing.conftest import add_lead, add_order, add_station, wait_for

FAST = (0.05, 0.1, 0.2)


def _ups(n: int) -> str:
    body = f"1Z999AA101{n:07d}"
    return body + check_digit(body, CheckRule.UPS)


@pytest.fixture
def service(engine: Engine, tmp_path: Path) -> Iterator[PrintService]:
    svc = PrintService(
        engine, config=PrintingConfig(preview_folder=str(tmp_path / "previews")), backoff=FAST
    )
    yield svc
    svc.stop()


@pytest.fixture
def zebra(engine: Engine, tmp_path: Path) -> Iterator[VirtualPrinter]:
    """The counter's label printer, a real TCP listener; UPS numbers from a pool."""
    add_station(engine)
    pool = tmp_path / "ups.txt"
    pool.write_text("".join(f"{_ups(n)}\n" for n in range(1, 5)))
    tracking_pool.import_pool(engine, "UPS", pool, check_rule="ups", user_id=admin_id(engine))
    with VirtualPrinter(tmp_path / "zebra", port=0) as printer:
        printers.add_printer(
            engine,
            user_id=admin_id(engine),
            name="zebra",
            uri=printer.uri,
            language="zpl",
            size="100x150",
            station="counter-1",
            role="label",
        )
        yield printer


def _packed_order(engine: Engine, number: str) -> int:
    order_id = add_order(engine, number)
    with unit_of_work(engine) as s:
        s.get_one(Order, order_id).carrier = "UPS"
    return order_id


def _waybill(engine: Engine, service: PrintService, order_id: int) -> int:
    """The counter's waybill for the order, queued as its close queues it; its job."""
    with unit_of_work(engine) as s:
        station = s.scalars(select(Station.id).where(Station.name == "counter-1")).one()
        service.spool.submit(
            s,
            PrintRequest(
                order_id, ("waybill",), station, None, "order complete", Occasion.ORDER_CLOSED
            ),
        )
    with unit_of_work(engine, read_only=True) as s:
        return int(s.scalars(select(PrintJob.id).order_by(PrintJob.id.desc())).first() or 0)


def _printed(zebra: VirtualPrinter, n: int, timeout: float = 10) -> list[bytes]:
    """The labels the printer got, once it got ``n`` (or after ``timeout``, fewer)."""
    wait_for(lambda: len(zebra.jobs()) >= n, timeout=timeout)
    time.sleep(0.3)  # (one more would have come by now)
    return [f.read_bytes() for f in zebra.jobs()]


def _set(engine: Engine, job_id: int, status: JobStatus) -> None:
    with unit_of_work(engine) as s:
        s.execute(update(PrintJob).where(PrintJob.id == job_id).values(status=status))


def _packed_again(engine: Engine, order_id: int) -> None:
    """(Packed again at a counter, in short.)"""
    with unit_of_work(engine) as s:
        s.get_one(Order, order_id).status = OrderStatus.PACKED


def _job(engine: Engine, job_id: int) -> jobs.JobRow:
    (row,) = [j for j in jobs.list_jobs(engine, limit=500) if j.id == job_id]
    return row


def _withheld(engine: Engine, order_id: int) -> list[dict[str, object]]:
    with unit_of_work(engine, read_only=True) as s:
        return [
            dict(e.details)
            for e in s.scalars(
                select(AuditEvent).where(
                    AuditEvent.action == "print.withheld", AuditEvent.entity_id == order_id
                )
            )
        ]


def _supervisor(engine: Engine) -> int:
    return users.add_user(engine, name="Sup Su", badge="S-1", role="supervisor", trusted=True).id


def test_an_interrupted_waybill_is_not_tried_again_after_its_order_is_reopened(
    engine: Engine, service: PrintService, zebra: VirtualPrinter
) -> None:
    lead, boss = add_lead(engine), _supervisor(engine)
    order_id = _packed_order(engine, "#5001")
    job_id = _waybill(engine, service, order_id)
    assert service.wait_until_idle(15)
    (first,) = _printed(zebra, 1)
    assert _ups(1).encode() in first
    _set(engine, job_id, JobStatus.INTERRUPTED)  # (its program stopped as it was sent)
    order_actions.reopen(engine, order_id, user_id=boss, reason="one cup missing")
    _packed_again(engine, order_id)
    with pytest.raises(PackdeskError, match=f"tracking number {_ups(1)}, which was voided"):
        jobs.retry(engine, job_id, wake=service.wake, user_id=lead)
    assert service.wait_until_idle(15)
    assert _printed(zebra, 2, timeout=1) == [first]  # the voided label did not print again
    assert _job(engine, job_id).status is JobStatus.INTERRUPTED
    # waiting all the same (put back by a program of before, or any way not foreseen):
    # the spool cancels it instead of sending it, and says so
    _set(engine, job_id, JobStatus.PENDING)
    service.wake({_job_printer(engine, job_id)})
    assert wait_for(lambda: _job(engine, job_id).status is JobStatus.CANCELLED)
    assert _printed(zebra, 2, timeout=1) == [first]
    row = _job(engine, job_id)
    assert row.last_error is not None and "voided" in row.last_error
    (said,) = _withheld(engine, order_id)
    assert (said["job"], said["tracking_number"], said["live"]) == (job_id, _ups(1), None)
    assert (row.problem, row.refused_status) == ("label_withheld", None)


def _job_printer(engine: Engine, job_id: int) -> int:
    with unit_of_work(engine, read_only=True) as s:
        return s.get_one(PrintJob, job_id).printer_id


def test_a_waybill_from_before_a_reopen_is_not_reprinted_once_the_order_is_packed_again(
    engine: Engine, service: PrintService, zebra: VirtualPrinter
) -> None:
    lead, boss = add_lead(engine), _supervisor(engine)
    order_id = _packed_order(engine, "#5002")
    old = _waybill(engine, service, order_id)
    assert service.wait_until_idle(15)
    order_actions.reopen(engine, order_id, user_id=boss, reason="wrong size")
    _packed_again(engine, order_id)
    new = _waybill(engine, service, order_id)  # the counter's, when it is packed again
    assert service.wait_until_idle(15)
    first, second = _printed(zebra, 2)
    assert _ups(1).encode() in first and _ups(2).encode() in second
    with pytest.raises(PackdeskError, match=f"tracking number {_ups(1)}, which was voided"):
        jobs.reprint(engine, old, wake=service.wake, user_id=lead)
    assert service.wait_until_idle(15)
    assert _printed(zebra, 3, timeout=1) == [first, second]
    again = jobs.reprint(engine, new, wake=service.wake, user_id=lead)  # the live one may
    assert service.wait_until_idle(15)
    assert _printed(zebra, 3) == [first, second, second]
    assert _job(engine, again.id).status is JobStatus.DONE
    # the old one waiting all the same is cancelled at the send, not printed
    _set(engine, old, JobStatus.PENDING)
    service.wake({_job_printer(engine, old)})
    assert wait_for(lambda: _job(engine, old).status is JobStatus.CANCELLED)
    assert _printed(zebra, 4, timeout=1) == [first, second, second]
    assert [d["tracking_number"] for d in _withheld(engine, order_id)] == [_ups(1)]


def test_a_hold_cancels_the_order_s_waiting_waybills_and_the_spool_sends_none(
    engine: Engine, service: PrintService, zebra: VirtualPrinter
) -> None:
    lead, boss = add_lead(engine), _supervisor(engine)
    order_id = _packed_order(engine, "#5003")
    printed = _waybill(engine, service, order_id)
    assert service.wait_until_idle(15)
    (first,) = _printed(zebra, 1)
    service.stop()  # the printer's line is busy: what is queued now waits
    reprinted = jobs.reprint(engine, printed, user_id=lead).id
    order_actions.hold(engine, order_id, user_id=boss, reason="customer called")
    row = _job(engine, reprinted)
    assert (row.status, row.last_error) == (JobStatus.CANCELLED, "the order was put on hold")
    # (with its problem, for a screen's own words: the print queue, the counter)
    assert (row.problem, row.refused_status) == ("label_withheld", OrderStatus.ON_HOLD)
    # one waiting all the same is not sent: the spool asks the order at the send
    _set(engine, reprinted, JobStatus.PENDING)
    again = PrintService(engine, config=service.config, backoff=FAST)
    try:
        again.wake({_job_printer(engine, reprinted)})
        assert wait_for(lambda: _job(engine, reprinted).status is JobStatus.CANCELLED)
    finally:
        again.stop()
    assert _printed(zebra, 2, timeout=1) == [first]
    row = _job(engine, reprinted)
    assert row.last_error is not None and "#5003 is on_hold" in row.last_error
    assert (row.problem, row.refused_status) == ("label_withheld", OrderStatus.ON_HOLD)
    assert [d["status"] for d in _withheld(engine, order_id)] == ["on_hold"]


def test_a_waybill_whose_order_is_reopened_while_it_is_made_is_not_sent(
    engine: Engine, service: PrintService, zebra: VirtualPrinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counter's own waybill, claimed with no bytes yet: its order reopened once
    its label was made (numbered and laid out) and before it went to the printer."""
    boss = _supervisor(engine)
    order_id = _packed_order(engine, "#5004")
    making = rendering.render_job

    def made_then_reopened(*args: Any, **kwargs: Any) -> jobs.Rendered:
        made = making(*args, **kwargs)
        order_actions.reopen(engine, order_id, user_id=boss, reason="wrong colour")
        return made

    monkeypatch.setattr(rendering, "render_job", made_then_reopened)
    job_id = _waybill(engine, service, order_id)
    assert wait_for(lambda: _job(engine, job_id).status is JobStatus.CANCELLED)
    assert _printed(zebra, 1, timeout=1) == []
    row = _job(engine, job_id)
    assert (row.problem, row.refused_status) == ("label_withheld", OrderStatus.PACKING)
    (said,) = _withheld(engine, order_id)
    assert (said["job"], said["status"], said["tracking_number"]) == (job_id, "packing", _ups(1))


@pytest.mark.parametrize("made", ["before its claim", "at its claim"])
def test_a_waybill_whose_order_is_reopened_while_its_printer_is_asked_is_not_sent(
    engine: Engine,
    service: PrintService,
    zebra: VirtualPrinter,
    monkeypatch: pytest.MonkeyPatch,
    made: str,
) -> None:
    """The order reopened after the job was claimed (and its label made), while the
    printer's status is asked (a round trip of seconds), before the bytes are sent: a
    reprint's bytes made before the claim, or the counter's waybill made at it."""
    lead, boss = add_lead(engine), _supervisor(engine)
    order_id = _packed_order(engine, "#5005")
    before: list[bytes] = []
    if made == "before its claim":
        printed = _waybill(engine, service, order_id)
        assert service.wait_until_idle(15)
        before = _printed(zebra, 1)
    asked: list[str] = []

    def reopened_while_asked(printer: Any, transport: Any) -> None:
        if not asked:
            order_actions.reopen(engine, order_id, user_id=boss, reason="a cup cracked")
        asked.append(printer.name)

    monkeypatch.setattr(spool, "not_ready_reason", reopened_while_asked)
    if before:
        job_id = jobs.reprint(engine, printed, wake=service.wake, user_id=lead).id
    else:
        job_id = _waybill(engine, service, order_id)
    assert wait_for(lambda: _job(engine, job_id).status is JobStatus.CANCELLED)
    assert _printed(zebra, len(before) + 1, timeout=1) == before
    assert asked == ["zebra"]
    row = _job(engine, job_id)
    assert (row.problem, row.refused_status) == ("label_withheld", OrderStatus.PACKING)
    (said,) = _withheld(engine, order_id)
    assert (said["job"], said["status"]) == (job_id, "packing")


def _refused(engine: Engine, order_id: int) -> list[tuple[int | None, dict[str, object]]]:
    with unit_of_work(engine, read_only=True) as s:
        return [
            (e.user_id, dict(e.details))
            for e in s.scalars(
                select(AuditEvent)
                .where(AuditEvent.action == "waybill.refused", AuditEvent.entity_id == order_id)
                .order_by(AuditEvent.id)
            )
        ]


def test_a_voided_label_refused_to_a_retry_or_a_reprint_is_recorded(
    engine: Engine, service: PrintService, zebra: VirtualPrinter
) -> None:
    lead, boss = add_lead(engine), _supervisor(engine)
    order_id = _packed_order(engine, "#5006")
    job_id = _waybill(engine, service, order_id)
    assert service.wait_until_idle(15)
    _printed(zebra, 1)
    _set(engine, job_id, JobStatus.INTERRUPTED)
    order_actions.reopen(engine, order_id, user_id=boss, reason="one cup missing")
    _packed_again(engine, order_id)
    with pytest.raises(LabelVoided):
        jobs.retry(engine, job_id, wake=service.wake, user_id=lead)
    (retried,) = _refused(engine, order_id)
    with pytest.raises(LabelVoided):
        jobs.reprint(engine, job_id, wake=service.wake, user_id=lead)
    assert _refused(engine, order_id)[0] == retried
    for (who, said), how in zip(_refused(engine, order_id), ("retry", "reprint"), strict=True):
        assert who == lead and said["how"] == f"{how} of print job {job_id}"
        assert (said["order"], said["job"], said["tracking_number"]) == ("#5006", job_id, _ups(1))
        assert "which was voided" in str(said["message"])
    assert _job(engine, job_id).status is JobStatus.INTERRUPTED  # (the rest rolled back)
