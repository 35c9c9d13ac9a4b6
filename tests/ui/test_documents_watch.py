"""The watch over a closed order's documents: says 'not printed' once the patience is
out (read off the GUI thread from the real database), and 'printed' when they are."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, update

from app.db import unit_of_work
from app.models import JobStatus, Printer, PrintJob
from app.printing.order_documents import PATIENCE_SECONDS, OrderPrinting, Printing
from tests.app.printing.conftest import add_order
from ui.pack.documents_watch import DocumentsWatch


class SteppedClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_waybill_waiting_too_long_is_said_then_its_print(qtbot: QtBot, engine: Engine) -> None:
    order_id = add_order(engine, "#A-1")
    with unit_of_work(engine) as s:
        printer = Printer(name="zebra-1", uri="tcp://127.0.0.1:9", language="zpl", dpi=203)
        s.add(printer)
        s.flush()
        s.add(
            PrintJob(
                printer_id=printer.id,
                order_id=order_id,
                document="waybill",
                format="zpl",
                status=JobStatus.PENDING,
            )
        )
    clock = SteppedClock()
    watch = DocumentsWatch(engine, poll_ms=20, clock=clock)
    news: list[tuple[str, OrderPrinting]] = []
    watch.news.connect(lambda number, printing: news.append((number, printing)))
    try:
        watch.follow(order_id, "#A-1")
        qtbot.wait(300)
        assert news == []  # printing, within the patience: nothing to say
        clock.now += PATIENCE_SECONDS
        qtbot.waitUntil(lambda: len(news) == 1, timeout=5000)
        number, printing = news[0]
        assert (number, printing.state) == ("#A-1", Printing.NOT_PRINTED)
        assert [(j.document, j.printer) for j in printing.missing] == [("waybill", "zebra-1")]
        qtbot.wait(300)
        assert len(news) == 1  # said once, not at every read
        with unit_of_work(engine) as s:
            s.execute(update(PrintJob).values(status=JobStatus.DONE))
        qtbot.waitUntil(lambda: len(news) == 2, timeout=5000)
        assert news[1][1].state is Printing.PRINTED
        assert watch.followed == {}  # nothing more to follow
    finally:
        watch.stop()
