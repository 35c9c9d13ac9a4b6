"""The recorder's writer thread: the open clip, its tail, the band burnt into each
picture, the camera's health (a stall is said once, and its return), the photo.
Only the writer thread touches a ``Writer``; see ``recorder``, which gives it what it
needs to know and to call in a ``WriterContext`` (and nothing else of its own)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta, tzinfo
from pathlib import Path
from typing import Any

import av
import av.error

from app.evidence.cameras import reason_of
from app.evidence.clip_file import ClipFile, ClipStart, Mark
from app.evidence.commands import Command, RecorderEvent
from app.evidence.overlay import Overlay
from app.evidence.words import EvidenceWords, said
from app.private_files import private_file


@dataclass(frozen=True)
class WriterContext:
    """What a writer is told by its recorder: the settings it records with, and what
    it calls. ``camera_problem`` and ``camera_rate`` read the camera thread's latest
    (its problem in words, or None; the rate it says it gives, or None yet)."""

    folder: Path
    zone: tzinfo  # the clip's folder day and the band's time are local to it
    source_text: str  # the camera as the person wrote it
    size: tuple[int, int] | None  # the clip's picture size (None: the camera's)
    rate: int | None  # the clip's pictures a second (None: the camera's)
    overlay: bool  # the band burnt into each picture
    tail_seconds: float
    stall_seconds: float
    min_free_bytes: int
    ticks: Callable[[], float]
    emit: Callable[[RecorderEvent], None]
    seal: Callable[[ClipFile, float, str], None]  # a finished clip, at, why: to be sealed
    camera_problem: Callable[[], EvidenceWords | None]
    camera_rate: Callable[[], float | None]


DISK_CHECK_SECONDS = 30.0  # while a clip is recorded, its disk's free space is asked this often


def free_bytes(folder: Path) -> int | None:
    """Free space on the disk that holds ``folder`` (or would: its nearest existing
    parent); None when even that cannot be asked."""
    for place in (folder, *folder.parents):
        try:
            return shutil.disk_usage(place).free
        except OSError:
            continue
    return None


def clip_path(folder: Path, start: ClipStart, zone: tzinfo) -> Path:
    """``FOLDER/2026-12-06/10228-1-3f2a9c1b.mp4``: a folder per local day, the order
    number (letters, digits, ``-`` and ``_`` kept), the parcel and the clip's id."""
    day = start.started_at.astimezone(zone).strftime("%Y-%m-%d")
    safe = re.sub(r"[^A-Za-z0-9_-]+", "_", start.order_number).strip("_") or "order"
    return folder / day / f"{safe[:40]}-{start.parcel}-{start.clip_id[:8]}.mp4"


