"""How a board card is drawn: order, standing, customer, ship-by, age, lines, packer.

One delegate paints every card of a column (no widget per card), so thousands of
refreshes allocate nothing that stays. Standing is never colour alone: a late card
has a wide red stripe and tint, the ⚠ icon and the word "Late" as large as the order
number; stuck adds ⊗ and the word, as loud; at risk is amber with ◆; expedited is ⚡
with the word, quieter than any of them. Where each text goes is ``ui.board.card_layout``'s
(the order number whole: the standing moves down a line before the number is cut);
on the board a card is as tall as its lines. ``scale``, ``dark`` and ``who_line`` (who
packs it where, on a line of its own; every card four lines) serve the wall display,
which also gives a ``backdrop``: each card is then painted once into an image and
copied from it, and ``stale`` cards (the database away) are painted faded.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPen,
    QShowEvent,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.board import BoardCard, Timing
from ui.board.card_layout import (
    CardFacts,
    CardFonts,
    CardLayout,
    Piece,
    held_words,
    lay_out_card,
    packer_words,
    whole_text_font,
)
from ui.board.model import AGE_ROLE, CARD_ROLE, STUCK_ROLE, TIMING_ROLE
from ui.retranslate import language_changed

__all__ = ["CardDelegate", "CardsView", "held_words", "packer_words", "whole_text_font"]

Index = QModelIndex | QPersistentModelIndex
LAYOUTS_KEPT = 3000  # card layouts kept: a board's 7 columns of 200 cards
MINUTE = timedelta(minutes=1)
LINE_GAP = 3  # between a board card's lines (the wall's cards keep their padding's 6)
STALE_VEIL = 130  # the alpha of the veil over old cards (of 255)
MARGIN = 3  # blank around a card in its cell (a cell cut by that much leaves it whole)


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


@dataclass(frozen=True)
class DrawnText:
    """A piece's text shaped once (``QStaticText``), where it is drawn, and the piece's
    rectangle when the text is wider than it (else None: nothing to clip)."""

    role: str
    font: QFont
    at: QPoint
    static: QStaticText
    clip: QRect | None


Drawn = tuple[DrawnText, ...]


def _drawn(piece: Piece) -> DrawnText:
    static = QStaticText(piece.text)
    static.setTextFormat(Qt.TextFormat.PlainText)
    static.prepare(QTransform(), piece.font)
    metrics = QFontMetrics(piece.font)
    top = piece.rect.top() + (piece.rect.height() - metrics.height()) // 2  # centred
    wide = metrics.horizontalAdvance(piece.text) > piece.rect.width()
    return DrawnText(
        piece.role, piece.font, QPoint(piece.rect.left(), top), static, piece.rect if wide else None
    )


class CardDelegate(QStyledItemDelegate):
    def __init__(
        self,
        *,
        scale: float = 1.0,
        dark: bool = False,
        width: int = 120,
        who_line: bool = False,
        kept: int = LAYOUTS_KEPT,
        backdrop: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # the wall: each card painted once into an image on the grid's colour
        # (``backdrop``), a page change then copies images; ``images_kept`` of them
        self.backdrop = backdrop
        self.images_kept = 0
        self.stale = False  # the cards are old (the database is away): painted faded
        self._images: OrderedDict[tuple[int, int, int], tuple[CardLayout, QImage]] = OrderedDict()
        self.scale = scale
        self.who_line = who_line  # a fourth line for who packs it where (the wall)
        self.card_width = width  # a list stretches cards to its width; a grid uses this
        self.colours = DARK if dark else LIGHT
        self.kept = kept  # layouts kept at most (then all forgotten at once)
        self._layouts: dict[tuple[int, int], list[Any]] = {}  # see ``_kept``
        self._font_sets: dict[tuple[str, float], CardFonts] = {}

    def _fonts(self, base: QFont) -> CardFonts:
        key = (base.key(), self.scale)
        fonts = self._font_sets.get(key)
        if fonts is None:  # one set per base font and scale, shared by every layout
            fonts = self._font_sets[key] = CardFonts.of(base, self.scale)
        return fonts

    def _inner(self, rect: QRect, loud: bool) -> tuple[QRect, int]:
        """The card's rectangle less its margin, stripe and padding; the stripe's width."""
        pad = int(6 * self.scale)
        stripe = int((9 if loud else 5) * self.scale)
        card = rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        return card.adjusted(stripe + pad, pad, -pad, -pad), stripe

    def facts(self, index: Index) -> CardFacts | None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, BoardCard):
            return None
        age = index.data(AGE_ROLE)
        return CardFacts(card, Timing(index.data(TIMING_ROLE)), bool(index.data(STUCK_ROLE)), age)

    def lay_out(self, facts: CardFacts, rect: QRect, base: QFont) -> CardLayout:
        inner, _stripe = self._inner(rect, facts.loud)
        pad = int(6 * self.scale)
        gap = pad if self.who_line else int(LINE_GAP * self.scale)
        return lay_out_card(facts, inner, self._fonts(base), pad, wall=self.who_line, gap=gap)

    def _laid_out(self, facts: CardFacts, width: int, base: QFont) -> CardLayout:
        """The layout at (0, 0), kept per card and width while the card, its words and
        its width stay the same (the board lays its columns out again, a wall's round
        shows the same pages again): a card's newer version takes its older one's place,
        so what is kept never outgrows the cards on screen (at most ``kept``)."""
        laid: CardLayout = self._kept(facts, width, base)[1]
        return laid

    def _kept(self, facts: CardFacts, width: int, base: QFont) -> list[Any]:
        """The kept entry: [what the layout depends on, the layout, its texts ready to
        draw (None until the card is first painted: a card only measured needs none)]."""
        age = facts.age // MINUTE if facts.age is not None else None
        language = QCoreApplication.translate("Board", "⚠ Late")
        same = (facts.card, facts.timing, facts.stuck, age, base.key(), self.scale, language)
        place = (facts.card.id, width)
        known = self._layouts.get(place)
        if known is not None and known[0] == same:
            return known
        if len(self._layouts) >= self.kept:
            self._layouts.clear()
        laid = self.lay_out(facts, QRect(0, 0, width, 10_000), base)
        entry: list[Any] = [same, laid, None]
        self._layouts[place] = entry
        return entry

    def _texts(self, facts: CardFacts, width: int, base: QFont) -> Drawn:
        entry = self._kept(facts, width, base)
        if entry[2] is None:
            entry[2] = tuple(_drawn(piece) for piece in entry[1].pieces)
        drawn: Drawn = entry[2]
        return drawn

    def prepare(self, facts: Iterable[CardFacts], cell: QSize, base: QFont) -> None:
        """Lay cards out (and with a backdrop, paint their images) ahead of their paint:
        the wall's next page, while it waits."""
        for one in facts:
            if self.backdrop is None:
                self._laid_out(one, cell.width(), base)
            else:
                self._image(one, cell, base)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fonts = self._fonts(option.font)
        pad = int(6 * self.scale)
        if self.who_line:  # the wall: every card four lines, one grid
            lines = (fonts.title, fonts.body, fonts.small, fonts.small)
            height = sum(QFontMetrics(f).height() for f in lines) + (len(lines) + 1) * pad
            return QSize(self.card_width, height + 2 * MARGIN)
        width = self.card_width
        view = option.widget
        if isinstance(view, QAbstractItemView):  # a list stretches its cards to its width
            width = view.viewport().width()
        facts = self.facts(index)
        if facts is None:
            return QSize(min(self.card_width, width), 0)
        laid = self._laid_out(facts, width, option.font)
        return QSize(min(self.card_width, width), laid.height + 2 * pad + 2 * MARGIN)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        facts = self.facts(index)
        if facts is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if self.backdrop is None or selected:
            self._paint_card(painter, facts, option.rect, selected, option.font)
            return
        image = self._image(facts, option.rect.size(), option.font)
        painter.drawImage(option.rect.topLeft(), image)  # opaque (RGB32): a copy

    def use_images(self, backdrop: str | None) -> None:
        """Paint each card once into an image on ``backdrop`` (None: straight on screen)."""
        if backdrop != self.backdrop:
            self.backdrop = backdrop
            self._images.clear()

    def set_stale(self, stale: bool) -> None:
        """Paint the cards faded as old (True), or as live again."""
        if stale != self.stale:
            self.stale = stale
            self._images.clear()

    def _image(self, facts: CardFacts, size: QSize, base: QFont) -> QImage:
        """The card painted once on the backdrop's colour, kept for its next paint."""
        laid = self._laid_out(facts, size.width(), base)
        place = (facts.card.id, size.width(), size.height())
        known = self._images.get(place)
        if known is not None and known[0] is laid:
            self._images.move_to_end(place)
            return known[1]
        image = None
        if self._images and len(self._images) >= self.images_kept:
            # the least recently painted one's buffer is painted over: no new 2 MB to
            # allocate (and free) per card, which over days fragments the heap
            _gone, (_laid, image) = self._images.popitem(last=False)
        if image is None or image.size() != size:
            image = QImage(size, QImage.Format.Format_RGB32)
        image.fill(QColor(self.backdrop))
        painter = QPainter(image)
        self._paint_card(painter, facts, QRect(QPoint(0, 0), size), False, base)
        painter.end()
        self._images[place] = (laid, image)
        self._images.move_to_end(place)
        while len(self._images) > self.images_kept:  # the least recently painted go
            self._images.popitem(last=False)
        return image

    def _paint_card(
        self, painter: QPainter, facts: CardFacts, cell: QRect, selected: bool, base: QFont
    ) -> None:
        c = self.colours
        timing, card = facts.timing, facts.card
        rect = cell.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        painter.save()
        loud = facts.loud
        fill = c.late if loud else c.at_risk if timing is Timing.AT_RISK else c.card
        # square corners, no antialiasing: a wall page of cards at 4K paints in time
        painter.fillRect(rect, QColor(fill))
        painter.setPen(QPen(QColor(c.selected if selected else c.stripe), 2 if selected else 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        # the stripe says the standing; expedited only when nothing is wrong
        if loud:
            stripe = c.late_text
        elif timing is Timing.AT_RISK:
            stripe = c.at_risk_text
        else:
            stripe = c.expedited if card.expedited else c.stripe
        _inner, stripe_width = self._inner(cell, loud)
        painter.fillRect(
            QRect(rect.left(), rect.top(), stripe_width, rect.height()), QColor(stripe)
        )
        standing = c.late_text if loud else c.at_risk_text
        colours = {
            "number": c.text,
            "standing": standing,
            "expedited": c.expedited,
            "customer": c.text,
            "ship_by": c.late_text if timing is Timing.LATE else c.at_risk_text,
            "facts": c.muted,
            "held": c.text,
            "who": c.text,
        }
        painter.translate(cell.topLeft())
        for text in self._texts(facts, cell.width(), base):
            painter.setFont(text.font)
            painter.setPen(QColor(colours[text.role]))
            if text.clip is not None:
                painter.setClipRect(text.clip)
            painter.drawStaticText(text.at, text.static)
            if text.clip is not None:
                painter.setClipping(False)
        if self.stale:  # old news: veiled, still readable
            veil = QColor(self.backdrop or c.card)
            veil.setAlpha(STALE_VEIL)
            painter.fillRect(rect.translated(-cell.topLeft()), veil)
        painter.restore()


class CardsView(QListView):
    """A column of cards as tall as their lines (a card grows a line where its order
    number and standing do not fit side by side). Qt lays a list of items of their own
    sizes out again when a card changes; this one also when its width or the language
    does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)  # (a list that wraps lays its items out again on resize)
        self._stale = False  # cards changed while it was hidden

    def dataChanged(
        self,
        topLeft: QModelIndex | QPersistentModelIndex,
        bottomRight: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        if not self.isVisible():  # (a board behind the wall display): laid out when shown
            self._stale = True
            return
        super().dataChanged(topLeft, bottomRight, roles)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.scheduleDelayedItemsLayout()
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):  # the cards' words take another width
            self.scheduleDelayedItemsLayout()
            self.viewport().update()
        super().changeEvent(event)
