"""Items at the counter: an item scanned into the open order, the serial or lot that
follows a tracked item, and the accepted count itself.

Functions of the station's ``PackingEngine`` (as ``commands`` are); each runs inside
the scan's unit of work and returns the decision ``PackingEngine.say`` records. An
accepted count (``app.packing.count``) is written under the order's row lock, with
the scan's event.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.barcodes import Gs1Data, InvalidInput, normalise
from app.models import Order, OrderLine, PackedSerial, ScanEvent
from app.packing import lookup, shorts, tracking_checks
from app.packing.command_reply import short_hold_reason
from app.packing.count import Count
from app.packing.record import Facts, Step
from app.packing.state import Awaiting, Decision
from app.packing.verdict import Outcome
from app.packing.words import said

if TYPE_CHECKING:
    from app.packing.engine import PackingEngine

# the longest serial and lot the scan log keeps: a longer code is no serial or lot
MAX_TRACKING_CODE = {
    kind: int(getattr(ScanEvent.__table__.c[kind].type, "length", 0)) for kind in ("serial", "lot")
}
SCAN_ORDER_FIRST = "No order is open: scan the order's slip or pick list first."


def scan_item(
    eng: PackingEngine,
    step: Step,
    item: lookup.ItemMatch,
    *,
    locked: lookup.OrderAsRead | None = None,
    manual: bool = False,
) -> Decision:
    """An item scanned into the open order (``locked`` when the scan's look-up has
    locked and read it already): counted, refused, or a serial/lot asked for."""
    s = step.s
    order, gone = eng.locked_open_row(s, locked)
    if order is None:
        return eng.say(
            step,
            Outcome.NOT_PACKABLE if gone else Outcome.NO_OPEN_ORDER,
            gone or SCAN_ORDER_FIRST,
            Facts(sku=item.sku),
            open_order=None,
            awaiting=None,
        )
    number = order.external_number
    lines = order.lines
    line = lookup.line_for(lines, item)
    if line is None:
        other = lookup.other_open_order_with(s, item.product_id, order.id)
        hint = f" It belongs to order {other}." if other else ""
        return eng.say(
            step,
            Outcome.WRONG_ITEM,
            f"Wrong item: {item.sku} is not in order {number}.{hint}",
            _facts(step, order, lines, product_name=item.name, sku=item.sku, other_order=other),
        )
    if eng.awaiting is not None and eng.awaiting.kind == "short":
        return shorts.mark_short(
            eng,
            step,
            s.get_one(Order, order.id),
            s.get_one(OrderLine, line.id),
            eng.awaiting.reason,
        )
    room = line.quantity - line.packed  # units marked short may turn up after all
    if item.units > room:
        return eng.say(
            step,
            Outcome.OVER_SCAN,
            f"Too many: {item.sku} is already complete. Take it out of the box."
            if room == 0  # a case pack bigger than what is left: its units one by one
            else said("case_too_big", item.sku, item.units, room),
            _facts(step, order, lines, product_name=item.name, line=line),
        )
    gs1 = step.scan.gs1 if step.scan else None
    expiry = gs1.expiry if gs1 else None
    refused = _refused_as_expired(eng, step, order, lines, line, item, expiry, gs1)
    if refused is not None:
        return refused
    return _ask_or_accept(
        eng,
        step,
        order,
        line,
        item,
        Awaiting(
            "item",
            line.id,
            item,
            expiry,
            manual=manual,
            serial=gs1.serial if gs1 else None,
            lot=gs1.lot if gs1 else None,
            date_in_lot=gs1.date_in_lot if gs1 else None,
        ),
    )


def _ask_or_accept(
    eng: PackingEngine,
    step: Step,
    order: lookup.OrderAsRead,
    line: lookup.LineCounts,
    item: lookup.ItemMatch,
    known: Awaiting,
) -> Decision:
    """The unit counted, once it has every number its product is tracked by (``known``
    holds those given so far); else the next number asked for, the others kept. A
    serial already packed is refused before a lot is asked for."""
    lines = order.lines
    # the ask logs the numbers given so far (not ``manual``: the tally counts that
    # once, with the unit), so that a station answering it again can await as well
    given = {"serial": known.serial, "lot": known.lot, "expiry": known.expiry}
    if item.serial_tracked and not known.serial:
        asked = replace(known, kind="serial")
        return eng.say(
            step,
            Outcome.SERIAL_REQUIRED,
            f"Scan the serial number of {item.sku}.",
            _facts(step, order, lines, product_name=item.name, line=line, **given),
            awaiting=asked,
        )
    if item.lot_tracked and not known.lot:
        if known.serial and _serial_taken(step.s, item, known.serial):
            return _duplicate_serial(eng, step, order, line, item, known.serial)
        return eng.say(
            step,
            Outcome.LOT_REQUIRED,
            f"Scan the lot number of {item.sku}.",
            _facts(step, order, lines, product_name=item.name, line=line, **given),
            awaiting=replace(known, kind="lot"),
        )
    return _accept(
        eng,
        step,
        order,
        lines,
        line,
        item,
        serial=known.serial,
        lot=known.lot,
        expiry=known.expiry,
        date_in_lot=known.date_in_lot,
        manual=known.manual,
    )


def awaited_after(
    s: Session, event: ScanEvent, *, gs_stand_in: str | None = None
) -> Awaiting | None:
    """What the station awaits after ``event`` when it asked for a serial or lot,
    right after the item's own code: for a station that answers it again, as to a
    retried scan. The item is as that code counts it, with the numbers and expiry
    the ask logged and the date the code's lot may end in. None after any other
    scan (the serial before a lot, a code no longer the item's): the item is then
    scanned again. A unit confirmed by hand is then counted as scanned."""
    kinds = {Outcome.SERIAL_REQUIRED.value: "serial", Outcome.LOT_REQUIRED.value: "lot"}
    if event.outcome not in kinds or event.line_id is None:
        return None
    line = s.get(OrderLine, event.line_id)
    try:
        scan = normalise(event.code or "", gs_stand_in=gs_stand_in)
    except InvalidInput:
        return None
    own = lookup.find_item(s, scan)
    if line is None or own is None or own.product_id != line.product_id:
        return None
    return Awaiting(
        kinds[event.outcome],
        line.id,
        own,
        date.fromisoformat(event.expiry) if event.expiry else None,
        serial=event.serial,
        lot=event.lot,
        date_in_lot=scan.gs1.date_in_lot if scan.gs1 else None,
    )


def tracking_code(eng: PackingEngine, step: Step, awaiting: Awaiting) -> Decision:
    """The scan after serial_required / lot_required: the serial or lot itself. The
    item's own GS1 code with the number in it gives that number (and any other it
    carries); an item's or an order's code is no serial or lot, and the number is asked
    for again."""
    assert awaiting.item is not None and awaiting.line_id is not None and step.scan
    s, item, kind = step.s, awaiting.item, awaiting.kind
    gs1 = step.scan.gs1
    carried = (gs1.serial if kind == "serial" else gs1.lot) if gs1 else None
    found = lookup.find_item(s, step.scan)
    if found is None and step.scan.text != step.scan.text.upper():  # typed "phone-x"
        found = lookup.find_item_any_case(s, step.scan)
    own_code = found is not None and found.product_id == item.product_id and bool(carried)
    order, gone = eng.locked_open_row(s)
    if order is None:
        return eng.say(
            step, Outcome.NOT_PACKABLE, gone or SCAN_ORDER_FIRST, open_order=None, awaiting=None
        )
    value = carried or step.scan.text
    if len(value) > MAX_TRACKING_CODE[kind]:
        return eng.say(
            step,
            Outcome.INVALID_INPUT,
            f"That is not a {kind} number; scan the {kind} of {item.sku}.",
            _facts(step, order, None, product_name=item.name, sku=item.sku),
        )
    mistaken = tracking_checks.why_not_the_number(s, step.scan, item, kind, value, found)
    if mistaken is not None:  # a mis-scan; the number is still awaited
        return eng.say(
            step,
            Outcome.INVALID_INPUT,
            mistaken,
            _facts(step, order, None, product_name=item.name, sku=item.sku),
        )
    lines = order.lines
    line = next(ln for ln in lines if ln.id == awaiting.line_id)
    if line.packed + item.units > line.quantity:  # UNDO-free safety
        return eng.say(
            step,
            Outcome.OVER_SCAN,
            f"Too many: {item.sku} is complete.",
            _facts(step, order, lines, product_name=item.name, line=line),
            awaiting=None,
        )
    # a GS1 lot label, or the item's own code, says its expiry too
    label = gs1 if kind == "lot" or own_code else None
    expiry = (label.expiry if label else None) or awaiting.expiry
    refused = _refused_as_expired(eng, step, order, lines, line, item, expiry, label)
    if refused is not None:
        return refused
    serial = value if kind == "serial" else (label and label.serial) or awaiting.serial
    lot = value if kind == "lot" else (label and label.lot) or awaiting.lot
    given = replace(awaiting, serial=serial, lot=lot, expiry=expiry)
    if label is not None and label.lot:
        given = replace(given, date_in_lot=label.date_in_lot)
    return _ask_or_accept(eng, step, order, line, item, given)


def _refused_as_expired(
    eng: PackingEngine,
    step: Step,
    order: lookup.OrderAsRead,
    lines: list[lookup.LineCounts],
    line: lookup.LineCounts,
    item: lookup.ItemMatch,
    expiry: date | None,
    gs1: Gs1Data | None,
) -> Decision | None:
    """EXPIRED_LOT, at a station that refuses expired lots, when the lot's expiry has
    passed, or the date its run-together lot ends in has (``Gs1Data.date_in_lot``)."""
    if not eng.options.refuse_expired_lots:
        return None
    if expiry is not None and expiry < eng.today():
        return eng.say(
            step,
            Outcome.EXPIRED_LOT,
            f"Expired: {item.sku} lot expired {expiry}. Take another one.",
            _facts(step, order, lines, product_name=item.name, line=line),
        )
    past = _past_date_in_lot(eng, expiry, gs1.date_in_lot if gs1 else None)
    if past is not None:
        assert gs1 is not None and gs1.lot is not None
        return eng.say(
            step,
            Outcome.EXPIRED_LOT,
            said("date_in_lot", gs1.lot, past.isoformat()),
            _facts(step, order, lines, product_name=item.name, line=line),
        )
    return None


def _past_date_in_lot(
    eng: PackingEngine, expiry: date | None, date_in_lot: date | None
) -> date | None:
    """The date a run-together lot ends in (``Gs1Data.date_in_lot``) when it has passed
    and the code gave no expiry of its own."""
    if expiry is None and date_in_lot is not None and date_in_lot < eng.today():
        return date_in_lot
    return None


def _accept(
    eng: PackingEngine,
    step: Step,
    order: lookup.OrderAsRead,
    lines: list[lookup.LineCounts],
    line: lookup.LineCounts,
    item: lookup.ItemMatch,
    *,
    serial: str | None,
    lot: str | None,
    expiry: date | None,
    date_in_lot: date | None,
    manual: bool = False,
) -> Decision:
    s = step.s
    if serial is not None and _serial_taken(s, item, serial):
        return _duplicate_serial(eng, step, order, line, item, serial)
    # this scan holds the order's row lock, so the room checked above is still there
    found = found_units(line, item.units)
    counting = Count(order.id, order.version, line.id, line.packed, item.units, found)
    line.packed += item.units
    if found:
        line.short -= found
        shorts.audit_found(eng, s, order, line, found)
    remaining = lookup.remaining(lines)
    expired = expiry is not None and expiry < eng.today()
    # let through at a station that only warns: a past date a run-together lot ends in
    past = _past_date_in_lot(eng, expiry, date_in_lot)
    facts = counted_facts(
        order,
        line,
        item,
        remaining,
        short_units=-found,  # for UNDO: the units to mark short again
        serial=serial,
        lot=lot,
        expiry=expiry,
        manual=manual,
        warning=f"lot expired {expiry}"
        if expired
        else f"lot may hide expiry {past}"
        if past
        else None,
    )
    short_units = sum(ln.short for ln in lines)
    if remaining == 0 and short_units:  # the last item of an order with missing items
        reason = short_hold_reason(short_units)
        decision = eng.say(
            step,
            Outcome.ACCEPTED,
            said("short_on_hold", order.external_number),
            replace(facts, warning="; ".join(filter(None, (facts.warning, reason)))),
            open_order=None,
            awaiting=None,
            counting=counting,
        )
        eng.hold_locked(s, order, seen_version=order.version + 1, reason=reason)
    elif remaining == 0:
        decision = eng.say(
            step,
            Outcome.ORDER_COMPLETE,
            # the box is done, but its last lot may hide a past expiry: that is said
            said("date_in_lot_packed", lot, past.isoformat())
            if past and lot
            else said("complete", order.external_number).english(),
            facts,
            open_order=None,
            awaiting=None,
            counting=counting,
        )
        # the count, written with the scan's event, moved the order one version on
        eng.close_locked(s, order, seen_version=order.version + 1, reason="all items packed")
    else:
        decision = eng.say(
            step,
            Outcome.ACCEPTED,
            said("date_in_lot_packed", lot, past.isoformat())
            if past and lot
            else said("found_missing", item.sku, found, line.packed, line.quantity)
            if found
            else ok_words(item, line, remaining),
            facts,
            awaiting=None,
            counting=counting,
        )
    if serial is not None:
        s.add(
            PackedSerial(
                product_id=item.product_id,
                serial=serial,
                order_id=order.id,
                line_id=line.id,
                scan_event_id=decision.event_id,
            )
        )
    return decision


def counted_facts(
    order: lookup.OrderAsRead,
    line: lookup.LineCounts,
    item: lookup.ItemMatch,
    remaining: int,
    **more: Any,
) -> Facts:
    """What an accepted scan's verdict reports (``line`` counted already)."""
    return Facts(
        order_id=order.id,
        order=order.external_number,
        line=line,
        product_name=item.name,
        remaining=remaining,
        units=item.units,
        **more,
    )


