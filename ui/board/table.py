"""The board's table: the same orders as its columns, a row each, sortable by a click
on a column's header, read a page (``PAGE`` rows) at a time off the GUI thread as it
scrolls. It is read when it is on screen (``dirty`` until then); the live feed's
change sets then update its rows (``BoardTableModel.apply``) while its filter is the
feed's. Its cells are painted by ``BoardTableDelegate`` (most of them the short way).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget
from sqlalchemy import Engine

from app.board import BoardFilter, SortKey, TablePage, table_page
from ui.board.model import CARD_ROLE, sort_key
from ui.board.table_delegate import BoardTableDelegate
from ui.board.table_model import SORT_OF_COLUMN, BoardTableModel
from ui.workers import TaskQueue

PAGE = 200


class BoardTable(QTableView):
    opened = Signal(int)  # an order id chosen on a row
    failed = Signal(str)  # a read did not answer; plain words

    def __init__(
        self,
        engine: Engine,
        reads: TaskQueue,
        wanted: Callable[[], BoardFilter],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.reads = reads
        self.wanted = wanted  # the filter to read (the board's, when a read starts)
        self.shown_filter: BoardFilter | None = None  # the filter of the rows on screen
        self.dirty = True  # to be read again when on screen
        self.sort, self.descending = SortKey.URGENCY, False
        self._generation = 0
        self._sized = False
        self.cards = BoardTableModel(self)
        self.cards.fetch = self._load_more
        self.setObjectName("boardTable")
        self.setModel(self.cards)
        self.cells = BoardTableDelegate(self, self.cards)
        self.setItemDelegate(self.cells)
        self.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(130)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)
        header.sectionClicked.connect(self._sort_by)
        self.activated.connect(self._row_opened)
        self.clicked.connect(self._row_opened)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.cells.look()  # the style, font and colours every cell of this paint shares
        super().paintEvent(event)

    def _row_opened(self, index: QModelIndex) -> None:
        card = index.data(CARD_ROLE)
        if card is not None:
            self.opened.emit(card.id)

    def _sort_by(self, column: int) -> None:
        sort = SORT_OF_COLUMN.get(column)
        header = self.horizontalHeader()
        if sort is None:
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            sort, column = SortKey.URGENCY, -1
        self.descending = sort is self.sort and not self.descending
        self.sort = sort
        order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(column, order)
        self.load()

    def load(self) -> None:
        """Read the table again from its first row."""
        self.dirty = False
        self._generation += 1
        self._fetch(0, self._generation)

    def _load_more(self) -> None:
        self._fetch(self.cards.rowCount(), self._generation)

    def _fetch(self, offset: int, generation: int) -> None:
        flt, sort, desc = self.wanted(), self.sort, self.descending
        self.cards.loading = True

        def task() -> TablePage:
            return table_page(
                self.engine, flt, sort=sort, descending=desc, offset=offset, limit=PAGE
            )

        self.reads.submit(task, partial(self._loaded, generation, flt), self._failed)

    def _loaded(self, generation: int, flt: BoardFilter, page: TablePage) -> None:
        if generation != self._generation:
            return
        self.cards.loading = False
        complete = page.offset + len(page.rows) >= page.total
        if page.offset == 0:
            key = sort_key(self.sort, self.descending)
            self.cards.set_cards(page.rows, key=key, complete=complete)
            self.shown_filter = flt
            if not self._sized and page.rows:
                self._sized = True
                self.resizeColumnsToContents()
        else:
            self.cards.append_cards(page.rows, complete=complete)

    def _failed(self, message: str, _bug: bool) -> None:
        self.cards.loading = False
        self.failed.emit(message)
