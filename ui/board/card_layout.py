"""Where each piece of a board card goes for one width: what ``CardDelegate`` paints and
asks its height of, and what the tests measure.

A card's lines, top to bottom: the order number (the standing on its right when both
fit at the number's normal size); the standing below it when they do not (on the
board as large as the number, with the customer beside it where a few letters of the
name fit, else the card grows a line for the customer; on the wall, whose cards are
all one height, in bold on the customer's line, the customer giving way to it); the
customer, expedited in words on the right (beside a standing below the number, only
its ⚡ when the words do not fit, and nothing more if the number has its ⚡); the ship-by
first, then who packs it, the time in its state, lines, packed, carrier; on the board
a held order's reason on a line of its own (only the reason is cut), on the wall a
last line for who packs it where (or why it is held, or its carrier).

The order number is never cut while it fits at its normal size: the ⚡ before it goes
first (expedited is said on a line below), then the standing moves down;
a number longer than the card is wide takes up to three lines on the board; only past
that (or on the wall) it is made smaller, and last its start is cut, never its end
(the digits that find the box).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from functools import cached_property

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from app.board import BoardCard, Timing
from app.models import OrderStatus
from ui import display_time
from ui.board.model import age_words, timing_words
from ui.words import filled

BOLT = "⚡ "
NUMBER_LINES = 3  # a longer order number is made smaller, then its start cut
CUSTOMER_LETTERS = 4  # the customer shares the standing's line if this much of it fits


@dataclass(frozen=True)
class CardFonts:
    title: QFont
    body: QFont
    small: QFont

    @classmethod
    def of(cls, base: QFont, scale: float) -> CardFonts:
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        title = QFont(base)
        title.setPointSizeF(size * scale * 1.1)
        title.setBold(True)
        body = QFont(base)
        body.setPointSizeF(size * scale)
        small = QFont(base)
        small.setPointSizeF(size * scale * 0.85)
        return cls(title, body, small)

    @cached_property
    def body_bold(self) -> QFont:
        return _bold(self.body)

    @cached_property
    def small_bold(self) -> QFont:
        return _bold(self.small)


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


@dataclass(frozen=True)
class Piece:
    """One text of a card: where, in which font and role (the delegate picks colours)."""

    role: str  # number, standing, expedited, customer, ship_by, facts, held, who
    rect: QRect
    text: str
    font: QFont


@dataclass(frozen=True)
class CardLayout:
    pieces: tuple[Piece, ...]
    height: int  # from the first line's top to the last line's bottom

    def piece(self, role: str) -> Piece | None:
        return next((p for p in self.pieces if p.role == role), None)


@dataclass(frozen=True)
class CardFacts:
    """What one card says, worked out from the latest ``now``."""

    card: BoardCard
    timing: Timing
    stuck: bool
    age: timedelta | None

    @property
    def loud(self) -> bool:
        return self.timing is Timing.LATE or self.stuck

    @property
    def standing(self) -> str:
        if self.loud or self.timing is Timing.AT_RISK:
            return timing_words(self.timing, self.stuck)
        return ""


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


def in_state_words(age: timedelta) -> str:
    """How long the order has been in its state, said as such: "in state 2 h 10 min"."""
    return filled(QCoreApplication.translate("Board", "in state %1"), age_words(age))


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


def _wrapped(text: str, font: QFont, room: int, most: int = NUMBER_LINES) -> list[str] | None:
    """``text`` cut into lines that each fit ``room``, where at most ``most`` do."""
    metrics = QFontMetrics(font)
    lines: list[str] = []
    line = ""
    for ch in text:
        if line and metrics.horizontalAdvance(line + ch) > room:
            lines.append(line)
            line = ""
            if len(lines) >= most:
                return None
        line += ch
    return [*lines, line]


def _whole(role: str, x: int, y: int, room: int, height: int, text: str, font: QFont) -> Piece:
    """A text that must stay whole: smaller if it must, its start cut only past that."""
    fitted = font if QFontMetrics(font).horizontalAdvance(text) <= room else None
    if fitted is None:
        fitted = whole_text_font(font, text, room)
    shown = QFontMetrics(fitted).elidedText(text, Qt.TextElideMode.ElideLeft, room)
    return Piece(role, QRect(x, y, room, height), shown, fitted)


def _cut(role: str, x: int, y: int, room: int, height: int, text: str, font: QFont) -> Piece:
    shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, max(room, 0))
    return Piece(role, QRect(x, y, max(room, 0), height), shown, font)


def lay_out_card(
    facts: CardFacts,
    inner: QRect,
    fonts: CardFonts,
    pad: int,
    *,
    wall: bool = False,
    gap: int | None = None,
) -> CardLayout:
    """The pieces of one card inside ``inner`` (the card less its stripe and padding).
    ``wall``: four lines always (the wall's cards are one height), the last one who
    packs it where. ``gap``: the space between lines (``pad``, the space between texts
    on a line, when not given)."""
    gap = pad if gap is None else gap
    card, left, width = facts.card, inner.left(), max(inner.width(), 10)
    pieces: list[Piece] = []
    y = inner.top()
    title_m = QFontMetrics(fonts.title)
    th = title_m.height()
    standing = facts.standing
    side = title_m.horizontalAdvance(standing) + pad if standing else 0
    number_w = title_m.horizontalAdvance(card.number)
    bolt_w = title_m.horizontalAdvance(BOLT) if card.expedited else 0
    on_top = number_w + bolt_w + side <= width or number_w + side <= width
    bolt = card.expedited and number_w + bolt_w + (side if on_top else 0) <= width
    number = (BOLT if bolt else "") + card.number
    room = width - side if on_top and standing else width
    wrapped = None if on_top or wall else _wrapped(number, fonts.title, width)
    if wrapped:  # a long number on lines of its own, whole (the board's card grows)
        for part in wrapped[:-1]:
            pieces.append(Piece("number", QRect(left, y, width, th), part, fonts.title))
            y += th
        number = wrapped[-1]
    pieces.append(_whole("number", left, y, room, th, number, fonts.title))
    if standing and on_top:
        sw = side - pad
        pieces.append(Piece("standing", QRect(left + width - sw, y, sw, th), standing, fonts.title))
    y += th + gap
    below = bool(standing) and not on_top  # the standing did not fit beside the number
    if below and not wall:  # a line of its own, the customer beside it if it fits
        y = _standing_line(facts, pieces, QRect(left, y, width, th), fonts, (pad, gap), bolt)
    else:
        line = QRect(left, y, width, QFontMetrics(fonts.body).height())
        _customer_line(facts, pieces, line, fonts, pad, below=below, bolt=bolt)
        y += line.height() + gap
    y = _facts_lines(facts, pieces, left, y, width, fonts, gap, wall=wall)
    return CardLayout(tuple(pieces), y - gap - inner.top())


def _expedited_words() -> str:
    return QCoreApplication.translate("CardDelegate", "⚡ Expedited")


def _customer_line(
    facts: CardFacts,
    pieces: list[Piece],
    line: QRect,
    fonts: CardFonts,
    pad: int,
    *,
    below: bool,
    bolt: bool,
) -> None:
    """The customer, expedited in words on the right; first a standing that did not fit
    beside the number (``below``, the wall's: the customer gives way to it, and
    expedited to its ⚡ when the words do not fit, as on the board)."""
    card, standing = facts.card, facts.standing
    left, y, width, bh = line.left(), line.top(), line.width(), line.height()
    right = left + width
    x = left
    if below:  # room kept for the ⚡: the wall's card never grows a line for it
        room = width - _bolt_room(card, bolt, fonts.body, pad)
        piece = _whole("standing", left, y, room, bh, standing, fonts.body_bold)
        sw = QFontMetrics(piece.font).horizontalAdvance(piece.text)
        pieces.append(replace(piece, rect=QRect(left, y, sw, bh)))
        x += sw + pad
    x, right = _expedited(card, pieces, QRect(x, y, right - x, bh), 0, fonts.body, pad, bolt)
    pieces.append(_cut("customer", x, y, right - x, bh, card.customer, fonts.body))


def _bolt_room(card: BoardCard, bolt: bool, font: QFont, pad: int) -> int:
    """The room a lone ⚡ takes after the standing (none when the number has it)."""
    if not card.expedited or bolt:
        return 0
    return QFontMetrics(font).horizontalAdvance(BOLT.strip()) + pad


def _expedited(
    card: BoardCard, pieces: list[Piece], rest: QRect, need: int, font: QFont, pad: int, bolt: bool
) -> tuple[int, int]:
    """Expedited on the ``rest`` of a standing's line: in words on its right where they
    fit beside ``need`` more (a few letters of the customer's name), else its ⚡ right
    after the standing (quieter than it), unless the number has its ⚡ (``bolt``).
    Returns where the line's next text starts and ends."""
    x, right = rest.left(), rest.left() + rest.width()
    if not card.expedited:
        return x, right
    metrics = QFontMetrics(font)
    words = _expedited_words()
    ew = metrics.horizontalAdvance(words)
    if x + need + ew <= right:
        pieces.append(
            Piece("expedited", QRect(right - ew, rest.top(), ew, rest.height()), words, font)
        )
        return x, right - ew - pad
    if bolt:
        return x, right
    mark = BOLT.strip()
    bw = metrics.horizontalAdvance(mark)
    pieces.append(Piece("expedited", QRect(x, rest.top(), bw, rest.height()), mark, font))
    return x + bw + pad, right


def _standing_line(
    facts: CardFacts,
    pieces: list[Piece],
    line: QRect,
    fonts: CardFonts,
    spaces: tuple[int, int],
    bolt: bool,
) -> int:
    """On the board, the standing below a number it did not fit beside, as large as the
    number; the customer beside it when a few letters of the name fit there (else on a
    line of its own); expedited in words on the right if there is room, else its ⚡
    (unless the number has it). ``spaces``: between texts, between lines. Returns the
    next line's top."""
    card, (pad, gap) = facts.card, spaces
    left, y, width, th = line.left(), line.top(), line.width(), line.height()
    right = left + width
    body_m = QFontMetrics(fonts.body)
    piece = _whole("standing", left, y, width, th, facts.standing, fonts.title)
    sw = QFontMetrics(piece.font).horizontalAdvance(piece.text)
    pieces.append(replace(piece, rect=QRect(left, y, sw, th)))
    x = left + sw + pad
    name = card.customer
    some_name = body_m.horizontalAdvance(
        name if len(name) <= CUSTOMER_LETTERS else name[:CUSTOMER_LETTERS] + "…"
    )
    rest = QRect(x, y, right - x, th)
    x, right = _expedited(card, pieces, rest, some_name + pad, fonts.body, pad, bolt)
    if x + some_name <= right:  # the customer beside the standing
        pieces.append(_cut("customer", x, y, right - x, th, card.customer, fonts.body))
        return y + th + gap
    bh = body_m.height()
    y += th + gap
    pieces.append(_cut("customer", left, y, width, bh, card.customer, fonts.body))
    return y + bh + gap


def _joined(parts: list[str]) -> str:
    return " · ".join(p for p in parts if p)


def _facts_lines(
    facts: CardFacts,
    pieces: list[Piece],
    left: int,
    y: int,
    width: int,
    fonts: CardFonts,
    pad: int,
    *,
    wall: bool,
) -> int:
    """The ship-by line, then the held (board) or who (wall) line; returns the next y."""
    card = facts.card
    small_m = QFontMetrics(fonts.small)
    sh = small_m.height()
    ship_by = filled(
        QCoreApplication.translate("CardDelegate", "ship by %1"),
        display_time.minutes(card.ship_by)[5:],
    )
    lines = (
        QCoreApplication.translate("CardDelegate", "1 line")
        if card.line_count == 1
        else filled(QCoreApplication.translate("CardDelegate", "%1 lines"), card.line_count)
    )
    first = [] if wall else [packer_words(card)]  # who packs it, right after the ship-by
    more = [
        in_state_words(facts.age) if facts.age is not None else "",
        lines,
        filled(
            QCoreApplication.translate("CardDelegate", "%1 packed"),
            f"{card.packed_units}/{card.units}",
        ),
        card.carrier or "",
    ]
    loud = facts.timing is not Timing.ON_TIME  # the ship-by in bold and the standing's colour
    ship_font = fonts.small_bold if loud else fonts.small
    whole = _joined(first + more)
    lead = ship_by + (" · " if whole else "")
    # on the board the card grows a line rather than lose the time in its state
    split = not wall and (
        QFontMetrics(ship_font).horizontalAdvance(lead) + small_m.horizontalAdvance(whole) > width
    )
    lines_of_facts = [(lead, whole)]
    if split:  # who packs it beside the ship-by if it fits there whole, else first below
        who = _joined(first)
        beside = ship_by + " · " + who
        if who and QFontMetrics(ship_font).horizontalAdvance(beside) <= width:
            lines_of_facts = [(ship_by + " · ", who), ("", _joined(more))]
        else:
            lines_of_facts = [(ship_by, ""), ("", _joined([who, *more]))]
    for lead, text in lines_of_facts:
        x = left
        if lead:
            w = min(QFontMetrics(ship_font).horizontalAdvance(lead), width)
            pieces.append(
                Piece("ship_by" if loud else "facts", QRect(x, y, w, sh), lead, ship_font)
            )
            x += w
        if text:
            pieces.append(_cut("facts", x, y, left + width - x, sh, text, fonts.small))
        y += sh + pad
    if wall:  # who packs it where, else why it is held, else the carrier it leaves with
        who = packer_words(card) or held_words(card) or card.carrier or ""
        pieces.append(_cut("who", left, y, width, sh, who, fonts.small))
        y += sh + pad
    elif held_words(card):
        pieces.append(_cut("held", left, y, width, sh, held_words(card), fonts.small))
        y += sh + pad
    return y
