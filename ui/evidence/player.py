"""A clip played in the window: decoded by PyAV on a thread of its own (the GUI
thread only puts a finished picture on a label), paced at the clip's own times, with
a jump to any moment that lands on the picture of that moment.

Why not Qt Multimedia: it plays these clips, but here (no GPU, no PipeWire, no
VA-API, offscreen) it warns a dozen times per player and brings a second FFmpeg; the
recorder's own PyAV decodes the same files anywhere, and a test can wait for a
picture. Each command carries a generation: a picture decoded for an older clip or
an older jump is dropped when it arrives.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.errors import PackdeskError
from app.evidence.playback import ClipReader, Picture
from ui.evidence.words import said
from ui.refusal_words import refusal_words
from ui.retranslate import language_changed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Command:
    kind: str  # open, play, pause, seek, room, quit
    generation: int
    path: Path | None = None
    seconds: float = 0.0
    room: tuple[int, int] = (640, 360)
    play: bool = True


class FrameFeed(QObject):
    """The decoding thread; its signals arrive on the GUI thread."""

    picture = Signal(object, float, int)  # QImage, seconds into the clip, generation
    opened = Signal(float, int)  # the clip's length in seconds, generation
    failed = Signal(str, int)
    ended = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.generation = 0
        self._commands: queue.SimpleQueue[_Command] = queue.SimpleQueue()
        self._room = (640, 360)
        self._thread = threading.Thread(target=self._run, name="evidence-player", daemon=True)
        self._thread.start()

    # --- the GUI thread's side -------------------------------------------------------------

    def open(self, path: Path, *, at: float = 0.0, play: bool = True) -> int:
        self.generation += 1
        self._put("open", path=path, seconds=at, play=play)
        return self.generation

    def seek(self, seconds: float) -> None:
        self.generation += 1
        self._put("seek", seconds=seconds)

    def play(self) -> None:
        self._put("play")

    def pause(self) -> None:
        self._put("pause")

    def set_room(self, width: int, height: int) -> None:
        self._room = (max(2, width), max(2, height))
        self._put("room")

    def stop(self) -> None:
        """Close the clip (the thread waits for the next)."""
        self.generation += 1
        self._put("close")

    def quit(self, timeout: float = 2.0) -> None:
        self._put("quit")
        self._thread.join(timeout)

    def _put(self, kind: str, **values: Any) -> None:
        self._commands.put(_Command(kind, self.generation, room=self._room, **values))

    # --- the decoding thread ----------------------------------------------------------------

    def _run(self) -> None:
        state = _Playing(self)
        while True:
            try:
                command = self._commands.get(timeout=state.wait())
            except queue.Empty:
                state.show_next()
                continue
            if command.kind == "quit":
                state.close()
                return
            try:
                state.handle(command)
            except PackdeskError as exc:
                state.close()
                self.failed.emit(refusal_words(exc), command.generation)
            except Exception as exc:  # a bug of ours: said, and the thread goes on
                log.exception("playing a clip")
                state.close()
                self.failed.emit(f"{type(exc).__name__}: {exc}", command.generation)


class _Playing:
    """The decoding thread's state: the open clip, where it is, its pace."""

    def __init__(self, feed: FrameFeed) -> None:
        self.feed = feed
        self.reader: ClipReader | None = None
        self.pictures: Any = None
        self.playing = False
        self.generation = 0
        self.upcoming: Picture | None = None
        self.base = (0.0, 0.0)  # (monotonic time, seconds into the clip) shown together
        self.shown = 0.0

    def wait(self) -> float | None:
        """How long until the next picture is due (None: nothing to play)."""
        if not self.playing or self.reader is None:
            return None
        if self.upcoming is None:
            self.upcoming = next(self.pictures, None)
            if self.upcoming is None:
                self.playing = False
                self.feed.ended.emit(self.generation)
                return None
        due = self.base[0] + (self.upcoming.seconds - self.base[1])
        return max(0.0, due - time.monotonic())

    def show_next(self) -> None:
        if self.upcoming is not None:
            self.emit(self.upcoming)
            self.upcoming = None

    def emit(self, picture: Picture) -> None:
        image = QImage(
            picture.rgb, picture.width, picture.height, picture.stride, QImage.Format.Format_RGB888
        ).copy()  # (its own pixels: the bytes go when this returns)
        self.shown = picture.seconds
        self.feed.picture.emit(image, picture.seconds, self.generation)

    def handle(self, command: _Command) -> None:
        kind = command.kind
        if kind == "open":
            assert command.path is not None
            self.close()
            self.generation = command.generation
            self.reader = ClipReader(command.path)
            self.reader.room = command.room
            self.feed.opened.emit(self.reader.duration, self.generation)
            self.jump(command.seconds)
            self.playing = command.play
        elif self.reader is None:
            return
        elif kind == "seek":
            self.generation = command.generation
            self.jump(command.seconds)
        elif kind == "play":
            self.playing = True
            self.base = (time.monotonic(), self.shown)
        elif kind == "pause":
            self.playing = False
        elif kind == "room":
            self.reader.room = command.room
        elif kind == "close":
            self.close()

    def jump(self, seconds: float) -> None:
        assert self.reader is not None
        picture = self.reader.seek(seconds)
        self.pictures = self.reader.pictures()
        self.upcoming = None
        if picture is not None:
            self.emit(picture)
        self.base = (time.monotonic(), self.shown)

    def close(self) -> None:
        if self.reader is not None:
            self.reader.close()
        self.reader, self.pictures, self.upcoming, self.playing = None, None, None, False


