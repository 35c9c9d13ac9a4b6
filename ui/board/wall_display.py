"""The wall display: the board for a big screen across the room, dark, full screen.

Per state a tile with all, late and stuck orders in numbers of one size; then pages
of whole cards: first every late or stuck order, state by state (paging within a
state), then the most urgent of the rest; states with no cards get no page. At the
foot, a chip per carrier with what must still leave before its cut-off.

The wall reads its own snapshot (``app.board.wall``) off the GUI thread, after the
board's live feed, at most every ``read_every`` by the database's clock: the same
clock every late, stuck and cut-off rule is judged on. A timer turns the pages
(tests turn them by hand). Every widget is made once: a page shows another list of
cards in the one grid, a read changes texts, so running for days grows nothing.
Sizes follow the screen: 1920x1080 as drawn, 3840x2160 twice as large.

A page change costs little at 4K: the cards take other rows in place (no model reset,
no items laid out again), the next page's cards are laid out while the wall waits,
past 1080p each card is painted once into an image (the next page's ahead too) and
the grid repaints alone, filling only what no card covers (``ui.board.wall_grid``).
With the database away, a banner says the board is not live and since when
(``ui.board.wall_outage``), the last cards, tiles and carrier strip stay on screen
faded as old, the clock runs on, and the wall is live again by itself when the
database answers.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.board.wall import WallPage, WallSnapshot, next_page, plan_pages, wall_snapshot
from app.models import OrderStatus
from app.timeutil import Clock
from ui.board.card_layout import CardFacts
from ui.board.cards import MARGIN, CardDelegate
from ui.board.model import ColumnCardsModel
from ui.board.page import BoardPage
from ui.board.wall_grid import CardGrid
from ui.board.wall_outage import NotLiveBanner, Ticks, WallClock
from ui.board.wall_tiles import BACKGROUND, NUMBER_PX, CarrierStrip, StateTile, wall_style
from ui.retranslate import language_changed
from ui.words import filled, status_words

PAGE_MS = 12_000
READ_EVERY = timedelta(seconds=5)
CARD_SCALE = 1.9  # the cards' fonts at 1920x1080, times the board's
CARD_MIN_WIDTH = 560  # at 1920x1080: three cards across
WALL_LAYOUTS_KEPT = 120  # the cards of a few pages: a page painted again costs no layout
IMAGES_FROM = 1.5  # the size factor (the screen's to 1920x1080) from which cards are images


class WallDisplay(QWidget):
    def __init__(
        self,
        page: BoardPage,
        *,
        page_ms: int = PAGE_MS,
        read_every: timedelta = READ_EVERY,
        clock: Clock | None = None,
        ticks: Ticks = time.monotonic,
    ) -> None:
        super().__init__(page, Qt.WindowType.Window)  # its own window, gone with the board
        self.page = page
        self.read_every = read_every
        self.clock_of_rules = clock  # None: the database's time (tests give a fixed one)
        self._read_at: datetime | None = None  # the board's now when the wall last read
        self.setObjectName("wall")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.factor = 1.0
        self.setStyleSheet(wall_style(self.factor))
        self.pages_turned = 0
        self.reads = 0
        self.snapshot: WallSnapshot | None = None
        self.pages: tuple[WallPage, ...] = ()
        self.current: WallPage | None = None
        self._reading = False
        self._read_failing = False
        self._per_page = 0  # how many cards the pages were planned for

        self.title = QLabel()
        self._say_fixed_words()
        self.title.setObjectName("wallTitle")
        self.problem = NotLiveBanner(ticks)
        self.clock = WallClock(self.problem)
        self.tiles: dict[OrderStatus, StateTile] = {}
        tiles = QGridLayout()
        for i, status in enumerate(OrderStatus):
            tile = StateTile(status)
            tile.hide()
            self.tiles[status] = tile
            tiles.addWidget(tile, 0, i)
        self.showing = QLabel()
        self.showing.setObjectName("wallShowing")
        self.round = QLabel()
        self.round.setObjectName("wallRound")
        self._make_grid()
        self.strip = CarrierStrip()
        self.strip.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.strip.hide()

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.clock)
        heading = QHBoxLayout()
        heading.addWidget(self.showing, 1)
        heading.addWidget(self.round)
        self.layout_ = QVBoxLayout(self)
        # the screen's size, whatever its parts asked at the last one's: moved from a 4K
        # screen to a 1080p one, the wall is restyled for it in that resize
        self.layout_.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        self.layout_.addLayout(head)
        self.layout_.addWidget(self.problem)
        self.layout_.addLayout(tiles)
        self.layout_.addLayout(heading)
        self.layout_.addWidget(self.grid, 1)
        self.layout_.addWidget(self.strip)

        self.pager = QTimer(self)
        self.pager.setInterval(page_ms)
        self.pager.timeout.connect(self.turn_page)
        self._ahead = QTimer(self)
        self._ahead.setSingleShot(True)
        self._ahead.setInterval(50)  # after the page on screen is painted
        self._ahead.timeout.connect(self._lay_out_next)
        page.refreshed.connect(self._board_refreshed)
        page.feed.problem.connect(self._not_live)
        page.feed.recovered.connect(self._live_again)
        self._board_refreshed()

    def _make_grid(self) -> None:
        """The cards of a page: one list in a grid of whole cards, drawn by one delegate."""
        self.model = ColumnCardsModel(None, self)
        self.delegate = CardDelegate(
            scale=CARD_SCALE,
            dark=True,
            width=CARD_MIN_WIDTH,
            who_line=True,
            kept=WALL_LAYOUTS_KEPT,
            parent=self,
        )
        self.grid = CardGrid(self.model, self.delegate)
        self.grid.resized.connect(self.fit_cards)  # (also when the banner shows or goes)

    def _say_fixed_words(self) -> None:
        self.setWindowTitle(self.tr("Packdesk — wall display"))
        self.title.setText(self.tr("Orders on the floor"))

    def changeEvent(self, event: QEvent) -> None:
        """The language changed: its words said again from the last read."""
        if language_changed(event):
            self._say_fixed_words()
            for tile in self.tiles.values():
                tile.retranslate()
            if self.snapshot is not None:
                for column in self.snapshot.columns:
                    self.tiles[column.status].show_column(column)
                self.strip.show_departures(self.snapshot.departures, self.snapshot.now)
            self.strip.retranslate()
            self._show_heading()
            if not self.problem.live:
                self.problem.say()
            self.grid.viewport().update()
        super().changeEvent(event)

    # --- reading ---------------------------------------------------------------------

    def _board_refreshed(self) -> None:
        self.clock.answered(self.page.now)  # the database's clock, not this screen's
        if not self._read_failing:  # (the wall's own read failing: not live till it reads)
            self._live_again()
        now = self.page.now
        if now is None or self._reading:
            return
        if self._read_at is None or now - self._read_at >= self.read_every:
            self.read()

    def read(self) -> None:
        """Read the wall's snapshot on the board's read queue."""
        self._reading = True
        page = self.page
        self._read_at = page.now
        flt, rules = page.feed.filter, page.feed.rules
        now = self.clock_of_rules() if self.clock_of_rules else None

        def task() -> WallSnapshot:
            return wall_snapshot(page.engine, flt, zone=page.tz, rules=rules, now=now)

        page.reads.submit(task, self.show_snapshot, self._read_failed)

    def _read_failed(self, _message: str, _bug: bool) -> None:
        self._reading = False
        self._read_failing = True
        self._not_live()

    def show_snapshot(self, snap: WallSnapshot) -> None:
        """A new read: tiles, strip and the page on screen, in place (no page turns)."""
        self._reading = False
        self.reads += 1
        self.snapshot = snap
        self._read_failing = False
        if not self.page.feed.failing:
            self._live_again()
        wanted = {c.status for c in snap.columns}
        for status, tile in self.tiles.items():
            tile.setVisible(status in wanted)
        for column in snap.columns:
            self.tiles[column.status].show_column(column)
        self.strip.show_departures(snap.departures, snap.now)
        self._plan()
        if self.current is None:
            self.turn_page()

    # --- paging ----------------------------------------------------------------------

    def per_page(self) -> int:
        """How many whole cards the grid holds (the last row's cells may lose their
        blank bottom margin, never a pixel of a card)."""
        cell = self.grid.gridSize()
        room = self.grid.viewport().size()
        if cell.width() <= 0 or cell.height() <= 0:
            return 1
        rows = (room.height() + MARGIN) // cell.height()
        return max(1, room.width() // cell.width()) * max(1, rows)

    def _plan(self) -> None:
        """Pages from the latest snapshot for the grid's size; the page on screen is
        shown again from it (its fresh cards), or the next one if it is gone."""
        if self.snapshot is None:
            return
        per_page = self._per_page = self.per_page()
        # the images of the page on screen and of the next one (a card's image at 4K
        # is about 2 MB)
        self.delegate.images_kept = 2 * per_page + 2
        self.pages = plan_pages(self.snapshot, per_page)
        if self.current is None:
            return
        place = self.current.place
        same = next((p for p in self.pages if p.place == place), None)
        if same is None:
            same = next_page(self.pages, place)
        self._show(same)

    def turn_page(self) -> None:
        """The next page of the round (the timer's, or a test's, hand)."""
        self._show(next_page(self.pages, self.current.place if self.current else None))
        self.pages_turned += 1

    def _show(self, page: WallPage | None) -> None:
        self.current = page
        snap = self.snapshot
        rules = self.page.feed.rules
        if snap is not None:
            if rules is not None:
                self.model.rules = rules
            self.model.now = snap.now
        self.model.replace_cards(page.cards if page else ())
        for status, tile in self.tiles.items():
            tile.set_current(page is not None and status is page.status)
        self._show_heading()
        self._ahead.start()  # the next page laid out once this one is on screen

    def _lay_out_next(self) -> None:
        """The next page's cards laid out while the wall waits, so that turning to it
        costs its paint only."""
        coming = next_page(self.pages, self.current.place if self.current else None)
        if coming is None or coming is self.current:
            return
        m = self.model
        facts = (CardFacts(c, m.timing(c), m.stuck(c), m.age(c)) for c in coming.cards)
        self.delegate.prepare(facts, self.grid.gridSize(), self.grid.font())

    def _show_heading(self) -> None:
        page = self.current
        if page is None:
            self.showing.setText(self.tr("✔ No orders on the floor") if self.snapshot else "")
            self.round.setText("")
            return
        state = status_words(page.status)
        first, last = page.first + 1, page.first + len(page.cards)
        if page.urgent:
            of = f"{page.of:,}"
            text = filled(self.tr("▶ %1 — late or stuck: %2–%3 of %4"), state, first, last, of)
            if page.unlisted:  # past the cap: said, never dropped in silence
                text += filled(self.tr(" · +%1 more not listed"), f"{page.unlisted:,}")
        elif page.of > last:
            text = filled(
                self.tr("▶ %1 — the others: the %2 most urgent of %3"), state, last, page.of
            )
        else:
            text = filled(self.tr("▶ %1 — the others: %2–%3 of %4"), state, first, last, page.of)
        self.showing.setText(text)
        position = self.pages.index(page) + 1 if page in self.pages else 1
        self.round.setText(filled(self.tr("page %1 of %2"), position, len(self.pages)))

    # --- the database away -------------------------------------------------------------

    def _not_live(self, _message: str = "") -> None:
        """The database stopped answering: the banner says since when, the cards, tiles
        and carrier strip on screen stay, faded as old, until it answers again (the feed
        keeps trying); the clock runs on."""
        self.problem.went_away()
        self._fade(True)

    def _live_again(self) -> None:
        self.problem.answered(self.page.last_seen)
        self._fade(False)

    def _fade(self, stale: bool) -> None:
        if self.delegate.stale != stale:
            self.delegate.set_stale(stale)
            self.grid.viewport().update()
        for tile in self.tiles.values():
            tile.set_stale(stale)
        self.strip.set_stale(stale, self.problem.last_seen)

    # --- size, keys, showing ------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        factor = max(1.0, min(self.width() / 1920, self.height() / 1080))
        if abs(factor - self.factor) > 0.01:
            self.factor = factor
            self.setStyleSheet(wall_style(factor))
            self.delegate.scale = CARD_SCALE * factor
            # cards painted once into images past 1080p (at 4K a page's paint takes 4
            # times as long; an image there is 2 MB, so not below, where it is not needed)
            self.delegate.use_images(BACKGROUND if factor >= IMAGES_FROM else None)
            for tile in self.tiles.values():
                tile.counts.setSpacing(round(32 * factor))
                tile.number_px = round(NUMBER_PX * factor)
                tile.fit_numbers()
            margin = round(24 * factor)
            self.layout_.setContentsMargins(margin, round(16 * factor), margin, round(16 * factor))
        super().resizeEvent(event)
        self.layout_.activate()  # the grid's size now, for the cards that fit it
        self.fit_cards()

    def fit_cards(self) -> None:
        """Cards as wide as the grid's columns and as high as their four lines; the
        pages planned again when fewer or more fit."""
        width = max(self.grid.viewport().width(), 300)
        columns = max(1, width // round(CARD_MIN_WIDTH * self.factor))
        cell_width = width // columns - 2  # a list wraps before a cell that ends at its edge
        self.delegate.card_width = cell_width
        option = QStyleOptionViewItem()
        option.font = self.grid.font()
        height = self.delegate.sizeHint(option, self.model.index(0)).height()
        cell = QSize(cell_width, height)
        if cell != self.grid.gridSize() or self.per_page() != self._per_page:
            self.grid.setGridSize(cell)
            self._plan()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.fit_cards()
        self.pager.start()

    def closeEvent(self, event: object) -> None:
        self.pager.stop()
        super().closeEvent(event)  # type: ignore[arg-type]


def open_wall_display(board: BoardPage) -> WallDisplay:
    """The board's wall display, made once, full screen on the board's screen."""
    wall = board.wall if isinstance(board.wall, WallDisplay) else WallDisplay(board)
    board.wall = wall
    screen = board.screen()
    if screen is not None:  # the whole screen, also where no window manager sizes it
        wall.setGeometry(screen.geometry())
    wall.showFullScreen()
    return wall
