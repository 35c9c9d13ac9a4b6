"""Most of a day's scans, counted without a transaction.

Most scans are an item of the open order, with room left on its line, that is not
the order's last and needs no serial, lot or expiry check. Such a scan is decided on
the order as read without its row lock, and written by one statement that counts
it, logs it and commits only if the order is still at the version read and the line
at the count read (``record.log_unless_changed``). On PostgreSQL that is two round
trips to the server (read, write) where the locked way takes four (BEGIN, read under
the lock, write, COMMIT), and no session: the scan costs the counter about 60% of the
CPU the locked way does.

Every other scan, and one whose order changed between the read and the write (which
then wrote nothing), is decided afresh the locked way (``PackingEngine._decide``):
the answer is the same either way, only its cost differs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.barcodes import Gs1Data, InvalidInput, normalise
from app.packing import command_codes, items, lookup, record
from app.packing.count import Count
from app.packing.state import Decision
from app.packing.verdict import Outcome

if TYPE_CHECKING:
    from app.packing.engine import PackingEngine


def count_plain_item(eng: PackingEngine, raw: str, uid: str, seq: int) -> Decision | None:
    """The scan counted and committed if it is a plain item of the open order (see
    the module); None, having written nothing, when it is not or its order changed."""
    order_id = eng.open_order_id
    if eng.user_id is None or order_id is None or eng.awaiting is not None:
        return None
    if eng.units_left == 1:
        return None  # one unit left: an item of the order closes it (no read for nothing)
    try:
        scan = normalise(raw, gs_stand_in=eng.options.gs_stand_in)
    except InvalidInput:
        return None
    if (scan.gs1 is not None and scan.gs1 != Gs1Data(scan.gs1.gtin14)) or command_codes.parse(
        scan.text
    ) is not None:
        return None  # a serial, lot or expiry to check; or a command
    with eng.unlocked.use() as conn:
        found = lookup.find_item_with_order(conn, scan, order_id)
        if found is None:
            return None
        item, order = found
        if eng.why_gone(order.external_number, order.status, order.claimed_by_station_id):
            return None
        line = lookup.line_for(order.lines, item)
        if (
            line is None
            or item.serial_tracked
            or item.lot_tracked
            or line.packed + item.units > line.quantity  # too many
            or items.found_units(line, item.units)  # units marked short turned up
        ):
            return None
        counting = Count(order.id, order.version, line.id, line.packed, item.units)
        line.packed += item.units
        remaining = lookup.remaining(order.lines)
        if remaining == 0:
            return None  # the order's last: it closes and prints, under the lock
        logged = record.entry(
            uid,
            seq,
            raw,
            scan,
            Outcome.ACCEPTED,
            items.ok_words(item, line, remaining),
            items.counted_facts(order, line, item, remaining),
            station_id=eng.station_id,
            user_id=eng.user_id,
            at=eng.server_time(),
        )
        event_id = record.log_unless_changed(conn, logged, counting)
    if event_id is None:
        return None
    return Decision(logged.verdict, event_id, order_id, eng.user_id, None)
