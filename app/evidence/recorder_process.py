"""A station's recorder in a process of its own, for the window and ``packdesk scan``.

Reading the camera, burning the band in and encoding H.264 is mostly FFmpeg's work,
but the recorder's threads run Python between its calls, and in the window's process
every moment of it is one the GUI thread and the scan queue wait for (Python runs
one thread at a time): measured on 2 cores, a 1280x720/15 camera recorded in the
window's process took the pack page's Enter-to-repaint from about 9 ms to 17 ms
(p50), and recorded by another process it stayed where it was.

``RecorderProcess`` has the surface the counter uses (``start``, ``mark``, ``split``,
``photo``, ``stop``, ``recording``, ``close``, ``snapshot``, ``source``,
``camera_problem``): the commands are made here, with this process's clock, exactly
as ``Recorder`` makes them (``RecorderFront``), and sent down a pipe; the child is a
``Recorder`` that takes them as its own. What it says and the clips it seals come
back up the same pipe to a thread here, which hands them to ``on_event`` and
``on_sealed`` (the index is written from this process, as before). A child gone
(killed, crashed) is said as a camera problem; packing goes on without video.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
import time
from dataclasses import dataclass
from datetime import tzinfo
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from app.evidence.cameras import CameraSource
from app.evidence.clip_file import SealedClip
from app.evidence.commands import Command, RecorderEvent
from app.evidence.front import RecorderFront
from app.evidence.recorder import EventSink, Recorder, SealedSink, Snapshot
from app.evidence.words import EvidenceWords, said
from app.timeutil import Clock, utcnow

log = logging.getLogger(__name__)

NICENESS = 5  # the packer's screen first when both want a core; the clip keeps its time
BELOW_NORMAL_PRIORITY_CLASS = 0x4000  # Windows' step below normal (a nice of about 5)
START_SECONDS = 30.0  # a child that has not said it is ready by then is said to be lost


@dataclass(frozen=True)
class RecorderSpec:
    """What the child needs to build its ``Recorder`` (plain, picklable values)."""

    source: CameraSource
    folder: Path
    timezone: tzinfo
    tail_seconds: float
    stall_seconds: float
    min_free_bytes: int


def lower_priority() -> bool:
    """This process gives way to the counter's when both want a core: a nice of
    ``NICENESS`` on Linux and macOS, the priority class below normal on Windows. Not
    lower: nice 19 cost pictures on a loaded machine (a recorder starved to 11 fps),
    and neither it nor nice 10 made the scan path's p99 measurably better; SCHED_BATCH
    made it worse. Whether it could be lowered."""
    try:
        if hasattr(os, "nice"):
            os.nice(NICENESS)
            return True
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
            process = kernel32.GetCurrentProcess()
            return bool(kernel32.SetPriorityClass(process, BELOW_NORMAL_PRIORITY_CLASS))
    except (OSError, AttributeError) as exc:  # (a sandbox that refuses: record all the same)
        log.warning("the camera's process keeps its priority: %s", exc)
    return False


def _serve(pipe: Connection, spec: RecorderSpec) -> None:
    """The child: a recorder that takes its commands from the pipe until told to
    close, or until the parent's end closes (then it closes itself)."""
    lower_priority()
    sending = threading.Lock()

    def send(message: tuple[str, Any]) -> None:
        with sending:
            pipe.send(message)

    recorder = Recorder(
        spec.source,
        spec.folder,
        timezone=spec.timezone,
        tail_seconds=spec.tail_seconds,
        stall_seconds=spec.stall_seconds,
        min_free_bytes=spec.min_free_bytes,
        on_event=lambda event: send(("event", event)),
        on_sealed=lambda clip: send(("sealed", clip)),
    )
    send(("ready", None))
    while True:
        try:
            kind, value = pipe.recv()
        except (EOFError, OSError):  # the parent is gone: finish what is open
            recorder.close()
            return
        if kind == "cmd" and value.kind == "close":
            send(("closed", recorder.close(timeout=float(value.text or 15))))
            return
        if kind == "cmd":
            recorder.take(value)
        elif kind == "snapshot":
            send(("snapshot", recorder.snapshot(value)))


