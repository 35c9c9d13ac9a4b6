"""A stable weight to the waybill's bytes at the printer, at a counter that weighs: a
scale on a real serial line (a socat pseudo-terminal pair) sends ten MT-SICS readings a
second; the box is put down (readings in motion), then it settles; the counter's
``ScaleReader`` gives the weight once it has held for the stability window (1 s), the
engine closes the order with it, and the print spool sends the waybill to a TCP label
printer (a virtual printer on this machine). Five boxes; for each, from the scale's
first stable reading to the printer's last byte, split into the stability window and
the rest (engine, commit, spool, rendering, the socket). SQLite as production opens it.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

from app import db
from app.credentials import badge_hash
from app.devices.scale import ScaleReader
from app.models import Order, OrderLine, OrderStatus, Product, User
from app.packing import Outcome, PackingEngine, PackingOptions
from app.printing import printers
from app.printing.config import PrintingConfig
from app.printing.print_service import PrintService
from app.shipping.settling import SettledWeight
from app.shipping.weight_check import Tolerance, WeighingRules
from printers.virtual import VirtualPrinter
from tests.app.acting import admin_id
from tests.benchmarks.harness import Result
from tests.serial_cable import Cable, PlayedScale

BOXES = 5
TARGET_S = 1.5
BADGE = "W-1"


def _database(url: str) -> None:
    engine = db.make_engine(url)
    db.upgrade(engine, backup_first=False)
    with engine.begin() as conn:
        conn.execute(
            insert(User),
            [{"name": "Weigher", "badge_hash": badge_hash(BADGE, create=True), "role": "packer"}],
        )
        conn.execute(
            insert(Product),
            [{"id": 1, "sku": "CUP", "name": "保温杯", "unit_weight_g": 300, "active": True}],
        )
        for i in range(BOXES):
            order_id = conn.execute(
                insert(Order)
                .values(
                    channel="bench",
                    external_number=f"WB-{i}",
                    status=OrderStatus.READY,
                    ship_to_name="李雷",
                    ship_to_line1="世纪大道100号",
                    ship_to_city="上海市",
                    version=1,
                )
                .returning(Order.id)
            ).scalar_one()
            conn.execute(
                insert(OrderLine).values(
                    order_id=order_id, line_no=1, sku="CUP", product_id=1, name="杯", quantity=2
                )
            )
    engine.dispose()


def _one_box(
    eng: PackingEngine, scale: PlayedScale, zebra: VirtualPrinter, number: str
) -> tuple[float, float, float]:
    """Seconds from the first stable reading to: the settled weight, the last byte."""
    before = len(zebra.jobs())
    assert eng.scan(number).outcome is Outcome.ORDER_OPENED
    eng.scan("CUP")
    assert eng.scan("CUP").outcome is Outcome.WEIGHT_REQUIRED
    scale.line = "S D      0.512 kg"  # the box put down: moving
    time.sleep(0.5)
    stable_at = time.perf_counter()
    scale.line = "S S      0.731 kg"
    settled = _settled.wait_for_next(10)
    assert eng.scan(f"WEIGHT:{settled.grams:.0f}g").outcome is Outcome.ORDER_COMPLETE
    settled_at = _settled.at
    end = time.perf_counter() + 10
    while len(zebra.jobs()) <= before and time.perf_counter() < end:
        time.sleep(0.002)
    printed_at = time.perf_counter()
    scale.line = "S S      0.000 kg"  # the box taken off
    time.sleep(0.3)
    return settled_at - stable_at, printed_at - settled_at, printed_at - stable_at


class _Settled:
    """The reader's settled weights, handed to the counter as the window does."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self.weight: SettledWeight | None = None
        self.at = 0.0

    def __call__(self, weight: SettledWeight) -> None:
        if weight.grams > 0:
            self.weight, self.at = weight, time.perf_counter()
            self._event.set()

    def wait_for_next(self, timeout: float) -> SettledWeight:
        assert self._event.wait(timeout), "the scale's weight never settled"
        self._event.clear()
        assert self.weight is not None
        return self.weight


_settled = _Settled()


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'weigh.sqlite3'}"
        _database(url)
        engine = db.make_engine(url)
        cable = Cable(folder)
        cable.plug()
        scale = PlayedScale(cable, "S S      0.000 kg")
        reader = ScaleReader(str(cable.device), "mt-sics", on_weight=_settled, on_note=print)
        with VirtualPrinter(folder / "zebra", port=0) as zebra:
            printers.add_printer(
                engine, user_id=admin_id(engine), name="zebra", uri=zebra.uri,
                language="zpl", size="100x150", station="counter-1", role="label",
            )  # fmt: skip
            service = PrintService(engine, config=PrintingConfig()).start()
            rules = WeighingRules(weighs=True, tare_g=120, tolerance=Tolerance(Decimal("0.05")))
            eng = PackingEngine(
                engine,
                station="counter-1",
                spool=service.spool,
                options=PackingOptions(today=date(2026, 3, 2), weighing=rules),
            )
            reader.start()
            try:
                assert eng.scan(BADGE).outcome is Outcome.LOGIN
                times = [_one_box(eng, scale, zebra, f"WB-{i}") for i in range(BOXES)]
            finally:
                reader.stop()
                scale.stop()
                service.stop()
                eng.close_connection()
        if cable.proc is not None:
            cable.proc.terminate()
        engine.dispose()
    for i, (window, rest, total) in enumerate(times, start=1):
        print(f"    box {i}: window {window:.3f} s + the rest {rest:.3f} s = {total:.3f} s")
    total = statistics.median(t[2] for t in times)
    return [
        Result(
            f"stable weight to the waybill's last byte at the printer ({BOXES} boxes; median)",
            total,
            "s",
            f"<= {TARGET_S} s",
            total <= TARGET_S,
        ),
        Result("  of which the stability window (1 s of readings)", _med(times, 0), "s"),
        Result("  of which the rest: engine, commit, spool, render, socket", _med(times, 1), "s"),
    ]


def _med(times: list[tuple[float, float, float]], i: int) -> float:
    return statistics.median(t[i] for t in times)
