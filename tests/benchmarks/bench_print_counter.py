"""Order complete at the counter -> the waybill's last byte on a local TCP printer.

The packing engine is set up as the window sets it up: the print spool in a process
of its own (``PrintProcess``), a station whose label printer is the virtual Zebra on
127.0.0.1 (ZPL, 100x150 mm, Chinese address), and a document printer that gets the
packing slip at the same time. Each sample is one order of one item: the clock
starts when the last item's scan is handed to the engine (the verdict
``order_complete`` is committed with the jobs in the same transaction) and stops
when the virtual printer has the whole label (the connection closed after the last
byte). Two document printers: the default preview folder (a PNG slip) and a PDF
printer on a folder.
"""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import Engine, update

from tests.app.acting import admin_id
from tests.benchmarks.harness import Result, percentile

ORDERS = 220
WARM = 20  # the first labels warm fonts and caches


def _shop(engine: Engine) -> None:
    from app.db import unit_of_work
    from app.models import Order, User
    from tests.app.packing.conftest import _products, add_order

    with unit_of_work(engine) as s:
        s.add_all(_products())
        s.add(User(name="Packer Li 李", badge="B-100", role="packer"))
    for n in range(ORDERS):
        add_order(engine, f"C{n:05d}", {"LID": 1})
    with unit_of_work(engine) as s:
        s.execute(
            update(Order).values(
                ship_to_name="张伟",
                ship_to_line1="浦东新区世纪大道100号 88楼",
                ship_to_city="上海市",
                ship_to_postal_code="200120",
                ship_to_country="CN",
                ship_to_phone="13800138000",
                carrier="SF Express",
            )
        )


def _run(document_uri: str | None, document_language: str) -> tuple[list[float], list[float]]:
    from app import db
    from app.packing import PackingEngine
    from app.printing import printers
    from app.printing.config import PrintingConfig
    from app.printing.print_process import PrintProcess
    from app.printing.station import StationSpool
    from printers.virtual import VirtualPrinter

    folder = Path(tempfile.mkdtemp(prefix="packdesk-bench-counter-"))
    engine = db.make_engine(f"sqlite:///{folder / 'bench.sqlite3'}")
    db.upgrade(engine)
    _shop(engine)
    arrived = threading.Event()
    arrived_at = [0.0]

    def on_job(_path: Path) -> None:
        arrived_at[0] = time.perf_counter()
        arrived.set()

    to_byte: list[float] = []
    after_verdict: list[float] = []
    with VirtualPrinter(folder / "zebra", port=0, on_job=on_job) as zebra:
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
        if document_uri is not None:
            printers.add_printer(
                engine,
                user_id=admin_id(engine),
                name="office",
                uri=document_uri,
                language=document_language,
                station="counter-1",
                role="document",
            )
        config = PrintingConfig(preview_folder=str(folder / "pv"))
        service = PrintProcess(engine, config=config).start()
        try:
            spool = StationSpool(service.spool)  # as the window does
            packing = PackingEngine(engine, station="counter-1", spool=spool)
            packing.scan("B-100")
            for n in range(ORDERS):
                packing.scan(f"C{n:05d}")
                arrived.clear()
                started = time.perf_counter()
                verdict = packing.scan("LID")
                decided = time.perf_counter()
                if verdict.outcome != "order_complete":
                    raise RuntimeError(f"order C{n:05d}: {verdict.outcome} {verdict.message}")
                if not arrived.wait(10):
                    raise RuntimeError("the label never reached the printer")
                if n >= WARM:
                    to_byte.append((arrived_at[0] - started) * 1000)
                    after_verdict.append((arrived_at[0] - decided) * 1000)
                _wait_until_printed(engine)  # the slip too, before the next order
        finally:
            service.stop()
    engine.dispose()
    return to_byte, after_verdict


def _wait_until_printed(engine: Engine, timeout: float = 10.0) -> None:
    from sqlalchemy import select

    from app.db import unit_of_work
    from app.models import JobStatus, PrintJob

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with unit_of_work(engine, read_only=True) as s:
            busy = s.scalar(
                select(PrintJob.id)
                .where(PrintJob.status.in_((JobStatus.PENDING, JobStatus.SENDING)))
                .limit(1)
            )
        if busy is None:
            return
        time.sleep(0.005)


def run() -> list[Result]:
    results = []
    for words, uri, language in (
        ("slip to preview", None, "png"),
        ("slip to PDF printer", "file://{folder}", "pdf"),
    ):
        target = None if uri is None else uri.format(folder=tempfile.mkdtemp(prefix="slips-"))
        to_byte, after = _run(target, language)
        p99 = percentile(to_byte, 99)
        results += [
            Result(
                f"counter complete -> waybill last byte p50 ({words})",
                percentile(to_byte, 50),
                "ms",
            ),
            Result(
                f"counter complete -> waybill last byte p99 ({words})",
                p99,
                "ms",
                "<= 100 ms",
                p99 <= 100,
            ),
            Result(f"  of which after the verdict, p99 ({words})", percentile(after, 99), "ms"),
        ]
    return results
