"""The waybill rule holds at the moment the print job is written: a supervisor who
reopens an order while a lead asks for its waybill by hand either gets there first
(the waybill is refused, and the refusal recorded) or second (the job written just
before is cancelled with the order's other waiting waybills). No waybill job is
left to print for a box being packed again, on SQLite and PostgreSQL both."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app import order_actions, users
from app.cli import main, print_cmd
from app.db import unit_of_work
from app.models import JobStatus, Order, OrderStatus, PrintJob
from app.printing import jobs, printers
from app.shipping.waybill_rule import WaybillRefused
from tests.app.printing.conftest import add_order
from tests.app.test_acting_commands import _audit

TIMEOUT = 30


def _someone_waits(engine: Engine) -> None:
    """Until another transaction waits for a lock this one holds (PostgreSQL), or a
    moment (SQLite: a writer's BEGIN IMMEDIATE waits for the write lock unseen)."""
    if engine.dialect.name != "postgresql":
        time.sleep(1.0)
        return
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with engine.connect() as conn:
            waiting = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND wait_event_type = 'Lock'"
            ).scalar()
        if waiting:
            return
        time.sleep(0.02)


@contextmanager
def _in_another_thread(work: Callable[[], object]) -> Iterator[list[BaseException]]:
    """``work`` running meanwhile; its errors, said once it is done."""
    errors: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except Exception as error:  # (said by the test)
            errors.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    try:
        yield errors
    finally:
        thread.join(TIMEOUT)
        assert not thread.is_alive(), f"still waiting after {TIMEOUT} s"


@contextmanager
def _reopening(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, order_id: int, boss: int
) -> Iterator[Callable[[], None]]:
    """A supervisor's reopen of the order, begun in another thread when the block
    calls what this gives: that returns while the reopen's transaction has the order
    (packing, its labels voided, its waiting waybills cancelled) uncommitted, and it
    commits once the block waits for it. A check read before then still sees the
    order packed."""
    go, holding = threading.Event(), threading.Event()
    voiding = order_actions._void_labels

    def void_then_wait(s: Session, oid: int) -> None:
        voiding(s, oid)
        holding.set()
        _someone_waits(engine)

    def reopen() -> None:
        assert go.wait(TIMEOUT)
        order_actions.reopen(engine, order_id, user_id=boss, reason="one cup missing")

    def begin() -> None:
        go.set()
        assert holding.wait(TIMEOUT)

    monkeypatch.setattr(order_actions, "_void_labels", void_then_wait)
    with _in_another_thread(reopen) as errors:
        try:
            yield begin
        finally:
            go.set()  # (the thread ends whatever the block did)
    assert errors == []
    assert holding.is_set()


@dataclass(frozen=True)
class Asking:
    """A waybill asked for by hand by ``lead``, while ``reopen`` is begun."""

    engine: Engine
    lead: int
    order_id: int
    job_id: int
    folder: Path
    reopen: Callable[[], None]
    monkeypatch: pytest.MonkeyPatch


def _setup(engine: Engine) -> tuple[int, int, int, int]:
    """A packed order with a waybill printed; a lead, a supervisor, the job."""
    lead = users.add_user(engine, name="Lead Lin", badge="L-1", role="lead", trusted=True).id
    boss = users.add_user(engine, name="Sup Su", badge="S-1", role="supervisor", trusted=True).id
    order_id = add_order(engine, "#1001")
    with unit_of_work(engine) as s:
        printer = printers.preview_printer(s)
        job = jobs.add_job(s, printer, "waybill", order_id=order_id, payload=b"^XA^XZ")
        job.status = JobStatus.DONE
        s.flush()
        job_id = job.id
    return lead, boss, order_id, job_id


def _waybills_to_print(engine: Engine, order_id: int) -> list[int]:
    with unit_of_work(engine, read_only=True) as s:
        return list(
            s.scalars(
                select(PrintJob.id).where(
                    PrintJob.order_id == order_id,
                    PrintJob.document == "waybill",
                    PrintJob.status == JobStatus.PENDING,
                )
            )
        )


