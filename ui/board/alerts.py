"""The alerts panel: orders stuck in a state past its rule, longest first, with a
sound when an order newly gets stuck (the supervisor can mute it)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.board import BoardCard, BoardRules
from app.models import OrderStatus
from ui.board.cards import CardDelegate, CardsView
from ui.board.model import CARD_ROLE, ColumnCardsModel
from ui.feedback import SoundPlayer
from ui.retranslate import language_changed
from ui.words import duration_words, filled, status_words

ALERT_SOUND = "alert"


def rule_words(rules: BoardRules) -> str:
    """The stuck rules in words: "New > 2 h · Ready > 4 h · ..."."""
    parts = []
    for status in OrderStatus:
        limit = rules.stuck_after.get(status)
        if limit is None:
            continue
        amount = duration_words(int(limit.total_seconds() // 60))
        parts.append(f"{status_words(status)} > {amount}")
    return " · ".join(parts)


class AlertsPanel(QFrame):
    opened = Signal(int)

    def __init__(self, sounds: SoundPlayer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sounds = sounds
        self.muted = False
        self.alerted = 0  # sounds played (or that would have been, when muted)
        self._known: set[int] | None = None  # None until the first list
        self.setObjectName("alerts")
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.rules.setStyleSheet("color: #5f6368; font-size: 9pt;")
        self.setMinimumHeight(110)
        self.mute = QPushButton()
        self.mute.setCheckable(True)
        self.mute.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mute.toggled.connect(self.set_muted)
        self.model = ColumnCardsModel(None, self)
        self.model.key = lambda c: (c.entered_state_at, c.id)
        self.view = CardsView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(scale=0.9, parent=self))
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.clicked.connect(self._clicked)
        self.empty = QLabel()
        self._rules: BoardRules | None = None
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.mute)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.rules)
        layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.view, 1)
        self.set_muted(False)
        self._show_title()

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.set_muted(self.muted)
            self._show_title()
            if self._rules is not None:
                self.rules.setText(filled(self.tr("Stuck when: %1"), rule_words(self._rules)))
        super().changeEvent(event)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        self.mute.blockSignals(True)
        self.mute.setChecked(muted)
        self.mute.blockSignals(False)
        self.mute.setText(self.tr("⊘ Sound muted") if muted else self.tr("▶ Sound on"))
        self.mute.setToolTip(self.tr("A bell rings when an order newly gets stuck"))

    def show_stuck(self, cards: Sequence[BoardCard], rules: BoardRules) -> None:
        self._rules = rules
        self.rules.setText(filled(self.tr("Stuck when: %1"), rule_words(rules)))
        ids = {c.id for c in cards}
        new = ids - self._known if self._known is not None else set()
        self._known = ids
        if self.model.rowCount() == 0:
            self.model.set_cards(cards)
        else:
            self.model.keep_only(cards)
        self._show_title()
        if new:
            self.alerted += 1
            if not self.muted:
                self.sounds.play(ALERT_SOUND)

    def _show_title(self) -> None:
        n = self.model.rowCount()
        self.title.setText(filled(self.tr("⊗ Stuck orders: %1"), n))
        self.empty.setText(self.tr("✔ Nothing is stuck."))
        self.empty.setVisible(n == 0)
        self.view.setVisible(n > 0)

    def _clicked(self, index: QModelIndex) -> None:
        card = index.data(CARD_ROLE)
        if card is not None:
            self.opened.emit(card.id)
