"""The print queue view: Qt's model tester on the table model; a failed job shown with
its reason and tried again once the order is fixed; cancel, reprint and preview.
Real database, real sockets (the virtual printer on 127.0.0.1)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select, update

from app.db import unit_of_work
from app.models import JobStatus, Order, PrintJob
from app.packing.print_request import Occasion, PrintRequest
from app.printing import printers
from app.printing.config import PrintingConfig
from app.printing.jobs import JobRow
from app.printing.print_service import PrintService
from printers.virtual import VirtualPrinter
from tests.app.acting import admin_id
from tests.app.printing.conftest import add_order, add_station, free_port
from tests.ui.signing import sign_in
from ui.print_queue_model import ERROR, STATUS, PrintQueueModel
from ui.print_queue_page import PrintQueuePage

FAST = (0.05, 0.1, 0.2)
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def job_row(i: int, status: JobStatus = JobStatus.PENDING, error: str | None = None) -> JobRow:
    return JobRow(i, "zebra", "waybill", "zpl", status, 1, f"#{i}", error, NOW, None, None)


def test_the_queue_model_passes_the_model_tester(qtmodeltester: object) -> None:
    model = PrintQueueModel()
    model.set_rows([job_row(3), job_row(2, JobStatus.FAILED, "no address"), job_row(1)])
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]
    assert model.index(1, STATUS).data() == "✖ Failed"
    assert model.index(1, ERROR).data() == "no address"
    assert model.index(1, ERROR).data(Qt.ItemDataRole.ToolTipRole) == "no address"
    assert model.job_ahead(model.row_at(0)) == model.row_at(2)  # job 3 waits for job 1
    assert model.job_ahead(model.row_at(2)) is None
    model.set_rows([])
    qtmodeltester.check(model, force_py=True)  # type: ignore[attr-defined]


def test_a_refresh_with_the_same_jobs_changes_rows_in_place(qtbot: QtBot) -> None:
    model = PrintQueueModel()
    model.set_rows([job_row(2), job_row(1)])
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as changed:
        model.set_rows([job_row(2), job_row(1, JobStatus.DONE)])
    assert changed.args[0].row() == 1 and changed.args[1].row() == 1
    assert model.index(1, STATUS).data() == "✔ Printed"
    with qtbot.waitSignal(model.modelReset):
        model.set_rows([job_row(3), job_row(2), job_row(1)])


@pytest.fixture
def service(engine: Engine, tmp_path: Path) -> Iterator[PrintService]:
    svc = PrintService(
        engine, config=PrintingConfig(preview_folder=str(tmp_path / "previews")), backoff=FAST
    )
    yield svc
    svc.stop()


@pytest.fixture
def page(qtbot: QtBot, engine: Engine, service: PrintService) -> Iterator[PrintQueuePage]:
    view = PrintQueuePage(engine, service)
    sign_in(engine, view.session, "lead")  # (who may act: test_window_permissions)
    qtbot.addWidget(view)
    view.resize(1100, 500)
    view.show()
    qtbot.waitExposed(view)
    yield view
    view.shutdown()


def queue_waybill(engine: Engine, service: PrintService, order_id: int, station: int) -> None:
    with unit_of_work(engine) as s:
        service.spool.submit(
            s,
            PrintRequest(
                order_id, ("waybill",), station, None, "order complete", Occasion.ORDER_CLOSED
            ),
        )


def status_of(engine: Engine) -> list[JobStatus]:
    with unit_of_work(engine, read_only=True) as s:
        return list(s.scalars(select(PrintJob.status).order_by(PrintJob.id)))


def shows(page: PrintQueuePage, job_row_words: str) -> bool:
    model = page.model
    return any(model.index(r, STATUS).data() == job_row_words for r in range(model.rowCount()))


def test_a_failed_job_is_shown_and_try_again_prints_it(
    qtbot: QtBot, engine: Engine, service: PrintService, page: PrintQueuePage, tmp_path: Path
) -> None:
    station = add_station(engine, "counter-1")
    order = add_order(engine, "#2001")
    with unit_of_work(engine) as s:  # an order imported without a recipient
        s.execute(update(Order).where(Order.id == order).values(ship_to_name="", ship_to_line1=""))
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
        printers.add_printer(
            engine,
            user_id=admin_id(engine),
            name="zebra",
            uri=zebra.uri,
            language="zpl",
            station="counter-1",
        )
        queue_waybill(engine, service, order, station)
        qtbot.waitUntil(lambda: status_of(engine) == [JobStatus.FAILED], timeout=10_000)
        page.refresh(force=True)
        qtbot.waitUntil(lambda: shows(page, "✖ Failed"), timeout=5_000)
        assert "recipient" in page.model.index(0, ERROR).data()
        assert not page.retry_button.isEnabled()  # nothing chosen yet
        page.table.selectRow(0)
        assert page.retry_button.isEnabled() and not page.cancel_button.isEnabled()
        assert "recipient" in page.detail.text()

        with unit_of_work(engine) as s:  # someone corrects the address
            s.execute(
                update(Order)
                .where(Order.id == order)
                .values(ship_to_name="李娜", ship_to_line1="天河路385号")
            )
        qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(zebra.jobs()) == 1, timeout=10_000)
        assert (
            "李娜".encode() in zebra.jobs()[0].read_bytes()
            or b"^GF" in zebra.jobs()[0].read_bytes()
        )
        qtbot.waitUntil(lambda: shows(page, "✔ Printed"), timeout=10_000)
        assert "will be tried again" in page.message.text()
        assert status_of(engine) == [JobStatus.DONE]

        # reprint any job: the same bytes once more
        page.table.selectRow(0)
        qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(zebra.jobs()) == 2, timeout=10_000)
        first, second = (p.read_bytes() for p in zebra.jobs())
        assert first == second
        qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=5_000)
        assert "reprint of" in page.model.index(0, 2).data()


def test_an_interrupted_job_says_it_may_have_printed_and_try_again_sends_it(
    qtbot: QtBot, engine: Engine, service: PrintService, page: PrintQueuePage, tmp_path: Path
) -> None:
    station = add_station(engine, "counter-1")
    order = add_order(engine, "#2003")
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
        printers.add_printer(
            engine,
            user_id=admin_id(engine),
            name="zebra",
            uri=zebra.uri,
            language="zpl",
            station="counter-1",
        )
        queue_waybill(engine, service, order, station)
        qtbot.waitUntil(lambda: status_of(engine) == [JobStatus.DONE], timeout=10_000)
        with unit_of_work(engine) as s:  # as a program taking over the printer leaves it
            s.execute(
                update(PrintJob).values(
                    status=JobStatus.INTERRUPTED, last_error="The program stopped"
                )
            )
        page.refresh(force=True)
        qtbot.waitUntil(lambda: shows(page, "⚠ Interrupted"), timeout=5_000)
        assert "may have printed" in page.model.index(0, ERROR).data()
        page.filter.setCurrentIndex(page.filter.findData(JobStatus.DONE))
        qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5_000)
        page.filter.setCurrentIndex(page.filter.findData(JobStatus.INTERRUPTED))
        qtbot.waitUntil(lambda: shows(page, "⚠ Interrupted"), timeout=5_000)
        page.table.selectRow(0)
        assert page.retry_button.isEnabled() and page.cancel_button.isEnabled()
        assert "may have printed" in page.detail.text()
        qtbot.mouseClick(page.retry_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(zebra.jobs()) == 2, timeout=10_000)
        first, second = (p.read_bytes() for p in zebra.jobs())
        assert first == second  # the same bytes
        qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10_000)  # none left
        page.filter.setCurrentIndex(0)  # all jobs
        qtbot.waitUntil(lambda: shows(page, "✔ Printed"), timeout=10_000)
        assert status_of(engine) == [JobStatus.DONE]


def test_a_waiting_job_can_be_cancelled_and_any_job_previewed(
    qtbot: QtBot, engine: Engine, service: PrintService, page: PrintQueuePage
) -> None:
    station = add_station(engine, "counter-1")
    order = add_order(engine, "#2002")
    printers.add_printer(
        engine,
        user_id=admin_id(engine),
        name="zebra",
        uri=f"tcp://127.0.0.1:{free_port()}",  # nothing listens: the printer is off
        language="zpl",
        station="counter-1",
    )
    queue_waybill(engine, service, order, station)
    page.refresh(force=True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5_000)
    qtbot.waitUntil(
        lambda: (page.refresh() or True) and "refused" in (page.model.index(0, ERROR).data() or ""),
        timeout=10_000,
    )
    page.table.selectRow(0)
    assert page.cancel_button.isEnabled()

    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview_dialog is not None, timeout=10_000)
    dialog = page.preview_dialog
    assert dialog is not None and dialog.image is not None
    pixmap = dialog.image.item.pixmap()
    assert (pixmap.width(), pixmap.height()) == (799, 1199)  # 100 x 150 mm at 203 dpi
    dialog.close()

    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: status_of(engine) == [JobStatus.CANCELLED], timeout=10_000)
    qtbot.waitUntil(lambda: shows(page, "⊘ Cancelled"), timeout=5_000)
    page.table.selectRow(0)
    assert not page.cancel_button.isEnabled() and page.reprint_button.isEnabled()
