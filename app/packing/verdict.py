"""What the engine answers to every scan: a small immutable value.

The UI turns a verdict into colour, sound and words (its own translated words, built
from ``outcome`` and the counts); the CLI prints it as one JSON line.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Any

from app.packing.words import Words


class Outcome(enum.StrEnum):
    ORDER_OPENED = "order_opened"
    ACCEPTED = "accepted"
    ORDER_COMPLETE = "order_complete"
    WRONG_ITEM = "wrong_item"
    OVER_SCAN = "over_scan"
    UNKNOWN_CODE = "unknown_code"
    INVALID_INPUT = "invalid_input"
    NOT_PACKABLE = "not_packable"
    NO_OPEN_ORDER = "no_open_order"
    ORDER_CLAIMED_ELSEWHERE = "order_claimed_elsewhere"
    SWITCH_REFUSED = "switch_refused"  # another order scanned while this one's box has items
    SERIAL_REQUIRED = "serial_required"
    LOT_REQUIRED = "lot_required"
    DUPLICATE_SERIAL = "duplicate_serial"
    EXPIRED_LOT = "expired_lot"
    WEIGHT_REQUIRED = "weight_required"  # the last item is in: the parcel is to be weighed
    WEIGHT_MISMATCH = "weight_mismatch"  # the parcel does not weigh what it should
    PARCEL_COMPLETE = "parcel_complete"  # a parcel weighed and closed; the next begun
    BOX_CHOSEN = "box_chosen"  # a box's barcode: the parcel goes into that box
    NOT_SIGNED_IN = "not_signed_in"
    COMMAND = "command"
    LOGIN = "login"

    @property
    def is_rejection(self) -> bool:
        """Counts against scan accuracy (a mis-scan the packer must correct)."""
        return self in REJECTIONS


REJECTIONS = frozenset(
    {
        Outcome.WRONG_ITEM,
        Outcome.OVER_SCAN,
        Outcome.UNKNOWN_CODE,
        Outcome.INVALID_INPUT,
        Outcome.DUPLICATE_SERIAL,
        Outcome.EXPIRED_LOT,
        Outcome.NOT_PACKABLE,
        Outcome.ORDER_CLAIMED_ELSEWHERE,
        Outcome.SWITCH_REFUSED,
        Outcome.NO_OPEN_ORDER,
        Outcome.NOT_SIGNED_IN,
    }
)

# Sets of outcomes as the scan log stores them (strings, for queries and stored rows;
# REJECTIONS above holds the enum members).
# the outcomes of scans that are no goods: a badge, a command, a box
NOT_GOODS = frozenset({Outcome.LOGIN.value, Outcome.COMMAND.value, Outcome.BOX_CHOSEN.value})
# the outcomes of scans that packed units: an item, or the last one, which
# closed its order (or, at a station that weighs, asked for the parcel's weight)
PACKED_OUTCOMES = frozenset(
    {Outcome.ACCEPTED.value, Outcome.ORDER_COMPLETE.value, Outcome.WEIGHT_REQUIRED.value}
)
# the outcomes of scans that did something at the box: opened its order, packed into
# it, ran a command on it
AT_THE_BOX = PACKED_OUTCOMES | {Outcome.ORDER_OPENED.value, Outcome.COMMAND.value}


@dataclass(frozen=True)
class Verdict:
    seq: int  # 1, 2, 3 ... per engine, in the order scans were answered
    input: str
    outcome: Outcome
    message: str  # English, for the CLI and logs; the UI words it itself
    order: str | None = None
    sku: str | None = None
    product_name: str | None = None
    packed: int | None = None  # the line's count after this scan
    ordered: int | None = None  # the line's ordered quantity
    remaining: int | None = None  # units still to pack in the whole order
    units: int = 0  # units this scan counted (a case pack counts several)
    other_order: str | None = None  # for wrong_item: the open order the item belongs to
    warning: str | None = None  # accepted, but worth saying (e.g. an expired lot let through)
    command: str | None = None  # for outcome "command": which one
    scan_uid: str | None = None
    replayed: bool = False  # a retried scan id answered with its first verdict
    line_id: int | None = None  # the order line the counts are of (not in the JSON)
    order_status: str | None = None  # for not_packable: the order's state (not in the JSON)
    other_station: str | None = None  # for order_claimed_elsewhere: who has it (idem)
    words: Words | None = None  # the message as the engine's words, to translate (idem)
    expiry: date | None = None  # the scanned lot's expiry, if it said one (idem)
    order_id: int | None = None  # the order ``order`` names (idem)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "seq": self.seq,
            "input": self.input,
            "outcome": self.outcome.value,
            "order": self.order,
            "sku": self.sku,
            "packed": self.packed,
            "ordered": self.ordered,
            "remaining": self.remaining,
            "message": self.message,
            "units": self.units,
        }
        for extra in ("other_order", "warning", "command", "scan_uid"):
            value = getattr(self, extra)
            if value is not None:
                data[extra] = value
        if self.replayed:
            data["replayed"] = True
        return data
