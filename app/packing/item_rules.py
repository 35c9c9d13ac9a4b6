"""The rules for an item at the counter, as pure functions of what a scan read.

``decide_item`` answers an item scanned into the station's open order; ``decide_number``
the serial or lot scanned after a tracked item. Each takes the facts its scan needs
(``ItemFacts``, ``NumberFacts``: read by ``app.packing.item_facts``, under the order's
row lock or without it) and returns an ``Answer``: the verdict's outcome, words and
facts, what the station awaits next, and the changes to write
(``app.packing.scan_writer``). Nothing here reads the database or a clock: the day a
lot has expired by is one of the facts. So the rules are tested as plain values.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from app.barcodes import Gs1Data, NormalisedScan
from app.models import OrderStatus, ScanEvent
from app.packing.answer import Answer, Change, OrderEnds, SerialPacked, ShortFound
from app.packing.count import Count
from app.packing.lookup import ItemMatch, LineCounts, OrderAsRead, OrderMatch, line_for, remaining
from app.packing.scan_log import Facts
from app.packing.station_state import Awaiting
from app.packing.tracking_checks import why_not_the_number
from app.packing.verdict import Outcome
from app.packing.words import Words, said

# the longest serial and lot the scan log keeps: a longer code is no serial or lot
MAX_TRACKING_CODE = {
    kind: int(getattr(ScanEvent.__table__.c[kind].type, "length", 0)) for kind in ("serial", "lot")
}
SCAN_ORDER_FIRST = "No order is open: scan the order's slip or pick list first."
SHORT_HOLD = "short; needs a supervisor's approval to ship"


@dataclass(frozen=True)
class ItemRules:
    """The station's rules and the day, for every item decision."""

    today: date  # by the warehouse's calendar: whether a lot has expired
    refuse_expired_lots: bool = True  # False: accepted, with a warning
    weighs: bool = False  # the last item asks for the parcel's weight before it closes


@dataclass(frozen=True)
class ItemFacts:
    """What the decision on an item scanned into the open order needs."""

    item: ItemMatch
    order: OrderAsRead | None  # the open order as read; None when the station has none
    gone: Words | None  # why the station lost its open order (then ``order`` is None)
    awaiting: Awaiting | None  # what the station awaited (kept by an answer that counts nothing)
    gs1: Gs1Data | None  # what the item's code carried besides its GTIN
    rules: ItemRules
    manual: bool = False  # confirmed by hand, its barcode unreadable
    other_order: str | None = None  # another open order that wants the item (read if not this)
    packed_serials: frozenset[str] = frozenset()  # of those this scan may give, packed already


@dataclass(frozen=True)
class NumberFacts:
    """What the decision on the scan after a serial or lot prompt needs."""

    scan: NormalisedScan
    awaiting: Awaiting  # the prompt: kind "serial" or "lot", with its item and line
    found: ItemMatch | None  # the item the scanned code is, if any
    order: OrderAsRead | None
    gone: Words | None
    orders_numbered: tuple[OrderMatch, ...]  # orders whose number is the code (with or without #)
    rules: ItemRules
    packed_serials: frozenset[str] = frozenset()
    serial_pattern: str | None = None  # what the item's serials look like, if its product says
    is_box: bool = False  # the code is a box's barcode


@dataclass(frozen=True)
class MarkShort:
    """The item SHORT asked for: its line's missing units are to be marked short, and
    why (``command_rules.decide_short_mark``)."""

    line_id: int
    reason: str


