"""Shipments a carrier's API made are cancelled there when no parcel will leave under
them: the order cancelled, or its box reopened (its labels voided), or its carrier
changed. Asked outside any transaction, again after a failure, given up for a person
when the carrier refuses or never answers; tested against the local carrier server."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, select, update

from app import consistency, order_actions
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import AuditEvent, CarrierCancellation, Order, OrderStatus, Parcel, User
from app.packing import Outcome, PackingEngine, PackingOptions
from app.shipping import carrier_cancellations, carriers
from app.shipping.carrier_api import Party
from app.shipping.carrier_cancellations import MAX_TRIES, run_due
from app.shipping.parcel_labels import ensure_tracking
from tests.app.acting import admin_id
from tests.app.packing.conftest import CUP_EAN, Floor, add_order
from tests.app.packing.conftest import floor as floor  # the packing floor fixture
from tests.app.shipping.carrier_server import CarrierServer, answer, carrier_server

SENDER = Party(name="Packdesk", city="Shenzhen", country="CN")


def _packed_with_api_labels(floor: Floor, api: CarrierServer, number: str) -> tuple[int, list[str]]:
    """An order packed in two parcels at a counter, each with a label the API made."""
    carriers.set_carrier(
        floor.engine,
        "PD Post",
        tracking_source="api",
        api_url=api.url,
        api_key="k-1",
        user_id=admin_id(floor.engine),
    )
    order_id = add_order(floor.engine, number, {"CUP-500": 2})
    with unit_of_work(floor.engine) as s:
        order = s.get_one(Order, order_id)
        order.carrier, order.service = "PD Post", "standard"
        order.ship_to_name, order.ship_to_line1 = "Li Lei", "100 Century Ave"
        order.ship_to_city, order.ship_to_postal_code, order.ship_to_country = (
            "Shanghai",
            "200120",
            "CN",
        )
    eng = PackingEngine(
        floor.engine, station="counter-1", options=PackingOptions(today=date(2026, 11, 22))
    )
    assert eng.scan(floor.badge).outcome is Outcome.LOGIN
    assert eng.scan(number).outcome is Outcome.ORDER_OPENED
    eng.scan(CUP_EAN)
    eng.scan("CMD:NEXT-PARCEL")
    assert eng.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE
    with unit_of_work(floor.engine) as s:
        parcel_ids = s.scalars(
            select(Parcel.id).where(Parcel.order_id == order_id).order_by(Parcel.seq)
        ).all()
    numbers = [ensure_tracking(floor.engine, p, sender=SENDER) for p in parcel_ids]
    assert all(numbers)
    return order_id, [n for n in numbers if n]


def _boss(engine: Engine) -> int:
    with unit_of_work(engine) as s:
        return s.scalars(select(User.id).where(User.role == "supervisor")).one()


def _actions(engine: Engine) -> list[str]:
    with unit_of_work(engine) as s:
        return list(
            s.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.action.like("label.cancel%"))
                .order_by(AuditEvent.id)
            )
        )


def _make_due(engine: Engine) -> None:
    """As if the back-off had passed: every waiting shipment is due now."""
    with unit_of_work(engine) as s:
        s.execute(
            update(CarrierCancellation)
            .where(CarrierCancellation.done_at.is_(None))
            .values(next_try_at=db_now(s) - timedelta(seconds=1))
        )


def test_a_cancelled_orders_shipments_are_cancelled_at_the_carrier_and_its_labels_kept(
    floor: Floor,
) -> None:
    with carrier_server(api_key="k-1") as api:
        order_id, numbers = _packed_with_api_labels(floor, api, "CC-1")
        order_actions.cancel(
            floor.engine, order_id, user_id=_boss(floor.engine), reason="customer cancelled"
        )
        assert not any(api.by_tracking_number(n).cancelled for n in numbers)  # type: ignore[union-attr]
        done = run_due(floor.engine)
        assert sorted(o.tracking_number for o in done) == sorted(numbers)
        assert {o.state for o in done} == {"done"}
        assert all(api.by_tracking_number(n).cancelled for n in numbers)  # type: ignore[union-attr]
        assert run_due(floor.engine) == []  # each asked once
    assert _actions(floor.engine) == ["label.cancelled", "label.cancelled"]
    with unit_of_work(floor.engine) as s:  # the dock still knows the labels, to refuse them
        kept = s.scalars(select(Parcel.tracking_number).where(Parcel.order_id == order_id))
        assert sorted(n for n in kept if n) == sorted(numbers)


def test_a_reopened_boxs_voided_labels_are_cancelled_and_new_ones_made(floor: Floor) -> None:
    with carrier_server(api_key="k-1") as api:
        order_id, numbers = _packed_with_api_labels(floor, api, "CC-2")
        order_actions.reopen(
            floor.engine, order_id, user_id=_boss(floor.engine), reason="wrong item inside"
        )
        assert [o.state for o in run_due(floor.engine)] == ["done", "done"]
        assert all(api.by_tracking_number(n).cancelled for n in numbers)  # type: ignore[union-attr]
        with unit_of_work(floor.engine) as s:
            cleared = s.scalars(select(Parcel.tracking_number).where(Parcel.order_id == order_id))
            assert list(cleared) == [None, None]


def test_a_carrier_that_fails_is_asked_again_later_and_one_that_refuses_is_given_up(
    floor: Floor,
) -> None:
    with carrier_server(api_key="k-1") as api:
        order_id, numbers = _packed_with_api_labels(floor, api, "CC-3")
        order_actions.cancel(floor.engine, order_id, user_id=_boss(floor.engine), reason="x")
        api.queue(answer(500), answer(400, {"errors": [{"message": "already picked up"}]}))
        outcomes = run_due(floor.engine)
        assert [o.state for o in outcomes] == ["waiting", "given up"]
        assert "500" in (outcomes[0].error or "") and "already picked up" in (
            outcomes[1].error or ""
        )
        assert run_due(floor.engine) == []  # the failed one waits its back-off
        report = consistency.check(floor.engine)
        pending = [p for p in report.problems if p.kind == "carrier_cancel_pending"]
        assert len(pending) == 1 and "already picked up" in pending[0].message
        assert numbers[1] in pending[0].message and pending[0].order == "CC-3"
        later = consistency.check(floor.engine, now=report.now + timedelta(hours=2))
        assert later.count("carrier_cancel_pending") == 2  # the waiting one too, by now
        _make_due(floor.engine)
        assert [o.state for o in run_due(floor.engine)] == ["done"]
        assert carrier_cancellations.make_all_due(floor.engine) == 1
        assert [o.state for o in run_due(floor.engine)] == ["done"]
        assert consistency.check(floor.engine).count("carrier_cancel_pending") == 0
    assert _actions(floor.engine) == ["label.cancel_failed", "label.cancelled", "label.cancelled"]


def test_a_carrier_that_never_answers_is_given_up_after_its_tries(floor: Floor) -> None:
    with carrier_server(api_key="k-1") as api:
        order_id, numbers = _packed_with_api_labels(floor, api, "CC-4")
        order_actions.cancel(floor.engine, order_id, user_id=_boss(floor.engine), reason="x")
        api.queue(*[answer(503)] * (2 * MAX_TRIES))
        states = []
        for _ in range(MAX_TRIES):
            states.append([o.state for o in run_due(floor.engine)])
            _make_due(floor.engine)
        assert states[:-1] == [["waiting", "waiting"]] * (MAX_TRIES - 1)
        assert states[-1] == ["given up", "given up"]
        assert run_due(floor.engine) == []
        assert not any(api.by_tracking_number(n).cancelled for n in numbers)  # type: ignore[union-attr]


def test_two_programs_asking_at_once_ask_the_carrier_once_per_shipment(floor: Floor) -> None:
    with carrier_server(api_key="k-1") as api:
        order_id, numbers = _packed_with_api_labels(floor, api, "CC-5")
        order_actions.cancel(floor.engine, order_id, user_id=_boss(floor.engine), reason="x")
        before = len(api.requests)
        results: list[list[str]] = []
        start = threading.Barrier(2)

        def sweep() -> None:
            start.wait()
            results.append([o.tracking_number for o in run_due(floor.engine)])

        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        deletes = [r for r in api.requests[before:] if r.method == "DELETE"]
        assert len(deletes) == 2
        assert sorted(n for r in results for n in r) == sorted(numbers)


def test_only_labels_a_carriers_api_made_are_queued(floor: Floor) -> None:
    order_id = add_order(floor.engine, "CC-6", {"CUP-500": 1})
    with unit_of_work(floor.engine) as s:
        s.get_one(Order, order_id).carrier = "Van"
        s.add(Parcel(order_id=order_id, seq=1, tracking_number="VAN-1", carrier="Van"))
    carriers.set_carrier(
        floor.engine, "Van", tracking_source="pool", user_id=admin_id(floor.engine)
    )
    with unit_of_work(floor.engine) as s:
        assert carrier_cancellations.queue_for_order(s, order_id, "order cancelled", db_now(s)) == 0
        assert s.scalars(select(CarrierCancellation)).all() == []


def test_the_command_line_lists_what_waits_and_retries_with_a_supervisors_badge(
    floor: Floor, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    with carrier_server(api_key="k-1") as api:
        order_id, numbers = _packed_with_api_labels(floor, api, "CC-7")
        order_actions.cancel(floor.engine, order_id, user_id=_boss(floor.engine), reason="x")
        api.queue(answer(401), answer(401))  # a wrong key: refused, given up
        assert [o.state for o in run_due(floor.engine)] == ["given up", "given up"]
        capsys.readouterr()
        assert main(["--db", db_url, "tracking", "cancellations"]) == 0
        listed = capsys.readouterr().out
        assert all(n in listed for n in numbers) and "given up" in listed and "CC-7" in listed
        assert main(["--db", db_url, "tracking", "cancellations", "--retry"]) != 0
        assert "Only an active supervisor or above" in capsys.readouterr().err
        assert not any(api.by_tracking_number(n).cancelled for n in numbers)  # type: ignore[union-attr]
        retry = ["--db", db_url, "tracking", "cancellations", "--retry", "--as", floor.supervisor]
        assert main(retry) == 0
        out = capsys.readouterr().out
        assert out.count(": done") == 2 and "no shipment waits" in out
        assert all(api.by_tracking_number(n).cancelled for n in numbers)  # type: ignore[union-attr]


def test_a_box_packed_again_after_a_reopen_gets_a_new_shipment_not_the_cancelled_one(
    floor: Floor,
) -> None:
    with carrier_server(api_key="k-1") as api:
        order_id, numbers = _packed_with_api_labels(floor, api, "CC-8")
        boss = _boss(floor.engine)
        order_actions.reopen(floor.engine, order_id, user_id=boss, reason="wrong item")
        with unit_of_work(floor.engine) as s:  # packed again (as the counter closes it)
            s.get_one(Order, order_id).status = OrderStatus.PACKED
            parcel_ids = s.scalars(
                select(Parcel.id).where(Parcel.order_id == order_id).order_by(Parcel.seq)
            ).all()
        again = [ensure_tracking(floor.engine, p, sender=SENDER) for p in parcel_ids]
        assert all(again) and not set(again) & set(numbers)  # new shipments, new labels
        assert api.shipments_created == 4
        assert [o.state for o in run_due(floor.engine)] == ["done", "done"]
        assert all(api.by_tracking_number(n).cancelled for n in numbers)  # type: ignore[union-attr]
        assert not any(api.by_tracking_number(n).cancelled for n in again if n)  # type: ignore[union-attr]


def test_no_waybill_for_a_cancelled_order_nor_a_shipment_left_behind(floor: Floor) -> None:
    """A waybill still waiting is cancelled with the order; one whose shipment was being
    made at that moment is refused, and that shipment queued to be cancelled."""
    from app.models import JobStatus, PrintJob
    from app.shipping.carrier_adapters import http_adapter

    with carrier_server(api_key="k-1") as api:
        order_id, _ = _packed_with_api_labels(floor, api, "CC-9")
        boss = _boss(floor.engine)
        with unit_of_work(floor.engine) as s:
            parcel = Parcel(order_id=order_id, seq=3)  # a third box, its label not made yet
            s.add(parcel)
            s.flush()
            parcel_id = parcel.id
            station_printer = _a_printer(s)
            s.add(
                PrintJob(
                    order_id=order_id,
                    parcel_id=parcel_id,
                    printer_id=station_printer,
                    document="waybill",
                    format="zpl",
                    status=JobStatus.PENDING,
                )
            )

        def cancelled_meanwhile(profile):  # type: ignore[no-untyped-def]
            adapter = http_adapter(profile)
            made = adapter.create_shipment

            def create(request):  # type: ignore[no-untyped-def]
                shipment = made(request)
                order_actions.cancel(floor.engine, order_id, user_id=boss, reason="refund")
                return shipment

            adapter.create_shipment = create  # type: ignore[method-assign]
            return adapter

        with pytest.raises(PackdeskError, match=r"is cancelled: the shipment \S+ made meanwhile"):
            ensure_tracking(floor.engine, parcel_id, sender=SENDER, adapter_for=cancelled_meanwhile)
        with pytest.raises(PackdeskError, match="is cancelled: no waybill"):
            ensure_tracking(floor.engine, parcel_id, sender=SENDER)
        with unit_of_work(floor.engine) as s:
            job = s.scalars(select(PrintJob).where(PrintJob.order_id == order_id)).one()
            assert job.status is JobStatus.CANCELLED and "cancelled" in (job.last_error or "")
            assert s.get_one(Parcel, parcel_id).tracking_number is None
        outcomes = run_due(floor.engine)
        assert len(outcomes) == 3 and {o.state for o in outcomes} == {
            "done"
        }  # two, and the new one


def test_a_carrier_that_knows_no_such_shipment_is_done_and_said_so(floor: Floor) -> None:
    with carrier_server(api_key="k-1", forget_cancelled=True) as api:
        order_id, _ = _packed_with_api_labels(floor, api, "CC-10")
        order_actions.cancel(floor.engine, order_id, user_id=_boss(floor.engine), reason="x")
        api.queue(answer(404, {"errors": [{"message": "no such shipment"}]}))
        assert {o.state for o in run_due(floor.engine)} == {"done"}
    with unit_of_work(floor.engine) as s:
        said = s.scalars(
            select(AuditEvent.details).where(AuditEvent.action == "label.cancelled")
        ).all()
    assert sum("carrier_knew_none" in d for d in said) == 1


def _a_printer(s):  # type: ignore[no-untyped-def]
    from app.models import Printer

    printer = Printer(name="zebra-cc", uri="preview:", language="zpl")
    s.add(printer)
    s.flush()
    return printer.id
