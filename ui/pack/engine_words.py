"""The packing engine's own words (``app.packing.words``) in the UI's language: each
template translated by its key, then filled with the verdict's values (a command's
keyword shown by its name, a short line's reason in the UI's language)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.packing.words import Words, fill
from ui.words import command_name, short_reason_words

# engine words whose values are a command's keyword (shown by its name)
_COMMAND_IN_WORDS = frozenset({"needs_open_order"})
# engine words whose last value is why a line is short (shown in the UI's language)
_REASON_IN_WORDS = frozenset({"marked_short_why"})


# the engine's words (app.packing.words) as lupdate sees them: the same English
# templates under the same keys (a test keeps the two the same)
ENGINE_WORDS: dict[str, str] = {
    "signed_out": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Signed out; the open order stays with this station.",
        )
    ),
    "signed_out_no_order": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Signed out.",
        )
    ),
    "signed_in_short_off": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Signed in: %1. SHORT is cancelled: scan it again if one is missing.",
        )
    ),
    "signed_in_rescan": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Signed in: %1. %2 is not counted: scan it again, then its number.",
        )
    ),
    "took_over": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "%1 takes over order %2 from %3: %4 left to pack.",
        )
    ),
    "locked": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "The counter locked after a pause: scan your badge to go on.",
        )
    ),
    "badge_disabled": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "That badge's user is disabled: it signs nobody in. Ask an admin.",
        )
    ),
    "needs_open_order": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "%1 needs an open order; scan one first.",
        )
    ),
    "serial_not_expected": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Cancelled: no serial number expected any more.",
        )
    ),
    "lot_not_expected": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Cancelled: no lot number expected any more.",
        )
    ),
    "short_not_expected": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Cancelled: no missing item expected any more.",
        )
    ),
    "item_not_tracking": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "%1 is an item, not a serial or lot number: %2 is not counted yet.",
        )
    ),
    "order_not_tracking": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "%1 is an order, not a serial or lot number: %2 is not counted yet.",
        )
    ),
    "gs1_no_serial": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "That GS1 code holds no serial number of %1: %1 is not counted yet.",
        )
    ),
    "gs1_no_lot": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "That GS1 code holds no lot number of %1: %1 is not counted yet.",
        )
    ),
    "serial_pattern": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "%1 does not look like a serial number of %2: %2 is not counted yet.",
        )
    ),
    "date_in_lot": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Lot %1 may hide a past expiry, %2 (lost separator?): "
            "if the label is good, F8 and type the lot.",
        )
    ),
    "date_in_lot_packed": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Packed, but lot %1 may hide a past expiry, %2: check the label.",
        )
    ),
    "case_too_big": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "This code counts %2 of %1, but only %3 more fit: open it, scan them singly.",
        )
    ),
    "nothing_to_undo": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Nothing to undo.",
        )
    ),
    "undone": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Undone: %1 back to %2/%3. Take it out of the box.",
        )
    ),
    "short_undone": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Undone: %1 is no longer marked short; %2 to pack again.",
        )
    ),
    "found_missing": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "%1 found: %2 no longer marked short; %3/%4.",
        )
    ),
    "found_undone": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Undone: %1 back to %2/%3, and %4 marked short again. Take it out.",
        )
    ),
    "switch_refused": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 is not finished (%2 packed, %3 to go). Finish it, or take every item "
            "out of the box and scan %4 again to switch to it.",
        )
    ),
    "switched_away": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 went back to the queue with its %2 packed units taken back: "
            "empty this box before you pack order %3.",
        )
    ),
    "still_to_pack": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "%1 items still to pack. Scan them, or scan SHORT and the missing item.",
        )
    ),
    "short_on_hold": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 is short: on hold for a supervisor.",
        )
    ),
    "complete": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 complete; printing its documents.",
        )
    ),
    "scan_missing": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Scan the item that is missing (UNDO to cancel).",
        )
    ),
    "already_complete": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "%1 is already complete; nothing marked short.",
        )
    ),
    "marked_short": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "%1: %2 marked short.",
        )
    ),
    "marked_short_why": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "%1: %2 marked short (%3).",
        )
    ),
    "held": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 on hold; put the box aside.",
        )
    ),
    "parcel_started": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Parcel %1 started for order %2.",
        )
    ),
    "parcel_undone": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Undone: parcel %1 taken back; keep packing into parcel %2.",
        )
    ),
    "parcel_weight_undone": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Undone: parcel %1 taken back and parcel %2's weight (%3 g) forgotten; "
            "keep packing into parcel %2, then weigh it again.",
        )
    ),
    "parcel_filled": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Parcel %1 stays: items were packed into it since.",
        )
    ),
    "parcel_printed": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Parcel %1 stays: its label may be printed already.",
        )
    ),
    "parcel_not_newest": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Parcel %1 stays: another parcel was begun after it.",
        )
    ),
    "parcel_empty": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Parcel %1 is still empty: pack something in it first.",
        )
    ),
    "nothing_to_reprint": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Nothing to reprint: no order was packed here yet.",
        )
    ),
    "reprinting": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Reprinting the documents of order %1.",
        )
    ),
    "not_reprinted": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 is no longer packed: its documents are not printed again.",
        )
    ),
    "manual_off": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Manual confirmation is switched off at this station.",
        )
    ),
    "order_gone": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "The open order no longer exists.",
        )
    ),
    "taken_over": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 was taken over by another station.",
        )
    ),
    "held_while_open": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 was put on hold while open; stop packing it.",
        )
    ),
    "cancelled_while_open": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 was cancelled while open; stop packing it.",
        )
    ),
    "released_while_open": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 was released while open; stop packing it.",
        )
    ),
    "closed_while_open": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 was closed while open; stop packing it.",
        )
    ),
    "shipped_while_open": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 has shipped while open; stop packing it.",
        )
    ),
    "changed_while_open": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 changed while open; stop packing it.",
        )
    ),
    "weigh_parcel": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1: every item is in. Put the parcel on the scale.",
        )
    ),
    "weighed_complete": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 complete: %2 g (%3 g expected); printing its documents.",
        )
    ),
    "weighed_unchecked": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 complete: %2 g, not checked: %3 has no unit weight; printing its documents.",
        )
    ),
    "weight_extra_items": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Weighs %1 g, %2 g expected: about %3 × %4 too many in the box? "
            "Check it and weigh again, or a supervisor's badge accepts the weight.",
        )
    ),
    "weight_missing_items": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Weighs %1 g, %2 g expected: about %3 × %4 missing from the box? "
            "Check it and weigh again, or a supervisor's badge accepts the weight.",
        )
    ),
    "weight_too_heavy": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Weighs %1 g, %2 g expected: %3 g too heavy. "
            "Check the box and weigh again, or a supervisor's badge accepts the weight.",
        )
    ),
    "weight_too_light": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Weighs %1 g, %2 g expected: %3 g too light. "
            "Check the box and weigh again, or a supervisor's badge accepts the weight.",
        )
    ),
    "weight_accepted": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Order %1 complete: %2 g accepted by %3 (%4 g expected); printing its documents.",
        )
    ),
    "weigh_after_last_item": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Weigh the parcel once every item is in: %1 still to pack.",
        )
    ),
    "weight_nothing": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "The scale says %1 g: put the parcel on the scale.",
        )
    ),
    "not_weighing": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "This counter does not weigh parcels.",
        )
    ),
    "weight_check_not_expected": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Cancelled: the weight is not accepted; weigh the parcel again.",
        )
    ),
    "box_chosen": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Box %1 (%2, %3 g) for this parcel.",
        )
    ),
    "box_not_tracking": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "%1 is a box, not a serial or lot number: %2 is not counted yet.",
        )
    ),
    "weight_check_stale": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "The box changed since it was weighed: weigh it again.",
        )
    ),
    "signed_in_weight_check": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Signed in: %1. The weight of order %2 still needs a supervisor's badge, "
            "or weigh it again.",
        )
    ),
    "weigh_next_parcel": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Parcel %1 of order %2 is full: put it on the scale.",
        )
    ),
    "parcel_weighed": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Parcel %1 weighs %2 g (%3 g expected): pack parcel %4 now.",
        )
    ),
    "parcel_weighed_unchecked": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Parcel %1 weighs %2 g, not checked: %3 has no unit weight. Pack parcel %4 now.",
        )
    ),
    "parcel_weight_accepted": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Parcel %1: %2 g accepted by %3 (%4 g expected). Pack parcel %5 now.",
        )
    ),
    "parcel_weight_not_expected": str(
        QT_TRANSLATE_NOOP(
            "EngineWords",
            "Cancelled: the parcel is not closed; keep packing into it.",
        )
    ),
}


def in_ui_language(words: Words) -> str:
    template = QCoreApplication.translate("EngineWords", ENGINE_WORDS[words.key])
    values = words.values
    if words.key in _COMMAND_IN_WORDS:
        values = tuple(command_name(value) for value in values)
    elif words.key in _REASON_IN_WORDS:
        values = (*values[:-1], short_reason_words(values[-1]))
    return fill(template, values)
