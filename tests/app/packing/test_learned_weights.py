"""Expectations learned from closed parcels, through the engine on SQLite and
PostgreSQL: a product the catalogue has no weight for becomes checkable once a few
parcels of the same contents and box agree; the running mean and spread are exactly
what the weights give; a catalogue weight that parcels contradict is reported."""

from __future__ import annotations

import statistics
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import consistency
from app.db import unit_of_work
from app.models import Product, WeightProfile
from app.packing import Outcome, PackingEngine
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
