"""What passes between a recorder's parts: the commands the counter's calls make
(``front``) for the writer thread (``writer``), and the events the recorder says.
Plain values, picklable (they cross the pipe to a recorder in its own process)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.evidence.clip_file import ClipStart, SealedClip
from app.evidence.words import EvidenceWords


@dataclass(frozen=True)
class RecorderEvent:
    """Something to say: ``camera_lost``, ``camera_back``, ``recording``,
    ``clip_sealed``, ``clip_failed``, ``photo_failed``, ``no_h264``, ``disk_low``,
    ``disk_ok``."""

    kind: str
    words: EvidenceWords
    clip_id: str | None = None
    clip: SealedClip | None = None


@dataclass(frozen=True)
class Command:
    kind: str  # start, mark, split, stop, photo, close
    at: float  # monotonic time of the call
    when: datetime  # the clock's time of the call (UTC)
    start: ClipStart | None = None
    text: str = ""
