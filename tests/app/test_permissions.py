"""Who may do what, on SQLite and PostgreSQL: one table of roles, each a superset of
the one before; every supervisor's service refuses a packer's session when called
directly (not only hidden in the window), says who and what, records the attempt, and
changes nothing; a lead does the everyday tasks, not the destructive ones."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from app import boxes
from app import order_actions as act
from app.db import unit_of_work
from app.evidence import store
from app.models import AuditEvent, OrderHistory, Role, User
from app.permissions import PERMISSIONS, Action, NotAllowed, least_role, may
from app.printing import printers
from app.shipping import carriers, tracking_pool
from app.short_shipment import ship_short
from tests.app.board.conftest import Floor, add_order
from tests.app.board.conftest import floor as floor  # the board's floor fixture

ROLES = list(PERMISSIONS)  # packer, lead, supervisor, admin


def test_each_role_may_do_what_the_one_before_may_and_more() -> None:
    for lower, higher in itertools.pairwise(ROLES):
        assert PERMISSIONS[lower] < PERMISSIONS[higher]
    assert PERMISSIONS[Role.ADMIN] == frozenset(Action)
    assert least_role(Action.PACK) is Role.PACKER
    assert least_role(Action.HOLD) is Role.LEAD
    # cancelling a print job is a lead's, as a reprint is, and named as what it is
    assert least_role(Action.CANCEL_PRINT_JOB) is least_role(Action.REPRINT) is Role.LEAD
    assert least_role(Action.CANCEL) is Role.SUPERVISOR
    assert least_role(Action.MANAGE_USERS) is Role.ADMIN


SERVICES: dict[Action, Callable[..., Any]] = {
    Action.HOLD: act.hold,
    Action.CANCEL: act.cancel,
    Action.REOPEN: act.reopen,
    Action.RELEASE_CLAIM: act.release_claim,
    Action.SHIP_SHORT: ship_short,
    Action.EXPEDITE: act.expedite,
    Action.REPRINT: act.reprint,
}


def _refusals(engine: Engine) -> list[AuditEvent]:
    with unit_of_work(engine) as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == "permission.refused")))


def test_a_packer_calling_each_order_service_directly_is_refused_and_recorded(
    floor: Floor,
) -> None:
    oid = add_order(floor.engine, "P-1")
    for action, service in SERVICES.items():
        with pytest.raises(NotAllowed, match=r"\(packer\) may not") as refused:
            service(floor.engine, oid, user_id=floor.packer_id, reason="let me")
        assert refused.value.action is action
    refusals = _refusals(floor.engine)
    assert [e.details["action"] for e in refusals] == [a.value for a in SERVICES]
    assert {(e.user_id, e.entity, e.entity_id) for e in refusals} == {
        (floor.packer_id, "order", oid)
    }
    with unit_of_work(floor.engine) as s:  # and nothing changed
        assert s.scalars(select(OrderHistory).where(OrderHistory.order_id == oid)).all() == []


def test_a_lead_holds_and_expedites_but_may_not_cancel(floor: Floor) -> None:
    with unit_of_work(floor.engine) as s:
        lead = User(name="Lead Chen", badge="L-9", role=Role.LEAD)
        s.add(lead)
        s.flush()
        lead_id = lead.id
    oid = add_order(floor.engine, "P-2")
    assert act.expedite(floor.engine, oid, user_id=lead_id, reason="VIP").priority == 1
    assert act.hold(floor.engine, oid, user_id=lead_id, reason="address").status.value == "on_hold"
    with pytest.raises(NotAllowed, match=r"Lead Chen \(lead\) may not cancel orders; ask a "):
        act.cancel(floor.engine, oid, user_id=lead_id, reason="no")
    assert may(Role.LEAD, Action.CLOSE_MANIFEST) and not may(Role.LEAD, Action.SHIP_SHORT)


def test_a_disabled_or_unknown_user_is_refused(floor: Floor) -> None:
    oid = add_order(floor.engine, "P-3")
    with unit_of_work(floor.engine) as s:
        s.get_one(User, floor.supervisor_id).active = False
    with pytest.raises(NotAllowed, match="Only an active lead or above may hold orders"):
        act.hold(floor.engine, oid, user_id=floor.supervisor_id, reason="x")
    with pytest.raises(NotAllowed):
        act.cancel(floor.engine, oid, user_id=987_654, reason="x")
    assert len(_refusals(floor.engine)) == 2


def test_a_packer_changing_printers_carriers_or_boxes_directly_is_refused_and_recorded(
    floor: Floor, tmp_path: Path
) -> None:
    """The setup services check too: not only ``packdesk ... --as`` does."""
    pool = tmp_path / "pool.txt"
    pool.write_text("VAN-1\nVAN-2\n", encoding="utf-8")
    calls: dict[Action, Callable[[int | None], Any]] = {
        Action.CHANGE_PRINTERS: lambda who: printers.add_printer(
            floor.engine, name="zebra", uri=f"file://{tmp_path}", language="zpl", user_id=who
        ),
        Action.CHANGE_CARRIERS: lambda who: carriers.set_carrier(
            floor.engine, "Van", tracking_source="pool", user_id=who
        ),
        Action.CHANGE_SETTINGS: lambda who: boxes.add_boxes(
            floor.engine, [boxes.Box("BOX-S", "Small", 120)], user_id=who
        ),
    }
    for action, call in calls.items():
        for who in (floor.packer_id, None):  # a packer, and no one at all
            with pytest.raises(NotAllowed) as refused:
                call(who)
            assert refused.value.action is action
    with pytest.raises(NotAllowed, match=r"\(packer\) may not"):
        tracking_pool.import_pool(floor.engine, "Van", pool, user_id=floor.packer_id)
    refused_actions = [e.details["action"] for e in _refusals(floor.engine)]
    assert refused_actions == [a.value for a in calls for _ in (1, 2)] + ["change_carriers"]
    assert printers.list_printers(floor.engine) == []
    assert carriers.list_carriers(floor.engine) == []
    assert boxes.list_boxes(floor.engine) == []


def test_a_packer_setting_a_camera_or_a_dispute_directly_is_refused_and_recorded(
    floor: Floor,
) -> None:
    oid = add_order(floor.engine, "P-9")
    with pytest.raises(NotAllowed, match=r"\(packer\) may not change settings"):
        store.set_camera(floor.engine, "counter-1", "lavfi:testsrc", user_id=floor.packer_id)
    with pytest.raises(NotAllowed, match=r"\(packer\) may not hold orders"):
        store.set_dispute(floor.engine, oid, open_=True, reason="mine", user_id=floor.packer_id)
    refused = [e.details["action"] for e in _refusals(floor.engine)]
    assert refused == ["change_settings", "hold"]
    assert store.camera_of(floor.engine, "counter-1") is None