def _status(engine: Engine, order_id: int) -> OrderStatus:
    with unit_of_work(engine, read_only=True) as s:
        return OrderStatus(s.scalar(select(Order.status).where(Order.id == order_id)))


def _reprint_of_the_job(a: Asking) -> str:
    a.reopen()
    with pytest.raises(WaybillRefused, match="#1001 is packing, not packed yet"):
        jobs.reprint(a.engine, a.job_id, user_id=a.lead)
    return f"reprint of print job {a.job_id}"


def _reprint_from_the_board(a: Asking) -> str:
    a.reopen()
    with pytest.raises(WaybillRefused, match="#1001 is packing, not packed yet"):
        order_actions.reprint(
            a.engine,
            a.order_id,
            user_id=a.lead,
            reason="smudged",
            documents=("waybill",),
            spool=jobs.DatabaseSpool(),
        )
    return "reprint from the board"


def _print_to_a_file(a: Asking) -> str:
    """(The reopen begins once the command has its database and its person: on
    SQLite, opening the database waits for a writer.)"""
    signing_in = print_cmd.acting_user

    def sign_in_then_reopen(*args: Any) -> Any:
        actor = signing_in(*args)
        a.reopen()
        return actor

    a.monkeypatch.setattr(print_cmd, "acting_user", sign_in_then_reopen)
    url = a.engine.url.render_as_string(hide_password=False)
    out = a.folder / "waybill.png"
    command = ["print", "#1001", "--doc", "waybill", "--out", str(out), "--db", url]
    assert main([*command, "--as", "L-1"]) == 2
    assert not out.exists()
    assert _audit(url, "print.waybill") == []
    return f"print --doc waybill --out {out}"


@pytest.mark.parametrize(
    "ask",
    [_reprint_of_the_job, _reprint_from_the_board, _print_to_a_file],
    ids=lambda ask: str(ask.__name__).strip("_"),
)
def test_a_waybill_asked_while_the_order_is_reopened_is_refused_and_recorded(
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    ask: Callable[[Asking], str],
) -> None:
    """The reopen commits after a check read beside the printing would have seen the
    order packed, and before the printing writes: the printing, which reads the order
    locked in its own transaction, sees it packing."""
    lead, boss, order_id, job_id = _setup(engine)
    with _reopening(engine, monkeypatch, order_id, boss) as reopen:
        how = ask(Asking(engine, lead, order_id, job_id, tmp_path, reopen, monkeypatch))
    assert _status(engine, order_id) is OrderStatus.PACKING
    assert _waybills_to_print(engine, order_id) == []
    url = engine.url.render_as_string(hide_password=False)
    (refused,) = _audit(url, "waybill.refused")
    assert refused[0] == "Lead Lin" and refused[1]["order"] == "#1001"
    assert refused[1]["how"] == how
    assert _audit(url, "print.reprint") == []


def test_a_reprint_written_as_the_order_is_reopened_is_cancelled_by_the_reopen(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other way round: the reprint has the order first and writes its job; the
    reopen waits for it, then cancels the job with the order's waiting waybills."""
    lead, boss, order_id, job_id = _setup(engine)
    written = threading.Event()
    recording = jobs.record_job

    def record_then_wait(s: Session, job: PrintJob, *args: object, **kwargs: object) -> None:
        recording(s, job, *args, **kwargs)  # type: ignore[arg-type]
        written.set()
        _someone_waits(engine)  # (the reopen waits for the order)

    monkeypatch.setattr(jobs, "record_job", record_then_wait)

    def reopen_once_written() -> None:
        assert written.wait(TIMEOUT)
        order_actions.reopen(engine, order_id, user_id=boss, reason="one cup missing")

    with _in_another_thread(reopen_once_written) as errors:
        reprinted = jobs.reprint(engine, job_id, user_id=lead)
    assert errors == []
    assert _status(engine, order_id) is OrderStatus.PACKING
    assert _waybills_to_print(engine, order_id) == []
    with unit_of_work(engine, read_only=True) as s:
        job = s.get_one(PrintJob, reprinted.id)
        assert (job.status, job.last_error) == (JobStatus.CANCELLED, "the order was reopened")
