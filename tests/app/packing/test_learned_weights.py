"""Expectations learned from closed parcels, through the engine on SQLite and
PostgreSQL: a product the catalogue has no weight for becomes checkable once a few
parcels of the same contents and box agree; the running mean and spread are exactly
what the weights give; a catalogue weight that parcels contradict is reported."""

from __future__ import annotations

import random
import statistics
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import consistency, order_actions
from app.credentials import badge_hash
from app.db import unit_of_work
from app.models import Order, Parcel, Product, User, WeightProfile
from app.packing import Outcome, PackingEngine, weight_profiles
from app.packing.answer import LearnWeight
from app.packing.words import said
from app.shipping.weight_check import (
    MIN_LEARNED,
    Learned,
    Packed,
    Tolerance,
    WeighingRules,
    expectation,
)
from tests.app.packing.conftest import Floor, add_order, station

WEIGHS = WeighingRules(weighs=True, tare_g=100, tolerance=Tolerance(Decimal("0.05"), 20))


def _weighing(floor: Floor) -> PackingEngine:
    return station(floor, weighing=WEIGHS)


def _pack_and_weigh(eng: PackingEngine, floor: Floor, number: str, grams: int) -> Outcome:
    add_order(floor.engine, number, {"LID": 2})
    eng.scan(number)
    eng.scan("LID")
    assert eng.scan("LID").outcome is Outcome.WEIGHT_REQUIRED
    return eng.scan(f"WEIGHT:{grams}g").outcome


def _profiles(floor: Floor) -> list[WeightProfile]:
    with unit_of_work(floor.engine) as s:
        return list(s.scalars(select(WeightProfile)))


def test_a_product_without_a_weight_becomes_checkable_once_parcels_agree(
    floor: Floor,
) -> None:
    eng = _weighing(floor)  # LID has no unit weight in the catalogue
    weights = [240, 246, 243]
    for i, grams in enumerate(weights):
        assert _pack_and_weigh(eng, floor, f"L-{i}", grams) is Outcome.ORDER_COMPLETE
    (profile,) = _profiles(floor)
    assert (profile.contents, profile.parcels, profile.catalogue_g) == ("LID x2", 3, None)
    assert profile.mean_g == pytest.approx(statistics.fmean(weights))
    assert profile.m2 / (profile.parcels - 1) == pytest.approx(statistics.variance(weights))
    # 243 g expected now, 20 g allowed (more than 3 spreads of 3 g): a lid short is caught
    assert _pack_and_weigh(eng, floor, "L-3", 140) is Outcome.WEIGHT_MISMATCH
    assert eng.scan("WEIGHT:241g").outcome is Outcome.ORDER_COMPLETE


def test_the_learned_weight_is_the_rule_over_a_wrong_catalogue_and_reported(
    floor: Floor,
) -> None:
    with unit_of_work(floor.engine) as s:  # the catalogue says 50 g, lids weigh 70 g
        s.scalars(select(Product).where(Product.sku == "LID")).one().unit_weight_g = 50
    eng = _weighing(floor)
    for i in range(MIN_LEARNED):  # 200 g expected: each is 40 g off, a supervisor accepts
        assert _pack_and_weigh(eng, floor, f"C-{i}", 240) is Outcome.WEIGHT_MISMATCH
        assert eng.scan(floor.supervisor).outcome is Outcome.ORDER_COMPLETE
    assert _pack_and_weigh(eng, floor, "C-9", 241) is Outcome.ORDER_COMPLETE  # learned
    (off,) = [
        p for p in consistency.check(floor.engine).problems if p.kind == "catalogue_weight_off"
    ]
    assert off.message.startswith("LID x2: 4 parcels weighed 240 g on average")
    assert "the catalogue's weights make 200 g" in off.message


@pytest.mark.parametrize(
    ("learned", "grams", "allowed", "is_learned"),
    [
        (None, 300, 20, False),  # the catalogue: 2 x 100 g + 100 g tare
        (Learned(MIN_LEARNED - 1, 500.0, 8.0), 300, 20, False),  # too few parcels yet
        (Learned(MIN_LEARNED, 420.4, 0.0), 420, 21, True),  # 5 % of 420 g
        (Learned(10, 400.0, 9 * 30.0**2), 400, 90, True),  # 3 spreads of 30 g
    ],
)
def test_the_expectation_comes_from_the_catalogue_until_enough_parcels_agree(
    learned: Learned | None, grams: int, allowed: int, is_learned: bool
) -> None:
    packed = (Packed("CUP", 2, 100),)
    got = expectation(packed, 100, Tolerance(), learned)
    assert (got.grams, got.allowed_g, got.learned) == (grams, allowed, is_learned)


def _assert_profile_is(floor: Floor, contents: str, weights: list[int]) -> None:
    """The profile of ``contents`` is exactly what ``weights`` make (gone: none)."""
    found = [p for p in _profiles(floor) if p.contents == contents]
    if not weights:
        assert found == []
        return
    (profile,) = found
    assert profile.parcels == len(weights)
    assert profile.mean_g == pytest.approx(statistics.fmean(weights))
    if len(weights) > 1:
        variance = profile.m2 / (profile.parcels - 1)
        assert variance == pytest.approx(statistics.variance(weights), abs=1e-6)
    else:
        assert profile.m2 == 0.0


