"""Reading a clip back for the screen: its pictures in order, each as RGB bytes of
the size the screen wants, and a jump to any moment (a scan's mark) that lands on
the picture shown at that moment, not only on the key frame before it.

PyAV decodes (the FFmpeg that records decodes too: one FFmpeg in the installer, and
nothing that needs a GPU or a sound system). Not thread-safe: one reader per thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import av.error
from av.video.reformatter import VideoReformatter

from app.errors import PackdeskError


@dataclass(frozen=True)
class Picture:
    """One decoded picture: ``seconds`` into the clip, ``rgb`` rows of 3 bytes a
    pixel, ``stride`` bytes a row."""

    seconds: float
    width: int
    height: int
    stride: int
    rgb: bytes


def fit(size: tuple[int, int], room: tuple[int, int]) -> tuple[int, int]:
    """``size`` scaled to fit in ``room``, its shape kept, even numbers (the
    scaler's chroma wants them), at least 2x2."""
    width, height = size
    room_w, room_h = max(2, room[0]), max(2, room[1])
    scale = min(room_w / width, room_h / height)
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


def picture_of(frame: Any, room: tuple[int, int], *, own_scaler: bool = False) -> Picture:
    """A decoded frame as RGB bytes scaled to fit in ``room``. ``own_scaler``: scaled
    with a scaler of its own, not the frame's, for a frame another thread may be
    scaling at the same moment (a recorder's latest picture, which its writer scales
    for the clip): a frame's ``reformat`` keeps one FFmpeg scaling context, and two
    threads using it at once (FFmpeg works without the GIL) freed it under each other
    and crashed the recording process."""
    width, height = fit((frame.width, frame.height), room)
    if own_scaler:
        rgb = VideoReformatter().reformat(frame, width=width, height=height, format="rgb24")
    else:
        rgb = frame.reformat(width=width, height=height, format="rgb24")
    plane = rgb.planes[0]
    seconds = float(frame.time) if frame.time is not None else 0.0
    return Picture(seconds, width, height, plane.line_size, bytes(plane))


class ClipReader:
    """An open clip: ``pictures()`` from where the last ``seek`` put it."""

    def __init__(self, path: Path) -> None:
        try:
            self._container: Any = av.open(str(path))
        except (av.error.FFmpegError, OSError) as exc:
            raise PackdeskError(f"The video {path.name} does not open: {exc}") from exc
        if not self._container.streams.video:
            self._container.close()
            raise PackdeskError(f"{path.name} holds no video.")
        self._stream = self._container.streams.video[0]
        self._stream.thread_type = "AUTO"
        self.path = path
        self.width = int(self._stream.codec_context.width)
        self.height = int(self._stream.codec_context.height)
        rate = self._stream.average_rate or self._stream.guessed_rate
        self.rate = float(rate) if rate else 15.0
        self.duration = self._duration()
        self.room = (self.width, self.height)
        self._frames: Iterator[Any] | None = None
        self._next: Any = None  # a picture decoded by ``seek`` and not yet shown

    def _duration(self) -> float:
        stream = self._stream
        if stream.duration is not None and stream.time_base is not None:
            return float(stream.duration * stream.time_base)
        if self._container.duration is not None:
            return float(self._container.duration / av.time_base)
        return 0.0

    def pictures(self) -> Iterator[Picture]:
        """The pictures from the current place to the end."""
        if self._frames is None:
            self._frames = self._container.decode(self._stream)
        if self._next is not None:
            frame, self._next = self._next, None
            yield self._picture(frame)
        for frame in self._frames:
            yield self._picture(frame)

    def seek(self, seconds: float) -> Picture | None:
        """Go to ``seconds`` into the clip; the picture on screen at that moment (the
        last one at or before it; the first, before the first), or None when the
        clip has none. ``pictures()`` goes on from the one after it."""
        seconds = max(0.0, seconds)
        time_base = self._stream.time_base or Fraction(1, 90_000)
        self._container.seek(int(seconds / time_base), stream=self._stream, backward=True)
        self._frames = self._container.decode(self._stream)
        self._next = None
        shown = None
        late = seconds + 0.5 / self.rate  # (a picture's time is rounded to the rate)
        for frame in self._frames:
            if shown is not None and frame.time is not None and frame.time > late:
                self._next = frame
                break
            shown = frame
        return self._picture(shown) if shown is not None else None

    def _picture(self, frame: Any) -> Picture:
        return picture_of(frame, self.room)

    def close(self) -> None:
        self._container.close()

    def __enter__(self) -> ClipReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
