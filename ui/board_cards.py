"""How a board card is drawn: order, customer, carrier, lines, age, ship-by, packer.

One delegate paints every card of a column (no widget per card), so thousands of
refreshes allocate nothing that stays. Standing is never colour alone: a late card
has a red stripe and tint, the ⚠ icon and the word "Late"; at risk is amber with
◆; stuck adds ⊗; expedited is ⚡ with the word. ``scale`` and ``dark`` serve the wall
display.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.board import BoardCard, Timing
from ui import display_time
from ui.board_model import AGE_ROLE, CARD_ROLE, STUCK_ROLE, TIMING_ROLE, age_words, timing_words
from ui.words import filled

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CardColours:
    card: str
    late: str
    at_risk: str
    text: str
    muted: str
    stripe: str
    late_text: str
    at_risk_text: str
    expedited: str
    selected: str


LIGHT = CardColours(
    "#ffffff", "#fdecea", "#fff4e0", "#1d1d1d", "#5f6368", "#b0bec5",
    "#b3261e", "#8a4b00", "#0d47a1", "#1976d2",
)  # fmt: skip
DARK = CardColours(
    "#263238", "#4a1c1c", "#4a3a12", "#f5f5f5", "#b0bec5", "#546e7a",
    "#ff8a80", "#ffd180", "#82b1ff", "#82b1ff",
)  # fmt: skip


class CardDelegate(QStyledItemDelegate):
    def __init__(
        self,
        *,
        scale: float = 1.0,
        dark: bool = False,
        width: int = 120,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.scale = scale
        self.card_width = width  # a list stretches cards to its width; a grid uses this
        self.colours = DARK if dark else LIGHT

    def _fonts(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        title = QFont(base)
        title.setPointSizeF(size * self.scale * 1.1)
        title.setBold(True)
        body = QFont(base)
        body.setPointSizeF(size * self.scale)
        small = QFont(base)
        small.setPointSizeF(size * self.scale * 0.85)
        return title, body, small

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        title, body, small = self._fonts(option.font)
        pad = int(6 * self.scale)
        height = sum(QFontMetrics(f).height() for f in (title, body, small)) + 4 * pad
        return QSize(self.card_width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, BoardCard):
            return
        timing = Timing(index.data(TIMING_ROLE))
        stuck = bool(index.data(STUCK_ROLE))
        age = index.data(AGE_ROLE)
        c = self.colours
        rect: QRect = option.rect.adjusted(3, 3, -3, -3)
        pad = int(6 * self.scale)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = {Timing.LATE: c.late, Timing.AT_RISK: c.at_risk}.get(timing, c.card)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(QColor(c.selected if selected else c.stripe), 2 if selected else 1))
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(rect, 4, 4)
        stripe = {Timing.LATE: c.late_text, Timing.AT_RISK: c.at_risk_text}.get(timing, c.stripe)
        if card.expedited:
            stripe = c.expedited
        painter.fillRect(
            QRect(rect.left(), rect.top(), int(5 * self.scale), rect.height()), QColor(stripe)
        )

        title, body, small = self._fonts(option.font)
        inner = rect.adjusted(int(5 * self.scale) + pad, pad, -pad, -pad)
        y = inner.top()
        # line 1: the order number (whole), its age in the state on the right
        painter.setFont(small)
        age_text = age_words(age) if age is not None else ""
        age_width = QFontMetrics(small).horizontalAdvance(age_text)
        height = QFontMetrics(title).height()
        painter.setPen(QColor(c.muted))
        painter.drawText(
            QRect(inner.right() - age_width, y, age_width, height),
            Qt.AlignmentFlag.AlignVCenter,
            age_text,
        )
        painter.setFont(title)
        painter.setPen(QColor(c.expedited if card.expedited else c.text))
        room = max(inner.width() - age_width - pad, 10)
        number = ("⚡ " if card.expedited else "") + card.number
        painter.drawText(
            QRect(inner.left(), y, room, height),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(title).elidedText(number, Qt.TextElideMode.ElideMiddle, room),
        )
        y += height + pad // 2
        # line 2: customer (left), standing in icon and words (right)
        badges = []
        if card.expedited:
            badges.append((self.tr("⚡ Expedited"), c.expedited))
        if timing is Timing.LATE or stuck:
            badges.append((timing_words(timing, stuck), c.late_text))
        elif timing is Timing.AT_RISK:
            badges.append((timing_words(timing, stuck), c.at_risk_text))
        bold = QFont(body)
        bold.setBold(True)
        painter.setFont(bold)
        height = QFontMetrics(body).height()
        right = inner.right()
        for words, colour in reversed(badges):
            width = QFontMetrics(bold).horizontalAdvance(words)
            painter.setPen(QColor(colour))
            painter.drawText(
                QRect(right - width, y, width, height), Qt.AlignmentFlag.AlignVCenter, words
            )
            right -= width + pad
        painter.setFont(body)
        painter.setPen(QColor(c.text))
        room = max(right - inner.left(), 10)
        painter.drawText(
            QRect(inner.left(), y, room, height),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(body).elidedText(card.customer, Qt.TextElideMode.ElideRight, room),
        )
        y += height + pad // 2
        # line 3: carrier · lines · packed · age · ship-by · packer
        painter.setFont(small)
        painter.setPen(QColor(c.muted))
        if card.line_count == 1:
            lines = self.tr("1 line")
        else:
            lines = filled(self.tr("%1 lines"), card.line_count)
        facts = [
            card.carrier or "",
            lines,
            filled(self.tr("%1 packed"), f"{card.packed_units}/{card.units}"),
            filled(self.tr("ship by %1"), display_time.minutes(card.ship_by)[5:]),
            card.packer or "",
        ]
        text = " · ".join(f for f in facts if f)
        painter.drawText(
            QRect(inner.left(), y, inner.width(), QFontMetrics(small).height()),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(small).elidedText(text, Qt.TextElideMode.ElideRight, inner.width()),
        )
        painter.restore()
