"""The counter's camera in the window: a recorder driven by the station's answers,
and a line at the foot of the pack page that says what it records.

The station's camera is read from the database, and its recorder started (in a
process of its own, ``app.evidence.recorder_process``), on a queue of its own, never
on the GUI thread. Then
each committed answer of the station is followed by ``app.evidence.follow`` (the
same rules as ``packdesk scan``'s): a clip per order and parcel, a mark per scan, a
photo at completion, a stop when the order is closed, held or lost.

Recorder calls only put a command on its queue (microseconds). Its events come on
its own threads and hop to the GUI thread through a queued signal; a clip sealed is
stored by ``EvidenceStore`` on the recorder's sealing thread, and the retention rule
and the network copies run by themselves on a thread of their own
(``app.evidence.housekeeping``). A camera that fails, or a disk nearly full, is said
in words, in red, and packing goes on.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtWidgets import QLabel
from sqlalchemy import Engine

from app.evidence import store
from app.evidence.follow import OpenHere, OrderRecording
from app.evidence.recorder import RecorderEvent
from app.evidence.recorder_process import RecorderProcess
from app.evidence.station import StationCamera, start_camera
from app.evidence.words import EvidenceWords
from app.packing.station_view import StationView
from app.settings import Settings
from app.timeutil import Clock, utcnow
from ui.pack.evidence_words import in_ui_language
from ui.pack.station import Answer
from ui.retranslate import language_changed
from ui.words import filled
from ui.workers import TaskQueue

log = logging.getLogger(__name__)

CLOSE_SECONDS = 5.0  # closing the window gives the clips this long to be sealed
STALL_SECONDS = 3.0  # no picture for this long: the camera is said to be lost
_BASE = "font-size: 13pt; font-weight: bold;"
_RED = _BASE + " color: #b71c1c;"
_QUIET = "font-size: 13pt; color: #555555;"


class CameraFeed(QObject):
    news = Signal(object)  # RecorderEvent, from the recorder's threads
    housekeeping = Signal(object)  # EvidenceWords: retention and copies, from their thread
    problem = Signal(str)  # for the status bar: a clip not saved, retention failing
    ready = Signal(bool)  # the station's camera was read: True when it has one

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        clock: Clock = utcnow,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = engine
        self.station = settings.station
        self._settings = settings
        self._clock = clock
        self.queue = TaskQueue(f"camera-{settings.station}")
        self.recorder: RecorderProcess | None = None
        self._made: StationCamera | None = None  # (set on the queue: closed even if not handed)
        self.following: OrderRecording | None = None
        self.lost: EvidenceWords | None = (
            None  # the camera's problem (EvidenceWords) while it gives no picture
        )
        self.failed: str | None = None  # the last clip that could not be saved (its order)
        self.disk_low: EvidenceWords | None = None  # the disk's words while it is nearly full
        self._waiting: StationView | None = None  # the view before the recorder was there
        self._shown: tuple[str, str, str] | None = None  # the line's words, tip and style
        self.label = QLabel()
        self.label.setObjectName("cameraStatus")
        self.label.setVisible(False)  # a station without a camera shows nothing
        self.label.installEventFilter(self)  # its words said again in a new language
        self._off: str | None = None  # why the camera could not be started
        self.news.connect(self._news)
        self.housekeeping.connect(lambda words: self.problem.emit(in_ui_language(words)))

    # --- starting and stopping ------------------------------------------------------

    def start(self) -> None:
        """Read the station's camera and build its recorder, off the GUI thread."""
        self.queue.submit(self._open, self._opened, self._not_opened)

    def shutdown(self) -> None:
        """The window closes: the recording ends and every clip is sealed (bounded)."""
        self.queue.close(wait=True)  # (a recorder being built is built)
        camera = self._made
        self.recorder = self._made = self.following = None
        if camera is not None:
            began = time.perf_counter()
            if not camera.close(CLOSE_SECONDS):
                log.warning("camera of %s: clips not sealed in time", self.station)
            log.info("camera of %s closed in %.1f s", self.station, time.perf_counter() - began)

    def _open(self) -> RecorderProcess | None:
        source = store.camera_of(self.db, self.station)
        if source is None:
            return None
        self._made = start_camera(
            self.db,
            self.station,
            source,
            self._settings,
            on_event=self.news.emit,  # queued to the GUI thread
            on_housekeeping=lambda _kind, words: self.housekeeping.emit(words),
            clock=self._clock,
            stall_seconds=STALL_SECONDS,
        )
        return self._made.recorder

    def _opened(self, recorder: RecorderProcess | None) -> None:
        self.recorder = recorder
        self.following = OrderRecording(recorder, self.station) if recorder else None
        self.label.setVisible(recorder is not None)
        self.ready.emit(recorder is not None)
        if recorder is not None:
            self._show()
            waiting, self._waiting = self._waiting, None
            if waiting is not None:
                self.follow(waiting)

    def _not_opened(self, message: str, _bug: bool) -> None:
        self._off = message
        self.label.setVisible(True)
        self._say_off()
        self.label.setStyleSheet(_RED)
        self.ready.emit(False)

    def _say_off(self) -> None:
        words = QCoreApplication.translate(
            "Camera", "⚠ Camera off — packing goes on without video: %1"
        )
        self.label.setText(filled(words, self._off or ""))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The language changed: the line said again in it."""
        if watched is self.label and language_changed(event):
            if self._off is not None:
                self._say_off()
            self._shown = None  # (said again even though it means the same)
            self._show()
        return super().eventFilter(watched, event)

    # --- the station's answers (GUI thread) ----------------------------------------------

    def answered(self, answer: Answer) -> None:
        """One committed answer: start, mark, split, photo or stop as it says."""
        if self.following is None:
            self._waiting = answer.view
            return
        self.following.answered(answer.verdict, open_here(answer.view))
        self._show()

    def follow(self, view: StationView) -> None:
        """The station's view read (at start, or by its watch): an order open here is
        recorded; one no longer open here (held or cancelled elsewhere) is stopped."""
        if self.following is None:
            self._waiting = view
            return
        self.following.follow(open_here(view))
        self._show()

    @property
    def order(self) -> str | None:
        """The order being recorded, as this side has it."""
        return self.following.order if self.following is not None else None

    @property
    def call_seconds(self) -> list[float]:
        """How long each recorder call took (on the GUI thread)."""
        return self.following.call_seconds if self.following is not None else []

    # --- the recorder's news (hopped to the GUI thread) ----------------------------------

    def _news(self, event: RecorderEvent) -> None:
        kind = event.kind
        if kind == "camera_lost":
            self.lost = event.words
        elif kind == "camera_back":
            self.lost = None
        elif kind == "recording":
            self.failed = None
        elif kind == "disk_low":
            self.disk_low = event.words
            self.problem.emit(in_ui_language(event.words))
        elif kind == "disk_ok":
            self.disk_low = None
            self.problem.emit(in_ui_language(event.words))
        elif kind == "clip_failed":
            self.failed = event.words.values[0] if event.words.values else ""
            self.problem.emit(in_ui_language(event.words))
        elif kind in ("photo_failed", "no_h264"):
            self.problem.emit(in_ui_language(event.words))
        self._show()

    # --- the line at the foot of the page --------------------------------------------

    def _show(self) -> None:
        """The line at the foot, set only when it changes: a label's style set again
        re-polishes it and lays the page's foot out again, at every scan."""
        if self.recorder is None:
            return
        look = self._look()
        if look != self._shown:
            self._shown = look
            text, tip, style = look
            self.label.setText(text)
            self.label.setToolTip(tip)
            self.label.setStyleSheet(style)

    def _look(self) -> tuple[str, str, str]:
        """(words, tooltip, style) of the line at the foot."""
        if self.lost is not None:
            if self.order is not None:
                text = filled(
                    QCoreApplication.translate(
                        "Camera", "⚠ Camera lost — packing goes on, order %1 has no video"
                    ),
                    self.order,
                )
            else:
                text = QCoreApplication.translate(
                    "Camera", "⚠ Camera off — packing goes on without video"
                )
            return text, in_ui_language(self.lost), _RED
        if self.disk_low is not None:
            text = QCoreApplication.translate(
                "Camera", "⚠ Disk nearly full — orders are not recorded, packing goes on"
            )
            return text, in_ui_language(self.disk_low), _RED
        if self.failed is not None:
            text = filled(
                QCoreApplication.translate(
                    "Camera", "⚠ Camera: the video of order %1 was not saved"
                ),
                self.failed,
            )
            return text, "", _RED
        if self.order is not None:
            text = filled(QCoreApplication.translate("Camera", "● REC — order %1"), self.order)
            # (the word says it; red is the recorder's light)
            return (
                text,
                filled(QCoreApplication.translate("Camera", "Recording order %1"), self.order),
                _RED,
            )
        return QCoreApplication.translate("Camera", "Camera ready, not recording"), "", _QUIET


def open_here(view: StationView) -> OpenHere | None:
    """The order open (claimed) at this station in ``view``, for its recorder."""
    order = view.order
    if order is None or not order.claimed_here:
        return None
    return OpenHere(order.number, order.id, view.user_name or "")


__all__ = ["CameraFeed"]
