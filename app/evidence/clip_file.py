"""One clip on disk: H.264 in MP4 written frame by frame, then sealed (SHA-256 of the
file, and the timeline of scans in a JSON file beside it).

The MP4 is written in fragments that begin at each key frame (every 2 s), so a clip
cut short by a power cut or a crash still plays up to its last fragment; closed
normally, it ends with an index and seeks like any MP4. A picture's time in the clip
is when it arrived (its presentation time counts frames at the clip's rate from the
clip's start): a camera that stalls leaves a gap, and the clip's length stays true.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

import av

from app.private_files import private_file

log = logging.getLogger(__name__)

#: Encoders in the order tried: H.264 (libx264 is in PyAV's wheels; OpenH264 in some
#: builds), and MPEG-4 Part 2 only when no H.264 encoder opens.
ENCODERS = ("libx264", "libopenh264", "h264")
FALLBACK_ENCODER = "mpeg4"
# (measured beside the counter's scan path on 2 cores: one encoder thread, superfast,
# ultrafast, zerolatency, nice 10 or 19 and SCHED_BATCH made its p99 no better; the
# lighter presets cost 8 % (superfast) and 100 % (ultrafast) more MB per hour)
X264_OPTIONS = {"preset": "veryfast", "crf": "27"}
KEYFRAME_SECONDS = 2
MP4_OPTIONS = {"movflags": "+frag_keyframe+empty_moov+default_base_moof"}

OK, PARTIAL, NO_VIDEO = "ok", "partial", "no_video"


@lru_cache(maxsize=1)
def encoder_name() -> str:
    """The H.264 encoder this PyAV has (or ``mpeg4``, and the caller says so)."""
    for name in ENCODERS:
        try:
            codec = av.codec.Codec(name, "w")
        except (av.error.FFmpegError, ValueError):  # (UnknownCodecError is a ValueError)
            continue
        if codec.type == "video":
            return name
    return FALLBACK_ENCODER


@dataclass(frozen=True)
class Mark:
    """A moment of the clip: a scan, a parcel begun, a note; ``offset_s`` into the
    video (where a player jumps to see it)."""

    offset_s: float
    at: datetime
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"offset_s": round(self.offset_s, 3), "at": self.at.isoformat(), "text": self.text}


@dataclass(frozen=True)
class ClipStart:
    """What was known when recording began."""

    clip_id: str
    order_number: str
    order_id: int | None
    parcel: int
    station: str
    packer: str
    started_at: datetime  # UTC


@dataclass(frozen=True)
class SealedClip:
    """A finished clip: its files, its figures and its timeline, for the index."""

    start: ClipStart
    path: Path  # the MP4 (absent when the clip has no video)
    timeline_path: Path
    photo_path: Path | None
    photo_sha256: str | None
    ended_at: datetime
    duration_s: float
    frames: int
    bytes: int
    sha256: str | None
    status: str  # ok, partial, no_video
    camera_problem: str | None
    codec: str
    stop_reason: str
    marks: tuple[Mark, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        s = self.start
        return {
            "clip": s.clip_id,
            "order": s.order_number,
            "parcel": s.parcel,
            "station": s.station,
            "packer": s.packer,
            "started_at": s.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat(),
            "duration_s": round(self.duration_s, 3),
            "frames": self.frames,
            "bytes": self.bytes,
            "video": self.path.name if self.sha256 else None,
            "sha256": self.sha256,
            "photo": self.photo_path.name if self.photo_path else None,
            "photo_sha256": self.photo_sha256,
            "status": self.status,
            "camera_problem": self.camera_problem,
            "codec": self.codec,
            "stop_reason": self.stop_reason,
            "marks": [m.to_json() for m in self.marks],
        }


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


class ClipFile:
    """An MP4 being written. Opened at the first picture (a clip whose camera never
    gave one has no file); ``close`` ends it and returns what to seal."""

    def __init__(self, start: ClipStart, path: Path, rate: int, began: float) -> None:
        self.start = start
        self.path = path
        self.rate = rate
        self.began = began  # monotonic time of the start
        self.marks: list[Mark] = []
        self.photo_path: Path | None = None
        self.problem: str | None = None  # the camera's problem while recording, if any
        self.frames = 0
        self._last_pts = -1
        self.first_arrived = began  # when the first picture came: the video's time 0
        self._container: Any = None
        self._stream: Any = None
        self.codec = encoder_name()

    @property
    def size(self) -> tuple[int, int] | None:
        if self._stream is None:
            return None
        return self._stream.codec_context.width, self._stream.codec_context.height

    def _open(self, width: int, height: int) -> None:
        private_file(self.path)  # (its owner's alone: a box's video shows its label)
        container = av.open(str(self.path), "w", format="mp4", options=MP4_OPTIONS)
        stream: Any = container.add_stream(self.codec, rate=self.rate)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        stream.codec_context.time_base = Fraction(1, self.rate)
        stream.codec_context.gop_size = self.rate * KEYFRAME_SECONDS
        # no B-frames: a picture's time in the file is its time in the clip (no shift
        # by reordering), which the timeline's offsets count on
        stream.codec_context.max_b_frames = 0
        if self.codec == "libx264":
            stream.options = dict(X264_OPTIONS)
        elif self.codec == FALLBACK_ENCODER:
            stream.codec_context.bit_rate = 2_000_000
        self._container, self._stream = container, stream

    def write(self, frame: Any, arrived: float) -> bool:
        """Encode ``frame`` (yuv420p) that arrived at monotonic time ``arrived``;
        False when it came too soon after the last one (faster than the rate)."""
        if self._container is None:
            self._open(frame.width, frame.height)
            self.first_arrived = arrived
        pts = max(0, round((arrived - self.first_arrived) * self.rate))
        if pts <= self._last_pts:
            return False
        frame.pts = pts
        frame.time_base = Fraction(1, self.rate)
        for packet in self._stream.encode(frame):
            self._container.mux(packet)
        self._last_pts = pts
        self.frames += 1
        return True

    def close(self, ended: float, stop_reason: str) -> SealedClip:
        """End the file (if any), hash it and write the timeline beside it."""
        if self._container is not None:
            try:
                for packet in self._stream.encode():
                    self._container.mux(packet)
            finally:
                self._container.close()
        recorded = (self._last_pts + 1) / self.rate if self.frames else 0.0
        wall = max(0.0, ended - self.began)
        sha = sha256_of(self.path) if self.frames else None
        # the marks' offsets were taken from the start; the video begins at its first
        # picture (a camera is some milliseconds late, a failing one much later)
        late = self.first_arrived - self.began
        marks = tuple(Mark(max(0.0, m.offset_s - late), m.at, m.text) for m in self.marks)
        status = NO_VIDEO if not self.frames else PARTIAL if self.problem else OK
        if status == NO_VIDEO and self.problem is None:  # (an order closed within a moment)
            self.problem = f"no picture came in the {wall:.2f} s the clip was open"
        photo_sha = None
        if self.photo_path is not None and self.photo_path.exists():
            photo_sha = sha256_of(self.photo_path)
        sealed = SealedClip(
            start=self.start,
            path=self.path,
            timeline_path=self.path.with_suffix(".json"),
            photo_path=self.photo_path if photo_sha else None,
            photo_sha256=photo_sha,
            ended_at=self.start.started_at + timedelta(seconds=wall),
            duration_s=recorded,
            frames=self.frames,
            bytes=self.path.stat().st_size if self.frames else 0,
            sha256=sha,
            status=status,
            camera_problem=self.problem,
            codec=self.codec,
            stop_reason=stop_reason,
            marks=marks,
        )
        try:
            write_timeline(sealed)
        except OSError as exc:  # the index still learns that this order has no video
            log.warning("timeline of clip %s not written: %s", self.start.clip_id, exc)
            said = f"the timeline could not be written: {exc.strerror or exc}"
            sealed = replace(sealed, camera_problem="; ".join(filter(None, [self.problem, said])))
        return sealed


def write_timeline(sealed: SealedClip) -> None:
    """The clip's facts and scans as JSON beside its MP4, written whole or not at all."""
    path = sealed.timeline_path
    partial = private_file(path.with_suffix(".json.part"))
    partial.write_text(
        json.dumps(sealed.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    os.replace(partial, path)
