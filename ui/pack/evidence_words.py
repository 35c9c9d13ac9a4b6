"""The evidence's words (``app.evidence.words``) in the UI's language: each template
translated by its key, then filled with the event's values (the recorder says them on
its own threads; the pack page's camera line shows them)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.evidence.words import EvidenceWords
from app.packing.words import fill

# the evidence's words as lupdate sees them: the same English templates under the
# same keys (a test keeps the two the same)
EVIDENCE_WORDS: dict[str, str] = {
    "bad_source": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "%1 is not a camera source: give a device (/dev/video0), a URL (rtsp://..., "
            "http://...), a DirectShow name (video=...) or an FFmpeg graph (lavfi:...).",
        )
    ),
    "wrong_platform": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "%1 is a %2 camera, and this computer runs %3.",
        )
    ),
    "no_device": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "There is no camera %1: is it plugged in?",
        )
    ),
    "does_not_open": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "Camera %1 does not open: %2",
        )
    ),
    "in_use": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "Camera %1 is in use by another program or counter (a USB camera opens for one "
            "at a time): close the other, or give this counter its own camera.",
        )
    ),
    "no_pictures": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "Camera %1 gave no picture for %2 s.",
        )
    ),
    "stream_ended": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "Camera %1 stopped giving pictures: %2",
        )
    ),
    "camera_lost": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "Camera %1 stopped: order %2 is recorded only in part. Packing goes on.",
        )
    ),
    "camera_back": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "Camera %1 gives pictures again.",
        )
    ),
    "no_video": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "Camera %1 gives no picture: order %2 has no video. Packing goes on.",
        )
    ),
    "recording": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "Recording order %1.",
        )
    ),
    "clip_sealed": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "Video of order %1 saved (%2 s).",
        )
    ),
    "clip_failed": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "The video of order %1 could not be saved: %2",
        )
    ),
    "photo_failed": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "No photo of order %1: %2",
        )
    ),
    "no_h264": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "No H.264 encoder in this PyAV: clips are written in MPEG-4 Part 2.",
        )
    ),
    "disk_low": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "Disk nearly full: %1 GB free for video (at least %2 GB wanted): order %3 is "
            "not recorded. Packing goes on; old videos go by the retention rule.",
        )
    ),
    "disk_ok": str(QT_TRANSLATE_NOOP("EvidenceWords", "The disk has room for video again.")),
    "retention_done": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords", "Old videos deleted by the retention rule: %1 clips, %2 MB."
        )
    ),
    "retention_failed": str(
        QT_TRANSLATE_NOOP("EvidenceWords", "Old videos could not be deleted: %1")
    ),
    "copy_failed": str(
        QT_TRANSLATE_NOOP(
            "EvidenceWords",
            "Videos not copied to the network folder %1 (tried again later): %2",
        )
    ),
    "copy_back": str(
        QT_TRANSLATE_NOOP("EvidenceWords", "Videos are copied to the network folder %1 again.")
    ),
}


def in_ui_language(words: EvidenceWords) -> str:
    """``words`` translated by its key, then filled with its values."""
    template = QCoreApplication.translate("EvidenceWords", EVIDENCE_WORDS[words.key])
    return fill(template, words.values)
