"""How a verdict looks and sounds: colour, icon, sound and the packer's words.

Never colour alone: every verdict has an icon, a sound and words too. The words are
the UI's own, translated, built from the verdict's outcome and counts: the headline
(what happened, naming the product), and the instruction under it (what to do now).
Where the verdict's fields cannot say it (what a command did, why the open order was
lost), the instruction is the engine's own words (``app.packing.words``), translated
by their key.

Each tone means one thing, and the tones differ in lightness as well as hue, so that
a packer who tells red from green poorly (about one man in twelve) still tells them
apart (``tests/ui/test_verdict_colours.py`` checks it in simulated colour blindness):

- ``ok``, a light green: a unit was counted;
- ``done``, a dark blue: the order is complete;
- ``error``, a dark red: something is wrong and must be put right at the box;
- ``warn``, a pale yellow: the station needs something of the packer: read the words;
- ``info``, a grey: news that asks nothing (signed in, an order opened).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.packing import Command, Outcome, Verdict
from ui.pack import engine_words
from ui.words import command_name, filled


@dataclass(frozen=True)
class Look:
    tone: str  # ok, done, error, warn, info: the banner's colour (one meaning each)
    icon: str  # a glyph that reads without colour
    sound: str  # a file in resources/sounds/, without .wav
    headline: str  # big words for the banner


# each tone's background, and the words' colour on it
_BACKGROUNDS = {
    "ok": "#4caf50",
    "done": "#0d47a1",
    "error": "#7f0000",
    "warn": "#fff59d",
    "info": "#78909c",
}
_TEXT = {
    "ok": "#000000",
    "done": "#ffffff",
    "error": "#ffffff",
    "warn": "#000000",
    "info": "#000000",
}
TONES = tuple(_BACKGROUNDS)


def background(tone: str) -> str:
    return _BACKGROUNDS[tone]


def text_colour(tone: str) -> str:
    return _TEXT[tone]


def _item(v: Verdict) -> str:
    """The product as the packer knows it: its name (its SKU when it has none)."""
    return v.product_name or v.sku or ""


def look(v: Verdict) -> Look:
    o = v.outcome
    if o is Outcome.ACCEPTED and v.words is not None and v.words.key == "short_on_hold":
        # the last item of an order short of some: counted, but nothing is printed
        return Look(
            "warn",
            "⚠",
            "alert",
            filled(QCoreApplication.translate("Verdict", "ON HOLD  %1 is short"), v.order),
        )
    if o is Outcome.ACCEPTED:
        words = filled(
            QCoreApplication.translate("Verdict", "OK  %1  %2/%3"), _item(v), v.packed, v.ordered
        )
        if v.units > 1:
            words += filled(QCoreApplication.translate("Verdict", "  (+%1 case)"), v.units)
        # counted; a warning (an expired lot let through) is said in the words below
        return Look("ok", "⚠" if v.warning else "✔", "accepted", words)
    if o is Outcome.WEIGHT_REQUIRED:
        words = filled(QCoreApplication.translate("Verdict", "WEIGH THE PARCEL  %1"), v.order)
        return Look("warn", "⚖", "info", words)
    if o is Outcome.PARCEL_COMPLETE and v.words is not None:
        words = filled(
            QCoreApplication.translate("Verdict", "PARCEL %1 WEIGHED: pack parcel %2"),
            v.words.values[0],
            v.words.values[-1],
        )
        return Look("ok", "⚖", "accepted", words)
    if o is Outcome.BOX_CHOSEN and v.words is not None:
        words = filled(QCoreApplication.translate("Verdict", "BOX  %1"), v.words.values[0])
        return Look("info", "▣", "info", words)
    if o is Outcome.ORDER_COMPLETE:
        return Look(
            "done",
            "★",
            "complete",
            filled(QCoreApplication.translate("Verdict", "Order %1 complete"), v.order),
        )
    if o is Outcome.ORDER_OPENED and v.warning:  # switched from an order begun
        return Look(
            "warn",
            "⚠",
            "alert",
            filled(QCoreApplication.translate("Verdict", "EMPTY THE BOX  then pack %1"), v.order),
        )
    if o is Outcome.ORDER_OPENED:
        words = filled(
            QCoreApplication.translate("Verdict", "Order %1: %2 to pack"), v.order, v.remaining or 0
        )
        return Look("info", "▶", "info", words)
    if o is Outcome.SWITCH_REFUSED:
        return Look(
            "error",
            "⊠",
            "wrong_item",
            filled(QCoreApplication.translate("Verdict", "ORDER %1 NOT FINISHED"), v.order),
        )
    if o is Outcome.WRONG_ITEM:
        return Look(
            "error",
            "✖",
            "wrong_item",
            filled(QCoreApplication.translate("Verdict", "WRONG ITEM  %1"), _item(v)),
        )
    if o is Outcome.OVER_SCAN:
        words = filled(
            QCoreApplication.translate("Verdict", "TOO MANY  %1  already %2/%3"),
            _item(v),
            v.packed,
            v.ordered,
        )
        return Look("error", "⊘", "over_scan", words)
    if o is Outcome.INVALID_INPUT and v.words is not None and v.words.key in _NOT_TRACKING:
        return Look(
            "error",
            "?",
            "unknown",
            QCoreApplication.translate("Verdict", "NOT A SERIAL OR LOT NUMBER"),
        )
    if o in (Outcome.SERIAL_REQUIRED, Outcome.LOT_REQUIRED):
        words = (
            QCoreApplication.translate("Verdict", "Now scan the SERIAL NUMBER of %1")
            if o is Outcome.SERIAL_REQUIRED
            else QCoreApplication.translate("Verdict", "Now scan the LOT NUMBER of %1")
        )
        return Look("warn", "➜", "info", filled(words, _item(v)))
    if o is Outcome.LOGIN and v.words is not None and v.words.key == "took_over":
        # another packer's badge on an order begun: whose it is now, and what is left
        return Look(
            "warn",
            "⇆",
            "alert",
            filled(
                QCoreApplication.translate("Verdict", "%1 takes over order %2"), *v.words.values[:2]
            ),
        )
    if o in _FIXED_LOOKS:
        tone, icon, sound, words = _FIXED_LOOKS[o]
        return Look(tone, icon, sound, QCoreApplication.translate("Verdict", words))
    if v.warning:  # a command that could not do what it was asked
        if v.command == Command.COMPLETE and v.remaining:
            words = filled(
                QCoreApplication.translate("Verdict", "%1 refused: %2 still to pack"),
                command_name(v.command),
                v.remaining,
            )
        else:
            words = filled(
                QCoreApplication.translate("Verdict", "%1 refused"), command_name(v.command or "")
            )
        return Look("warn", "⚠", "alert", words)
    return Look(
        "info",
        "⚙",
        "info",
        filled(QCoreApplication.translate("Verdict", "%1: done"), command_name(v.command or "")),
    )


# outcomes whose look never depends on the verdict: tone, icon, sound, headline
_FIXED_LOOKS: dict[Outcome, tuple[str, str, str, str]] = {
    Outcome.UNKNOWN_CODE: (
        "error",
        "?",
        "unknown",
        str(QT_TRANSLATE_NOOP("Verdict", "UNKNOWN CODE")),
    ),
    Outcome.INVALID_INPUT: (
        "error",
        "?",
        "unknown",
        str(QT_TRANSLATE_NOOP("Verdict", "NOT A BARCODE: scan again")),
    ),
    Outcome.DUPLICATE_SERIAL: (
        "error",
        "☒",
        "wrong_item",
        str(QT_TRANSLATE_NOOP("Verdict", "SERIAL ALREADY PACKED")),
    ),
    Outcome.EXPIRED_LOT: (
        "error",
        "⚠",
        "wrong_item",
        str(QT_TRANSLATE_NOOP("Verdict", "EXPIRED LOT: do not pack")),
    ),
    Outcome.NOT_PACKABLE: (
        "error",
        "⊗",
        "wrong_item",
        str(QT_TRANSLATE_NOOP("Verdict", "DO NOT PACK")),
    ),
    Outcome.ORDER_CLAIMED_ELSEWHERE: (
        "error",
        "⇄",
        "wrong_item",
        str(QT_TRANSLATE_NOOP("Verdict", "Order is open at another station")),
    ),
    Outcome.NO_OPEN_ORDER: (
        "warn",
        "▶",
        "unknown",
        str(QT_TRANSLATE_NOOP("Verdict", "Scan an order first")),
    ),
    Outcome.NOT_SIGNED_IN: (
        "warn",
        "☝",
        "unknown",
        str(QT_TRANSLATE_NOOP("Verdict", "Scan your badge to sign in")),
    ),
    Outcome.WEIGHT_MISMATCH: (
        "error",
        "⚖",
        "wrong_item",
        str(QT_TRANSLATE_NOOP("Verdict", "WRONG WEIGHT: check the box")),
    ),
    Outcome.LOGIN: ("info", "✔", "info", str(QT_TRANSLATE_NOOP("Verdict", "Signed in"))),
}

# engine words of an order closed by its parcel's weight
_WEIGHED = frozenset({"weighed_complete", "weighed_unchecked", "weight_accepted"})
# engine words for a code scanned where a serial or lot number was asked for
_NOT_TRACKING = frozenset(
    {
        "item_not_tracking",
        "order_not_tracking",
        "gs1_no_serial",
        "gs1_no_lot",
        "serial_pattern",
        "box_not_tracking",
    }
)
# what to do next, where the verdict's fields add nothing to it
_NEXT_STEP: dict[Outcome, str] = {
    Outcome.ORDER_COMPLETE: str(
        QT_TRANSLATE_NOOP("VerdictDetail", "Everything is in. Its documents are printing…")
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
    return filled(QCoreApplication.translate("VerdictDetail", "lot expired %1"), expiry.isoformat())


def detail(v: Verdict, *, still_to_pack: str = "") -> str:
    """The instruction under the headline: what happened in full, and what to do
    next. ``still_to_pack``, the open order's items still to pack as the page shows
    them, is named to a packer who scanned a wrong item."""
    o = v.outcome
    if o is Outcome.ACCEPTED and v.words is None:
        said = filled(
            QCoreApplication.translate("VerdictDetail", "%1: %2 more to pack in this order."),
            _item(v),
            v.remaining or 0,
        )
        if v.warning and v.expiry is not None:  # an expired lot let through
            return f"{said} ⚠ {_lot_expired(v.expiry)}"
        return f"{said} ⚠ {v.warning}" if v.warning else said
    if o is Outcome.ORDER_COMPLETE and v.warning and v.expiry is not None:
        step = QCoreApplication.translate("VerdictDetail", _NEXT_STEP[o])
        return f"{step} ⚠ {_lot_expired(v.expiry)}"  # the last item, let through expired
    if o is Outcome.ORDER_COMPLETE and v.words is not None and v.words.key in _WEIGHED:
        said = engine_words.in_ui_language(v.words)  # what it weighed, and what it should
        return f"⚠ {said}" if v.warning else said  # unchecked, or accepted by a supervisor
    if o is Outcome.ORDER_COMPLETE and v.words is not None:  # its lot may hide an expiry
        step = QCoreApplication.translate("VerdictDetail", _NEXT_STEP[o])
        return f"{step} ⚠ {engine_words.in_ui_language(v.words)}"
    if o is Outcome.WRONG_ITEM:
        said = (
            filled(
                QCoreApplication.translate(
                    "VerdictDetail", "Put it back: %1 is not in order %2 (it is in order %3)."
                ),
                v.sku,
                v.order,
                v.other_order,
            )
            if v.other_order
            else filled(
                QCoreApplication.translate("VerdictDetail", "Put it back: %1 is not in order %2."),
                v.sku,
                v.order,
            )
        )
        if still_to_pack:
            said = filled(
                QCoreApplication.translate("VerdictDetail", "%1 Still to pack: %2"),
                said,
                still_to_pack,
            )
        return said
    if o is Outcome.UNKNOWN_CODE and v.words is not None:  # a disabled user's badge
        return engine_words.in_ui_language(v.words)
    if o is Outcome.UNKNOWN_CODE:
        return filled(
            QCoreApplication.translate("VerdictDetail", "%1 is not an order, an item or a badge."),
            v.input[:60],
        )
    if o is Outcome.NOT_PACKABLE and v.order_status in _NOT_PACKABLE:
        return filled(
            QCoreApplication.translate("VerdictDetail", _NOT_PACKABLE[v.order_status]), v.order
        )
    if o is Outcome.ORDER_CLAIMED_ELSEWHERE and v.other_station:
        return filled(
            QCoreApplication.translate(
                "VerdictDetail", "Order %1 is being packed at %2. A supervisor can release it."
            ),
            v.order,
            v.other_station,
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
