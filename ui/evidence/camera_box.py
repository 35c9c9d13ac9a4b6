"""The counter's camera on the printers (hardware) page: which camera the station
has, a small live preview, and a test that says in words whether the camera opens,
its size and how many pictures a second it gives.

The camera is read on a thread of its own (``PreviewFeed``), a small picture handed
to the GUI thread about 5 times a second; the test runs on the page's queue. The
preview runs only while the page is on screen. When this window's recorder already
reads the same camera (a USB camera opens once), the preview shows the recorder's
latest picture and the test counts the recorder's pictures instead of opening it
again; the recorder keeps recording meanwhile.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QHideEvent, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import Engine

from app.evidence import store
from app.evidence.cameras import (
    CameraProblem,
    CameraTest,
    identity_or_text,
    open_camera,
    test_camera,
)
from app.evidence.playback import Picture, picture_of
from app.evidence.recorder_process import RecorderProcess
from app.evidence.words import said as said_core
from ui.evidence.words import said
from ui.pack.evidence_words import in_ui_language
from ui.refusal_words import refusal_words
from ui.retranslate import language_changed
from ui.workers import TaskQueue

log = logging.getLogger(__name__)

PREVIEW_SIZE = (256, 144)
PREVIEW_EVERY_S = 0.2  # a picture to the screen at most this often
TEST_SECONDS = 2.0


class PreviewFeed(QObject):
    """Reads ``source`` on a thread until ``stop``; small pictures and problems come
    back on the GUI thread."""

    picture = Signal(object)  # QImage
    problem = Signal(str)

    def __init__(
        self, source: str, recorder: RecorderProcess | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.source = source
        self.recorder = recorder  # this window's recorder of the same camera, if any
        self._stop = threading.Event()
        run = self._run if recorder is None else self._run_from_recorder
        self._thread = threading.Thread(target=run, name="camera-preview", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(1.0)  # (a device read stuck in the kernel is left behind)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with open_camera(self.source, open_timeout=5.0, read_timeout=3.0) as camera:
                    last = 0.0
                    for frame in camera.frames():
                        if self._stop.is_set():
                            return
                        now = time.monotonic()
                        if now - last >= PREVIEW_EVERY_S:
                            last = now
                            self.picture.emit(_small(frame))
            except CameraProblem as exc:
                self.problem.emit(refusal_words(exc))
            except Exception as exc:  # a bug of ours: said, and tried again
                log.exception("camera preview of %s", self.source)
                self.problem.emit(f"{type(exc).__name__}: {exc}")
            self._stop.wait(2.0)

    def _run_from_recorder(self) -> None:
        recorder = self.recorder
        assert recorder is not None
        shown = -1
        while not self._stop.wait(PREVIEW_EVERY_S):
            snap = recorder.snapshot(PREVIEW_SIZE)
            if snap.problem is not None:
                self.problem.emit(in_ui_language(snap.problem))
            elif snap.picture is not None and snap.frames_read != shown:
                shown = snap.frames_read
                self.picture.emit(_image(snap.picture))


def test_through(recorder: RecorderProcess, seconds: float) -> CameraTest | CameraProblem:
    """The recorder's camera measured as ``test_camera`` measures one: the pictures it
    gave over ``seconds``, and their size."""
    first = recorder.snapshot(PREVIEW_SIZE)
    began = time.monotonic()
    time.sleep(seconds)
    last = recorder.snapshot(PREVIEW_SIZE)
    took, frames = time.monotonic() - began, last.frames_read - first.frames_read
    if frames <= 0 or last.size is None:
        problem = last.problem or said_core("no_pictures", recorder.source.text, f"{seconds:g}")
        return CameraProblem(problem)
    width, height = last.size
    return CameraTest(recorder.source.text, width, height, frames, took, None)


def without_password(source: str) -> str:
    """A camera's address as the screen shows it: a network camera's password left
    out (``rtsp://admin:***@10.0.0.5/stream1``)."""
    return re.sub(r"(://[^/@:]*):[^/@]*@", r"\1:***@", source)


def _small(frame: Any) -> QImage:
    return _image(picture_of(frame, PREVIEW_SIZE))


def _image(picture: Picture) -> QImage:
    return QImage(
        picture.rgb, picture.width, picture.height, picture.stride, QImage.Format.Format_RGB888
    ).copy()


class CameraBox(QGroupBox):
    """The station's camera: its source, a preview and a test."""

    def __init__(
        self, engine: Engine, station: str, queue: TaskQueue, parent: QWidget | None = None
    ) -> None:
        super().__init__(said("camera_box"), parent)
        self.setObjectName("cameraBox")
        self.engine, self.station, self.queue = engine, station, queue
        self.source: str | None = None
        self._found: tuple[str | None, list[str]] | None = None  # (source, sharing), read
        self.feed: PreviewFeed | None = None
        self.pictures = 0  # shown in the preview (for the tests)
        # this window's recorder (the window sets it): used when it reads the same camera
        self.recorder_of: Callable[[], RecorderProcess | None] = lambda: None
        self.preview = QLabel(said("preview_off"))
        self.preview.setObjectName("cameraPreview")
        self.preview.setFixedSize(*PREVIEW_SIZE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("background: #101010; color: #e0e0e0;")
        self.where = QLabel()
        self.where.setObjectName("cameraSource")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_button = QPushButton(said("camera_test"))
        self.test_button.setObjectName("testCamera")
        self.test_button.setEnabled(False)
        self.test_button.clicked.connect(self.test)
        self.shared = QLabel()  # other counters with the same camera, if any
        self.shared.setObjectName("cameraShared")
        self.shared.setWordWrap(True)
        self.shared.setStyleSheet("color: #8a5300;")
        self.shared.hide()
        self.result = QLabel()
        self.result.setObjectName("cameraTest")
        self.result.setWordWrap(True)
        self.setFixedWidth(PREVIEW_SIZE[0] + 24)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addWidget(self.where)
        layout.addWidget(self.shared)
        layout.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addStretch(1)

    # --- the page is shown and hidden --------------------------------------------------------

    def load(self) -> None:
        """Read the station's camera (off the GUI thread), then preview it."""

        def read() -> tuple[str | None, list[str]]:
            source = store.camera_of(self.engine, self.station)
            others = [] if source is None else store.sharing(self.engine, self.station, source)
            return source, others

        self.queue.submit(read, self._loaded)

    def _loaded(self, found: tuple[str | None, list[str]]) -> None:
        self._found = found
        self.source = found[0]
        self.test_button.setEnabled(self.source is not None)
        self._say_source()
        if self.source is not None and self.isVisible():
            self.start_preview()

    def _say_source(self) -> None:
        """Where the camera is, and who else uses it, in the window's language."""
        if self._found is None:
            return  # not read yet
        source, others = self._found
        self.shared.setText(said("camera_shared", ", ".join(others)) if others else "")
        self.shared.setVisible(bool(others))
        if source is None:
            self.where.setText(said("camera_none", self.station))
            self.preview.setText(said("preview_off"))
            return
        shown = without_password(source)
        room = PREVIEW_SIZE[0] - 8
        elided = self.where.fontMetrics().elidedText(shown, Qt.TextElideMode.ElideMiddle, room)
        self.where.setText(said("camera_source", "\n" + elided))
        self.where.setToolTip(shown)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.setTitle(said("camera_box"))
            self.test_button.setText(said("camera_test"))
            if self.feed is None and self.preview.pixmap().isNull():
                self.preview.setText(said("preview_off"))
            self._say_source()
        super().changeEvent(event)

    def start_preview(self) -> None:
        if self.source is None or self.feed is not None:
            return
        self.preview.setText(said("preview_waiting"))
        self.feed = PreviewFeed(self.source, self._same_camera(), self)
        self.feed.picture.connect(self._picture)
        self.feed.problem.connect(self._problem)
        self.feed.start()

    def stop_preview(self) -> None:
        feed, self.feed = self.feed, None
        if feed is not None:
            feed.picture.disconnect(self._picture)
            feed.problem.disconnect(self._problem)
            feed.stop()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.start_preview()

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop_preview()
        super().hideEvent(event)

    def _same_camera(self) -> RecorderProcess | None:
        recorder, source = self.recorder_of(), self.source
        if recorder is None or source is None:
            return None
        same = identity_or_text(recorder.source.text) == identity_or_text(source)
        return recorder if same else None

    def _picture(self, image: QImage) -> None:
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.pictures += 1

    def _problem(self, words: str) -> None:
        self.preview.setPixmap(QPixmap())
        self.preview.setText(words)

    # --- the test ----------------------------------------------------------------------------

    def test(self) -> None:
        source = self.source
        if source is None:
            return
        self.test_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(said("camera_testing", f"{TEST_SECONDS:g}"))

        recorder = self._same_camera()

        def run() -> CameraTest | CameraProblem:
            if recorder is not None:
                return test_through(recorder, TEST_SECONDS)
            try:
                return test_camera(source, seconds=TEST_SECONDS)
            except CameraProblem as exc:
                return exc

        self.queue.submit(run, self._tested, lambda m, _b: self._test_failed(m))

    def _tested(self, outcome: CameraTest | CameraProblem) -> None:
        self.test_button.setEnabled(self.source is not None)
        if isinstance(outcome, CameraProblem):
            self._test_failed(in_ui_language(outcome.words))
            return
        self.result.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.result.setText(said("camera_ok", outcome.width, outcome.height, f"{outcome.fps:.1f}"))

    def _test_failed(self, message: str) -> None:
        self.test_button.setEnabled(self.source is not None)
        self.result.setStyleSheet("color: #b71c1c; font-weight: bold;")
        self.result.setText(said("camera_failed", message))
