"""Heavy documents rendered in a process of their own.

A PDF page or a PNG preview takes 10 to 100 ms of pure Python (reportlab, Pillow).
Rendered on a spool worker thread of the window's process, that time is taken from
the GUI thread and from the next scan, since Python runs one thread at a time: the
packer's screen stutters just as the order completes and the next one is scanned. A
child process renders on the other core instead, while the worker thread waits for
its bytes without holding the interpreter.

Labels (ZPL, TSPL) take under a millisecond and are rendered in place: a trip to the
child would cost more than it saves. If the child cannot be started, or dies, the
document is rendered in this process (the screen is slower, the output the same).
The window uses it; the command line renders in place (nothing to keep smooth).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from app.printing import build
from printers.layout import Document

log = logging.getLogger(__name__)
HEAVY_FORMATS = frozenset({"pdf", "png"})


def _warm() -> None:
    """Import the renderers in the child, so the first real job does not wait for it."""
    from printers import pdf, png  # noqa: F401


class Renderer:
    """``build.render`` with heavy formats done in one child process, started on first
    use (or by ``start``) and stopped by ``close``. Safe to call from several threads."""

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

    def __call__(
        self,
        document: Document,
        fmt: str,
        *,
        dpi: int = 203,
        options: dict[str, object] | None = None,
        darkness: int | None = None,
    ) -> bytes:
        pool = self._get_pool() if fmt in HEAVY_FORMATS else None
        if pool is not None:
            try:
                future = pool.submit(
                    build.render, document, fmt, dpi=dpi, options=options, darkness=darkness
                )
                return future.result()
            except (BrokenProcessPool, OSError):
                log.warning("the rendering process stopped; rendering in this process")
                self._drop(pool)
        return build.render(document, fmt, dpi=dpi, options=options, darkness=darkness)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def _get_pool(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._pool is None and not self._closed:
                try:
                    # spawn, not fork: the window's process has threads (Qt, the
                    # spool's workers) that a forked child would inherit half-held
                    context = multiprocessing.get_context("spawn")
                    self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
                except OSError:
                    log.exception("cannot start a rendering process; rendering in place")
                    self._closed = True
            return self._pool

    def _drop(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None  # the next heavy document starts a new child
        pool.shutdown(wait=False, cancel_futures=True)
