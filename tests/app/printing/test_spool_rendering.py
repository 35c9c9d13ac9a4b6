"""The spool renders outside the database transaction: a slow slip never holds
SQLite's write lock from the next scan."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from app.db import unit_of_work
from app.models import JobStatus, Order, PrintJob
from app.printing import build, rendering
from app.printing.config import PrintingConfig
from app.printing.print_service import PrintService
from tests.app.printing.conftest import add_order, add_station
from tests.app.printing.test_spool import _statuses, _submit, _wait_files

FAST = (0.05, 0.1, 0.2)


# the two slow steps of a job: reading the order into a layout, and rendering it
@pytest.mark.parametrize("slow_step", ["slip_data", "render"])
def test_a_slow_job_holds_no_lock_and_still_prints(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slow_step: str
) -> None:
    busy, release = threading.Event(), threading.Event()
    real_step = getattr(build, slow_step)

    def slow(*args: Any, **kwargs: Any) -> Any:
        busy.set()
        assert release.wait(10)
        return real_step(*args, **kwargs)

    monkeypatch.setattr(build, slow_step, slow)
    svc = PrintService(
        engine, config=PrintingConfig(preview_folder=str(tmp_path / "previews")), backoff=FAST
    )
    try:
        station = add_station(engine)
        order = add_order(engine, "#3001")
        _submit(engine, svc, order, station, ("slip",))
        assert busy.wait(10)
        started = time.monotonic()
        with unit_of_work(engine) as s:  # what the next scan does: a write
            s.execute(update(Order).where(Order.id == order).values(priority=5))
        assert time.monotonic() - started < 1.0  # no wait for the busy timeout
        release.set()
        assert svc.wait_until_idle(15)
        assert _statuses(engine) == [JobStatus.DONE]
        assert len(_wait_files(tmp_path / "previews", 1, "*.png")) == 1
    finally:
        release.set()
        svc.stop()


def test_a_job_that_cannot_be_read_or_rendered_is_never_left_sending(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database that does not answer puts the job back in the queue; a bug fails it
    for a person to see. Neither leaves it "sending" (which would later read as
    "interrupted: it may have printed", though nothing went out)."""
    from app.errors import DatabaseProblem

    real = rendering.render_job
    troubles = [DatabaseProblem("The database server cannot be reached."), RuntimeError("bug")]

    def troubled(*args: Any, **kwargs: Any) -> bytes:
        if troubles:
            raise troubles.pop(0)
        return real(*args, **kwargs)

    monkeypatch.setattr(rendering, "render_job", troubled)
    svc = PrintService(
        engine, config=PrintingConfig(preview_folder=str(tmp_path / "previews")), backoff=FAST
    )
    try:
        station = add_station(engine)
        _submit(engine, svc, add_order(engine, "#3201"), station, ("slip",))
        _submit(engine, svc, add_order(engine, "#3202"), station, ("slip",))
        assert svc.wait_until_idle(15)
        # the first was put back, met the bug and failed; the second printed
        assert _statuses(engine) == [JobStatus.FAILED, JobStatus.DONE]
        with unit_of_work(engine, read_only=True) as s:
            failed = s.scalars(select(PrintJob).order_by(PrintJob.id)).first()
            assert failed is not None and failed.last_error == "Cannot render: bug"
            assert failed.attempts == 2
    finally:
        svc.stop()
