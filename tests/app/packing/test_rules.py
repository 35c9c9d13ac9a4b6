"""The item, opening, command and UNDO rules as plain values: no database, no clock,
thousands of cases a second.

``decide_item`` and ``decide_number`` take the facts a scan read and return what to
say and what to change; these tests build the facts by hand (and by the thousand with
hypothesis) and check the answers and the intended changes.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.barcodes import Gs1Data, NormalisedScan
from app.models import OrderStatus
from app.packing import Outcome
from app.packing.answer import (
    Answer,
    BeginParcel,
    ClaimOrder,
    EventUndone,
    OrderEnds,
    ParcelTakenBack,
    PrintDocuments,
    ReopenShortHold,
    ReturnToQueue,
    SerialPacked,
    ShortFound,
    ShortMarked,
    TakeBackUnits,
    TouchOrder,
    UnmarkShort,
    WeightTakenBack,
)
from app.packing.badge_rules import BadgeFacts, decide_badge
from app.packing.command_codes import Command
from app.packing.command_rules import CommandFacts, LastPrinted, decide_command, decide_short_mark
from app.packing.count import Count
from app.packing.item_rules import (
    ItemFacts,
    ItemRules,
    MarkShort,
    NumberFacts,
    decide_item,
    decide_number,
    short_hold_reason,
)
from app.packing.lookup import ItemMatch, LineCounts, OrderAsRead, OrderMatch
from app.packing.opening_rules import OpeningFacts, decide_opening
from app.packing.print_request import Occasion
from app.packing.scan_log import Facts
from app.packing.station_state import Awaiting
from app.packing.undo_rules import (
    HeldShort,
    LastDone,
    LastMove,
    NewestParcel,
    NextParcelFacts,
    UndoFacts,
    WeighedParcel,
    decide_next_parcel,
    decide_undo,
    reopens_short_hold,
)
from app.packing.words import said

TODAY = date(2026, 3, 1)
RULES = ItemRules(TODAY)
CUP = ItemMatch(1, "CUP-500", "Cup 500 ml", 1, False, False)
CUP_CASE = ItemMatch(1, "CUP-500", "Cup 500 ml", 6, False, False)
LID = ItemMatch(2, "LID", "Lid", 1, False, False)
PHONE = ItemMatch(3, "PHONE-X", "Phone X", 1, True, False)
HONEY = ItemMatch(4, "HONEY", "Honey", 1, False, True)
STRANGER = ItemMatch(9, "MUG", "Mug", 1, False, False)


def _order(*lines: tuple[ItemMatch, int, int, int], version: int = 7) -> OrderAsRead:
    """An order packing at this station, its lines (item, ordered, packed, short)."""
    return OrderAsRead(
        100,
        "A-1",
        OrderStatus.PACKING,
        1,
        version,
        [
            LineCounts(10 + n, item.product_id, item.sku, quantity, packed, short)
            for n, (item, quantity, packed, short) in enumerate(lines)
        ],
    )


def _facts(item: ItemMatch, order: OrderAsRead | None, **more: Any) -> ItemFacts:
    """The facts of ``item`` scanned into ``order``, the station awaiting nothing."""
    return replace(ItemFacts(item, order, None, None, None, RULES), **more)


def _answer(facts: ItemFacts) -> Answer:
    answer = decide_item(facts)
    assert isinstance(answer, Answer)
    return answer


def test_a_plain_item_is_one_count_that_may_be_written_without_the_lock() -> None:
    answer = _answer(_facts(CUP, _order((CUP, 3, 1, 0), (LID, 1, 0, 0))))
    assert answer.outcome is Outcome.ACCEPTED
    assert answer.changes == (Count(100, 7, 10, 1, 1),)
    assert answer.only_counts and answer.keeps_order
    assert answer.said == "OK CUP-500 2/3; 2 to go."
    assert (answer.facts.remaining, answer.facts.units, answer.facts.product_name) == (
        2,
        1,
        "Cup 500 ml",
    )


def test_the_last_unit_closes_the_order_at_the_version_its_count_leaves() -> None:
    answer = _answer(_facts(LID, _order((CUP, 1, 1, 0), (LID, 1, 0, 0))))
    assert answer.outcome is Outcome.ORDER_COMPLETE
    assert not answer.keeps_order and not answer.only_counts
    ends = answer.changes[-1]
    assert isinstance(ends, OrderEnds)
    assert (ends.to, ends.seen_version, ends.reason) == (OrderStatus.PACKED, 8, "all items packed")


def test_the_last_unit_of_an_order_with_a_short_line_holds_it() -> None:
    answer = _answer(_facts(LID, _order((CUP, 2, 1, 1), (LID, 1, 0, 0))))
    assert answer.outcome is Outcome.ACCEPTED
    ends = answer.changes[-1]
    assert isinstance(ends, OrderEnds) and ends.to is OrderStatus.ON_HOLD
    assert answer.said == said("short_on_hold", "A-1")
    assert answer.facts.warning == "1 item short; needs a supervisor's approval to ship"


def test_a_wrong_item_changes_nothing_and_names_the_order_that_wants_it() -> None:
    answer = _answer(_facts(STRANGER, _order((CUP, 2, 0, 0)), other_order="B-7"))
    assert answer.outcome is Outcome.WRONG_ITEM and answer.changes == ()
    assert answer.facts.other_order == "B-7"
    assert "It belongs to order B-7." in str(answer.said)


def test_a_case_bigger_than_the_room_left_is_refused_in_words_that_say_so() -> None:
    answer = _answer(_facts(CUP_CASE, _order((CUP, 8, 4, 0))))
    assert answer.outcome is Outcome.OVER_SCAN and answer.changes == ()
    assert answer.said == said("case_too_big", "CUP-500", 6, 4)


def test_units_marked_short_that_turn_up_are_counted_and_audited() -> None:
    answer = _answer(_facts(CUP, _order((CUP, 3, 2, 1), (LID, 1, 0, 0))))
    assert answer.outcome is Outcome.ACCEPTED
    assert answer.changes[:2] == (Count(100, 7, 10, 2, 1, 1), ShortFound("A-1", 10, "CUP-500", 1))
    assert not answer.only_counts  # the audit row needs the locked way
    assert answer.facts.short_units == -1


def test_after_short_the_item_names_the_line_to_mark() -> None:
    awaiting = Awaiting("short", reason="not found")
    assert decide_item(_facts(CUP, _order((CUP, 3, 1, 0)), awaiting=awaiting)) == MarkShort(
        10, "not found"
    )


def test_a_tracked_item_asks_for_its_number_and_keeps_what_its_code_gave() -> None:
    lot_label = Gs1Data("0" * 14, lot="L-1", expiry=TODAY + timedelta(days=30))
    answer = _answer(_facts(PHONE, _order((PHONE, 1, 0, 0)), gs1=lot_label))
    assert answer.outcome is Outcome.SERIAL_REQUIRED and answer.changes == ()
    assert answer.awaiting is not None
    assert (answer.awaiting.kind, answer.awaiting.lot, answer.awaiting.line_id) == (
        "serial",
        "L-1",
        10,
    )


def test_an_expired_lot_is_refused_or_let_through_with_a_warning_as_the_station_says() -> None:
    old = Gs1Data("0" * 14, lot="L-0", expiry=TODAY - timedelta(days=1))
    order = _order((HONEY, 2, 0, 0))
    refused = _answer(_facts(HONEY, order, gs1=old))
    assert refused.outcome is Outcome.EXPIRED_LOT and refused.changes == ()
    warned = _answer(_facts(HONEY, order, gs1=old, rules=ItemRules(TODAY, False)))
    assert warned.outcome is Outcome.ACCEPTED
    assert warned.facts.warning == f"lot expired {TODAY - timedelta(days=1)}"


def test_a_serial_packed_before_is_never_packed_again() -> None:
    gs1 = Gs1Data("0" * 14, serial="SN-1")
    order = _order((PHONE, 2, 0, 0))
    fresh = _answer(_facts(PHONE, order, gs1=gs1))
    assert fresh.changes[-1] == SerialPacked(3, "SN-1", 100, 10)
    again = _answer(_facts(PHONE, order, gs1=gs1, packed_serials=frozenset({"SN-1"})))
    assert again.outcome is Outcome.DUPLICATE_SERIAL and again.changes == ()


def test_a_station_without_its_order_counts_nothing_and_lets_it_go() -> None:
    gone = said("taken_over", "A-1")
    answer = _answer(_facts(CUP, None, gone=gone))
    assert (answer.outcome, answer.said, answer.keeps_order) == (Outcome.NOT_PACKABLE, gone, False)
    assert answer.changes == ()


def _number(text: str, awaiting: Awaiting, order: OrderAsRead, **more: Any) -> Answer:
    """The answer to ``text`` scanned at the prompt for ``awaiting``."""
    scan = NormalisedScan(text, text, None, None)
    return decide_number(replace(NumberFacts(scan, awaiting, None, order, None, (), RULES), **more))


def test_the_serial_after_its_item_counts_the_unit_with_it() -> None:
    order = _order((PHONE, 1, 0, 0))
    awaiting = Awaiting("serial", 10, PHONE)
    answer = _number("SN-9", awaiting, order)
    assert answer.outcome is Outcome.ORDER_COMPLETE
    assert SerialPacked(3, "SN-9", 100, 10) in answer.changes


def test_an_order_number_an_item_or_a_pattern_breaker_is_no_serial() -> None:
    order = _order((PHONE, 1, 0, 0))
    awaiting = Awaiting("serial", 10, PHONE)
    ready = (OrderMatch(5, "#10228", OrderStatus.READY, None),)
    shipped = (OrderMatch(6, "123456", OrderStatus.SHIPPED, None),)
    cases: list[tuple[str, dict[str, Any], object]] = [
        ("#10228", {"orders_numbered": ready}, said("order_not_tracking", "#10228", "PHONE-X")),
        ("LID", {"found": LID}, said("item_not_tracking", "LID", "PHONE-X")),
        ("123456", {"orders_numbered": shipped}, said("order_not_tracking", "123456", "PHONE-X")),
        ("AB", {"serial_pattern": r"SN-\d+"}, said("serial_pattern", "AB", "PHONE-X")),
    ]
    for text, more, words in cases:
        answer = _number(text, awaiting, order, **more)
        assert (answer.outcome, answer.said, answer.changes) == (Outcome.INVALID_INPUT, words, ())
        assert answer.awaiting == awaiting  # still asked for
    # a shipped order's number that looks like the product's serials is one
    accepted = _number("123456", awaiting, order, orders_numbered=shipped, serial_pattern=r"\d{6}")
    assert accepted.outcome is Outcome.ORDER_COMPLETE


# --- in bulk ---------------------------------------------------------------------

ITEMS = [CUP, CUP_CASE, LID, PHONE, HONEY, STRANGER]


@st.composite
def item_facts(draw: st.DrawFn) -> ItemFacts:
    """Any item scanned into any state of a two- or three-line order."""
    lines = []
    for item in draw(st.lists(st.sampled_from([CUP, LID, PHONE, HONEY]), min_size=1, max_size=3)):
        quantity = draw(st.integers(1, 8))
        packed = draw(st.integers(0, quantity))
        short = draw(st.integers(0, quantity - packed))
        lines.append((item, quantity, packed, short))
    order = _order(*lines, version=draw(st.integers(1, 50)))
    day = TODAY + timedelta(days=draw(st.integers(-3, 3)))
    gs1 = draw(
        st.none()
        | st.builds(
            Gs1Data,
            st.just("0" * 14),
            lot=st.none() | st.just("L-1"),
            serial=st.none() | st.sampled_from(["SN-1", "SN-2"]),
            expiry=st.none() | st.just(day),
        )
    )
    return ItemFacts(
        item=draw(st.sampled_from(ITEMS)),
        order=order,
        gone=None,
        awaiting=None,
        gs1=gs1,
        rules=ItemRules(TODAY, draw(st.booleans())),
        manual=draw(st.booleans()),
        packed_serials=draw(st.frozensets(st.sampled_from(["SN-1", "SN-2"]))),
    )


@settings(max_examples=2_000, deadline=None)
@given(item_facts())
def test_no_item_decision_counts_past_an_order_or_outside_its_line(facts: ItemFacts) -> None:
    before = copy.deepcopy(facts)
    answer = _answer(facts)
    assert facts == before  # the facts are not touched
    assert decide_item(facts) == answer  # and the same facts give the same answer
    assert facts.order is not None
    counts = [c for c in answer.changes if isinstance(c, Count)]
    if answer.outcome not in (Outcome.ACCEPTED, Outcome.ORDER_COMPLETE):
        assert answer.changes == () and answer.keeps_order
        return
    (count,) = counts
    line = next(ln for ln in facts.order.lines if ln.id == count.line_id)
    assert line.product_id == facts.item.product_id
    assert (count.units, count.packed_before, count.seen_version) == (
        facts.item.units,
        line.packed,
        facts.order.version,
    )
    assert line.packed + count.units <= line.quantity
    assert count.found == max(0, line.packed + line.short + count.units - line.quantity)
    left = sum(ln.quantity - ln.packed - ln.short for ln in facts.order.lines)
    assert answer.facts.remaining == left - count.units + count.found
    ends = [c for c in answer.changes if isinstance(c, OrderEnds)]
    assert bool(ends) == (answer.facts.remaining == 0) == (not answer.keeps_order)
    if answer.outcome is Outcome.ORDER_COMPLETE:
        assert ends[0].to is OrderStatus.PACKED
    serial = facts.gs1.serial if facts.gs1 else None
    assert serial not in facts.packed_serials
    assert ([c.serial for c in answer.changes if isinstance(c, SerialPacked)]) == (
        [serial] if serial else []
    )
    expiry = facts.gs1.expiry if facts.gs1 else None
    if facts.rules.refuse_expired_lots and expiry is not None:
        assert expiry >= TODAY
    assert not facts.item.serial_tracked or serial
    assert not facts.item.lot_tracked or (facts.gs1 and facts.gs1.lot)
    assert answer.only_counts == (len(answer.changes) == 1 and count.found == 0)


# --- an order scanned ------------------------------------------------------------


def _opening(order: OrderAsRead, **more: Any) -> Answer:
    facts = OpeningFacts(order, 1, None, None, None, None)
    return decide_opening(replace(facts, **more))


def _ready(number: str, *lines: tuple[ItemMatch, int, int, int]) -> OrderAsRead:
    return replace(_order(*lines), id=200, external_number=number, status=OrderStatus.READY)


def test_an_order_is_claimed_and_the_one_before_given_back_only_with_an_empty_box() -> None:
    scanned = _ready("B-2", (CUP, 2, 0, 0))
    assert _opening(scanned).changes == (ClaimOrder(scanned),)
    untouched = _order((LID, 1, 0, 0))
    switched = _opening(scanned, before=untouched)
    assert switched.changes == (
        ReturnToQueue(untouched, "switched to order B-2"),
        ClaimOrder(scanned),
    )
    started = _order((CUP, 3, 1, 0), (LID, 1, 0, 0))
    refused = _opening(scanned, before=started)
    assert (refused.outcome, refused.changes) == (Outcome.SWITCH_REFUSED, ())
    assert refused.said == said("switch_refused", "A-1", 1, 3, "B-2")
    assert refused.awaiting == Awaiting("switch", order_id=200)
    confirmed = _opening(scanned, before=started, switch_to=200)
    assert confirmed.changes[0] == ReturnToQueue(
        started, "switched to order B-2; 1 packed units taken back"
    )
    assert confirmed.said == said("switched_away", "A-1", 1, "B-2")


def test_an_order_not_to_pack_here_is_refused_and_changes_nothing() -> None:
    for status in (OrderStatus.ON_HOLD, OrderStatus.PACKED, OrderStatus.CANCELLED):
        held = replace(_ready("B-2", (CUP, 1, 0, 0)), status=status)
        answer = _opening(held)
        assert (answer.outcome, answer.changes) == (Outcome.NOT_PACKABLE, ())
    elsewhere = replace(_order((CUP, 1, 0, 0)), claimed_by_station_id=2)
    answer = _opening(elsewhere, claimed_by="counter-2")
    assert (answer.outcome, answer.facts.other_station) == (
        Outcome.ORDER_CLAIMED_ELSEWHERE,
        "counter-2",
    )


# --- commands --------------------------------------------------------------------


def _command(command: Command, order: OrderAsRead | None, **more: Any) -> Answer:
    facts = CommandFacts(command, True, order.id if order else None, order, None, None)
    answer = decide_command(replace(facts, **more))
    assert isinstance(answer, Answer)
    return answer


def test_complete_closes_an_order_with_nothing_left_and_holds_one_with_missing_items() -> None:
    unfinished = _command(Command.COMPLETE, _order((CUP, 3, 1, 0)))
    assert (unfinished.said, unfinished.changes) == (said("still_to_pack", 2), ())
    done = _command(Command.COMPLETE, _order((CUP, 3, 3, 0)))
    assert done.changes == (
        OrderEnds(_order((CUP, 3, 3, 0)), 7, OrderStatus.PACKED, "closed by COMPLETE"),
    )
    assert not done.keeps_order
    short = _command(Command.COMPLETE, _order((CUP, 3, 2, 1)))
    ends = short.changes[0]
    assert isinstance(ends, OrderEnds) and ends.to is OrderStatus.ON_HOLD
    assert short.said == said("short_on_hold", "A-1")


def test_the_last_missing_item_marked_short_holds_the_order_at_the_version_it_left() -> None:
    order = _order((CUP, 3, 2, 0))
    answer = decide_short_mark(order, order.lines[0], "not found")
    marked, ends = answer.changes
    assert marked == ShortMarked("A-1", 100, 7, 10, "CUP-500", 1, "not found")
    assert isinstance(ends, OrderEnds) and (ends.to, ends.seen_version) == (OrderStatus.ON_HOLD, 8)
    assert (answer.facts.short_units, answer.facts.remaining) == (1, 0)
    complete = _order((CUP, 3, 3, 0))
    nothing = decide_short_mark(complete, complete.lines[0], "not found")
    assert (nothing.said, nothing.changes) == (said("already_complete", "CUP-500"), ())


def test_commands_that_need_a_packer_or_an_order_say_so_and_change_nothing() -> None:
    refused = _command(Command.HOLD, _order((CUP, 1, 0, 0)), signed_in=False)
    assert (refused.outcome, refused.changes) == (Outcome.NOT_SIGNED_IN, ())
    alone = _command(Command.COMPLETE, None)
    assert (alone.outcome, alone.said) == (
        Outcome.NO_OPEN_ORDER,
        said("needs_open_order", "COMPLETE"),
    )
    out = _command(Command.LOGOUT, _order((CUP, 1, 0, 0)), signed_in=False)
    assert out.signs_out and out.said == said("signed_out")


def test_reprint_prints_again_only_a_box_that_is_packed() -> None:
    packed = LastPrinted(5, "A-9", OrderStatus.PACKED)
    again = _command(Command.REPRINT, None, last_printed=packed)
    assert again.changes == (PrintDocuments(5, ("slip", "waybill"), "reprint", Occasion.REPRINT),)
    reopened = _command(
        Command.REPRINT, None, last_printed=replace(packed, status=OrderStatus.PACKING)
    )
    assert (reopened.said, reopened.changes) == (said("not_reprinted", "A-9"), ())
    assert _command(Command.REPRINT, None).said == said("nothing_to_reprint")


# --- UNDO and NEXT-PARCEL --------------------------------------------------------


def test_undo_takes_back_the_last_unit_and_marks_short_again_what_it_found() -> None:
    order = _order((CUP, 3, 2, 0), (LID, 1, 0, 0))
    packed = LastDone(event_id=9, line_id=10, units=1, short_units=-1, began_parcel=None)
    answer = decide_undo(UndoFacts(order, None, packed))
    assert answer.changes == (
        TakeBackUnits("A-1", 10, "CUP-500", 9, 1, 1),
        TouchOrder(100, 7),
        EventUndone(9),
    )
    assert answer.said == said("found_undone", "CUP-500", 1, 3, 1)
    assert (answer.facts.remaining, answer.opens) == (2, 100)  # 1 cup missing again


def test_undo_of_a_short_mark_a_parcel_or_nothing() -> None:
    order = _order((CUP, 3, 1, 2))
    mark = LastDone(9, 10, 0, 2, None)
    unmarked = decide_undo(UndoFacts(order, None, mark))
    assert unmarked.changes[0] == UnmarkShort("A-1", 10, "CUP-500", 2)
    assert unmarked.facts.remaining == 2
    began = LastDone(9, None, 0, 0, 2)
    empty = NewestParcel(id=5, seq=2, filled=False, printed=False)
    assert decide_undo(UndoFacts(order, None, began, empty)).changes[0] == ParcelTakenBack(5)
    for parcel, kept in (
        (replace(empty, filled=True), "parcel_filled"),
        (replace(empty, printed=True), "parcel_printed"),
        (replace(empty, seq=3), "parcel_not_newest"),
    ):
        answer = decide_undo(UndoFacts(order, None, began, parcel))
        assert (answer.said, answer.changes) == (said(kept, 2), ())
    nothing = decide_undo(UndoFacts(order, None, None))
    assert (nothing.said, nothing.changes) == (said("nothing_to_undo"), ())
    waiting = decide_undo(UndoFacts(order, Awaiting("serial"), mark))
    assert (waiting.said, waiting.changes) == (said("serial_not_expected"), ())


def test_undo_of_the_weight_that_began_a_parcel_takes_the_weight_back_too() -> None:
    order = _order((CUP, 3, 2, 0))
    weight = LastDone(9, None, 0, 0, 2, weighed=True)
    empty = NewestParcel(id=5, seq=2, filled=False, printed=False)
    closed = WeighedParcel(id=4, seq=1, grams=705, key="k")
    answer = decide_undo(UndoFacts(order, None, weight, empty, closed))
    assert answer.changes == (
        WeightTakenBack(4, 705, "k"),
        ParcelTakenBack(5),
        TouchOrder(100, 7),
        EventUndone(9),
    )
    assert answer.said == said("parcel_weight_undone", 2, 1, 705)
    # a parcel kept keeps the weight before it
    kept = decide_undo(UndoFacts(order, None, weight, replace(empty, filled=True), closed))
    assert (kept.said, kept.changes) == (said("parcel_filled", 2), ())


def _held(**changed: Any) -> HeldShort:
    """An order held short by this packer's last scan here (a short mark), right now."""
    order = replace(_order((CUP, 1, 0, 1), (LID, 1, 0, 0)), status=OrderStatus.ON_HOLD)
    move = LastMove("packing", 1, 5, short_hold_reason(1))
    held = HeldShort(9, 5, False, 0, True, order, move, station_id=1, user_id=5)
    return replace(held, **changed)


