"""An item scan through the engine's shell: read its facts (``app.packing.item_facts``),
decide (``app.packing.item_rules``), write (``app.packing.scan_writer``).

Every item scan can go the locked way: in the scan's transaction, the open order
row-locked. A scan that may be a plain item of the open order is first tried the
optimistic way: read on the station's standing connection without the lock, decided
by the same rules, and written only if the answer is a plain count
(``Answer.only_counts``) and the order and line are still as read. Anything else,
written nothing, goes the locked way. On PostgreSQL the optimistic way is two round
trips where the locked way takes four (BEGIN, read under the lock, write, COMMIT), and
no session: it costs the counter about 60% of the CPU.
"""

from __future__ import annotations

from app.barcodes import Gs1Data, InvalidInput, normalise
from app.packing import command_codes, item_facts, lookup, scan_writer
from app.packing.answer import Answer
from app.packing.command_rules import decide_short_mark
from app.packing.item_rules import MarkShort, decide_item, decide_number
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Awaiting, Committed


def scan_item(
    eng: ScanStation,
    step: Step,
    item: lookup.ItemMatch,
    *,
    locked: lookup.OrderAsRead | None = None,
    manual: bool = False,
) -> Committed:
    """An item scanned into the open order, the locked way (``locked``: the order as the
    scan's look-up locked and read it already)."""
    s = step.s
    order, gone = item_facts.locked_open_order(
        s.connection(), eng.open_order_id, eng.station_id, locked
    )
    facts = item_facts.item_facts(
        s,
        item,
        step.scan.gs1 if step.scan else None,
        order,
        gone,
        awaiting=eng.still_awaited(),
        rules=eng.item_rules(),
        manual=manual,
    )
    answer = decide_item(facts)
    if isinstance(answer, MarkShort):  # the item SHORT asked for
        assert order is not None
        line = next(ln for ln in order.lines if ln.id == answer.line_id)
        answer = decide_short_mark(order, line, answer.reason)
    return scan_writer.write(eng, step, answer)


def scan_number(eng: ScanStation, step: Step, awaiting: Awaiting) -> Committed:
    """The scan after a serial or lot prompt, the locked way."""
    assert step.scan is not None
    s = step.s
    order, gone = item_facts.locked_open_order(s.connection(), eng.open_order_id, eng.station_id)
    facts = item_facts.number_facts(s, step.scan, awaiting, order, gone, eng.item_rules())
    return scan_writer.write(eng, step, decide_number(facts))


def count_optimistically(eng: ScanStation, raw: str, uid: str, seq: int) -> Committed | None:
    """The scan counted and committed the optimistic way, if it is a plain item of the
    open order (see the module); None, having written nothing, when it is not or its
    order changed."""
    order_id = eng.open_order_id
    if eng.user_id is None or order_id is None or eng.awaiting is not None:
        return None  # (what is awaited decides the scan)
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
        rules = eng.item_rules()
        facts = item_facts.unlocked_item_facts(conn, scan, order_id, eng.station_id, rules)
        if facts is None:
            return None
        answer = decide_item(facts)
        if not isinstance(answer, Answer) or not answer.only_counts:
            return None
        return scan_writer.write_unless_changed(eng, conn, (uid, seq, raw), scan, answer)
