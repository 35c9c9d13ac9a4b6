"""The board's models: sorted lists of plain ``BoardCard``s, updated row by row.

``CardList`` keeps its cards in a sort order (a key per card, id last so keys are
unique) and applies a refresh the narrow way: a changed card that keeps its place is
one ``dataChanged``, a new one is inserted where it belongs, a gone one is removed;
only a first load or a new filter resets the model. ``ColumnCardsModel`` is one board
column's cards (drawn by ``ui.board.cards.CardDelegate``); the table's model, a column
per field, is ``ui.board.table_model.BoardTableModel``.

Late, at risk and stuck are worked out again from the database's latest ``now`` on
every refresh, so a card turns late on screen even when nobody touches the order.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import total_ordering
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.board import BoardCard, BoardRules, SortKey, Timing
from app.board.rules import CLOSED_STATES
from ui.words import filled

Index = QModelIndex | QPersistentModelIndex
Key = tuple[Any, ...]

CARD_ROLE = Qt.ItemDataRole.UserRole + 1  # the BoardCard
TIMING_ROLE = Qt.ItemDataRole.UserRole + 2  # Timing, from the latest now
STUCK_ROLE = Qt.ItemDataRole.UserRole + 3  # bool
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 4  # 0 expedited, 1 late, 2 at risk, 3 the rest
AGE_ROLE = Qt.ItemDataRole.UserRole + 5  # timedelta in the current state

_MINUTE = timedelta(minutes=1)


@total_ordering
class Desc:
    """Reverses the order of a value inside a sort key."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Desc) and self.value == other.value

    def __lt__(self, other: Desc) -> bool:
        return bool(other.value < self.value)

    def __hash__(self) -> int:
        return hash(self.value)


def sort_key(sort: SortKey, descending: bool = False) -> Callable[[BoardCard], Key]:
    """The Python twin of ``table_page``'s ORDER BY (so new rows land where SQL puts them)."""
    if sort is SortKey.URGENCY:
        if descending:
            return lambda c: (c.priority, Desc(c.ship_by), Desc(c.id))
        return lambda c: (-c.priority, c.ship_by, c.id)
    field: Callable[[BoardCard], Any] = {
        SortKey.NUMBER: lambda c: c.number,
        SortKey.CUSTOMER: lambda c: c.customer,
        SortKey.CARRIER: lambda c: c.carrier or "",
        SortKey.STATUS: lambda c: c.status.value,
        SortKey.SHIP_BY: lambda c: c.ship_by,
        SortKey.AGE: lambda c: c.entered_state_at,
        SortKey.UPDATED: lambda c: c.updated_at,
    }[sort]
    if descending != (sort is SortKey.AGE):
        return lambda c: (Desc(field(c)), c.id)
    return lambda c: (field(c), c.id)


URGENCY_KEY = sort_key(SortKey.URGENCY)


