"""What the counter calls on a recorder, in the caller's own thread: ``start``,
``mark``, ``split``, ``photo`` and ``stop`` read the clock, keep the caller's view of
the open clip, and hand one command on (``_send``): to the recorder's writer thread
in this process (``Recorder``), or down a pipe to a recorder in a process of its own
(``RecorderProcess``). Each returns at once."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable

from app.evidence.cameras import CameraSource, parse_source
from app.evidence.clip_file import ClipStart
from app.evidence.commands import Command
from app.timeutil import Clock


class RecorderFront:
    """The commands of a recorder and the caller's view of its open clip."""

    def __init__(
        self,
        source: str | CameraSource,
        clock: Clock,
        ticks: Callable[[], float] = time.monotonic,
    ) -> None:
        self.source = parse_source(source) if isinstance(source, str) else source
        self._clock = clock
        self._ticks = ticks  # the seconds a command is taken at (the recorder's own)
        self._lock = threading.Lock()
        self._current: ClipStart | None = None  # the caller's view: the open clip
        self._ending = False

    def _send(self, command: Command) -> None:
        raise NotImplementedError

    # --- what the counter calls (returns at once) ----------------------------------

    def start(
        self,
        order_number: str,
        station: str,
        packer: str,
        *,
        order_id: int | None = None,
        parcel: int = 1,
    ) -> str:
        """Begin the clip of ``order_number``'s parcel ``parcel``; its id. A clip still
        open (or in its tail) ends now."""
        at, when = self._ticks(), self._clock()
        start = ClipStart(uuid.uuid4().hex, order_number, order_id, parcel, station, packer, when)
        with self._lock:
            self._current, self._ending = start, False
        self._send(Command("start", at, when, start))
        return start.clip_id

    def mark(self, text: str) -> None:
        """A scan (or any moment worth finding) at this instant: kept in the clip's
        timeline and shown in the picture as the last scan."""
        self._send(Command("mark", self._ticks(), self._clock(), text=text))

    def split(self, parcel: int | None = None) -> str | None:
        """The parcel is closed and the next begun: its clip ends now and the next
        parcel's begins (``parcel``, else the next number). The new clip's id, or
        None when no order is being recorded."""
        at, when = self._ticks(), self._clock()
        with self._lock:
            current = self._current
            if current is None or self._ending:
                return None
            seq = parcel if parcel is not None else current.parcel + 1
            start = ClipStart(
                uuid.uuid4().hex,
                current.order_number,
                current.order_id,
                seq,
                current.station,
                current.packer,
                when,
            )
            self._current = start
        self._send(Command("split", at, when, start))
        return start.clip_id

    def photo(self) -> None:
        """A still of the next picture (the open box), kept with the clip."""
        self._send(Command("photo", self._ticks(), self._clock()))

    def stop(self, reason: str = "closed") -> None:
        """The order is closed, held or switched away: its clip ends ``tail_seconds``
        from now (``reason`` is kept with it)."""
        with self._lock:
            self._ending = True
        self._send(Command("stop", self._ticks(), self._clock(), text=reason))

    @property
    def recording(self) -> ClipStart | None:
        """The clip being recorded (in the caller's view), or None."""
        with self._lock:
            return None if self._ending else self._current
