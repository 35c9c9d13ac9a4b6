"""The packing engine with the real spool: the last scan puts one waybill per parcel
on the station's label printer and the slip on the preview printer; REPRINT prints
them again."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.db import unit_of_work
from app.models import Order, Parcel, PrintJob
from app.packing import Outcome, PackingEngine, PackingOptions
from app.printing import build, printers
from app.printing.config import PrintingConfig
from app.printing.print_service import PrintService
from printers.virtual import VirtualPrinter
from tests.app.acting import admin_id
from tests.app.packing.conftest import CUP_EAN, Floor, add_order
from tests.app.packing.conftest import floor as floor  # the packing floor fixture
from tests.printers.scanning import scan, zpl_to_png


def _wait(found: Callable[[], list[Path]], n: int) -> list[Path]:
    end = time.monotonic() + 20
    while time.monotonic() < end:
        paths = found()
        if len(paths) >= n:
            return paths
        time.sleep(0.05)
    return found()


def test_each_parcel_gets_its_waybill_and_reprint_prints_again(
    floor: Floor, tmp_path: Path
) -> None:
    previews = tmp_path / "previews"
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
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
        service = PrintService(floor.engine, config=PrintingConfig(preview_folder=str(previews)))
        try:
            eng = PackingEngine(
                floor.engine,
                station="counter-1",
                spool=service.spool,
                options=PackingOptions(today=date(2026, 11, 22)),
            )
            assert eng.scan(floor.badge).outcome is Outcome.LOGIN
            order_id = add_order(floor.engine, "00043", {"CUP-500": 2})
            with unit_of_work(floor.engine) as s:
                order = s.get_one(Order, order_id)
                order.ship_to_name, order.ship_to_city = "李雷", "上海市"
                order.ship_to_line1 = "世纪大道100号"
            assert eng.scan("00043").outcome is Outcome.ORDER_OPENED
            eng.scan(CUP_EAN)
            assert eng.scan("CMD:NEXT-PARCEL").outcome is Outcome.COMMAND
            assert eng.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE
            labels = _wait(zebra.jobs, 2)
            assert len(labels) == 2
            for label in labels:
                found = {x.format: x.text for x in scan(zpl_to_png(label.read_bytes(), 100, 150))}
                assert found["QRCode"] == "00043"
            assert len(_wait(lambda: sorted(previews.glob("*slip*.png")), 1)) == 1

            with unit_of_work(floor.engine) as s:
                order = s.get_one(Order, order_id)
                jobs = s.scalars(
                    select(PrintJob).where(PrintJob.document == "waybill").order_by(PrintJob.id)
                ).all()
                parcels = [s.get_one(Parcel, j.parcel_id) for j in jobs]
                data = [build.waybill_data(s, order, p, 2, PrintingConfig()) for p in parcels]
            assert [(d.parcel_seq, d.parcel_count) for d in data] == [(1, 2), (2, 2)]

            assert eng.scan("CMD:REPRINT").outcome is Outcome.COMMAND
            assert len(_wait(zebra.jobs, 4)) == 4
            assert service.wait_until_idle(20)
        finally:
            service.stop()
