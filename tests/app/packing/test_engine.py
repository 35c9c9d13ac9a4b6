from __future__ import annotations

import dataclasses
import sqlite3
import threading
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm.exc import StaleDataError

from app import db, lifecycle, scan_tally
from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import (
    AuditEvent,
    Order,
    OrderHistory,
    OrderLine,
    OrderStatus,
    PackedSerial,
    Parcel,
    ScanEvent,
    ScanTally,
)
from app.packing import Outcome, PackingEngine
from app.packing.words import said
from tests.app.packing.conftest import (
    CUP_CASE,
    CUP_EAN,
    HONEY_EAN,
    PHONE_EAN,
    Floor,
    add_order,
    lines,
    station,
    status,
)


def test_pack_an_order_from_first_scan_to_closed_box(floor: Floor) -> None:
    order_id = add_order(floor.engine, "00042", {"CUP-500": 2, "LID": 1})
    eng = station(floor)
    opened = eng.scan("00042\r\n")
    assert (opened.outcome, opened.order, opened.remaining) == (Outcome.ORDER_OPENED, "00042", 3)
    assert status(floor, order_id) is OrderStatus.PACKING
    first = eng.scan(CUP_EAN)
    assert (first.outcome, first.sku, first.packed, first.ordered, first.remaining) == (
        Outcome.ACCEPTED,
        "CUP-500",
        1,
        2,
        2,
    )
    # UPC/EAN/GTIN-14 forms and the alias are one item
    assert eng.scan("]E0" + CUP_EAN).packed == 2
    assert eng.scan("OLD-CUP").outcome is Outcome.OVER_SCAN
    done = eng.scan("LID")
    assert (done.outcome, done.remaining) == (Outcome.ORDER_COMPLETE, 0)
    assert status(floor, order_id) is OrderStatus.PACKED
    assert eng.open_order_id is None
    with unit_of_work(floor.engine) as s:
        history = s.execute(
            select(OrderHistory.from_status, OrderHistory.to_status)
            .where(OrderHistory.order_id == order_id)
            .order_by(OrderHistory.id)
        ).all()
        assert history == [("ready", "packing"), ("packing", "packed")]
        printed = s.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "print.requested")
        ).all()
        assert printed == [
            {
                "documents": ["slip", "waybill"],
                "reason": "order complete",
                "occasion": "order_closed",
            }
        ]


def test_case_pack_counts_its_units_and_never_overshoots(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 8})
    eng = station(floor)
    eng.scan("A1")
    case = eng.scan(CUP_CASE)
    assert (case.outcome, case.units, case.packed) == (Outcome.ACCEPTED, 6, 6)
    again = eng.scan(CUP_CASE)
    assert again.outcome is Outcome.OVER_SCAN
    assert again.message == (
        "This code counts 6 of CUP-500, but only 2 more fit: open it, scan them singly."
    )
    assert lines(floor, order_id)["CUP-500"] == (6, 0, 8)


