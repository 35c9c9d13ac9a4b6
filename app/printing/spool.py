"""The spool: one worker thread per printer sends that printer's jobs in order.

A job is claimed (pending -> sending) in its own transaction, rendered if it has no
bytes yet, sent, and marked done only after the transport wrote every byte. When the
printer is off, unreachable or (for printers whose status is checked) out of paper,
the job goes back to pending with the reason and the same job is tried again after a
back-off (cut short when another job is queued for the printer); later jobs wait
behind it, so the order holds. Rendering problems (an address that cannot fit, a bad
tracking number) fail that job for a person to look at, and the queue moves on.

One printer, one sender, through its lease (``app.printing.leases``): every program on
the database may run a worker for the same printer, and only the lease holder's
claims jobs. A job left "sending" by a holder that stopped becomes interrupted, for
a person to check; the preview printer has no lease. A waybill's bytes are sent only
while they may go (``app.printing.job_gate``: asked as claimed, and again last,
after the printer's status, just before they are sent).

Exactly once, then, means: a job is claimed by one worker at a time (the claim is a
conditional UPDATE, and the claimer must hold the lease); it is sent again on its own
only after its transport reported the failure (refused, unreachable, not ready, or a
connection broken mid-write, which may leave a torn first copy); and never after a
send whose end nobody saw.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, exists, select, update

from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import DatabaseProblem, PackdeskError
from app.models import JobProblem, JobStatus, Printer, PrintJob
from app.printing import job_gate, job_problem, rendering
from app.printing.config import PrintingConfig
from app.printing.leases import (
    INTERRUPTED,
    LEASE,
    holder_name,
    release_lease,
    take_lease,
)
from app.printing.readiness import not_ready_reason
from app.shipping.carrier_adapters import http_adapter_until
from app.shipping.carrier_api import CarrierUnavailable
from app.timeutil import utcnow
from printers.errors import PrintingError, TransportError
from printers.transports import Transport, open_transport

log = logging.getLogger(__name__)

BACKOFF = (0.5, 1.0, 2.0, 4.0, 8.0, 10.0)  # a returning printer waits at most 10 s
# a waybill whose carrier's API gives no usable answer: asked again after these waits
# (each ask is itself up to 3 tries), and failed after CARRIER_TRIES asks, about 3
# minutes, for the counter to say NO LABEL rather than "printing" for ever
CARRIER_BACKOFF = (5.0, 10.0, 20.0, 40.0, 60.0)
CARRIER_TRIES = 6
POLL = 1.0  # seconds between looks for jobs queued by other programs
LEASE_LOOK = 2.0  # seconds between looks at a lease another program holds (at most)
TransportFactory = Callable[[str, Path], Transport]
# what the claim reads of the next job: a waybill with bytes is asked about (``job_gate``)
_HEAD = (PrintJob.id, PrintJob.document, PrintJob.order_id, PrintJob.parcel_id,
         PrintJob.tracking_number, PrintJob.payload.is_not(None))  # fmt: skip
_WITHHELD = -1  # (no job's id) a claim that cancelled its job instead: ``job_gate``


def default_transport(uri: str, previews: Path) -> Transport:
    return open_transport(uri, preview_folder=previews)


class PrinterWorker(threading.Thread):
    def __init__(
        self,
        engine: Engine,
        printer_id: int,
        *,
        config: PrintingConfig,
        transport_factory: TransportFactory = default_transport,
        backoff: Sequence[float] = BACKOFF,
        carrier_backoff: Sequence[float] = CARRIER_BACKOFF,
        holder: str | None = None,
        lease: float = LEASE,
    ) -> None:
        super().__init__(name=f"printer-{printer_id}", daemon=True)
        self.engine = engine
        self.printer_id = printer_id
        self.config = config
        self.transport_factory = transport_factory
        self.backoff = tuple(backoff)
        self.carrier_backoff = tuple(carrier_backoff)
        self.holder = holder or holder_name()
        self.lease = lease
        self.failures = 0
        self._wake = threading.Event()
        self._halt = threading.Event()
        self.idle = threading.Event()
        self.holding = threading.Event()  # set while this worker holds the printer's lease
        self.preview: bool | None = None  # a preview printer (no lease); read on start

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._halt.set()
        self._wake.set()

    def run(self) -> None:
        try:
            while not self._halt.is_set():
                if not self._lead():
                    continue
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
        finally:
            self._let_go()

    # --- the lease --------------------------------------------------------------------

    def _lead(self) -> bool:
        """True while this worker holds the printer's lease. Otherwise try to take it;
        if another program holds it, wait a little (or until woken) and say False."""
        if self.holding.is_set() or self.preview:
            return True
        try:
            if self.preview is None and self._is_preview():
                return True
            if self._take_over():
                return True
        except DatabaseProblem as exc:
            log.warning("printer %s: cannot read or take its lease: %s", self.printer_id, exc)
        except Exception:
            log.exception("printer %s: cannot read or take its lease", self.printer_id)
        self._wake.wait(min(LEASE_LOOK, self.lease / 4))
        self._wake.clear()
        return False

    def _is_preview(self) -> bool:
        """Whether the printer is the preview folder: no lease, and its jobs cut off
        mid-write (by this program or another) are written again."""
        with unit_of_work(self.engine) as s:
            uri = s.scalar(select(Printer.uri).where(Printer.id == self.printer_id)) or ""
            self.preview = uri.strip().startswith("preview")
            if self.preview:
                s.execute(
                    update(PrintJob)
                    .where(
                        PrintJob.printer_id == self.printer_id,
                        PrintJob.status == JobStatus.SENDING,
                    )
                    .values(status=JobStatus.PENDING)
                )
        return self.preview

    def _take_over(self) -> bool:
        """Take the lease if it is free or has run out. Jobs left "sending" by the
        previous holder become interrupted in the same transaction (see the module's
        words on interrupted jobs)."""
        # a read first: no write lock taken (SQLite) while another program holds it
        with unit_of_work(self.engine, read_only=True) as s:
            holder, until = s.execute(
                select(Printer.lease_holder, Printer.lease_expires_at).where(
                    Printer.id == self.printer_id
                )
            ).one()
            if holder not in (None, self.holder) and until is not None and until > db_now(s):
                return False
        with unit_of_work(self.engine) as s:
            if not take_lease(s, self.printer_id, self.holder, self.lease):
                return False
            interrupted = s.execute(
                update(PrintJob)
                .where(
                    PrintJob.printer_id == self.printer_id,
                    PrintJob.status == JobStatus.SENDING,
                )
                .values(status=JobStatus.INTERRUPTED, last_error=INTERRUPTED)
            ).rowcount  # type: ignore[attr-defined]
        if interrupted:
            log.warning(
                "printer %s: %s job(s) were being sent when their program stopped; "
                "marked interrupted for a person to check",
                self.printer_id,
                interrupted,
            )
        self.holding.set()
        return True

    def _let_go(self) -> None:
        self.holding.clear()
        if self.preview:
            return
        try:
            release_lease(self.engine, self.printer_id, self.holder)
        except Exception:  # it runs out on its own after ``lease`` seconds
            log.warning("printer %s: cannot release its lease", self.printer_id, exc_info=True)

    # --- the queue --------------------------------------------------------------------

    def _claim_next(self) -> int | None:
        """The next job claimed for sending; a waybill whose bytes may no longer go
        (``job_gate``) is cancelled on the way, and the one after it is claimed."""
        while True:
            claimed = self._claim_one()
            if claimed != _WITHHELD:
                return claimed

    def _claim_one(self) -> int | None:
        with unit_of_work(self.engine) as s:
            head = s.execute(
                select(*_HEAD)
                .where(PrintJob.printer_id == self.printer_id, PrintJob.status == JobStatus.PENDING)
                .order_by(PrintJob.id)
                .limit(1)
            ).first()
            if head is None:
                return None
            job_id, document, order_id, parcel_id, tracking, made = head
            if document == "waybill" and order_id is not None and made:
                why = job_gate.withheld(s, job_id, order_id, parcel_id, tracking)
                if why is not None:
                    log.warning("printer %s: job %s: %s", self.printer_id, job_id, why.words)
                    return _WITHHELD
            claim = update(PrintJob).where(
                PrintJob.id == job_id, PrintJob.status == JobStatus.PENDING
            )
            if not self.preview:  # only while the lease is still this program's
                claim = claim.where(
                    exists().where(
                        Printer.id == self.printer_id, Printer.lease_holder == self.holder
                    )
                )
            claimed = s.execute(
                claim.values(status=JobStatus.SENDING, attempts=PrintJob.attempts + 1)
            )
            if claimed.rowcount == 1:  # type: ignore[attr-defined]
                return job_id
            if not self.preview and s.scalar(
                select(Printer.lease_holder).where(Printer.id == self.printer_id)
            ) != (self.holder):
                log.warning("printer %s: another program took over its lease", self.printer_id)
                self.holding.clear()
            return None

    def _deliver(self, job_id: int) -> None:
        rendered: dict[str, Any] = {}  # bytes rendered now: stored with the outcome
        try:
            with unit_of_work(self.engine, read_only=True) as s:
                job = s.get_one(PrintJob, job_id)
                printer = s.get_one(Printer, job.printer_id)
                payload, title, asked = job.payload, f"{job.document}-{job.id}", job.attempts
                facts, tracking = (job.document, job.order_id, job.parcel_id), job.tracking_number
            if payload is None:
                made = rendering.render_job(
                    self.engine, job_id, self.config, adapter_for=http_adapter_until(self._halt)
                )
                # written with the outcome below, in the same commit: one write (and
                # one fsync) fewer between the order's close and the printer's first byte
                payload = rendered["payload"] = made.payload
                tracking = rendered["tracking_number"] = made.tracking_number
        except DatabaseProblem as exc:  # not the job's fault: it waits its turn again
            self._record(job_id, status=JobStatus.PENDING, last_error=str(exc)[:500])
            self._halt.wait(POLL)
            return
        except CarrierUnavailable as exc:
            self._carrier_unavailable(job_id, asked, exc)
            return
        except (PrintingError, PackdeskError) as exc:
            self._record(
                job_id,
                status=JobStatus.FAILED,
                last_error=str(exc)[:500],
                problem=job_problem.of_failure(exc),
            )
            return
        except Exception as exc:  # a bug: the job fails for a person to see, and is
            log.exception("printer %s: rendering job %s", self.printer_id, job_id)
            self._record(  # not left "sending" (which would read as interrupted)
                job_id, status=JobStatus.FAILED, last_error=f"Cannot render: {exc}"[:500]
            )
            return
        try:
            transport = self.transport_factory(printer.uri, self.config.previews())
            reason = not_ready_reason(printer, transport)
            if reason:
                raise TransportError(f"{printer.name} is not ready: {reason}")
            # asked again last: a reopen, hold or cancel may have committed since the
            # claim or the making (the status round trip above takes seconds)
            if job_gate.withheld_once_made(self.engine, job_id, facts, tracking):
                return  # (cancelled instead, and recorded: not sent)
            transport.send(payload, title=title)
        except DatabaseProblem as exc:  # the last check could not be asked: not sent
            self._record(job_id, status=JobStatus.PENDING, last_error=str(exc)[:500], **rendered)
            self._halt.wait(POLL)
            return
        except TransportError as exc:
            self._record(
                job_id,
                status=JobStatus.PENDING,
                last_error=str(exc)[:500],
                problem=None,
                **rendered,
            )
            delay = self.backoff[min(self.failures, len(self.backoff) - 1)]
            self.failures += 1
            self._wake.wait(delay)  # a new job or a retry request cuts the wait short
            self._wake.clear()
            return
        self.failures = 0
        self._record(
            job_id,
            status=JobStatus.DONE,
            sent_at=utcnow(),
            last_error=None,
            problem=None,
            **rendered,
        )

    def _carrier_unavailable(self, job_id: int, asked: int, exc: CarrierUnavailable) -> None:
        """The carrier's API gave no usable answer: the waybill waits its turn again
        (later jobs for this printer wait behind it: labels come out in the boxes'
        order) and is asked again with the same idempotency key, so the carrier makes
        one shipment; after ``CARRIER_TRIES`` asks it fails, for the counter to say so."""
        if asked >= CARRIER_TRIES:
            words = (
                f"{exc.summary}: {exc.happened}. Given up after {asked} tries: print the "
                "waybill again once the carrier answers."
            )
            self._record(
                job_id,
                status=JobStatus.FAILED,
                last_error=words[:500],
                problem=JobProblem.CARRIER_UNAVAILABLE,
            )
            return
        self._record(
            job_id,
            status=JobStatus.PENDING,
            last_error=str(exc)[:500],
            problem=JobProblem.CARRIER_UNAVAILABLE,
        )
        self._wake.wait(self.carrier_backoff[min(asked, len(self.carrier_backoff)) - 1])
        self._wake.clear()  # a retry request (or a new job) cuts the wait short

    def _record(self, job_id: int, **values: Any) -> None:
        """The outcome of a send. The bytes went (or did not): if the database cannot
        be written just now, try again rather than leave the job "sending", until
        stopped (then the job is left for the next holder, which marks it
        interrupted). Only a job still "sending" is changed: one that a program
        taking over marked interrupted stays so, for a person to check."""
        delay = POLL
        while True:
            try:
                with unit_of_work(self.engine) as s:
                    changed = s.execute(
                        update(PrintJob)
                        .where(PrintJob.id == job_id, PrintJob.status == JobStatus.SENDING)
                        .values(**values)
                    ).rowcount  # type: ignore[attr-defined]
            except DatabaseProblem as exc:
                log.warning("printer %s: job %s: %s", self.printer_id, job_id, exc)
                if self._halt.wait(delay):
                    raise
                delay = min(delay * 2, 10.0)
                continue
            if not changed:
                log.warning(
                    "printer %s: job %s was no longer sending when it ended (%s)",
                    self.printer_id,
                    job_id,
                    values["status"].value,
                )
            return
