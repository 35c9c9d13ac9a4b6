"""The spool: one worker thread per printer sends that printer's jobs in order.

A job is claimed (pending -> sending) in its own transaction, rendered if it has no
bytes yet, sent, and marked done only after the transport wrote every byte. When the
printer is off, unreachable or (for printers whose status is checked) out of paper,
the job goes back to pending with the reason and the same job is tried again after a
back-off (cut short when another job is queued for the printer); later jobs wait
behind it, so the order holds. Rendering problems (an address that cannot fit, a bad
tracking number) fail that job for a person to look at, and the queue moves on. On
start, jobs left in "sending" by a stopped program are pending again (they are sent
again: a crash between the last byte and the commit can print one label twice;
nothing is lost).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Engine, select, update

from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import JobStatus, Printer, PrintJob
from app.printing import jobs
from app.printing.config import PrintingConfig
from app.printing.config import load as load_config
from app.timeutil import utcnow
from printers.errors import PrintingError, TransportError
from printers.transports import Transport, open_transport

log = logging.getLogger(__name__)

BACKOFF = (0.5, 1.0, 2.0, 4.0, 8.0, 10.0)  # a returning printer waits at most 10 s
POLL = 1.0  # seconds between looks for jobs queued by other programs
TransportFactory = Callable[[str, Path], Transport]


def _default_transport(uri: str, previews: Path) -> Transport:
    return open_transport(uri, preview_folder=previews)


def not_ready_reason(printer: Printer, transport: Transport) -> str | None:
    """For printers whose status is checked: why it cannot print now, or None."""
    from printers import status

    if not (printer.options or {}).get("check_status"):
        return None
    st = (
        status.zebra_status(transport)
        if printer.language == "zpl"
        else status.tspl_status(transport)
    )
    return None if st.ready else ", ".join(st.problems)


class PrinterWorker(threading.Thread):
    def __init__(
        self,
        engine: Engine,
        printer_id: int,
        *,
        config: PrintingConfig,
        transport_factory: TransportFactory = _default_transport,
        backoff: Sequence[float] = BACKOFF,
    ) -> None:
        super().__init__(name=f"printer-{printer_id}", daemon=True)
        self.engine = engine
        self.printer_id = printer_id
        self.config = config
        self.transport_factory = transport_factory
        self.backoff = tuple(backoff)
        self.failures = 0
        self._wake = threading.Event()
        self._halt = threading.Event()
        self.idle = threading.Event()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._halt.set()
        self._wake.set()

    def run(self) -> None:
        self._resume()
        while not self._halt.is_set():
            try:
                job_id = self._claim_next()
            except Exception:
                log.exception("printer %s: cannot read the queue", self.printer_id)
                self._halt.wait(POLL)
                continue
            if job_id is None:
                self.idle.set()
                self._wake.wait(POLL)
                self._wake.clear()
                continue
            self.idle.clear()
            try:
                self._deliver(job_id)
            except Exception:
                log.exception("printer %s: job %s", self.printer_id, job_id)
                self._halt.wait(POLL)

    def _resume(self) -> None:
        with unit_of_work(self.engine) as s:
            s.execute(
                update(PrintJob)
                .where(PrintJob.printer_id == self.printer_id, PrintJob.status == JobStatus.SENDING)
                .values(status=JobStatus.PENDING)
            )

    def _claim_next(self) -> int | None:
        with unit_of_work(self.engine) as s:
            job_id = s.scalar(
                select(PrintJob.id)
                .where(PrintJob.printer_id == self.printer_id, PrintJob.status == JobStatus.PENDING)
                .order_by(PrintJob.id)
                .limit(1)
            )
            if job_id is None:
                return None
            claimed = s.execute(
                update(PrintJob)
                .where(PrintJob.id == job_id, PrintJob.status == JobStatus.PENDING)
                .values(status=JobStatus.SENDING, attempts=PrintJob.attempts + 1)
            )
            return job_id if claimed.rowcount == 1 else None  # type: ignore[attr-defined]

    def _deliver(self, job_id: int) -> None:
        rendered: dict[str, bytes] = {}  # bytes rendered now: stored with the outcome
        with unit_of_work(self.engine) as s:
            job = s.get_one(PrintJob, job_id)
            printer = s.get_one(Printer, job.printer_id)
            payload = job.payload
            if payload is None:
                try:
                    payload = jobs.render_payload(s, job, self.config)
                except (PrintingError, PackdeskError) as exc:
                    job.status = JobStatus.FAILED
                    job.last_error = str(exc)[:500]
                    return
                # written with the outcome below, in the same commit: one write (and
                # one fsync) fewer between the order's close and the printer's first byte
                rendered["payload"] = payload
            title = f"{job.document}-{job.id}"
        try:
            transport = self.transport_factory(printer.uri, self.config.previews())
            reason = not_ready_reason(printer, transport)
            if reason:
                raise TransportError(f"{printer.name} is not ready: {reason}")
            transport.send(payload, title=title)
        except TransportError as exc:
            with unit_of_work(self.engine) as s:
                s.execute(
                    update(PrintJob)
                    .where(PrintJob.id == job_id)
                    .values(status=JobStatus.PENDING, last_error=str(exc)[:500], **rendered)
                )
            delay = self.backoff[min(self.failures, len(self.backoff) - 1)]
            self.failures += 1
            self._wake.wait(delay)  # a new job or a retry request cuts the wait short
            self._wake.clear()
            return
        self.failures = 0
        with unit_of_work(self.engine) as s:
            s.execute(
                update(PrintJob)
                .where(PrintJob.id == job_id)
                .values(status=JobStatus.DONE, sent_at=utcnow(), last_error=None, **rendered)
            )


class PrintService:
    """Owns the workers; ``spool`` is what the packing engine is given."""

    def __init__(
        self,
        engine: Engine,
        *,
        config: PrintingConfig | None = None,
        transport_factory: TransportFactory = _default_transport,
        backoff: Sequence[float] = BACKOFF,
    ) -> None:
        self.engine = engine
        self.config = config or load_config()
        self.transport_factory = transport_factory
        self.backoff = backoff
        self.workers: dict[int, PrinterWorker] = {}
        self._lock = threading.Lock()
        self.spool = jobs.DatabaseSpool(wake=self.wake)

    def start(self) -> PrintService:
        """Resume: a worker for every printer with unfinished jobs."""
        with unit_of_work(self.engine, read_only=True) as s:
            ids = set(
                s.scalars(
                    select(PrintJob.printer_id)
                    .where(PrintJob.status.in_((JobStatus.PENDING, JobStatus.SENDING)))
                    .distinct()
                )
            )
        self.wake(ids)
        return self

    def wake(self, printer_ids: set[int]) -> None:
        with self._lock:
            for printer_id in printer_ids:
                worker = self.workers.get(printer_id)
                if worker is None or not worker.is_alive():
                    worker = PrinterWorker(
                        self.engine,
                        printer_id,
                        config=self.config,
                        transport_factory=self.transport_factory,
                        backoff=self.backoff,
                    )
                    self.workers[printer_id] = worker
                    worker.start()
                worker.wake()

    def wait_until_idle(self, timeout: float) -> bool:
        """True once no job of a started printer is pending or sending (CLI, tests)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with unit_of_work(self.engine, read_only=True) as s:
                busy = s.scalar(
                    select(PrintJob.id)
                    .where(PrintJob.status.in_((JobStatus.PENDING, JobStatus.SENDING)))
                    .where(PrintJob.printer_id.in_(list(self.workers)))
                    .limit(1)
                )
            if busy is None:
                return True
            time.sleep(0.02)
        return False

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the workers, waiting at most ``timeout`` seconds in all for a send under
        way (a worker still in a connect is left to end; its job is resumed on start)."""
        import time

        with self._lock:
            workers = list(self.workers.values())
        for worker in workers:
            worker.stop()
        deadline = time.monotonic() + timeout
        for worker in workers:
            worker.join(timeout=max(0.0, deadline - time.monotonic()))