def clock_text(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class ClipPlayer(QWidget):
    """The picture, a play/pause button, a position slider and the time."""

    first_picture = Signal(float)  # perf_counter time the first picture of a clip was shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feed = FrameFeed(self)
        self.feed.picture.connect(self._picture)
        self.feed.opened.connect(self._opened)
        self.feed.failed.connect(self._failed)
        self.feed.ended.connect(self._ended)
        self.screen_label = QLabel()
        self.screen_label.setObjectName("videoPicture")
        self.screen_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.screen_label.setWordWrap(True)
        self.screen_label.setMinimumSize(320, 180)
        self.screen_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.screen_label.setStyleSheet("background: #101010; color: #f0f0f0; font-size: 13pt;")
        self.play_button = QPushButton(said("play"))
        self.play_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.play_button.clicked.connect(self.toggle)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.sliderMoved.connect(lambda ms: self.seek(ms / 1000))
        self.time_label = QLabel("0:00 / 0:00")
        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.screen_label, 1)
        layout.addLayout(controls)
        self.playing = False
        self.duration = 0.0
        self.position = 0.0
        self.generation = 0
        self.pictures_shown = 0
        self._waiting_first = False
        self.set_controls(False)

    def open(self, path: Path, *, at: float = 0.0) -> None:
        self.screen_label.clear()
        self.pictures_shown = 0
        self._waiting_first = True
        self.playing = True
        self.generation = self.feed.open(path, at=at, play=True)
        self._show_play()

    def show_words(self, text: str) -> None:
        """No clip to play: the words in its place."""
        self.feed.stop()
        self.generation = self.feed.generation
        self.playing = False
        self.screen_label.setPixmap(QPixmap())
        self.screen_label.setText(text)
        self.set_controls(False)

    def seek(self, seconds: float) -> None:
        self.feed.seek(seconds)
        self.generation = self.feed.generation

    def toggle(self) -> None:
        self.playing = not self.playing
        if self.playing:
            if self.position >= self.duration - 0.05:
                self.seek(0.0)  # played to its end: from the start again
            self.feed.play()
        else:
            self.feed.pause()
        self._show_play()

    def shutdown(self) -> None:
        self.feed.quit()

    def set_controls(self, on: bool) -> None:
        for widget in (self.play_button, self.slider):
            widget.setEnabled(on)

    def _show_play(self) -> None:
        self.play_button.setText(said("pause") if self.playing else said("play"))

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self._show_play()
        super().changeEvent(event)

    def _opened(self, duration: float, generation: int) -> None:
        if generation != self.generation:
            return
        self.duration = duration
        self.slider.setRange(0, int(duration * 1000))
        self.set_controls(True)

    def _picture(self, image: QImage, seconds: float, generation: int) -> None:
        if generation != self.generation:
            return
        self.screen_label.setPixmap(QPixmap.fromImage(image))
        self.pictures_shown += 1
        self.position = seconds
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(int(seconds * 1000))
            self.slider.blockSignals(False)
        self.time_label.setText(f"{clock_text(seconds)} / {clock_text(self.duration)}")
        if self._waiting_first:
            self._waiting_first = False
            self.first_picture.emit(time.perf_counter())

    def _failed(self, message: str, generation: int) -> None:
        if generation == self.generation:
            self.show_words(said("not_opened", message))

    def _ended(self, generation: int) -> None:
        if generation == self.generation:
            self.playing = False
            self._show_play()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = self.screen_label.size()
        self.feed.set_room(size.width(), size.height())
