"""Following the documents of the orders a counter just closed, until they print.

An order's close only queues its documents; the printer's worker sends them a moment
later. This reads how they are doing, off the GUI thread, a few times a second at
first and every few seconds once one has failed, and says when that changes: printed
(the packer may close the box), or not printed and why (the packer must not ship the
box without its label), and printed after all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Engine

from app.packing import Outcome, Verdict
from app.printing import order_documents
from app.printing.order_documents import Printing
from ui.workers import TaskQueue

POLL_MS = 300
GIVE_UP_SECONDS = 30 * 60  # a document still not printed then is left to the print queue
SLOW_EVERY = 7  # once one failed, read only every seventh tick (about two seconds)


@dataclass
class _Followed:
    number: str
    closed_at: float
    said: Printing | None = None
    ticks: int = 0


class DocumentsWatch(QObject):
    news = Signal(str, object)  # order number, OrderPrinting: when its state changes

    def __init__(
        self,
        engine: Engine,
        *,
        poll_ms: int = POLL_MS,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.clock = clock
        self.followed: dict[int, _Followed] = {}
        self.queue = TaskQueue("documents")
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._tick)

    def follow(self, order_id: int, number: str) -> None:
        """The order's documents were just queued: say how they do."""
        self.followed[order_id] = _Followed(number, self.clock())
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.queue.close(wait=True)

    def _tick(self) -> None:
        if self.queue.pending:
            return  # the last read has not come back: no pile-up
        due = {}
        for order_id, f in list(self.followed.items()):
            f.ticks += 1
            if self.clock() - f.closed_at > GIVE_UP_SECONDS:
                del self.followed[order_id]
            elif f.said is not Printing.NOT_PRINTED or f.ticks % SLOW_EVERY == 0:
                due[order_id] = f
        if not self.followed:
            self._timer.stop()
        if not due:
            return
        engine = self.engine
        self.queue.submit(
            lambda: {order_id: order_documents.read(engine, order_id) for order_id in due},
            self._read,
            lambda _message, _bug: None,  # read again at the next tick
        )

    def _read(self, jobs_by_order: dict[int, tuple[order_documents.DocumentJob, ...]]) -> None:
        for order_id, jobs in jobs_by_order.items():
            f = self.followed.get(order_id)
            if f is None:
                continue
            printing = order_documents.judge(jobs, self.clock() - f.closed_at)
            if printing.state in (Printing.PRINTED, Printing.NOTHING):
                del self.followed[order_id]
            if printing.state is not f.said and printing.state is not Printing.PRINTING:
                f.said = printing.state
                self.news.emit(f.number, printing)


def asks_for_documents(v: Verdict) -> bool:
    """Whether this verdict asked for an order's documents at this counter: its last
    item, COMPLETE that closed it, or REPRINT."""
    if v.replayed:
        return False  # asked for the first time round, and followed then
    if v.outcome is Outcome.ORDER_COMPLETE:
        return True
    return v.outcome is Outcome.COMMAND and v.words is not None and v.words.key in _PRINTING


_PRINTING = frozenset({"complete", "reprinting"})
