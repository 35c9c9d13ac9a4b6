"""Printing from the window, end to end: a packer completes an order at the counter and
the waybill's bytes reach a printer on 127.0.0.1; with the printer off, scanning goes
on and the labels come out, in order, when it is back. Real sockets, real database."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select, update

from app.db import unit_of_work
from app.models import JobStatus, Order, PrintJob
from app.packing import Command
from app.printing import order_documents, printers
from app.printing.config import PrintingConfig
from app.printing.order_documents import DocumentJob
from app.printing.print_service import PrintService
from app.settings import SETTINGS_VERSION, Settings, settings_path
from printers.virtual import PAPER_OUT_FLAG, VirtualPrinter
from tests.app.acting import admin_id
from tests.app.packing.conftest import CUP_EAN
from tests.app.printing.conftest import free_port
from tests.ui.conftest import BADGE
from tests.ui.test_pack_page import scan
from ui.feedback import SoundPlayer
from ui.main_window import MainWindow

STATION = "counter-7"
FAST = (0.05, 0.1, 0.2)


def give_addresses(engine: Engine) -> None:
    """The packing tests' orders carry no address; a waybill needs one."""
    with unit_of_work(engine) as s:
        s.execute(
            update(Order).values(
                ship_to_name="张伟",
                ship_to_line1="浦东新区世纪大道100号",
                ship_to_city="上海市",
                ship_to_postal_code="200120",
                ship_to_country="CN",
                ship_to_phone="13800138000",
                carrier="SF Express",
            )
        )


@pytest.fixture
def service(shop: Engine, tmp_path: Path) -> Iterator[PrintService]:
    give_addresses(shop)
    svc = PrintService(
        shop, config=PrintingConfig(preview_folder=str(tmp_path / "previews")), backoff=FAST
    )
    yield svc
    svc.stop()