def _parcel_weights(floor: Floor, number: str) -> list[tuple[int, int | None, str | None]]:
    with unit_of_work(floor.engine) as s:
        return [
            (p.seq, p.weight_g, p.weight_key)
            for p in s.scalars(
                select(Parcel)
                .join(Order, Order.id == Parcel.order_id)
                .where(Order.external_number == number)
                .order_by(Parcel.seq)
            )
        ]


def test_undo_of_a_parcel_s_weight_takes_it_out_of_what_was_learned(floor: Floor) -> None:
    """A weight that closed a parcel (and began the next) is taken back by UNDO: the
    parcel is unweighed, and the weight leaves its profile, which is then exactly what
    the other parcels weighed; a profile of that one parcel goes."""
    eng = _weighing(floor)
    weights = [240, 246, 243]
    for i, grams in enumerate(weights):
        _pack_and_weigh(eng, floor, f"L-{i}", grams)
    add_order(floor.engine, "M-1", {"LID": 3})
    eng.scan("M-1")
    eng.scan("LID")
    eng.scan("LID")
    assert eng.scan("CMD:NEXT-PARCEL").outcome is Outcome.WEIGHT_REQUIRED
    assert eng.scan("WEIGHT:251g").outcome is Outcome.PARCEL_COMPLETE  # as learned: 243 g
    _assert_profile_is(floor, "LID x2", [*weights, 251])
    (first, second) = _parcel_weights(floor, "M-1")
    assert first[:2] == (1, 251) and first[2] is not None and second == (2, None, None)
    undone = eng.scan("CMD:UNDO")
    assert undone.words == said("parcel_weight_undone", 2, 1, 251)
    _assert_profile_is(floor, "LID x2", weights)
    assert _parcel_weights(floor, "M-1") == [(1, None, None)]
    # the parcel, weighed again, is learned once
    assert eng.scan("WEIGHT:244g").outcome is Outcome.INVALID_INPUT  # 1 left: not the end
    eng.scan("LID")
    assert eng.scan("WEIGHT:362g").outcome is Outcome.ORDER_COMPLETE  # learned as LID x3
    _assert_profile_is(floor, "LID x2", weights)
    _assert_profile_is(floor, "LID x3", [362])
    # the only parcel of its contents: its profile goes with its weight
    add_order(floor.engine, "M-2", {"LID": 2, "CUP-500": 1})
    eng.scan("M-2")
    eng.scan("LID")
    eng.scan("CMD:NEXT-PARCEL")
    assert eng.scan("WEIGHT:130g").outcome is Outcome.PARCEL_COMPLETE
    _assert_profile_is(floor, "LID x1", [130])
    assert eng.scan("CMD:UNDO").words == said("parcel_weight_undone", 2, 1, 130)
    _assert_profile_is(floor, "LID x1", [])


def test_weights_taken_back_in_any_order_leave_what_the_others_make(floor: Floor) -> None:
    """Learning and unlearning straight on the database: after any weights are taken
    back, in any order, count, mean and variance are those of the weights left."""
    into = LearnWeight("key-1", "CUP-500 x1", None)
    pick = random.Random(16)
    for _ in range(5):
        weights = [pick.randint(100, 5000) for _ in range(pick.randint(1, 12))]
        with floor.engine.begin() as conn:
            for grams in weights:
                weight_profiles.learn(conn, into, grams)
        left = list(weights)
        pick.shuffle(left)
        while left:
            gone = left.pop()
            with floor.engine.begin() as conn:
                weight_profiles.unlearn(conn, into.key, gone)
            _assert_profile_is(floor, "CUP-500 x1", left)


def test_a_parcel_weighed_again_counts_once_with_its_last_weight(floor: Floor) -> None:
    """A packed order reopened and weighed again (the box was wrong): its parcel's
    first weight leaves what was learned as the second goes in."""
    eng = _weighing(floor)
    assert _pack_and_weigh(eng, floor, "R-1", 240) is Outcome.ORDER_COMPLETE
    _pack_and_weigh(eng, floor, "R-2", 246)
    _assert_profile_is(floor, "LID x2", [240, 246])
    with unit_of_work(floor.engine) as s:
        boss = s.scalar(select(User.id).where(User.badge_hash == badge_hash(floor.supervisor)))
        order_id = s.scalar(select(Order.id).where(Order.external_number == "R-1"))
    assert boss is not None and order_id is not None
    order_actions.reopen(floor.engine, order_id, user_id=boss, reason="wrong box")
    assert eng.scan("R-1").outcome is Outcome.ORDER_OPENED
    assert eng.scan("WEIGHT:250g").outcome is Outcome.ORDER_COMPLETE
    _assert_profile_is(floor, "LID x2", [250, 246])
    assert [grams for _, grams, _ in _parcel_weights(floor, "R-1")] == [250]
