"""The one helper that keeps the GUI thread free: run a function on a worker thread,
hand its result (or its error) back to the GUI thread.

``TaskQueue(threads=1)`` runs tasks strictly in order on one thread: one queue per
device or per scan source, so a packing engine, a serial port or a printer is only
ever used from one thread. ``TaskQueue(threads=N)`` is a small pool for independent
reads (a table load, a board refresh).

Callbacks always run on the GUI thread. Errors come in two kinds: a
``PackdeskError`` (the environment's: a locked database, a bad file; a service's
refusal) goes to ``on_error`` as plain words in the window's language
(``refusal_words``); anything else is a bug, logged with its traceback and
then passed to ``on_error`` too, so the screen can say something went wrong.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from app.errors import PackdeskError
from ui.refusal_words import refusal_words

log = logging.getLogger(__name__)
T = TypeVar("T")

ErrorHandler = Callable[[str, bool], None]  # (message for people, is it a bug?)


class _Relay(QObject):
    """Lives on the GUI thread; a signal emitted from a worker is delivered there."""

    finished = Signal(object, object)  # callback, value

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None], value: Any) -> None:
        callback(value)


class TaskQueue:
    """Runs callables off the GUI thread, in submission order when ``threads == 1``."""

    def __init__(self, name: str, *, threads: int = 1) -> None:
        self.name = name
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=name)
        self._relay = _Relay()
        self._closed = False
        self.pending = 0  # tasks submitted and not yet answered (for a busy indicator)

    def submit(
        self,
        task: Callable[[], T],
        on_result: Callable[[T], None] | None = None,
        on_error: ErrorHandler | None = None,
    ) -> Future[None]:
        """Run ``task`` on the queue's thread; call back on the GUI thread."""
        self.pending += 1

        def done(outcome: tuple[bool, Any]) -> None:
            self.pending -= 1
            ok, value = outcome
            if self._closed:
                return
            if ok:
                if on_result is not None:
                    on_result(value)
            elif on_error is not None:
                on_error(*value)

        def work() -> None:
            try:
                outcome: tuple[bool, Any] = (True, task())
            except PackdeskError as exc:
                outcome = (False, (refusal_words(exc), False))
            except Exception as exc:  # a bug: keep the traceback, tell the screen
                log.exception("task on %s failed", self.name)
                outcome = (False, (f"{type(exc).__name__}: {exc}", True))
            self._relay.finished.emit(done, outcome)

        return self._pool.submit(work)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self, *, wait: bool = True) -> None:
        """Stop taking tasks; with ``wait``, finish the ones already queued."""
        self._closed = True
        self._pool.shutdown(wait=wait, cancel_futures=not wait)
