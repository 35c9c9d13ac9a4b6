"""Printer set-up for this station: a label printer (waybills) and a document printer
(packing slips, pick lists), each with its address, language, resolution, label size
and darkness; a test print and a status question; and the counter's camera, with a
live preview and a test (``ui.evidence.camera_box``).

The address is checked as it is typed (parsing only, no I/O), with a plain message
for a typo. Everything that touches a device or the database (finding serial ports
and CUPS queues, saving, the test print, asking the printer) runs on the page's own
queue, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.errors import PackdeskError
from app.printing import printers
from app.printing import station as station_printers
from app.printing.config import PrintingConfig
from app.printing.printers import PrinterRow
from app.printing.station import Device
from printers.errors import PrintingError
from printers.transports import open_transport
from ui.evidence.camera_box import CameraBox
from ui.printer_status import problem_words
from ui.words import filled
from ui.workers import TaskQueue

LABEL_SIZES = ("100x150", "100x180", "76x130")
NO_DARKNESS = -1


@dataclass(frozen=True)
class PrinterChoice:
    """What a form holds, as plain values."""

    role: str
    name: str
    uri: str
    language: str
    dpi: int
    size: str | None
    darkness: int | None
    options: dict[str, Any]

    def as_row(self) -> PrinterRow:
        """The printer as it would be saved (for a test print before saving);
        raises ``PackdeskError`` for a bad label size."""
        width, height = printers.parse_size(self.size)
        return PrinterRow(
            0,
            self.name or printers.PREVIEW,
            self.uri,
            self.language,
            self.dpi,
            width,
            height,
            self.darkness,
            dict(self.options),
        )


def device_words(device: Device) -> str:
    """A found device in the window's language: "/dev/ttyUSB0 · serial port"."""
    kinds = {
        "serial": QCoreApplication.translate("PrintersPage", "serial port"),
        "usb": QCoreApplication.translate("PrintersPage", "USB printer"),
        "cups": QCoreApplication.translate("PrintersPage", "CUPS queue"),
    }
    return f"{device.description} · {kinds.get(device.kind, device.kind)}"


