"""The engine's own words, for the verdicts whose detail a screen cannot build from the
verdict's fields alone (what a command did, why the open order was lost).

Each is a key and a template with ``%1``, ``%2``... for its values: the engine fills
the English template for the verdict's ``message`` (the CLI's JSON, the scan log),
and a screen translates the same template by its key before it fills it in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TEMPLATES: dict[str, str] = {
    "signed_out": "Signed out; the open order stays with this station.",
    "signed_out_no_order": "Signed out.",
    "signed_in_short_off": "Signed in: %1. SHORT is cancelled: scan it again if one is missing.",
    "signed_in_rescan": "Signed in: %1. %2 is not counted: scan it again, then its number.",
    "took_over": "%1 takes over order %2 from %3: %4 left to pack.",
    "locked": "The counter locked after a pause: scan your badge to go on.",
    "badge_disabled": "That badge's user is disabled: it signs nobody in. Ask an admin.",
    "needs_open_order": "%1 needs an open order; scan one first.",
    "serial_not_expected": "Cancelled: no serial number expected any more.",
    "lot_not_expected": "Cancelled: no lot number expected any more.",
    "short_not_expected": "Cancelled: no missing item expected any more.",
    "item_not_tracking": "%1 is an item, not a serial or lot number: %2 is not counted yet.",
    "order_not_tracking": "%1 is an order, not a serial or lot number: %2 is not counted yet.",
    "gs1_no_serial": "That GS1 code holds no serial number of %1: %1 is not counted yet.",
    "gs1_no_lot": "That GS1 code holds no lot number of %1: %1 is not counted yet.",
    "serial_pattern": "%1 does not look like a serial number of %2: %2 is not counted yet.",
    "date_in_lot": (
        "Lot %1 may hide a past expiry, %2 (lost separator?): "
        "if the label is good, F8 and type the lot."
    ),
    "date_in_lot_packed": "Packed, but lot %1 may hide a past expiry, %2: check the label.",
    "case_too_big": "This code counts %2 of %1, but only %3 more fit: open it, scan them singly.",
    "nothing_to_undo": "Nothing to undo.",
    "undone": "Undone: %1 back to %2/%3. Take it out of the box.",
    "short_undone": "Undone: %1 is no longer marked short; %2 to pack again.",
    "found_missing": "%1 found: %2 no longer marked short; %3/%4.",
    "found_undone": "Undone: %1 back to %2/%3, and %4 marked short again. Take it out.",
    "switch_refused": (
        "Order %1 is not finished (%2 packed, %3 to go). Finish it, or take every item "
        "out of the box and scan %4 again to switch to it."
    ),
    "switched_away": (
        "Order %1 went back to the queue with its %2 packed units taken back: "
        "empty this box before you pack order %3."
    ),
    "still_to_pack": "%1 items still to pack. Scan them, or scan SHORT and the missing item.",
    "short_on_hold": "Order %1 is short: on hold for a supervisor.",
    "complete": "Order %1 complete; printing its documents.",
    "scan_missing": "Scan the item that is missing (UNDO to cancel).",
    "already_complete": "%1 is already complete; nothing marked short.",
    "marked_short": "%1: %2 marked short.",
    "marked_short_why": "%1: %2 marked short (%3).",
    "held": "Order %1 on hold; put the box aside.",
    "parcel_started": "Parcel %1 started for order %2.",
    "parcel_undone": "Undone: parcel %1 taken back; keep packing into parcel %2.",
    "parcel_weight_undone": (
        "Undone: parcel %1 taken back and parcel %2's weight (%3 g) forgotten; "
        "keep packing into parcel %2, then weigh it again."
    ),
    "parcel_filled": "Parcel %1 stays: items were packed into it since.",
    "parcel_printed": "Parcel %1 stays: its label may be printed already.",
    "parcel_not_newest": "Parcel %1 stays: another parcel was begun after it.",
    "parcel_empty": "Parcel %1 is still empty: pack something in it first.",
    "nothing_to_reprint": "Nothing to reprint: no order was packed here yet.",
    "reprinting": "Reprinting the documents of order %1.",
    "not_reprinted": "Order %1 is no longer packed: its documents are not printed again.",
    "manual_off": "Manual confirmation is switched off at this station.",
    "order_gone": "The open order no longer exists.",
    "taken_over": "Order %1 was taken over by another station.",
    "held_while_open": "Order %1 was put on hold while open; stop packing it.",
    "cancelled_while_open": "Order %1 was cancelled while open; stop packing it.",
    "released_while_open": "Order %1 was released while open; stop packing it.",
    "closed_while_open": "Order %1 was closed while open; stop packing it.",
    "shipped_while_open": "Order %1 has shipped while open; stop packing it.",
    "changed_while_open": "Order %1 changed while open; stop packing it.",
    "weigh_parcel": "Order %1: every item is in. Put the parcel on the scale.",
    "weighed_complete": "Order %1 complete: %2 g (%3 g expected); printing its documents.",
    "weighed_unchecked": (
        "Order %1 complete: %2 g, not checked: %3 has no unit weight; printing its documents."
    ),
    "weight_extra_items": (
        "Weighs %1 g, %2 g expected: about %3 × %4 too many in the box? "
        "Check it and weigh again, or a supervisor's badge accepts the weight."
    ),
    "weight_missing_items": (
        "Weighs %1 g, %2 g expected: about %3 × %4 missing from the box? "
        "Check it and weigh again, or a supervisor's badge accepts the weight."
    ),
    "weight_too_heavy": (
        "Weighs %1 g, %2 g expected: %3 g too heavy. "
        "Check the box and weigh again, or a supervisor's badge accepts the weight."
    ),
    "weight_too_light": (
        "Weighs %1 g, %2 g expected: %3 g too light. "
        "Check the box and weigh again, or a supervisor's badge accepts the weight."
    ),
    "weight_accepted": (
        "Order %1 complete: %2 g accepted by %3 (%4 g expected); printing its documents."
    ),
    "weigh_after_last_item": "Weigh the parcel once every item is in: %1 still to pack.",
    "weight_nothing": "The scale says %1 g: put the parcel on the scale.",
    "not_weighing": "This counter does not weigh parcels.",
    "box_chosen": "Box %1 (%2, %3 g) for this parcel.",
    "box_not_tracking": "%1 is a box, not a serial or lot number: %2 is not counted yet.",
    "weigh_next_parcel": "Parcel %1 of order %2 is full: put it on the scale.",
    "parcel_weighed": "Parcel %1 weighs %2 g (%3 g expected): pack parcel %4 now.",
    "parcel_weighed_unchecked": (
        "Parcel %1 weighs %2 g, not checked: %3 has no unit weight. Pack parcel %4 now."
    ),
    "parcel_weight_accepted": (
        "Parcel %1: %2 g accepted by %3 (%4 g expected). Pack parcel %5 now."
    ),
    "parcel_weight_not_expected": "Cancelled: the parcel is not closed; keep packing into it.",
    "weight_check_stale": "The box changed since it was weighed: weigh it again.",
    "signed_in_weight_check": (
        "Signed in: %1. The weight of order %2 still needs a supervisor's badge, or weigh it again."
    ),
    "weight_check_not_expected": "Cancelled: the weight is not accepted; weigh the parcel again.",
}


def fill(template: str, values: tuple[str, ...]) -> str:
    """``template`` with ``%1``, ``%2``... replaced by ``values`` (at most nine), in
    one pass: a value that itself holds "%2" (a SKU may) stays as it is."""

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return values[number - 1] if number <= len(values) else match.group(0)

    return _PLACE.sub(value, template)


_PLACE = re.compile(r"%([1-9])")


@dataclass(frozen=True)
class Words:
    key: str
    values: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.key not in TEMPLATES:
            raise KeyError(f"no engine words {self.key!r}")

    def english(self) -> str:
        return fill(TEMPLATES[self.key], self.values)


def said(key: str, *values: object) -> Words:
    """The words ``key`` with these values (numbers and names, as text)."""
    return Words(key, tuple(str(v) for v in values))
