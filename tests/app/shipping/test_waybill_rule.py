"""A waybill is printed by hand only for an order that is packed or shipped: ``print
--doc waybill`` and ``printers reprint`` of a waybill are refused for any other, in
words that say what to do, and the refusal is in the audit (``waybill.refused``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from app.cli import main
from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import Order, OrderStatus, User
from app.printing import jobs
from app.shipping.waybill_rule import refusal
from tests.app.acting import add_user
from tests.app.printing.conftest import add_order
from tests.app.test_acting_commands import _audit


def _status(engine: Engine, order_id: int, status: OrderStatus) -> None:
    with unit_of_work(engine) as s:
        s.execute(update(Order).where(Order.id == order_id).values(status=status))


def test_the_rule_says_what_to_do() -> None:
    assert refusal("#1", OrderStatus.PACKED) is None
    assert refusal("#1", OrderStatus.SHIPPED) is None
    for status in (OrderStatus.NEW, OrderStatus.READY, OrderStatus.PACKING, OrderStatus.ON_HOLD):
        said = refusal("#1", status)
        assert said is not None and "not packed yet" in said and "Finish packing it" in said
    cancelled = refusal("#1", OrderStatus.CANCELLED)
    assert cancelled is not None and "must not leave" in cancelled


def test_a_waybill_for_an_order_being_packed_is_refused_and_recorded(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    add_user(url, "lead", "L-1", "Lead Lin")
    order_id = add_order(engine, "#1001")
    _status(engine, order_id, OrderStatus.PACKING)
    out = tmp_path / "w.png"
    command = ["print", "#1001", "--doc", "waybill", "--out", str(out), "--db", url]
    assert main([*command, "--as", "L-1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("packdesk: Order #1001 is packing, not packed yet")
    assert err.count("\n") == 1
    assert not out.exists()
    assert _audit(url, "print.waybill") == []
    (refused,) = _audit(url, "waybill.refused")
    assert refused[0] == "Lead Lin" and refused[1]["order"] == "#1001"
    assert str(refused[1]["how"]).startswith("print --doc waybill")
    _status(engine, order_id, OrderStatus.PACKED)
    assert main([*command, "--as", "L-1"]) == 0 and out.exists()


def test_a_reprint_of_a_waybill_for_an_order_reopened_is_refused(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    add_user(url, "lead", "L-1", "Lead Lin")
    order_id = add_order(engine, "#1001")
    assert main(["print", "#1001", "--doc", "waybill", "--db", url, "--as", "L-1"]) == 0
    _status(engine, order_id, OrderStatus.PACKING)  # (the box opened again)
    capsys.readouterr()
    assert main(["printers", "reprint", "1", "--db", url, "--as", "L-1"]) == 2
    assert "not packed yet" in capsys.readouterr().err
    with unit_of_work(engine) as s:
        lead = s.scalars(select(User.id).where(User.name == "Lead Lin")).one()
    with pytest.raises(PackdeskError, match="is cancelled: no waybill"):  # the service
        _status(engine, order_id, OrderStatus.CANCELLED)
        jobs.reprint(engine, 1, user_id=lead)
    refused = _audit(url, "waybill.refused")
    assert [(name, d["how"]) for name, d in refused] == [
        ("Lead Lin", "reprint of print job 1"),
        ("Lead Lin", "reprint of print job 1"),
    ]
    assert _audit(url, "print.reprint") == []


def test_a_reprint_from_the_board_of_a_reopened_order_prints_no_waybill(engine: Engine) -> None:
    from app import order_actions, users

    lead = users.add_user(engine, name="Lead Lin", badge="L-1", role="lead", trusted=True).id
    order_id = add_order(engine, "#1001")
    _status(engine, order_id, OrderStatus.PACKING)
    with pytest.raises(PackdeskError, match="#1001 is packing, not packed yet"):
        order_actions.reprint(engine, order_id, user_id=lead, reason="smudged")
    url = engine.url.render_as_string(hide_password=False)
    (refused,) = _audit(url, "waybill.refused")
    assert refused[0] == "Lead Lin" and refused[1]["how"] == "reprint from the board"
    done = order_actions.reprint(
        engine, order_id, user_id=lead, reason="smudged", documents=("slip",)
    )
    assert done.action == "reprint"
