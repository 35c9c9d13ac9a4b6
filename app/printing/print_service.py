"""The print service: a worker per printer (``spool.PrinterWorker``) started when its
printer has jobs, the leases those workers hold kept alive, and the asks to cancel
carriers' shipments (``carrier_cancellations``) run every minute. ``spool`` is what
the packing engine is given to queue documents."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence

from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import JobStatus, PrintJob
from app.printing import jobs
from app.printing.config import PrintingConfig
from app.printing.config import load as load_config
from app.printing.leases import LEASE, holder_name, renew_lease
from app.printing.spool import (
    BACKOFF,
    CARRIER_BACKOFF,
    PrinterWorker,
    TransportFactory,
    default_transport,
)
from app.shipping import carrier_cancellations

log = logging.getLogger(__name__)

CANCEL_SWEEP = 60.0  # seconds between asks to cancel the shipments due


class PrintService:
    """Owns the workers; ``spool`` is what the packing engine is given."""

    def __init__(
        self,
        engine: Engine,
        *,
        config: PrintingConfig | None = None,
        transport_factory: TransportFactory = default_transport,
        backoff: Sequence[float] = BACKOFF,
        carrier_backoff: Sequence[float] = CARRIER_BACKOFF,
        lease: float = LEASE,
        holder: str | None = None,
    ) -> None:
        """``holder`` names this service in the printers' leases (a new name by
        default); a program that restarts its service under the same name takes its
        printers back at once, without waiting for the old leases to run out."""
        self.engine = engine
        self.config = config or load_config()
        self.transport_factory = transport_factory
        self.backoff = backoff
        self.carrier_backoff = carrier_backoff
        self.lease = lease
        self.holder = holder or holder_name()
        self.workers: dict[int, PrinterWorker] = {}
        self._lock = threading.Lock()
        self._keeper: threading.Thread | None = None
        self._keeper_halt = threading.Event()
        self._sweeper: carrier_cancellations.Sweeper | None = None
        self.spool = jobs.DatabaseSpool(wake=self.wake)

    def start(self) -> PrintService:
        """Resume: a worker for every printer with unfinished jobs, and the asks to
        cancel carriers' shipments (every ``CANCEL_SWEEP`` seconds)."""
        if self._sweeper is None:
            self._sweeper = carrier_cancellations.Sweeper(self.engine, CANCEL_SWEEP)
            self._sweeper.start()
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

    def use_config(self, config: PrintingConfig) -> None:
        """New document settings: every job rendered from now on uses them (workers
        read the config afresh for each job; jobs rendered before keep their bytes)."""
        with self._lock:
            self.config = config
            for worker in self.workers.values():
                worker.config = config

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
                        carrier_backoff=self.carrier_backoff,
                        holder=self.holder,
                        lease=self.lease,
                    )
                    self.workers[printer_id] = worker
                    worker.start()
                worker.wake()
            if printer_ids and (self._keeper is None or not self._keeper.is_alive()):
                self._keeper_halt = threading.Event()
                self._keeper = threading.Thread(
                    target=self._keep_leases,
                    args=(self._keeper_halt,),
                    name="printer-leases",
                    daemon=True,
                )
                self._keeper.start()

    def _keep_leases(self, halt: threading.Event) -> None:
        """Renew the leases this service's workers hold, every quarter lease."""
        while not halt.wait(self.lease / 4):
            with self._lock:
                held = [w for w in self.workers.values() if w.is_alive() and w.holding.is_set()]
            if not held:
                continue
            try:
                with unit_of_work(self.engine) as s:
                    lost = [
                        w for w in held if not renew_lease(s, w.printer_id, self.holder, self.lease)
                    ]
            except Exception:
                log.warning("cannot renew the printers' leases", exc_info=True)
                continue
            for worker in lost:
                log.warning("printer %s: another program took over its lease", worker.printer_id)
                worker.holding.clear()

    def wait_until_idle(self, timeout: float) -> bool:
        """True once no job of a started printer is pending or sending (CLI, tests)."""
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
        way; each lets go of its printer's lease. A worker still in a connect is left
        to end; its lease runs out ``lease`` seconds later, and the program that takes
        the printer over then marks its job interrupted if it is still sending."""
        with self._lock:
            workers = list(self.workers.values())
        for worker in workers:
            worker.stop()
        deadline = time.monotonic() + timeout
        for worker in workers:
            worker.join(timeout=max(0.0, deadline - time.monotonic()))
        self._keeper_halt.set()
        if self._sweeper is not None:
            self._sweeper.stop()
            self._sweeper = None  # a start after a stop sweeps again