def ok_words(item: lookup.ItemMatch, line: lookup.LineCounts, remaining: int) -> str:
    """An accepted scan's words, when it has nothing more to say."""
    return f"OK {item.sku} {line.packed}/{line.quantity}; {remaining} to go."


def _serial_taken(s: Session, item: lookup.ItemMatch, serial: str) -> bool:
    """Whether this serial of this product is packed already (in any order)."""
    taken = select(PackedSerial.id).where(
        PackedSerial.product_id == item.product_id, PackedSerial.serial == serial
    )
    return s.scalar(taken) is not None


def _duplicate_serial(
    eng: PackingEngine,
    step: Step,
    order: lookup.OrderAsRead,
    line: lookup.LineCounts,
    item: lookup.ItemMatch,
    serial: str,
) -> Decision:
    return eng.say(
        step,
        Outcome.DUPLICATE_SERIAL,
        f"Serial {serial} of {item.sku} was already packed. Check the item.",
        _facts(step, order, order.lines, line=line),
        awaiting=None,
    )


def found_units(line: lookup.LineCounts, units: int) -> int:
    """How many of a scan's ``units`` are the line's missing units turned up: those
    past the room that what is packed and what is marked short leave."""
    return max(0, line.packed + line.short + units - line.quantity)


def _facts(
    step: Step,
    order: lookup.OrderAsRead,
    lines: list[lookup.LineCounts] | None,
    **more: Any,
) -> Facts:
    """Facts about the open order for a verdict that changes nothing (its remaining
    units from the lines this scan read, when it read them)."""
    remaining = (
        lookup.remaining(lines) if lines is not None else lookup.remaining_units(step.s, order.id)
    )
    return Facts(order_id=order.id, order=order.external_number, remaining=remaining, **more)
