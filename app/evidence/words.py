"""The evidence's words for people: a key and an English template with ``%1``, ``%2``
for its values, like the packing engine's (``app.packing.words``). The CLI prints the
English; the pack page translates the same template by its key before filling it in."""

from __future__ import annotations

from dataclasses import dataclass

from app.packing.words import fill

TEMPLATES: dict[str, str] = {
    "bad_source": (
        "%1 is not a camera source: give a device (/dev/video0), a URL (rtsp://..., "
        "http://...), a DirectShow name (video=...) or an FFmpeg graph (lavfi:...)."
    ),
    "wrong_platform": "%1 is a %2 camera, and this computer runs %3.",
    "no_device": "There is no camera %1: is it plugged in?",
    "does_not_open": "Camera %1 does not open: %2",
    "in_use": (
        "Camera %1 is in use by another program or counter (a USB camera opens for one "
        "at a time): close the other, or give this counter its own camera."
    ),
    "no_pictures": "Camera %1 gave no picture for %2 s.",
    "stream_ended": "Camera %1 stopped giving pictures: %2",
    "camera_lost": "Camera %1 stopped: order %2 is recorded only in part. Packing goes on.",
    "camera_back": "Camera %1 gives pictures again.",
    "no_video": "Camera %1 gives no picture: order %2 has no video. Packing goes on.",
    "recording": "Recording order %1.",
    "clip_sealed": "Video of order %1 saved (%2 s).",
    "clip_failed": "The video of order %1 could not be saved: %2",
    "photo_failed": "No photo of order %1: %2",
    "no_h264": "No H.264 encoder in this PyAV: clips are written in MPEG-4 Part 2.",
    "disk_low": (
        "Disk nearly full: %1 GB free for video (at least %2 GB wanted): order %3 is "
        "not recorded. Packing goes on; old videos go by the retention rule."
    ),
    "disk_ok": "The disk has room for video again.",
    "retention_done": "Old videos deleted by the retention rule: %1 clips, %2 MB.",
    "retention_failed": "Old videos could not be deleted: %1",
    "copy_failed": "Videos not copied to the network folder %1 (tried again later): %2",
    "copy_back": "Videos are copied to the network folder %1 again.",
}


@dataclass(frozen=True)
class EvidenceWords:
    key: str
    values: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.key not in TEMPLATES:
            raise KeyError(f"no evidence words {self.key!r}")

    def english(self) -> str:
        return fill(TEMPLATES[self.key], self.values)


def said(key: str, *values: object) -> EvidenceWords:
    return EvidenceWords(key, tuple(str(v) for v in values))
