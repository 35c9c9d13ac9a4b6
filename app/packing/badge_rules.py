"""The rule for a badge scanned at the counter, as a pure function of what was read:
its user signs in (the open order stays with the station), and the answer says what
that changed: a serial, lot or missing item no longer awaited, or another packer
taking over the order begun here (whose it was, what is left)."""

from __future__ import annotations

from dataclasses import dataclass

from app.packing.answer import Answer
from app.packing.scan_log import Facts
from app.packing.station_state import Awaiting
from app.packing.verdict import Outcome
from app.packing.words import Words, said


@dataclass(frozen=True)
class BadgeFacts:
    user_id: int
    name: str
    previous: str | None  # the name of the packer signed in before, when another
    awaiting: Awaiting | None  # what the station awaited (a badge ends it)
    open_order: Facts  # the open order's number and units left, if one is open


def decide_badge(f: BadgeFacts) -> Answer:
    """The badge's user signs in. What was awaited ends, but a weight that did not
    match: it still needs a supervisor's badge (or a new weight)."""
    waited = f.awaiting
    kept = waited if waited is not None and waited.kind == "weight_check" else None
    return Answer(Outcome.LOGIN, _words(f), f.open_order, kept, signs_in=f.user_id)


def _words(f: BadgeFacts) -> str | Words:
    waited = f.awaiting
    if waited is not None and waited.kind == "weight_check" and f.open_order.order:
        return said("signed_in_weight_check", f.name, f.open_order.order)
    if waited is not None and waited.item is not None:  # the item before its number
        return said("signed_in_rescan", f.name, waited.item.sku)
    if waited is not None and waited.kind == "short":
        return said("signed_in_short_off", f.name)
    if f.previous is not None and f.open_order.order is not None:
        return said("took_over", f.name, f.open_order.order, f.previous, f.open_order.remaining)
    return f"Signed in: {f.name}."