def decide_item(f: ItemFacts) -> Answer | MarkShort:
    """An item scanned into the open order: counted, refused, or a serial or lot asked
    for; or, after SHORT, the line to mark short."""
    item, order = f.item, f.order
    if order is None:
        outcome = Outcome.NOT_PACKABLE if f.gone else Outcome.NO_OPEN_ORDER
        facts = Facts(sku=item.sku)
        return Answer(outcome, f.gone or SCAN_ORDER_FIRST, facts, None, keeps_order=False)
    line = line_for(order.lines, item)
    if line is None:
        hint = f" It belongs to order {f.other_order}." if f.other_order else ""
        return Answer(
            Outcome.WRONG_ITEM,
            f"Wrong item: {item.sku} is not in order {order.external_number}.{hint}",
            _about(order, product_name=item.name, sku=item.sku, other_order=f.other_order),
            f.awaiting,
        )
    if f.awaiting is not None and f.awaiting.kind == "short":
        return MarkShort(line.id, f.awaiting.reason)
    room = line.quantity - line.packed  # units marked short may turn up after all
    if item.units > room:
        return Answer(
            Outcome.OVER_SCAN,
            f"Too many: {item.sku} is already complete. Take it out of the box."
            if room == 0  # a case pack bigger than what is left: its units one by one
            else said("case_too_big", item.sku, item.units, room),
            _about(order, product_name=item.name, line=line),
            f.awaiting,
        )
    gs1 = f.gs1
    expiry = gs1.expiry if gs1 else None
    refused = _refused_as_expired(f.rules, order, line, item, expiry, gs1, f.awaiting)
    if refused is not None:
        return refused
    known = Awaiting(
        "item",
        line.id,
        item,
        expiry,
        manual=f.manual,
        serial=gs1.serial if gs1 else None,
        lot=gs1.lot if gs1 else None,
        date_in_lot=gs1.date_in_lot if gs1 else None,
    )
    return _ask_or_accept(f.rules, f.packed_serials, order, line, item, known)


def decide_number(f: NumberFacts) -> Answer:
    """The scan after serial_required / lot_required: the serial or lot itself. The
    item's own GS1 code with the number in it gives that number (and any other it
    carries); an item's or an order's code is no serial or lot, and the number is asked
    for again."""
    awaiting, scan = f.awaiting, f.scan
    assert awaiting.item is not None and awaiting.line_id is not None
    item, kind, gs1 = awaiting.item, awaiting.kind, scan.gs1
    carried = (gs1.serial if kind == "serial" else gs1.lot) if gs1 else None
    own_code = f.found is not None and f.found.product_id == item.product_id and bool(carried)
    order = f.order
    if order is None:
        return Answer(
            Outcome.NOT_PACKABLE, f.gone or SCAN_ORDER_FIRST, Facts(), None, keeps_order=False
        )
    value = carried or scan.text
    if len(value) > MAX_TRACKING_CODE[kind]:
        return Answer(
            Outcome.INVALID_INPUT,
            f"That is not a {kind} number; scan the {kind} of {item.sku}.",
            _about(order, product_name=item.name, sku=item.sku),
            awaiting,
        )
    mistaken = why_not_the_number(
        scan, item, kind, value, f.found, f.orders_numbered, f.serial_pattern, f.is_box
    )
    if mistaken is not None:  # a mis-scan; the number is still awaited
        return Answer(
            Outcome.INVALID_INPUT,
            mistaken,
            _about(order, product_name=item.name, sku=item.sku),
            awaiting,
        )
    line = next(ln for ln in order.lines if ln.id == awaiting.line_id)
    if line.packed + item.units > line.quantity:  # UNDO-free safety
        return Answer(
            Outcome.OVER_SCAN,
            f"Too many: {item.sku} is complete.",
            _about(order, product_name=item.name, line=line),
            None,
        )
    # a GS1 lot label, or the item's own code, says its expiry too
    label = gs1 if kind == "lot" or own_code else None
    expiry = (label.expiry if label else None) or awaiting.expiry
    refused = _refused_as_expired(f.rules, order, line, item, expiry, label, awaiting)
    if refused is not None:
        return refused
    serial = value if kind == "serial" else (label and label.serial) or awaiting.serial
    lot = value if kind == "lot" else (label and label.lot) or awaiting.lot
    given = replace(awaiting, serial=serial, lot=lot, expiry=expiry)
    if label is not None and label.lot:
        given = replace(given, date_in_lot=label.date_in_lot)
    return _ask_or_accept(f.rules, f.packed_serials, order, line, item, given)


