"""The counter's scale in the window: its live reading at the foot of the pack page,
and each settled weight handed to the station when it awaits one.

A weight is given when it settles while the station awaits the parcel's weight
(``weight_required``, or again after a weight that did not match). A weight that
settled before the ask is given too, after a short grace, when it settled since the
scan before and the box does not move meanwhile: the last item may have gone in
before it was scanned, or be about to go in. The weight on the scale is given again
when another box is scanned for the parcel (its tare changes what the parcel should
weigh). A weight of nothing (an empty scale) is never given. Unplugging and what
the scale reports instead of a weight are said on the reading's line; the reader
reconnects by itself. A scale that takes commands (MT-SICS) is zeroed or tared from
the two buttons beside the reading (they never take the scanner's focus; the few
bytes are written off the GUI thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from app.devices.scale import ScaleReader
from app.packing import Outcome
from app.shipping.scale_protocols import Reading
from app.shipping.settling import SettledWeight
from ui.pack.station import Answer
from ui.retranslate import language_changed
from ui.words import filled

GRACE_MS = 1500  # how long a weight that settled before the ask waits for the box to move


class ScaleFeed(QObject):
    reading = Signal(object)  # Reading, from the reader's thread
    settled = Signal(object)  # SettledWeight
    note = Signal(str)

    def __init__(
        self,
        port: str,
        protocol: str,
        *,
        give: Callable[[str], None],
        baudrate: int = 9600,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._give = give
        self.wanted = False  # the station awaits the open order's parcel's weight
        self.at_hand: SettledWeight | None = None  # settled, and not moved since
        self.fresh = False  # ``at_hand`` settled since the station's answer before
        self.grace = QTimer(self)  # after an ask, for a weight that settled before it
        self.grace.setSingleShot(True)
        self.grace.setInterval(GRACE_MS)
        self.grace.timeout.connect(self._grace_over)
        self.label = QLabel()
        self.label.setObjectName("scaleReading")
        self.label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        # what the line says, in the screen's language (said again when it changes)
        self._words: Callable[[], str] = lambda: QCoreApplication.translate(
            "Scale", "⚖ Scale: connecting…"
        )
        self.label.setText(self._words())
        self.label.installEventFilter(self)
        self.reading.connect(self._show)
        self.settled.connect(self._settled)
        self.note.connect(self._note)
        # the reader's thread emits; Qt queues the signals to this object's (GUI) thread
        self.reader = ScaleReader(
            port,
            protocol,
            on_weight=self.settled.emit,
            on_note=self.note.emit,
            on_reading=self.reading.emit,
            baudrate=baudrate,
        )
        self.widget = self._with_buttons()

    def _with_buttons(self) -> QWidget:
        """The reading, and Zero and Tare when the scale takes commands."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        self._buttons: list[QPushButton] = []
        if self.reader.takes_commands:
            for name, command in (("scaleZero", self.reader.zero), ("scaleTare", self.reader.tare)):
                button = QPushButton()
                self._buttons.append(button)
                button.setObjectName(name)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scanner keeps the focus
                button.clicked.connect(lambda _=False, c=command: self._send(c))
                button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
                row.addWidget(button)
        row.addStretch(1)
        self._name_buttons()
        return box

    def _name_buttons(self) -> None:
        names = (
            QCoreApplication.translate("Scale", "Zero"),
            QCoreApplication.translate("Scale", "Tare"),
        )
        for button, words in zip(self._buttons, names, strict=False):
            button.setText(words)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The language changed: the reading and the buttons said again in it."""
        if watched is self.label and language_changed(event):
            self.label.setText(self._words())
            self._name_buttons()
        return super().eventFilter(watched, event)

    def _send(self, command: Callable[[], bool]) -> None:
        def send() -> None:
            if not command():
                self.note.emit(QCoreApplication.translate("Scale", "the scale is not connected"))

        threading.Thread(target=send, name="scale-command", daemon=True).start()

    def start(self) -> None:
        self.reader.start()

    def stop(self) -> None:
        self.reader.stop()

    def answered(self, answer: Answer) -> None:
        """The station's answer to a scan: whether it now awaits a weight."""
        verdict = answer.verdict
        if verdict.outcome is Outcome.WEIGHT_REQUIRED:
            self.wanted = True
            if self.at_hand is not None and self.fresh:
                self.grace.start()  # given unless the box moves first
        elif verdict.outcome is Outcome.WEIGHT_MISMATCH:
            self.wanted = True  # a new weight, once the box settles again
        elif verdict.outcome is Outcome.BOX_CHOSEN and self.wanted and self.at_hand is not None:
            self._hand_over(self.at_hand)  # another box: the same weight says another thing
        elif verdict.outcome is Outcome.ORDER_COMPLETE or verdict.remaining != 0:
            self.wanted = False  # closed, another order, a unit taken back, none open
        if verdict.outcome is not Outcome.WEIGHT_REQUIRED:
            self.fresh = False

    def _grace_over(self) -> None:
        if self.wanted and self.at_hand is not None:
            self._hand_over(self.at_hand)

    def _settled(self, weight: SettledWeight) -> None:
        self.at_hand, self.fresh = weight, True
        self.grace.stop()
        if self.wanted:
            self._hand_over(weight)

    def _hand_over(self, weight: SettledWeight) -> None:
        if weight.grams > 0:  # (nothing on the scale is no parcel's weight)
            self._give(f"WEIGHT:{weight.grams:.0f}g")

    def _show(self, reading: Reading) -> None:
        if not reading.stable:  # the box moves: what settled before says nothing now
            self.at_hand = None
            self.grace.stop()
        self._show_weight(reading.grams, stable=reading.stable)

    def _show_weight(self, grams: object, *, stable: bool) -> None:
        self._words = lambda: filled(
            QCoreApplication.translate("Scale", "⚖ %1 g")
            if stable
            else QCoreApplication.translate("Scale", "⚖ %1 g  (moving)"),
            f"{grams:.0f}",
        )
        self.label.setText(self._words())
        self.label.setStyleSheet(
            "font-size: 15pt; font-weight: bold;" + ("" if stable else " color: #8a5a00;")
        )

    def _note(self, words: str) -> None:
        """The port's state or a fault: said on the line, in red unless connected."""
        self.at_hand = None
        self.grace.stop()
        connected = words.endswith("baud")
        self._words = lambda: filled(QCoreApplication.translate("Scale", "⚖ %1"), words)
        self.label.setText(self._words())
        self.label.setStyleSheet(
            "font-size: 15pt; font-weight: bold;" + ("" if connected else " color: #b71c1c;")
        )
