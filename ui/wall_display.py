"""The wall display: the board for a big screen across the room, dark, full screen.

Large counts per state (with late and at-risk counts in icon and words), then the
cards of one column at a time in a grid; a timer pages through the columns on its
own. Every widget is made once: a refresh only changes label texts, and paging only
points the one grid view at another column's model, so running for days does not
grow the memory.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from app.models import OrderStatus
from ui.board_cards import CardDelegate
from ui.board_columns import count_words
from ui.board_page import BoardPage
from ui.words import filled, orders_count, status_words

PAGE_MS = 12_000
STYLE = """
QWidget#wall { background: #101418; color: #eceff1; }
QLabel { color: #eceff1; }
QLabel#wallTitle { font-size: 26pt; font-weight: bold; }
QLabel#wallClock { font-size: 26pt; color: #b0bec5; }
QLabel#tileName { font-size: 18pt; color: #b0bec5; }
QLabel#tileCount { font-size: 54pt; font-weight: bold; }
QLabel#tileFlags { font-size: 15pt; color: #ffd180; }
QLabel#wallShowing { font-size: 20pt; color: #82b1ff; }
QLabel#wallProblem { font-size: 18pt; background: #4a3a12; color: #ffd180; padding: 8px; }
QFrame#tile { background: #1c2329; border-radius: 10px; }
QFrame#tile[current="true"] { border: 3px solid #82b1ff; }
QListView { background: #101418; border: none; }
"""


class _Tile(QFrame):
    def __init__(self, status: OrderStatus) -> None:
        super().__init__()
        self.setObjectName("tile")
        self.name = QLabel(status_words(status))
        self.name.setObjectName("tileName")
        self.count = QLabel("0")
        self.count.setObjectName("tileCount")
        self.flags = QLabel()
        self.flags.setObjectName("tileFlags")
        self.flags.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.count)
        layout.addWidget(self.flags)


class WallDisplay(QWidget):
    def __init__(self, page: BoardPage, *, page_ms: int = PAGE_MS) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.page = page
        self.setObjectName("wall")
        self.setWindowTitle(self.tr("Packdesk — wall display"))
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.pages_turned = 0
        self.current: OrderStatus | None = None

        self.title = QLabel(self.tr("Orders on the floor"))
        self.title.setObjectName("wallTitle")
        self.clock = QLabel()
        self.clock.setObjectName("wallClock")
        self.problem = QLabel()
        self.problem.setObjectName("wallProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.tiles: dict[OrderStatus, _Tile] = {}
        tiles = QGridLayout()
        for i, status in enumerate(OrderStatus):
            tile = _Tile(status)
            self.tiles[status] = tile
            tiles.addWidget(tile, 0, i)
        self.showing = QLabel()
        self.showing.setObjectName("wallShowing")
        self.grid = QListView()
        self.delegate = CardDelegate(scale=1.7, dark=True, width=520, parent=self)
        self.grid.setItemDelegate(self.delegate)
        self.grid.setFlow(QListView.Flow.LeftToRight)
        self.grid.setWrapping(True)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setUniformItemSizes(True)
        self.grid.setSpacing(6)
        self.grid.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.grid.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(head)
        layout.addWidget(self.problem)
        layout.addLayout(tiles)
        layout.addWidget(self.showing)
        layout.addWidget(self.grid, 1)

        self.pager = QTimer(self)
        self.pager.setInterval(page_ms)
        self.pager.timeout.connect(self.turn_page)
        page.refreshed.connect(self.refresh)
        page.feed.problem.connect(self._problem)
        page.feed.recovered.connect(self.problem.hide)
        self.refresh()
        self.turn_page()
        self.pager.start()

    def shown_states(self) -> list[OrderStatus]:
        return [s for s, c in self.page.columns.columns.items() if not c.isHidden()]

    def turn_page(self) -> None:
        """Show the next column's cards (the same view, another model)."""
        states = self.shown_states() or [OrderStatus.READY]
        if self.current in states:
            nxt = states[(states.index(self.current) + 1) % len(states)]
        else:
            nxt = states[0]
        self.current = nxt
        self.grid.setModel(self.page.columns.models[nxt])
        self.pages_turned += 1
        for status, tile in self.tiles.items():
            tile.setProperty("current", status is nxt)
            tile.style().unpolish(tile)
            tile.style().polish(tile)
        self._show_heading()

    def refresh(self) -> None:
        """New counts arrived: texts only."""
        states = set(self.shown_states())
        for status, tile in self.tiles.items():
            model = self.page.columns.models[status]
            tile.setVisible(status in states)
            tile.count.setText(f"{model.total:,}")
            flags = count_words(model.total, model.late, model.at_risk).split(" · ")[1:]
            tile.flags.setText("  ".join(flags) or self.tr("✔ all on time"))
        self.clock.setText(self.page.last_seen)  # the database's clock, not this screen's
        self._show_heading()

    def _show_heading(self) -> None:
        if self.current is None:
            return
        model = self.page.columns.models[self.current]
        if model.rowCount() >= model.total:
            self.showing.setText(
                filled(self.tr("▶ %1: %2"), status_words(self.current), orders_count(model.total))
            )
            return
        self.showing.setText(
            filled(
                self.tr("▶ %1: the %2 most urgent of %3"),
                status_words(self.current),
                model.rowCount(),
                f"{model.total:,}",
            )
        )

    def _problem(self, message: str) -> None:
        self.problem.setText(
            filled(
                self.tr("⚠ The database is not answering; these are the numbers of %1."),
                self.page.last_seen or "—",
            )
        )
        self.problem.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = max(self.width() - 64, 300)  # the grid is the window less its margins
        columns = max(1, width // 480)
        self.delegate.card_width = width // columns - 3 * self.grid.spacing()
        self.grid.doItemsLayout()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.pager.start()

    def closeEvent(self, event: object) -> None:
        self.pager.stop()
        super().closeEvent(event)  # type: ignore[arg-type]
