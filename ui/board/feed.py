"""The board's live feed: a first load, then only what changed, off the GUI thread.

One single-thread ``TaskQueue`` runs the loop: wait on the change listener
(PostgreSQL LISTEN/NOTIFY, or SQLite's ``data_version``) for up to ``interval``
seconds, then read ``changes_since`` the watermark; the answer comes back on the GUI
thread and the next wait is queued. Every ``full_every`` seconds (and after a
problem, or when too much changed) the whole board is read again; the page applies
that row by row too, so the clock-driven flags (late, at risk, stuck) stay true.

If the database goes away the feed says so once (``problem``), keeps trying every
``retry_ms`` and says ``recovered`` when it answers again; the page keeps its last
view meanwhile. Answers for an older filter are dropped.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Engine

from app.board import (
    BoardCard,
    BoardChanges,
    BoardFilter,
    BoardRules,
    BoardSnapshot,
    Watermark,
    changes_since,
    load_board,
    open_listener,
    stuck_orders,
)
from app.board.live import NotifyListener, PollingListener
from app.board.rules import rules_from_settings
from app.errors import PackdeskError
from ui.workers import TaskQueue

log = logging.getLogger(__name__)
STUCK_SHOWN = 200


@dataclass(frozen=True)
class FullRead:
    filter: BoardFilter
    snapshot: BoardSnapshot
    stuck: tuple[BoardCard, ...] | None  # None: read right after (a first paint waits less)


@dataclass(frozen=True)
class StuckRead:
    stuck: tuple[BoardCard, ...]  # over all open orders, not only the filtered ones


class BoardFeed(QObject):
    loaded = Signal(object)  # FullRead
    changed = Signal(object)  # BoardChanges (maybe empty: the clock moved all the same)
    stuck = Signal(object)  # tuple[BoardCard, ...]: the stuck orders, longest first
    problem = Signal(str)  # the database did not answer; plain words
    recovered = Signal()

    def __init__(
        self,
        engine: Engine,
        *,
        rules: BoardRules | None = None,
        interval: float = 1.0,
        full_every: float = 30.0,
        retry_ms: int = 2000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.rules = rules
        self.interval = interval
        self.full_every = full_every
        self.retry_ms = retry_ms
        self.filter = BoardFilter()
        self.queue = TaskQueue("board-live")
        self.failing = False
        self.running = False
        self._stopped = False
        self.refreshes = 0  # answers applied (for the tests and the wall display)
        self._mark: Watermark | None = None
        self._generation = 0
        self._last_full = 0.0
        self._stuck_due = True
        self._listener: NotifyListener | PollingListener | None = None
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._next)

    def start(self) -> None:
        if not self.running and not self._stopped:
            self.running = True
            self._mark = None
            self._next()

    def stop(self) -> None:
        """Stop the loop; waits for the current look (at most ``interval``)."""
        self.running = False
        self._retry.stop()
        if not self._stopped:
            self._stopped = True
            self.queue.submit(self._close_listener)
            self.queue.close(wait=True)

    def set_filter(self, flt: BoardFilter) -> None:
        """A new filter: the next answer is a full read for it."""
        self.filter = flt
        self._generation += 1
        self._mark = None
        if self.running and self.queue.pending == 0 and not self._retry.isActive():
            self._next()

    # --- the loop ---------------------------------------------------------------------

    def _next(self) -> None:
        if not self.running:
            return
        generation, flt, mark = self._generation, self.filter, self._mark
        full = mark is None or time.monotonic() - self._last_full >= self.full_every
        stuck_due = self._stuck_due and mark is not None
        rules = self.rules or rules_from_settings()
        self.rules = rules

        def stuck() -> tuple[BoardCard, ...]:
            return stuck_orders(self.engine, rules=rules, limit=STUCK_SHOWN)

        def look() -> FullRead | StuckRead | BoardChanges:
            try:
                if full or mark is None:
                    snap = load_board(self.engine, flt, rules=rules)
                    return FullRead(flt, snap, None if mark is None else stuck())
                if stuck_due:
                    return StuckRead(stuck())
                self._wait()
                return changes_since(self.engine, mark, flt, rules=rules)
            except PackdeskError:
                self._close_listener()
                raise

        self.queue.submit(
            look,
            lambda answer: self._answered(generation, answer),
            lambda message, bug: self._failed(generation, message, bug),
        )

    def _answered(self, generation: int, answer: FullRead | StuckRead | BoardChanges) -> None:
        if not self.running:
            return
        if generation == self._generation:
            if self.failing:
                self.failing = False
                self.recovered.emit()
            self.refreshes += 1
            if isinstance(answer, StuckRead | FullRead):
                self._stuck_due = answer.stuck is None
                if answer.stuck is not None:
                    self.stuck.emit(answer.stuck)
            if isinstance(answer, FullRead):
                self._last_full = time.monotonic()
                self._mark = answer.snapshot.watermark
                self.loaded.emit(answer)
            elif isinstance(answer, BoardChanges) and answer.reload:
                self._mark = None
            elif isinstance(answer, BoardChanges):
                self._mark = answer.watermark
                self.changed.emit(answer)
        self._next()

    def _failed(self, generation: int, message: str, _bug: bool) -> None:
        if not self.running:
            return
        if not self.failing and generation == self._generation:
            self.failing = True
            self.problem.emit(message)
        self._mark = None  # a full read when it answers again
        self._retry.start(self.retry_ms)

    # --- on the queue's thread ----------------------------------------------------------

    def _wait(self) -> None:
        if self._listener is None:
            try:
                self._listener = open_listener(self.engine)
            except PackdeskError:
                time.sleep(self.interval)  # no live updates: poll on the clock instead
                return
        self._listener.wait(self.interval)

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            try:
                listener.close()
            except Exception as exc:  # a connection that is already gone
                log.info("closing the board's change listener: %s", exc)
