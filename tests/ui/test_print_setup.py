"""The printer set-up page: a typo in the address is named before anything is saved;
a label printer is saved for the station and its test print reaches a printer on
127.0.0.1; devices are offered from what the machine has. Real database, real socket."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import Printer, Station
from app.printing.config import PrintingConfig
from app.printing.station import Device, devices
from printers.virtual import VirtualPrinter
from tests.app.printing.conftest import free_port
from tests.ui.conftest import speaking_chinese
from tests.ui.signing import sign_in
from ui.printers_page import PrintersPage

STATION = "counter-3"


@pytest.fixture
def page(qtbot: QtBot, engine: Engine, tmp_path: Path) -> Iterator[PrintersPage]:
    view = PrintersPage(engine, STATION, PrintingConfig(preview_folder=str(tmp_path / "previews")))
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.find_button.isEnabled(), timeout=10_000)  # devices looked for
    yield view
    view.shutdown()


def fill(page: PrintersPage, qtbot: QtBot, uri: str) -> None:
    form = page.label_form
    form.name.setText("zebra-1")
    form.uri.setEditText(uri)
    form.language.setCurrentIndex(form.language.findData("zpl"))
    form.dpi.setCurrentIndex(form.dpi.findData(203))
    form.label_size.setEditText("100x150")
    form.darkness.setValue(20)


def printers_of(engine: Engine) -> list[tuple[str, str, int | None, int | None]]:
    with unit_of_work(engine, read_only=True) as s:
        station = s.scalar(select(Station).where(Station.name == STATION))
        label = station.label_printer_id if station else None
        return [
            (p.name, p.uri, p.darkness, label)
            for p in s.scalars(select(Printer).order_by(Printer.id))
        ]


def test_a_typo_in_the_address_is_named_and_nothing_is_saved(
    qtbot: QtBot, page: PrintersPage, engine: Engine
) -> None:
    form = page.label_form
    sign_in(engine, page.session)
    qtbot.waitUntil(lambda: form.uri.currentText() == "preview", timeout=5_000)  # none set yet
    assert "preview folder" in form.message.text()
    fill(page, qtbot, "tpc://192.168.1.50:9100")
    assert "unknown kind 'tpc'" in form.uri_problem.text()
    qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
    assert "tpc" in form.message.text()
    form.uri.setEditText("tcp://192.168.1.50:91OO")
    assert "port must be a number" in form.uri_problem.text()
    form.uri.setEditText("tcp://192.168.1.50:9100")
    assert form.uri_problem.text() == ""
    form.label_size.setEditText("100 by 150")
    qtbot.mouseClick(form.test, Qt.MouseButton.LeftButton)
    assert "WIDTHxHEIGHT" in form.message.text()
    assert printers_of(engine) == []


def test_a_label_printer_is_saved_and_its_test_print_reaches_it(
    qtbot: QtBot, page: PrintersPage, engine: Engine, tmp_path: Path
) -> None:
    form = page.label_form
    sign_in(engine, page.session)
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
        fill(page, qtbot, zebra.uri)
        with qtbot.waitSignal(page.saved, timeout=10_000):
            qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
        assert "Saved" in form.message.text()
        [(name, uri, darkness, label_id)] = printers_of(engine)
        assert (name, uri, darkness) == ("zebra-1", zebra.uri, 20) and label_id is not None

        qtbot.mouseClick(form.test, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(zebra.jobs()) == 1, timeout=10_000)
        label = zebra.jobs()[0].read_bytes()
        assert b"PACKDESK-TEST-128" in label and b"~SD20" in label
        qtbot.waitUntil(lambda: "Test label sent" in form.message.text(), timeout=5_000)

        qtbot.mouseClick(form.ask, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "ready" in form.message.text(), timeout=10_000)

        # saving again changes the same printer; a page opened later shows it
        form.darkness.setValue(25)
        with qtbot.waitSignal(page.saved, timeout=10_000):
            qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
        assert [d for _n, _u, d, _l in printers_of(engine)] == [25]
    # the document printer cannot quietly take over the label printer's name
    doc = page.document_form
    doc.name.setText("zebra-1")
    doc.uri.setEditText("preview")
    doc.language.setCurrentIndex(doc.language.findData("pdf"))
    qtbot.mouseClick(doc.save, Qt.MouseButton.LeftButton)
    assert "other printer" in doc.message.text()
    assert [n for n, _u, _d, _l in printers_of(engine)] == ["zebra-1"]

    again = PrintersPage(engine, STATION, page.config)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.label_form.name.text() == "zebra-1", timeout=10_000)
    assert again.label_form.darkness.value() == 25
    assert again.label_form.label_size.currentText() == "100x150"
    again.shutdown()


def test_a_printer_that_is_off_is_said_plainly(qtbot: QtBot, page: PrintersPage) -> None:
    form = page.label_form
    fill(page, qtbot, f"tcp://127.0.0.1:{free_port()}")
    qtbot.mouseClick(form.test, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused" in form.message.text(), timeout=10_000)
    qtbot.mouseClick(form.ask, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "off or not answering" in form.message.text(), timeout=10_000)
    # a serial port or USB printer that is not there
    for uri, words in (
        ("serial:///dev/ttyNOPE?baudrate=9600", "Is the printer plugged in"),
        ("usb:///dev/usb/lp97", "No printer at /dev/usb/lp97"),
    ):
        form.uri.setEditText(uri)
        qtbot.mouseClick(form.test, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda w=words: w in form.message.text(), timeout=10_000)


def test_devices_found_on_the_machine_are_offered(qtbot: QtBot, page: PrintersPage) -> None:
    assert all(d.kind in ("serial", "usb", "cups") for d in devices())  # this machine's
    page._found(
        [
            Device("serial:///dev/ttyUSB0?baudrate=9600", "/dev/ttyUSB0 CP2102", "serial"),
            Device("cups://Zebra_ZD420", "Zebra_ZD420", "cups"),
        ]
    )
    form = page.document_form
    texts = [form.uri.itemText(i) for i in range(form.uri.count())]
    assert "Zebra_ZD420 · CUPS queue" in texts
    assert "/dev/ttyUSB0 CP2102 · serial port" in texts
    index = form.uri.findData("cups://Zebra_ZD420")
    form.uri.setCurrentIndex(index)
    form.uri.activated.emit(index)
    assert form.uri.currentText() == "cups://Zebra_ZD420"
    assert form.uri_problem.text() == ""
    assert "Zebra_ZD420" in page.found.text()


def test_printer_words_are_in_chinese_when_the_window_is(qtbot: QtBot) -> None:
    from ui.printer_status import problem_words
    from ui.printers_page import device_words

    with speaking_chinese():
        assert problem_words("paper out") == "缺纸"
        assert problem_words("no answer: the printer is off or unreachable") == "未开机或无应答"
        assert device_words(Device("cups://Z", "Z", "cups")) == "Z · CUPS 队列"
