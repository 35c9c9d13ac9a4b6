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

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, delete, select
from sqlalchemy.orm import Session

from app import lifecycle, scan_tally
from app.barcodes import NormalisedScan
from app.models import Order, OrderLine, OrderStatus, PackedSerial, Parcel, ScanEvent
from app.packing import emptying, lookup, scan_log, shorts, weight_profiles
from app.packing.answer import (
    Answer,
    BeginParcel,
    BoxChosen,
    ClaimOrder,
    EventUndone,
    OrderEnds,
    ParcelTakenBack,
    ParcelWeighed,
    PrintDocuments,
    ReopenShortHold,
    ReturnToQueue,
    SerialPacked,
    ShortFound,
    ShortMarked,
    TakeBackUnits,
    TouchOrder,
    UnmarkShort,
    WeightTakenBack,
)
from app.packing.print_request import PrintRequest
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Committed


def write(eng: ScanStation, step: Step, answer: Answer) -> Committed:
    """``answer`` logged and carried out in the scan's transaction (the orders it
    changes row-locked by the scan's read). What the scan's event reports is written
    before the event; what names it, and the order's end (which follows the count the
    event carries), after."""
    s = step.s
    undid = _undid(s, answer.changes)
    if undid:  # named in the scan's hashed answer (``app.audit.undone``)
        answer = replace(answer, facts=replace(answer.facts, undid=undid))
    for change in answer.changes:
        before = _BEFORE.get(type(change))
        if before is not None:
            before(eng, s, change)
    open_order = answer.opens or (eng.open_order_id if answer.keeps_order else None)
    decision = eng.say(
        step,
        answer.outcome,
        answer.said,
        answer.facts,
        open_order=open_order,
        awaiting=answer.awaiting,
        counting=answer.count,
        **_who_after(answer),
    )
    for change in answer.changes:
        after = _AFTER.get(type(change))
        if after is not None:
            after(eng, s, change, decision.event_id)
    if undid:
        emptied = [i for i in undid if not any(_undoes(c, i) for c in answer.changes)]
        emptying.taken_back(s, emptied, undone_by=decision.event_id)
    return decision


def _undid(s: Session, changes: tuple[Any, ...]) -> tuple[int, ...]:
    """The scans (ids) the answer takes back: UNDO's one, and those of a box emptied
    (read before the scan is logged, for its answer to name them)."""
    ids: list[int] = []
    for change in changes:
        if isinstance(change, EventUndone):
            ids.append(change.event_id)
        elif isinstance(change, ReturnToQueue):
            ids.extend(emptying.to_take_back(s, change.order.id))
    return tuple(ids)


def _undoes(change: Any, event_id: int) -> bool:
    return isinstance(change, EventUndone) and change.event_id == event_id


def _who_after(answer: Answer) -> dict[str, int | None]:
    """The user signed in after the answer, when it changes who that is."""
    if answer.signs_out:
        return {"user_id": None}
    return {"user_id": answer.signs_in} if answer.signs_in is not None else {}


def _print(eng: ScanStation, s: Session, change: PrintDocuments) -> None:
    request = PrintRequest(
        order_id=change.order_id,
        documents=change.documents,
        station_id=eng.station_id,
        user_id=eng.user_id,
        reason=change.reason,
        occasion=change.occasion,
    )
    eng.spool.submit(s, request)


def _serial_packed(eng: ScanStation, s: Session, change: SerialPacked, event_id: int) -> None:
    s.add(
        PackedSerial(
            product_id=change.product_id,
            serial=change.serial,
            order_id=change.order_id,
            line_id=change.line_id,
            scan_event_id=event_id,
        )
    )


def _take_back_units(eng: ScanStation, s: Session, back: TakeBackUnits) -> None:
    """A packed item taken back: its units off its line and the tallies, its serial
    free again, and the units it found of those marked short missing again."""
    line = s.get_one(OrderLine, back.line_id)  # (its order row-locked by the scan)
    line.packed -= back.units
    scan_tally.take_back(s, s.get_one(ScanEvent, back.event_id))
    s.execute(delete(PackedSerial).where(PackedSerial.scan_event_id == back.event_id))
    if back.found:
        shorts.missing_again(eng, s, back)


