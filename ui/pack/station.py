"""The pack page's link to the packing engine: every scan source ends here.

One ``PackStation`` per window owns one ``PackingEngine`` on its own single-thread
queue, so scans are decided strictly in the order they were read, the engine is only
ever used from one thread, and the GUI thread never waits on the database. After
each verdict the station's view (packer, open order, lines) is read on the same
queue and both are handed back together; after an accepted item, the only thing
that changed is that line's count, which the verdict carries, and after the item
that completes the order the station has none open, so then the view is not read
again (the watch timer still reads it every few seconds).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Engine

from app import barcodes
from app.packing import (
    COMMAND_PREFIX,
    Command,
    Outcome,
    PackingEngine,
    PackingOptions,
    Verdict,
    station_view,
)
from app.packing.override import OverrideRefused
from app.packing.print_request import PrintSpool
from app.packing.station_view import StationView
from ui.workers import TaskQueue

PRELOAD_DELAY_MS = 3000
WATCH_MS = 3000  # how often the open order is re-read (held or cancelled elsewhere?)


@dataclass(frozen=True)
class Answer:
    verdict: Verdict
    view: StationView
    awaits_supervisor: bool = False  # a weight that did not match waits for one


class PackStation(QObject):
    answered = Signal(object)  # Answer
    refreshed = Signal(object)  # StationView, from the watch timer or a start
    problem = Signal(str)  # the database or the engine could not answer
    backlog = Signal(int)  # scans read but not yet answered
    locked_changed = Signal(bool)
    # a name and PIN answered (after ``answered``): the Answer, or OverrideRefused
    override_done = Signal(object)
    database_busy = Signal()  # a scan waits for another program's write to the database

    def __init__(
        self,
        engine: Engine,
        *,
        station: str,
        options: PackingOptions | None = None,
        spool: PrintSpool | None = None,
        idle_lock_minutes: float = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = engine
        self.station = station
        self.queue = TaskQueue(f"scans-{station}")
        self.packing: PackingEngine | None = None
        self.locked = False
        self.view: StationView | None = None
        self._last_read: StationView | None = None  # the queue thread's own copy
        self._options = options
        # F8 may count an item whose barcode will not scan (the counter's setting)
        self.manual_allowed = options.allow_manual_confirm if options else True
        self._spool = spool  # where closed orders' documents go (None: only recorded)
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_MS)
        self._watch.timeout.connect(self._watch_tick)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self.set_idle_lock(idle_lock_minutes)
        self._idle.timeout.connect(self.lock)
        self._preload = QTimer(self)
        self._preload.setSingleShot(True)
        self._preload.setInterval(PRELOAD_DELAY_MS)
        self._preload.timeout.connect(
            lambda: self.queue.submit(barcodes.preload, None, self._failed)
        )

    # --- starting -----------------------------------------------------------------

    def start(self) -> None:
        """Create the engine on the queue (it reads the database) and show the view."""

        self.queue.submit(self._read, self._view_read, self._failed)  # (creates the engine)
        # the GS1 tables load a few seconds on, after the window's first paint (which
        # they would hold back); a scan before then loads them itself
        self._preload.start()
        self._watch.start()

    def set_idle_lock(self, minutes: float) -> None:
        self._idle.setInterval(int(minutes * 60_000))
        self._idle_enabled = minutes > 0
        self._touch()

    # --- scans ----------------------------------------------------------------------

    def scan(self, code: str) -> None:
        """Queue one scan (from the wedge filter, a serial scanner or the entry box)."""
        self._touch()
        locked = self.locked
        self.queue.submit(lambda: self._scan(code, locked), self._answered, self._failed)
        self.backlog.emit(self.queue.pending)

    def command(self, command: Command) -> None:
        """A button or shortcut does exactly what the command barcode does."""
        self.scan(COMMAND_PREFIX + command.value)

    def confirm_manually(self, sku: str) -> None:
        """Count one unit of ``sku`` by hand; at a locked counter, only a badge scan
        goes on (the page says so)."""
        if self.locked:
            return
        self._touch()
        self.queue.submit(lambda: self._confirm(sku), self._answered, self._failed)
        self.backlog.emit(self.queue.pending)

    def accept_weight_by_pin(self, name: str, pin: str) -> None:
        """A supervisor's name and PIN for the weight that waits for one: checked on
        the scans' queue (argon2id, never on the GUI thread), in turn with the scans;
        answered as a scan is; then ``override_done`` says how it ended."""
        self._touch()
        self.queue.submit(lambda: self._override(name, pin), self._overridden, self._not_overridden)
        self.backlog.emit(self.queue.pending)

    def lock(self) -> None:
        """Idle lock: the next scan must be a badge. The open order stays as it is."""
        if not self.locked and self.packing is not None and self.packing.user_id is not None:
            self.locked = True
            self.locked_changed.emit(True)

    def shutdown(self) -> None:
        self._watch.stop()
        self._idle.stop()
        self._preload.stop()
        if self.packing is not None:  # a scan waiting for another program's write gives up
            self.packing.stop_waiting = True
        if not self.queue.closed:  # (a window closes its station, and so may its owner)
            self.queue.submit(self._close_engine)  # on its thread, after the scans queued
        self.queue.close(wait=True)

    # --- on the queue's thread ---------------------------------------------------------

    def _close_engine(self) -> None:
        if self.packing is not None:
            self.packing.close_connection()

    def _engine(self) -> PackingEngine:
        if self.packing is None:
            self.packing = PackingEngine(
                self.db,
                station=self.station,
                options=self._options,
                spool=self._spool,
                on_busy=self.database_busy.emit,  # from the scan queue's thread
            )
        return self.packing

    def _read(self) -> StationView:
        eng = self._engine()
        view = station_view.read(
            self.db, station_id=eng.station_id, user_id=eng.user_id, order_id=eng.open_order_id
        )
        last = self._last_read
        if view.order is None and last is not None and last.finished is not None:
            view = replace(view, finished=last.finished)  # shown until the next order opens
        self._last_read = view
        return view

    def _view_after(self, verdict: Verdict) -> StationView:
        """The view after a verdict: an accepted item only moves its line's count, and
        the item that completes the order (or puts an order short of some items on
        hold) leaves the station with none open."""
        last, view = self._last_read, None
        if last is not None and not verdict.replayed:
            still_open = self._engine().open_order_id is not None
            if (
                verdict.outcome is Outcome.ACCEPTED
                and still_open
                and verdict.order is not None
                and verdict.line_id is not None
                and verdict.packed is not None
            ):
                view = station_view.with_count(last, verdict.order, verdict.line_id, verdict.packed)
            elif verdict.outcome in (Outcome.ACCEPTED, Outcome.ORDER_COMPLETE) and not still_open:
                view = station_view.without_order(last, verdict.line_id, verdict.packed)
        if view is None:
            return self._read()
        self._last_read = view
        return view

    def _scan(self, code: str, locked: bool) -> Answer:
        eng = self._engine()
        verdict = eng.scan_while_locked(code) if locked else eng.scan(code)
        return self._answer(verdict)

    def _confirm(self, sku: str) -> Answer:
        eng = self._engine()
        verdict = eng.confirm_manually(sku)
        return self._answer(verdict)

    def _override(self, name: str, pin: str) -> Answer | OverrideRefused:
        try:
            return self._answer(self._engine().accept_weight_by_pin(name, pin))
        except OverrideRefused as refused:
            return refused

    def _answer(self, verdict: Verdict) -> Answer:
        awaiting = self._engine().awaiting
        waits = awaiting is not None and awaiting.kind == "weight_check"
        return Answer(verdict, self._view_after(verdict), waits)

    # --- back on the GUI thread ----------------------------------------------------------

    def _answered(self, answer: Answer) -> None:
        if self.locked and answer.verdict.outcome is Outcome.LOGIN:
            self.locked = False
            self.locked_changed.emit(False)
        self.view = answer.view
        self.backlog.emit(self.queue.pending)
        self.answered.emit(answer)

    def _overridden(self, outcome: Answer | OverrideRefused) -> None:
        if isinstance(outcome, Answer):
            self._answered(outcome)
        else:
            self.backlog.emit(self.queue.pending)
        self.override_done.emit(outcome)

    def _not_overridden(self, message: str, bug: bool) -> None:
        self._failed(message, bug)
        self.override_done.emit(None)  # (the database did not answer: said as a scan's)

    def _view_read(self, view: StationView) -> None:
        self.view = view
        self.refreshed.emit(view)

    def _failed(self, message: str, _bug: bool) -> None:
        self.backlog.emit(self.queue.pending)
        self.problem.emit(message)

    def _watch_tick(self) -> None:
        if self.queue.pending == 0 and self.packing is not None:
            self.queue.submit(self._read, self._view_read, self._failed)

    def _touch(self) -> None:
        if self._idle_enabled:
            self._idle.start()
