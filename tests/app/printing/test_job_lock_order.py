"""A person's action on a waiting waybill job (cancel, try again) and a supervisor's
reopen of its order at the same moment both finish, one after the other, on
PostgreSQL: both lock the order first, then the central chain heads, then the job.
(Before, the job's action locked the job and then wanted the heads, which the reopen
held while it wanted the job: PostgreSQL failed one of them on a deadlock.)"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

from app import order_actions, users
from app.db import unit_of_work
from app.models import JobStatus, Order, OrderStatus, PrintJob
from app.printing import jobs, printers
from tests.app.printing.conftest import add_lead, add_order
from tests.app.shipping.test_waybill_rule_race import _in_another_thread, _someone_waits

TIMEOUT = 30


def _cancel(engine: Engine, job_id: int, lead: int) -> None:
    jobs.cancel(engine, job_id, user_id=lead)


def _retry(engine: Engine, job_id: int, lead: int) -> None:
    jobs.retry(engine, job_id, user_id=lead)


@pytest.mark.parametrize("act", [_cancel, _retry], ids=["cancel", "retry"])
def test_a_job_s_action_and_its_order_s_reopen_at_once_both_finish(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, act: Callable[[Engine, int, int], None]
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite takes one write lock for the whole transaction")
    lead = add_lead(engine)
    boss = users.add_user(engine, name="Sup Su", badge="S-1", role="supervisor", trusted=True).id
    order_id = add_order(engine, "#6001")
    with unit_of_work(engine) as s:
        printer = printers.preview_printer(s)
        job = jobs.add_job(s, printer, "waybill", order_id=order_id, payload=b"^XA^XZ")
        s.flush()
        job_id = job.id
    # the job's action stops once it holds the job (and, now, its order and the heads)
    holding, go = threading.Event(), threading.Event()
    recording = jobs.record_job

    def hold_then_record(*args: Any, **kwargs: Any) -> None:
        holding.set()
        assert go.wait(TIMEOUT)
        recording(*args, **kwargs)

    monkeypatch.setattr(jobs, "record_job", hold_then_record)

    def reopen() -> None:
        order_actions.reopen(engine, order_id, user_id=boss, reason="one cup missing")

    with _in_another_thread(lambda: act(engine, job_id, lead)) as acting:
        assert holding.wait(TIMEOUT)
        with _in_another_thread(reopen) as reopening:
            _someone_waits(engine)  # the reopen waits for a lock the action holds
            go.set()
    # (before: one of them failed, its cause psycopg's DeadlockDetected)
    failed = [repr(e.__cause__ or e) for e in acting + reopening]
    assert failed == []
    with unit_of_work(engine, read_only=True) as s:
        assert OrderStatus(s.get_one(Order, order_id).status) is OrderStatus.PACKING
        status = s.get_one(PrintJob, job_id).status
    # a cancel comes first; a retry's waiting job is then cancelled by the reopen
    assert status is JobStatus.CANCELLED
