"""One printer, two programs: the spool's lease on SQLite and PostgreSQL.

Two print services on one database, each with its own engine as two programs would
have, both run a worker for the same printer; the virtual printer on 127.0.0.1 counts
what really arrives. Then the same with real separate processes, one of them killed
between the last byte and the record of the job.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from app import db
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import JobStatus, Printer, PrintJob
from app.printing import jobs
from app.printing.config import PrintingConfig
from app.printing.leases import INTERRUPTED
from app.printing.print_service import PrintService
from printers.transports import Transport, open_transport
from printers.transports.base import Complete
from printers.virtual import VirtualPrinter
from tests.app.printing.conftest import add_lead, wait_for

FAST = (0.05, 0.1, 0.2)
LEASE = 1.0  # seconds: a dead holder's printer is taken over this long after its last renewal
ROOT = Path(__file__).resolve().parents[3]


class Recording:
    """A real transport that notes who sent what, and can be held mid-send."""

    def __init__(self, inner: Transport, sent: list[bytes], gate: threading.Event) -> None:
        self.inner, self.sent, self.gate = inner, sent, gate

    @property
    def uri(self) -> str:
        return self.inner.uri

    def send(self, data: bytes, *, title: str = "packdesk job") -> None:
        self.gate.wait()
        self.inner.send(data, title=title)
        self.sent.append(data)

    def query(self, request: bytes, complete: Complete, timeout: float) -> bytes:
        return self.inner.query(request, complete, timeout)


class Counter:
    """One program: its own engine, its own print service, what its worker sent."""

    def __init__(self, url: str, previews: Path) -> None:
        self.engine = db.make_engine(url)
        self.sent: list[bytes] = []
        self.gate = threading.Event()
        self.gate.set()
        self.service = PrintService(
            self.engine,
            config=PrintingConfig(preview_folder=str(previews)),
            transport_factory=self.transport,
            backoff=FAST,
            lease=LEASE,
        )

    def transport(self, uri: str, previews: Path) -> Transport:
        return Recording(open_transport(uri, preview_folder=previews), self.sent, self.gate)

    def close(self) -> None:
        self.gate.set()
        self.service.stop()
        self.engine.dispose()


@pytest.fixture
def counters(db_url: str, tmp_path: Path) -> Iterator[Callable[[], Counter]]:
    made: list[Counter] = []

    def make() -> Counter:
        made.append(Counter(db_url, tmp_path / "previews"))
        return made[-1]

    yield make
    for counter in made:
        counter.close()


@pytest.fixture
def zebra(tmp_path: Path) -> Iterator[VirtualPrinter]:
    with VirtualPrinter(tmp_path / "zebra", port=0) as printer:
        yield printer


def add_printer(engine: Engine, uri: str) -> int:
    with unit_of_work(engine) as s:
        printer = Printer(name="zebra", uri=uri, language="zpl", options={})
        s.add(printer)
        s.flush()
        return printer.id


def queue(engine: Engine, printer_id: int, mark: str, status: JobStatus = JobStatus.PENDING) -> int:
    """A waybill job with ready bytes that say ``mark``; queued by a third program."""
    with unit_of_work(engine) as s:
        printer = s.get_one(Printer, printer_id)
        job = jobs.add_job(s, printer, "waybill", payload=f"^XA^FD{mark}^FS^XZ".encode())
        job.status = status
        s.flush()
        return job.id


def status_of(engine: Engine, job_id: int) -> JobStatus:
    with unit_of_work(engine, read_only=True) as s:
        return s.get_one(PrintJob, job_id).status


def holder_of(engine: Engine, printer_id: int) -> str | None:
    with unit_of_work(engine, read_only=True) as s:
        return s.scalar(select(Printer.lease_holder).where(Printer.id == printer_id))


def printed(printer: VirtualPrinter, mark: str) -> int:
    return sum(1 for f in printer.jobs() if f"^FD{mark}^FS".encode() in f.read_bytes())


def test_two_programs_on_one_printer_print_every_job_once_and_one_of_them_sends(
    engine: Engine, counters: Callable[[], Counter], zebra: VirtualPrinter
) -> None:
    printer = add_printer(engine, zebra.uri)
    a, b = counters(), counters()
    marks = [f"#{7000 + i}" for i in range(10)]
    ids = []
    for i, mark in enumerate(marks):  # each program queues half and wakes its own worker
        ids.append(queue(engine, printer, mark))
        (a if i % 2 else b).service.wake({printer})
    assert wait_for(lambda: all(status_of(engine, j) is JobStatus.DONE for j in ids))
    assert wait_for(lambda: len(zebra.jobs()) == len(marks), 5)
    time.sleep(0.3)  # nothing more arrives
    assert [printed(zebra, m) for m in marks] == [1] * len(marks)
    senders = [c for c in (a, b) if c.sent]
    assert len(senders) == 1 and len(senders[0].sent) == len(marks)
    assert holder_of(engine, printer) == senders[0].service.holder
    sent_in_order = [m for p in senders[0].sent for m in marks if m.encode() in p]
    assert sent_in_order == marks


def test_a_program_starting_leaves_the_job_another_is_sending_alone(
    engine: Engine, counters: Callable[[], Counter], zebra: VirtualPrinter
) -> None:
    """The fault this lease mends: a second program's worker starting used to put the
    first's job under way back in the queue, and the label printed twice."""
    printer = add_printer(engine, zebra.uri)
    a = counters()
    a.gate.clear()  # a's send takes a while (a slow line): longer than the lease
    job = queue(engine, printer, "#7101")
    a.service.wake({printer})
    assert wait_for(lambda: status_of(engine, job) is JobStatus.SENDING)
    b = counters()
    b.service.start()  # resumes printers with unfinished jobs: this one
    time.sleep(3 * LEASE)  # a keeps renewing while it sends; b waits
    assert status_of(engine, job) is JobStatus.SENDING
    assert holder_of(engine, printer) == a.service.holder and b.sent == []
    a.gate.set()
    assert wait_for(lambda: status_of(engine, job) is JobStatus.DONE)
    assert wait_for(lambda: printed(zebra, "#7101") == 1, 5)
    time.sleep(0.3)
    assert printed(zebra, "#7101") == 1 and b.sent == []


