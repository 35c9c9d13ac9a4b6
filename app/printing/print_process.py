"""The window's print spool, run in a process of its own.

Everything a spool does after an order completes (claiming jobs, reading the order,
laying out and rendering slips and previews, sending, recording) is Python, and in
the window's process every millisecond of it is taken from the GUI thread and from
the next scan: Python runs one thread at a time, so the packer's screen stutters
just as the box is closed. In a child process that work runs on the other core.

``PrintProcess`` has the surface of ``PrintService`` the window uses (``spool``,
``config``, ``start``, ``wake``, ``use_config``, ``stop``): jobs are still written
by the window, in the transaction that closes the order; the child is only told
which printers have new work. The child is a ``PrintService`` like the command
line's, holding printers' leases under one name for the window (a child started
after one died takes them back at once). It stops when told to, or when the
window's end of the pipe closes (the window was closed or killed). If it dies, the
next wake starts a new one, which resumes the queue; a job the dead child was in the
middle of sending is marked interrupted, for a person to check.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Protocol

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.printing import jobs
from app.printing.config import PrintingConfig
from app.printing.leases import holder_name

log = logging.getLogger(__name__)
RESTART_PAUSE = 5.0  # seconds: a child that dies sooner is not restarted before this
CHECKPOINT_EVERY = 5.0  # seconds between the child's WAL checkpoints (SQLite)
# the child gives way to the window when both want a core: the packer's screen first
# (on 2 cores: scan-to-repaint p99 about 2 ms lower); a waybill still reaches a
# network printer in under 30 ms (p99) from the completing scan
NICENESS = 10


class _TooSoon(Exception):
    """The last child died within ``RESTART_PAUSE`` of its start."""


class PrintingService(Protocol):
    """What the window asks of its spool: ``PrintService`` in place (tests) or
    ``PrintProcess`` (the window's own)."""

    spool: jobs.DatabaseSpool
    config: PrintingConfig

    def start(self) -> object: ...
    def wake(self, printer_ids: set[int]) -> None: ...
    def use_config(self, config: PrintingConfig) -> None: ...
    def stop(self, timeout: float = 10.0) -> None: ...


def _serve(
    url: str, config: PrintingConfig, holder: str, orders: Connection, checkpoint_every: float
) -> None:
    """The child: a print service that follows the window's messages until told to
    stop or the window is gone."""
    from app import db
    from app.printing.print_service import PrintService

    if hasattr(os, "nice"):  # Windows has no nice; there the child runs as the window
        os.nice(NICENESS)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s printing %(name)s %(message)s")
    engine = db.make_engine(url)
    # the WAL's checkpoints are this process's, every few seconds, busy or not: small
    # ones. Left to SQLite, one came in some commit every 1000 pages (4 MB), and its
    # writes held the counter's next commit back by some 40 ms
    db.defer_checkpoints(engine)
    service = PrintService(engine, config=config, holder=holder).start()
    timeout = 2.0
    checkpoint_due = time.monotonic() + checkpoint_every
    try:
        while True:
            if time.monotonic() >= checkpoint_due:
                _checkpoint(engine)
                checkpoint_due = time.monotonic() + checkpoint_every
            try:
                if not orders.poll(max(0.0, checkpoint_due - time.monotonic())):
                    continue
                message: tuple[str, Any] = orders.recv()
            except (EOFError, OSError):  # the window is gone
                break
            kind, value = message
            if kind == "wake":
                service.wake(set(value))
            elif kind == "config":
                service.use_config(value)
            elif kind == "stop":
                timeout = float(value)
                break
    finally:
        service.stop(timeout=timeout)
        engine.dispose()


def _checkpoint(engine: Engine) -> None:
    from app import db  # as _serve imports it: in the child

    try:
        db.checkpoint(engine)
    except SQLAlchemyError as exc:  # tried again in a few seconds
        log.warning("WAL checkpoint: %s", exc)


class PrintProcess:
    """A ``PrintService`` in a child process, for the window."""

    def __init__(
        self,
        engine: Engine,
        *,
        config: PrintingConfig,
        checkpoint_every: float = CHECKPOINT_EVERY,
    ) -> None:
        url = engine.url
        if url.drivername.startswith("sqlite") and url.database in (None, "", ":memory:"):
            raise ValueError("a database in memory cannot be shared with a print process")
        self._url = url.render_as_string(hide_password=False)
        # one name for every child this window starts: a child started after one died
        # takes the printers' leases back at once (its jobs cut off mid-send are then
        # marked interrupted, as after any crash)
        self._holder = holder_name()
        self._started_at = -RESTART_PAUSE
        self.config = config
        self._checkpoint_every = checkpoint_every
        self.spool = jobs.DatabaseSpool(wake=self.wake)
        self._lock = threading.Lock()
        self._process: BaseProcess | None = None
        self._reported: BaseProcess | None = None  # the dead child last logged
        self._pipe: Connection | None = None
        self._stopped = False

    def start(self) -> PrintProcess:
        """Start the child; it resumes every printer's unfinished jobs."""
        with self._lock:
            self._ensure_running()
        return self

    def wake(self, printer_ids: set[int]) -> None:
        self._send("wake", sorted(printer_ids))

    def use_config(self, config: PrintingConfig) -> None:
        """New document settings for every job rendered from now on."""
        self.config = config
        self._send("config", config)

    def stop(self, timeout: float = 10.0) -> None:
        """Let the child finish a send under way (``timeout`` at most) and end."""
        with self._lock:
            self._stopped = True
            process, pipe = self._process, self._pipe
            self._process = self._pipe = None
        if process is None or pipe is None:
            return
        with contextlib.suppress(OSError):  # a child already gone needs no telling
            pipe.send(("stop", timeout))
        process.join(timeout + 2.0)
        if process.is_alive():
            log.warning("the print process did not stop in time; ending it")
            process.terminate()
            process.join(2.0)
        pipe.close()

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs."""
        with self._lock:
            process = self._process
        return process.pid if process is not None and process.is_alive() else None

    def _send(self, kind: str, value: object) -> None:
        """Tell the child; never raises. A wake comes from the commit of the scan that
        completed an order: an error here would reach the packer after the order was
        closed. The jobs are rows already: a child started later resumes them."""
        with self._lock:
            if self._stopped:
                return
            try:
                self._ensure_running().send((kind, value))
            except _TooSoon:
                pass
            except Exception:
                log.exception("cannot reach the print process; jobs wait in the queue")

    def _ensure_running(self) -> Connection:
        """The pipe to a live child, starting one if there is none (under the lock)."""
        if self._process is not None and self._pipe is not None and self._process.is_alive():
            return self._pipe
        if self._process is not None:
            if self._process is not self._reported:
                self._reported = self._process
                log.error("the print process stopped (exit code %s)", self._process.exitcode)
            if time.monotonic() - self._started_at < RESTART_PAUSE:
                raise _TooSoon  # one that dies at once is not started over and over
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        # spawn, not fork: the window's process has threads (Qt, the scan queue,
        # database connections) that a forked child would inherit half-held
        context = multiprocessing.get_context("spawn")
        mine, theirs = context.Pipe()
        process = context.Process(
            target=_serve,
            args=(self._url, self.config, self._holder, theirs, self._checkpoint_every),
            name="packdesk-printing",
            daemon=True,
        )
        self._started_at = time.monotonic()
        process.start()
        theirs.close()  # the child's end: closed here so a dead child reads as EOF
        self._process, self._pipe = process, mine
        return mine