def _ask_or_accept(
    rules: ItemRules,
    packed_serials: frozenset[str],
    order: OrderAsRead,
    line: LineCounts,
    item: ItemMatch,
    known: Awaiting,
) -> Answer:
    """The unit counted, once it has every number its product is tracked by (``known``
    holds those given so far); else the next number asked for, the others kept. A
    serial already packed is refused before a lot is asked for."""
    # the ask logs the numbers given so far (not ``manual``: the tally counts that
    # once, with the unit), so that a station answering it again can await as well
    given = {"serial": known.serial, "lot": known.lot, "expiry": known.expiry}
    if item.serial_tracked and not known.serial:
        return Answer(
            Outcome.SERIAL_REQUIRED,
            f"Scan the serial number of {item.sku}.",
            _about(order, product_name=item.name, line=line, **given),
            replace(known, kind="serial"),
        )
    if item.lot_tracked and not known.lot:
        if known.serial and known.serial in packed_serials:
            return _duplicate_serial(order, line, item, known.serial)
        return Answer(
            Outcome.LOT_REQUIRED,
            f"Scan the lot number of {item.sku}.",
            _about(order, product_name=item.name, line=line, **given),
            replace(known, kind="lot"),
        )
    if known.serial is not None and known.serial in packed_serials:
        return _duplicate_serial(order, line, item, known.serial)
    return _accept(rules, order, line, item, known)


def _refused_as_expired(
    rules: ItemRules,
    order: OrderAsRead,
    line: LineCounts,
    item: ItemMatch,
    expiry: date | None,
    gs1: Gs1Data | None,
    awaited: Awaiting | None,
) -> Answer | None:
    """EXPIRED_LOT, at a station that refuses expired lots, when the lot's expiry has
    passed, or the date its run-together lot ends in has (``Gs1Data.date_in_lot``)."""
    if not rules.refuse_expired_lots:
        return None
    if expiry is not None and expiry < rules.today:
        return Answer(
            Outcome.EXPIRED_LOT,
            f"Expired: {item.sku} lot expired {expiry}. Take another one.",
            _about(order, product_name=item.name, line=line),
            awaited,
        )
    past = _past_date_in_lot(rules, expiry, gs1.date_in_lot if gs1 else None)
    if past is not None:
        assert gs1 is not None and gs1.lot is not None
        return Answer(
            Outcome.EXPIRED_LOT,
            said("date_in_lot", gs1.lot, past.isoformat()),
            _about(order, product_name=item.name, line=line),
            awaited,
        )
    return None


def _past_date_in_lot(
    rules: ItemRules, expiry: date | None, date_in_lot: date | None
) -> date | None:
    """The date a run-together lot ends in (``Gs1Data.date_in_lot``) when it has passed
    and the code gave no expiry of its own."""
    if expiry is None and date_in_lot is not None and date_in_lot < rules.today:
        return date_in_lot
    return None


