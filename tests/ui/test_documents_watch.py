"""The watch over the documents asked of a counter's printers: says 'not printed' once
the patience is out (read off the GUI thread from the real database), 'printed' when
they are, 'not known' while their state cannot be read, and when it gives up; it
follows what a supervisor asks of the counter's printers too."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select, update

from app import db, short_shipment
from app.credentials import badge_hash
from app.db import unit_of_work
from app.models import JobStatus, Printer, PrintJob, Station, User
from app.packing import PackingEngine
from app.packing.print_request import PrintRequest, record_request
from app.packing.words import said
from app.printing import jobs
from app.printing.order_documents import (
    PATIENCE_SECONDS,
    DocumentJob,
    OrderPrinting,
    Printing,
)
from tests.app.packing.conftest import CUP_EAN, _products
from tests.app.packing.conftest import add_order as add_packing_order
from tests.app.printing.conftest import add_order
from ui.pack.documents_watch import GIVE_UP_SECONDS, DocumentsWatch
from ui.pack.print_news import PrintNews
from ui.pack.verdict_banner import VerdictBanner


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


def _waybill(engine: Engine, order_id: int, status: JobStatus = JobStatus.PENDING) -> None:
    with unit_of_work(engine) as s:
        printer = s.scalar(select(Printer).where(Printer.name == "zebra-1"))
        if printer is None:
            printer = Printer(name="zebra-1", uri="tcp://127.0.0.1:9", language="zpl", dpi=203)
            s.add(printer)
            s.flush()
        s.add(
            PrintJob(
                printer_id=printer.id,
                order_id=order_id,
                document="waybill",
                format="zpl",
                status=status,
            )
        )


def test_documents_a_supervisor_ships_short_at_this_counter_are_followed(
    qtbot: QtBot, engine: Engine
) -> None:
    """Whoever asks for documents at this counter's printers (here a supervisor
    approving a short shipment, from the board of another PC), the counter follows
    them: it says when they print. A request before the counter started is not news."""
    with unit_of_work(engine) as s:
        s.add_all(_products())
        s.add(User(name="Sup Wang", badge="S-1", role="supervisor"))
    before = add_packing_order(engine, "SH-0", {"LID": 1})
    order_id = add_packing_order(engine, "SH-1", {"CUP-500": 1, "LID": 1})
    counter = PackingEngine(engine, station="counter-7")
    counter.sign_in("S-1")
    for code in ("SH-1", CUP_EAN, "CMD:SHORT"):
        counter.scan(code)
    assert counter.scan("LID").words == said("short_on_hold", "SH-1")
    with unit_of_work(engine, read_only=True) as s:
        boss = s.scalar(select(User.id).where(User.badge_hash == badge_hash("S-1")))
        station_id = s.scalar(select(Station.id).where(Station.name == "counter-7"))
    assert boss is not None
    with unit_of_work(engine) as s:  # asked here before the window started: not news
        record_request(s, PrintRequest(before, ("slip",), station_id, boss, "earlier"))
    clock = SteppedClock()
    watch = DocumentsWatch(engine, station="counter-7", poll_ms=20, clock=clock)
    news: list[tuple[str, OrderPrinting]] = []
    watch.news.connect(lambda number, printing: news.append((number, printing)))
    try:
        # asked before the watch's first look (a window just opened): followed all the same
        short_shipment.ship_short(
            engine,
            order_id,
            user_id=boss,
            reason="customer agreed",
            spool=jobs.DatabaseSpool(),
        )
        qtbot.waitUntil(lambda: order_id in watch.followed, timeout=5000)
        with unit_of_work(engine) as s:
            s.execute(update(PrintJob).values(status=JobStatus.DONE))
        qtbot.waitUntil(lambda: len(news) == 1, timeout=5000)
        assert (news[0][0], news[0][1].state) == ("SH-1", Printing.PRINTED)
        assert {j.document for j in news[0][1].jobs} == {"slip", "waybill"}
        qtbot.wait(300)
        assert len(news) == 1 and watch.followed == {}  # followed once, the old one never
    finally:
        watch.stop()


def test_documents_whose_state_cannot_be_read_are_said_unknown_then_as_they_are(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    """The database does not answer: once the patience is out, the counter says it
    cannot tell (not "printing…" for ever); when it answers again, what is true."""
    order_id = add_order(engine, "#A-2")
    _waybill(engine, order_id, JobStatus.DONE)
    clock = SteppedClock()
    gone = db.make_engine(f"sqlite:///{tmp_path / 'no-such-folder' / 'db.sqlite3'}")
    watch = DocumentsWatch(gone, poll_ms=20, clock=clock)
    news: list[tuple[str, OrderPrinting]] = []
    watch.news.connect(lambda number, printing: news.append((number, printing)))
    try:
        watch.follow(order_id, "#A-2")
        qtbot.wait(300)
        assert news == []  # within the patience: nothing to say yet
        clock.now += PATIENCE_SECONDS
        qtbot.waitUntil(lambda: len(news) == 1, timeout=5000)
        assert news[0][1].state is Printing.UNREAD and news[0][1].problem
        qtbot.wait(200)
        assert len(news) == 1  # said once
        watch.engine = engine  # it answers again
        qtbot.waitUntil(lambda: len(news) == 2, timeout=5000)
        assert news[1][1].state is Printing.PRINTED
    finally:
        watch.stop()
        gone.dispose()


def test_a_watch_that_gives_up_says_so(qtbot: QtBot, engine: Engine) -> None:
    order_id = add_order(engine, "#A-3")
    _waybill(engine, order_id)
    clock = SteppedClock()
    watch = DocumentsWatch(engine, poll_ms=20, clock=clock)
    news: list[tuple[str, OrderPrinting]] = []
    watch.news.connect(lambda number, printing: news.append((number, printing)))
    try:
        watch.follow(order_id, "#A-3")
        clock.now += PATIENCE_SECONDS
        qtbot.waitUntil(lambda: len(news) == 1, timeout=5000)
        assert news[0][1].state is Printing.NOT_PRINTED
        clock.now += GIVE_UP_SECONDS
        qtbot.waitUntil(lambda: len(news) == 2, timeout=5000)
        assert (news[1][0], news[1][1].state) == ("#A-3", Printing.GAVE_UP)
        assert watch.followed == {}
    finally:
        watch.stop()


def test_the_strip_says_what_is_followed_and_nothing_it_gave_up(qtbot: QtBot) -> None:
    banner = VerdictBanner()
    qtbot.addWidget(banner)
    said: list[str] = []
    notes: list[str] = []
    news = PrintNews(
        lambda meaning: said.append(meaning()[0].headline), banner, lambda w: notes.append(w())
    )
    news.show("#A-2", OrderPrinting(Printing.UNREAD, (), "The database did not answer."))
    assert said == ["LABEL NOT KNOWN  order #A-2"]
    assert "not known whether printed (The database did not answer.)" in news.notice.text()
    assert not news.notice.isHidden()
    news.show("#A-2", OrderPrinting(Printing.GAVE_UP, ()))
    assert news.notice.isHidden()
    assert notes == ["▤ Order #A-2: not printed after 30 minutes; see the print queue."]
    done = DocumentJob("waybill", None, "zebra-1", JobStatus.DONE, None)
    news.show("SH-1", OrderPrinting(Printing.PRINTED, (done,)))  # asked by someone else
    assert notes[-1] == "▤ Printed here: order SH-1: Waybill on zebra-1"
