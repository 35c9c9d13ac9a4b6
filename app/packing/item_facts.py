"""Reading the facts an item decision needs (``app.packing.item_rules``), in one place.

The item and the open order with its lines come from one statement (row-locked in the
scan's transaction, or unlocked on a connection in none: ``app.packing.item_scan``).
The rest is read only when the decision can use it: the other open order that wants
an item this one does not, the serials of the product packed already among those the
scan may give, the item and the orders a code at a serial or lot prompt is.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from app.barcodes import Gs1Data, InvalidInput, NormalisedScan, normalise
from app.models import OrderLine, ScanEvent
from app.packing import lookup
from app.packing.item_rules import ItemFacts, ItemRules, NumberFacts
from app.packing.station_state import Awaiting, why_gone
from app.packing.tracking_checks import numbers_like
from app.packing.verdict import Outcome
from app.packing.words import Words, said


def locked_open_order(
    conn: Connection,
    order_id: int | None,
    station_id: int,
    locked: lookup.OrderAsRead | None = None,
) -> tuple[lookup.OrderAsRead | None, Words | None]:
    """The station's open order row-locked for the rest of the scan's transaction and
    read with its lines (``locked``, when the scan's look-up did so already); or why the
    station has lost it."""
    if order_id is None:
        return None, None
    order = locked or lookup.lock_order(conn, order_id)
    if order is None:
        return None, said("order_gone")
    return _ours(order, station_id)


def _ours(
    order: lookup.OrderAsRead, station_id: int
) -> tuple[lookup.OrderAsRead | None, Words | None]:
    gone = why_gone(order.external_number, order.status, order.claimed_by_station_id, station_id)
    return (None, gone) if gone else (order, None)


def item_facts(
    reader: lookup.Reader,
    item: lookup.ItemMatch,
    gs1: Gs1Data | None,
    order: lookup.OrderAsRead | None,
    gone: Words | None,
    *,
    awaiting: Awaiting | None,
    rules: ItemRules,
    manual: bool = False,
) -> ItemFacts:
    """The facts of ``item`` scanned (its code carrying ``gs1``) into ``order``."""
    other = None
    if order is not None and lookup.line_for(order.lines, item) is None:
        other = lookup.other_open_order_with(reader, item.product_id, order.id)
    serials = {gs1.serial} if gs1 is not None and gs1.serial else set()
    return ItemFacts(
        item,
        order,
        gone,
        awaiting,
        gs1,
        rules,
        manual=manual,
        other_order=other,
        packed_serials=lookup.packed_serials(reader, item.product_id, serials),
    )


def unlocked_item_facts(
    conn: Connection, scan: NormalisedScan, order_id: int, station_id: int, rules: ItemRules
) -> ItemFacts | None:
    """The facts of a scan that may be a plain item of the open order, read without the
    order's lock on a connection in no transaction; None when the code is no item.

    Only what a count is decided on is read: a decision that would use more (the other
    order a wrong item belongs to, packed serials) is no plain count, and is decided
    again the locked way."""
    found = lookup.find_item_with_order(conn, scan, order_id)
    if found is None:
        return None
    item, as_read = found
    order, gone = _ours(as_read, station_id)
    return ItemFacts(item, order, gone, None, scan.gs1, rules)


def number_facts(
    reader: lookup.Reader,
    scan: NormalisedScan,
    awaiting: Awaiting,
    order: lookup.OrderAsRead | None,
    gone: Words | None,
    rules: ItemRules,
) -> NumberFacts:
    """The facts of ``scan`` at the prompt for ``awaiting``'s serial or lot."""
    assert awaiting.item is not None
    found = lookup.find_item(reader, scan)
    if found is None and scan.text != scan.text.upper():  # typed "phone-x"
        found = lookup.find_item_any_case(reader, scan)
    orders = tuple(o for text in numbers_like(scan.text) for o in lookup.find_orders(reader, text))
    gs1 = scan.gs1
    serials = {scan.text, awaiting.serial, gs1.serial if gs1 else None}
    packed = lookup.packed_serials(
        reader, awaiting.item.product_id, {s for s in serials if s is not None}
    )
    pattern = lookup.serial_pattern(reader, awaiting.item.product_id)
    is_box = lookup.find_box(reader, scan.text) is not None
    return NumberFacts(scan, awaiting, found, order, gone, orders, rules, packed, pattern, is_box)


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