def open_window(
    qtbot: QtBot, engine: Engine, service: PrintService, **settings: object
) -> MainWindow:
    win = MainWindow(
        engine,
        Settings(station=STATION, idle_lock_minutes=0, **settings),  # type: ignore[arg-type]
        sounds=SoundPlayer(enabled=False),
        print_service=service,
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def add_label_printer(engine: Engine, uri: str) -> None:
    printers.add_printer(
        engine,
        user_id=admin_id(engine),
        name="zebra",
        uri=uri,
        language="zpl",
        size="100x150",
        station=STATION,
        role="label",
    )


def pack_a1(qtbot: QtBot, win: MainWindow) -> None:
    assert scan(qtbot, win, BADGE).verdict.outcome == "login"  # type: ignore[attr-defined]
    assert scan(qtbot, win, "A-1").verdict.outcome == "order_opened"  # type: ignore[attr-defined]
    for code in (CUP_EAN, "LID"):
        scan(qtbot, win, code)
    assert scan(qtbot, win, CUP_EAN).verdict.outcome == "order_complete"  # type: ignore[attr-defined]


def statuses(engine: Engine) -> list[tuple[str, JobStatus]]:
    with unit_of_work(engine, read_only=True) as s:
        rows = s.execute(select(PrintJob.document, PrintJob.status).order_by(PrintJob.id))
        return [(d, st) for d, st in rows]


def test_order_complete_at_the_counter_prints_the_waybill_on_a_tcp_printer(
    qtbot: QtBot, shop: Engine, service: PrintService, tmp_path: Path
) -> None:
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
        add_label_printer(shop, zebra.uri)
        win = open_window(qtbot, shop, service)
        try:
            pack_a1(qtbot, win)
            qtbot.waitUntil(lambda: len(zebra.jobs()) == 1, timeout=15_000)
            label = zebra.jobs()[0].read_bytes()
            assert label.startswith(b"^XA") or b"^XA" in label[:200]
            assert b"A-1" in label
            # the slip went to the document printer: none is set, so the preview folder
            qtbot.waitUntil(
                lambda: list((tmp_path / "previews").glob("*slip*")) != [], timeout=15_000
            )
            qtbot.waitUntil(
                lambda: (
                    statuses(shop) == [("slip", JobStatus.DONE), ("waybill", JobStatus.DONE)]
                    or statuses(shop) == [("waybill", JobStatus.DONE), ("slip", JobStatus.DONE)]
                ),
                timeout=15_000,
            )
            status = win.printer_status
            status.refresh()
            qtbot.waitUntil(
                lambda: "zebra" in status.plain_text() and "ready" in status.plain_text()
            )
            assert "preview" in status.plain_text()

            # REPRINT from the pack page: the button does what the barcode does
            button = win.pack_page.findChild(QPushButton, "cmd_reprint")
            assert button is not None
            with qtbot.waitSignal(win.station.answered, timeout=10_000) as answer:
                button.click()
            assert answer.args[0].verdict.outcome == "command"
            qtbot.waitUntil(lambda: len(zebra.jobs()) == 2, timeout=15_000)
            assert b"A-1" in zebra.jobs()[1].read_bytes()
        finally:
            win.shutdown()


def test_a_printer_that_is_off_holds_no_scan_and_prints_when_it_is_back(
    qtbot: QtBot, shop: Engine, service: PrintService, tmp_path: Path
) -> None:
    port = free_port()
    add_label_printer(shop, f"tcp://127.0.0.1:{port}")
    win = open_window(qtbot, shop, service)
    try:
        started = time.monotonic()
        pack_a1(qtbot, win)
        # the counter goes on with the next order while the label printer is off
        assert scan(qtbot, win, "A-2").verdict.outcome == "order_opened"  # type: ignore[attr-defined]
        assert scan(qtbot, win, "LID").verdict.outcome == "order_complete"  # type: ignore[attr-defined]
        assert time.monotonic() - started < 10
        qtbot.waitUntil(
            lambda: (
                sum(1 for d, st in statuses(shop) if d == "waybill" and st == JobStatus.PENDING)
                == 2
            ),
            timeout=10_000,
        )
        status = win.printer_status
        qtbot.waitUntil(
            lambda: "⚠" in status.plain_text() and "waiting" in status.plain_text(), timeout=10_000
        )
        assert "zebra" in status.plain_text()

        with VirtualPrinter(tmp_path / "zebra", port=port) as zebra:  # switched on
            qtbot.waitUntil(lambda: len(zebra.jobs()) == 2, timeout=15_000)
            first, second = (p.read_bytes() for p in zebra.jobs())
            assert b"A-1" in first and b"A-2" in second  # in order, each once
            qtbot.waitUntil(
                lambda: all(st == JobStatus.DONE for _d, st in statuses(shop)), timeout=10_000
            )
            status.refresh()
            qtbot.waitUntil(lambda: "⚠" not in status.plain_text(), timeout=10_000)
            assert len(zebra.jobs()) == 2
    finally:
        win.shutdown()


def test_auto_print_off_prints_nothing_on_complete_but_reprint_does(
    qtbot: QtBot, shop: Engine, service: PrintService, tmp_path: Path
) -> None:
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
        add_label_printer(shop, zebra.uri)
        win = open_window(qtbot, shop, service, auto_print=False)
        try:
            pack_a1(qtbot, win)
            assert statuses(shop) == []
            with qtbot.waitSignal(win.station.answered, timeout=10_000):
                win.pack_page.findChild(QPushButton, "cmd_reprint").click()  # type: ignore[union-attr]
            qtbot.waitUntil(lambda: len(zebra.jobs()) == 1, timeout=15_000)

            # switched on from the set-up page: the next order prints by itself
            win.printers_page.auto_print.setChecked(True)
            assert scan(qtbot, win, "A-2").verdict.outcome == "order_opened"  # type: ignore[attr-defined]
            assert scan(qtbot, win, "LID").verdict.outcome == "order_complete"  # type: ignore[attr-defined]
            qtbot.waitUntil(lambda: len(zebra.jobs()) == 2, timeout=15_000)
            stored = settings_path()
            qtbot.waitUntil(stored.exists, timeout=5_000)
            assert json.loads(stored.read_text(encoding="utf-8")) == {
                "auto_print": True,
                "version": SETTINGS_VERSION,
            }
        finally:
            win.shutdown()


def test_paper_out_is_on_the_pack_page(
    qtbot: QtBot, shop: Engine, service: PrintService, tmp_path: Path
) -> None:
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
        add_label_printer(shop, zebra.uri)
        win = open_window(qtbot, shop, service)
        try:
            status = win.printer_status
            qtbot.waitUntil(lambda: "zebra ready" in status.plain_text(), timeout=10_000)
            (tmp_path / "zebra" / PAPER_OUT_FLAG).touch()  # the roll runs out
            status.refresh()
            qtbot.waitUntil(lambda: "zebra paper out" in status.plain_text(), timeout=10_000)
            assert "⚠" in status.plain_text() and "#b71c1c" in status.text()
        finally:
            win.shutdown()


def test_a_label_that_cannot_be_rendered_fails_and_the_counter_goes_on(
    qtbot: QtBot, shop: Engine, service: PrintService, tmp_path: Path
) -> None:
    with unit_of_work(shop) as s:  # A-2 came without a recipient
        s.execute(update(Order).where(Order.external_number == "A-2").values(ship_to_name=""))
    port = free_port()  # the label printer is off: the jobs stay, as they were queued
    add_label_printer(shop, f"tcp://127.0.0.1:{port}")
    win = open_window(qtbot, shop, service)
    try:
        pack_a1(qtbot, win)
        assert scan(qtbot, win, "A-2").verdict.outcome == "order_opened"  # type: ignore[attr-defined]
        assert scan(qtbot, win, "LID").verdict.outcome == "order_complete"  # type: ignore[attr-defined]
        with VirtualPrinter(tmp_path / "zebra", port=port) as zebra:
            qtbot.waitUntil(lambda: len(zebra.jobs()) == 1, timeout=15_000)
            qtbot.waitUntil(
                lambda: (
                    [st for d, st in statuses(shop) if d == "waybill"]
                    == [JobStatus.DONE, JobStatus.FAILED]
                ),
                timeout=15_000,
            )
            status = win.printer_status
            status.refresh()
            qtbot.waitUntil(lambda: "1 failed" in status.plain_text(), timeout=10_000)
    finally:
        win.shutdown()


def test_completion_says_what_printed_where(
    qtbot: QtBot, shop: Engine, service: PrintService, tmp_path: Path
) -> None:
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
        add_label_printer(shop, zebra.uri)
        win = open_window(qtbot, shop, service)
        try:
            pack_a1(qtbot, win)
            banner = win.pack_page.banner
            assert banner.detail.text() == "Everything is in. Its documents are printing…"
            qtbot.waitUntil(lambda: banner.detail.text().startswith("Printed:"), timeout=15_000)
            assert banner.tone == "done"
            assert "Waybill on zebra" in banner.detail.text()
            assert "Packing slip on preview" in banner.detail.text()
            assert banner.detail.text().endswith("Close the box; scan the next order.")
            assert not win.pack_page.print_notice.isVisible()
        finally:
            win.shutdown()


def test_a_label_that_does_not_print_is_said_loudly_until_it_does(
    qtbot: QtBot, shop: Engine, service: PrintService, tmp_path: Path
) -> None:
    port = free_port()  # the label printer is off
    add_label_printer(shop, f"tcp://127.0.0.1:{port}")
    win = open_window(qtbot, shop, service)
    page = win.pack_page
    try:
        pack_a1(qtbot, win)
        qtbot.waitUntil(lambda: page.banner.tone == "error", timeout=15_000)
        assert page.banner.headline.text() == "NO LABEL  order A-1"
        assert page.sounds.last_played == "wrong_item"
        assert "Waybill not printed on zebra" in page.banner.detail.text()
        assert "Keep the box here until it has its label." in page.banner.detail.text()
        assert page.print_notice.isVisible() and "A-1" in page.print_notice.text()
        # the packer goes on: the strip stays while the label has not printed
        assert scan(qtbot, win, "A-2").verdict.outcome == "order_opened"  # type: ignore[attr-defined]
        assert page.print_notice.isVisible()
        with VirtualPrinter(tmp_path / "zebra", port=port) as zebra:  # switched on
            qtbot.waitUntil(lambda: len(zebra.jobs()) == 1, timeout=15_000)
            qtbot.waitUntil(lambda: not page.print_notice.isVisible(), timeout=15_000)
            # the packer is at A-2 now: its banner stays, the scan list says it printed
            assert page.banner.headline.text() == "Order A-2: 1 to pack"
            assert page.history.item(0).text() == "▤ Printed now: order A-1"

    finally:
        win.shutdown()


def test_a_label_the_carrier_refuses_is_said_as_the_carriers_not_the_printers(
    qtbot: QtBot, shop: Engine, service: PrintService, tmp_path: Path
) -> None:
    from app.shipping import carriers
    from tests.app.shipping.carrier_server import answer, carrier_server
    from tests.ui.conftest import speaking_chinese

    with carrier_server(api_key="k-1") as api, VirtualPrinter(tmp_path / "zebra", port=0) as z:
        carriers.set_carrier(
            shop,
            "SF Express",
            tracking_source="api",
            api_url=api.url,
            api_key="k-1",
            user_id=admin_id(shop),
        )
        refusal = {"errors": [{"field": "recipient.postal_code", "message": "not served"}]}
        api.queue(answer(422, refusal))
        add_label_printer(shop, z.uri)
        win = open_window(qtbot, shop, service)
        page = win.pack_page
        try:
            pack_a1(qtbot, win)
            qtbot.waitUntil(lambda: page.banner.tone == "error", timeout=15_000)
            assert page.banner.headline.text() == "NO LABEL  order A-1"
            detail = page.banner.detail.text()
            assert "the carrier refused it" in detail and "Ask a lead" in detail
            assert "Check the printer" not in detail and z.jobs() == []
            with unit_of_work(shop) as s:  # the print queue keeps the carrier's reason
                job = s.scalars(select(PrintJob).where(PrintJob.document == "waybill")).one()
                assert "not served" in (job.last_error or "")
            with speaking_chinese():  # said in the packer's language
                assert "承运商拒绝" in page.print_news._why(waybill_of(shop, "A-1"))
        finally:
            win.shutdown()


def waybill_of(engine: Engine, number: str) -> DocumentJob:
    with unit_of_work(engine) as s:
        order_id = s.scalars(select(Order.id).where(Order.external_number == number)).one()
    (waybill,) = [j for j in order_documents.read(engine, order_id) if j.document == "waybill"]
    return waybill


def test_a_label_printed_after_all_is_said_on_the_banner_that_said_it_was_not(
    qtbot: QtBot, shop: Engine, service: PrintService, tmp_path: Path
) -> None:
    port = free_port()  # the label printer is off
    add_label_printer(shop, f"tcp://127.0.0.1:{port}")
    win = open_window(qtbot, shop, service)
    page = win.pack_page
    try:
        pack_a1(qtbot, win)
        qtbot.waitUntil(lambda: page.banner.tone == "error", timeout=15_000)
        with VirtualPrinter(tmp_path / "zebra", port=port) as zebra:  # switched on
            qtbot.waitUntil(lambda: len(zebra.jobs()) == 1, timeout=15_000)
            qtbot.waitUntil(lambda: page.banner.tone == "done", timeout=15_000)
            assert page.banner.headline.text() == "Printed now: order A-1"
            assert page.sounds.last_played == "complete"
            assert not page.print_notice.isVisible()
    finally:
        win.shutdown()


def test_a_reprint_that_does_not_print_is_said_too(
    qtbot: QtBot, shop: Engine, service: PrintService, tmp_path: Path
) -> None:
    port = free_port()
    add_label_printer(shop, f"tcp://127.0.0.1:{port}")
    win = open_window(qtbot, shop, service)
    page = win.pack_page
    try:
        with VirtualPrinter(tmp_path / "zebra", port=port) as zebra:
            pack_a1(qtbot, win)
            qtbot.waitUntil(
                lambda: page.banner.detail.text().startswith("Printed:"), timeout=15_000
            )
            assert len(zebra.jobs()) == 1
        # the printer is off now; REPRINT (F11) asks for the documents again
        with qtbot.waitSignal(win.station.answered, timeout=10_000):
            win.station.command(Command.REPRINT)
        qtbot.waitUntil(lambda: page.banner.tone == "error", timeout=15_000)
        assert page.banner.headline.text() == "NO LABEL  order A-1"
        assert page.print_notice.isVisible()
    finally:
        win.shutdown()
