"""Weighing at the counter, through the engine on SQLite and PostgreSQL: the last item
asks for the parcel's weight, a weight that fits closes the order and is kept on its
parcel, one that does not holds it until the box is fixed or a supervisor accepts."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from app.db import unit_of_work
from app.models import OrderHistory, OrderStatus, Parcel, Product
from app.packing import Outcome, PackingEngine
from app.packing.words import said
from app.shipping.weight_check import Tolerance, WeighingRules
from tests.app.acting import admin_id
from tests.app.packing.conftest import CUP_EAN, Floor, add_order, lines, station, status

WEIGHS = WeighingRules(weighs=True, tare_g=100, tolerance=Tolerance(Decimal("0.05"), 20))


def _weights(floor: Floor, **grams: int | None) -> None:
    with unit_of_work(floor.engine) as s:
        for sku, weight in grams.items():
            s.scalars(
                select(Product).where(Product.sku == sku.replace("_", "-"))
            ).one().unit_weight_g = weight


def _weighing(floor: Floor) -> PackingEngine:
    return station(floor, weighing=WEIGHS)


def _parcels(floor: Floor, order_id: int) -> list[tuple[int, int | None, int | None]]:
    with unit_of_work(floor.engine) as s:
        return [
            (p.seq, p.weight_g, p.expected_weight_g)
            for p in s.scalars(select(Parcel).where(Parcel.order_id == order_id))
        ]


def test_the_last_item_asks_for_the_weight_and_a_weight_that_fits_closes_the_order(
    floor: Floor,
) -> None:
    _weights(floor, CUP_500=300, LID=20)
    order_id = add_order(floor.engine, "W-1", {"CUP-500": 2, "LID": 1})
    eng = _weighing(floor)
    eng.scan("W-1")
    eng.scan(CUP_EAN)
    eng.scan(CUP_EAN)
    last = eng.scan("LID")
    assert (last.outcome, last.remaining, last.words) == (
        Outcome.WEIGHT_REQUIRED,
        0,
        said("weigh_parcel", "W-1"),
    )
    assert status(floor, order_id) is OrderStatus.PACKING  # not closed before it is weighed
    assert eng.scan("CMD:COMPLETE").outcome is Outcome.WEIGHT_REQUIRED
    done = eng.scan("WEIGHT:0.731kg")  # 720 g expected, 36 g allowed
    assert (done.outcome, done.words) == (
        Outcome.ORDER_COMPLETE,
        said("weighed_complete", "W-1", 731, 720),
    )
    assert status(floor, order_id) is OrderStatus.PACKED
    assert _parcels(floor, order_id) == [(1, 731, 720)]


def test_a_parcel_a_cup_too_heavy_stays_until_fixed_or_a_supervisor_accepts(
    floor: Floor,
) -> None:
    _weights(floor, CUP_500=300, LID=20)
    first = add_order(floor.engine, "W-1", {"CUP-500": 1, "LID": 1})
    second = add_order(floor.engine, "W-2", {"LID": 1})
    eng = _weighing(floor)
    eng.scan("W-1")
    eng.scan(CUP_EAN)
    eng.scan("LID")
    heavy = eng.scan("WEIGHT:725g")  # 420 g expected: one cup too many in the box
    assert (heavy.outcome, heavy.words) == (
        Outcome.WEIGHT_MISMATCH,
        said("weight_extra_items", 725, 420, 1, "CUP-500"),
    )
    assert status(floor, first) is OrderStatus.PACKING
    again = eng.scan(floor.badge)  # the packer's own badge signs in; the weight still waits
    assert (again.outcome, again.words) == (
        Outcome.LOGIN,
        said("signed_in_weight_check", "Packer Li", "W-1"),
    )
    assert eng.scan("WEIGHT:428g").outcome is Outcome.ORDER_COMPLETE  # the cup taken out
    assert _parcels(floor, first) == [(1, 428, 420)]
    eng.scan("W-2")
    eng.scan("LID")
    assert eng.scan("WEIGHT:300g").outcome is Outcome.WEIGHT_MISMATCH
    accepted = eng.scan(floor.supervisor)
    assert accepted.outcome is Outcome.ORDER_COMPLETE
    assert accepted.words is not None and accepted.words.key == "weight_accepted"
    assert _parcels(floor, second) == [(1, 300, 120)]
    with unit_of_work(floor.engine) as s:
        reason = s.scalars(
            select(OrderHistory.reason).where(
                OrderHistory.order_id == second, OrderHistory.to_status == "packed"
            )
        ).one()
    assert reason is not None and "weight accepted by" in reason


def test_bad_weights_are_refused_and_count_nothing(floor: Floor) -> None:
    _weights(floor, CUP_500=300, LID=None)
    order_id = add_order(floor.engine, "W-1", {"CUP-500": 2, "LID": 1})
    eng = _weighing(floor)
    eng.scan("W-1")
    eng.scan(CUP_EAN)
    early = eng.scan("WEIGHT:300g")
    assert (early.outcome, early.words) == (Outcome.INVALID_INPUT, said("weigh_after_last_item", 2))
    assert eng.scan("WEIGHT:lots").outcome is Outcome.INVALID_INPUT
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    assert eng.scan("LID").outcome is Outcome.WEIGHT_REQUIRED
    assert eng.scan("WEIGHT:0g").words == said("weight_nothing", 0)
    unchecked = eng.scan("WEIGHT:650g")  # the lid has no unit weight: said, not 0 g
    assert (unchecked.outcome, unchecked.words) == (
        Outcome.ORDER_COMPLETE,
        said("weighed_unchecked", "W-1", 650, "LID"),
    )
    assert lines(floor, order_id) == {"CUP-500": (2, 0, 2), "LID": (1, 0, 1)}
    assert _parcels(floor, order_id) == [(1, 650, None)]


def test_a_station_that_does_not_weigh_closes_at_the_last_item_and_refuses_weights(
    floor: Floor,
) -> None:
    add_order(floor.engine, "W-1", {"LID": 1})
    eng = station(floor)
    eng.scan("W-1")
    assert eng.scan("LID").outcome is Outcome.ORDER_COMPLETE
    assert eng.scan("WEIGHT:300g").words == said("not_weighing")


def test_a_box_scanned_for_the_parcel_gives_its_tare_even_after_the_items(
    floor: Floor,
) -> None:
    from app.boxes import Box, add_boxes

    _weights(floor, CUP_500=300, LID=20)
    add_boxes(
        floor.engine,
        [Box("BOX-L", "Large", 400), Box("BAG-1", "Bag", 10)],
        user_id=admin_id(floor.engine),
    )
    order_id = add_order(floor.engine, "W-1", {"CUP-500": 1, "PHONE-X": 1})
    eng = _weighing(floor)
    assert eng.scan("BOX-L").words == said("needs_open_order", "BOX-L")
    eng.scan("W-1")
    chosen = eng.scan("BOX-L")
    assert (chosen.outcome, chosen.words) == (
        Outcome.BOX_CHOSEN,
        said("box_chosen", "BOX-L", "Large", 400),
    )
    eng.scan(CUP_EAN)
    assert eng.scan("6909876543212").outcome is Outcome.SERIAL_REQUIRED
    at_prompt = eng.scan("BAG-1")  # a box's barcode is never a serial
    assert at_prompt.words == said("box_not_tracking", "BAG-1", "PHONE-X")
    _weights(floor, PHONE_X=200)
    assert eng.scan("SN-5").outcome is Outcome.WEIGHT_REQUIRED
    assert eng.scan("WEIGHT:510g").outcome is Outcome.WEIGHT_MISMATCH  # 900 g in BOX-L
    assert eng.scan("BAG-1").outcome is Outcome.BOX_CHOSEN  # it went into a bag after all
    assert eng.scan("WEIGHT:510g").outcome is Outcome.ORDER_COMPLETE  # 510 g in a bag
    assert _parcels(floor, order_id) == [(1, 510, 510)]


def test_each_parcel_is_weighed_as_next_parcel_closes_it(floor: Floor) -> None:
    """An order packed into three boxes: NEXT-PARCEL asks for the full box's weight,
    which closes it (its own units and box) and begins the next; a wrong one waits
    for a supervisor, whose badge begins the next parcel; the last closes the order."""
    _weights(floor, CUP_500=300, LID=20)
    order_id = add_order(floor.engine, "W-1", {"CUP-500": 3, "LID": 1})
    eng = _weighing(floor)
    eng.scan("W-1")
    eng.scan(CUP_EAN)
    eng.scan(CUP_EAN)
    full = eng.scan("CMD:NEXT-PARCEL")
    assert (full.outcome, full.words) == (
        Outcome.WEIGHT_REQUIRED,
        said("weigh_next_parcel", 1, "W-1"),
    )
    first = eng.scan("WEIGHT:705g")  # two cups in the station's box (100 g)
    assert (first.outcome, first.words) == (
        Outcome.PARCEL_COMPLETE,
        said("parcel_weighed", 1, 705, 700, 2),
    )
    eng.scan(CUP_EAN)
    assert eng.scan("CMD:NEXT-PARCEL").outcome is Outcome.WEIGHT_REQUIRED
    assert eng.scan("WEIGHT:100g").outcome is Outcome.WEIGHT_MISMATCH  # the cup not in it?
    assert eng.scan(floor.supervisor).outcome is Outcome.PARCEL_COMPLETE
    assert eng.scan("LID").outcome is Outcome.WEIGHT_REQUIRED
    done = eng.scan("WEIGHT:121g")  # the lid alone in the third box
    assert (done.outcome, done.words) == (
        Outcome.ORDER_COMPLETE,
        said("weighed_complete", "W-1", 121, 120),
    )
    assert _parcels(floor, order_id) == [(1, 705, 700), (2, 100, 400), (3, 121, 120)]
    assert status(floor, order_id) is OrderStatus.PACKED


def test_the_last_parcel_is_weighed_against_what_went_into_it(floor: Floor) -> None:
    """An order packed into two boxes at a counter that did not weigh the first (the
    parcel was begun before the counter weighed): the second box weighs its own units
    and its own box, not the order's."""
    from app.boxes import Box, add_boxes

    _weights(floor, CUP_500=300, LID=20)
    add_boxes(floor.engine, [Box("BOX-L", "Large", 400)], user_id=admin_id(floor.engine))
    order_id = add_order(floor.engine, "W-1", {"CUP-500": 3, "LID": 1})
    before = station(floor)  # the counter before it weighed
    before.scan("W-1")
    before.scan("BOX-L")  # the first box
    before.scan(CUP_EAN)
    before.scan(CUP_EAN)
    assert before.scan("CMD:NEXT-PARCEL").outcome is Outcome.COMMAND
    before.close_connection()
    eng = _weighing(floor)  # the same counter, weighing now: it resumes the order
    eng.scan(CUP_EAN)
    assert eng.scan("LID").outcome is Outcome.WEIGHT_REQUIRED
    done = eng.scan("WEIGHT:425g")  # one cup and the lid in the station's box (100 g)
    assert (done.outcome, done.words) == (
        Outcome.ORDER_COMPLETE,
        said("weighed_complete", "W-1", 425, 420),
    )
    assert _parcels(floor, order_id) == [(1, None, None), (2, 425, 420)]


def test_next_parcel_with_nothing_left_is_weighed_as_the_last_parcel(floor: Floor) -> None:
    """NEXT-PARCEL after the last item: the weight closes the order, and no empty parcel
    is begun."""
    _weights(floor, LID=20)
    order_id = add_order(floor.engine, "W-1", {"LID": 1})
    eng = _weighing(floor)
    eng.scan("W-1")
    assert eng.scan("LID").outcome is Outcome.WEIGHT_REQUIRED
    assert eng.scan("CMD:NEXT-PARCEL").outcome is Outcome.WEIGHT_REQUIRED
    assert eng.scan("WEIGHT:120g").outcome is Outcome.ORDER_COMPLETE
    assert _parcels(floor, order_id) == [(1, 120, 120)]
