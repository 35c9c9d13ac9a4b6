"""Printer set-up for this station: a label printer (waybills) and a document printer
(packing slips, pick lists), each in its form (``ui.printer_form``); a test print and
a status question; and the counter's camera, with a live preview and a test
(``ui.evidence.camera_box``).

Changing the station's printers (and whether it prints by itself) is a supervisor's:
until one is signed in at this window (``ui.window_session``), Save and the
auto-print switch are disabled and the sign-in strip says who may; the service
checks the role again and records who saved. Testing and asking a printer stay open
to anyone: a packer whose labels stopped may look.

Everything that touches a device or the database (finding serial ports and CUPS
queues, saving, the test print, asking the printer) runs on the page's own queue,
never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.errors import PackdeskError
from app.permissions import Action
from app.printing import station as station_printers
from app.printing.config import PrintingConfig
from app.printing.printers import PrinterRow
from app.printing.station import Device
from ui.evidence.camera_box import CameraBox
from ui.permission_words import needed_line
from ui.printer_form import PrinterChoice, PrinterForm, device_words
from ui.printer_status import problem_words
from ui.refusal_words import refusal_words
from ui.retranslate import Said, language_changed
from ui.sign_in_strip import SignInStrip
from ui.window_session import SignedIn, WindowSession
from ui.words import filled
from ui.workers import TaskQueue

__all__ = ["PrinterChoice", "PrinterForm", "PrintersPage", "device_words"]

Words = Callable[[], str]


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
        session: WindowSession | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.station = station
        self.config = config
        self.session = session or WindowSession(parent=self)
        self.session.watch(self)
        self.queue = TaskQueue("printer-setup")
        self.devices: list[Device] = []
        self.current: dict[str, PrinterRow | None] = {}  # the station's printers as saved
        self.said = Said()
        self._found_words: Words = str
        self.strip = SignInStrip(engine, self.session, self._needed)
        heading = QLabel()
        self.said.set(heading.setText, lambda: filled(self.tr("Printers of station %1"), station))
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.auto_print = QCheckBox()
        self.said.set(
            self.auto_print.setText,
            lambda: self.tr(
                "Print the packing slip and the waybill as soon as an order is complete"
            ),
        )
        self.auto_print.setObjectName("autoPrint")
        self.auto_print.setChecked(auto_print)
        self.said.set(
            self.auto_print.setToolTip,
            lambda: self.tr("Off: nothing prints by itself; REPRINT still prints"),
        )
        self.auto_print.toggled.connect(self.auto_print_changed)
        self.label_form = PrinterForm("label", lambda: self.tr("Label printer: waybills"))
        self.document_form = PrinterForm(
            "document", lambda: self.tr("Document printer: packing slips")
        )
        self.forms = {"label": self.label_form, "document": self.document_form}
        for form in self.forms.values():
            form.save_requested.connect(self.save)
            form.test_requested.connect(self.test_print)
            form.status_requested.connect(self.ask_status)
        self.find_button = QPushButton()
        self.said.set(self.find_button.setText, lambda: self.tr("Find devices again"))
        self.find_button.setObjectName("findDevices")
        self.find_button.clicked.connect(self.find_devices)
        self.found = QLabel()
        self.found.setObjectName("devicesFound")
        self.found.setWordWrap(True)
        self.camera = CameraBox(engine, station, self.queue)
        self._layout(heading)
        self.session.changed.connect(lambda _user: self._allow())
        self._allow()
        self._started = False

    def _layout(self, heading: QLabel) -> None:
        note = QLabel()
        self.said.set(
            note.setText,
            lambda: self.tr(
                "Addresses: tcp://HOST:9100 (network), serial:///dev/ttyUSB0?baudrate=9600 or "
                "serial://COM3, usb:///dev/usb/lp0, cups://QUEUE, windows://Printer Name, "
                "file:///folder, preview."
            ),
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        forms = QHBoxLayout()
        forms.addWidget(self.label_form, 1)
        forms.addWidget(self.document_form, 1)
        forms.addWidget(self.camera)
        finding = QHBoxLayout()
        finding.addWidget(self.find_button)
        finding.addWidget(self.found, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.strip)
        layout.addWidget(self.auto_print)
        layout.addLayout(forms, 1)
        layout.addLayout(finding)
        layout.addWidget(note)

    # --- who may ----------------------------------------------------------------------

    def _needed(self, user: SignedIn | None) -> str:
        return needed_line(user, Action.CHANGE_PRINTERS, self.tr("change printers"))

    def _allow(self) -> None:
        """Save and the auto-print switch: for whoever may change printers."""
        allowed = self.session.may(Action.CHANGE_PRINTERS)
        self.auto_print.setEnabled(allowed)
        for form in self.forms.values():
            form.save.setEnabled(allowed)

    def scan(self, code: str, otherwise: Callable[[str], None] | None = None) -> None:
        """A scan while this page is on screen: a badge signs in; any other code goes
        to ``otherwise``."""
        self.strip.scanned(code, otherwise)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
            self.found.setText(self._found_words())
        super().changeEvent(event)

    # --- reading ----------------------------------------------------------------------

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

    def _say_found(self, words: Words) -> None:
        self._found_words = words
        self.found.setText(words())

    def find_devices(self) -> None:
        self._say_found(lambda: self.tr("Looking for serial ports, USB printers and CUPS queues…"))
        self.find_button.setEnabled(False)
        self.queue.submit(station_printers.devices, self._found, self._failed)

    def _found(self, devices: list[Device]) -> None:
        self.devices = devices
        self.find_button.setEnabled(True)
        for form in self.forms.values():
            form.offer(devices)
        self._say_found(
            lambda: (
                filled(
                    self.tr("Found on this machine: %1"),
                    ", ".join(device_words(d) for d in devices),
                )
                if devices
                else self.tr("No serial port, USB printer or CUPS queue found on this machine.")
            )
        )

    # --- acting -----------------------------------------------------------------------

    def save(self, form: PrinterForm) -> None:
        if not form.check_uri(form.uri_text()):
            self._no_address(form)
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
            form.say(
                lambda: (
                    "⚠ "
                    + filled(
                        self.tr("%1 is this station's other printer; give this one another name."),
                        c.name,
                    )
                ),
                bad=True,
            )
            return
        engine, station, config = self.engine, self.station, self.config
        user_id = self.session.user_id  # (the service checks their role again)
        self.session.touch()
        form.say(lambda: self.tr("Saving…"))

        def save() -> PrinterRow:
            return station_printers.save_printer(
                engine, station=station, role=c.role, name=c.name, uri=c.uri,
                language=c.language, dpi=c.dpi, size=c.size, darkness=c.darkness,
                options=c.options, config=config, user_id=user_id,
            )  # fmt: skip

        def saved(row: PrinterRow) -> None:
            self.current[form.role] = row

            def words() -> str:
                what = self.tr("waybills") if form.role == "label" else self.tr("packing slips")
                return filled(self.tr("✔ Saved: %1 prints this station's %2."), row.name, what)

            form.say(words)
            self.saved.emit()

        self.queue.submit(save, saved, lambda message, _bug: form.say("⚠ " + message, bad=True))

    def _no_address(self, form: PrinterForm) -> None:
        problem = form.uri_problem.text()
        form.say(problem or (lambda: self.tr("Give the printer's address.")), bad=True)

    def _row(self, form: PrinterForm) -> PrinterRow | None:
        if not form.check_uri(form.uri_text()):
            self._no_address(form)
            return None
        try:
            return form.choice().as_row()
        except PackdeskError as exc:  # a bad label size: plain words
            form.say("⚠ " + refusal_words(exc), bad=True)
            return None

    def test_print(self, form: PrinterForm) -> None:
        """The test label, sent straight to the address in the form (saved or not)."""
        row = self._row(form)
        if row is None:
            return
        config = self.config
        form.say(lambda: self.tr("Printing the test label…"))
        self.queue.submit(
            lambda: station_printers.test_print(row, config=config),
            lambda n: form.say(lambda: filled(self.tr("✔ Test label sent (%1 bytes)."), n)),
            lambda message, _bug: form.say("⚠ " + message, bad=True),
        )

    def ask_status(self, form: PrinterForm) -> None:
        row = self._row(form)
        if row is None:
            return
        form.say(lambda: self.tr("Asking the printer…"))

        def answered(problems: tuple[str, ...] | None) -> None:
            if problems is None:
                form.say(lambda: self.tr("Only ZPL and TSPL printers on the network can be asked."))
            elif problems:
                form.say(lambda: "⚠ " + ", ".join(problem_words(p) for p in problems), bad=True)
            else:
                form.say(lambda: self.tr("✔ The printer is ready."))

        self.queue.submit(
            lambda: station_printers.ask(row, timeout=3.0),
            answered,
            lambda message, _bug: form.say("⚠ " + message, bad=True),
        )

    def _failed(self, message: str, _bug: bool) -> None:
        self.find_button.setEnabled(True)
        self._say_found(lambda: "⚠ " + message)

    def shutdown(self) -> None:
        self.camera.stop_preview()
        self.strip.shutdown()
        self.queue.close(wait=True)
