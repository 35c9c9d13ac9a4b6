"""The packing video's words on screen (the board's player, the camera's preview and
test on the printers page, the disk's warnings at the pack page), in one place:
English templates marked for translation under the context "Evidence", each with
``%1``, ``%2`` for its values."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ui.words import filled

WORDS: dict[str, str] = {
    # the board's player
    "title": str(QT_TRANSLATE_NOOP("Evidence", "▶ Packing video — order %1")),
    "title_many": str(QT_TRANSLATE_NOOP("Evidence", "▶ Packing video — %1")),
    "close": str(QT_TRANSLATE_NOOP("Evidence", "✕ Close")),
    "play": str(QT_TRANSLATE_NOOP("Evidence", "▶ Play")),
    "pause": str(QT_TRANSLATE_NOOP("Evidence", "❚❚ Pause")),
    "clip": str(QT_TRANSLATE_NOOP("Evidence", "Parcel %1 · %2 · %3 · %4 · %5 s")),
    "clip_order": str(QT_TRANSLATE_NOOP("Evidence", "Order %1 · parcel %2 · %3 · %4 · %5 · %6 s")),
    "partial": str(QT_TRANSLATE_NOOP("Evidence", "Recorded in part: %1")),
    "no_video": str(QT_TRANSLATE_NOOP("Evidence", "This order has no video: %1")),
    "deleted": str(
        QT_TRANSLATE_NOOP("Evidence", "This video was deleted by the retention rule on %1.")
    ),
    "missing": str(
        QT_TRANSLATE_NOOP(
            "Evidence", "The video file is not on this computer: %1 (it was recorded at %2)."
        )
    ),
    "not_opened": str(QT_TRANSLATE_NOOP("Evidence", "The video does not play: %1")),
    "marks_hint": str(QT_TRANSLATE_NOOP("Evidence", "Click a scan (or Enter) to see that moment.")),
    "col_offset": str(QT_TRANSLATE_NOOP("Evidence", "In video")),
    "col_time": str(QT_TRANSLATE_NOOP("Evidence", "Time")),
    "col_scan": str(QT_TRANSLATE_NOOP("Evidence", "Scan")),
    "search_failed": str(QT_TRANSLATE_NOOP("Evidence", "The video could not be looked up: %1")),
    # finding video without a code: by SKU, packer, counter and days
    "search_sku": str(QT_TRANSLATE_NOOP("Evidence", "SKU")),
    "search_packer": str(QT_TRANSLATE_NOOP("Evidence", "Packer")),
    "search_from": str(QT_TRANSLATE_NOOP("Evidence", "From")),
    "search_to": str(QT_TRANSLATE_NOOP("Evidence", "to")),
    "search_any_sku": str(QT_TRANSLATE_NOOP("Evidence", "any SKU")),
    "search_any_packer": str(QT_TRANSLATE_NOOP("Evidence", "any packer")),
    "search_any_counter": str(QT_TRANSLATE_NOOP("Evidence", "any counter")),
    "search_find": str(QT_TRANSLATE_NOOP("Evidence", "Find video")),
    "find_button": str(QT_TRANSLATE_NOOP("Evidence", "▶ Find video")),
    "found_title": str(QT_TRANSLATE_NOOP("Evidence", "▶ Packing video — clips found: %1")),
    "found_newest": str(
        QT_TRANSLATE_NOOP(
            "Evidence", "▶ Packing video — the newest %1 clips found (narrow the search)"
        )
    ),
    "found_none": str(QT_TRANSLATE_NOOP("Evidence", "No video matches this search.")),
    "search_hint": str(
        QT_TRANSLATE_NOOP(
            "Evidence",
            "Scan a waybill or an order number, or search by SKU, packer, counter and days.",
        )
    ),
    # the camera on the printers page
    "camera_box": str(QT_TRANSLATE_NOOP("Evidence", "Camera of this counter")),
    "camera_none": str(
        QT_TRANSLATE_NOOP(
            "Evidence",
            "This counter has no camera. Give it one: "
            "packdesk cameras set --station %1 --source SOURCE",
        )
    ),
    "camera_source": str(QT_TRANSLATE_NOOP("Evidence", "Camera: %1")),
    "camera_shared": str(
        QT_TRANSLATE_NOOP(
            "Evidence",
            "⚠ Counter %1 has this camera too: each counter's video shows the other's "
            "box, and a USB camera opens for one at a time.",
        )
    ),
    "camera_test": str(QT_TRANSLATE_NOOP("Evidence", "Test camera")),
    "camera_testing": str(QT_TRANSLATE_NOOP("Evidence", "Testing the camera for %1 s…")),
    "camera_ok": str(
        QT_TRANSLATE_NOOP("Evidence", "✔ The camera opens: %1 × %2 pixels, %3 pictures a second.")
    ),
    "camera_failed": str(QT_TRANSLATE_NOOP("Evidence", "✘ The camera does not work: %1")),
    "preview_off": str(QT_TRANSLATE_NOOP("Evidence", "No picture")),
    "preview_waiting": str(QT_TRANSLATE_NOOP("Evidence", "Opening the camera…")),
}


def said(key: str, *values: object) -> str:
    """The words under ``key`` in the UI's language, filled with ``values``."""
    return filled(QCoreApplication.translate("Evidence", WORDS[key]), *values)
