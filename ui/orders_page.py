"""The Orders page: every order, most urgent first, filtered by state, loaded off the
GUI thread a page at a time as the table scrolls."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app import orders
from app.models import OrderStatus
from app.orders import OrderRow
from app.timeutil import Clock, utcnow
from ui.orders_model import OrdersModel
from ui.retranslate import Said, language_changed
from ui.words import filled, orders_count, status_words
from ui.workers import TaskQueue

PAGE = 500


class PagedOrdersModel(OrdersModel):
    """Asks its page for the next rows when the view scrolls near the end."""

    def __init__(self, page: OrdersPage) -> None:
        super().__init__(page)
        self._page = page
        self.more = False

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self.more and not self._page.loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._page.load_more()

    def append_rows(self, rows: list[OrderRow]) -> None:
        if not rows:
            return
        first = self.rowCount()
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()


class OrdersPage(QWidget):
    def __init__(
        self,
        engine: Engine,
        reads: TaskQueue,
        parent: QWidget | None = None,
        *,
        clock: Clock = utcnow,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.clock = clock  # what is late is late by this clock
        self.reads = reads
        self.loading = False
        self.generation = 0  # answers to an older filter are dropped
        self.loaded_once = False
        self.total = 0  # orders of the filter (the summary's "of")

        self.said = Said()
        self.status_filter = QComboBox()
        self.status_filter.addItem("", None)
        self.said.set(partial(self.status_filter.setItemText, 0), lambda: self.tr("All states"))
        for i, status in enumerate(OrderStatus, start=1):
            self.status_filter.addItem("", status.value)
            self.said.set(partial(self.status_filter.setItemText, i), partial(status_words, status))
        self.status_filter.currentIndexChanged.connect(self.reload)
        self.refresh_button = QPushButton()
        self.said.set(self.refresh_button.setText, lambda: self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.summary = QLabel()
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.model = PagedOrdersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        bar = QHBoxLayout()
        state_label = QLabel()
        self.said.set(state_label.setText, lambda: self.tr("State:"))
        bar.addWidget(state_label)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)

    def changeEvent(self, event: QEvent) -> None:
        """The language changed: its words said again, the rows' from what is loaded."""
        if language_changed(event):
            self.said.again()
            self.model.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
            )
            if self.model.rowCount():
                last = self.model.index(self.model.rowCount() - 1, self.model.columnCount() - 1)
                self.model.dataChanged.emit(self.model.index(0, 0), last)
            if not self.loading and self.loaded_once:
                shown = filled(
                    self.tr("%1 of %2"), f"{self.model.rowCount():,}", orders_count(self.total)
                )
                self.summary.setText(shown)
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:  # the first look loads
        super().showEvent(event)  # type: ignore[arg-type]
        if not self.loaded_once:
            self.loaded_once = True
            self.reload()

    @property
    def status(self) -> str | None:
        value = self.status_filter.currentData()
        return str(value) if value else None

    def reload(self) -> None:
        """Load the first page for the current filter (off the GUI thread)."""
        self.generation += 1
        self._fetch(offset=0, generation=self.generation, replace=True)

    def load_more(self) -> None:
        self._fetch(offset=self.model.rowCount(), generation=self.generation, replace=False)

    def _fetch(self, *, offset: int, generation: int, replace: bool) -> None:
        self.loading = True
        self.summary.setText(self.tr("Loading…"))
        status = self.status

        def task() -> tuple[list[OrderRow], int]:
            rows = orders.list_orders(self.engine, status=status, limit=PAGE, offset=offset)
            total = orders.count_orders(self.engine, status=status) if replace else -1
            return rows, total

        self.reads.submit(task, partial(self._loaded, generation, replace), self._failed)

    def _loaded(self, generation: int, replace: bool, result: tuple[list[OrderRow], int]) -> None:
        if generation != self.generation:
            return
        rows, total = result
        self.loading = False
        self.problem.hide()
        if replace:
            self.total = total
            self.model.set_rows(rows, now=self.clock())
            self.table.resizeColumnsToContents()
        else:
            self.model.append_rows(rows)
        self.model.more = len(rows) == PAGE
        shown = filled(self.tr("%1 of %2"), f"{self.model.rowCount():,}", orders_count(self.total))
        self.summary.setText(shown)

    def _failed(self, message: str, _bug: bool) -> None:
        self.loading = False
        self.summary.setText("")
        self.problem.setText(self.tr("Could not load the orders: ") + message)
        self.problem.show()

    def select_order(self, number: str) -> bool:
        """Select a loaded order by number (used by a scan into this page)."""
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).number == number:
                self.table.selectRow(row)
                self.table.scrollTo(
                    self.model.index(row, 0), QTableView.ScrollHint.PositionAtCenter
                )
                return True
        return False
