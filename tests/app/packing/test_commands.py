"""The command barcodes at the counter: UNDO, SHORT (NOT-FOUND, DAMAGED), COMPLETE,
NEXT-PARCEL and REPRINT, each decided and committed like any other scan."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app import lifecycle, order_actions
from app.credentials import badge_hash
from app.db import unit_of_work
from app.models import (
    AuditEvent,
    JobStatus,
    Order,
    OrderHistory,
    OrderLine,
    OrderStatus,
    Parcel,
    Printer,
    PrintJob,
    ScanEvent,
    User,
)
from app.packing import Outcome
from app.packing.words import said
from tests.app.packing.conftest import CUP_EAN, Floor, add_order, lines, station, status


def test_undo_and_complete_and_short(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2, "LID": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    undo = eng.scan("CMD:UNDO")
    assert undo.outcome is Outcome.COMMAND and undo.packed == 0
    assert eng.scan("cmd:undo").warning == "nothing to undo"
    early = eng.scan("CMD:COMPLETE")
    assert early.warning == "3 items still to pack"
    eng.scan(CUP_EAN)
    eng.scan(CUP_EAN)
    eng.scan("CMD:SHORT")
    short = eng.scan("LID")
    assert short.command == "SHORT" and "hold" in short.message
    assert status(floor, order_id) is OrderStatus.ON_HOLD
    assert lines(floor, order_id)["LID"] == (0, 1, 1)


def test_a_short_line_keeps_why_the_packer_scanned(floor: Floor) -> None:
    """NOT-FOUND and DAMAGED mark a line short as SHORT does, and keep
    the reason the packer scanned; plain SHORT says only that the counter marked it."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2, "LID": 1, "HONEY": 1})
    eng = station(floor)
    eng.scan("A1")
    asked = eng.scan("cmd:damaged")
    assert (asked.outcome, asked.command) == (Outcome.COMMAND, "DAMAGED")
    marked = eng.scan("LID")
    assert (marked.command, marked.message) == ("SHORT", "LID: 1 marked short (damaged).")
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED  # one cup is in the box
    eng.scan("CMD:NOT-FOUND")
    eng.scan(CUP_EAN)  # the other is missing
    eng.scan("CMD:SHORT")
    assert "on hold" in eng.scan("HONEY").message  # the last one: nothing left to pack
    with unit_of_work(floor.engine) as s:
        reasons = dict(
            s.execute(
                select(OrderLine.sku, OrderLine.short_reason).where(OrderLine.order_id == order_id)
            ).all()
        )
        audited = s.scalars(
            select(AuditEvent.details)
            .where(AuditEvent.action == "line.short")
            .order_by(AuditEvent.id)
        ).all()
    assert reasons == {
        "LID": "damaged",
        "CUP-500": "not found",
        "HONEY": "marked short at the counter",
    }
    assert [(d["sku"], d["units"], d["reason"]) for d in audited] == [
        ("LID", 1, "damaged"),
        ("CUP-500", 1, "not found"),
        ("HONEY", 1, "marked short at the counter"),
    ]
    assert lines(floor, order_id)["CUP-500"] == (1, 1, 2)


