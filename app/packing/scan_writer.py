"""Writing a decision (``item_rules.Answer``): the scan's log entry and the changes it
intends, in one of two ways.

``write``, in the scan's transaction with the open order row-locked: any answer.
``write_unless_changed``, on the station's standing connection in no transaction, for
an answer decided on the order read without its lock: only a plain count
(``Answer.only_counts``), and only if the order is still at the version read and its
line at the count read; else nothing is written, and the scan is decided again the
locked way. Either way the same answer gives the same rows. The SQL of each database
(one statement on PostgreSQL, a few on SQLite) is in ``app.packing.scan_log`` and
``app.packing.count``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection

from app.barcodes import NormalisedScan
from app.models import PackedSerial
from app.packing import scan_log, shorts
from app.packing.changes import OrderEnds, SerialPacked, ShortFound
from app.packing.item_rules import Answer
from app.packing.scan_log import Step
from app.packing.state import Decision

if TYPE_CHECKING:
    from app.packing.engine import PackingEngine


def write(eng: PackingEngine, step: Step, answer: Answer) -> Decision:
    """``answer`` logged and carried out in the scan's transaction (the open order,
    if it counts or ends it, row-locked by the scan's read)."""
    s = step.s
    for change in answer.changes:
        if isinstance(change, ShortFound):
            shorts.audit_found(eng, s, change)
    decision = eng.say(
        step,
        answer.outcome,
        answer.said,
        answer.facts,
        open_order=eng.open_order_id if answer.keeps_order else None,
        awaiting=answer.awaiting,
        counting=answer.count,
    )
    for change in answer.changes:
        if isinstance(change, OrderEnds):
            eng.end_order(s, change)
        elif isinstance(change, SerialPacked):
            s.add(
                PackedSerial(
                    product_id=change.product_id,
                    serial=change.serial,
                    order_id=change.order_id,
                    line_id=change.line_id,
                    scan_event_id=decision.event_id,
                )
            )
    return decision


def write_unless_changed(
    eng: PackingEngine,
    conn: Connection,
    step: tuple[str, int, str],
    scan: NormalisedScan,
    answer: Answer,
) -> Decision | None:
    """A plain count (``answer``) decided on the order read unlocked, logged and
    committed if the order and line are still as read; None, nothing written, if not.
    ``step`` is the scan's id, number and raw text."""
    count = answer.count
    assert answer.only_counts and count is not None
    uid, seq, raw = step
    logged = scan_log.entry(
        uid,
        seq,
        raw,
        scan,
        answer.outcome,
        answer.said,
        answer.facts,
        station_id=eng.station_id,
        user_id=eng.user_id,
        at=eng.server_time(),
    )
    event_id = scan_log.log_unless_changed(conn, logged, count)
    if event_id is None:
        return None
    return Decision(logged.verdict, event_id, eng.open_order_id, eng.user_id, answer.awaiting)
