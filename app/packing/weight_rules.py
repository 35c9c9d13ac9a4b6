"""The rules for weighing a parcel at the counter, as pure functions of what was read.

At a station that weighs, an order's last item does not close it: the answer is
``weight_required`` (``item_rules``, ``command_rules``). The settled weight (from the
scale, or a ``WEIGHT:1234g`` line from a script) then closes it when it is what the
parcel should weigh (``app.shipping.weight_check``), or holds it at the counter
(``weight_mismatch``) with the likely cause; the packer checks the box and weighs it
again, or a supervisor's badge accepts the weight, recorded with their name. A
product without a unit weight is said, never counted as 0 g: the weight is then
recorded unchecked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from app.models import OrderStatus
from app.packing.answer import (
    Answer,
    BeginParcel,
    BoxChosen,
    LearnWeight,
    OrderEnds,
    ParcelWeighed,
    TouchOrder,
)
from app.packing.lookup import BoxMatch, OrderAsRead, remaining
from app.packing.scan_log import Facts
from app.packing.station_state import Awaiting
from app.packing.verdict import Outcome
from app.packing.words import Words, said
from app.shipping.weight_check import (
    Learned,
    Packed,
    WeighingRules,
    expectation,
    likely_cause,
)

WEIGHT_PREFIX = "WEIGHT:"
_WEIGHT_CODE = re.compile(r"WEIGHT:\s*(\d+(?:\.\d+)?)\s*(g|kg)", re.IGNORECASE)
MAX_PARCEL_G = 1_000_000  # a tonne: anything heavier is no parcel weight


def weight_in_code(text: str) -> int | None:
    """The grams a ``WEIGHT:1234g`` (or ``WEIGHT:1.234kg``) code says; None for any
    other code. A weight code that says no weight is ValueError in words."""
    if not text.upper().startswith(WEIGHT_PREFIX):
        return None
    found = _WEIGHT_CODE.fullmatch(text.strip())
    if found is None:
        raise ValueError(f"{text!r} is no weight: write it as WEIGHT:1234g or WEIGHT:1.234kg")
    try:
        grams = Decimal(found.group(1)) * (1000 if found.group(2).lower() == "kg" else 1)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise ValueError(f"{text!r} is no weight") from None
    if grams > MAX_PARCEL_G:
        raise ValueError(f"{text!r} is more than a parcel weighs")
    return int(grams.to_integral_value())


@dataclass(frozen=True)
class WeightFacts:
    """What the decision on a weight at the counter needs."""

    grams: int
    order: OrderAsRead | None  # the open order, row-locked
    gone: Words | None  # why the station lost it
    packed: tuple[Packed, ...]  # what is in its current parcel, with the unit weights known
    rules: WeighingRules
    awaiting: Awaiting | None = None  # what the station awaited (kept by a refusal)
    parcel: int = 1  # the number of the current parcel
    learned: Learned | None = None  # what parcels of these contents in this box weighed
    learn: LearnWeight | None = None  # where a weight that closes the parcel is learned


def decide_weight(f: WeightFacts) -> Answer:
    """A settled weight of the open order's current parcel: the last (it closes the
    order), or one NEXT-PARCEL closes (the next is begun)."""
    order = f.order
    if not f.rules.weighs:
        return Answer(Outcome.INVALID_INPUT, said("not_weighing"), Facts(), f.awaiting)
    if order is None:
        words = f.gone or said("needs_open_order", "WEIGHT")
        return Answer(Outcome.NO_OPEN_ORDER, words, Facts(), None, keeps_order=False)
    left = remaining(order.lines)
    about = Facts(order_id=order.id, order=order.external_number, remaining=left)
    # a parcel NEXT-PARCEL closes; with nothing left to pack, the last one closes the order
    closing_parcel = f.awaiting is not None and f.awaiting.kind == "parcel_weight" and left > 0
    if left and not closing_parcel:
        words = said("weigh_after_last_item", left)
        return Answer(Outcome.INVALID_INPUT, words, about, f.awaiting)
    if f.grams <= 0:
        return Answer(Outcome.INVALID_INPUT, said("weight_nothing", f.grams), about, f.awaiting)
    parcel = f.parcel if closing_parcel else None
    expected = expectation(f.packed, f.rules.tare_g, f.rules.tolerance, f.learned)
    if expected.grams is None:  # not checked: said, and recorded as unchecked
        unweighed = ", ".join(expected.unweighed)
        warning = f"weight not checked: {unweighed} without unit weight"
        return _weighed(order, parcel, f.grams, None, warning, unweighed=unweighed, learn=f.learn)
    tolerance = expected.allowed_g
    difference = f.grams - expected.grams
    if abs(difference) <= tolerance:
        return _weighed(order, parcel, f.grams, expected.grams, None, learn=f.learn)
    cause = likely_cause(f.packed, difference, tolerance)
    if cause.sku is not None:
        key = "weight_extra_items" if cause.units > 0 else "weight_missing_items"
        words = said(key, f.grams, expected.grams, abs(cause.units), cause.sku)
    else:
        key = "weight_too_heavy" if difference > 0 else "weight_too_light"
        words = said(key, f.grams, expected.grams, abs(difference))
    check = Awaiting(
        "weight_check",
        order_id=order.id,
        grams=f.grams,
        expected_g=expected.grams,
        version=order.version,  # a supervisor accepts this weight of the box as it is now
        parcel=parcel,
    )
    warning = f"weighs {f.grams} g, {expected.grams} g expected"
    return Answer(Outcome.WEIGHT_MISMATCH, words, replace(about, warning=warning), check)


def decide_weight_accepted(
    order: OrderAsRead | None,
    gone: Words | None,
    check: Awaiting,
    supervisor: str,
    learn: LearnWeight | None = None,
) -> Answer:
    """A supervisor's badge scanned at a weight that did not match: the weight is
    accepted as it is, and the order closes (or its next parcel is begun); recorded
    with their name. Not when the order changed since it was weighed (a unit taken
    back, another box chosen): the weight then says nothing of the box, which is
    weighed again."""
    assert check.grams is not None
    if order is None:
        words = gone or said("order_gone")
        return Answer(Outcome.NO_OPEN_ORDER, words, Facts(), None, keeps_order=False)
    left = remaining(order.lines)
    if order.version != check.version or (left and check.parcel is None):
        about = Facts(order_id=order.id, order=order.external_number, remaining=left)
        return Answer(Outcome.INVALID_INPUT, said("weight_check_stale"), about, None)
    warning = f"weight accepted by {supervisor}: {check.grams} g, {check.expected_g} g expected"
    return _weighed(
        order,
        check.parcel,
        check.grams,
        check.expected_g,
        warning,
        accepted_by=supervisor,
        learn=learn,
    )


def _weighed(
    order: OrderAsRead,
    parcel: int | None,
    grams: int,
    expected_g: int | None,
    warning: str | None,
    *,
    unweighed: str = "",
    accepted_by: str = "",
    learn: LearnWeight | None = None,
) -> Answer:
    """The parcel weighed: the order closed, its documents printed (``parcel`` None);
    or parcel number ``parcel`` closed and the next one begun. Its weight is learned
    for parcels like it (``learn``)."""
    weighed = ParcelWeighed(order.id, grams, expected_g, learn)
    number = order.external_number
    if parcel is None:
        words = (
            said("weight_accepted", number, grams, accepted_by, expected_g)
            if accepted_by
            else said("weighed_unchecked", number, grams, unweighed)
            if unweighed
            else said("weighed_complete", number, grams, expected_g)
        )
        reason = f"all items packed; {warning}" if accepted_by else "all items packed and weighed"
        ends = OrderEnds(order, order.version, OrderStatus.PACKED, reason)
        facts = Facts(order_id=order.id, order=number, remaining=0, warning=warning)
        return Answer(Outcome.ORDER_COMPLETE, words, facts, None, False, (weighed, ends))
    after = parcel + 1
    words = (
        said("parcel_weight_accepted", parcel, grams, accepted_by, expected_g, after)
        if accepted_by
        else said("parcel_weighed_unchecked", parcel, grams, unweighed, after)
        if unweighed
        else said("parcel_weighed", parcel, grams, expected_g, after)
    )
    changes = (weighed, BeginParcel(order.id, after), TouchOrder(order.id, order.version))
    facts = Facts(
        order_id=order.id,
        order=number,
        remaining=remaining(order.lines),
        warning=warning,
        began_parcel=after,
    )
    return Answer(Outcome.PARCEL_COMPLETE, words, facts, None, changes=changes)


def decide_box(order: OrderAsRead | None, gone: Words | None, box: BoxMatch) -> Answer:
    """A box's barcode scanned: the box the open order's current parcel goes into (its
    tare is part of what the parcel should weigh). A weight that did not match is
    weighed again, in this box."""
    if order is None:
        words = gone or said("needs_open_order", box.code)
        return Answer(Outcome.NO_OPEN_ORDER, words, Facts(), None, keeps_order=False)
    facts = Facts(order_id=order.id, order=order.external_number, remaining=remaining(order.lines))
    words = said("box_chosen", box.code, box.name, box.tare_g)
    changes = (BoxChosen(order.id, box.id), TouchOrder(order.id, order.version))
    return Answer(Outcome.BOX_CHOSEN, words, facts, None, changes=changes)
