"""Supervisor actions write history with who and why, and refuse illegal moves."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app import kpi
from app import order_actions as act
from app.board import load_board
from app.board.choices import station_id
from app.db import unit_of_work
from app.errors import IllegalTransition, NotFound, PackdeskError
from app.models import AuditEvent, OrderHistory, OrderStatus, Station
from app.order_detail import order_view
from app.packing import Outcome, PackingEngine
from app.packing.words import said
from app.short_shipment import ship_short
from tests.app.board.conftest import LID_EAN, Floor, add_order

S = OrderStatus


def history(floor: Floor, order_id: int) -> list[tuple[str | None, str, int | None, str | None]]:
    with unit_of_work(floor.engine, read_only=True) as s:
        rows = s.execute(
            select(
                OrderHistory.from_status,
                OrderHistory.to_status,
                OrderHistory.user_id,
                OrderHistory.reason,
            )
            .where(OrderHistory.order_id == order_id)
            .order_by(OrderHistory.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_hold_release_cancel_are_recorded_with_user_and_reason(floor: Floor) -> None:
    oid = add_order(floor.engine, "H-1", ship_in=timedelta(hours=3))
    boss = floor.supervisor_id
    held = act.hold(floor.engine, oid, user_id=boss, reason="address unclear")
    assert (held.status, held.action) == (S.ON_HOLD, "hold")
    assert act.release(floor.engine, oid, user_id=boss, reason="customer called").status is S.READY
    assert act.cancel(floor.engine, oid, user_id=boss, reason="fraud").status is S.CANCELLED
    assert history(floor, oid) == [
        ("ready", "on_hold", boss, "hold: address unclear"),
        ("on_hold", "ready", boss, "release: customer called"),
        ("ready", "cancelled", boss, "cancel: fraud"),
    ]
    with pytest.raises(IllegalTransition, match="cannot go from 'cancelled' to 'on_hold'"):
        act.hold(floor.engine, oid, user_id=boss, reason="again")
    with pytest.raises(PackdeskError, match="not on hold"):
        act.release(floor.engine, oid, user_id=boss, reason="again")
    with pytest.raises(PackdeskError, match="cancelled; its priority cannot change"):
        act.expedite(floor.engine, oid, user_id=boss, reason="late")
    assert len(history(floor, oid)) == 3  # refusals change nothing


def test_only_an_active_supervisor_with_a_reason_may_act(floor: Floor) -> None:
    oid = add_order(floor.engine, "H-2")
    with pytest.raises(PackdeskError, match="Give a reason"):
        act.hold(floor.engine, oid, user_id=floor.supervisor_id, reason="  ")
    with pytest.raises(PackdeskError, match=r"Packer Li \(packer\) may not hold orders"):
        act.hold(floor.engine, oid, user_id=floor.packer_id, reason="mine")
    with pytest.raises(NotFound):
        act.hold(floor.engine, 999_999, user_id=floor.supervisor_id, reason="x")
    assert history(floor, oid) == []


def test_expedite_moves_the_card_first_and_is_audited(floor: Floor) -> None:
    e = floor.engine
    add_order(e, "E-1", ship_in=timedelta(hours=1))
    oid = add_order(e, "E-2", ship_in=timedelta(hours=9))
    result = act.expedite(e, oid, user_id=floor.supervisor_id, reason="VIP customer")
    assert result.priority == 1
    assert load_board(e).column(S.READY).cards[0].number == "E-2"
    with pytest.raises(PackdeskError, match="already expedited"):
        act.expedite(e, oid, user_id=floor.supervisor_id, reason="again")
    act.expedite(e, oid, user_id=floor.supervisor_id, reason="not VIP", expedited=False)
    assert load_board(e).column(S.READY).cards[0].number == "E-1"
    with unit_of_work(e, read_only=True) as s:
        actions = s.execute(
            select(AuditEvent.action, AuditEvent.user_id, AuditEvent.details)
            .where(AuditEvent.entity_id == oid)
            .order_by(AuditEvent.id)
        ).all()
    assert [(a, u, d["reason"]) for a, u, d in actions] == [
        ("order.expedite", floor.supervisor_id, "VIP customer"),
        ("order.unexpedite", floor.supervisor_id, "not VIP"),
    ]


def test_release_claim_reopen_reprint_and_the_detail_view(floor: Floor) -> None:
    e = floor.engine
    oid = add_order(e, "C-1", {"CUP": 1, "LID": 1}, ship_in=timedelta(hours=2))
    desk = PackingEngine(e, station="desk-7")
    desk.sign_in(floor.packer_badge)
    assert desk.scan("C-1").outcome is Outcome.ORDER_OPENED
    assert desk.scan("9999999999").outcome is Outcome.UNKNOWN_CODE  # a misread
    assert desk.scan(LID_EAN).outcome is Outcome.ACCEPTED
    boss = floor.supervisor_id
    with pytest.raises(PackdeskError, match="Only a packed order can be reopened"):
        act.reopen(e, oid, user_id=boss, reason="check")
    with pytest.raises(PackdeskError, match="documents are printed when it is packed"):
        act.reprint(e, add_order(e, "C-2"), user_id=boss, reason="smudged")
    # a lid is in desk-7's box: the order is held with it, its count kept, never ready
    held = act.release_claim(e, oid, user_id=boss, reason="packer went home")
    assert held.status is S.ON_HOLD
    assert history(floor, oid)[-1][3] == (
        "release claim: packer went home; its box (1 counted) stays at desk-7"
    )
    with pytest.raises(PackdeskError, match="not being packed"):
        act.release_claim(e, oid, user_id=boss, reason="again")
    assert desk.scan(LID_EAN).words == said("held_while_open", "C-1")
    # the box fetched from desk-7: released, it is packed on from where it was
    assert act.release(e, oid, user_id=boss, reason="box at desk-8 now").status is S.READY

    other = PackingEngine(e, station="desk-8")
    other.sign_in(floor.packer_badge)
    assert other.scan("C-1").outcome is Outcome.ORDER_OPENED  # progress kept: 1 to go
    assert other.confirm_manually("CUP").outcome is Outcome.ORDER_COMPLETE
    assert act.reopen(e, oid, user_id=boss, reason="wrong colour").status is S.PACKING
    with pytest.raises(PackdeskError, match="C-1 is packing, not packed yet: no waybill"):
        act.reprint(e, oid, user_id=boss, reason="label smudged")  # (slip and waybill)
    slip = act.reprint(e, oid, user_id=boss, reason="slip smudged", documents=("slip",))
    assert slip.action == "reprint"

    view = order_view(e, oid)
    assert [(ln.sku, ln.ordered, ln.packed, ln.short) for ln in view.lines] == [
        ("CUP", 1, 1, 0),
        ("LID", 1, 1, 0),
    ]
    states = [t.what for t in view.timeline if t.kind == "state"]
    assert states == [
        "ready -> packing",
        "packing -> on_hold",
        "on_hold -> ready",
        "ready -> packing",
        "packing -> packed",
        "packed -> packing",
    ]
    scans = [(t.what, t.station, t.user, t.manual) for t in view.timeline if t.kind == "scan"]
    assert ("accepted", "desk-7", "Packer Li", False) in scans
    assert ("order_complete", "desk-8", "Packer Li", True) in scans  # manual confirmation
    assert ("order_opened", "desk-8", "Packer Li", False) in scans
    unknown = [t for t in view.timeline if t.unmatched]
    assert [(t.what, t.code, t.station) for t in unknown] == [
        ("unknown_code", "9999999999", "desk-7")  # scanned while C-1 was open there;
        # desk-8's sign-in before it opened C-1 is not part of C-1's story
    ]
    actions = [(t.what, t.user) for t in view.timeline if t.kind == "action"]
    assert ("print.requested", "Sup Wang") in actions  # the reprint
    assert ("print.requested", "Packer Li") in actions  # printed on completion
    reopened = next(t for t in view.timeline if t.what == "packed -> packing")
    assert reopened.user == "Sup Wang" and reopened.detail == "reopen: wrong colour"
    assert view.card.status is S.PACKING and view.card.station is None
    with pytest.raises(NotFound):
        order_view(e, 424242)


def test_a_supervisor_ships_a_short_order_as_it_is(floor: Floor) -> None:
    """The counter marked an item missing, the order waits on hold; the supervisor
    lets it ship without it: packed, its documents printed, who and why kept."""
    e = floor.engine
    oid = add_order(e, "SH-1", {"CUP": 1, "LID": 1})
    desk = PackingEngine(e, station="desk-7")
    desk.sign_in(floor.packer_badge)
    boss = floor.supervisor_id
    assert desk.scan("SH-1").outcome is Outcome.ORDER_OPENED
    with pytest.raises(PackdeskError, match="only a held order short of some items"):
        ship_short(e, oid, user_id=boss, reason="customer agreed")
    desk.scan("CMD:SHORT")
    desk.scan(LID_EAN)  # the lid is missing: one item still to pack
    held_early = act.hold(e, oid, user_id=boss, reason="look for the cup")
    assert held_early.status is S.ON_HOLD
    with pytest.raises(PackdeskError, match="still has 1 items neither packed nor marked"):
        ship_short(e, oid, user_id=boss, reason="customer agreed")
    act.release(e, oid, user_id=boss, reason="cup found")
    assert desk.scan("SH-1").outcome is Outcome.ORDER_OPENED
    assert desk.confirm_manually("CUP").outcome is Outcome.ACCEPTED  # held: lid short
    with pytest.raises(PackdeskError, match="Give a reason"):
        ship_short(e, oid, user_id=boss, reason=" ")
    elsewhere = PackingEngine(e, station="desk-9")
    elsewhere.sign_in(floor.packer_badge)
    assert elsewhere.scan("SH-1").outcome is Outcome.NOT_PACKABLE  # its box is at desk-7
    with unit_of_work(e) as s:
        s.add(Station(name="board-1"))
    board = station_id(e, "board-1")
    shipped = ship_short(e, oid, user_id=boss, reason="customer agreed", station_id=board)
    assert (shipped.status, shipped.action) == (S.PACKED, "ship short")
    assert shipped.printed_at == "desk-7"  # where the box waits, not the board's desk
    assert history(floor, oid)[-1] == (
        "on_hold",
        "packed",
        boss,
        "ship short (1 item missing): customer agreed",
    )
    with unit_of_work(e, read_only=True) as s:
        asked = s.scalars(
            select(AuditEvent.details).where(
                AuditEvent.action == "print.requested", AuditEvent.entity_id == oid
            )
        ).all()
    assert [d["reason"] for d in asked] == ["shipped short: customer agreed"]
    with unit_of_work(e, read_only=True) as s:
        at = s.scalars(
            select(AuditEvent.station_id).where(
                AuditEvent.action == "print.requested", AuditEvent.entity_id == oid
            )
        ).all()
    assert at == [station_id(e, "desk-7")]
    again = desk.scan("CMD:REPRINT")  # say the waybill jammed: desk-7 reprints it
    assert (again.outcome, again.order) == (Outcome.COMMAND, "SH-1")
    # the packer's work was the order's time in packing; nobody packed it on approval
    tz = ZoneInfo("UTC")
    day = kpi.today(e, tz)
    report = kpi.kpi_report(e, day, day, tz=tz)
    assert report.orders_packed == 0 and report.items_packed == 1
    assert all(p.orders_packed == 0 for p in report.packers)
    assert sum(h.orders for h in kpi.hourly(e, day, tz=tz)) == 0


def test_a_held_card_says_why_it_is_held(floor: Floor) -> None:
    from ui.board.cards import held_words

    e = floor.engine
    oid = add_order(e, "W-1")
    act.hold(e, oid, user_id=floor.supervisor_id, reason="address to be confirmed")
    (card,) = load_board(e).column(S.ON_HOLD).cards
    assert card.held_because == "address to be confirmed"
    assert held_words(card) == "held: address to be confirmed"
    act.release(e, oid, user_id=floor.supervisor_id, reason="confirmed")
    board = load_board(e)
    (card,) = [c for st in (S.NEW, S.READY) for c in board.column(st).cards if c.id == oid]
    assert (card.held_because, held_words(card)) == (None, "")


def test_release_claim_of_an_empty_box_puts_the_order_back_in_the_queue(floor: Floor) -> None:
    e = floor.engine
    oid = add_order(e, "C-3", {"CUP": 1})
    desk = PackingEngine(e, station="desk-7")
    desk.sign_in(floor.packer_badge)
    assert desk.scan("C-3").outcome is Outcome.ORDER_OPENED
    freed = act.release_claim(e, oid, user_id=floor.supervisor_id, reason="wrong counter")
    assert freed.status is S.READY
    assert history(floor, oid)[-1][3] == "release claim: wrong counter"
    other = PackingEngine(e, station="desk-8")
    other.sign_in(floor.packer_badge)
    assert other.scan("C-3").outcome is Outcome.ORDER_OPENED