class Writer:
    """The writer thread's state: the open clip, its tail, the camera's health."""

    def __init__(self, context: WriterContext) -> None:
        self.ctx = context
        self.clip: ClipFile | None = None
        self.ending_at: float | None = None
        self.stop_reason = ""
        self.closing = False
        self.done = False
        self.last_scan = ""
        self.photo_wanted = False
        self.last_picture = context.ticks()
        self.lost = False
        self.broken = False  # the clip's file failed to write: no more pictures into it
        self.overlay: Overlay | None = None
        self.disk_low = False  # the disk had less room than ``min_free_bytes`` last asked
        self.disk_asked = 0.0

    # commands
    def command(self, cmd: Command) -> None:
        if cmd.kind in ("start", "split"):
            assert cmd.start is not None
            reason = "next parcel" if cmd.kind == "split" else "next order"
            self.finish(cmd.at, reason)
            self.begin(cmd.start, cmd.at)
        elif cmd.kind == "mark" and self.clip is not None:
            self.clip.marks.append(Mark(max(0.0, cmd.at - self.clip.began), cmd.when, cmd.text))
            self.last_scan = cmd.text
        elif cmd.kind == "photo" and self.clip is not None:
            self.clip.photo_path = self.clip.path.with_name(self.clip.path.stem + "-photo.jpg")
            self.photo_wanted = True
        elif cmd.kind == "stop" and self.clip is not None and self.ending_at is None:
            self.ending_at, self.stop_reason = cmd.at + self.ctx.tail_seconds, cmd.text
        elif cmd.kind == "close":
            self.closing = True
            if self.ending_at is None:
                self.finish(cmd.at, "recorder closed")

    def begin(self, start: ClipStart, at: float) -> None:
        path = clip_path(self.ctx.folder, start, self.ctx.zone)
        # (a stream that says it has 90,000 pictures a second is taken at its word no more)
        rate = self.ctx.rate or min(60, round(self.ctx.camera_rate() or 15))
        self.clip = ClipFile(start, path, max(1, rate), at)
        self.ending_at, self.last_scan, self.broken = None, "", False
        if self.lost:
            self.clip.problem = self.problem_text()
        if self.check_disk(at):
            self.ctx.emit(RecorderEvent("recording", said("recording", start.order_number)))

    def check_disk(self, now: float) -> bool:
        """Whether the disk has room for the open clip (``min_free_bytes``); when it
        has not, the clip gets no more pictures (its order records why) and this is
        said once, and its return said when it comes."""
        self.disk_asked = now
        wanted = self.ctx.min_free_bytes
        free = free_bytes(self.ctx.folder) if wanted > 0 else None
        if free is None or free >= wanted:
            if self.disk_low:
                self.disk_low = False
                self.ctx.emit(RecorderEvent("disk_ok", said("disk_ok")))
            return True
        clip = self.clip
        number = clip.start.order_number if clip is not None else ""
        words = said("disk_low", f"{free / 1e9:.1f}", f"{wanted / 1e9:g}", number)
        if clip is not None and not self.broken:
            self.broken = True
            clip.problem = clip.problem or words.english()
            self.disk_low = True
            self.ctx.emit(RecorderEvent("disk_low", words, clip.start.clip_id))
        return False

    def finish(self, at: float, reason: str) -> None:
        """End the open clip at ``at``; a clip already told to stop (in its tail)
        keeps the reason it was stopped for (complete, held...), not what cut its
        tail short (the next order, the recorder closed)."""
        clip, self.clip = self.clip, None
        if clip is None:
            return
        if self.ending_at is not None and self.stop_reason:
            reason = self.stop_reason
        if self.photo_wanted:
            self.photo_wanted = False
            words = said("photo_failed", clip.start.order_number, "no picture from the camera")
            self.ctx.emit(RecorderEvent("photo_failed", words, clip.start.clip_id))
        self.ending_at = None
        self.ctx.seal(clip, at, reason)

    def abandon(self) -> None:
        """After a bug in the writer: seal what there is."""
        if self.clip is not None:
            self.clip.problem = self.clip.problem or "the recorder stopped"
            self.finish(self.ctx.ticks(), "recorder failed")

    # pictures
    def picture(self, frame: Any, arrived: float) -> None:
        self.last_picture = arrived
        if self.lost:
            self.lost = False
            self.ctx.emit(RecorderEvent("camera_back", said("camera_back", self.ctx.source_text)))
        clip = self.clip
        if clip is None or self.broken:
            return
        width, height = clip.size or self.ctx.size or (frame.width, frame.height)
        picture = frame.reformat(width=width, height=height, format="yuv420p")
        if picture is frame:
            picture.make_writable()  # (the decoder may still read a frame it gave)
        if self.ctx.overlay:
            if self.overlay is None or (self.overlay.width, self.overlay.height) != (width, height):
                self.overlay = Overlay(width, height)
            self.overlay.burn(picture, self.lines(clip, arrived))
        try:
            clip.write(picture, arrived)
            if self.photo_wanted and clip.photo_path is not None:
                self.photo_wanted = False
                private_file(clip.photo_path)  # (the owner's alone, as the clip)
                picture.to_image().save(clip.photo_path, "JPEG", quality=90)
        except (OSError, av.error.FFmpegError) as exc:  # the disk: full, gone, read-only
            self.broken = True
            clip.problem = f"the file could not be written: {reason_of(exc)}"
            words = said("clip_failed", clip.start.order_number, clip.problem)
            self.ctx.emit(RecorderEvent("clip_failed", words, clip.start.clip_id))

    def lines(self, clip: ClipFile, arrived: float) -> tuple[str, str]:
        s = clip.start
        first = f"{s.order_number}   {s.station}   {s.packer}"
        if s.parcel > 1:
            first += f"   #{s.parcel}"
        when = s.started_at + timedelta(seconds=max(0.0, arrived - clip.began))
        local = when.astimezone(self.ctx.zone).strftime("%Y-%m-%d %H:%M:%S")
        return first, f"{local}   {self.last_scan}".rstrip()

    # the clock
    def tick(self, now: float) -> None:
        if not self.lost and now - self.last_picture > self.ctx.stall_seconds:
            self.lost = True
            self.camera_lost()
        if self.clip is not None and now - self.disk_asked >= DISK_CHECK_SECONDS:
            self.check_disk(now)
        if self.ending_at is not None and now >= self.ending_at:
            self.finish(self.ending_at, self.stop_reason)
        if self.closing and self.clip is None:
            self.done = True

    def problem_text(self) -> str:
        words = self.ctx.camera_problem() or said(
            "no_pictures", self.ctx.source_text, f"{self.ctx.stall_seconds:g}"
        )
        return words.english()

    def camera_lost(self) -> None:
        source = self.ctx.source_text
        clip = self.clip
        if clip is None:
            words = self.ctx.camera_problem() or said(
                "no_pictures", source, f"{self.ctx.stall_seconds:g}"
            )
        else:
            clip.problem = clip.problem or self.problem_text()
            key = "camera_lost" if clip.frames else "no_video"
            words = said(key, source, clip.start.order_number)
        self.ctx.emit(RecorderEvent("camera_lost", words, clip.start.clip_id if clip else None))
