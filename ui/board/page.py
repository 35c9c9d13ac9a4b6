"""The supervisor's board: where every order is, what is late or stuck, live.

Columns per state (cards by urgency) or a sortable table of the same orders
(``ui.board.table``), one filter bar for both, the stuck-order alerts and one order's
detail beside them. The live feed (``ui.board.feed``) reads off the GUI thread and
hands over only what changed, which the models apply row by row. A scan into the board signs a
supervisor in (a supervisor's badge) or searches (order number, customer, tracking
number, SKU, item barcode) and opens the order when exactly one matches; an order
number or a waybill's tracking number with packing video opens its clips at once
(``ui.evidence.panel``), over the order's detail, until closed.
"""

from __future__ import annotations

import time
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app import permissions, users
from app.board import BoardCard, BoardChanges, BoardFilter
from app.board.choices import filter_choices
from app.packing.print_request import PrintSpool
from app.timeutil import Clock, utcnow
from app.users import UserRow
from ui import display_time
from ui.board.alerts import AlertsPanel
from ui.board.checks import ChecksPanel
from ui.board.columns import BoardColumns
from ui.board.detail_panel import OrderDetailPanel
from ui.board.feed import BoardFeed, FullRead
from ui.board.filters import BoardFilterBar
from ui.board.table import BoardTable
from ui.evidence.panel import EvidencePanel
from ui.evidence.words import said as evidence_said
from ui.feedback import SoundPlayer
from ui.retranslate import Said, language_changed
from ui.words import filled, orders_count
from ui.workers import TaskQueue

COLUMNS_VIEW, TABLE_VIEW, EMPTY_VIEW, DETAIL_VIEW, EVIDENCE_VIEW = range(5)


