"""The weight check and the counter's weighing rules, as plain values."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.models import OrderStatus
from app.packing import Outcome
from app.packing.answer import OrderEnds, ParcelWeighed
from app.packing.lookup import LineCounts, OrderAsRead
from app.packing.station_state import Awaiting
from app.packing.weight_rules import (
    WeightFacts,
    decide_weight,
    decide_weight_accepted,
    weight_in_code,
)
from app.packing.words import said
from app.shipping.weight_check import (
    Cause,
    Packed,
    Tolerance,
    WeighingRules,
    expected_weight,
    likely_cause,
)

CABLES = Packed("CABLE-1M", 2, 80)
MUGS = Packed("MUG", 1, 350)
WEIGHS = WeighingRules(weighs=True, tare_g=120)


def test_a_parcel_should_weigh_its_items_and_its_box() -> None:
    assert expected_weight([CABLES, MUGS], 120).grams == 120 + 160 + 350
    unknown = expected_weight([CABLES, Packed("GIFT", 1, None)], 120)
    assert (unknown.grams, unknown.unweighed) == (None, ("GIFT",))


def test_the_tolerance_is_five_percent_but_never_under_twenty_grams() -> None:
    assert Tolerance().of(200) == 20
    assert Tolerance().of(1000) == 50
    assert Tolerance(floor_g=5).of(60) == 5


@pytest.mark.parametrize(
    ("difference", "cause"),
    [
        (82, Cause("CABLE-1M", 1)),
        (-160, Cause("CABLE-1M", -2)),
        (355, Cause("MUG", 1)),
        (-700, Cause(None, 0)),  # two mugs missing of the one packed: no
        (500, Cause(None, 0)),
    ],
)
def test_a_difference_close_to_whole_items_names_them(difference: int, cause: Cause) -> None:
    assert likely_cause([CABLES, MUGS], difference, tolerance_g=32) == cause


def test_weight_codes_are_grams_or_kilograms_and_anything_else_is_said() -> None:
    assert weight_in_code("WEIGHT:1234g") == 1234
    assert weight_in_code("weight: 1.2345 kg") == 1234  # (to the gram)
    assert weight_in_code("6901234567892") is None
    for bad in ("WEIGHT:", "WEIGHT:heavy", "WEIGHT:12 lb", "WEIGHT:5000kg"):
        with pytest.raises(ValueError):
            weight_in_code(bad)


def _order(packed: int = 2, quantity: int = 2) -> OrderAsRead:
    lines = [LineCounts(10, 1, "CABLE-1M", quantity, packed, 0), LineCounts(11, 2, "MUG", 1, 1, 0)]
    return OrderAsRead(100, "A-1", OrderStatus.PACKING, 1, 4, lines)


def _weigh(grams: int, order: OrderAsRead | None = None, **more: object) -> WeightFacts:
    facts = WeightFacts(grams, order or _order(), None, (CABLES, MUGS), WEIGHS)
    return replace(facts, **more)  # type: ignore[arg-type]


def test_a_weight_within_the_tolerance_closes_the_order_with_the_parcel_weighed() -> None:
    answer = decide_weight(_weigh(640))  # 630 g expected, 31.5 g allowed
    assert answer.outcome is Outcome.ORDER_COMPLETE and not answer.keeps_order
    assert answer.changes == (
        ParcelWeighed(100, 640, 630),
        OrderEnds(_order(), 4, OrderStatus.PACKED, "all items packed and weighed"),
    )
    assert answer.said == said("weighed_complete", "A-1", 640, 630)


def test_a_parcel_a_cable_too_heavy_is_held_at_the_counter_and_says_so() -> None:
    answer = decide_weight(_weigh(712))
    assert (answer.outcome, answer.changes, answer.keeps_order) == (
        Outcome.WEIGHT_MISMATCH,
        (),
        True,
    )
    assert answer.said == said("weight_extra_items", 712, 630, 1, "CABLE-1M")
    check = Awaiting("weight_check", order_id=100, grams=712, expected_g=630, version=4)
    assert answer.awaiting == check
    assert decide_weight(_weigh(300)).said == said("weight_missing_items", 300, 630, 1, "MUG")
    assert decide_weight(_weigh(390)).said == said("weight_too_light", 390, 630, 240)


def test_a_supervisor_accepts_a_weight_that_did_not_match_while_the_box_is_as_weighed() -> None:
    check = Awaiting("weight_check", order_id=100, grams=712, expected_g=630, version=4)
    answer = decide_weight_accepted(_order(), None, check, "Sam")
    assert answer.outcome is Outcome.ORDER_COMPLETE
    assert answer.changes[0] == ParcelWeighed(100, 712, 630)
    ends = answer.changes[1]
    assert isinstance(ends, OrderEnds) and "accepted by Sam" in ends.reason
    for changed in (replace(_order(), version=5), _order(packed=1)):  # a box, an UNDO since
        stale = decide_weight_accepted(changed, None, check, "Sam")
        assert (stale.outcome, stale.said, stale.changes) == (
            Outcome.INVALID_INPUT,
            said("weight_check_stale"),
            (),
        )


def test_a_refused_weight_leaves_what_was_awaited_as_it_was() -> None:
    serial = Awaiting("serial", 10, None)
    early = decide_weight(_weigh(400, _order(packed=1), awaiting=serial))
    assert early.awaiting == serial


def test_a_weight_before_the_last_item_of_nothing_or_where_no_one_weighs_is_refused() -> None:
    early = decide_weight(_weigh(400, _order(packed=1)))
    assert (early.outcome, early.said) == (Outcome.INVALID_INPUT, said("weigh_after_last_item", 1))
    empty = decide_weight(_weigh(0))
    assert (empty.said, empty.changes) == (said("weight_nothing", 0), ())
    nowhere = decide_weight(_weigh(640, rules=WeighingRules()))
    assert nowhere.said == said("not_weighing")


def test_an_item_without_a_unit_weight_is_said_and_the_weight_recorded_unchecked() -> None:
    gift = (CABLES, Packed("GIFT", 1, None))
    answer = decide_weight(_weigh(5000, packed=gift))
    assert answer.outcome is Outcome.ORDER_COMPLETE
    assert answer.changes[0] == ParcelWeighed(100, 5000, None)
    assert answer.said == said("weighed_unchecked", "A-1", 5000, "GIFT")
    assert answer.facts.warning == "weight not checked: GIFT without unit weight"