def test_the_holder_stopping_hands_the_printer_to_the_other(
    engine: Engine, counters: Callable[[], Counter], zebra: VirtualPrinter
) -> None:
    printer = add_printer(engine, zebra.uri)
    a, b = counters(), counters()
    first = queue(engine, printer, "#7201")
    a.service.wake({printer})
    assert wait_for(lambda: status_of(engine, first) is JobStatus.DONE)
    b.service.wake({printer})
    a.service.stop()  # the window closes: it lets go of the printer
    assert holder_of(engine, printer) is None
    second = queue(engine, printer, "#7202")
    b.service.wake({printer})
    assert wait_for(lambda: status_of(engine, second) is JobStatus.DONE)
    assert holder_of(engine, printer) == b.service.holder
    assert (len(a.sent), len(b.sent)) == (1, 1)
    assert wait_for(lambda: printed(zebra, "#7201") == printed(zebra, "#7202") == 1, 5)


def test_a_dead_holders_printer_is_taken_over_once_its_lease_runs_out(
    engine: Engine, counters: Callable[[], Counter], zebra: VirtualPrinter
) -> None:
    """A program that died mid-send (nobody let go): its job is interrupted, not sent
    again; the jobs behind it print; "Try again" sends it once more."""
    printer = add_printer(engine, zebra.uri)
    with unit_of_work(engine) as s:  # a program on another counter, killed mid-send
        s.execute(
            update(Printer)
            .where(Printer.id == printer)
            .values(
                lease_holder="counter-9 pid 4242 0badc0ffee00",
                lease_expires_at=db_now(s) + timedelta(seconds=LEASE),
            )
        )
    stuck = queue(engine, printer, "#7301", JobStatus.SENDING)
    behind = queue(engine, printer, "#7302")
    b = counters()
    b.service.start()
    time.sleep(LEASE / 2)
    assert b.sent == [] and status_of(engine, stuck) is JobStatus.SENDING  # still its lease
    assert wait_for(lambda: status_of(engine, behind) is JobStatus.DONE)
    with unit_of_work(engine, read_only=True) as s:
        job = s.get_one(PrintJob, stuck)
        assert job.status is JobStatus.INTERRUPTED and job.last_error == INTERRUPTED
    assert printed(zebra, "#7301") == 0 and b.service.wait_until_idle(5)

    lead = add_lead(engine)
    with pytest.raises(PackdeskError, match="only failed, interrupted or waiting"):
        jobs.retry(engine, behind, user_id=lead)
    row = jobs.retry(engine, stuck, wake=b.service.wake, user_id=lead)
    assert row.status is JobStatus.PENDING and row.last_error is None
    assert wait_for(lambda: status_of(engine, stuck) is JobStatus.DONE)
    assert wait_for(lambda: printed(zebra, "#7301") == 1, 5)
    assert [m for p in b.sent for m in ("#7301", "#7302") if m.encode() in p] == [
        "#7302",
        "#7301",
    ]