def test_undo_takes_back_a_short_mark_before_a_packed_item(floor: Floor) -> None:
    """The wrong item scanned after SHORT: UNDO takes back the mark (the last thing
    done), not the item packed before it; a second UNDO takes back that item."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2, "LID": 2})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    eng.scan("CMD:DAMAGED")
    assert eng.scan("LID").message == "LID: 2 marked short (damaged)."
    assert lines(floor, order_id)["LID"] == (0, 2, 2)
    undo = eng.scan("CMD:UNDO")
    assert (undo.outcome, undo.sku, undo.remaining) == (Outcome.COMMAND, "LID", 3)
    assert undo.message == "Undone: LID is no longer marked short; 2 to pack again."
    assert undo.words is not None and undo.words.key == "short_undone"
    assert lines(floor, order_id) == {"CUP-500": (1, 0, 2), "LID": (0, 0, 2)}
    assert eng.scan("LID").outcome is Outcome.ACCEPTED  # it counts again
    eng.scan("CMD:UNDO")  # that LID
    again = eng.scan("CMD:UNDO")  # and the cup
    assert (again.sku, again.packed) == ("CUP-500", 0)
    assert eng.scan("CMD:UNDO").warning == "nothing to undo"
    with unit_of_work(floor.engine) as s:
        reason = s.scalar(select(OrderLine.short_reason).where(OrderLine.sku == "LID"))
        audited = s.execute(
            select(AuditEvent.action, AuditEvent.details)
            .where(AuditEvent.action.like("line.short%"))
            .order_by(AuditEvent.id)
        ).all()
        marks = s.execute(
            select(ScanEvent.short_units, ScanEvent.undone_by_id.is_not(None)).where(
                ScanEvent.short_units > 0
            )
        ).all()
    assert reason is None
    assert [(a, d["sku"], d["units"]) for a, d in audited] == [
        ("line.short", "LID", 2),
        ("line.short_undone", "LID", 2),
    ]
    assert marks == [(2, True)]
    assert status(floor, order_id) is OrderStatus.PACKING


def test_a_missing_item_that_turns_up_is_counted_and_undo_marks_it_missing_again(
    floor: Floor,
) -> None:
    """NOT-FOUND, the cup marked short; the picker brings it after all: scanned, it is
    counted and no longer short. UNDO of that scan marks it missing again."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2, "LID": 2})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    eng.scan("CMD:NOT-FOUND")
    eng.scan(CUP_EAN)  # marks the one missing short
    eng.scan("LID")
    assert lines(floor, order_id) == {"CUP-500": (1, 1, 2), "LID": (1, 0, 2)}
    found = eng.scan(CUP_EAN)
    assert (found.outcome, found.packed, found.remaining) == (Outcome.ACCEPTED, 2, 1)
    assert found.words == said("found_missing", "CUP-500", 1, 2, 2)
    assert lines(floor, order_id) == {"CUP-500": (2, 0, 2), "LID": (1, 0, 2)}
    assert eng.scan(CUP_EAN).outcome is Outcome.OVER_SCAN  # nothing more is missing
    undo = eng.scan("CMD:UNDO")
    assert undo.message == ("Undone: CUP-500 back to 1/2, and 1 marked short again. Take it out.")
    assert lines(floor, order_id) == {"CUP-500": (1, 1, 2), "LID": (1, 0, 2)}
    assert eng.scan(CUP_EAN).words == said("found_missing", "CUP-500", 1, 2, 2)
    assert eng.scan("LID").outcome is Outcome.ORDER_COMPLETE  # not held: nothing short
    with unit_of_work(floor.engine) as s:
        audited = s.execute(
            select(AuditEvent.action, AuditEvent.details)
            .where(AuditEvent.action.like("line.short%"))
            .order_by(AuditEvent.id)
        ).all()
        reason = s.scalar(select(OrderLine.short_reason).where(OrderLine.sku == "CUP-500"))
    assert [(a, d["sku"], d["units"]) for a, d in audited] == [
        ("line.short", "CUP-500", 1),
        ("line.short_found", "CUP-500", 1),
        ("line.short_found_undone", "CUP-500", 1),
        ("line.short_found", "CUP-500", 1),
    ]
    assert reason == "not found"  # kept, for the line's history; nothing is short now
    assert status(floor, order_id) is OrderStatus.PACKED


