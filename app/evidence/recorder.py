"""A station's recorder: a camera read on one thread, clips written on another, and
sealed (closed, hashed, indexed) on a third, so that whoever drives it (the pack
page, ``packdesk scan``) never waits: ``start``, ``mark``, ``split``, ``photo`` and
``stop`` read the clock, put one command on a queue and return (microseconds).

One clip per order and parcel. ``start`` when an order is opened at the counter,
``mark`` for every scan, ``split`` when a parcel is closed and the next begun,
``photo`` at completion (the open box), ``stop`` when the order is closed, held or
switched away: the clip ends ``tail_seconds`` later (the box being closed), or at
once when the next order starts in the meantime.

A disk with less than ``min_free_bytes`` free under ``folder`` (asked when a clip
begins, and every 30 s while it records) gives the clip no more pictures: the order
records that, and why, and it is said once (``disk_low``), its return too.

A camera that fails is said (``on_event``), is opened again and again, and never
stops packing: a clip recorded while it gave no pictures is ``partial`` (it has
gaps) or ``no_video`` (it has none), with the camera's problem in words.

Its seconds are ``ticks`` (``time.monotonic``): commands, pictures' arrival, tails
and stalls are all measured in them, so a faster one records hours in minutes (a
test of a long order).

``on_event`` and ``on_sealed`` are called on the recorder's own threads; the window
hands them on to the GUI thread with a queued signal, the CLI prints them.
Commands are meant to come from one thread (the one that scans).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any

import av.error

from app.evidence.cameras import (
    OPEN_TIMEOUT_S,
    CameraProblem,
    CameraSource,
    open_camera,
    reason_of,
)
from app.evidence.clip_file import FALLBACK_ENCODER, ClipFile, SealedClip
from app.evidence.clip_file import encoder_name as _encoder_name
from app.evidence.commands import Command, RecorderEvent
from app.evidence.front import RecorderFront
from app.evidence.playback import Picture, picture_of
from app.evidence.words import EvidenceWords, said
from app.evidence.writer import Writer, WriterContext
from app.timeutil import Clock, utcnow

log = logging.getLogger(__name__)

TAIL_SECONDS = 3.0
STALL_SECONDS = 3.0
FRAME_BUFFER = 8  # pictures waiting to be written (about half a second); older go first


@dataclass(frozen=True)
class Snapshot:
    picture: Picture | None  # fitted in the room asked for
    frames_read: int
    problem: EvidenceWords | None
    size: tuple[int, int] | None = None  # the camera's own picture size
    dropped: int = 0  # pictures the writer was too slow for, so far


EventSink = Callable[[RecorderEvent], None]
SealedSink = Callable[[SealedClip], object]


class Recorder(RecorderFront):
    """Records one camera for one station; see the module's words."""

    def __init__(
        self,
        source: str | CameraSource,
        folder: Path,
        *,
        clock: Clock = utcnow,
        timezone: tzinfo = UTC,
        size: tuple[int, int] | None = None,
        rate: int | None = None,
        tail_seconds: float = TAIL_SECONDS,
        stall_seconds: float = STALL_SECONDS,
        overlay: bool = True,
        on_event: EventSink | None = None,
        on_sealed: SealedSink | None = None,
        open_timeout: float = OPEN_TIMEOUT_S,
        min_free_bytes: int = 0,
        ticks: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(source, clock, ticks)
        self.folder = Path(folder)
        self._zone = timezone
        self._size, self._rate = size, rate
        self.tail_seconds, self.stall_seconds = tail_seconds, stall_seconds
        self._overlay_on = overlay
        self._on_event, self._on_sealed = on_event, on_sealed
        self._open_timeout = open_timeout
        # below this much free space under ``folder`` a clip gets no pictures (0: no check)
        self.min_free_bytes = min_free_bytes
        self._commands: queue.SimpleQueue[Command] = queue.SimpleQueue()
        self._frames: queue.Queue[tuple[float, Any]] = queue.Queue(maxsize=FRAME_BUFFER)
        self._finishing: queue.SimpleQueue[tuple[ClipFile, float, str] | None] = queue.SimpleQueue()
        self._closing = threading.Event()
        self.camera_problem: EvidenceWords | None = None  # the reader's latest, or None
        self.camera_rate: float | None = None
        self.dropped = 0  # pictures the writer was too slow for
        # the camera's latest picture and how many it gave: a preview of the same camera
        # in this program looks here (a USB camera opens once) instead of opening it
        self.last_frame: Any = None
        self.frames_read = 0
        self._threads = [
            threading.Thread(target=self._read_loop, name="evidence-camera", daemon=True),
            threading.Thread(target=self._write_loop, name="evidence-writer", daemon=True),
            threading.Thread(target=self._finish_loop, name="evidence-sealer", daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        if _encoder_name() == FALLBACK_ENCODER:
            self._emit(RecorderEvent("no_h264", said("no_h264")))

    def _send(self, command: Command) -> None:
        self._commands.put(command)

    def take(self, command: Command) -> None:
        """A command made elsewhere (by a ``RecorderFront`` in another process, with
        its clock), taken as this recorder's own."""
        self._commands.put(command)

    def snapshot(self, room: tuple[int, int], wait: float = 0.0) -> Snapshot:
        """The camera's latest picture fitted in ``room``, how many it gave so far,
        and its problem (a preview of the camera this recorder holds)."""
        frame = self.last_frame
        if frame is None:
            return Snapshot(None, self.frames_read, self.camera_problem, dropped=self.dropped)
        size = (frame.width, frame.height)
        picture = picture_of(frame, room, own_scaler=True)  # (the writer scales it too)
        return Snapshot(picture, self.frames_read, self.camera_problem, size, self.dropped)

    def close(self, timeout: float = 15.0) -> bool:
        """Finish: a clip in its tail is given its tail, an open clip ends now; every
        clip is sealed before this returns (True), or ``timeout`` passed (False)."""
        self._send(Command("close", self._ticks(), self._clock(), text="closed"))
        deadline = time.monotonic() + self.tail_seconds + timeout
        writer, sealer = self._threads[1], self._threads[2]
        writer.join(max(0.0, deadline - time.monotonic()))
        self._closing.set()
        sealer.join(max(0.0, deadline - time.monotonic()))
        self._threads[0].join(1.0)  # a reader stuck in a device read is left behind
        return not writer.is_alive() and not sealer.is_alive()

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the camera's thread -------------------------------------------------------

    def _read_loop(self) -> None:
        pause = 0.5
        while not self._closing.is_set():
            try:
                camera = open_camera(
                    self.source,
                    size=self._size or (1280, 720),
                    rate=self._rate or 15,
                    open_timeout=self._open_timeout,
                    read_timeout=self.stall_seconds,
                )
            except CameraProblem as exc:
                self.camera_problem = exc.words
            except Exception:  # a bug of ours: logged, and the camera tried again
                log.exception("opening camera %s", self.source.text)
            else:
                self.camera_rate = camera.rate
                try:
                    with camera:
                        for frame in camera.frames():
                            self.camera_problem, pause = None, 0.5
                            self.last_frame, self.frames_read = frame, self.frames_read + 1
                            self._offer((self._ticks(), frame))
                            if self._closing.is_set():
                                return
                except CameraProblem as exc:
                    self.camera_problem = exc.words
                except Exception:
                    log.exception("reading camera %s", self.source.text)
            self._closing.wait(pause)
            pause = min(pause * 2, 5.0)

    def _offer(self, item: tuple[float, Any]) -> None:
        while True:
            try:
                self._frames.put_nowait(item)
                return
            except queue.Full:
                try:
                    self._frames.get_nowait()
                    self.dropped += 1
                except queue.Empty:
                    pass

    # --- the writer's thread -------------------------------------------------------

    def _writer_context(self) -> WriterContext:
        def seal(clip: ClipFile, at: float, reason: str) -> None:
            self._finishing.put((clip, at, reason))

        return WriterContext(
            folder=self.folder,
            zone=self._zone,
            source_text=self.source.text,
            size=self._size,
            rate=self._rate,
            overlay=self._overlay_on,
            tail_seconds=self.tail_seconds,
            stall_seconds=self.stall_seconds,
            min_free_bytes=self.min_free_bytes,
            ticks=self._ticks,
            emit=self._emit,
            seal=seal,
            camera_problem=lambda: self.camera_problem,
            camera_rate=lambda: self.camera_rate,
        )

    def _write_loop(self) -> None:
        writer = Writer(self._writer_context())
        try:
            while not writer.done:
                while True:
                    try:
                        writer.command(self._commands.get_nowait())
                    except queue.Empty:
                        break
                try:
                    arrived, frame = self._frames.get(timeout=0.02)
                except queue.Empty:
                    pass
                else:
                    writer.picture(frame, arrived)
                writer.tick(self._ticks())
        except Exception:
            log.exception("the evidence writer stopped")
            writer.abandon()
        finally:
            self._finishing.put(None)

    # --- the sealer's thread -------------------------------------------------------

    def _finish_loop(self) -> None:
        while (item := self._finishing.get()) is not None:
            clip, ended, reason = item
            number = clip.start.order_number
            try:
                sealed = clip.close(ended, reason)
                if self._on_sealed is not None:
                    self._on_sealed(sealed)
            except (OSError, av.error.FFmpegError) as exc:  # the disk: full, gone, read-only
                words = said("clip_failed", number, reason_of(exc))
                self._emit(RecorderEvent("clip_failed", words, clip.start.clip_id))
            except Exception as exc:
                log.exception("sealing the clip of order %s", number)
                words = said("clip_failed", number, type(exc).__name__)
                self._emit(RecorderEvent("clip_failed", words, clip.start.clip_id))
            else:
                seconds = f"{sealed.duration_s:.0f}"
                words = said("clip_sealed", number, seconds)
                self._emit(RecorderEvent("clip_sealed", words, clip.start.clip_id, sealed))

    def _emit(self, event: RecorderEvent) -> None:
        if self._on_event is None:
            return
        try:
            self._on_event(event)
        except Exception:  # the listener's bug must not stop the recording
            log.exception("evidence event listener")


__all__ = ["EventSink", "Recorder", "RecorderEvent", "SealedSink"]
