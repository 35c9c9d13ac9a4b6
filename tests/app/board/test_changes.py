"""Incremental refresh: every change once, late commits caught; the live listeners."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from sqlalchemy import Engine, update

from app import order_actions
from app.board import (
    BoardChanges,
    BoardFilter,
    BoardRules,
    Watermark,
    changes_since,
    current_watermark,
    load_board,
    open_listener,
)
from app.db import unit_of_work
from app.models import Order, OrderStatus
from app.packing import Outcome, PackingEngine
from tests.app.board.conftest import CUP_EAN, Floor, add_order

S = OrderStatus
RULES = BoardRules()


def refresh(engine: Engine, mark: Watermark, flt: BoardFilter | None = None) -> BoardChanges:
    return changes_since(engine, mark, flt, rules=RULES)


def test_each_change_is_delivered_exactly_once(floor: Floor) -> None:
    e = floor.engine
    a = add_order(e, "W-A", {"CUP": 2}, ship_in=timedelta(hours=5))
    b = add_order(e, "W-B", ship_in=timedelta(hours=5))
    mark = load_board(e, rules=RULES).watermark
    assert refresh(e, mark).empty

    packing = PackingEngine(e, station="desk-1")
    packing.sign_in(floor.packer_badge)
    assert packing.scan("W-A").outcome is Outcome.ORDER_OPENED
    got = refresh(e, mark)
    assert [c.number for c in got.cards] == ["W-A"] and got.cards[0].status is S.PACKING
    assert got.counts[S.PACKING] == 1 and got.counts[S.READY] == 1
    mark = got.watermark
    assert refresh(e, mark).empty  # asked again: nothing new

    assert packing.scan(CUP_EAN).outcome is Outcome.ACCEPTED  # only a line changes
    got = refresh(e, mark)
    assert [(c.number, c.packed_units) for c in got.cards] == [("W-A", 1)]
    mark = got.watermark

    order_actions.expedite(e, b, user_id=floor.supervisor_id, reason="VIP")
    assert packing.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE
    c = add_order(e, "W-C", ship_in=timedelta(hours=5))
    got = refresh(e, mark)
    assert sorted((x.number, x.status) for x in got.cards) == [
        ("W-A", S.PACKED),
        ("W-B", S.READY),
        ("W-C", S.READY),
    ]
    assert next(x for x in got.cards if x.id == b).expedited
    mark = got.watermark
    for _ in range(3):
        again = refresh(e, mark)
        assert again.empty
        mark = again.watermark
    assert {a, b, c} == {x.id for x in load_board(e, rules=RULES).column(S.READY).cards} | {a}


def test_a_change_leaving_the_filter_is_reported_gone(floor: Floor) -> None:
    e = floor.engine
    order_id = add_order(e, "G-1", ship_in=timedelta(hours=5))
    only_ready = BoardFilter(states=frozenset({S.READY}))
    mark = current_watermark(e)
    order_actions.hold(e, order_id, user_id=floor.supervisor_id, reason="address check")
    got = refresh(e, mark, only_ready)
    assert (got.cards, got.gone) == ((), (order_id,))
    assert got.counts == {S.READY: 0}


def test_a_commit_stamped_before_the_last_look_is_still_caught(floor: Floor) -> None:
    """A transaction whose statement ran before the board looked but which committed
    after it carries an updated_at older than the watermark's time."""
    e = floor.engine
    order_id = add_order(e, "LATE-COMMIT", ship_in=timedelta(hours=5))
    mark = current_watermark(e)
    earlier = mark.now - timedelta(seconds=5)
    with unit_of_work(e) as s:
        s.execute(
            update(Order)
            .where(Order.id == order_id)
            .values(carrier="JD", updated_at=earlier, version=Order.version + 1)
        )
    got = refresh(e, mark)
    assert [(c.number, c.carrier) for c in got.cards] == [("LATE-COMMIT", "JD")]
    assert refresh(e, got.watermark).empty


def test_many_changes_ask_for_a_reload(floor: Floor) -> None:
    e = floor.engine
    mark = current_watermark(e)
    for i in range(5):
        add_order(e, f"R{i}", ship_in=timedelta(hours=5))
    got = changes_since(e, mark, rules=RULES, max_changes=3)
    assert got.reload and got.cards == ()
    assert refresh(e, got.watermark).empty


def test_the_listener_wakes_on_a_commit_and_times_out_otherwise(floor: Floor) -> None:
    e = floor.engine
    order_id = add_order(e, "L-1", ship_in=timedelta(hours=5))
    listener = open_listener(e)
    try:
        started = time.monotonic()
        assert listener.wait(0.3) is False
        assert time.monotonic() - started >= 0.25

        def write() -> None:
            time.sleep(0.2)
            order_actions.expedite(e, order_id, user_id=floor.supervisor_id, reason="rush")

        writer = threading.Thread(target=write)
        writer.start()
        started = time.monotonic()
        assert listener.wait(5.0) is True
        assert time.monotonic() - started < 2.0  # "within 2 s" on the board
        writer.join()
        assert listener.wait(0.1) is False  # one wake-up per transaction
    finally:
        listener.close()