def age_words(age: timedelta) -> str:
    minutes = max(int(age.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return filled(QCoreApplication.translate("Board", "%1 d %2 h"), days, hours)
    if hours:
        return filled(QCoreApplication.translate("Board", "%1 h %2 min"), hours, f"{mins:02d}")
    return filled(QCoreApplication.translate("Board", "%1 min"), mins)


def timing_words(timing: Timing, stuck: bool = False) -> str:
    """Icon and words for a card's standing: never colour alone."""
    parts = []
    if timing is Timing.LATE:
        parts.append(QCoreApplication.translate("Board", "⚠ Late"))
    elif timing is Timing.AT_RISK:
        parts.append(QCoreApplication.translate("Board", "◆ At risk"))
    if stuck:
        parts.append(QCoreApplication.translate("Board", "⊗ Stuck"))
    return "  ".join(parts) or QCoreApplication.translate("Board", "On time")


if TYPE_CHECKING:
    _ModelBase = QAbstractItemModel
else:
    _ModelBase = object


class CardList(_ModelBase):
    """A sorted list of cards with the narrow updates; mixed into a Qt model."""

    last_column = 0

    _cards: list[BoardCard]
    _keys: list[Key]
    _by_id: dict[int, BoardCard]
    key: Callable[[BoardCard], Key]
    limit: int | None  # keep at most this many (a board column), None: all
    complete: bool  # False: more rows exist past the last one (the table pages)
    rules: BoardRules
    now: datetime | None

    def _init_cards(self, key: Callable[[BoardCard], Key], limit: int | None) -> None:
        self._cards, self._keys, self._by_id = [], [], {}
        self.key, self.limit, self.complete = key, limit, True
        self.rules, self.now = BoardRules(), None

    def _changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.last_column))

    def _forget(self, order_id: int | None = None) -> None:
        """Drop what was worked out for a card (None: for every card)."""

    def set_now(self, now: datetime, rules: BoardRules | None = None) -> None:
        """The clock moved: only the rows whose age (in whole minutes), standing or
        stuck flag changed are reported, in runs of neighbouring rows."""
        before, self.now = self.now, now
        if rules is not None and rules is not self.rules:
            self.rules, before = rules, None
        if before is None or before == now:
            if before is None and self._cards:
                self._forget()
                self._changed(0, len(self._cards) - 1)
            return
        first = -1
        for row, c in enumerate(self._cards):
            if self._look(c, before) != self._look(c, now):
                self._forget(c.id)
                if first < 0:
                    first = row
            elif first >= 0:
                self._changed(first, row - 1)
                first = -1
        if first >= 0:
            self._changed(first, len(self._cards) - 1)

    def _look(self, c: BoardCard, now: datetime) -> tuple[int, Timing, bool]:
        age = now - c.entered_state_at
        stuck = c.status not in CLOSED_STATES and self.rules.is_stuck(c.status, age)
        return age // _MINUTE, self.rules.timing(c.status, c.ship_by, now), stuck

    def set_cards(
        self,
        cards: Iterable[BoardCard],
        *,
        key: Callable[[BoardCard], Key] | None = None,
        complete: bool = True,
    ) -> None:
        """A full reload: the first load, a new filter or a new sort."""
        self.beginResetModel()
        self._forget()
        if key is not None:
            self.key = key
        ordered = sorted(cards, key=self.key)[: self.limit]
        self._cards = ordered
        self._keys = [self.key(c) for c in ordered]
        self._by_id = {c.id: c for c in ordered}
        self.complete = complete
        self.endResetModel()

    def replace_cards(self, cards: Iterable[BoardCard]) -> None:
        """Other cards in the same rows (a wall's next page): the rows that stay are one
        ``dataChanged``, only a longer or shorter list inserts or removes rows, so a view
        of uniform items repaints without laying its items out again."""
        ordered = sorted(cards, key=self.key)[: self.limit]
        before = len(self._cards)
        if before > len(ordered):
            self.beginRemoveRows(QModelIndex(), len(ordered), before - 1)
            self._set_rows(ordered)
            self.endRemoveRows()
        elif before < len(ordered):
            self.beginInsertRows(QModelIndex(), before, len(ordered) - 1)
            self._set_rows(ordered)
            self.endInsertRows()
        else:
            self._set_rows(ordered)
        if before and ordered:
            self._changed(0, min(before, len(ordered)) - 1)

    def _set_rows(self, ordered: list[BoardCard]) -> None:
        self._forget()
        self._cards = ordered
        self._keys = [self.key(c) for c in ordered]
        self._by_id = {c.id: c for c in ordered}

    def append_cards(self, cards: Iterable[BoardCard], *, complete: bool) -> None:
        """The table's next page (rows after the last one)."""
        new = [c for c in cards if c.id not in self._by_id]
        self.complete = complete
        if not new:
            return
        first = len(self._cards)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._cards += new
        self._keys += [self.key(c) for c in new]
        self._by_id.update((c.id, c) for c in new)
        self.endInsertRows()

    def apply(self, cards: Iterable[BoardCard], gone: Iterable[int] = ()) -> int:
        """Upsert ``cards`` and remove ``gone`` ids, row by row; returns rows touched."""
        touched = 0
        for order_id in gone:
            touched += self._remove(order_id)
        for card in cards:
            touched += self._upsert(card)
        if self.limit is not None:
            while len(self._cards) > self.limit:
                self._remove(self._cards[-1].id)
                self.complete = False
        return touched

    def keep_only(self, cards: Iterable[BoardCard]) -> int:
        """Make the list hold exactly ``cards`` (a column's fresh snapshot), narrowly."""
        fresh = list(cards)
        ids = {c.id for c in fresh}
        gone = [i for i in self._by_id if i not in ids]
        changed = [c for c in fresh if self._by_id.get(c.id) != c]
        return self.apply(changed, gone)

    def _row(self, card: BoardCard) -> int:
        return bisect.bisect_left(self._keys, self.key(card))

    def _remove(self, order_id: int) -> int:
        old = self._by_id.get(order_id)
        if old is None:
            return 0
        row = self._row(old)
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._cards[row], self._keys[row], self._by_id[order_id]
        self._forget(order_id)
        self.endRemoveRows()
        return 1

    def _upsert(self, card: BoardCard) -> int:
        old = self._by_id.get(card.id)
        key = self.key(card)
        if old is not None:
            row = self._row(old)
            fits = (row == 0 or self._keys[row - 1] < key) and (
                row + 1 == len(self._keys) or key < self._keys[row + 1]
            )
            if fits:
                self._cards[row], self._keys[row], self._by_id[card.id] = card, key, card
                self._forget(card.id)
                self._changed(row, row)
                return 1
            self._remove(card.id)
        row = bisect.bisect_left(self._keys, key)
        if row == len(self._cards) and not self.complete:
            return 1 if old is not None else 0  # past the loaded rows: the next page has it
        self.beginInsertRows(QModelIndex(), row, row)
        self._cards.insert(row, card)
        self._keys.insert(row, key)
        self._by_id[card.id] = card
        self.endInsertRows()
        return 1

    # --- what every card shows, from the latest now ---------------------------------

    def card_at(self, row: int) -> BoardCard:
        return self._cards[row]

    def cards(self) -> list[BoardCard]:
        return list(self._cards)

    def row_of(self, order_id: int) -> int | None:
        card = self._by_id.get(order_id)
        return None if card is None else self._row(card)

    def age(self, c: BoardCard) -> timedelta:
        if self.now is None:
            return c.age_in_state
        return max(self.now - c.entered_state_at, timedelta(0))

    def timing(self, c: BoardCard) -> Timing:
        return c.timing if self.now is None else self.rules.timing(c.status, c.ship_by, self.now)

    def stuck(self, c: BoardCard) -> bool:
        return c.status not in CLOSED_STATES and self.rules.is_stuck(c.status, self.age(c))

    def urgency(self, c: BoardCard) -> int:
        if c.expedited:
            return 0
        return {Timing.LATE: 1, Timing.AT_RISK: 2}.get(self.timing(c), 3)

    def _role(self, c: BoardCard, role: int) -> Any:
        if role == CARD_ROLE:
            return c
        if role == TIMING_ROLE:
            return self.timing(c)
        if role == STUCK_ROLE:
            return self.stuck(c)
        if role == URGENCY_ROLE:
            return self.urgency(c)
        if role == AGE_ROLE:
            return self.age(c)
        return None


class ColumnCardsModel(CardList, QAbstractListModel):
    """One board column: its most urgent cards, the rest counted in ``total``."""

    def __init__(self, limit: int | None = None, parent: Any = None) -> None:
        QAbstractListModel.__init__(self, parent)
        self._init_cards(URGENCY_KEY, limit)
        self.total = 0  # orders of this column matching the filter (not only those shown)
        self.late = 0
        self.at_risk = 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        c = self._cards[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [("⚡ " if c.expedited else "") + c.number, c.customer]
            return " — ".join([*parts, timing_words(self.timing(c), self.stuck(c))])
        return self._role(c, role)
