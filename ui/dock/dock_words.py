"""The dock's words (``app.shipping.dock_words``) in the UI's language: each template
translated by its key, then filled with the handover's values (an order's state named
in the UI's language)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.packing.words import fill
from app.shipping.dock_words import DockWords

# dock words whose second value is an order's state (its keyword: "cancelled")
_STATE_IN_WORDS = frozenset({"intercepted", "intercepted_loaded"})

# the dock's words as lupdate sees them: the same English templates under the same
# keys as the core's (a test keeps the two the same)
DOCK_WORDS: dict[str, str] = {
    "loaded_missing": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "Loaded: %1, order %2, parcel %3. Still missing: parcel %4.",
        )
    ),
    "shipped_one": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "Shipped: order %1 (%2) is on the %3 truck. On this load: %4.",
        )
    ),
    "shipped": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "Shipped: order %1, its %2 parcels are all on the %3 truck. On this load: %4.",
        )
    ),
    "already_loaded": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "Scanned twice: %1 was loaded at %2 onto %3. It is on the truck already.",
        )
    ),
    "unknown_label": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "Unknown label %1: no parcel has this number. Keep it off the truck.",
        )
    ),
    "wrong_carrier": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "Wrong truck: %1 is a %2 parcel, this load is %3. Keep it off.",
        )
    ),
    "intercepted": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "STOP: order %1 is %2. This parcel must not leave: take it off the truck.",
        )
    ),
    "carrier_changed": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "STOP: order %1 now goes with %2, its label is for %3. Print its label again.",
        )
    ),
    "no_tracking": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "Order %1's parcel %2 has no tracking number yet: print its waybill first.",
        )
    ),
    "no_waybill": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "Order %1 has no waybill yet: print its waybill first.",
        )
    ),
    "scan_tracking_number": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "%1 is the order's number: scan the tracking number on its waybill.",
        )
    ),
    "intercepted_loaded": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "STOP: order %1 is %2 but its parcel %3 is on load %4: take it off the truck.",
        )
    ),
    "scan_each_parcel": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "Order %1 has %2 parcels: scan each parcel's own label, not the order.",
        )
    ),
    "not_a_label": str(
        QT_TRANSLATE_NOOP(
            "DockWords",
            "%1 is not a label: %2",
        )
    ),
}

# an order's state as the dock's words name it, lower case inside a sentence
_STATES: dict[str, str] = {
    "new": str(QT_TRANSLATE_NOOP("DockState", "new, not packed")),
    "ready": str(QT_TRANSLATE_NOOP("DockState", "back in the queue, not packed")),
    "packing": str(QT_TRANSLATE_NOOP("DockState", "being packed again")),
    "packed": str(QT_TRANSLATE_NOOP("DockState", "packed")),
    "shipped": str(QT_TRANSLATE_NOOP("DockState", "shipped")),
    "on_hold": str(QT_TRANSLATE_NOOP("DockState", "on hold")),
    "cancelled": str(QT_TRANSLATE_NOOP("DockState", "cancelled")),
}


def state_words(state: str) -> str:
    """An order's state, lower case, in the UI's language (its keyword if unknown)."""
    known = _STATES.get(state)
    return QCoreApplication.translate("DockState", known) if known else state


def in_ui_language(words: DockWords) -> str:
    template = QCoreApplication.translate("DockWords", DOCK_WORDS[words.key])
    values = words.values
    if words.key in _STATE_IN_WORDS and len(values) > 1:
        values = (values[0], state_words(values[1]), *values[2:])
    return fill(template, values)
