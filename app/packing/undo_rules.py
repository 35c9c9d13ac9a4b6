"""The rules for UNDO and NEXT-PARCEL (the commands that act on what the station did
before: its last scans, its parcels), as pure functions of what the scan read.

UNDO takes back the last thing this station did in the open order: a packed item (its
units, and the units it found of those marked short: missing again), a short mark, or
a parcel begun (while it is the order's newest, nothing went into it and nothing was
printed for it). Right after the station's last scan put its order on hold for being
short, UNDO with no order open packs that order here again and takes the scan back.
NEXT-PARCEL begins another box for the rest of the order, refused
while the one begun last is still empty. The facts are read, and the answers written,
by ``app.packing.undo`` and ``app.packing.parcels``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.models import OrderStatus
from app.packing.answer import (
    Answer,
    BeginParcel,
    Change,
    EventUndone,
    ParcelTakenBack,
    ReopenShortHold,
    TakeBackUnits,
    TouchOrder,
    UnmarkShort,
    WeightTakenBack,
)
from app.packing.command_codes import Command
from app.packing.command_rules import command_answer
from app.packing.item_rules import SHORT_HOLD
from app.packing.lookup import LineCounts, OrderAsRead
from app.packing.scan_log import Facts
from app.packing.station_state import Awaiting
from app.packing.verdict import Outcome
from app.packing.words import Words, said


@dataclass(frozen=True)
class LastDone:
    """The last scan of this station in the order that UNDO can take back."""

    event_id: int
    line_id: int | None
    units: int  # packed by it
    short_units: int  # marked short by it (negative: units it found of those marked)
    began_parcel: int | None  # the number of the parcel it began
    weighed: bool = False  # it was the weight that closed the parcel before that one


@dataclass(frozen=True)
class NewestParcel:
    """The order's newest parcel, for an UNDO of the NEXT-PARCEL that began one."""

    id: int
    seq: int
    filled: bool  # a unit went into the order (and still counts) after it was begun
    printed: bool  # a label may be out for it


@dataclass(frozen=True)
class WeighedParcel:
    """The parcel a weight closed (the one before the parcel that weight began)."""

    id: int
    seq: int
    grams: int
    key: str | None  # the profile its weight was learned into


@dataclass(frozen=True)
class LastMove:
    """The newest row of an order's history."""

    from_status: str | None  # None: the row that created the order
    station_id: int | None
    user_id: int | None
    reason: str | None


@dataclass(frozen=True)
class HeldShort:
    """For an UNDO with no order open: the station's last scan at a box (``event_id``)
    and what it did, the order it was in (row-locked) with its newest move, and who
    scans UNDO at which station."""

    event_id: int
    scanned_by: int | None  # who made that scan
    undone: bool  # it was undone since
    remaining_after: int | None  # what it left to pack
    held_it: bool  # it marked units short, or packed units: what may have held the order
    order: OrderAsRead
    last_move: LastMove | None
    station_id: int
    user_id: int | None  # who scans UNDO


REOPEN_REASON = "short hold undone at the counter"


def reopens_short_hold(f: HeldShort) -> bool:
    """Whether the station's last scan is what put its order on hold for being short
    (it left nothing to pack, the order moved from packing here by that packer, for
    that reason, and has not moved since), and the same packer scans UNDO right after:
    only then is the order packed here again. A supervisor's hold, even from this
    station, or one another packer made, is never lifted."""
    move = f.last_move
    return (
        not f.undone
        and f.scanned_by == f.user_id
        and f.remaining_after == 0
        and f.held_it
        and f.order.status is OrderStatus.ON_HOLD
        and move is not None
        and (move.from_status, move.station_id, move.user_id)
        == (OrderStatus.PACKING.value, f.station_id, f.scanned_by)
        and (move.reason or "").endswith(SHORT_HOLD)
    )


@dataclass(frozen=True)
class UndoFacts:
    order: OrderAsRead  # the open order, row-locked (or the one held short: ``held``)
    awaiting: Awaiting | None  # what the station awaited: UNDO cancels it first
    last: LastDone | None
    parcel: NewestParcel | None = None  # read when ``last`` began a parcel
    weighed: WeighedParcel | None = None  # read when ``last`` was a parcel's weight
    held: HeldShort | None = None  # read when no order was open


