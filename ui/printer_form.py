"""One of a station's two printers, as the Printers page shows it: name, address
(checked as it is typed: parsing only, no I/O), language, resolution, label size,
darkness and the Chinese font; Save, Test print and Ask status; the last thing said.

Every word is said again when the language changes, the last message included."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
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

from app.printing import printers
from app.printing.printers import PrinterRow
from app.printing.station import Device
from printers.errors import PrintingError
from printers.transports import open_transport
from ui.retranslate import Said, language_changed
from ui.words import filled

LABEL_SIZES = ("100x150", "100x180", "76x130")
NO_DARKNESS = -1
BAD = "color: #b71c1c; font-weight: bold;"
GOOD = "color: #1b5e20;"

Words = Callable[[], str]


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


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    return combo


class PrinterForm(QGroupBox):
    """One of the station's two printers."""

    save_requested = Signal(object)  # PrinterForm
    test_requested = Signal(object)
    status_requested = Signal(object)

    def __init__(self, role: str, title: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = role
        self.setObjectName(f"{role}Printer")
        self.said = Said()
        self.said.set(self.setTitle, title)
        self.devices: list[Device] = []
        self._words: Words = str
        self._fields()
        self._buttons()
        self._layout()
        self._language_changed()
        self.check_uri(self.uri.currentText())

    def _fields(self) -> None:
        said = self.said
        self.name = QLineEdit()
        self.name.setObjectName("name")
        said.set(self.name.setPlaceholderText, lambda: self.tr("e.g. zebra-1"))
        self.uri = _combo("uri")
        self.uri.setEditable(True)
        self.uri.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.uri.setMinimumContentsLength(24)
        line = self.uri.lineEdit()
        assert line is not None
        line.setPlaceholderText("tcp://192.168.1.50:9100")
        self.uri.currentTextChanged.connect(self.check_uri)
        self.uri.activated.connect(self._chosen)
        self.uri_problem = QLabel()
        self.uri_problem.setObjectName("uriProblem")
        self.uri_problem.setWordWrap(True)
        self.uri_problem.setStyleSheet("color: #b71c1c;")
        self.language = _combo("language")
        for i, (code, words) in enumerate(
            (
                ("zpl", lambda: self.tr("ZPL II (Zebra and compatibles)")),
                ("tspl", lambda: self.tr("TSPL (TSC, Xprinter, Gprinter)")),
                ("pdf", lambda: self.tr("PDF (office printer)")),
                ("png", lambda: self.tr("PNG (image files)")),
            )
        ):
            self.language.addItem("", code)
            said.set(partial(self.language.setItemText, i), words)
        self.language.currentIndexChanged.connect(lambda _i: self._language_changed())
        self.dpi = _combo("dpi")
        for i, dpi in enumerate((203, 300)):
            self.dpi.addItem("", dpi)
            said.set(partial(self.dpi.setItemText, i), partial(self._dpi_words, dpi))
        self.label_size = _combo("size")
        self.label_size.setEditable(True)
        self.label_size.addItems(["", *LABEL_SIZES])
        self.darkness = QSpinBox()
        self.darkness.setObjectName("darkness")
        self.darkness.setRange(NO_DARKNESS, 30)
        said.set(self.darkness.setSpecialValueText, lambda: self.tr("the printer's own"))
        self.darkness.setValue(NO_DARKNESS)
        self.cjk = _combo("cjk")
        self.cjk.addItem("", "builtin")
        self.cjk.addItem("", "bitmap")
        said.set(
            lambda t: self.cjk.setItemText(0, t), lambda: self.tr("the printer's Chinese font")
        )
        said.set(lambda t: self.cjk.setItemText(1, t), lambda: self.tr("drawn as bitmaps"))
        self.check_status = QCheckBox()
        self.check_status.setObjectName("checkStatus")
        said.set(self.check_status.setText, lambda: self.tr("Ask the printer before each job"))
        said.set(
            self.check_status.setToolTip,
            lambda: self.tr("Jobs wait while it is out of paper or its head is open"),
        )

    def _dpi_words(self, dpi: int) -> str:
        return filled(self.tr("%1 dpi"), dpi)

    def _buttons(self) -> None:
        self.save = QPushButton()
        self.save.setObjectName("save")
        self.said.set(self.save.setText, lambda: self.tr("✔ Save"))
        self.test = QPushButton()
        self.test.setObjectName("testPrint")
        self.said.set(self.test.setText, lambda: self.tr("▶ Test print"))
        self.ask = QPushButton()
        self.ask.setObjectName("askStatus")
        self.said.set(self.ask.setText, lambda: self.tr("Ask status"))
        self.save.clicked.connect(lambda: self.save_requested.emit(self))
        self.test.clicked.connect(lambda: self.test_requested.emit(self))
        self.ask.clicked.connect(lambda: self.status_requested.emit(self))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _label(self, words: Words) -> QLabel:
        label = QLabel()
        self.said.set(label.setText, words)
        return label

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self._label(lambda: self.tr("Name")), self.name)
        address = QVBoxLayout()
        address.addWidget(self.uri)
        address.addWidget(self.uri_problem)
        form.addRow(self._label(lambda: self.tr("Address")), address)
        form.addRow(self._label(lambda: self.tr("Language")), self.language)
        form.addRow(self._label(lambda: self.tr("Resolution")), self.dpi)
        form.addRow(self._label(lambda: self.tr("Label size (mm)")), self.label_size)
        form.addRow(self._label(lambda: self.tr("Darkness")), self.darkness)
        form.addRow(self._label(lambda: self.tr("Chinese text (TSPL)")), self.cjk)
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

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
            self.offer(self.devices)
            self.message.setText(self._words())
        super().changeEvent(event)

    # --- values -----------------------------------------------------------------------

    def offer(self, devices: Sequence[Device]) -> None:
        """Addresses found on this machine, in the address list (typing stays free)."""
        self.devices = list(devices)
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
        problem = ""
        if text:
            try:
                open_transport(text, preview_folder=Path("."))
            except PrintingError as exc:
                problem = "⚠ " + str(exc)
        self.uri_problem.setText(problem)
        self.uri_problem.setVisible(bool(problem))
        return bool(text) and not problem

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
            self.say(lambda: self.tr("None set: printing goes to the preview folder."))
            return
        self.name.setText(row.name)
        self.uri.setEditText(row.uri)
        self.language.setCurrentIndex(max(0, self.language.findData(row.language)))
        self.dpi.setCurrentIndex(max(0, self.dpi.findData(row.dpi)))
        self.label_size.setEditText(row.size)
        self.darkness.setValue(NO_DARKNESS if row.darkness is None else row.darkness)
        self.cjk.setCurrentIndex(max(0, self.cjk.findData(row.options.get("cjk", "builtin"))))
        self.check_status.setChecked(bool(row.options.get("check_status")))
        self.say("")

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

    def say(self, words: Words | str, *, bad: bool = False) -> None:
        """Say ``words`` under the buttons: a function of the window's language (said
        again when it changes) or fixed text (a printer's or a service's own words)."""
        self._words = words if callable(words) else (lambda: words)
        self.message.setText(self._words())
        self.message.setStyleSheet(BAD if bad else GOOD)
