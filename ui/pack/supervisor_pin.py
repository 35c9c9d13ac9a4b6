"""A supervisor's name and PIN at the counter, beside their badge (issue 17): inline
under the banner while a weight that did not match waits for a supervisor, never a
dialog. Its fields take the keyboard only when clicked (a scan is never lost to
them); the PIN is checked on the scans' queue (``PackStation.accept_weight_by_pin``)
and authorises that one weight only, the packer staying signed in. Whatever the
answer, the scan field has the keyboard again after it. A refusal is said here, in
red: an empty PIN or name (before anything is asked), a wrong PIN (counted toward
the lock-out), a locked-out user, a name that is no supervisor's."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.packing.override import OverrideRefused
from ui.pack.station import Answer, PackStation
from ui.refusal_words import refusal_words
from ui.retranslate import Said, language_changed


class SupervisorPin(QFrame):
    def __init__(
        self,
        station: PackStation,
        back_to_scan: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorPin")
        self.setAutoFillBackground(True)
        self.station = station
        self._back_to_scan = back_to_scan
        self.said = Said()
        self._words: Callable[[], str] = str  # what ``message`` says
        self.asking = False  # a name and PIN on their way
        prompt = QLabel()
        self.said.set(prompt.setText, lambda: self.tr("⚖ Or a supervisor's name + PIN:"))
        self.name = self._field("supervisorName", lambda: self.tr("Supervisor's name"))
        self.pin = self._field("supervisorPinField", lambda: self.tr("PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.accept_button = QPushButton()
        self.accept_button.setObjectName("supervisorAccept")
        self.accept_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.said.set(self.accept_button.setText, lambda: self.tr("Accept the weight"))
        self.message = QLabel()
        self.message.setObjectName("supervisorPinMessage")
        self.message.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.message.setWordWrap(True)
        self.name.returnPressed.connect(lambda: self.pin.setFocus())
        self.pin.returnPressed.connect(self.submit)
        self.accept_button.clicked.connect(lambda _=False: self.submit())
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 8, 2)
        for widget, stretch in ((prompt, 0), (self.name, 0), (self.pin, 0)):
            row.addWidget(widget, stretch)
        row.addWidget(self.accept_button)
        row.addWidget(self.message, 1)
        station.answered.connect(self._answered)
        station.override_done.connect(self._done)
        self.hide()

    def _field(self, name: str, placeholder: Callable[[], str]) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        # the keyboard only when clicked: showing the fields takes nothing from the scanner
        field.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        field.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        field.setMinimumWidth(140)
        self.said.set(field.setPlaceholderText, placeholder)
        return field

    def submit(self) -> None:
        """The name and PIN typed: refused at once if either is empty, else checked."""
        name, pin = self.name.text().strip(), self.pin.text()
        self.pin.clear()
        if self.asking:
            return
        if self.station.locked:
            self._say(lambda: self.tr("Locked: the packer scans their badge first."))
        elif not name:
            self._say(lambda: self.tr("Type the supervisor's name, then the PIN."))
        elif not pin:
            self._say(lambda: self.tr("Type the PIN: an empty PIN accepts nothing."))
        else:
            self.asking = True
            self.accept_button.setEnabled(False)
            self._say(lambda: self.tr("Checking the PIN…"))
            self.station.accept_weight_by_pin(name, pin)
            return
        self._back_to_scan()

    def _answered(self, answer: Answer) -> None:
        """Shown while a weight waits for a supervisor, and only then."""
        if answer.awaits_supervisor != self.isHidden():
            return
        if not answer.awaits_supervisor and self.isAncestorOf(self.focusWidget()):
            self._back_to_scan()
        self.name.clear()
        self.pin.clear()
        self._say(str)
        self.setHidden(not answer.awaits_supervisor)

    def _done(self, outcome: Answer | OverrideRefused | None) -> None:
        """The name and PIN answered: a refusal said here, the scan field's again."""
        self.asking = False
        self.accept_button.setEnabled(True)
        if isinstance(outcome, OverrideRefused):
            self._say(lambda: refusal_words(outcome))
        elif outcome is None:  # the database did not answer (the banner says so)
            self._say(str)
        self._back_to_scan()

    def _say(self, words: Callable[[], str]) -> None:
        self._words = words
        self.message.setText(words())

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
            self.message.setText(self._words())
        super().changeEvent(event)