def test_a_case_goes_to_the_line_of_its_product_it_fits_into(floor: Floor) -> None:
    """An order with the cup on two lines, 1 and 6: a case of 6 fills the second."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 1})
    with unit_of_work(floor.engine) as s:
        first = s.scalars(select(OrderLine).where(OrderLine.order_id == order_id)).one()
        s.add(
            OrderLine(
                order_id=order_id,
                line_no=2,
                sku="CUP-500",
                product_id=first.product_id,
                name="CUP-500",
                quantity=6,
            )
        )
    eng = station(floor)
    eng.scan("A1")
    case = eng.scan(CUP_CASE)
    assert (case.outcome, case.packed, case.ordered, case.remaining) == (
        Outcome.ACCEPTED,
        6,
        6,
        1,
    )
    assert eng.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE


def test_wrong_item_names_the_order_it_belongs_to(floor: Floor) -> None:
    add_order(floor.engine, "A1", {"CUP-500": 1})
    add_order(floor.engine, "B2", {"LID": 1})
    eng = station(floor)
    eng.scan("A1")
    wrong = eng.scan("LID")
    assert (wrong.outcome, wrong.other_order) == (Outcome.WRONG_ITEM, "B2")
    assert eng.scan("NO-SUCH-THING").outcome is Outcome.UNKNOWN_CODE


@pytest.mark.parametrize("raw", ["x" * 10_000, "AB\x00C", "\x1b[2J", "", "\r\n"])
def test_invalid_input_changes_nothing(floor: Floor, raw: str) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 1})
    eng = station(floor)
    eng.scan("A1")
    verdict = eng.scan(raw)
    assert verdict.outcome is Outcome.INVALID_INPUT
    assert lines(floor, order_id)["CUP-500"] == (0, 0, 1)
    assert eng.open_order_id == order_id


@pytest.mark.parametrize("raw", ["", "\r\n", " \t "])
def test_an_enter_with_nothing_scanned_is_no_scan_at_all(floor: Floor, raw: str) -> None:
    """A key pressed twice, a blank line: answered, but neither logged nor counted
    against the packer's accuracy; the answer names the open order."""
    add_order(floor.engine, "A1", {"CUP-500": 2})
    eng = station(floor)
    eng.scan("A1")
    with unit_of_work(floor.engine) as s:
        logged = s.scalar(select(func.count()).select_from(ScanEvent))
        tallied = s.scalar(select(func.sum(ScanTally.scans)))
    verdict = eng.scan(raw)
    assert (verdict.outcome, verdict.message) == (Outcome.INVALID_INPUT, "Nothing was scanned.")
    assert (verdict.order, verdict.remaining) == ("A1", 2)
    with unit_of_work(floor.engine) as s:
        assert s.scalar(select(func.count()).select_from(ScanEvent)) == logged
        assert s.scalar(select(func.sum(ScanTally.scans))) == tallied
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED


def test_a_control_character_alone_is_a_scanners_fault_logged_and_counted(
    floor: Floor,
) -> None:
    """Python strips the information separators (\x1c-\x1f) as white space; a scan
    of nothing else is still a refused scan, not an Enter with nothing scanned."""
    eng = station(floor)
    with unit_of_work(floor.engine) as s:
        logged = s.scalar(select(func.count()).select_from(ScanEvent))
    refused = eng.scan("\x1c")
    assert (refused.outcome, refused.message) != (Outcome.INVALID_INPUT, "Nothing was scanned.")
    assert refused.outcome is Outcome.INVALID_INPUT
    with unit_of_work(floor.engine) as s:
        assert s.scalar(select(func.count()).select_from(ScanEvent)) == logged + 1


def test_nothing_scanned_under_an_id_given_before_is_refused(floor: Floor) -> None:
    eng = station(floor)
    eng.scan("NO-SUCH-THING", scan_uid="id-1")
    with pytest.raises(PackdeskError, match="given before"):
        eng.scan("", scan_uid="id-1")
    assert eng.scan("", scan_uid="id-2").message == "Nothing was scanned."


def test_nothing_scanned_at_a_locked_counter_is_not_logged(floor: Floor) -> None:
    eng = station(floor)
    with unit_of_work(floor.engine) as s:
        logged = s.scalar(select(func.count()).select_from(ScanEvent))
    assert eng.scan_while_locked("\r\n").message == "Nothing was scanned."
    with unit_of_work(floor.engine) as s:
        assert s.scalar(select(func.count()).select_from(ScanEvent)) == logged


def test_retried_scan_id_is_recorded_once(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 3})
    eng = station(floor)
    eng.scan("A1")
    first = eng.scan(CUP_EAN, scan_uid="scanner-7:123")
    retry = eng.scan(CUP_EAN, scan_uid="scanner-7:123")
    assert retry.replayed and (retry.outcome, retry.packed) == (first.outcome, first.packed)
    assert lines(floor, order_id)["CUP-500"] == (1, 0, 3)


def test_a_retried_scan_id_repeats_the_first_answer_whole(floor: Floor) -> None:
    """A wrong item's SKU and the order it belongs to, a refused command's warning and
    the command, the product's name and the engine's words a screen translates: the
    answer a retried scan gets is the first one, but for seq and 'replayed'."""
    add_order(floor.engine, "A1", {"LID": 2, "HONEY": 1})
    add_order(floor.engine, "B2", {"CUP-500": 1})
    eng = station(floor)
    eng.scan("A1")
    for uid, code in (
        ("id-1", CUP_EAN),
        ("id-2", "CMD:COMPLETE"),
        ("id-3", "LID"),
        ("id-4", "B2"),  # a switch refused, in words
        ("id-5", HONEY_EAN),  # its lot asked for
    ):
        first = eng.scan(code, scan_uid=uid)
        again = eng.scan(code, scan_uid=uid)
        assert again.replayed
        assert again == dataclasses.replace(first, seq=again.seq, replayed=True)
        assert again.to_json() == first.to_json() | {"seq": again.seq, "replayed": True}
    assert eng.scan("CMD:COMPLETE", scan_uid="id-2").words == said("still_to_pack", 3)
    assert eng.scan("LID", scan_uid="id-3").product_name == "Lid"


