"""Writing a decision (``app.packing.answer.Answer``): the scan's log entry and the
changes it intends, in one of two ways.

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

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from app import lifecycle
from app.barcodes import NormalisedScan
from app.models import Order, OrderStatus, PackedSerial, Parcel
from app.packing import box, lookup, scan_log, shorts
from app.packing.answer import (
    Answer,
    BoxChosen,
    ClaimOrder,
    OrderEnds,
    ParcelWeighed,
    PrintDocuments,
    ReturnToQueue,
    SerialPacked,
    ShortFound,
    ShortMarked,
)
from app.packing.print_request import PrintRequest
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Committed


def write(eng: ScanStation, step: Step, answer: Answer) -> Committed:
    """``answer`` logged and carried out in the scan's transaction (the orders it
    changes row-locked by the scan's read). What the scan's event reports is written
    before it; what names the event after."""
    s = step.s
    open_order = eng.open_order_id if answer.keeps_order else None
    for change in answer.changes:
        if isinstance(change, ShortFound):
            shorts.audit_found(eng, s, change)
        elif isinstance(change, ReturnToQueue):
            _return_to_queue(eng, s, change)
        elif isinstance(change, ClaimOrder):
            _claim(eng, s, change.order)
            open_order = change.order.id
        elif isinstance(change, ShortMarked):
            shorts.write_mark(eng, s, change)
        elif isinstance(change, ParcelWeighed):
            _current_parcel(s, change.order_id).weighed(change.grams, change.expected_g)
        elif isinstance(change, BoxChosen):
            _current_parcel(s, change.order_id).box_type_id = change.box_type_id
        elif isinstance(change, PrintDocuments):
            eng.spool.submit(
                s,
                PrintRequest(
                    order_id=change.order_id,
                    documents=change.documents,
                    station_id=eng.station_id,
                    user_id=eng.user_id,
                    reason=change.reason,
                ),
            )
    decision = eng.say(
        step,
        answer.outcome,
        answer.said,
        answer.facts,
        open_order=open_order,
        awaiting=answer.awaiting,
        counting=answer.count,
        **({"user_id": None} if answer.signs_out else {}),
    )
    for change in answer.changes:
        if isinstance(change, OrderEnds):
            eng.end_order(s, change)
        elif isinstance(change, ReturnToQueue):
            box.taken_back(s, change.order.id, undone_by=decision.event_id)
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


def _return_to_queue(eng: ScanStation, s: Session, change: ReturnToQueue) -> None:
    """The order given back to the queue unfinished, with nothing counted: the units
    in its box are taken back (the packer empties the box), so no counter ever sees
    units counted that are in no box."""
    order = s.get_one(Order, change.order.id)  # (locked by the scan's read)
    box.empty(s, order)
    lifecycle.transition(
        s,
        order,
        OrderStatus.READY,
        user_id=eng.user_id,
        station_id=eng.station_id,
        reason=change.reason,
    )


def _current_parcel(s: Session, order_id: int) -> Parcel:
    """The order's newest parcel (the first, begun now, if it has none)."""
    parcel = s.scalar(
        select(Parcel).where(Parcel.order_id == order_id).order_by(Parcel.seq.desc()).limit(1)
    )
    if parcel is None:
        parcel = Parcel(order_id=order_id, seq=1)
        s.add(parcel)
    return parcel


def _claim(eng: ScanStation, s: Session, order: lookup.OrderAsRead) -> None:
    """The order claimed for this station: from ``ready`` to ``packing``; or, packed
    here already (the station resumes it) or claimed by nobody, claimed again."""
    conn = s.connection()
    now = eng.server_time(s)  # one server time for the claim and its history row
    if order.status is OrderStatus.READY:
        lifecycle.transition_locked(
            conn,
            order.id,
            order.external_number,
            order.status,
            OrderStatus.PACKING,
            seen_version=order.version,
            at=now,
            user_id=eng.user_id,
            station_id=eng.station_id,
            reason="opened by scan",
        )
    else:
        lifecycle.claim_locked(
            conn,
            order.id,
            seen_version=order.version,
            at=now,
            user_id=eng.user_id,
            station_id=eng.station_id,
        )


def write_unless_changed(
    eng: ScanStation,
    conn: Connection,
    step: tuple[str, int, str],
    scan: NormalisedScan,
    answer: Answer,
) -> Committed | None:
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
    return Committed(logged.verdict, event_id, eng.open_order_id, eng.user_id, answer.awaiting)