def test_a_missing_item_that_turns_up_finds_its_line_among_two(floor: Floor) -> None:
    """The cup on two lines, 2 and 1: the first packed, the second marked short. The
    cup that turns up goes to the second, not refused by the full first one."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2, "LID": 1})
    with unit_of_work(floor.engine) as s:
        cup = s.scalars(select(OrderLine).where(OrderLine.sku == "CUP-500")).one()
        s.add(
            OrderLine(
                order_id=order_id,
                line_no=3,
                sku="CUP-500",
                product_id=cup.product_id,
                name="CUP-500",
                quantity=1,
            )
        )
    eng = station(floor)
    for code in ("A1", CUP_EAN, CUP_EAN, "CMD:SHORT", CUP_EAN):
        eng.scan(code)
    found = eng.scan(CUP_EAN)
    assert (found.outcome, found.packed, found.ordered) == (Outcome.ACCEPTED, 1, 1)
    assert found.words == said("found_missing", "CUP-500", 1, 1, 1)
    assert eng.scan("LID").outcome is Outcome.ORDER_COMPLETE


def test_logout_says_whether_an_order_stays_with_the_station(floor: Floor) -> None:
    add_order(floor.engine, "A1", {"CUP-500": 2})
    eng = station(floor)
    assert eng.scan("CMD:LOGOUT").words == said("signed_out_no_order")
    eng.scan(floor.badge)
    eng.scan("A1")
    assert eng.scan("CMD:LOGOUT").words == said("signed_out")
    assert eng.open_order_id is not None and eng.user_id is None


def test_undo_takes_back_the_short_mark_that_held_the_order(floor: Floor) -> None:
    """The wrong item after SHORT was the last one to pack, so the order went on hold:
    UNDO (even after a refused scan) packs it here again, with the mark taken back."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 1, "LID": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    eng.scan("CMD:SHORT")
    assert "on hold" in eng.scan("LID").message
    assert eng.scan("A1").outcome is Outcome.NOT_PACKABLE  # the packer tries the order
    undo = eng.scan("CMD:UNDO")
    assert (undo.outcome, undo.order, undo.remaining) == (Outcome.COMMAND, "A1", 1)
    assert undo.words is not None and undo.words.key == "short_undone"
    assert eng.open_order_id == order_id
    assert status(floor, order_id) is OrderStatus.PACKING
    last = eng.scan("LID")
    assert (last.outcome, status(floor, order_id)) == (Outcome.ORDER_COMPLETE, OrderStatus.PACKED)
    with unit_of_work(floor.engine) as s:
        moves = s.execute(
            select(OrderHistory.from_status, OrderHistory.to_status, OrderHistory.reason)
            .where(OrderHistory.order_id == order_id)
            .order_by(OrderHistory.id)
        ).all()
    assert [(f, t) for f, t, _ in moves] == [
        ("ready", "packing"),
        ("packing", "on_hold"),
        ("on_hold", "ready"),
        ("ready", "packing"),
        ("packing", "packed"),
    ]
    assert moves[2][2] == "short hold undone at the counter"


