"""The waybill a driver scans, end to end through the packing engine and the real print
spool to a TCP label printer: its main barcode is the parcel's tracking number from
the carrier's pool (each parcel its own, a reprint the same), or the carrier's own
label from its API (asked once, also when the API first fails)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import Order, OrderStatus, Parcel, PoolNumber
from app.packing import Outcome, PackingEngine, PackingOptions
from app.printing import printers
from app.printing.config import PrintingConfig, Sender
from app.printing.print_service import PrintService
from app.shipping import carriers
from app.shipping.carrier_api import Party
from printers.virtual import VirtualPrinter
from tests.app.acting import admin_id
from tests.app.packing.conftest import CUP_EAN, Floor, add_order
from tests.app.packing.conftest import floor as floor  # the packing floor fixture
from tests.app.printing.conftest import add_lead
from tests.app.shipping.carrier_server import answer, carrier_server
from tests.printers.scanning import scan, zpl_to_png

CONFIG = PrintingConfig(sender=Sender(name="Packdesk 仓库", city="深圳", country="CN"))


def _wait(found: Callable[[], list[Path]], n: int) -> list[Path]:
    end = time.monotonic() + 30
    while time.monotonic() < end and len(found()) < n:
        time.sleep(0.05)
    return found()


def _order(engine: Engine, number: str, carrier: str) -> int:
    order_id = add_order(engine, number, {"CUP-500": 2})
    with unit_of_work(engine) as s:
        order = s.get_one(Order, order_id)
        order.carrier, order.service = carrier, "standard"
        order.ship_to_name, order.ship_to_line1 = "李雷", "世纪大道100号"
        order.ship_to_city, order.ship_to_postal_code, order.ship_to_country = (
            "上海市",
            "200120",
            "CN",
        )
    return order_id


def _pack_in_two_parcels(floor: Floor, service: PrintService, number: str) -> PackingEngine:
    eng = PackingEngine(
        floor.engine,
        station="counter-1",
        spool=service.spool,
        options=PackingOptions(today=date(2026, 11, 22)),
    )
    assert eng.scan(floor.badge).outcome is Outcome.LOGIN
    assert eng.scan(number).outcome is Outcome.ORDER_OPENED
    eng.scan(CUP_EAN)
    assert eng.scan("CMD:NEXT-PARCEL").outcome is Outcome.COMMAND
    assert eng.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE
    return eng


def _zebra(floor: Floor, zebra: VirtualPrinter) -> None:
    printers.add_printer(
        floor.engine,
        user_id=admin_id(floor.engine),
        name="zebra",
        uri=zebra.uri,
        language="zpl",
        size="100x150",
        station="counter-1",
        role="label",
    )


def test_each_waybill_carries_its_parcels_pool_number_and_a_reprint_the_same(
    floor: Floor, tmp_path: Path
) -> None:
    pool = tmp_path / "sf.txt"
    pool.write_text("SF1000000001..SF1000000003\n")
    from app.shipping import tracking_pool

    tracking_pool.import_pool(floor.engine, "SF Express", pool, user_id=admin_id(floor.engine))
    _order(floor.engine, "W-100", "SF Express")
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
        _zebra(floor, zebra)
        service = PrintService(floor.engine, config=CONFIG).start()
        try:
            eng = _pack_in_two_parcels(floor, service, "W-100")
            labels = _wait(zebra.jobs, 2)
            read = [
                {x.format: x.text for x in scan(zpl_to_png(p.read_bytes(), 100, 150))}
                for p in labels
            ]
            assert sorted(r["Code128"] for r in read) == ["SF1000000001", "SF1000000002"]
            assert {r["QRCode"] for r in read} == {"W-100"}
            assert eng.scan("CMD:REPRINT").outcome is Outcome.COMMAND
            again = _wait(zebra.jobs, 4)[2:]
            codes = {x.text for p in again for x in scan(zpl_to_png(p.read_bytes(), 100, 150))}
            assert {"SF1000000001", "SF1000000002"} <= codes
        finally:
            service.stop()
    with unit_of_work(floor.engine) as s:
        free = s.scalars(select(PoolNumber.number).where(PoolNumber.parcel_id.is_(None))).all()
        assert free == ["SF1000000003"]  # two parcels, two numbers, reprints none


def test_a_carrier_api_label_is_asked_once_and_printed_as_the_carrier_sent_it(
    floor: Floor, tmp_path: Path
) -> None:
    with carrier_server(api_key="k-1") as api, VirtualPrinter(tmp_path / "z", port=0) as zebra:
        carriers.set_carrier(
            floor.engine,
            "PD Post",
            tracking_source="api",
            api_url=api.url,
            api_key="k-1",
            user_id=admin_id(floor.engine),
        )
        order_id = _order(floor.engine, "W-200", "PD Post")
        api.queue(answer(500))  # the first ask fails; the same key is asked again
        _zebra(floor, zebra)
        service = PrintService(floor.engine, config=CONFIG).start()
        try:
            _pack_in_two_parcels(floor, service, "W-200")
            labels = _wait(zebra.jobs, 2)
        finally:
            service.stop()
        assert api.shipments_created == 2  # one per parcel, the failed ask not a third
        with unit_of_work(floor.engine) as s:
            parcels = s.scalars(
                select(Parcel).where(Parcel.order_id == order_id).order_by(Parcel.seq)
            ).all()
            numbers = [p.tracking_number for p in parcels]
            assert all(p.routing_code for p in parcels)
        sent = sorted(p.read_bytes() for p in labels)
        stored = sorted(api.by_tracking_number(n).label for n in numbers if n)  # type: ignore[union-attr]
        assert sent == stored  # the carrier's own bytes
        read = {x.text for p in labels for x in scan(zpl_to_png(p.read_bytes(), 100, 150))}
        assert set(numbers) <= read


def test_a_label_voided_for_another_carrier_is_cancelled_at_the_api_that_made_it(
    floor: Floor, tmp_path: Path
) -> None:
    from app.models import AuditEvent
    from app.shipping.carrier_cancellations import run_due
    from app.shipping.parcel_labels import ensure_tracking

    with carrier_server(api_key="k-1") as api:
        carriers.set_carrier(
            floor.engine,
            "PD Post",
            tracking_source="api",
            api_url=api.url,
            api_key="k-1",
            user_id=admin_id(floor.engine),
        )
        pool = tmp_path / "van.txt"
        pool.write_text("VAN0001\n")
        from app.shipping import tracking_pool

        tracking_pool.import_pool(floor.engine, "Van", pool, user_id=admin_id(floor.engine))
        order_id = _order(floor.engine, "W-300", "PD Post")
        with unit_of_work(floor.engine) as s:  # packed: a label is made for it
            s.get_one(Order, order_id).status = OrderStatus.PACKED
            s.add(Parcel(order_id=order_id, seq=1))
        with unit_of_work(floor.engine) as s:
            parcel_id = s.scalars(select(Parcel.id).where(Parcel.order_id == order_id)).one()
        first = ensure_tracking(floor.engine, parcel_id, sender=_party())
        assert first is not None and api.by_tracking_number(first) is not None
        with unit_of_work(floor.engine) as s:
            s.get_one(Order, order_id).carrier = "Van"  # the shop changed its carrier
        assert ensure_tracking(floor.engine, parcel_id, sender=_party()) == "VAN0001"
        stored = api.by_tracking_number(first)
        assert stored is not None and not stored.cancelled  # queued, asked outside the print
        assert [o.state for o in run_due(floor.engine)] == ["done"]
        assert stored.cancelled
        with unit_of_work(floor.engine) as s:
            actions = s.scalars(
                select(AuditEvent.action).where(AuditEvent.action.like("label.%"))
            ).all()
        assert actions == ["label.voided", "label.cancelled"]


def _party() -> Party:
    return Party(name="Packdesk 仓库", city="深圳", country="CN")


def test_a_carrier_whose_answers_cannot_be_read_fails_the_waybill_after_its_tries(
    floor: Floor, tmp_path: Path
) -> None:
    """The counter must come to say NO LABEL, not "printing" for ever; a person's retry
    then asks the carrier its full tries again, with the same key: one shipment."""
    from app.models import JobStatus, PrintJob
    from app.printing import jobs
    from app.printing.spool import CARRIER_TRIES
    from tests.app.shipping.carrier_server import garbage

    with carrier_server(api_key="k-1") as api, VirtualPrinter(tmp_path / "z", port=0) as zebra:
        carriers.set_carrier(
            floor.engine,
            "PD Post",
            tracking_source="api",
            api_url=api.url,
            api_key="k-1",
            user_id=admin_id(floor.engine),
        )
        _order(floor.engine, "W-400", "PD Post")
        api.queue(*[garbage()] * CARRIER_TRIES)
        _zebra(floor, zebra)
        service = PrintService(floor.engine, config=CONFIG, carrier_backoff=(0.01,)).start()
        try:
            eng = PackingEngine(
                floor.engine,
                station="counter-1",
                spool=service.spool,
                options=PackingOptions(today=date(2026, 11, 22)),
            )
            eng.scan(floor.badge)
            eng.scan("W-400")
            eng.scan(CUP_EAN)
            assert eng.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE
            end = time.monotonic() + 30
            while time.monotonic() < end:
                with unit_of_work(floor.engine) as s:
                    waybill = s.scalars(
                        select(PrintJob).where(PrintJob.document == "waybill")
                    ).one()
                    if waybill.status is JobStatus.FAILED:
                        break
                time.sleep(0.05)
            assert waybill.status is JobStatus.FAILED
            assert waybill.attempts == CARRIER_TRIES
            assert waybill.problem == "carrier_unavailable"  # the counter words it so
            assert "could not be read" in (waybill.last_error or "")
            assert f"Given up after {CARRIER_TRIES} tries" in (waybill.last_error or "")
            assert zebra.jobs() == []
            jobs.retry(floor.engine, waybill.id, service.wake, user_id=add_lead(floor.engine))
            assert len(_wait(zebra.jobs, 1)) == 1
        finally:
            service.stop()
        assert api.shipments_created == 1  # every unread answer was the one shipment
