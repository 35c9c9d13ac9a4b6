"""The counter's scale in the window: its live reading at the foot of the pack page,
and each settled weight handed to the station when it awaits one.

A weight is given when the station asks for the parcel's weight (``weight_required``:
at once, if a weight has settled and not moved since), again after a weight that did
not match once the box on the scale settles anew, and again when another box is
scanned for the parcel (its tare changes what the parcel should weigh). A weight of
nothing (an empty scale) is never given. Unplugging and what the scale reports
instead of a weight are said on the reading's line; the reader reconnects by itself.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QLabel

from app.devices.scale import ScaleReader
from app.packing import Outcome
from app.shipping.scale_protocols import Reading
from app.shipping.settling import SettledWeight
from ui.pack.station import Answer
from ui.words import filled

_ASKING = (Outcome.WEIGHT_REQUIRED, Outcome.WEIGHT_MISMATCH)


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
        self.label = QLabel()
        self.label.setObjectName("scaleReading")
        self.label.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.label.setText(QCoreApplication.translate("Scale", "⚖ Scale: connecting…"))
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

    def start(self) -> None:
        self.reader.start()

    def stop(self) -> None:
        self.reader.stop()

    def answered(self, answer: Answer) -> None:
        """The station's answer to a scan: whether it now awaits a weight."""
        verdict = answer.verdict
        if verdict.outcome in _ASKING:
            self.wanted = True
            if verdict.outcome is Outcome.WEIGHT_REQUIRED and self.at_hand is not None:
                self._hand_over(self.at_hand)
        elif verdict.outcome is Outcome.BOX_CHOSEN and self.wanted and self.at_hand is not None:
            self._hand_over(self.at_hand)  # another box: the same weight says another thing
        elif verdict.order is None or verdict.remaining != 0:
            self.wanted = False  # closed, another order, or a unit taken back

    def _settled(self, weight: SettledWeight) -> None:
        self.at_hand = weight
        self._show_weight(weight.grams, stable=True)
        if self.wanted:
            self._hand_over(weight)

    def _hand_over(self, weight: SettledWeight) -> None:
        if weight.grams > 0:  # (nothing on the scale is no parcel's weight)
            self._give(f"WEIGHT:{weight.grams:.0f}g")

    def _show(self, reading: Reading) -> None:
        if not reading.stable:
            self.at_hand = None
        self._show_weight(reading.grams, stable=reading.stable)

    def _show_weight(self, grams: object, *, stable: bool) -> None:
        words = (
            QCoreApplication.translate("Scale", "⚖ %1 g")
            if stable
            else QCoreApplication.translate("Scale", "⚖ %1 g  (moving)")
        )
        self.label.setText(filled(words, f"{grams:.0f}"))
        self.label.setStyleSheet(
            "font-size: 15pt; font-weight: bold;" + ("" if stable else " color: #8a5a00;")
        )

    def _note(self, words: str) -> None:
        """The port's state or a fault: said on the line, in red unless connected."""
        self.at_hand = None
        connected = words.endswith("baud")
        self.label.setText(filled(QCoreApplication.translate("Scale", "⚖ %1"), words))
        self.label.setStyleSheet(
            "font-size: 15pt; font-weight: bold;" + ("" if connected else " color: #b71c1c;")
        )