def test_undo_takes_back_the_last_item_that_held_a_short_order(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 1, "LID": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan("CMD:SHORT")
    eng.scan("LID")
    assert "on hold" in eng.scan(CUP_EAN).message
    undo = eng.scan("CMD:UNDO")
    assert (undo.sku, undo.packed, undo.remaining) == ("CUP-500", 0, 1)
    assert status(floor, order_id) is OrderStatus.PACKING
    assert lines(floor, order_id) == {"CUP-500": (0, 0, 1), "LID": (0, 1, 1)}


@pytest.mark.parametrize(
    "held_by", ["CMD:HOLD", "supervisor here", "supervisor since", "another packer"]
)
def test_undo_leaves_a_hold_it_did_not_make(floor: Floor, held_by: str) -> None:
    """A hold by HOLD (on purpose); a supervisor's, even from this station's panel
    right after an item; a short hold a supervisor has touched since; or one another
    packer made: none is this packer's to undo."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 1, "LID": 1})
    eng = station(floor)
    with unit_of_work(floor.engine) as s:
        boss = s.scalar(select(User.id).where(User.badge_hash == badge_hash(floor.supervisor)))
    assert boss is not None
    eng.scan("A1")
    eng.scan(CUP_EAN)
    if held_by == "CMD:HOLD":
        eng.scan("CMD:HOLD")
    elif held_by == "supervisor here":
        order_actions.hold(
            floor.engine, order_id, user_id=boss, reason="wait", station_id=eng.station_id
        )
    else:
        eng.scan("CMD:SHORT")
        eng.scan("LID")
    if held_by == "supervisor since":
        with unit_of_work(floor.engine) as s:
            order = s.get_one(Order, order_id)
            lifecycle.transition(s, order, OrderStatus.READY, reason="checked the shelf")
            lifecycle.transition(s, order, OrderStatus.ON_HOLD, reason="still missing")
    if held_by == "another packer":
        assert eng.scan(floor.supervisor).outcome is Outcome.LOGIN
    assert status(floor, order_id) is OrderStatus.ON_HOLD
    undo = eng.scan("CMD:UNDO")
    assert undo.outcome is Outcome.NO_OPEN_ORDER
    assert status(floor, order_id) is OrderStatus.ON_HOLD
    assert lines(floor, order_id)["CUP-500"] == (1, 0, 1)


def test_undo_in_a_reopened_order_takes_back_the_item_that_closed_it(floor: Floor) -> None:
    """The last item's scan (order_complete) packed a unit too: after a supervisor
    reopens the order, UNDO takes that one back first."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 1, "LID": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan("LID")
    assert eng.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE
    with unit_of_work(floor.engine) as s:
        boss = s.scalar(select(User.id).where(User.badge_hash == badge_hash(floor.supervisor)))
    order_actions.reopen(floor.engine, order_id, user_id=boss, reason="wrong colour")
    eng.scan("A1")
    undo = eng.scan("CMD:UNDO")
    assert (undo.sku, undo.packed) == ("CUP-500", 0)
    assert lines(floor, order_id) == {"CUP-500": (0, 0, 1), "LID": (1, 0, 1)}


def test_reprint_prints_the_last_box_packed_here_never_one_open_or_gone(
    floor: Floor,
) -> None:
    first = add_order(floor.engine, "A1", {"LID": 1})
    add_order(floor.engine, "B2", {"LID": 1, "CUP-500": 1})
    eng = station(floor)
    assert eng.scan("CMD:REPRINT").words == said("nothing_to_reprint")
    eng.scan("A1")
    eng.scan("LID")
    eng.scan("B2")
    eng.scan("LID")  # B2 is open, half packed: its documents do not exist yet
    again = eng.scan("CMD:REPRINT")
    assert (again.order, again.words) == ("A1", said("reprinting", "A1"))
    with unit_of_work(floor.engine) as s:
        boss = s.scalar(select(User.id).where(User.badge_hash == badge_hash(floor.supervisor)))
    order_actions.cancel(floor.engine, first, user_id=boss, reason="customer cancelled")
    refused = eng.scan("CMD:REPRINT")
    assert refused.words == said("not_reprinted", "A1")
    assert refused.warning == "order is cancelled"
    with unit_of_work(floor.engine) as s:
        asked = s.scalars(
            select(AuditEvent.details["reason"].as_string())
            .where(AuditEvent.action == "print.requested")
            .order_by(AuditEvent.id)
        ).all()
    assert asked == ["order complete", "reprint"]


def test_next_parcel_is_refused_while_the_last_box_is_empty(floor: Floor) -> None:
    """Each parcel gets its own waybill: no box is started before the one begun last
    holds something (an undone item does not count)."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 3})
    eng = station(floor)
    eng.scan("A1")
    first = eng.scan("CMD:NEXT-PARCEL")
    assert (first.words, first.warning) == (said("parcel_empty", 1), "parcel is empty")
    eng.scan(CUP_EAN)
    assert eng.scan("cmd: next-parcel").words == said("parcel_started", 2, "A1")
    assert eng.scan("CMD:NEXT-PARCEL").words == said("parcel_empty", 2)
    eng.scan(CUP_EAN)
    eng.scan("CMD:UNDO")
    assert eng.scan("CMD:NEXT-PARCEL").words == said("parcel_empty", 2)
    eng.scan(CUP_EAN)
    assert eng.scan("CMD:NEXT-PARCEL").words == said("parcel_started", 3, "A1")
    with unit_of_work(floor.engine) as s:
        seqs = s.scalars(select(Parcel.seq).where(Parcel.order_id == order_id)).all()
    assert sorted(seqs) == [1, 2, 3]


def test_undo_takes_back_a_parcel_begun_by_mistake(floor: Floor) -> None:
    """UNDO takes back what was done last, a NEXT-PARCEL too, while its box is empty;
    a refused NEXT-PARCEL began nothing to take back."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 3})
    eng = station(floor)

    def parcels() -> list[int]:
        with unit_of_work(floor.engine) as s:
            return sorted(s.scalars(select(Parcel.seq).where(Parcel.order_id == order_id)))

    eng.scan("A1")
    eng.scan(CUP_EAN)
    eng.scan("CMD:NEXT-PARCEL")
    eng.scan("CMD:NEXT-PARCEL")  # refused: parcel 2 is empty
    undo = eng.scan("CMD:UNDO")
    assert undo.words == said("parcel_undone", 2, 1)
    assert parcels() == [1] and lines(floor, order_id)["CUP-500"] == (1, 0, 3)
    assert eng.scan("CMD:UNDO").words == said("undone", "CUP-500", 0, 3)
    eng.scan(CUP_EAN)
    assert eng.scan("CMD:NEXT-PARCEL").words == said("parcel_started", 2, "A1")
    eng.scan(CUP_EAN)
    assert eng.scan("CMD:UNDO").sku == "CUP-500"  # the cup in parcel 2
    assert eng.scan("CMD:UNDO").words == said("parcel_undone", 2, 1)  # then parcel 2
    assert eng.scan("CMD:UNDO").words == said("undone", "CUP-500", 0, 3)
    assert eng.scan("CMD:UNDO").words == said("nothing_to_undo")
    assert parcels() == [1]


def test_a_refused_next_parcel_leaves_undo_to_the_one_that_began_a_box(floor: Floor) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 4})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    eng.scan("CMD:NEXT-PARCEL")
    eng.scan(CUP_EAN)  # in parcel 2
    eng.scan("CMD:NEXT-PARCEL")
    assert eng.scan("CMD:NEXT-PARCEL").words == said("parcel_empty", 3)
    assert eng.scan("CMD:UNDO").words == said("parcel_undone", 3, 2)
    assert eng.scan("CMD:NEXT-PARCEL").words == said("parcel_started", 3, "A1")  # 2 holds a cup
    assert eng.scan("CMD:UNDO").words == said("parcel_undone", 3, 2)
    assert eng.scan("CMD:UNDO").sku == "CUP-500"  # the cup in parcel 2, then parcel 2 itself
    assert eng.scan("CMD:UNDO").words == said("parcel_undone", 2, 1)
    with unit_of_work(floor.engine) as s:
        seqs = s.scalars(select(Parcel.seq).where(Parcel.order_id == order_id)).all()
    assert seqs == [1] and lines(floor, order_id)["CUP-500"] == (1, 0, 4)


