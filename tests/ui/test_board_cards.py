"""Board cards measured as drawn: in the real board's columns at a counter PC's maximised
1366x705 and at 1920x1080, in English and Chinese, every text of a card fits its place,
inside the card, without overlapping another; the order number stays whole at its
normal size (the standing moves down a line instead, the customer beside it where a
few letters of the name fit), a held card says why on a line of its own, and the time
in state says what it is."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from app.board import BoardCard, BoardRules, Timing
from app.models import OrderStatus
from tests.ui.conftest import speaking_chinese
from tests.ui.test_board_models import card
from ui.board.card_layout import CardFacts, CardFonts, CardLayout, lay_out_card
from ui.board.cards import CardDelegate
from ui.board.wall_display import CARD_MIN_WIDTH, CARD_SCALE

S = OrderStatus
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def _urgent(i: int, number: str, **changes: object) -> BoardCard:
    """Late (ship-by passed), stuck (3 h in New) and expedited."""
    base = replace(
        card(i, hours=-2, priority=1, status=S.NEW),
        number=number,
        entered_state_at=NOW - timedelta(hours=3),
        customer="Oliver Brown",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


CARDS = [
    _urgent(1, "#10189"),
    _urgent(2, "000000000190"),
    _urgent(3, "JD88000068"),
    _urgent(4, "9" * 40),
    _urgent(5, "A" + "7" * 198 + "9"),  # 200 characters: cut at its start, last resort
    _urgent(6, "#10015", customer="王" * 200),
    _urgent(
        7,
        "000000000172",
        status=S.ON_HOLD,
        held_because="address to be confirmed with the customer by phone before noon",
    ),
    _urgent(8, "#10030", packer="Packer Li", station="counter-7", status=S.PACKING),
]


def _laid_out(window, qtbot: QtBot, size: tuple[int, int]) -> list[tuple[BoardCard, CardLayout]]:
    """The cards in the board's New column of the real window at ``size``, laid out
    where the view puts them."""
    window.resize(*size)
    window.pages.setCurrentWidget(window.board_page)
    board = window.board_page
    qtbot.waitUntil(lambda: board.feed.refreshes >= 1, timeout=10_000)
    board.feed.stop()  # the test's cards stay as they are
    column = board.columns.columns[S.NEW]
    column.show()
    model = column.model
    model.rules, model.now = BoardRules(), NOW
    model.set_cards(CARDS)
    qtbot.wait(10)
    column.view.doItemsLayout()
    delegate = column.view.itemDelegate()
    assert isinstance(delegate, CardDelegate)
    found = []
    for row in range(model.rowCount()):
        index = model.index(row)
        facts = delegate.facts(index)
        assert facts is not None
        rect = column.view.visualRect(index)
        found.append((facts.card, delegate.lay_out(facts, rect, column.view.font())))
        laid = found[-1][1]
        assert laid.height <= rect.height()  # the card is as tall as its lines
        for piece in laid.pieces:  # every text inside its card, in a place of its own
            assert rect.contains(piece.rect), (piece.role, piece.text)
            assert QFontMetrics(piece.font).horizontalAdvance(piece.text) <= piece.rect.width()
            for other in laid.pieces:
                if other is not piece:
                    assert not piece.rect.intersects(other.rect), (piece.role, other.role)
    return found


@pytest.mark.parametrize("size", [(1366, 705), (1920, 1080)])
@pytest.mark.parametrize("chinese", [False, True])
def test_a_late_stuck_expedited_card_keeps_its_whole_number(
    qtbot: QtBot, window, size: tuple[int, int], chinese: bool
) -> None:
    if chinese:
        with speaking_chinese():
            laid = _laid_out(window, qtbot, size)
    else:
        laid = _laid_out(window, qtbot, size)
    for c, layout in laid:
        numbers = [p for p in layout.pieces if p.role == "number"]
        number, standing = "".join(p.text for p in numbers), layout.piece("standing")
        assert standing is not None and standing.text and standing.font.bold()
        if len(c.number) < 100:  # whole, at its normal size (on lines of its own if long)
            assert number.removeprefix("⚡ ") == c.number
            assert {p.font.pointSizeF() for p in numbers} == {standing.font.pointSizeF()}
        else:  # past three lines: smaller, then only its start is cut
            assert number.startswith("…") and number.endswith(c.number[-6:])
        facts = [p.text for p in layout.pieces if p.role == "facts"]
        in_state = "本状态" if chinese else "in state"
        assert any(in_state in t for t in facts), facts
        ship_by = layout.piece("ship_by")  # late: the ship-by first, whole, in bold
        assert ship_by is not None and "…" not in ship_by.text
    held = dict(laid)[CARDS[6]].piece("held")
    assert held is not None and held.text.startswith("挂起原因" if chinese else "held: address")
    packing = dict(laid)[CARDS[7]]
    assert any(
        p.text.startswith("Packer Li") and "counter-7" in p.text
        for p in packing.pieces
        if p.role == "facts"
    ), [p.text for p in packing.pieces]


def test_at_1366_the_standing_moves_below_a_long_number(qtbot: QtBot, window) -> None:
    laid = dict(_laid_out(window, qtbot, (1366, 705)))
    layout = laid[CARDS[1]]  # 000000000190 with "⚠ Late  ⊗ Stuck" does not share a line
    number, standing = layout.piece("number"), layout.piece("standing")
    assert number is not None and standing is not None
    assert standing.rect.top() >= number.rect.bottom()
    long = [p for p in laid[CARDS[3]].pieces if p.role == "number"]  # 40 digits
    assert 2 <= len(long) <= 3 and "".join(p.text for p in long) == "9" * 40
    assert number.text.removeprefix("⚡ ") == "000000000190"
    # expedited is said: its ⚡ before the number, or beside the standing
    assert number.text.startswith("⚡ ") or any(
        p.role == "expedited" and "⚡" in p.text for p in layout.pieces
    )
    # quieter than the standing: never before it on its line
    for p in layout.pieces:
        if p.role == "expedited" and p.rect.top() == standing.rect.top():
            assert p.rect.left() > standing.rect.left()


def test_a_card_grows_only_by_the_lines_it_needs(qtbot: QtBot, window) -> None:
    fonts = CardFonts.of(window.font(), 1.0)
    calm = CardFacts(replace(card(1, hours=30), number="#1"), Timing.ON_TIME, False, None)
    wide = lay_out_card(calm, QRect(0, 0, 400, 900), fonts, 6)
    urgent = CardFacts(_urgent(2, "000000000190"), Timing.LATE, True, timedelta(hours=3))
    narrow = lay_out_card(urgent, QRect(0, 0, 170, 900), fonts, 6)
    assert wide.piece("standing") is None and wide.piece("held") is None
    assert len({p.rect.top() for p in wide.pieces}) == 3  # number, customer, facts
    # + the standing (the customer beside it), + the facts' 2nd line
    assert len({p.rect.top() for p in narrow.pieces}) == 4
    standing, customer = narrow.piece("standing"), narrow.piece("customer")
    assert standing is not None and customer is not None
    assert customer.rect.top() == standing.rect.top() and customer.text.startswith("Oliv")
    # no room for a few letters of the name beside the standing: a line of its own
    narrower = lay_out_card(urgent, QRect(0, 0, 130, 900), fonts, 6)
    assert len({p.rect.top() for p in narrower.pieces}) == 5


def test_a_card_that_turns_late_and_stuck_grows_in_place(qtbot: QtBot, window) -> None:
    """A refresh that moves a card's standing to a line of its own lays the column out
    again (only such a change does)."""
    board = window.board_page
    window.resize(1366, 705)
    window.pages.setCurrentWidget(board)
    qtbot.waitUntil(lambda: board.feed.refreshes >= 1, timeout=10_000)
    board.feed.stop()
    column = board.columns.columns[S.NEW]
    column.show()
    model = column.model
    model.rules, model.now = BoardRules(), NOW
    calm = replace(card(1, hours=30, status=S.NEW), number="000000000190")
    model.set_cards([calm])
    qtbot.waitUntil(lambda: column.view.visualRect(model.index(0)).height() > 0, timeout=5000)
    before = column.view.visualRect(model.index(0)).height()
    late = replace(calm, ship_by=NOW - timedelta(hours=1), version=2)
    model.apply([replace(late, entered_state_at=NOW - timedelta(hours=3))])
    qtbot.waitUntil(lambda: column.view.visualRect(model.index(0)).height() > before, timeout=5000)
    # behind the wall display (hidden), a change is laid out once the board shows again
    board.hide()
    calm_again = replace(calm, version=3)
    model.apply([calm_again])
    board.show()
    qtbot.waitUntil(lambda: column.view.visualRect(model.index(0)).height() == before, timeout=5000)


@pytest.mark.parametrize("chinese", [False, True])
def test_a_wall_card_keeps_expedited_whatever_its_numbers_length(
    qtbot: QtBot, chinese: bool
) -> None:
    """The wall's cards (one height: the number never takes a second line) say expedited
    at least with its ⚡, the number whole or, past all room, only its start cut: at a
    1920x1080 wall's card width, in the system's font from small to large (from 15
    points the standing and the words no longer share their line)."""
    delegate = CardDelegate(scale=CARD_SCALE, dark=True, width=CARD_MIN_WIDTH, who_line=True)
    cell = QRect(0, 0, (1920 - 2 * 24) // 3 - 2, 300)  # three across, as the wall has them
    numbers = ["#10189", "JD88000068", "9" * 20, "9" * 30, "12" + "9" * 38, "A" + "7" * 58 + "9"]
    shown = 0
    with speaking_chinese() if chinese else nullcontext():
        for points in (9, 11, 15, 18):
            base = QFont()
            base.setPointSize(points)
            for number in numbers:
                for timing, stuck in ((Timing.LATE, True), (Timing.AT_RISK, True)):
                    facts = CardFacts(_urgent(1, number), timing, stuck, timedelta(hours=3))
                    laid = delegate.lay_out(facts, cell, base)
                    said = [p.text for p in laid.pieces if "⚡" in p.text]
                    assert said, (points, number, [p.text for p in laid.pieces])
                    shown += any(p.role == "expedited" and p.text == "⚡" for p in laid.pieces)
                    text = "".join(p.text for p in laid.pieces if p.role == "number")
                    text = text.removeprefix("⚡ ")
                    assert (
                        text == number
                        or (  # never cut in the middle
                            text.startswith("…") and number.endswith(text[1:])
                        )
                    ), (points, number, text)
                    for piece in laid.pieces:  # inside the card, each in a place of its own
                        assert cell.contains(piece.rect), (piece.role, piece.text)
                        for other in laid.pieces:
                            if other is not piece:
                                assert not piece.rect.intersects(other.rect), (piece, other)
    assert shown  # the lone ⚡ where the words did not fit
