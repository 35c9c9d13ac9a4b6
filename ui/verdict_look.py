"""How a verdict looks and sounds: colour, icon, sound and the packer's words.

Never colour alone: every verdict has an icon, a sound and words too. The words are
the UI's own, translated, built from the verdict's outcome and counts: the headline,
and the detail line under it (what to do next). Where the verdict's fields cannot
say it (what a command did, why the open order was lost), the detail is the engine's
own words (``app.packing.words``), translated by their key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.packing import Outcome, Verdict
from ui import engine_words
from ui.words import command_name


@dataclass(frozen=True)
class Look:
    tone: str  # ok, done, error, warn, info: the banner's style and colour
    icon: str  # a glyph that reads without colour
    sound: str  # a file in resources/sounds/, without .wav
    headline: str  # big words for the banner


_BACKGROUNDS = {
    "ok": "#1b5e20",
    "done": "#0d47a1",
    "error": "#b71c1c",
    "warn": "#e65100",
    "info": "#37474f",
}
TEXT = "#ffffff"  # the words are white on every tone's background


def background(tone: str) -> str:
    return _BACKGROUNDS[tone]


def look(v: Verdict) -> Look:
    o = v.outcome
    if o is Outcome.ACCEPTED and v.words is not None and v.words.key == "short_on_hold":
        # the last item of an order short of some: counted, but nothing is printed
        words = QCoreApplication.translate("Verdict", "ON HOLD  %1 is short").replace(
            "%1", v.order or ""
        )
        return Look("warn", "⚠", "alert", words)
    if o is Outcome.ACCEPTED:
        count = f"{v.packed}/{v.ordered}"
        words = (
            QCoreApplication.translate("Verdict", "OK  %1  %2")
            .replace("%1", v.sku or "")
            .replace("%2", count)
        )
        if v.units > 1:
            words += QCoreApplication.translate("Verdict", "  (+%1 case)").replace(
                "%1", str(v.units)
            )
        return Look("warn" if v.warning else "ok", "✔", "accepted", words)
    if o is Outcome.ORDER_COMPLETE:
        return Look(
            "done",
            "★",
            "complete",
            QCoreApplication.translate("Verdict", "Order %1 complete").replace("%1", v.order or ""),
        )
    if o is Outcome.ORDER_OPENED:
        words = QCoreApplication.translate("Verdict", "Order %1: %2 to pack").replace(
            "%1", v.order or ""
        )
        words = words.replace("%2", str(v.remaining or 0))
        # switched from an order begun: its items are still in the box
        return Look("warn", "⚠", "alert", words) if v.warning else Look("info", "▶", "info", words)
    if o is Outcome.WRONG_ITEM:
        words = QCoreApplication.translate("Verdict", "WRONG ITEM  %1").replace("%1", v.sku or "")
        return Look("error", "✖", "wrong_item", words)
    if o is Outcome.OVER_SCAN:
        words = QCoreApplication.translate("Verdict", "TOO MANY  %1  already %2/%3").replace(
            "%1", v.sku or ""
        )
        words = words.replace("%2", str(v.packed)).replace("%3", str(v.ordered))
        return Look("error", "⊘", "over_scan", words)
    if o is Outcome.UNKNOWN_CODE:
        return Look("error", "?", "unknown", QCoreApplication.translate("Verdict", "UNKNOWN CODE"))
    if o is Outcome.INVALID_INPUT and v.words is not None and v.words.key in _NOT_TRACKING:
        return Look(
            "error",
            "?",
            "unknown",
            QCoreApplication.translate("Verdict", "NOT A SERIAL OR LOT NUMBER"),
        )
    if o is Outcome.INVALID_INPUT:
        return Look(
            "error",
            "?",
            "unknown",
            QCoreApplication.translate("Verdict", "NOT A BARCODE: scan again"),
        )
    if o in (Outcome.SERIAL_REQUIRED, Outcome.LOT_REQUIRED):
        what = (
            QCoreApplication.translate("Verdict", "serial number")
            if o is Outcome.SERIAL_REQUIRED
            else QCoreApplication.translate("Verdict", "lot number")
        )
        words = (
            QCoreApplication.translate("Verdict", "Now scan the %1 of %2")
            .replace("%1", what)
            .replace("%2", v.sku or "")
        )
        return Look("warn", "➜", "info", words)
    if o is Outcome.DUPLICATE_SERIAL:
        return Look(
            "error",
            "☒",
            "wrong_item",
            QCoreApplication.translate("Verdict", "SERIAL ALREADY PACKED"),
        )
    if o is Outcome.EXPIRED_LOT:
        return Look(
            "error",
            "⚠",
            "wrong_item",
            QCoreApplication.translate("Verdict", "EXPIRED LOT: do not pack"),
        )
    if o is Outcome.NOT_PACKABLE:
        return Look(
            "error", "⊗", "wrong_item", QCoreApplication.translate("Verdict", "DO NOT PACK")
        )
    if o is Outcome.ORDER_CLAIMED_ELSEWHERE:
        return Look(
            "error",
            "⇄",
            "wrong_item",
            QCoreApplication.translate("Verdict", "Order is open at another station"),
        )
    if o is Outcome.NO_OPEN_ORDER:
        return Look(
            "warn", "▶", "unknown", QCoreApplication.translate("Verdict", "Scan an order first")
        )
    if o is Outcome.NOT_SIGNED_IN:
        return Look(
            "warn",
            "☝",
            "unknown",
            QCoreApplication.translate("Verdict", "Scan your badge to sign in"),
        )
    if o is Outcome.LOGIN:
        return Look("info", "✔", "info", QCoreApplication.translate("Verdict", "Signed in"))
    return Look(  # a command; one that could not do what it was asked warns
        "warn" if v.warning else "info",
        "⚠" if v.warning else "⚙",
        "alert" if v.warning else "info",
        QCoreApplication.translate("Verdict", "Command: %1").replace(
            "%1", command_name(v.command or "")
        ),
    )


# engine words for a code scanned where a serial or lot number was asked for
_NOT_TRACKING = frozenset({"item_not_tracking", "order_not_tracking"})
# what to do next, where the verdict's fields add nothing to it
_NEXT_STEP: dict[Outcome, str] = {
    Outcome.ORDER_COMPLETE: str(
        QT_TRANSLATE_NOOP("VerdictDetail", "Everything is in: close the box. Scan the next order.")
    ),
    Outcome.ORDER_OPENED: str(
        QT_TRANSLATE_NOOP("VerdictDetail", "Scan each item as it goes into the box.")
    ),
    Outcome.OVER_SCAN: str(
        QT_TRANSLATE_NOOP("VerdictDetail", "Take it out of the box: the line is already complete.")
    ),
    Outcome.INVALID_INPUT: str(
        QT_TRANSLATE_NOOP("VerdictDetail", "That was not a barcode. Scan again.")
    ),
    Outcome.SERIAL_REQUIRED: str(
        QT_TRANSLATE_NOOP("VerdictDetail", "The item is not counted until its number is scanned.")
    ),
    Outcome.DUPLICATE_SERIAL: str(
        QT_TRANSLATE_NOOP(
            "VerdictDetail",
            "This serial number was packed before. Check the item; take another one.",
        )
    ),
    Outcome.EXPIRED_LOT: str(
        QT_TRANSLATE_NOOP("VerdictDetail", "Take another one from a lot that has not expired.")
    ),
    Outcome.NO_OPEN_ORDER: str(
        QT_TRANSLATE_NOOP("VerdictDetail", "Scan the order's packing slip or pick list first.")
    ),
    Outcome.NOT_SIGNED_IN: str(
        QT_TRANSLATE_NOOP("VerdictDetail", "Scan your badge, then the order.")
    ),
    Outcome.LOGIN: "",  # the packer's name is on the screen
}
_NEXT_STEP[Outcome.LOT_REQUIRED] = _NEXT_STEP[Outcome.SERIAL_REQUIRED]


# why an order may not be packed, by its state ("%1" is the order's number)
_NOT_PACKABLE: dict[str, str] = {
    "on_hold": str(
        QT_TRANSLATE_NOOP(
            "VerdictDetail", "Order %1 is on hold: do not pack it. A supervisor can release it."
        )
    ),
    "cancelled": str(QT_TRANSLATE_NOOP("VerdictDetail", "Order %1 was cancelled: do not pack it.")),
    "shipped": str(QT_TRANSLATE_NOOP("VerdictDetail", "Order %1 has shipped already.")),
    "packed": str(QT_TRANSLATE_NOOP("VerdictDetail", "Order %1 is packed already.")),
    "new": str(QT_TRANSLATE_NOOP("VerdictDetail", "Order %1 is not released for packing yet.")),
}


def _lot_expired(expiry: date) -> str:
    return QCoreApplication.translate("VerdictDetail", "lot expired %1").replace(
        "%1", expiry.isoformat()
    )


def detail(v: Verdict) -> str:
    """The line under the headline: what happened in full, and what to do next."""
    o = v.outcome
    if o is Outcome.ACCEPTED and v.words is None:
        item, left = v.product_name or v.sku or "", str(v.remaining or 0)
        said = (
            QCoreApplication.translate("VerdictDetail", "%1: %2 more to pack in this order.")
            .replace("%1", item)
            .replace("%2", left)
        )
        if v.warning and v.expiry is not None:  # an expired lot let through
            return f"{said} ⚠ {_lot_expired(v.expiry)}"
        return f"{said} ⚠ {v.warning}" if v.warning else said
    if o is Outcome.ORDER_COMPLETE and v.warning and v.expiry is not None:
        step = QCoreApplication.translate("VerdictDetail", _NEXT_STEP[o])
        return f"{step} ⚠ {_lot_expired(v.expiry)}"  # the last item, let through expired
    if o is Outcome.ORDER_COMPLETE and v.words is not None:  # its lot may hide an expiry
        step = QCoreApplication.translate("VerdictDetail", _NEXT_STEP[o])
        return f"{step} ⚠ {engine_words.in_ui_language(v.words)}"
    if o is Outcome.WRONG_ITEM:
        said = (
            QCoreApplication.translate(
                "VerdictDetail", "%1 is not in order %2. Put it back. It belongs to order %3."
            )
            if v.other_order
            else QCoreApplication.translate("VerdictDetail", "%1 is not in order %2. Put it back.")
        )
        return (
            said.replace("%1", v.sku or "")
            .replace("%2", v.order or "")
            .replace("%3", v.other_order or "")
        )
    if o is Outcome.UNKNOWN_CODE:
        return QCoreApplication.translate(
            "VerdictDetail", "%1 is not an order, an item or a badge."
        ).replace("%1", v.input[:60])
    if o is Outcome.NOT_PACKABLE and v.order_status in _NOT_PACKABLE:
        why = _NOT_PACKABLE[v.order_status]
        return QCoreApplication.translate("VerdictDetail", why).replace("%1", v.order or "")
    if o is Outcome.ORDER_CLAIMED_ELSEWHERE and v.other_station:
        return (
            QCoreApplication.translate(
                "VerdictDetail", "Order %1 is being packed at %2. A supervisor can release it."
            )
            .replace("%1", v.order or "")
            .replace("%2", v.other_station)
        )
    if v.words is not None:  # what a command did, why the open order was lost
        said = engine_words.in_ui_language(v.words)
        if o is Outcome.ACCEPTED and v.warning and v.expiry is not None:
            return f"{said} ⚠ {_lot_expired(v.expiry)}"  # let through expired
        return said
    if o in _NEXT_STEP:
        step = _NEXT_STEP[o]
        return QCoreApplication.translate("VerdictDetail", step) if step else ""
    return v.message  # a retried scan's first answer, as the scan log kept it
