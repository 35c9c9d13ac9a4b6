"""Most scans (a plain item of the open order, not its last) are counted without a
transaction: read without the order's lock, written only if the order and the line
are still as read. Another writer in between makes the scan go the locked way, and
the answer is what the locked way would have given."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from app import order_actions
from app.credentials import badge_hash
from app.db import unit_of_work
from app.models import OrderLine, ScanEvent, ScanTally, User
from app.packing import Outcome, PackingEngine, lookup
from tests.app.packing.conftest import CUP_CASE, CUP_EAN, Floor, add_order, lines, station


def _between_read_and_write(
    monkeypatch: pytest.MonkeyPatch, meanwhile: Callable[[], None]
) -> list[int]:
    """Run ``meanwhile`` (another writer) once, right after the next unlocked read."""
    real_read = lookup.find_item_with_order
    reads: list[int] = []

    def read_then_meanwhile(conn: Any, scan: Any, order_id: int) -> Any:
        found = real_read(conn, scan, order_id)
        reads.append(order_id)
        if len(reads) == 1:
            meanwhile()
        return found

    monkeypatch.setattr(lookup, "find_item_with_order", read_then_meanwhile)
    return reads


def _no_locked_way(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("decided the locked way")

    monkeypatch.setattr(PackingEngine, "_decide", refuse)


def _events(floor: Floor) -> list[tuple[str, int | None]]:
    with unit_of_work(floor.engine) as s:
        rows = s.execute(select(ScanEvent.outcome, ScanEvent.packed_after).order_by(ScanEvent.id))
        return [(outcome, packed) for outcome, packed in rows]


def _tallied(floor: Floor) -> tuple[int, int]:
    with unit_of_work(floor.engine) as s:
        scans, items = s.execute(select(func.sum(ScanTally.scans), func.sum(ScanTally.items))).one()
        return int(scans), int(items)


def test_a_plain_item_is_counted_without_the_locked_way(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = add_order(floor.engine, "Q-1", {"CUP-500": 8, "LID": 1})
    eng = station(floor)
    assert eng.scan("Q-1").outcome is Outcome.ORDER_OPENED
    _no_locked_way(monkeypatch)
    before = datetime.now(UTC)
    first = eng.scan(CUP_EAN)
    case = eng.scan(CUP_CASE)  # a case of 6: 7 of 8
    assert (first.outcome, first.packed, first.remaining) == (Outcome.ACCEPTED, 1, 8)
    assert first.message == "OK CUP-500 1/8; 8 to go."
    assert (case.outcome, case.packed, case.units, case.remaining) == (Outcome.ACCEPTED, 7, 6, 2)
    assert lines(floor, order_id) == {"CUP-500": (7, 0, 8), "LID": (0, 0, 1)}
    assert _events(floor)[-2:] == [("accepted", 1), ("accepted", 7)]
    with unit_of_work(floor.engine) as s:  # the time went through the column's type
        at = s.scalar(select(ScanEvent.at).where(ScanEvent.scan_uid == case.scan_uid))
    assert at is not None and before - timedelta(seconds=5) <= at <= datetime.now(UTC)


def test_a_plain_item_is_answered_as_the_locked_way_answers_it(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same scans of two like orders, one counted optimistically, one the locked
    way: every part of the answers is the same but the order and the line."""
    from app.packing import item_scan

    def answers(number: str) -> list[dict[str, Any]]:
        add_order(floor.engine, number, {"CUP-500": 9, "LID": 1})
        eng = station(floor, f"counter-{number}")
        eng.scan(number)
        return [
            {
                k: v
                for k, v in dataclasses.asdict(eng.scan(code)).items()
                if k not in ("seq", "scan_uid", "order", "order_id", "line_id")
            }
            for code in (CUP_EAN, CUP_CASE, "OLD-CUP")
        ]

    optimistically = answers("Q-1")
    monkeypatch.setattr(item_scan, "count_optimistically", lambda *_args: None)
    assert answers("Q-2") == optimistically
    assert [a["packed"] for a in optimistically] == [1, 7, 8]


def test_what_a_plain_item_is_not_goes_the_locked_way(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last item (the order closes and prints), a case bigger than the room left,
    a tracked item: each is decided under the lock."""
    add_order(floor.engine, "Q-1", {"CUP-500": 2, "PHONE-X": 1})
    eng = station(floor)
    eng.scan("Q-1")
    decided: list[str] = []
    real_decide = PackingEngine._decide

    def record_decide(self: PackingEngine, s: Any, raw: str, uid: str, seq: int) -> Any:
        decided.append(raw)
        return real_decide(self, s, raw, uid, seq)

    monkeypatch.setattr(PackingEngine, "_decide", record_decide)
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    assert eng.scan(CUP_CASE).outcome is Outcome.OVER_SCAN
    assert eng.scan("6909876543212").outcome is Outcome.SERIAL_REQUIRED
    assert eng.scan("SN-1").outcome is Outcome.ACCEPTED
    assert eng.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE
    assert decided == [CUP_CASE, "6909876543212", "SN-1", CUP_EAN]


def test_an_order_held_between_the_read_and_the_write_is_not_counted(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    order_id = add_order(floor.engine, "Q-1", {"CUP-500": 3})
    eng = station(floor)
    eng.scan("Q-1")
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    with unit_of_work(floor.engine) as s:
        supervisor = s.scalar(
            select(User.id).where(User.badge_hash == badge_hash(floor.supervisor))
        )
    assert supervisor is not None
    reads = _between_read_and_write(
        monkeypatch,
        lambda: order_actions.hold(
            floor.engine, order_id, user_id=supervisor, reason="customer called"
        ),
    )
    verdict = eng.scan(CUP_EAN)
    assert reads == [order_id]
    assert verdict.outcome is Outcome.NOT_PACKABLE
    assert "on hold" in verdict.message
    assert lines(floor, order_id) == {"CUP-500": (1, 0, 3)}
    assert _events(floor)[-2:] == [("accepted", 1), ("not_packable", None)]
    assert _tallied(floor) == (3, 1)  # the order, the cup, the refused cup


def test_a_line_counted_between_the_read_and_the_write_is_counted_again_under_the_lock(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer that changes the line without moving the order's version (none of
    Packdesk's does) still cannot make the scan count on a stale line."""
    order_id = add_order(floor.engine, "Q-1", {"CUP-500": 3})
    eng = station(floor)
    eng.scan("Q-1")

    def sneak_a_unit_in() -> None:
        with floor.engine.begin() as conn:
            conn.execute(
                update(OrderLine)
                .where(OrderLine.order_id == order_id)
                .values(packed=OrderLine.packed + 1)
            )

    _between_read_and_write(monkeypatch, sneak_a_unit_in)
    verdict = eng.scan(CUP_EAN)
    assert (verdict.outcome, verdict.packed, verdict.remaining) == (Outcome.ACCEPTED, 2, 1)
    assert lines(floor, order_id) == {"CUP-500": (2, 0, 3)}
    assert _events(floor)[-1] == ("accepted", 2)
    assert _tallied(floor) == (2, 1)
