"""How a board card is drawn: order, standing, customer, ship-by, age, lines, packer.

One delegate paints every card of a column (no widget per card), so thousands of
refreshes allocate nothing that stays. Standing is never colour alone: a late card
has a wide red stripe and tint, the ⚠ icon and the word "Late" as large as the order
number; stuck adds ⊗ and the word, as loud; at risk is amber with ◆; expedited is ⚡
with the word, quieter than any of them. The order number is never cut: the customer
is cut first, then the number's font made smaller, and last its start, never its end.
The ship-by comes first on its line, in the standing's colour when late or at risk.
``scale``, ``dark`` and ``who_line`` (who packs it where, on a line of its own) serve
the wall display.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.board import BoardCard, Timing
from app.models import OrderStatus
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
        who_line: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.scale = scale
        self.who_line = who_line  # a fourth line for who packs it where (the wall)
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
        fonts = (title, body, small, small) if self.who_line else (title, body, small)
        height = sum(QFontMetrics(f).height() for f in fonts) + (len(fonts) + 1) * pad
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
        loud = timing is Timing.LATE or stuck
        fill = c.late if loud else c.at_risk if timing is Timing.AT_RISK else c.card
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(QColor(c.selected if selected else c.stripe), 2 if selected else 1))
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(rect, 4, 4)
        # the stripe says the standing; expedited only when nothing is wrong
        if loud:
            stripe = c.late_text
        elif timing is Timing.AT_RISK:
            stripe = c.at_risk_text
        else:
            stripe = c.expedited if card.expedited else c.stripe
        stripe_width = int((9 if loud else 5) * self.scale)
        painter.fillRect(
            QRect(rect.left(), rect.top(), stripe_width, rect.height()), QColor(stripe)
        )

        title, body, small = self._fonts(option.font)
        inner = rect.adjusted(stripe_width + pad, pad, -pad, -pad)
        y = inner.top()
        # line 1: the order number, whole; the standing (late, stuck, at risk) on the right
        standing = timing_words(timing, stuck) if loud or timing is Timing.AT_RISK else ""
        height = QFontMetrics(title).height()
        right = inner.right()
        if standing:
            painter.setFont(title)
            width = QFontMetrics(title).horizontalAdvance(standing)
            painter.setPen(QColor(c.late_text if loud else c.at_risk_text))
            painter.drawText(
                QRect(right - width, y, width, height), Qt.AlignmentFlag.AlignVCenter, standing
            )
            right -= width + pad
        number = ("⚡ " if card.expedited else "") + card.number
        painter.setFont(whole_text_font(title, number, max(right - inner.left(), 10)))
        painter.setPen(QColor(c.text))
        room = max(right - inner.left(), 10)
        painter.drawText(
            QRect(inner.left(), y, room, height),
            Qt.AlignmentFlag.AlignVCenter,
            # past the smallest font the number keeps its end: the digits that find the box
            painter.fontMetrics().elidedText(number, Qt.TextElideMode.ElideLeft, room),
        )
        y += height + pad
        # line 2: the customer (cut first), expedited in words on the right
        height = QFontMetrics(body).height()
        right = inner.right()
        if card.expedited:
            words = self.tr("⚡ Expedited")
            painter.setFont(body)
            width = QFontMetrics(body).horizontalAdvance(words)
            painter.setPen(QColor(c.expedited))
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
        y += height + pad
        # line 3: the ship-by first (in the standing's colour when late or at risk),
        # then the time in this state, lines, packed, carrier
        height = QFontMetrics(small).height()
        ship_by = filled(self.tr("ship by %1"), display_time.minutes(card.ship_by)[5:])
        x = inner.left()
        if timing is not Timing.ON_TIME:
            bold = QFont(small)
            bold.setBold(True)
            painter.setFont(bold)
            painter.setPen(QColor(c.late_text if timing is Timing.LATE else c.at_risk_text))
            width = QFontMetrics(bold).horizontalAdvance(ship_by + " · ")
            painter.drawText(
                QRect(x, y, width, height), Qt.AlignmentFlag.AlignVCenter, ship_by + " · "
            )
            x += width
            facts: list[str] = []
        else:
            facts = [ship_by]
        if card.line_count == 1:
            lines = self.tr("1 line")
        else:
            lines = filled(self.tr("%1 lines"), card.line_count)
        facts += [
            age_words(age) if age is not None else "",
            lines,
            filled(self.tr("%1 packed"), f"{card.packed_units}/{card.units}"),
            card.carrier or "",
        ]
        who = packer_words(card) or held_words(card)
        if not self.who_line and who:  # right after the ship-by
            facts.insert(0 if timing is not Timing.ON_TIME else 1, who)
        painter.setFont(small)
        painter.setPen(QColor(c.muted))
        text = " · ".join(f for f in facts if f)
        room = max(inner.right() - x, 10)
        painter.drawText(
            QRect(x, y, room, height),
            Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(small).elidedText(text, Qt.TextElideMode.ElideRight, room),
        )
        y += height + pad
        # line 4 (the wall): who packs it where, else the carrier it leaves with
        who = who or card.carrier or ""
        if self.who_line and who:
            painter.setPen(QColor(c.text))
            painter.drawText(
                QRect(inner.left(), y, inner.width(), height),
                Qt.AlignmentFlag.AlignVCenter,
                QFontMetrics(small).elidedText(who, Qt.TextElideMode.ElideRight, inner.width()),
            )
        painter.restore()


def held_words(card: BoardCard) -> str:
    """Why an order on hold is held: "held: address to be confirmed"."""
    if card.status is not OrderStatus.ON_HOLD or not card.held_because:
        return ""
    return filled(QCoreApplication.translate("Board", "held: %1"), card.held_because)


def packer_words(card: BoardCard) -> str:
    """Who holds the order, and at which counter: "Packer Li at counter-7"."""
    if card.packer and card.station:
        return filled(QCoreApplication.translate("Board", "%1 at %2"), card.packer, card.station)
    return card.packer or card.station or ""


def whole_text_font(font: QFont, text: str, room: int, smallest: float = 0.6) -> QFont:
    """``font``, made smaller (down to ``smallest`` of its size) until ``text`` fits."""
    fitted = QFont(font)
    size = font.pointSizeF()
    while (
        QFontMetrics(fitted).horizontalAdvance(text) > room
        and fitted.pointSizeF() > size * smallest
    ):
        fitted.setPointSizeF(fitted.pointSizeF() * 0.9)
    return fitted
