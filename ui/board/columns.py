"""The board's columns: one per lifecycle state, its count and its cards by urgency.

Each column is a header (state, count, late and at-risk counts in icon and words) over
a list view of a ``ColumnCardsModel`` drawn by ``CardDelegate``. The widgets are made
once; a refresh only changes the models' rows and the headers' text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.board import BoardChanges, BoardRules, BoardSnapshot
from app.board.queries import CARDS_PER_COLUMN
from app.models import OrderStatus
from ui.board.cards import CardDelegate, CardsView
from ui.board.model import CARD_ROLE, ColumnCardsModel
from ui.retranslate import language_changed
from ui.words import filled, orders_count, status_words


def count_words(total: int, late: int, at_risk: int) -> str:
    from PySide6.QtCore import QCoreApplication

    parts = [orders_count(total)]
    if late:
        parts.append(filled(QCoreApplication.translate("Board", "⚠ %1 late"), f"{late:,}"))
    if at_risk:
        parts.append(filled(QCoreApplication.translate("Board", "◆ %1 at risk"), f"{at_risk:,}"))
    return " · ".join(parts)


class BoardColumn(QFrame):
    """One state's header and cards."""

    def __init__(
        self,
        status: OrderStatus,
        model: ColumnCardsModel,
        delegate: CardDelegate,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.status = status
        self.model = model
        self.setObjectName("boardColumn")
        self.title = QLabel(status_words(status))
        self.title.setObjectName("columnTitle")
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.counts = QLabel()
        self.counts.setObjectName("columnCounts")
        self.counts.setWordWrap(True)
        self.view = CardsView()
        self.view.setModel(model)
        self.view.setItemDelegate(delegate)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addWidget(self.view, 1)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.title.setText(status_words(self.status))
            self.show_counts()
        super().changeEvent(event)

    def show_counts(self) -> None:
        m = self.model
        words = count_words(m.total, m.late, m.at_risk)
        shown = m.rowCount()
        if shown < m.total:  # the column lists the most urgent: said on screen, not only on hover
            words += " · " + filled(self.tr("the %1 most urgent shown"), f"{shown:,}")
        self.counts.setText(words)
        tip = filled(self.tr("The %1 most urgent of %2 are shown"), shown, m.total)
        self.counts.setToolTip(tip if shown < m.total else "")


class BoardColumns(QWidget):
    opened = Signal(int)  # an order id chosen on a card

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = CardDelegate(parent=self)
        self.models: dict[OrderStatus, ColumnCardsModel] = {}
        self.columns: dict[OrderStatus, BoardColumn] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for status in OrderStatus:
            model = ColumnCardsModel(CARDS_PER_COLUMN, self)
            column = BoardColumn(status, model, self.delegate)
            column.view.clicked.connect(self._clicked)
            column.view.activated.connect(self._clicked)
            self.models[status] = model
            self.columns[status] = column
            layout.addWidget(column, 1)
            column.setVisible(False)

    def _clicked(self, index: QModelIndex) -> None:
        card = index.data(CARD_ROLE)
        if card is not None:
            self.opened.emit(card.id)

    def show_snapshot(self, snap: BoardSnapshot, rules: BoardRules, *, reset: bool) -> None:
        """A full read: row by row unless the filter changed (``reset``)."""
        wanted = {c.status for c in snap.columns}
        for status, column in self.columns.items():
            column.setVisible(status in wanted)
            model = self.models[status]
            if status not in wanted:
                if model.rowCount():
                    model.set_cards([])
                model.total = model.late = model.at_risk = 0
                continue
            found = snap.column(status)
            model.rules, model.now = rules, snap.now
            if reset:
                model.set_cards(found.cards, complete=found.count <= len(found.cards))
            else:
                model.complete = found.count <= len(found.cards)
                model.keep_only(found.cards)
                model.set_now(snap.now, rules)
            model.total, model.late, model.at_risk = found.count, found.late, found.at_risk
            column.show_counts()

    def apply(self, changes: BoardChanges, rules: BoardRules) -> int:
        """Only the changed orders; returns the number of rows touched."""
        touched = 0
        gone = set(changes.gone)
        by_status: dict[OrderStatus, list] = {}  # type: ignore[type-arg]
        for card in changes.cards:
            by_status.setdefault(card.status, []).append(card)
        moved = {c.id for c in changes.cards}
        for status, model in self.models.items():
            mine = by_status.get(status, [])
            mine_ids = {c.id for c in mine}
            leaving = [i for i in gone | (moved - mine_ids) if model.row_of(i) is not None]
            touched += model.apply(mine, leaving)
            if status in changes.counts:
                model.total = changes.counts[status]
            model.set_now(changes.now, rules)
        for column in self.columns.values():
            if column.isVisible():
                column.show_counts()
        return touched
