"""Printing: ZPL waybill generation, packing slip PDFs, a batch of 1,000 slips, and
order complete -> last byte on a local TCP printer through the spool."""

from __future__ import annotations

import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from printers import pdf, zpl
from printers.documents import Address, manifest, packing_slip, waybill
from printers.layout import Document, Page
from tests.app.acting import admin_id
from tests.benchmarks.harness import Result, percentile
from tests.printers import samples

STREETS = ["世纪大道", "南京西路", "淮海中路", "人民路", "解放路", "中山北路", "建国门外大街"]


def _time(fn: object, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append((time.perf_counter() - started) * 1000)
    return out


def _zpl_waybills() -> list[Result]:
    data = samples.waybill_data()
    zpl.render(waybill(data))  # fonts loaded once, as in a running program
    same = _time(lambda: zpl.render(waybill(data)), 300)
    counter = iter(range(10**6))

    def fresh() -> bytes:
        n = next(counter)
        street = f"{STREETS[n % len(STREETS)]}{n}号{n % 37}栋{n % 19 + 1}0{n % 7}室"
        recipient = Address(
            name=f"收件人{n}", lines=(street,), city="上海市", phone=f"1380013{n:04d}"
        )
        return zpl.render(
            waybill(replace(data, recipient=recipient, tracking_number=f"SF{n:013d}"))
        )

    varied = _time(fresh, 300)
    return [
        Result(
            "ZPL waybill, Chinese address (repeat label) p50",
            percentile(same, 50),
            "ms",
            "<= 3 ms",
            percentile(same, 50) <= 3,
        ),
        Result(
            "ZPL waybill, new Chinese address each p50",
            percentile(varied, 50),
            "ms",
            "<= 3 ms",
            percentile(varied, 50) <= 3,
        ),
        Result("ZPL waybill, new Chinese address each p99", percentile(varied, 99), "ms"),
    ]


def _slips() -> list[Result]:
    data = samples.slip_data(lines=8)
    pdf.render(packing_slip(data))
    one = _time(lambda: pdf.render(packing_slip(data)), 60)
    started = time.perf_counter()
    pages: list[Page] = []
    for n in range(1000):
        pages.extend(packing_slip(replace(data, order_number=f"SO-{n:06d}")).pages)
    batch = pdf.render(Document(tuple(pages), "1000 slips"))
    seconds = time.perf_counter() - started
    return [
        Result(
            "packing slip PDF, one page p50",
            percentile(one, 50),
            "ms",
            "<= 40 ms",
            percentile(one, 50) <= 40,
        ),
        Result(
            f"1,000 slips in one PDF ({len(batch) // 1024} kB)",
            seconds,
            "s",
            "<= 40 s",
            seconds <= 40,
        ),
    ]


def _manifest() -> list[Result]:
    """A carrier's 5,000-parcel load closed: the manifest's PDF (the close as a whole,
    PDF and CSV, is to take <= 5 s on a slow two-core machine)."""
    data = samples.manifest_data(5000)
    pdf.render(manifest(samples.manifest_data(20)))
    seconds = [ms / 1000 for ms in _time(lambda: pdf.render(manifest(data)), 3)]
    median = sorted(seconds)[1]
    return [
        Result(
            "5,000-parcel manifest PDF, median of 3",
            median,
            "s",
            "<= 3 s",
            median <= 3,
        )
    ]


def _spool_latency() -> list[Result]:
    from app import db
    from app.packing.print_request import Occasion, PrintRequest
    from app.printing import printers
    from app.printing.config import PrintingConfig
    from app.printing.print_service import PrintService
    from printers.virtual import VirtualPrinter
    from tests.app.printing.conftest import add_order, add_station

    folder = Path(tempfile.mkdtemp(prefix="packdesk-bench-"))
    engine = db.make_engine(f"sqlite:///{folder / 'bench.sqlite3'}")
    db.upgrade(engine)
    arrived = threading.Event()
    station = add_station(engine)
    orders = [add_order(engine, f"#B{n:05d}") for n in range(220)]
    samples_ms: list[float] = []
    with VirtualPrinter(folder / "zebra", port=0, on_job=lambda _p: arrived.set()) as zebra:
        printers.add_printer(
            engine,
            user_id=admin_id(engine),
            name="zebra",
            uri=zebra.uri,
            language="zpl",
            size="100x150",
            station="counter-1",
            role="label",
        )
        service = PrintService(engine, config=PrintingConfig(preview_folder=str(folder / "pv")))
        try:
            for n, order in enumerate(orders):
                arrived.clear()
                started = time.perf_counter()
                with db.unit_of_work(engine) as s:
                    service.spool.submit(
                        s,
                        PrintRequest(
                            order,
                            ("waybill",),
                            station,
                            None,
                            "order complete",
                            Occasion.ORDER_CLOSED,
                        ),
                    )
                if not arrived.wait(10):
                    raise RuntimeError("the label never reached the printer")
                if n >= 20:  # the first labels warm the fonts and caches
                    samples_ms.append((time.perf_counter() - started) * 1000)
        finally:
            service.stop()
    engine.dispose()
    return [
        Result("order complete -> last byte on TCP printer p50", percentile(samples_ms, 50), "ms"),
        Result(
            "order complete -> last byte on TCP printer p99",
            percentile(samples_ms, 99),
            "ms",
            "<= 100 ms",
            percentile(samples_ms, 99) <= 100,
        ),
    ]


def _outage(jobs: int = 200, off_seconds: float = 30.0) -> list[Result]:
    """A batch of ``jobs`` waybills; the printer goes away half-way for ``off_seconds``."""
    import re
    import socket

    from app import db
    from app.packing.print_request import PrintRequest
    from app.printing import printers
    from app.printing.config import PrintingConfig
    from app.printing.print_service import PrintService
    from printers.virtual import VirtualPrinter
    from tests.app.printing.conftest import add_order, add_station

    folder = Path(tempfile.mkdtemp(prefix="packdesk-bench-"))
    engine = db.make_engine(f"sqlite:///{folder / 'outage.sqlite3'}")
    db.upgrade(engine)
    probe = socket.create_server(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    station = add_station(engine)
    numbers = [f"#O{n:05d}" for n in range(jobs)]
    orders = [add_order(engine, number) for number in numbers]
    half = threading.Event()
    delivered = [0]

    def counted(_path: Path) -> None:
        delivered[0] += 1
        if delivered[0] == jobs // 2:
            half.set()

    out = folder / "zebra"
    printers.add_printer(
        engine,
        user_id=admin_id(engine),
        name="zebra",
        uri=f"tcp://127.0.0.1:{port}",
        language="zpl",
        station="counter-1",
        role="label",
    )
    service = PrintService(engine, config=PrintingConfig(preview_folder=str(folder / "pv")))
    started = time.perf_counter()
    try:
        first = VirtualPrinter(out, port=port, on_job=counted).start()
        for order in orders:
            with db.unit_of_work(engine) as s:
                service.spool.submit(s, PrintRequest(order, ("waybill",), station, None, "batch"))
        half.wait(120)
        first.stop()  # the printer is switched off
        time.sleep(off_seconds)
        back = time.perf_counter()
        with VirtualPrinter(out, port=port, on_job=counted):
            service.wait_until_idle(300)
            recovered = time.perf_counter() - back
    finally:
        service.stop()
        engine.dispose()
    printed = []
    for path in sorted(out.glob("job-*")):
        found = re.search(rb"\^FDMA,(#O\d{5})\^FS", path.read_bytes())
        printed.append(found.group(1).decode() if found else "?")
    once_in_order = printed == numbers
    return [
        Result(
            f"{jobs} jobs, printer off {off_seconds:g} s mid-batch: printed",
            len(printed),
            "jobs",
            f"{jobs}, once, in order",
            once_in_order,
        ),
        Result("  ... last job after the printer returned", recovered, "s"),
        Result("  ... whole batch", time.perf_counter() - started, "s"),
    ]


def run() -> list[Result]:
    return [*_zpl_waybills(), *_slips(), *_manifest(), *_spool_latency(), *_outage()]