def test_a_sku_typed_in_lower_case_and_a_barcode_typed_in_groups_are_the_item(
    floor: Floor,
) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 3, "LID": 1})
    eng = station(floor)
    assert eng.scan("lid").outcome is Outcome.NO_OPEN_ORDER  # an item: open an order first
    eng.scan("A1")
    for typed in ("cup-500", "690 1234 567892", "6-901234-567892"):
        answer = eng.scan(typed)
        assert (typed, answer.outcome, answer.sku) == (typed, Outcome.ACCEPTED, "CUP-500")
    assert lines(floor, order_id)["CUP-500"] == (3, 0, 3)
    for wrong in ("690 1234 567893", "690-1234", "6901234 567892 1"):  # the check digit holds
        assert eng.scan(wrong).outcome is Outcome.UNKNOWN_CODE
    assert eng.scan("Lid").outcome is Outcome.ORDER_COMPLETE


def test_a_scan_waits_out_a_long_write_lock_says_so_and_counts_once(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program (an import of 150,000 orders) holds SQLite's write lock longer
    than the busy timeout: the scan is not lost and the counter does not stop; it
    waits its turn, saying so each time the timeout runs out."""
    if floor.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL locks rows, not the database")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    order_id = add_order(floor.engine, "A1", {"CUP-500": 3})
    eng = station(floor)
    eng.scan("A1")
    waits: list[float] = []
    eng.on_busy = lambda: waits.append(time.monotonic())
    importer = sqlite3.connect(
        str(floor.engine.url.database), isolation_level=None, check_same_thread=False
    )
    importer.execute("BEGIN IMMEDIATE")
    done = threading.Timer(1.0, importer.rollback)
    done.start()
    try:
        for code in (CUP_EAN, "CMD:UNDO"):  # an optimistic item scan, and a locked-way command
            started = time.monotonic()
            if code == "CMD:UNDO":
                importer.execute("BEGIN IMMEDIATE")
                threading.Timer(0.7, importer.rollback).start()
            answer = eng.scan(code)
            assert answer.outcome in (Outcome.ACCEPTED, Outcome.COMMAND)
            assert time.monotonic() - started >= 0.6
        assert len(waits) >= 4
    finally:
        done.cancel()
        importer.close()
    assert lines(floor, order_id)["CUP-500"] == (0, 0, 3)  # counted once, undone once


def test_a_switch_confirmed_while_the_database_is_busy_still_switches(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan that waited out the lock is decided again as it was: the second scan of
    the other order still confirms the switch."""
    if floor.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL locks rows, not the database")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    add_order(floor.engine, "A1", {"CUP-500": 3})
    add_order(floor.engine, "B2", {"LID": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    assert eng.scan("B2").outcome is Outcome.SWITCH_REFUSED
    importer = sqlite3.connect(
        str(floor.engine.url.database), isolation_level=None, check_same_thread=False
    )
    importer.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, importer.rollback).start()
    try:
        assert eng.scan("B2").outcome is Outcome.ORDER_OPENED
    finally:
        importer.close()


def test_not_packable_and_no_open_order(floor: Floor) -> None:
    add_order(floor.engine, "H1", {"LID": 1}, status=OrderStatus.ON_HOLD)
    add_order(floor.engine, "C1", {"LID": 1}, status=OrderStatus.CANCELLED)
    eng = station(floor)
    assert eng.scan("LID").outcome is Outcome.NO_OPEN_ORDER
    held = eng.scan("H1")
    assert held.outcome is Outcome.NOT_PACKABLE and "on hold" in held.message
    assert "cancelled" in eng.scan("C1").message


def test_scans_need_a_signed_in_packer(floor: Floor) -> None:
    add_order(floor.engine, "A1", {"LID": 1})
    eng = PackingEngine(floor.engine, station="counter-1")
    assert eng.scan("A1").outcome is Outcome.NOT_SIGNED_IN
    assert eng.scan(floor.badge).outcome is Outcome.LOGIN
    assert eng.scan("A1").outcome is Outcome.ORDER_OPENED


def test_badge_mid_order_switches_user_and_keeps_the_order(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    signed = eng.scan(floor.supervisor)
    assert (signed.outcome, signed.order, signed.remaining) == (Outcome.LOGIN, "A1", 1)
    assert eng.open_order_id == order_id
    unknown = eng.scan("NO-SUCH-CODE")  # the answer still says which order is open
    assert (unknown.outcome, unknown.order, unknown.remaining) == (Outcome.UNKNOWN_CODE, "A1", 1)
    assert eng.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE


def test_another_packers_badge_on_an_order_begun_takes_it_over_in_words(floor: Floor) -> None:
    add_order(floor.engine, "A1", {"CUP-500": 3})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    taken = eng.scan(floor.supervisor)
    assert (taken.outcome, taken.order, taken.remaining) == (Outcome.LOGIN, "A1", 2)
    assert taken.words == said("took_over", "Sup Wang", "A1", "Packer Li", 2)
    assert taken.message == "Sup Wang takes over order A1 from Packer Li: 2 left to pack."
    again = eng.scan(floor.supervisor)  # the same packer's badge again takes nothing over
    assert again.message == "Signed in: Sup Wang."


def test_a_code_that_is_a_badge_and_an_order_number_signs_in(floor: Floor) -> None:
    """Badge, then order, then item: one look-up asks for the first two at once."""
    add_order(floor.engine, floor.supervisor, {"CUP-500": 1})
    add_order(floor.engine, "LID", {"LID": 1})  # an order numbered like an item's SKU
    eng = station(floor)
    assert eng.scan(floor.supervisor).outcome is Outcome.LOGIN
    assert eng.open_order_id is None
    opened = eng.scan("LID")
    assert (opened.outcome, opened.order) == (Outcome.ORDER_OPENED, "LID")


def test_claim_refuses_a_second_station(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2})
    one, two = station(floor, "counter-1"), station(floor, "counter-2")
    one.scan("A1")
    refused = two.scan("A1")
    assert refused.outcome is Outcome.ORDER_CLAIMED_ELSEWHERE and "counter-1" in refused.message
    assert two.open_order_id is None
    assert status(floor, order_id) is OrderStatus.PACKING


def test_cancelled_while_open_is_said_on_the_next_scan(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2})
    eng = station(floor)
    eng.scan("A1")
    with unit_of_work(floor.engine) as s:
        lifecycle.transition(
            s, s.get_one(Order, order_id), OrderStatus.CANCELLED, reason="customer cancelled"
        )
    told = eng.scan(CUP_EAN)
    assert told.outcome is Outcome.NOT_PACKABLE and "was cancelled while open" in told.message
    assert eng.open_order_id is None
    assert lines(floor, order_id)["CUP-500"] == (0, 0, 2)


def test_restart_resumes_exactly_the_committed_progress(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 3})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    restarted = station(floor)
    assert restarted.open_order_id == order_id
    assert restarted.scan(CUP_EAN).packed == 2


