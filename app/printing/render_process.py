"""Heavy print jobs rendered in a process of their own.

A packing slip as a PDF, or a PNG for the preview printer, takes 10 to 100 ms of
Python: reading the order through the ORM, laying it out, reportlab or Pillow. Done
on a spool worker thread of the window's process, that time is taken from the GUI
thread and from the next scan, since Python runs one thread at a time: the packer's
screen stutters just as the order completes. A child process does the whole job
(reads the order, lays it out, renders) on the other core instead, while the
worker thread waits for its bytes without holding the interpreter.

Labels (ZPL, TSPL) take about a millisecond and are rendered in place: the trip to
the child would cost more than it saves. If the child cannot be started or dies, or
the database is one the child cannot open (SQLite in memory), the job is rendered
in this process: the screen is slower, the output the same. The window uses it;
the command line renders in place (nothing there to keep smooth).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sqlalchemy import Engine

from app.printing import jobs
from app.printing.config import PrintingConfig

log = logging.getLogger(__name__)
HEAVY_FORMATS = frozenset({"pdf", "png"})

#: Renders queued job ``job_id`` (of format ``fmt``) from the database.
RenderJob = Callable[[Engine, int, str, PrintingConfig], bytes]


def render_in_place(engine: Engine, job_id: int, _fmt: str, config: PrintingConfig) -> bytes:
    return jobs.render_job(engine, job_id, config)


# --- in the child ---------------------------------------------------------------------

_child_engines: dict[str, Engine] = {}


def _warm() -> None:
    """Import what rendering needs, so the first real job does not wait for it."""
    from app import db  # noqa: F401
    from printers import pdf, png  # noqa: F401


def _render_in_child(url: str, job_id: int, config: PrintingConfig) -> bytes:
    from app import db

    engine = _child_engines.get(url)
    if engine is None:
        engine = _child_engines[url] = db.make_engine(url)
    return jobs.render_job(engine, job_id, config)


# --- in the program ---------------------------------------------------------------------


class Renderer:
    """Heavy jobs rendered in one child process, started on first use (or by
    ``start``) and stopped by ``close``. Safe to call from several threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._closed = False

    def start(self) -> Renderer:
        """Start the child now and let it import the renderers, without waiting."""
        pool = self._get_pool()
        if pool is not None:
            pool.submit(_warm)
        return self

    def render_job(self, engine: Engine, job_id: int, fmt: str, config: PrintingConfig) -> bytes:
        url = engine.url
        shared = not (url.drivername.startswith("sqlite") and url.database in (None, ":memory:"))
        pool = self._get_pool() if fmt in HEAVY_FORMATS and shared else None
        if pool is not None:
            try:
                address = url.render_as_string(hide_password=False)
                return pool.submit(_render_in_child, address, job_id, config).result()
            except (BrokenProcessPool, OSError):
                log.warning("the rendering process stopped; rendering in this process")
                self._drop(pool)
        return render_in_place(engine, job_id, fmt, config)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def child_pids(self) -> set[int]:
        """The child's process id, once started (for tests and diagnostics)."""
        with self._lock:
            processes = self._pool._processes if self._pool is not None else None
            return set(processes or ())

    def _get_pool(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._pool is None and not self._closed:
                # spawn, not fork: the window's process has threads (Qt, the spool's
                # workers, database connections) that a forked child would inherit
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            return self._pool

    def _drop(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None  # the next heavy job starts a new child
        pool.shutdown(wait=False, cancel_futures=True)