class PrinterForm(QGroupBox):
    """One of the station's two printers."""

    save_requested = Signal(object)  # PrinterForm
    test_requested = Signal(object)
    status_requested = Signal(object)

    def __init__(self, role: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.role = role
        self.setObjectName(f"{role}Printer")
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("e.g. zebra-1"))
        self.uri = QComboBox()
        self.uri.setObjectName("uri")
        self.uri.setEditable(True)
        self.uri.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.uri.setMinimumContentsLength(28)
        line = self.uri.lineEdit()
        assert line is not None
        line.setPlaceholderText("tcp://192.168.1.50:9100")
        self.uri.currentTextChanged.connect(self.check_uri)
        self.uri.activated.connect(self._chosen)
        self.uri_problem = QLabel()
        self.uri_problem.setObjectName("uriProblem")
        self.uri_problem.setWordWrap(True)
        self.uri_problem.setStyleSheet("color: #b71c1c;")
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, words in (
            ("zpl", self.tr("ZPL II (Zebra and compatibles)")),
            ("tspl", self.tr("TSPL (TSC, Xprinter, Gprinter)")),
            ("pdf", self.tr("PDF (office printer)")),
            ("png", self.tr("PNG (image files)")),
        ):
            self.language.addItem(words, code)
        self.language.currentIndexChanged.connect(lambda _i: self._language_changed())
        self.dpi = QComboBox()
        self.dpi.setObjectName("dpi")
        for dpi in (203, 300):
            self.dpi.addItem(filled(self.tr("%1 dpi"), dpi), dpi)
        self.label_size = QComboBox()
        self.label_size.setObjectName("size")
        self.label_size.setEditable(True)
        self.label_size.addItems(["", *LABEL_SIZES])
        self.darkness = QSpinBox()
        self.darkness.setObjectName("darkness")
        self.darkness.setRange(NO_DARKNESS, 30)
        self.darkness.setSpecialValueText(self.tr("the printer's own"))
        self.darkness.setValue(NO_DARKNESS)
        self.cjk = QComboBox()
        self.cjk.setObjectName("cjk")
        self.cjk.addItem(self.tr("the printer's Chinese font"), "builtin")
        self.cjk.addItem(self.tr("drawn as bitmaps"), "bitmap")
        self.check_status = QCheckBox(self.tr("Ask the printer before each job"))
        self.check_status.setObjectName("checkStatus")
        self.check_status.setToolTip(
            self.tr("Jobs wait while it is out of paper or its head is open")
        )

        self.save = QPushButton(self.tr("✔ Save"))
        self.save.setObjectName("save")
        self.test = QPushButton(self.tr("▶ Test print"))
        self.test.setObjectName("testPrint")
        self.ask = QPushButton(self.tr("Ask status"))
        self.ask.setObjectName("askStatus")
        self.save.clicked.connect(lambda: self.save_requested.emit(self))
        self.test.clicked.connect(lambda: self.test_requested.emit(self))
        self.ask.clicked.connect(lambda: self.status_requested.emit(self))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        address = QVBoxLayout()
        address.addWidget(self.uri)
        address.addWidget(self.uri_problem)
        form.addRow(self.tr("Address"), address)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Resolution"), self.dpi)
        form.addRow(self.tr("Label size (mm)"), self.label_size)
        form.addRow(self.tr("Darkness"), self.darkness)
        form.addRow(self.tr("Chinese text (TSPL)"), self.cjk)
        form.addRow("", self.check_status)
        buttons = QHBoxLayout()
        for button in (self.save, self.test, self.ask):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._language_changed()
        self.check_uri(self.uri.currentText())

    # --- values -----------------------------------------------------------------------

    def offer(self, devices: Sequence[Device]) -> None:
        """Addresses found on this machine, in the address list (typing stays free)."""
        text = self.uri.currentText()
        self.uri.blockSignals(True)
        self.uri.clear()
        self.uri.addItem(self.tr("preview (files in the preview folder)"), "preview")
        for device in devices:
            self.uri.addItem(device_words(device), device.uri)
        self.uri.setCurrentIndex(-1)
        self.uri.setEditText(text)
        self.uri.blockSignals(False)

    def _chosen(self, index: int) -> None:
        uri = self.uri.itemData(index)
        if uri:
            self.uri.setEditText(str(uri))

    def uri_text(self) -> str:
        return self.uri.currentText().strip()

    def check_uri(self, text: str) -> bool:
        """Parse the address (no I/O) and say plainly what is wrong with it."""
        text = text.strip()
        if not text:
            self.uri_problem.setText("")
            self.uri_problem.hide()
            return False
        try:
            open_transport(text, preview_folder=Path("."))
        except PrintingError as exc:
            self.uri_problem.setText("⚠ " + str(exc))
            self.uri_problem.show()
            return False
        self.uri_problem.setText("")
        self.uri_problem.hide()
        return True

    def _language_changed(self) -> None:
        label = self.language.currentData() in ("zpl", "tspl")
        self.darkness.setMaximum(15 if self.language.currentData() == "tspl" else 30)
        self.dpi.setEnabled(label)
        self.label_size.setEnabled(label)
        self.darkness.setEnabled(label)
        self.check_status.setEnabled(label)
        self.cjk.setEnabled(self.language.currentData() == "tspl")

    def show_printer(self, row: PrinterRow | None) -> None:
        if row is None:
            self.name.setText("")
            self.uri.setEditText("preview")
            self.language.setCurrentIndex(self.language.findData("png"))  # the preview printer
            self.message.setText(self.tr("None set: printing goes to the preview folder."))
            return
        self.name.setText(row.name)
        self.uri.setEditText(row.uri)
        self.language.setCurrentIndex(max(0, self.language.findData(row.language)))
        self.dpi.setCurrentIndex(max(0, self.dpi.findData(row.dpi)))
        self.label_size.setEditText(row.size)
        self.darkness.setValue(NO_DARKNESS if row.darkness is None else row.darkness)
        self.cjk.setCurrentIndex(max(0, self.cjk.findData(row.options.get("cjk", "builtin"))))
        self.check_status.setChecked(bool(row.options.get("check_status")))
        self.message.setText("")

    def choice(self) -> PrinterChoice:
        darkness = self.darkness.value()
        language = str(self.language.currentData())
        options: dict[str, Any] = {"check_status": self.check_status.isChecked()}
        if language == "tspl":
            options["cjk"] = self.cjk.currentData()
        label = language in ("zpl", "tspl")
        return PrinterChoice(
            role=self.role,
            name=self.name.text().strip(),
            uri=self.uri_text(),
            language=language,
            dpi=int(self.dpi.currentData()),
            size=(self.label_size.currentText().strip() or None) if label else None,
            darkness=None if darkness == NO_DARKNESS or not label else darkness,
            options=options,
        )

    def say(self, words: str, *, bad: bool = False) -> None:
        self.message.setText(words)
        self.message.setStyleSheet(
            "color: #b71c1c; font-weight: bold;" if bad else "color: #1b5e20;"
        )