class RecorderProcess(RecorderFront):
    """A ``Recorder`` run in a child process; see the module's words."""

    def __init__(
        self,
        source: str | CameraSource,
        folder: Path,
        *,
        clock: Clock = utcnow,
        timezone: tzinfo,
        tail_seconds: float,
        stall_seconds: float,
        min_free_bytes: int = 0,
        on_event: EventSink | None = None,
        on_sealed: SealedSink | None = None,
    ) -> None:
        super().__init__(source, clock)  # (a SOURCE that is no camera raises here)
        self.tail_seconds = tail_seconds
        self.camera_problem: EvidenceWords | None = None
        self._on_event, self._on_sealed = on_event, on_sealed
        self._sending = threading.Lock()
        self._closed = threading.Event()
        self._close_answer: bool | None = None
        self._snapshot = Snapshot(None, 0, None)
        self._snapshot_came = threading.Condition()
        self._unsaved: set[str] = set()  # clips the index refused (said as not saved)
        spec = RecorderSpec(
            self.source, Path(folder), timezone, tail_seconds, stall_seconds, min_free_bytes
        )
        # spawn, not fork: this process has threads (Qt, the scan queue) that a forked
        # child would inherit half-held
        context = multiprocessing.get_context("spawn")
        mine, theirs = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(theirs, spec), name="packdesk-camera", daemon=True
        )
        self._process.start()
        theirs.close()  # (the child's end: closed here, so a dead child reads as EOF)
        self._pipe = mine
        self._listener = threading.Thread(target=self._listen, name="camera-news", daemon=True)
        self._listener.start()

    @property
    def pid(self) -> int | None:
        """The recording process's id (for a look at what it costs), None once closed."""
        return None if self._closed.is_set() else self._process.pid

    def _send(self, command: Command) -> None:
        self._put(("cmd", command))

    def _put(self, message: tuple[str, Any]) -> None:
        if self._closed.is_set():
            return
        try:
            with self._sending:
                self._pipe.send(message)
        except (OSError, ValueError):  # the child is gone: the listener says so
            pass

    def snapshot(self, room: tuple[int, int], wait: float = 0.5) -> Snapshot:
        """The camera's latest picture fitted in ``room`` (asked of the child, waited
        for up to ``wait`` seconds; the last one known otherwise)."""
        with self._snapshot_came:
            before = self._snapshot
            self._put(("snapshot", room))
            self._snapshot_came.wait_for(lambda: self._snapshot is not before, timeout=wait)
            return self._snapshot

    def close(self, timeout: float = 15.0) -> bool:
        """Finish: every clip sealed in the child and indexed here (True), or
        ``timeout`` (and the tail) passed (False)."""
        if self._closed.is_set():  # (closed already)
            return bool(self._close_answer)
        self._put(("cmd", Command("close", time.monotonic(), self._clock(), text=f"{timeout}")))
        self._closed.set()
        self._listener.join(self.tail_seconds + timeout + 2.0)
        self._process.join(2.0)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(2.0)
        if not self._process.is_alive():
            self._process.close()  # (its handle, not left for the garbage collector)
        self._pipe.close()
        return bool(self._close_answer)

    # --- the listener's thread ----------------------------------------------------------------

    def _listen(self) -> None:
        started = time.monotonic()
        ready = False
        while True:
            try:
                if not ready and not self._pipe.poll(START_SECONDS):
                    raise EOFError(f"not ready in {START_SECONDS:g} s")
                kind, value = self._pipe.recv()
            except (EOFError, OSError) as exc:
                if self._close_answer is None:
                    self._gone(str(exc) or "it stopped", time.monotonic() - started)
                return
            if kind == "ready":
                ready = True
            elif kind == "event":
                self._event(value)
            elif kind == "sealed":
                self._sealed(value)
            elif kind == "snapshot":
                with self._snapshot_came:
                    self._snapshot = value
                    self._snapshot_came.notify_all()
            elif kind == "closed":
                self._close_answer = bool(value)
                return

    def _event(self, event: RecorderEvent) -> None:
        if event.kind == "camera_lost":
            self.camera_problem = event.words
        elif event.kind == "camera_back":
            self.camera_problem = None
        elif event.kind == "clip_sealed" and event.clip_id in self._unsaved:
            return  # (it was said as not saved: the index refused it)
        self._emit(event)

    def _sealed(self, clip: SealedClip) -> None:
        if self._on_sealed is None:
            return
        try:
            self._on_sealed(clip)
        except Exception as exc:
            log.exception("indexing the clip of order %s", clip.start.order_number)
            self._unsaved.add(clip.start.clip_id)
            words = said("clip_failed", clip.start.order_number, type(exc).__name__)
            self._emit(RecorderEvent("clip_failed", words, clip.start.clip_id))

    def _gone(self, why: str, after: float) -> None:
        log.error("the camera's process stopped after %.0f s: %s", after, why)
        words = said("stream_ended", self.source.text, f"the recording process stopped ({why})")
        self.camera_problem = words
        self._emit(RecorderEvent("camera_lost", words))

    def _emit(self, event: RecorderEvent) -> None:
        if self._on_event is None:
            return
        try:
            self._on_event(event)
        except Exception:
            log.exception("camera event listener")