def test_undo_with_no_order_open_packs_again_the_order_its_last_scan_held_short() -> None:
    held = _held()
    mark = LastDone(9, 10, 0, 1, None)
    answer = decide_undo(UndoFacts(held.order, None, mark, held=held))
    assert answer.changes == (
        ReopenShortHold(held.order, "short hold undone at the counter"),
        UnmarkShort("A-1", 10, "CUP-500", 1),
        TouchOrder(100, 9),  # two moves on: on hold, ready, packing
        EventUndone(9),
    )
    assert (answer.outcome, answer.said, answer.opens) == (
        Outcome.COMMAND,
        said("short_undone", "CUP-500", 1),
        100,
    )


@pytest.mark.parametrize(
    "not_this",
    [
        {"undone": True},
        {"scanned_by": 6},  # another packer's scan
        {"remaining_after": 1},  # it left something to pack: it did not hold the order
        {"held_it": False},
        {"last_move": LastMove("packing", 1, 5, "held at the counter")},  # CMD:HOLD
        {"last_move": LastMove("ready", 1, 5, short_hold_reason(1))},  # moved since
        {"last_move": LastMove("packing", 2, 5, short_hold_reason(1))},  # another station
        {"last_move": None},
    ],
)
def test_undo_with_no_order_open_leaves_any_other_hold(not_this: dict[str, Any]) -> None:
    held = _held(**not_this)
    answer = decide_undo(UndoFacts(held.order, None, LastDone(9, 10, 0, 1, None), held=held))
    assert (answer.outcome, answer.said, answer.changes, answer.keeps_order) == (
        Outcome.NO_OPEN_ORDER,
        said("needs_open_order", "UNDO"),
        (),
        False,
    )
    assert not reopens_short_hold(held)
    assert reopens_short_hold(_held())
    # its last undoable scan in the order must be that very scan
    other = decide_undo(UndoFacts(_held().order, None, LastDone(8, 10, 0, 1, None), held=_held()))
    assert other.changes == ()