class BoardPage(QWidget):
    refreshed = Signal()  # after each full read or change set was applied
    wall_wanted = Signal()  # its button: whoever holds the page opens the wall display

    def __init__(
        self,
        engine: Engine,
        reads: TaskQueue,
        sounds: SoundPlayer,
        tz: ZoneInfo,
        *,
        feed: BoardFeed | None = None,
        spool: PrintSpool | None = None,
        station: str | None = None,
        clock: Clock = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.reads = reads
        self.writes = TaskQueue("board-actions")
        self.feed = feed or BoardFeed(engine, parent=self)
        self.started = False
        self.total = 0
        self.last_apply_ms = 0.0  # GUI time of the last change set (for the benchmark)
        self.last_seen: str = ""
        self.now: datetime | None = None  # the database's time of the last look
        self.tz = tz
        self._columns_filter: BoardFilter | None = None
        self._open_single = False  # a scan searched: open the order if it is the only one

        self.said = Said()
        self._make_views(engine, reads, tz, clock)
        self._make_bar()
        self._make_side(engine, reads, sounds, spool, station)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.show_columns)
        bar.addWidget(self.show_table)
        bar.addWidget(self.video_button)
        bar.addWidget(self.wall_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(bar)
        layout.addWidget(self.problem)
        layout.addWidget(self.split, 1)

        self.feed.loaded.connect(self._loaded)
        self.feed.changed.connect(self._changed)
        self.feed.stuck.connect(self._stuck)
        self.feed.problem.connect(self._problem)
        self.feed.recovered.connect(self._recovered)
        self.wall: QWidget | None = None  # the wall display, once opened (closed with the page)

    def _make_views(self, engine: Engine, reads: TaskQueue, tz: ZoneInfo, clock: Clock) -> None:
        """The filter bar, and the columns, the table and the "nothing matches" word in
        one stack."""
        self.filters = BoardFilterBar(tz, clock=clock)
        self.filters.changed.connect(self.set_filter)
        self.columns = BoardColumns()
        self.columns.opened.connect(self.open_order)
        self.table = BoardTable(engine, reads, lambda: self.feed.filter)
        self.table_model = self.table.cards
        self.table.opened.connect(self.open_order)
        self.table.failed.connect(self._problem)
        self.empty = QLabel()
        self.said.set(
            self.empty.setText,
            lambda: self.tr(
                "⊘ No orders match this filter.\nClear the filter or search for something else."
            ),
        )
        self.empty.setObjectName("boardEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("font-size: 14pt; color: #5f6368;")
        self.stack = QStackedWidget()
        for w in (self.columns, self.table, self.empty):
            self.stack.addWidget(w)

    def _make_bar(self) -> None:
        """Columns or table, the wall display's button, the summary and the problem."""
        self.show_columns = QPushButton()
        self.show_table = QPushButton()
        self.said.set(self.show_columns.setText, lambda: self.tr("■ Columns"))
        self.said.set(self.show_table.setText, lambda: self.tr("☰ Table"))
        group = QButtonGroup(self)
        for i, b in enumerate((self.show_columns, self.show_table)):
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            group.addButton(b, i)
        self.show_columns.setChecked(True)
        group.idClicked.connect(lambda _i: self._show_stack())
        self.wall_button = QPushButton()
        self.said.set(self.wall_button.setText, lambda: self.tr("◆ Wall display"))
        self.wall_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.wall_button.clicked.connect(self.wall_wanted)
        self.video_button = QPushButton()
        self.said.set(self.video_button.setText, lambda: evidence_said("find_button"))
        self.video_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.summary = QLabel(self.tr("Loading…"))
        self.summary.setObjectName("boardSummary")
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(
            "background: #fff4e0; color: #6d3a00; padding: 6px; border: 1px solid #e0a040;"
        )
        self.problem.hide()

    def _make_side(
        self,
        engine: Engine,
        reads: TaskQueue,
        sounds: SoundPlayer,
        spool: PrintSpool | None,
        station: str | None,
    ) -> None:
        """An order's detail and its video in the stack; the stuck orders and the checks
        in tabs beside it."""
        self.alerts = AlertsPanel(sounds)
        self.alerts.opened.connect(self.open_order)
        # an order's detail takes the place of the columns (or table) while it is open:
        # the whole width for its quantities; and it takes the height there is (its
        # lines scroll inside it), so that it never makes the window taller than the
        # screen
        self.detail = OrderDetailPanel(engine, reads, self.writes, spool=spool, station=station)
        self.detail.closed.connect(self._show_stack)
        self.detail.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.stack.addWidget(self.detail)
        self.evidence = EvidencePanel(engine, reads, zone=self.tz)
        self.evidence.shown.connect(self._show_stack)
        self.evidence.closed.connect(self._show_stack)
        self.stack.addWidget(self.evidence)
        self.video_button.clicked.connect(self.evidence.open_search)
        self.filters.search.returnPressed.connect(
            lambda: self.evidence.look_up(self.filters.search.text())
        )
        self.checks = ChecksPanel(engine, reads)
        self.checks.opened.connect(self.open_order)
        self.side_tabs = QTabWidget()
        self.side_tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.side_tabs.addTab(self.alerts, "")
        self.side_tabs.addTab(self.checks, "")
        self.said.set(lambda t: self.side_tabs.setTabText(0, t), lambda: self.tr("⊗ Stuck"))
        self.said.set(lambda t: self.side_tabs.setTabText(1, t), lambda: self.tr("⚑ Checks"))
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.stack)
        self.split.addWidget(self.side_tabs)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)

    def changeEvent(self, event: QEvent) -> None:
        """The language changed: fixed words said again, the live ones from the last look."""
        if language_changed(event):
            self.said.again()
            self.table_model.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, self.table_model.columnCount() - 1
            )
            self.table_model.set_cards(self.table_model.cards(), complete=self.table_model.complete)
            if self.now is not None:
                self._seen(self.now)
        super().changeEvent(event)

    # --- starting and stopping ----------------------------------------------------------

    def showEvent(self, event: object) -> None:  # the first look starts the feed
        super().showEvent(event)  # type: ignore[arg-type]
        self.start()

    def start(self) -> None:
        if self.started:
            return
        self.started = True
        self.feed.set_filter(self.filters.current())
        self.feed.start()
        self.reads.submit(lambda: filter_choices(self.engine), self.filters.set_choices)

    def shutdown(self) -> None:
        if self.wall is not None:
            self.wall.close()
        self.feed.stop()
        self.evidence.shutdown()
        self.writes.close(wait=True)

    # --- filter, search, scans ------------------------------------------------------------

    def set_filter(self, flt: BoardFilter) -> None:
        self.feed.set_filter(flt)
        self.table.dirty = True
        self._show_stack()

    def scan(self, code: str) -> None:
        """A scan into the board: a supervisor's badge signs in, anything else searches."""
        code = code.strip()
        if not code:
            return

        def badge() -> UserRow | None:
            user = users.find_by_badge(self.engine, code)
            return user if user and permissions.may(user.role, permissions.Action.HOLD) else None

        self.reads.submit(badge, partial(self._scanned, code), self._search_failed)
        self.evidence.look_up(code)  # (a badge finds no video)

    def _scanned(self, code: str, supervisor: UserRow | None) -> None:
        if supervisor is not None:
            self.detail.set_supervisor(supervisor)
            self.summary.setText(filled(self.tr("Acting as %1"), supervisor.name))
            return
        self._open_single = True
        self.filters.set_search(code)

    def _search_failed(self, message: str, _bug: bool) -> None:
        self._problem(message)

    def open_order(self, order_id: int, *, under_video: bool = False) -> None:
        """The order's detail; over the video on screen, unless a scan that found
        both asked for it (``under_video``)."""
        self.detail.open_order(order_id)
        if self.evidence.is_open and not under_video:
            self.evidence.close_view()
        if not self.evidence.is_open:
            self.detail.show()  # (the stack shows it under the video when that closes)
        self._show_stack()

    # --- the live feed ------------------------------------------------------------------

    def _loaded(self, read: FullRead) -> None:
        snap = read.snapshot
        reset = read.filter != self._columns_filter
        self._columns_filter = read.filter
        rules = self.feed.rules
        assert rules is not None
        self.columns.show_snapshot(snap, rules, reset=reset)
        self.table_model.set_now(snap.now, rules)
        self.total = sum(c.count for c in snap.columns)
        self._seen(snap.now)
        if reset and self._open_single:
            self._open_single = False
            cards = [c for col in snap.columns for c in col.cards]
            if len(cards) == 1:
                self.open_order(cards[0].id, under_video=True)
        self.refreshed.emit()

    def _stuck(self, cards: tuple[BoardCard, ...]) -> None:
        assert self.feed.rules is not None
        self.alerts.show_stuck(cards, self.feed.rules)

    def _changed(self, changes: BoardChanges) -> None:
        started = time.perf_counter()
        rules = self.feed.rules
        assert rules is not None
        self.columns.apply(changes, rules)
        if self.table.shown_filter == self.feed.filter:
            self.table_model.apply(changes.cards, changes.gone)
        self.table_model.set_now(changes.now, rules)
        self.total = sum(changes.counts.values())
        self._seen(changes.now)
        if self.detail.view is not None and any(
            c.id == self.detail.order_id for c in changes.cards
        ):
            self.detail.reload()
        self.last_apply_ms = (time.perf_counter() - started) * 1000
        self.refreshed.emit()

    def _seen(self, now: datetime) -> None:
        self.now = now
        self.last_seen = display_time.clock(now)
        self.summary.setText(
            filled(self.tr("%1 · live · updated %2"), orders_count(self.total), self.last_seen)
        )
        self._show_stack()

    def _show_stack(self) -> None:
        if self.evidence.is_open:  # the video stays until closed
            self.stack.setCurrentIndex(EVIDENCE_VIEW)
        elif self.detail.order_id is not None:  # an order's detail stays until closed
            self.stack.setCurrentIndex(DETAIL_VIEW)
        elif self.total == 0 and self._columns_filter is not None:
            self.stack.setCurrentIndex(EMPTY_VIEW)
        else:
            self.stack.setCurrentIndex(TABLE_VIEW if self.show_table.isChecked() else COLUMNS_VIEW)
        if self.started and self.table.dirty and self.show_table.isChecked():
            self.table.load()

    def _problem(self, message: str) -> None:
        since = filled(
            self.tr(" The board shows what it saw at %1 and keeps trying."), self.last_seen or "—"
        )
        self.problem.setText(
            filled(self.tr("⚠ The database is not answering: %1"), message) + since
        )
        self.problem.show()

    def _recovered(self) -> None:
        self.problem.hide()
        self.table.dirty = True
        self._show_stack()
