"""A supervisor's override at the counter by name and PIN, through the engine on SQLite
and PostgreSQL: at a weight that did not match, their name and PIN accept that one
weight (the packer stays signed in), recorded in the scan log and the audit with who;
a wrong PIN accepts nothing and counts toward the lock-out; a packer's own name and
PIN is refused (and the refusal audited); with no weight waiting nothing is checked."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app import credentials
from app.audit.verify import verify
from app.db import unit_of_work
from app.models import AuditEvent, OrderStatus, ScanEvent, User
from app.packing import Outcome
from app.packing.override import OverrideRefused
from tests.app.packing.conftest import Floor, add_order, status
from tests.app.packing.test_weighing import _parcels, _weighing, _weights

SUPERVISOR_PIN, PACKER_PIN = "2468", "1357"


def _pins(floor: Floor) -> None:
    with unit_of_work(floor.engine) as s:
        for user in s.scalars(select(User)):
            pin = SUPERVISOR_PIN if user.role == "supervisor" else PACKER_PIN
            user.pin_hash = credentials.hash_pin(pin)


def _mismatch(floor: Floor, number: str = "W-1"):  # type: ignore[no-untyped-def]
    _weights(floor, CUP_500=300, LID=20)
    order_id = add_order(floor.engine, number, {"LID": 1})
    eng = _weighing(floor)
    eng.scan(number)
    eng.scan("LID")
    assert eng.scan("WEIGHT:300g").outcome is Outcome.WEIGHT_MISMATCH  # 120 g expected
    return eng, order_id


def _audit(floor: Floor, action: str) -> list[AuditEvent]:
    with unit_of_work(floor.engine, read_only=True) as s:
        found = s.scalars(select(AuditEvent).where(AuditEvent.action == action))
        return list(found)


def test_a_supervisors_pin_accepts_that_one_weight_and_the_packer_stays(floor: Floor) -> None:
    _pins(floor)
    eng, order_id = _mismatch(floor)
    packer = eng.user_id
    accepted = eng.accept_weight_by_pin(" sup wang ", SUPERVISOR_PIN)
    assert accepted.outcome is Outcome.ORDER_COMPLETE
    assert accepted.words is not None and accepted.words.key == "weight_accepted"
    assert "Sup Wang" in accepted.words.values
    assert status(floor, order_id) is OrderStatus.PACKED
    assert _parcels(floor, order_id) == [(1, 300, 120)]
    assert eng.user_id == packer  # the packer, not the supervisor, is signed in
    (event,) = _audit(floor, "weight.accepted")
    assert event.entity_id == order_id and event.details["supervisor"] == "Sup Wang"
    assert event.details["by"] == "pin" and event.user_id is not None and event.user_id != packer
    assert event.details["grams"] == 300 and event.details["packer_id"] == packer
    with unit_of_work(floor.engine, read_only=True) as s:
        logged = s.scalars(select(ScanEvent.raw_input).order_by(ScanEvent.id.desc())).first()
    assert logged == "(PIN of Sup Wang)"  # the name, never the PIN
    # that one action only: the next weight that does not match waits again
    add_order(floor.engine, "W-2", {"LID": 1})
    eng.scan("W-2")
    eng.scan("LID")
    assert eng.scan("WEIGHT:300g").outcome is Outcome.WEIGHT_MISMATCH
    assert eng.awaiting is not None and eng.awaiting.kind == "weight_check"


def test_a_wrong_pin_accepts_nothing_and_counts_toward_the_lock_out(floor: Floor) -> None:
    _pins(floor)
    eng, order_id = _mismatch(floor)
    for _ in range(credentials.PIN_TRIES - 1):
        with pytest.raises(OverrideRefused) as refused:
            eng.accept_weight_by_pin("Sup Wang", "0000")
        assert refused.value.kind == "wrong"
    with pytest.raises(OverrideRefused) as refused:
        eng.accept_weight_by_pin("Sup Wang", "0000")
    assert refused.value.kind == "locked"
    with pytest.raises(OverrideRefused) as refused:  # locked: not even the right PIN
        eng.accept_weight_by_pin("Sup Wang", SUPERVISOR_PIN)
    assert refused.value.kind == "locked"
    assert status(floor, order_id) is OrderStatus.PACKING
    assert eng.awaiting is not None and eng.awaiting.kind == "weight_check"
    assert len(_audit(floor, "user.wrong_pin")) == credentials.PIN_TRIES - 1
    assert len(_audit(floor, "user.locked_out")) == 1
    assert _audit(floor, "weight.accepted") == []


def test_a_packers_own_pin_an_empty_pin_or_nothing_waiting_is_refused(floor: Floor) -> None:
    _pins(floor)
    eng, order_id = _mismatch(floor)
    with pytest.raises(OverrideRefused) as refused:
        eng.accept_weight_by_pin("Packer Li", PACKER_PIN)
    assert refused.value.kind == "role"
    (refusal,) = _audit(floor, "permission.refused")
    assert refusal.details["action"] == "accept_weight" and refusal.entity_id == order_id
    with pytest.raises(OverrideRefused) as refused:
        eng.accept_weight_by_pin("Sup Wang", "")
    assert refused.value.kind == "empty"
    assert status(floor, order_id) is OrderStatus.PACKING
    assert eng.accept_weight_by_pin("Sup Wang", SUPERVISOR_PIN).outcome is Outcome.ORDER_COMPLETE
    with pytest.raises(OverrideRefused) as refused:  # nothing waits now: no PIN is checked
        eng.accept_weight_by_pin("Sup Wang", "0000")
    assert refused.value.kind == "nothing"
    assert _audit(floor, "user.wrong_pin") == []


def test_a_supervisors_badge_is_in_the_audit_the_same_way(floor: Floor) -> None:
    eng, order_id = _mismatch(floor)
    assert eng.scan(floor.supervisor).outcome is Outcome.ORDER_COMPLETE
    (event,) = _audit(floor, "weight.accepted")
    assert (event.entity_id, event.details["by"]) == (order_id, "badge")
    assert event.details["supervisor"] == "Sup Wang" and event.details["expected_g"] == 120
    audit = verify(floor.engine)  # the events are links of the counter's chain
    assert audit.ok, audit.breaks[:3]