def decide_undo(f: UndoFacts) -> Answer:
    if f.held is None:
        return _undo(f)
    held, last = f.held, f.last
    if (
        f.awaiting is not None
        or last is None
        or last.event_id != held.event_id
        or not reopens_short_hold(held)
    ):
        words = said("needs_open_order", Command.UNDO.value)
        return Answer(Outcome.NO_OPEN_ORDER, words, Facts(), None, keeps_order=False)
    # packed here again, two versions on; the scan that held it is then taken back
    order = f.order
    reopened = replace(
        order,
        status=OrderStatus.PACKING,
        claimed_by_station_id=held.station_id,
        version=order.version + 2,
    )
    answer = _undo(replace(f, order=reopened, held=None))
    changes = (ReopenShortHold(order, REOPEN_REASON), *answer.changes)
    return replace(answer, changes=changes)


def _undo(f: UndoFacts) -> Answer:
    order = f.order
    if f.awaiting is not None:
        return _reply(order, said(f"{f.awaiting.kind}_not_expected"))
    last = f.last
    if last is None:
        return _reply(order, said("nothing_to_undo"), warning="nothing to undo")
    touch = TouchOrder(order.id, order.version)
    if last.began_parcel is not None:
        parcel = f.parcel
        kept = (
            "parcel_not_newest"  # another station began one after it
            if parcel is None or parcel.seq != last.began_parcel
            else "parcel_filled"
            if parcel.filled
            else "parcel_printed"
            if parcel.printed
            else None
        )
        if kept is not None or parcel is None:
            words = said(kept or "parcel_not_newest", last.began_parcel)
            return _reply(order, words, warning="parcel kept")
        words = said("parcel_undone", parcel.seq, parcel.seq - 1)
        gone: tuple[Change, ...] = (ParcelTakenBack(parcel.id), touch, EventUndone(last.event_id))
        weighed = f.weighed
        if weighed is not None:  # the weight that closed the parcel before goes too
            words = said("parcel_weight_undone", parcel.seq, weighed.seq, weighed.grams)
            gone = (WeightTakenBack(weighed.id, weighed.grams, weighed.key), *gone)
        return _reply(order, words, changes=gone)
    line = next(ln for ln in order.lines if ln.id == last.line_id)
    if last.short_units > 0:
        after = replace(line, short=line.short - last.short_units)
        words = said("short_undone", line.sku, last.short_units)
        change: Change = UnmarkShort(order.external_number, line.id, line.sku, last.short_units)
    else:
        found = -last.short_units  # units it found of those marked short: missing again
        after = replace(line, packed=line.packed - last.units, short=line.short + found)
        words = (
            said("found_undone", line.sku, after.packed, line.quantity, found)
            if found
            else said("undone", line.sku, after.packed, line.quantity)
        )
        change = TakeBackUnits(
            order.external_number, line.id, line.sku, last.event_id, last.units, found
        )
    lines = [after if ln.id == line.id else ln for ln in order.lines]
    undone = (change, touch, EventUndone(last.event_id))
    return _reply(replace(order, lines=lines), words, line=after, changes=undone)


@dataclass(frozen=True)
class NextParcelFacts:
    order: OrderAsRead
    parcels: int  # how many parcels the order has (none: its first box is begun now too)
    filled: bool  # a unit went into the order since the last parcel was begun
    weighs: bool = False  # the counter weighs each parcel as it closes


def decide_next_parcel(f: NextParcelFacts) -> Answer:
    order = f.order
    if not f.filled:
        words = said("parcel_empty", max(f.parcels, 1))
        return _reply(order, words, command=Command.NEXT_PARCEL, warning="parcel is empty")
    if f.weighs:  # weighed first; the weight begins the next parcel
        full = max(f.parcels, 1)
        words = said("weigh_next_parcel", full, order.external_number)
        asked = _reply(order, words, command=Command.NEXT_PARCEL)
        awaiting = Awaiting("parcel_weight", order_id=order.id)
        return replace(asked, outcome=Outcome.WEIGHT_REQUIRED, awaiting=awaiting)
    number = max(f.parcels, 1) + 1
    changes = (BeginParcel(order.id, number), TouchOrder(order.id, order.version))
    words = said("parcel_started", number, order.external_number)
    answer = _reply(order, words, command=Command.NEXT_PARCEL, changes=changes)
    return replace(answer, facts=replace(answer.facts, began_parcel=number))


def _reply(
    order: OrderAsRead,
    words: Words,
    *,
    command: Command = Command.UNDO,
    warning: str | None = None,
    line: LineCounts | None = None,
    changes: tuple[Change, ...] = (),
) -> Answer:
    """The answer of UNDO or NEXT-PARCEL about the open ``order`` (as it is after),
    which stays the station's open order (again, when UNDO took back the scan that
    held it short)."""
    return command_answer(
        order, command, words, warning=warning, line=line, changes=changes, opens=order.id
    )
