"""A scan's ``undone_by_id`` is vouched for by the scan that undid it, which names it
in its hashed answer: a mark set or cleared by hand is found by ``audit verify``
(break ``undone``, at the scan whose mark is wrong); UNDO, NEXT-PARCEL taken back and
a box emptied by switching orders leave every chain whole."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, select, text

from app.audit.verify import verify
from app.db import unit_of_work
from app.models import ScanEvent
from app.packing.verdict import Outcome
from tests.app.packing.conftest import CUP_EAN, Floor, add_order, floor, station

__all__ = ["floor"]


def _scans(engine: Engine) -> list[ScanEvent]:
    with unit_of_work(engine, read_only=True) as s:
        rows = list(s.scalars(select(ScanEvent).order_by(ScanEvent.id)))
        s.expunge_all()
        return rows


def _set(engine: Engine, event_id: int, by: int | None) -> None:
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE scan_events SET undone_by_id = :by WHERE id = :id"),
            {"by": by, "id": event_id},
        )


def _undone_breaks(engine: Engine) -> list[tuple[str, str, int | None, int | None]]:
    report = verify(engine)
    assert all(b.kind == "undone" for b in report.breaks), report.breaks
    return [(b.table, b.chain, b.seq, b.event_id) for b in report.breaks]


@pytest.fixture
def undone(floor: Floor) -> Engine:
    """A counter's UNDO of an item, a parcel begun and taken back, and a box emptied
    by switching to another order (three scans taken back at once)."""
    add_order(floor.engine, "A1", {"CUP-500": 4, "LID": 1})
    add_order(floor.engine, "B1", {"CUP-500": 2})
    one = station(floor, "counter-1")
    for raw in ("A1", CUP_EAN, CUP_EAN, "CMD:UNDO", "CMD:NEXT-PARCEL", "CMD:UNDO"):
        one.scan(raw)
    assert one.scan("B1").outcome is Outcome.SWITCH_REFUSED
    assert one.scan("B1").outcome is Outcome.ORDER_OPENED  # A1's box emptied
    one.close_connection()
    return floor.engine


def test_undo_and_an_emptied_box_name_the_scans_they_took_back(undone: Engine) -> None:
    report = verify(undone)
    assert report.ok, report.breaks
    scans = _scans(undone)
    marked = [s for s in scans if s.undone_by_id is not None]
    assert len(marked) == 3
    for scan in marked:
        undoer = next(u for u in scans if u.id == scan.undone_by_id)
        assert undoer.id > scan.id
        assert scan.id in (undoer.answer or {})["undid"]
    opened = scans[-1]
    assert opened.outcome == Outcome.ORDER_OPENED.value
    assert opened.answer is not None and len(opened.answer["undid"]) >= 1


def test_a_scan_marked_undone_by_hand_is_found(undone: Engine) -> None:
    """The order's opening scan marked undone by an UNDO that took back another one,
    and a scan marked undone by one before it: verify names both."""
    scans = _scans(undone)
    undo = next(s for s in scans if s.answer and s.answer.get("undid"))
    opening = scans[0]
    after = next(s for s in scans if s.id > undo.id and s.undone_by_id is None)
    _set(undone, opening.id, undo.id)
    _set(undone, after.id, opening.id)
    assert _undone_breaks(undone) == [
        ("scan_events", opening.chain, opening.seq, opening.id),
        ("scan_events", after.chain, after.seq, after.id),
    ]
    said = [b.message for b in verify(undone).breaks]
    assert "does not name it" in said[0] and "came before it" in said[1]


def test_a_scan_marked_undone_by_a_later_scan_that_undid_nothing_is_found(
    undone: Engine,
) -> None:
    scans = _scans(undone)
    first = scans[0]  # (the order opened: never undone)
    plain = next(s for s in scans if s.id > first.id and not (s.answer or {}).get("undid"))
    _set(undone, first.id, plain.id)
    assert _undone_breaks(undone) == [("scan_events", first.chain, first.seq, first.id)]
    message = verify(undone).breaks[0].message
    assert f"id {first.id}" in message and "does not name it" in message


def test_a_mark_cleared_by_hand_is_found(undone: Engine) -> None:
    """An undone scan's mark cleared (the cup counted again): named, at that scan."""
    scans = _scans(undone)
    marked = [s for s in scans if s.undone_by_id is not None]
    for scan in marked:
        _set(undone, scan.id, None)
    found = _undone_breaks(undone)
    assert found == [("scan_events", s.chain, s.seq, s.id) for s in marked]
    assert "not marked undone" in verify(undone).breaks[0].message


def test_a_mark_moved_to_another_undo_is_found(undone: Engine) -> None:
    scans = _scans(undone)
    marked = [s for s in scans if s.undone_by_id is not None]
    a, b = marked[0], marked[1]
    assert a.undone_by_id != b.undone_by_id
    _set(undone, a.id, b.undone_by_id)
    where = {(br.event_id, br.kind) for br in verify(undone).breaks}
    assert where == {(a.id, "undone")}


def test_the_undone_list_is_in_the_hash(undone: Engine) -> None:
    """Adding the scan to an UNDO's answer to cover a mark set by hand breaks the
    UNDO's own link."""
    scans = _scans(undone)
    undo = next(s for s in scans if s.answer and s.answer.get("undid"))
    first = scans[1]
    answer = dict(undo.answer or {}, undid=[*(undo.answer or {})["undid"], first.id])
    cast = ":a" if undone.dialect.name == "sqlite" else "CAST(:a AS json)"
    with undone.begin() as conn:
        conn.execute(
            text(f"UPDATE scan_events SET answer = {cast} WHERE id = :id"),
            {"a": json.dumps(answer), "id": undo.id},
        )
    _set(undone, first.id, undo.id)
    kinds = {(b.event_id, b.kind) for b in verify(undone).breaks}
    assert (undo.id, "changed") in kinds


def test_undo_of_the_short_mark_that_held_the_order_names_it(floor: Floor) -> None:
    """The packer's SHORT that put the order on hold, taken back by UNDO right after
    (the order packed here again): the UNDO names it, and every chain is whole."""
    add_order(floor.engine, "A1", {"CUP-500": 1, "LID": 1})
    one = station(floor, "counter-1")
    for raw in ("A1", CUP_EAN, "CMD:SHORT"):
        one.scan(raw)
    short = one.scan("LID")
    assert short.command == "SHORT"
    assert one.scan("CMD:UNDO").outcome is Outcome.COMMAND
    one.close_connection()
    report = verify(floor.engine)
    assert report.ok, report.breaks
    scans = _scans(floor.engine)
    (marked,) = [s for s in scans if s.undone_by_id is not None]
    assert marked.scan_uid == short.scan_uid and marked.short_units == 1
    undo = next(s for s in scans if s.id == marked.undone_by_id)
    assert (undo.answer or {})["undid"] == [marked.id]