def test_next_parcel_begins_one_only_when_the_last_has_something_in_it() -> None:
    order = _order((CUP, 3, 1, 0))
    first = decide_next_parcel(NextParcelFacts(order, parcels=0, filled=True))
    assert first.changes == (BeginParcel(100, 2), TouchOrder(100, 7))
    assert first.facts.began_parcel == 2
    empty = decide_next_parcel(NextParcelFacts(order, parcels=2, filled=False))
    assert (empty.said, empty.changes) == (said("parcel_empty", 2), ())


def test_a_badge_signs_in_and_says_what_it_ended_or_whose_order_it_takes_over() -> None:
    open_order = Facts(order_id=100, order="A-1", remaining=3)
    plain = decide_badge(BadgeFacts(7, "Li", None, None, Facts()))
    assert (plain.outcome, plain.said, plain.signs_in) == (Outcome.LOGIN, "Signed in: Li.", 7)
    took = decide_badge(BadgeFacts(7, "Li", "Wang", None, open_order))
    assert took.said == said("took_over", "Li", "A-1", "Wang", 3)
    assert took.keeps_order and took.changes == ()
    rescan = decide_badge(BadgeFacts(7, "Li", None, Awaiting("serial", 10, PHONE), open_order))
    assert rescan.said == said("signed_in_rescan", "Li", "PHONE-X")
    short = decide_badge(BadgeFacts(7, "Li", None, Awaiting("short"), open_order))
    assert short.said == said("signed_in_short_off", "Li")


def test_the_writer_writes_every_kind_of_change() -> None:
    """A change the rules can intend and the writer does not know would be dropped
    without a word: every kind has its write (a count goes with the scan's event)."""
    from typing import get_args

    from app.packing import scan_writer
    from app.packing.answer import Change

    written = set(scan_writer._BEFORE) | set(scan_writer._AFTER) | {Count}
    assert set(get_args(Change)) <= written
