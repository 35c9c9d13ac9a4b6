"""Following the documents asked of a counter's printers, until they print.

An order's close only queues its documents; the printer's worker sends them a moment
later. This reads how they are doing, off the GUI thread, a few times a second at
first and every few seconds once one has failed, and says when that changes: printed
(the packer may close the box), or not printed and why (the packer must not ship the
box without its label), and printed after all. It follows whatever was asked of this
counter's printers, whoever asked: the counter's own packer closing an order or
reprinting, or a supervisor shipping short the box that waits here (it looks for
such requests every couple of seconds, and at once when ``look_now`` is called).

When their state cannot be read (the database does not answer), that is said too
once the patience is out, rather than "printing…" for ever; and an order still not
printed after ``GIVE_UP_SECONDS`` is said to be left to the print queue, so nothing
on screen claims to follow it any more.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Engine

from app.packing import Outcome, Verdict
from app.printing import order_documents
from app.printing.order_documents import PATIENCE_SECONDS, OrderPrinting, Printing
from app.timeutil import Clock, utcnow
from ui.workers import TaskQueue

POLL_MS = 300
GIVE_UP_SECONDS = 30 * 60  # a document still not printed then is left to the print queue
SLOW_EVERY = 7  # once one failed, read only every seventh tick (about two seconds)
LOOK_EVERY = 7  # ticks between looks for documents someone else asked of this counter
LOOK_BACK = 100  # audit rows before the newest seen looked at again (``requested_at``)
_SAID_WRONG = frozenset({Printing.NOT_PRINTED, Printing.UNREAD})  # a failure on screen


@dataclass
class _Followed:
    number: str
    closed_at: float
    said: Printing | None = None
    ticks: int = 0


@dataclass(frozen=True)
class _Read:
    """One tick's reads: the requests found (None: not looked for) and the jobs."""

    requests: tuple[int, list[order_documents.Requested]] | None
    jobs: dict[int, tuple[order_documents.DocumentJob, ...]]


class DocumentsWatch(QObject):
    news = Signal(str, object)  # order number, OrderPrinting: when its state changes

    def __init__(
        self,
        engine: Engine,
        *,
        station: str | None = None,
        poll_ms: int = POLL_MS,
        clock: Callable[[], float] = time.monotonic,
        utc_clock: Clock = utcnow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.station = station  # whose printers' requests are looked for (None: none)
        self.clock = clock
        self.followed: dict[int, _Followed] = {}
        self.queue = TaskQueue("documents")
        self._started = utc_clock()  # requests since then are followed (as stamped)
        self._started_at: int | None = None  # the newest audit row at the first look
        self._newest_seen: int | None = None  # the audit row the last look reached
        self._seen: set[int] = set()  # requests followed already (their audit rows)
        self._look = station is not None  # look for requests at the next tick
        self._ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._tick)
        if station is not None:
            self._timer.start()

    def follow(self, order_id: int, number: str) -> None:
        """The order's documents were just queued: say how they do."""
        self.followed[order_id] = _Followed(number, self.clock())
        self._timer.start()

    def look_now(self) -> None:
        """Documents were just asked of this counter (an answer said so): look for
        them at the next tick."""
        if self.station is not None:
            self._look = True

    def stop(self) -> None:
        self._timer.stop()
        self.queue.close(wait=True)

    def _tick(self) -> None:
        if self.queue.pending:
            return  # the last read has not come back: no pile-up
        self._ticks += 1
        due = []
        for order_id, f in list(self.followed.items()):
            f.ticks += 1
            if self.clock() - f.closed_at > GIVE_UP_SECONDS:
                del self.followed[order_id]
                if f.said in _SAID_WRONG:  # said not printed: say it is no longer followed
                    self.news.emit(f.number, OrderPrinting(Printing.GAVE_UP, ()))
            elif f.said not in _SAID_WRONG or f.ticks % SLOW_EVERY == 0:
                due.append(order_id)
        look = self.station is not None and (self._look or self._ticks % LOOK_EVERY == 0)
        if not self.followed and self.station is None:
            self._timer.stop()
        if not due and not look:
            return
        self._look = False
        engine, station, after = self.engine, self.station, self._looked_after()
        since = self._started

        def read() -> _Read:
            found = None
            if look and station is not None:
                found = order_documents.requested_at(engine, station, after, since)
            return _Read(
                found, {order_id: order_documents.read(engine, order_id) for order_id in due}
            )

        self.queue.submit(read, self._read, self._unread)

    def _looked_after(self) -> int | None:
        """Where the next look for requests begins: a little before the newest row
        seen, never before the watch started (None: it has not looked yet)."""
        if self._started_at is None or self._newest_seen is None:
            return None
        return max(self._started_at, self._newest_seen - LOOK_BACK)

    def _read(self, read: _Read) -> None:
        if read.requests is not None:
            newest, requests = read.requests
            if self._started_at is None:  # (the first look found those since the start)
                self._started_at = newest
            self._newest_seen = max(newest, self._newest_seen or 0)
            for request in requests:
                if request.audit_id not in self._seen:
                    self._seen.add(request.audit_id)
                    self.follow(request.order_id, request.number)
            floor = self._looked_after() or 0
            self._seen = {audit_id for audit_id in self._seen if audit_id > floor}
        for order_id, jobs in read.jobs.items():
            f = self.followed.get(order_id)
            if f is None:
                continue
            printing = order_documents.judge(jobs, self.clock() - f.closed_at)
            if printing.state in (Printing.PRINTED, Printing.NOTHING):
                del self.followed[order_id]
            if printing.state is not f.said and printing.state is not Printing.PRINTING:
                f.said = printing.state
                self.news.emit(f.number, printing)

    def _unread(self, problem: str, _bug: bool) -> None:
        """The read failed (it is tried again at the next tick): an order whose patience
        is out is said to be unknown, instead of printing for ever."""
        for f in self.followed.values():
            if f.said is not Printing.UNREAD and self.clock() - f.closed_at >= PATIENCE_SECONDS:
                f.said = Printing.UNREAD
                self.news.emit(f.number, OrderPrinting(Printing.UNREAD, (), problem))


def asks_for_documents(v: Verdict) -> bool:
    """Whether this verdict asked for an order's documents at this counter: its last
    item, COMPLETE that closed it, or REPRINT."""
    if v.replayed:
        return False  # asked for the first time round, and followed then
    if v.outcome is Outcome.ORDER_COMPLETE:
        return True
    return v.outcome is Outcome.COMMAND and v.words is not None and v.words.key in _PRINTING


_PRINTING = frozenset({"complete", "reprinting"})