def test_another_order_scanned_while_the_box_has_items_is_refused(floor: Floor) -> None:
    """Two orders must never end up in one box: the open order stays, with its
    counts, and the packer is told to finish it or empty the box."""
    first = add_order(floor.engine, "A1", {"CUP-500": 2, "LID": 1})
    second = add_order(floor.engine, "B2", {"LID": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    refused = eng.scan("B2")
    assert (refused.outcome, refused.order, refused.remaining, refused.other_order) == (
        Outcome.SWITCH_REFUSED,
        "A1",
        2,
        "B2",
    )
    assert refused.words == said("switch_refused", "A1", 1, 2, "B2")
    assert refused.outcome.is_rejection
    assert eng.open_order_id == first
    assert (status(floor, first), status(floor, second)) == (
        OrderStatus.PACKING,
        OrderStatus.READY,
    )
    assert lines(floor, first)["CUP-500"] == (1, 0, 2)
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED  # packing A1 goes on


def test_the_other_order_scanned_twice_switches_and_empties_the_box(floor: Floor) -> None:
    """The deliberate switch: the first order goes back to the queue with nothing
    counted (its units taken back, tallies and serials too), recorded with who and
    why; the packer is told to empty the box."""
    first = add_order(floor.engine, "A1", {"CUP-500": 2, "PHONE-X": 1})
    second = add_order(floor.engine, "B2", {"LID": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    eng.scan(PHONE_EAN)
    eng.scan("SN-1")
    assert eng.scan("B2").outcome is Outcome.SWITCH_REFUSED
    switched = eng.scan("B2")
    assert (switched.outcome, switched.order, switched.words) == (
        Outcome.ORDER_OPENED,
        "B2",
        said("switched_away", "A1", 2, "B2"),
    )
    assert "empty the box" in (switched.warning or "")
    assert eng.open_order_id == second
    assert status(floor, first) is OrderStatus.READY
    assert lines(floor, first) == {"CUP-500": (0, 0, 2), "PHONE-X": (0, 0, 1)}
    with unit_of_work(floor.engine) as s:
        history = s.scalars(
            select(OrderHistory)
            .where(OrderHistory.order_id == first)
            .order_by(OrderHistory.id.desc())
        ).first()
        assert history is not None
        assert (history.to_status, history.station_id, history.user_id) == (
            "ready",
            eng.station_id,
            eng.user_id,
        )
        assert history.reason == "switched to order B2; 2 packed units taken back"
        assert s.scalars(select(PackedSerial)).all() == []  # SN-1 is free again
        undone = s.scalars(
            select(ScanEvent.undone_by_id).where(ScanEvent.order_id == first, ScanEvent.units > 0)
        ).all()
        assert len(undone) == 2 and None not in undone
        items = s.scalar(select(func.sum(ScanTally.items)))
    assert items == 0  # nothing is packed anywhere yet
    assert scan_tally.rebuild(floor.engine) > 0
    with unit_of_work(floor.engine) as s:
        assert s.scalar(select(func.sum(ScanTally.items))) == 0  # the rebuilt tallies agree
    other = station(floor, "counter-2")  # A1 starts from an empty box elsewhere
    opened = other.scan("A1")
    assert (opened.outcome, opened.remaining) == (Outcome.ORDER_OPENED, 3)


def test_a_switch_is_confirmed_only_by_the_very_next_scan(floor: Floor) -> None:
    first = add_order(floor.engine, "A1", {"CUP-500": 3})
    add_order(floor.engine, "B2", {"LID": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    assert eng.scan("B2").outcome is Outcome.SWITCH_REFUSED
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    assert eng.scan("B2").outcome is Outcome.SWITCH_REFUSED  # asked again, not switched
    assert eng.scan(floor.badge).outcome is Outcome.LOGIN
    assert eng.scan("B2").outcome is Outcome.SWITCH_REFUSED
    assert lines(floor, first)["CUP-500"] == (2, 0, 3)


def test_a_switch_takes_back_the_parcels_begun_and_a_short_mark_counts_as_begun(
    floor: Floor,
) -> None:
    """NEXT-PARCEL's boxes go with the units: the order packed again elsewhere in one
    box gets one waybill, not one for a parcel that no longer exists. An order with
    only a short mark is begun too: its mark is not dropped without a word."""
    first = add_order(floor.engine, "A1", {"CUP-500": 3})
    second = add_order(floor.engine, "B2", {"LID": 1, "CUP-500": 1})
    add_order(floor.engine, "C3", {"LID": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    assert eng.scan("CMD:NEXT-PARCEL").outcome is Outcome.COMMAND
    eng.scan(CUP_EAN)
    eng.scan("B2")
    assert eng.scan("B2").outcome is Outcome.ORDER_OPENED
    with unit_of_work(floor.engine) as s:
        assert s.scalars(select(Parcel).where(Parcel.order_id == first)).all() == []
    eng.scan("CMD:SHORT")
    eng.scan("LID")  # marked short, nothing packed
    assert eng.scan("C3").outcome is Outcome.SWITCH_REFUSED
    assert eng.scan("C3").outcome is Outcome.ORDER_OPENED
    assert lines(floor, second)["LID"] == (0, 0, 1)


@pytest.mark.parametrize("packed", [0, 1, 2])
def test_switching_with_none_some_or_all_but_one_packed(floor: Floor, packed: int) -> None:
    first = add_order(floor.engine, "A1", {"CUP-500": 3})
    add_order(floor.engine, "B2", {"LID": 1})
    eng = station(floor)
    eng.scan("A1")
    for _ in range(packed):
        eng.scan(CUP_EAN)
    answer = eng.scan("B2")
    if packed == 0:  # nothing in the box: nothing to take out, no question asked
        assert (answer.outcome, answer.warning) == (Outcome.ORDER_OPENED, None)
        assert answer.message == "Order B2 open: 1 item to pack."
    else:
        assert answer.outcome is Outcome.SWITCH_REFUSED
        assert eng.scan("B2").outcome is Outcome.ORDER_OPENED
    assert status(floor, first) is OrderStatus.READY
    assert lines(floor, first)["CUP-500"] == (0, 0, 3)


def test_a_locked_counter_takes_only_a_badge(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    for raw in (CUP_EAN, "CMD:COMPLETE", "B2", "\x00"):
        refused = eng.scan_while_locked(raw)
        assert (refused.outcome, refused.words) == (Outcome.NOT_SIGNED_IN, said("locked"))
    assert lines(floor, order_id)["CUP-500"] == (1, 0, 2)
    signed = eng.scan_while_locked(f" {floor.badge}\r\n")
    assert signed.outcome is Outcome.LOGIN
    assert eng.open_order_id == order_id
    assert eng.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE
    with unit_of_work(floor.engine) as s:
        refused_as = s.scalars(
            select(ScanEvent.user_id).where(ScanEvent.outcome == "not_signed_in")
        ).all()
    assert refused_as == [None] * 4  # nobody's mis-scans


def test_every_scan_is_logged_with_its_outcome(floor: Floor) -> None:
    add_order(floor.engine, "A1", {"CUP-500": 1})
    eng = station(floor)
    for raw in ("A1", "LID", "garbage-code", CUP_EAN):
        eng.scan(raw)
    with unit_of_work(floor.engine) as s:
        outcomes = s.scalars(select(ScanEvent.outcome).order_by(ScanEvent.id)).all()
        assert outcomes == ["login", "order_opened", "wrong_item", "unknown_code", "order_complete"]
        assert (
            s.scalar(select(func.count()).select_from(ScanEvent).where(ScanEvent.user_id.is_(None)))
            == 0
        )


def _version_and_time(floor: Floor, order_id: int) -> tuple[int, datetime]:
    with unit_of_work(floor.engine) as s:
        order = s.get_one(Order, order_id)
        return order.version, order.updated_at


def test_every_accepted_scan_moves_the_order_for_the_board(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 3})
    eng = station(floor)
    eng.scan("A1")
    long_ago = datetime(2026, 1, 1, tzinfo=UTC)
    with unit_of_work(floor.engine) as s:
        s.execute(update(Order).where(Order.id == order_id).values(updated_at=long_ago))
    version, _ = _version_and_time(floor, order_id)
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    after_first, at = _version_and_time(floor, order_id)
    assert after_first == version + 1 and at > long_ago
    # rejected scans leave the order as it is
    assert eng.scan("LID").outcome is Outcome.WRONG_ITEM
    assert eng.scan(CUP_CASE).outcome is Outcome.OVER_SCAN
    assert _version_and_time(floor, order_id)[0] == after_first
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    assert _version_and_time(floor, order_id)[0] == after_first + 1
    assert eng.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE
    assert _version_and_time(floor, order_id)[0] > after_first + 1
    assert status(floor, order_id) is OrderStatus.PACKED
    with unit_of_work(floor.engine) as s:
        tally = s.execute(
            select(
                func.sum(ScanTally.scans),
                func.sum(ScanTally.rejected),
                func.sum(ScanTally.items),
            )
        ).one()
    assert tuple(tally) == (6, 2, 3)  # the order, 3 cups, a lid and a case (not the badge)


def test_touch_of_a_locked_order_refuses_a_version_it_did_not_read(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 1})
    version, _ = _version_and_time(floor, order_id)
    with pytest.raises(StaleDataError), unit_of_work(floor.engine) as s:
        lifecycle.touch_locked(s.connection(), order_id, version + 1)
    assert _version_and_time(floor, order_id)[0] == version


def test_a_count_against_a_version_it_did_not_read_changes_nothing(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The version check is a backstop behind the row lock: if it ever fails, the
    scan fails whole (no count, no event) instead of counting past another writer."""
    from app.packing import lookup

    order_id = add_order(floor.engine, "A1", {"CUP-500": 2})
    eng = station(floor)
    eng.scan("A1")
    real_read = lookup._order

    def stale_read(order_id: int, rows: Any, lines: Any = None) -> lookup.OrderAsRead:
        order = real_read(order_id, rows, lines)
        return dataclasses.replace(order, version=order.version - 1)

    monkeypatch.setattr(lookup, "_order", stale_read)
    version, _ = _version_and_time(floor, order_id)
    with pytest.raises(StaleDataError):
        eng.scan(CUP_EAN)
    assert lines(floor, order_id)["CUP-500"] == (0, 0, 2)
    assert _version_and_time(floor, order_id)[0] == version
    with unit_of_work(floor.engine) as s:
        assert s.scalar(select(func.count()).where(ScanEvent.outcome == "accepted")) == 0


def test_a_scan_that_waited_for_the_order_decides_on_the_lines_as_left_for_it(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer holds the order, fills its line and commits while the scan waits
    for the order's lock. On PostgreSQL the scan's statement then returns the order
    as the writer left it but the lines as they were before: the scan must read them
    again, not decide on them (it would count past the ordered quantity)."""
    from app.packing import lookup

    order_id = add_order(floor.engine, "A1", {"CUP-500": 2})
    eng = station(floor)
    eng.scan("A1")
    assert eng.scan(CUP_EAN).packed == 1
    read_again: list[int] = []
    real_read = lookup.order_lines

    def counted_read(conn: Any, order_id: int) -> list[lookup.LineCounts]:
        read_again.append(order_id)
        return real_read(conn, order_id)

    monkeypatch.setattr(lookup, "order_lines", counted_read)
    on_postgresql = floor.engine.dialect.name == "postgresql"
    holding = threading.Event()

    def scan_is_waiting() -> bool:
        if not on_postgresql:  # its BEGIN waits for the write lock, unseen from here
            time.sleep(0.3)
            return True
        with floor.engine.connect() as conn:
            return bool(
                conn.exec_driver_sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock'"
                ).scalar()
            )

    def other_writer() -> None:
        with unit_of_work(floor.engine) as s:
            order = s.get_one(Order, order_id, with_for_update=True)
            line = s.scalars(select(OrderLine).where(OrderLine.order_id == order_id)).one()
            line.packed = 2
            lifecycle.touch(order)
            s.flush()
            holding.set()
            deadline = time.monotonic() + 10
            while not scan_is_waiting() and time.monotonic() < deadline:
                time.sleep(0.02)

    writer = threading.Thread(target=other_writer)
    writer.start()
    assert holding.wait(10)
    verdict = eng.scan(CUP_EAN)
    writer.join()
    assert (verdict.outcome, verdict.packed) == (Outcome.OVER_SCAN, 2)
    assert lines(floor, order_id)["CUP-500"] == (2, 0, 2)
    if on_postgresql:
        assert read_again == [order_id]


def test_scans_are_stamped_in_server_time_when_the_station_clock_is_off(
    floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A station whose clock runs ten minutes slow still logs its scans (and so the
    KPIs per hour) in the database server's time."""
    from datetime import timedelta

    import app.packing.engine as engine_module
    import app.packing.scan_log as scan_log_module

    slow = timedelta(minutes=10)
    for module in (engine_module, scan_log_module):  # the station's clock, wherever read
        monkeypatch.setattr(module, "utcnow", lambda: datetime.now(UTC) - slow, raising=False)
    add_order(floor.engine, "T-1", {"LID": 1})
    packer = station(floor)
    packer.sign_in(floor.badge)
    before = datetime.now(UTC)
    assert packer.scan("T-1").outcome is Outcome.ORDER_OPENED
    assert packer.scan("LID").outcome is Outcome.ORDER_COMPLETE
    with unit_of_work(floor.engine, read_only=True) as s:
        stamps = list(s.scalars(select(ScanEvent.at).order_by(ScanEvent.id)))
    assert len(stamps) >= 3  # sign-in, the order, the item
    for at in stamps:
        assert abs(at - before) < timedelta(minutes=2), at  # not ten minutes behind