def _begin_parcel(eng: ScanStation, s: Session, begin: BeginParcel) -> None:
    """Parcel ``number`` (and the first, the box packed so far, if there is none)."""
    have = set(s.scalars(select(Parcel.seq).where(Parcel.order_id == begin.order_id)))
    s.add_all(
        Parcel(order_id=begin.order_id, seq=seq)
        for seq in range(1, begin.number + 1)
        if seq not in have
    )


def _event_undone(eng: ScanStation, s: Session, undone: EventUndone, event_id: int) -> None:
    s.get_one(ScanEvent, undone.event_id).undone_by_id = event_id


def _weighed(_eng: ScanStation, s: Session, change: ParcelWeighed) -> None:
    learn = change.learn
    parcel = _current_parcel(s, change.order_id)
    parcel.weighed(change.grams, change.expected_g, learn.key if learn else None)
    if learn is not None:
        if learn.replacing is not None:
            weight_profiles.unlearn(s.connection(), learn.replacing[1], learn.replacing[0])
        weight_profiles.learn(s.connection(), learn, change.grams)


def _weight_taken_back(_eng: ScanStation, s: Session, change: WeightTakenBack) -> None:
    s.get_one(Parcel, change.parcel_id).weighed(None, None, None)
    if change.key is not None:
        weight_profiles.unlearn(s.connection(), change.key, change.grams)


def _box_chosen(_eng: ScanStation, s: Session, change: BoxChosen) -> None:
    _current_parcel(s, change.order_id).box_type_id = change.box_type_id


def _parcel_taken_back(_eng: ScanStation, s: Session, change: ParcelTakenBack) -> None:
    s.delete(s.get_one(Parcel, change.parcel_id))


def _touch(_eng: ScanStation, s: Session, change: TouchOrder) -> None:
    lifecycle.touch_locked(s.connection(), change.order_id, change.seen_version)


def _ends(eng: ScanStation, s: Session, change: OrderEnds, _event_id: int) -> None:
    eng.end_order(s, change)


# what each change writes before the scan's event, and after it (naming the event)
_BEFORE: dict[type, Callable[[ScanStation, Session, Any], None]] = {
    ShortFound: shorts.audit_found,
    ReturnToQueue: lambda eng, s, change: _return_to_queue(eng, s, change),
    ClaimOrder: lambda eng, s, change: _claim(eng, s, change.order),
    ReopenShortHold: lambda eng, s, change: _reopen_short_hold(eng, s, change),
    ShortMarked: shorts.write_mark,
    UnmarkShort: shorts.write_unmark,
    TakeBackUnits: _take_back_units,
    ParcelWeighed: _weighed,
    BoxChosen: _box_chosen,
    BeginParcel: _begin_parcel,
    ParcelTakenBack: _parcel_taken_back,
    WeightTakenBack: _weight_taken_back,
    TouchOrder: _touch,
    PrintDocuments: _print,
}
_AFTER: dict[type, Callable[[ScanStation, Session, Any, int], None]] = {
    OrderEnds: _ends,
    SerialPacked: _serial_packed,
    EventUndone: _event_undone,
}


def _return_to_queue(eng: ScanStation, s: Session, change: ReturnToQueue) -> None:
    """The order given back to the queue unfinished, with nothing counted: the units
    in its box are taken back (the packer empties the box), so no counter ever sees
    units counted that are in no box."""
    order = s.get_one(Order, change.order.id)  # (locked by the scan's read)
    emptying.empty(s, order)
    lifecycle.transition(
        s,
        order,
        OrderStatus.READY,
        user_id=eng.user_id,
        station_id=eng.station_id,
        reason=change.reason,
    )


def _reopen_short_hold(eng: ScanStation, s: Session, change: ReopenShortHold) -> None:
    """The order held short packed here again: through ``ready`` (as a supervisor's
    release would) into ``packing``, which claims it for this station."""
    conn, order = s.connection(), change.order
    now = eng.server_time(s)
    steps = ((OrderStatus.ON_HOLD, OrderStatus.READY), (OrderStatus.READY, OrderStatus.PACKING))
    for version, (from_status, to_status) in enumerate(steps, start=order.version):
        lifecycle.transition_locked(
            conn,
            order.id,
            order.external_number,
            from_status,
            to_status,
            seen_version=version,
            at=now,
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
