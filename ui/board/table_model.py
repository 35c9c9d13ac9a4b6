"""The board table's model: a column per field of a ``BoardCard`` (``NUMBER`` to
``CHANNEL``), each card's cells worked out once until it or the clock moves, late and
at-risk standings in colour as well as words, and the next page asked for as the
table scrolls (``fetch``). Its rows are a ``CardList``'s, updated row by row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from app.board import BoardCard, SortKey, Timing
from ui import display_time
from ui.board.model import (
    AGE_ROLE,
    CARD_ROLE,
    STUCK_ROLE,
    TIMING_ROLE,
    URGENCY_KEY,
    URGENCY_ROLE,
    CardList,
    Index,
    age_words,
    timing_words,
)
from ui.words import status_words

NUMBER, STATE, TIMING, CUSTOMER, CARRIER, PROGRESS, SHIP_BY, AGE, PACKER, CHANNEL = range(10)
COLUMNS = CHANNEL + 1
SORT_OF_COLUMN = {
    NUMBER: SortKey.NUMBER,
    STATE: SortKey.STATUS,
    TIMING: SortKey.URGENCY,
    CUSTOMER: SortKey.CUSTOMER,
    CARRIER: SortKey.CARRIER,
    SHIP_BY: SortKey.SHIP_BY,
    AGE: SortKey.AGE,
}
_TABLE_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        CARD_ROLE,
        TIMING_ROLE,
        STUCK_ROLE,
        URGENCY_ROLE,
        AGE_ROLE,
    }
)
RIGHT_ALIGNED = frozenset({PROGRESS, AGE})  # the other columns are the style's (left)
LATE_COLOUR = QColor("#b3261e")
AT_RISK_COLOUR = QColor("#a15c00")


class BoardTableModel(CardList, QAbstractTableModel):
    last_column = COLUMNS - 1

    def __init__(self, parent: Any = None) -> None:
        QAbstractTableModel.__init__(self, parent)
        self._texts: dict[int, list[str]] = {}  # each card's cells, until it or the clock moves
        self._init_cards(URGENCY_KEY, None)
        self.fetch: Callable[[], None] | None = None  # asks for the next page
        self.loading = False

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.complete and not self.loading and bool(self.fetch)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent) and self.fetch is not None:
            self.fetch()

    def headers(self) -> list[str]:
        return [
            self.tr("Order"),
            self.tr("State"),
            self.tr("Standing"),
            self.tr("Customer"),
            self.tr("Carrier"),
            self.tr("Packed"),
            self.tr("Ship by"),
            self.tr("In state for"),
            self.tr("Packer"),
            self.tr("Channel"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cards)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < COLUMNS
        ):
            return self.headers()[section]
        return None

    def _forget(self, order_id: int | None = None) -> None:
        if order_id is None:
            self._texts.clear()
        else:
            self._texts.pop(order_id, None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _TABLE_ROLES or not 0 <= index.row() < len(self._cards):
            return None  # a role this model has nothing for: the cheap answer first
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, col)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.colour(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        c = self._cards[row]
        if role == Qt.ItemDataRole.ToolTipRole and col == NUMBER and c.expedited:
            return self.tr("Expedited: pack this order first")
        return self._role(c, role)

    def text(self, row: int, col: int) -> str:
        """A cell's words (worked out once for the whole row until it or the clock moves)."""
        c = self._cards[row]
        texts = self._texts.get(c.id)
        if texts is None:
            texts = self._texts[c.id] = [self._display(c, i) for i in range(COLUMNS)]
        return texts[col]

    def colour(self, row: int, col: int) -> QColor | None:
        """A cell's colour when it is not the text's own: a late or at-risk standing."""
        if col not in (TIMING, SHIP_BY):
            return None
        timing = self.timing(self._cards[row])
        if timing is Timing.LATE:
            return LATE_COLOUR
        if timing is Timing.AT_RISK:
            return AT_RISK_COLOUR
        return None

    def _display(self, c: BoardCard, col: int) -> str:
        if col == NUMBER:
            return ("⚡ " if c.expedited else "") + c.number
        if col == STATE:
            return status_words(c.status)
        if col == TIMING:
            return timing_words(self.timing(c), self.stuck(c))
        if col == CUSTOMER:
            return c.customer
        if col == CARRIER:
            return c.carrier or ""
        if col == PROGRESS:
            return f"{c.packed_units} / {c.units}"
        if col == SHIP_BY:
            return display_time.minutes(c.ship_by) + ("" if c.ship_by_given else " *")
        if col == AGE:
            return age_words(self.age(c))
        if col == PACKER:
            return " · ".join(x for x in (c.packer, c.station) if x)
        return c.channel
