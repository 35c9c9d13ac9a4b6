"""How a handover at the dock looks and sounds: colour, icon, sound and big words.

Never colour alone: every answer has an icon, a sound and words too. A parcel on the
truck is green with the OK sound (an order whose last parcel went on, its chime); a
refusal is dark red with an error sound, its headline in capitals, and an
intercepted parcel (cancelled, held or re-routed after its label printed) is the
loudest of all: "STOP" and the siren, because that parcel must come off the truck.
The words under the headline are the core's own (``app.shipping.dock_words``),
translated by their key.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.shipping.dock import Handover, Outcome
from ui.dock import dock_words
from ui.pack.verdict_look import Look
from ui.words import filled

STOP_SOUND = "stop"  # the loudest: a parcel that must not leave


def look(h: Handover) -> Look:
    """The banner's colour, icon, sound and headline for one handover."""
    o = h.outcome
    if o is Outcome.LOADED:
        return Look(
            "ok",
            "✔",
            "accepted",
            filled(
                QCoreApplication.translate("Handover", "LOADED  %1  parcel %2"), h.order, h.parcel
            ),
        )
    if o is Outcome.SHIPPED:
        return Look(
            "ok",
            "✔",
            "complete",
            filled(QCoreApplication.translate("Handover", "SHIPPED  order %1"), h.order),
        )
    if o is Outcome.INTERCEPTED:
        return Look(
            "error",
            "⊗",
            STOP_SOUND,
            filled(
                QCoreApplication.translate("Handover", "STOP  order %1: take it off"),
                h.order or "?",
            ),
        )
    icon, sound, headline = _REFUSALS.get(o, _NOT_A_LABEL)
    return Look("error", icon, sound, QCoreApplication.translate("Handover", headline))


# the refusals whose look never depends on the handover: icon, sound, headline
_REFUSALS: dict[Outcome, tuple[str, str, str]] = {
    Outcome.TWICE: (
        "⊘",
        "over_scan",
        str(QT_TRANSLATE_NOOP("Handover", "SCANNED TWICE: already on the truck")),
    ),
    Outcome.WRONG_CARRIER: (
        "✖",
        "wrong_item",
        str(QT_TRANSLATE_NOOP("Handover", "WRONG TRUCK: keep it off")),
    ),
    Outcome.NO_TRACKING: (
        "✖",
        "wrong_item",
        str(QT_TRANSLATE_NOOP("Handover", "NO TRACKING NUMBER: keep it off")),
    ),
    Outcome.SCAN_EACH: (
        "☝",
        "unknown",
        str(QT_TRANSLATE_NOOP("Handover", "SCAN EACH PARCEL'S LABEL")),
    ),
    Outcome.UNKNOWN: (
        "?",
        "unknown",
        str(QT_TRANSLATE_NOOP("Handover", "UNKNOWN LABEL: keep it off")),
    ),
}
_NOT_A_LABEL = ("?", "unknown", str(QT_TRANSLATE_NOOP("Handover", "NOT A LABEL: scan again")))


def detail(h: Handover) -> str:
    """The core's words for the handover, in the UI's language."""
    return dock_words.in_ui_language(h.words)


def result_words(h: Handover) -> str:
    """The handover in a word or two, for the list of scans (which shows the order and
    the parcel in columns of their own)."""
    return QCoreApplication.translate("Handover", _RESULTS[h.outcome])


_RESULTS: dict[Outcome, str] = {
    Outcome.LOADED: str(QT_TRANSLATE_NOOP("Handover", "Loaded")),
    Outcome.SHIPPED: str(QT_TRANSLATE_NOOP("Handover", "Shipped")),
    Outcome.INTERCEPTED: str(QT_TRANSLATE_NOOP("Handover", "STOP: take it off")),
    Outcome.TWICE: str(QT_TRANSLATE_NOOP("Handover", "Scanned twice")),
    Outcome.WRONG_CARRIER: str(QT_TRANSLATE_NOOP("Handover", "Wrong truck")),
    Outcome.NO_TRACKING: str(QT_TRANSLATE_NOOP("Handover", "No tracking number")),
    Outcome.SCAN_EACH: str(QT_TRANSLATE_NOOP("Handover", "Scan each parcel")),
    Outcome.UNKNOWN: str(QT_TRANSLATE_NOOP("Handover", "Unknown label")),
    Outcome.INVALID: str(QT_TRANSLATE_NOOP("Handover", "Not a label")),
}
