"""The window's spool in a process of its own: jobs the window writes are printed by
the child, a child that dies is replaced, and a child whose window is gone ends."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app import db
from app.db import unit_of_work
from app.models import AuditEvent, JobStatus
from app.printing import print_process, printers
from app.printing.config import PrintingConfig
from app.printing.leases import LEASE
from app.printing.print_process import PrintProcess
from app.timeutil import utcnow
from printers.virtual import VirtualPrinter
from tests.app.acting import admin_id
from tests.app.printing.conftest import add_order, add_station, wait_for
from tests.app.printing.test_spool import _statuses, _submit, _wait_files


@pytest.fixture
def station(engine: Engine) -> int:
    return add_station(engine, "counter-1")


@pytest.fixture
def zebra(engine: Engine, station: int, tmp_path: Path) -> Iterator[VirtualPrinter]:
    """Counter-1's label printer, on the network."""
    with VirtualPrinter(tmp_path / "zebra", port=0) as printer:
        printers.add_printer(
            engine,
            user_id=admin_id(engine),
            name="zebra",
            uri=printer.uri,
            language="zpl",
            station="counter-1",
        )
        yield printer


@pytest.fixture
def process(engine: Engine, tmp_path: Path) -> Iterator[PrintProcess]:
    proc = PrintProcess(engine, config=PrintingConfig(preview_folder=str(tmp_path / "previews")))
    yield proc.start()
    proc.stop(timeout=2)


def test_the_child_prints_what_the_window_queues(
    engine: Engine, process: PrintProcess, station: int, zebra: VirtualPrinter, tmp_path: Path
) -> None:
    _submit(engine, process, add_order(engine, "#5001"), station)  # waybill and slip
    assert wait_for(lambda: _statuses(engine) == [JobStatus.DONE, JobStatus.DONE])
    (label,) = _wait_files(tmp_path / "zebra", 1)
    assert b"#5001" in label.read_bytes()
    assert len(list((tmp_path / "previews").glob("*.png"))) == 1  # the slip
    assert process.pid is not None and process.pid != os.getpid()


def test_new_document_settings_reach_the_child(
    engine: Engine, process: PrintProcess, station: int, zebra: VirtualPrinter, tmp_path: Path
) -> None:
    _submit(engine, process, add_order(engine, "#5201"), station, ("waybill",))
    assert wait_for(lambda: len(zebra.jobs()) == 1)
    sender = replace(process.config.sender, name="North Dock 7")
    process.use_config(replace(process.config, sender=sender))
    _submit(engine, process, add_order(engine, "#5202"), station, ("waybill",))
    assert wait_for(lambda: len(zebra.jobs()) == 2)
    before, after = (job.read_bytes() for job in sorted(zebra.jobs()))
    assert b"North Dock 7" not in before and b"North Dock 7" in after


def test_a_child_that_dies_is_replaced_at_the_next_job_and_takes_its_printer_back(
    engine: Engine,
    process: PrintProcess,
    station: int,
    zebra: VirtualPrinter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(print_process, "RESTART_PAUSE", 0.0)
    _submit(engine, process, add_order(engine, "#5101"), station, ("waybill",))
    assert wait_for(lambda: _statuses(engine) == [JobStatus.DONE])  # recorded too
    first = process.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)  # it held the printer's lease
    assert wait_for(lambda: process.pid is None, 10)
    _submit(engine, process, add_order(engine, "#5102"), station, ("waybill",))
    # under the window's one lease name: no wait for the dead child's lease
    assert wait_for(lambda: len(zebra.jobs()) == 2, timeout=LEASE / 2)
    assert process.pid not in (None, first)
    assert wait_for(lambda: _statuses(engine) == [JobStatus.DONE, JobStatus.DONE], 5)


def test_a_child_that_keeps_dying_is_not_restarted_at_once_and_the_scan_never_hears(
    engine: Engine, process: PrintProcess, station: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(print_process, "RESTART_PAUSE", 3600.0)
    first = process.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    assert wait_for(lambda: process.pid is None, 10)
    _submit(engine, process, add_order(engine, "#5103"), station, ("slip",))  # no error
    assert process.pid is None
    assert _statuses(engine) == [JobStatus.PENDING]  # kept for a later child


def test_the_child_ends_when_the_window_is_gone(engine: Engine, tmp_path: Path) -> None:
    proc = PrintProcess(engine, config=PrintingConfig(preview_folder=str(tmp_path / "p")))
    proc.start()
    child = proc._process
    assert child is not None and child.is_alive()
    assert proc._pipe is not None
    proc._pipe.close()  # what the window's death does to its end of the pipe
    child.join(15)
    assert not child.is_alive()


def test_a_database_in_memory_cannot_be_shared() -> None:
    from app import db

    with pytest.raises(ValueError, match="in memory"):
        PrintProcess(db.make_engine("sqlite://"), config=PrintingConfig())


def test_the_child_checkpoints_the_wal_while_the_window_keeps_it_busy(
    sqlite_url: str, tmp_path: Path
) -> None:
    """The window's commits leave the WAL to the child, which copies it into the
    database every few seconds even while the window's messages keep coming (at a
    busy counter it is never idle for long)."""
    window = db.make_engine(sqlite_url)
    db.defer_checkpoints(window)
    path = db.sqlite_path(window)
    assert path is not None
    config = PrintingConfig(preview_folder=str(tmp_path / "previews"))
    process = PrintProcess(window, config=config, checkpoint_every=0.3).start()
    try:
        with unit_of_work(window) as s:  # a few dozen pages, in the WAL only
            s.add_all(
                AuditEvent(at=utcnow(), action="test", details={"filler": "x" * 1000})
                for _ in range(100)
            )
        before = path.stat().st_size

        def grown_while_busy() -> bool:
            process.wake(set())  # a message every 20 ms: the child is never idle
            return path.stat().st_size > before

        assert wait_for(grown_while_busy, timeout=5)
    finally:
        process.stop(timeout=2)
        window.dispose()