class PrintersPage(QWidget):
    saved = Signal()  # a printer was saved: the status line asks again
    auto_print_changed = Signal(bool)

    def __init__(
        self,
        engine: Engine,
        station: str,
        config: PrintingConfig,
        *,
        auto_print: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.station = station
        self.config = config
        self.queue = TaskQueue("printer-setup")
        self.devices: list[Device] = []
        self.current: dict[str, PrinterRow | None] = {}  # the station's printers as saved
        heading = QLabel(filled(self.tr("Printers of station %1"), station))
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.auto_print = QCheckBox(
            self.tr("Print the packing slip and the waybill as soon as an order is complete")
        )
        self.auto_print.setObjectName("autoPrint")
        self.auto_print.setChecked(auto_print)
        self.auto_print.setToolTip(self.tr("Off: nothing prints by itself; REPRINT still prints"))
        self.auto_print.toggled.connect(self.auto_print_changed)
        self.label_form = PrinterForm("label", self.tr("Label printer: waybills"))
        self.document_form = PrinterForm("document", self.tr("Document printer: packing slips"))
        self.forms = {"label": self.label_form, "document": self.document_form}
        for form in self.forms.values():
            form.save_requested.connect(self.save)
            form.test_requested.connect(self.test_print)
            form.status_requested.connect(self.ask_status)
        self.find_button = QPushButton(self.tr("Find devices again"))
        self.find_button.setObjectName("findDevices")
        self.find_button.clicked.connect(self.find_devices)
        self.found = QLabel()
        self.found.setObjectName("devicesFound")
        self.found.setWordWrap(True)
        note = QLabel(
            self.tr(
                "Addresses: tcp://HOST:9100 (network), serial:///dev/ttyUSB0?baudrate=9600 or "
                "serial://COM3, usb:///dev/usb/lp0, cups://QUEUE, windows://Printer Name, "
                "file:///folder, preview."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.camera = CameraBox(engine, station, self.queue)
        forms = QHBoxLayout()
        forms.addWidget(self.label_form, 1)
        forms.addWidget(self.document_form, 1)
        forms.addWidget(self.camera)
        finding = QHBoxLayout()
        finding.addWidget(self.find_button)
        finding.addWidget(self.found, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.auto_print)
        layout.addLayout(forms, 1)
        layout.addLayout(finding)
        layout.addWidget(note)
        self._started = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.load()
            self.find_devices()
            self.camera.load()

    def load(self) -> None:
        engine, station = self.engine, self.station
        self.queue.submit(
            lambda: station_printers.station_printers(engine, station), self._loaded, self._failed
        )

    def _loaded(self, rows: dict[str, PrinterRow | None]) -> None:
        self.current = dict(rows)
        for role, form in self.forms.items():
            form.show_printer(rows.get(role))

    def find_devices(self) -> None:
        self.found.setText(self.tr("Looking for serial ports, USB printers and CUPS queues…"))
        self.find_button.setEnabled(False)
        self.queue.submit(station_printers.devices, self._found, self._failed)

    def _found(self, devices: list[Device]) -> None:
        self.devices = devices
        self.find_button.setEnabled(True)
        for form in self.forms.values():
            form.offer(devices)
        self.found.setText(
            filled(
                self.tr("Found on this machine: %1"), ", ".join(device_words(d) for d in devices)
            )
            if devices
            else self.tr("No serial port, USB printer or CUPS queue found on this machine.")
        )

    def save(self, form: PrinterForm) -> None:
        if not form.check_uri(form.uri_text()):
            form.say(form.uri_problem.text() or self.tr("Give the printer's address."), bad=True)
            return
        c = form.choice()
        other = self.current.get("document" if form.role == "label" else "label")
        if (
            other is not None
            and other.name == c.name
            and (other.uri, other.language)
            != (
                c.uri,
                c.language,
            )
        ):
            words = self.tr("%1 is this station's other printer; give this one another name.")
            form.say("⚠ " + filled(words, c.name), bad=True)
            return
        engine, station, config = self.engine, self.station, self.config
        form.say(self.tr("Saving…"))

        def save() -> PrinterRow:
            return station_printers.save_printer(
                engine,
                station=station,
                role=c.role,
                name=c.name,
                uri=c.uri,
                language=c.language,
                dpi=c.dpi,
                size=c.size,
                darkness=c.darkness,
                options=c.options,
                config=config,
            )

        def saved(row: PrinterRow) -> None:
            self.current[form.role] = row
            what = self.tr("waybills") if form.role == "label" else self.tr("packing slips")
            words = self.tr("✔ Saved: %1 prints this station's %2.")
            form.say(filled(words, row.name, what))
            self.saved.emit()

        self.queue.submit(save, saved, lambda message, _bug: form.say("⚠ " + message, bad=True))

    def _row(self, form: PrinterForm) -> PrinterRow | None:
        if not form.check_uri(form.uri_text()):
            form.say(form.uri_problem.text() or self.tr("Give the printer's address."), bad=True)
            return None
        try:
            return form.choice().as_row()
        except PackdeskError as exc:  # a bad label size: plain words
            form.say("⚠ " + str(exc), bad=True)
            return None

    def test_print(self, form: PrinterForm) -> None:
        """The test label, sent straight to the address in the form (saved or not)."""
        row = self._row(form)
        if row is None:
            return
        config = self.config
        form.say(self.tr("Printing the test label…"))
        self.queue.submit(
            lambda: station_printers.test_print(row, config=config),
            lambda n: form.say(filled(self.tr("✔ Test label sent (%1 bytes)."), n)),
            lambda message, _bug: form.say("⚠ " + message, bad=True),
        )

    def ask_status(self, form: PrinterForm) -> None:
        row = self._row(form)
        if row is None:
            return
        form.say(self.tr("Asking the printer…"))

        def answered(problems: tuple[str, ...] | None) -> None:
            if problems is None:
                form.say(self.tr("Only ZPL and TSPL printers on the network can be asked."))
            elif problems:
                form.say("⚠ " + ", ".join(problem_words(p) for p in problems), bad=True)
            else:
                form.say(self.tr("✔ The printer is ready."))

        self.queue.submit(
            lambda: station_printers.ask(row, timeout=3.0),
            answered,
            lambda message, _bug: form.say("⚠ " + message, bad=True),
        )

    def _failed(self, message: str, _bug: bool) -> None:
        self.find_button.setEnabled(True)
        self.found.setText("⚠ " + message)

    def shutdown(self) -> None:
        self.camera.stop_preview()
        self.queue.close(wait=True)
