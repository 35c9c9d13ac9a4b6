"""The station's view after an accepted scan, worked out from the verdict, is the view
the database would give if read again."""

from __future__ import annotations

from dataclasses import replace

from app.packing import Outcome
from app.packing import station_view as sv
from tests.app.packing.conftest import CUP_CASE, CUP_EAN, Floor, add_order, station


def read(floor: Floor, eng) -> sv.StationView:  # type: ignore[no-untyped-def]
    return sv.read(
        floor.engine, station_id=eng.station_id, user_id=eng.user_id, order_id=eng.open_order_id
    )


def test_counting_from_the_verdict_matches_reading_again(floor: Floor) -> None:
    add_order(floor.engine, "V1", {"CUP-500": 8, "LID": 2})
    eng = station(floor)
    eng.scan("V1")
    view = read(floor, eng)
    for code in (CUP_EAN, "LID", CUP_CASE, "LID"):  # a case of 6 among single items
        verdict = eng.scan(code)
        assert verdict.outcome is Outcome.ACCEPTED and verdict.line_id is not None
        assert verdict.order is not None and verdict.packed is not None
        counted = sv.with_count(view, verdict.order, verdict.line_id, verdict.packed)
        assert counted == read(floor, eng)
        view = counted
    assert view.order is not None and view.order.remaining == 1
    done = eng.scan(CUP_EAN)
    assert done.outcome is Outcome.ORDER_COMPLETE
    after = sv.without_order(view, done.line_id, done.packed)
    assert replace(after, finished=None) == read(floor, eng)  # the packer stays, the order goes
    assert after.finished is not None  # and its lines stay on screen, as they ended
    assert [(ln.sku, ln.packed, ln.ordered) for ln in after.finished.lines] == [
        ("CUP-500", 8, 8),
        ("LID", 2, 2),
    ]


def test_a_view_of_another_order_or_line_is_read_again(floor: Floor) -> None:
    add_order(floor.engine, "V1", {"CUP-500": 2})
    eng = station(floor)
    eng.scan("V1")
    view = read(floor, eng)
    assert view.order is not None
    line_id = view.order.lines[0].line_id
    assert sv.with_count(view, "OTHER", line_id, 1) is None
    assert sv.with_count(view, "V1", line_id + 999, 1) is None
    assert sv.with_count(sv.StationView("Li", "packer", None), "V1", line_id, 1) is None