@pytest.mark.parametrize(
    ("label", "kept"),
    [
        ("sscc", True),  # a waybill printed by hand gave it its SSCC
        ("cancelled job for it", True),  # cancelled, but it may have printed after all
        ("order-wide job since", True),  # one job may hold every parcel's label
        ("job for parcel 1", False),  # the box before it had its label: this one not
    ],
)
def test_undo_of_a_parcel_depends_on_whether_its_label_may_be_out(
    floor: Floor, label: str, kept: bool
) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2})
    eng = station(floor)
    eng.scan("A1")
    eng.scan(CUP_EAN)
    eng.scan("CMD:NEXT-PARCEL")
    with unit_of_work(floor.engine) as s:
        first, second = s.scalars(select(Parcel).order_by(Parcel.seq)).all()
        printer = Printer(name="zebra", uri="tcp://127.0.0.1:9100", language="zpl", dpi=203)
        s.add(printer)
        s.flush()
        job = {"printer_id": printer.id, "order_id": order_id, "document": "waybill"}
        if label == "sscc":
            second.sscc = "006141411234567890"
        elif label == "cancelled job for it":
            s.add(PrintJob(**job, parcel_id=second.id, format="zpl", status=JobStatus.CANCELLED))
        elif label == "order-wide job since":
            s.add(PrintJob(**job, parcel_id=None, format="zpl", status=JobStatus.DONE))
        else:
            s.add(PrintJob(**job, parcel_id=first.id, format="zpl", status=JobStatus.DONE))
    answer = eng.scan("CMD:UNDO")
    if kept:
        assert (answer.words, answer.warning) == (said("parcel_printed", 2), "parcel kept")
    else:
        assert answer.words == said("parcel_undone", 2, 1)
    with unit_of_work(floor.engine) as s:
        parcels = s.scalars(select(Parcel.seq).where(Parcel.order_id == order_id)).all()
    assert sorted(parcels) == ([1, 2] if kept else [1])


def test_the_last_item_of_an_order_with_a_short_line_holds_it(floor: Floor) -> None:
    """Marked short first, packed to the end afterwards: the last item does not close
    and print the order, which waits on hold for a supervisor (as COMPLETE does)."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2, "LID": 1})
    eng = station(floor)
    eng.scan("A1")
    eng.scan("CMD:SHORT")
    assert eng.scan("LID").command == "SHORT"
    eng.scan(CUP_EAN)
    last = eng.scan(CUP_EAN)
    assert (last.outcome, last.packed, last.remaining) == (Outcome.ACCEPTED, 2, 0)
    assert last.words is not None and last.words.key == "short_on_hold"
    assert last.warning is not None and "1 item short" in last.warning
    assert status(floor, order_id) is OrderStatus.ON_HOLD
    assert lines(floor, order_id) == {"CUP-500": (2, 0, 2), "LID": (0, 1, 1)}
    assert eng.open_order_id is None
    with unit_of_work(floor.engine) as s:
        printed = s.scalar(select(func.count()).where(AuditEvent.action == "print.requested"))
        held = s.scalars(
            select(OrderHistory.reason).where(
                OrderHistory.order_id == order_id, OrderHistory.to_status == "on_hold"
            )
        ).all()
    assert printed == 0
    assert held == ["1 item short; needs a supervisor's approval to ship"]