def test_an_interrupted_job_that_printed_after_all_can_be_cancelled(
    engine: Engine, counters: Callable[[], Counter], zebra: VirtualPrinter
) -> None:
    printer = add_printer(engine, zebra.uri)
    stuck = queue(engine, printer, "#7401", JobStatus.SENDING)  # nobody holds the printer
    b = counters()
    b.service.start()
    assert wait_for(lambda: status_of(engine, stuck) is JobStatus.INTERRUPTED)
    assert jobs.cancel(engine, stuck, user_id=add_lead(engine)).status is JobStatus.CANCELLED
    time.sleep(0.3)
    assert b.sent == [] and printed(zebra, "#7401") == 0


def _spool_process(url: str, printer: int, flag: Path) -> subprocess.Popen[str]:
    program = [sys.executable, "-m", "tests.app.printing.spool_process"]
    proc = subprocess.Popen(
        [*program, url, str(printer), str(LEASE), "#STOP"],
        cwd=ROOT,
        env={**os.environ, "PACKDESK_TEST_STOPPED": str(flag)},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_two_processes_one_killed_between_the_last_byte_and_the_record(
    db_url: str, engine: Engine, zebra: VirtualPrinter, tmp_path: Path
) -> None:
    printer = add_printer(engine, zebra.uri)
    flag = tmp_path / "stopped"
    procs = [_spool_process(db_url, printer, flag) for _ in range(2)]
    try:
        pids = {str(p.pid): p for p in procs}
        firsts = [queue(engine, printer, f"#{7500 + i}") for i in range(4)]
        assert wait_for(lambda: all(status_of(engine, j) is JobStatus.DONE for j in firsts))
        holder = holder_of(engine, printer) or ""
        assert [pid for pid in pids if f" pid {pid} " in holder] != []

        stopped = queue(engine, printer, "#STOP")  # its program dies as it sends this
        assert wait_for(lambda: flag.exists() and flag.read_text() in pids)
        dead = pids.pop(flag.read_text())
        assert f" pid {dead.pid} " in (holder_of(engine, printer) or "")
        dead.kill()
        dead.wait()
        later = queue(engine, printer, "#7510")
        assert wait_for(lambda: status_of(engine, later) is JobStatus.DONE)
        (survivor,) = pids.values()
        assert f" pid {survivor.pid} " in (holder_of(engine, printer) or "")
        assert status_of(engine, stopped) is JobStatus.INTERRUPTED
        assert printed(zebra, "#STOP") == 1  # it did print; nothing sent it again

        jobs.retry(engine, stopped, user_id=add_lead(engine))  # a person decides: once more
        assert wait_for(lambda: status_of(engine, stopped) is JobStatus.DONE)
        assert wait_for(lambda: printed(zebra, "#STOP") == 2, 5)
        time.sleep(0.3)
        marks = [f"#{7500 + i}" for i in range(4)] + ["#7510"]
        assert [printed(zebra, m) for m in marks] == [1] * len(marks)
        assert len(zebra.jobs()) == len(marks) + 2
    finally:
        for proc in procs:
            proc.kill()
            proc.wait()
