"""Badges scanned at a counter, on SQLite and PostgreSQL: logged as their marks, never
in clear; a supervisor's badge accepts one weight and signs nobody in; a disabled
user's badge mid-order is refused; a SQL string is just an unknown code."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from app import credentials
from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import OrderHistory, ScanEvent, User
from app.packing import Outcome, PackingEngine
from app.packing.engine import USER_CHECK_EVERY
from app.packing.words import said
from tests.app.packing.conftest import CUP_EAN, Floor, add_order, station
from tests.app.packing.test_weighing import WEIGHS, _weights

NOW = datetime(2031, 5, 6, 8, 0, tzinfo=UTC)


def _logged(floor: Floor) -> str:
    """Everything the scan log and the orders' history hold, as text."""
    with unit_of_work(floor.engine, read_only=True) as s:
        scans = s.execute(select(ScanEvent.raw_input, ScanEvent.code, ScanEvent.message)).all()
        reasons = s.scalars(select(OrderHistory.reason)).all()
    return repr(scans) + repr(reasons)


def _disable(floor: Floor, name: str) -> None:
    with unit_of_work(floor.engine) as s:
        s.execute(update(User).where(User.name == name).values(active=False))


def _user_id(floor: Floor, name: str) -> int:
    with unit_of_work(floor.engine, read_only=True) as s:
        return s.scalars(select(User.id).where(User.name == name)).one()


def test_a_badge_signs_in_and_is_logged_as_its_mark(floor: Floor) -> None:
    eng = PackingEngine(floor.engine, station="counter-1")
    signed = eng.scan(floor.badge, scan_uid="id-1")
    assert signed.outcome is Outcome.LOGIN
    assert signed.input == credentials.badge_mark(floor.badge) != floor.badge
    again = eng.scan(floor.badge, scan_uid="id-1")  # the same scan sent again: its answer
    assert (again.outcome, again.input) == (Outcome.LOGIN, signed.input)
    with unit_of_work(floor.engine, read_only=True) as s:
        assert len(s.scalars(select(ScanEvent.id).where(ScanEvent.scan_uid == "id-1")).all()) == 1
    eng.sign_in(f" {floor.badge} ")
    assert floor.badge not in _logged(floor)


def test_a_supervisors_badge_accepts_one_weight_and_the_packer_stays(floor: Floor) -> None:
    _weights(floor, CUP_500=300, LID=20)
    add_order(floor.engine, "W-1", {"LID": 1})
    add_order(floor.engine, "W-2", {"LID": 1})
    eng = station(floor, weighing=WEIGHS)
    packer = eng.user_id
    eng.scan("W-1")
    eng.scan("LID")
    assert eng.scan("WEIGHT:300g").outcome is Outcome.WEIGHT_MISMATCH
    accepted = eng.scan(floor.supervisor)
    assert accepted.outcome is Outcome.ORDER_COMPLETE
    assert eng.user_id == packer  # the override signed nobody in
    eng.scan("W-2")
    eng.scan("LID")
    assert eng.scan("WEIGHT:300g").outcome is Outcome.WEIGHT_MISMATCH
    _disable(floor, "Sup Wang")  # a supervisor disabled since: their badge accepts nothing
    refused = eng.scan(floor.supervisor)
    assert refused.outcome is Outcome.UNKNOWN_CODE and eng.user_id == packer
    assert eng.awaiting is not None and eng.awaiting.kind == "weight_check"
    logged = _logged(floor)
    assert floor.supervisor not in logged and floor.badge not in logged
    assert "weight accepted by Sup Wang" in logged


def test_a_disabled_users_badge_mid_order_is_refused_and_the_order_stays(
    floor: Floor,
) -> None:
    order_id = add_order(floor.engine, "D-1", {"CUP-500": 2})
    eng = station(floor)
    eng.scan("D-1")
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    _disable(floor, "Sup Wang")
    refused = eng.scan(floor.supervisor)
    assert (refused.outcome, refused.words) == (Outcome.UNKNOWN_CODE, said("badge_disabled"))
    assert refused.input == credentials.badge_mark(floor.supervisor)
    assert (eng.user_id, eng.open_order_id) == (_user_id(floor, "Packer Li"), order_id)
    assert eng.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE  # the packer goes on
    _disable(floor, "Packer Li")
    other = PackingEngine(floor.engine, station="counter-2")
    assert other.scan(floor.badge).outcome is Outcome.UNKNOWN_CODE
    assert other.user_id is None
    try:
        other.sign_in(floor.badge)
    except PackdeskError as exc:
        assert "No active user has that badge" in str(exc)
    else:
        raise AssertionError("a disabled badge signed in")
    assert floor.supervisor not in _logged(floor)


def test_a_badge_that_is_a_sql_string_is_an_unknown_code(floor: Floor) -> None:
    eng = station(floor)
    for text in ("' OR '1'='1", "x'; DROP TABLE users; --", "%"):
        verdict = eng.scan(text)
        assert verdict.outcome in (Outcome.UNKNOWN_CODE, Outcome.INVALID_INPUT), text
    assert eng.user_id == _user_id(floor, "Packer Li")
    with unit_of_work(floor.engine, read_only=True) as s:
        assert len(s.scalars(select(User.id)).all()) == 2


def test_a_packer_disabled_while_signed_in_is_signed_out_at_a_scan_after(floor: Floor) -> None:
    now = [NOW]
    add_order(floor.engine, "D-2", {"CUP-500": 3})
    eng = PackingEngine(floor.engine, station="counter-1", clock=lambda: now[0])
    eng.scan(floor.badge)
    order_id = eng.scan("D-2").order_id
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    _disable(floor, "Packer Li")
    now[0] += USER_CHECK_EVERY
    refused = eng.scan(CUP_EAN)
    assert refused.outcome is Outcome.NOT_SIGNED_IN and eng.user_id is None
    assert eng.open_order_id is not None  # the order stays with the counter
    assert eng.scan(floor.badge).words == said("badge_disabled")
    assert eng.scan(floor.supervisor).outcome is Outcome.LOGIN  # someone else goes on
    assert eng.scan(CUP_EAN).outcome is Outcome.ACCEPTED
    with unit_of_work(floor.engine, read_only=True) as s:
        packed = s.scalars(
            select(ScanEvent.user_id).where(
                ScanEvent.order_id == order_id, ScanEvent.outcome == "accepted"
            )
        ).all()
    assert packed == [_user_id(floor, "Packer Li"), _user_id(floor, "Sup Wang")]