def _accept(
    rules: ItemRules, order: OrderAsRead, line: LineCounts, item: ItemMatch, known: Awaiting
) -> Answer:
    """The unit counted, with its numbers; the order closed (or held, when something
    is short) by its last unit."""
    found = found_units(line, item.units)
    changes: list[Change] = [
        Count(order.id, order.version, line.id, line.packed, item.units, found)
    ]
    counted = replace(line, packed=line.packed + item.units, short=line.short - found)
    lines = [counted if ln.id == line.id else ln for ln in order.lines]
    if found:
        changes.append(ShortFound(order.external_number, counted.id, counted.sku, found))
    units_left = remaining(lines)
    expiry, lot = known.expiry, known.lot
    expired = expiry is not None and expiry < rules.today
    # let through at a station that only warns: a past date a run-together lot ends in
    past = _past_date_in_lot(rules, expiry, known.date_in_lot)
    facts = counted_facts(
        order,
        counted,
        item,
        units_left,
        short_units=-found,  # for UNDO: the units to mark short again
        serial=known.serial,
        lot=lot,
        expiry=expiry,
        manual=known.manual,
        warning=f"lot expired {expiry}"
        if expired
        else f"lot may hide expiry {past}"
        if past
        else None,
    )
    maybe_expired = said("date_in_lot_packed", lot, past.isoformat()) if past and lot else None
    found_words = said("found_missing", item.sku, found, counted.packed, line.quantity)
    # the count moves the order one version on: it ends at that version
    seen = order.version + 1
    short_units = sum(ln.short for ln in lines)
    answer: Answer
    said_: str | Words
    if units_left == 0 and short_units:  # the last item of an order with missing items
        reason = short_hold_reason(short_units)
        warning = "; ".join(filter(None, (facts.warning, reason)))
        changes.append(OrderEnds(order, seen, OrderStatus.ON_HOLD, reason))
        said_ = said("short_on_hold", order.external_number)
        answer = Answer(Outcome.ACCEPTED, said_, replace(facts, warning=warning), None, False)
    elif units_left == 0 and rules.weighs:  # closed by the parcel's weight
        # (a lot that may hide a past expiry, or missing units found, said first)
        weigh = said("weigh_parcel", order.external_number)
        said_ = maybe_expired or (found_words if found else weigh)
        answer = Answer(Outcome.WEIGHT_REQUIRED, said_, facts, None)
    elif units_left == 0:
        changes.append(OrderEnds(order, seen, OrderStatus.PACKED, "all items packed"))
        # the box is done, but its last lot may hide a past expiry: that is said
        said_ = maybe_expired or said("complete", order.external_number).english()
        answer = Answer(Outcome.ORDER_COMPLETE, said_, facts, None, False)
    else:
        said_ = maybe_expired or (found_words if found else ok_words(item, counted, units_left))
        answer = Answer(Outcome.ACCEPTED, said_, facts, None)
    if known.serial is not None:
        changes.append(SerialPacked(item.product_id, known.serial, order.id, line.id))
    return replace(answer, changes=tuple(changes))


def _duplicate_serial(order: OrderAsRead, line: LineCounts, item: ItemMatch, serial: str) -> Answer:
    return Answer(
        Outcome.DUPLICATE_SERIAL,
        f"Serial {serial} of {item.sku} was already packed. Check the item.",
        _about(order, line=line),
        None,
    )


def counted_facts(
    order: OrderAsRead, line: LineCounts, item: ItemMatch, units_left: int, **more: Any
) -> Facts:
    """What an accepted scan's verdict reports (``line`` as counted)."""
    return Facts(
        order_id=order.id,
        order=order.external_number,
        line=line,
        product_name=item.name,
        remaining=units_left,
        units=item.units,
        **more,
    )


def ok_words(item: ItemMatch, line: LineCounts, units_left: int) -> str:
    """An accepted scan's words, when it has nothing more to say."""
    return f"OK {item.sku} {line.packed}/{line.quantity}; {units_left} to go."


def found_units(line: LineCounts, units: int) -> int:
    """How many of a scan's ``units`` are the line's missing units turned up: those
    past the room that what is packed and what is marked short leave."""
    return max(0, line.packed + line.short + units - line.quantity)


def short_hold_reason(shorts: int) -> str:
    """Why an order with missing items went on hold instead of being closed."""
    items = "item" if shorts == 1 else "items"
    return f"{shorts} {items} {SHORT_HOLD}"


def _about(order: OrderAsRead, **more: Any) -> Facts:
    """Facts about the open order for a verdict that changes nothing."""
    return Facts(
        order_id=order.id, order=order.external_number, remaining=remaining(order.lines), **more
    )
