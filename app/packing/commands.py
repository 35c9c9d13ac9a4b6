"""Command barcodes: the packer's hands stay on the scanner.

A command barcode holds ``CMD:`` and a name (``CMD:UNDO``); the command sheet prints
them all. Each command is decided and recorded like any other scan.
"""

from __future__ import annotations

import enum
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from app import lifecycle, scan_tally
from app.models import (
    AuditEvent,
    Order,
    OrderHistory,
    OrderLine,
    OrderStatus,
    PackedSerial,
    Parcel,
    ScanEvent,
)
from app.packing import lookup
from app.packing.record import Facts, Step
from app.packing.state import Awaiting, Decision
from app.packing.verdict import AT_THE_BOX, PACKED, Outcome
from app.packing.words import Words, said

if TYPE_CHECKING:
    from app.packing.engine import PackingEngine

COMMAND_PREFIX = "CMD:"
S = OrderStatus


class Command(enum.StrEnum):
    COMPLETE = "COMPLETE"
    UNDO = "UNDO"
    SHORT = "SHORT"
    NOT_FOUND = "NOT-FOUND"  # SHORT, saying why: not where it should be
    DAMAGED = "DAMAGED"  # SHORT, saying why: damaged, not fit to ship
    HOLD = "HOLD"
    REPRINT = "REPRINT"
    NEXT_PARCEL = "NEXT-PARCEL"
    LOGOUT = "LOGOUT"

    @property
    def barcode(self) -> str:
        """What the command sheet prints for this command."""
        return COMMAND_PREFIX + self.value


# the names the printed command sheet gives them, in Chinese and English: the pack
# page's own names for its buttons (ui/verdict_look; a test keeps the two the same)
SHEET_NAMES: dict[Command, tuple[str, str]] = {
    Command.COMPLETE: ("完成", "Complete"),
    Command.UNDO: ("撤销上一步", "Undo last"),
    Command.SHORT: ("缺货", "Short"),
    Command.NOT_FOUND: ("缺货（找不到）", "Short (not found)"),
    Command.DAMAGED: ("缺货（破损）", "Short (damaged)"),
    Command.HOLD: ("挂起", "Hold"),
    Command.REPRINT: ("重新打印", "Reprint"),
    Command.NEXT_PARCEL: ("下一个包裹", "Next parcel"),
    Command.LOGOUT: ("退出登录", "Sign out"),
}


# why a line was marked short, as its ``short_reason`` keeps it: by the SHORT command
# scanned (the screens show these words in their language)
SHORT_REASONS: dict[Command, str] = {
    Command.SHORT: "marked short at the counter",
    Command.NOT_FOUND: "not found",
    Command.DAMAGED: "damaged",
}


def parse(text: str) -> Command | None:
    if not text.upper().startswith(COMMAND_PREFIX):
        return None
    try:
        return Command(text[len(COMMAND_PREFIX) :].strip().upper())
    except ValueError:
        return None


def run(eng: PackingEngine, step: Step, command: Command) -> Decision:
    if step.scan is not None:  # logged as the command's own code ("cmd: undo" as CMD:UNDO)
        step = replace(step, scan=replace(step.scan, text=command.barcode))
    if command is Command.LOGOUT:
        return eng.say(
            step,
            Outcome.COMMAND,
            said("signed_out"),
            Facts(order_id=eng.open_order_id, command=command.value),
            user_id=None,
            awaiting=None,
        )
    if eng.user_id is None:
        return eng.say(step, Outcome.NOT_SIGNED_IN, "Scan your badge to sign in first.")
    if command is Command.REPRINT:
        return _reprint(eng, step)
    order, gone = eng.locked_open_order(step.s)
    if order is None and command is Command.UNDO and gone is None:
        order = _reopen_short_hold(eng, step.s)
    if order is None:
        return eng.say(
            step,
            Outcome.NO_OPEN_ORDER,
            gone or said("needs_open_order", command.value),
            open_order=None,
            awaiting=None,
        )
    handlers = {
        Command.UNDO: _undo,
        Command.COMPLETE: _complete,
        Command.HOLD: _hold,
        Command.NEXT_PARCEL: _next_parcel,
    }
    if command in SHORT_REASONS:
        return _short(eng, step, order, command)
    return handlers[command](eng, step, order)


def _done(
    eng: PackingEngine,
    step: Step,
    order: Order,
    command: Command,
    message: Words,
    *,
    warning: str | None = None,
    line: OrderLine | None = None,
    still_open: bool = True,
    awaiting: Awaiting | None = None,
    short_units: int = 0,
) -> Decision:
    facts = Facts(
        order_id=order.id,
        order=order.external_number,
        command=command.value,
        remaining=lookup.remaining_units(step.s, order.id),
        warning=warning,
        line=line,
        short_units=short_units,
    )
    return eng.say(
        step,
        Outcome.COMMAND,
        message,
        facts,
        open_order=order.id if still_open else None,
        awaiting=awaiting,
    )


def _undo(eng: PackingEngine, step: Step, order: Order) -> Decision:
    """Take back this station's last packed item or short mark in the open order."""
    if eng.awaiting is not None:
        return _done(eng, step, order, Command.UNDO, said(f"{eng.awaiting.kind}_not_expected"))
    s = step.s
    last = s.scalar(
        select(ScanEvent)
        .where(
            ScanEvent.order_id == order.id,
            ScanEvent.station_id == eng.station_id,
            ScanEvent.undone_by_id.is_(None),
            or_(
                and_(ScanEvent.outcome.in_(sorted(PACKED)), ScanEvent.units > 0),
                ScanEvent.short_units > 0,
            ),
        )
        .order_by(ScanEvent.id.desc())
        .limit(1)
    )
    if last is None or last.line_id is None:
        return _done(
            eng, step, order, Command.UNDO, said("nothing_to_undo"), warning="nothing to undo"
        )
    line = s.get_one(OrderLine, last.line_id)
    if last.short_units:
        undone = _unmark_short(eng, s, order, line, last.short_units)
    else:
        line.packed -= last.units
        scan_tally.take_back(s, last)
        s.execute(delete(PackedSerial).where(PackedSerial.scan_event_id == last.id))
        undone = said("undone", line.sku, line.packed, line.quantity)
    lifecycle.touch(order)
    decision = _done(eng, step, order, Command.UNDO, undone, line=line)
    last.undone_by_id = decision.event_id
    return decision


def _reopen_short_hold(eng: PackingEngine, s: Session) -> Order | None:
    """UNDO with no order open, right after this station's last scan put its order on
    hold for being short (the item scanned after SHORT, or the last item packed): the
    order is packed here again, locked, for ``_undo`` to take that scan back. None
    when the station's last scan did anything else, was someone else's, or the order
    moved since (a supervisor's hold, even from this station, is never lifted)."""
    last = s.scalar(
        select(ScanEvent)
        .where(ScanEvent.station_id == eng.station_id, ScanEvent.outcome.in_(sorted(AT_THE_BOX)))
        .order_by(ScanEvent.id.desc())
        .limit(1)
    )
    if (
        last is None
        or last.order_id is None
        or last.undone_by_id is not None
        or last.user_id != eng.user_id
        or last.remaining_after != 0  # it left nothing to pack: it is what held the order
        or not (last.short_units or (last.outcome == Outcome.ACCEPTED.value and last.units))
    ):
        return None
    order = s.get_one(Order, last.order_id, with_for_update=True)
    held = s.scalar(
        select(OrderHistory)
        .where(OrderHistory.order_id == order.id)
        .order_by(OrderHistory.id.desc())
        .limit(1)
    )
    if (
        order.status != S.ON_HOLD
        or held is None
        or (held.from_status, held.station_id, held.user_id)
        != (S.PACKING.value, eng.station_id, last.user_id)
        or not (held.reason or "").endswith(_SHORT_HOLD)
    ):
        return None
    for to_status in (S.READY, S.PACKING):
        lifecycle.transition(
            s,
            order,
            to_status,
            user_id=eng.user_id,
            station_id=eng.station_id,
            reason="short hold undone at the counter",
        )
    order.claimed_by_station_id = eng.station_id
    order.claimed_by_user_id = eng.user_id
    order.claimed_at = eng.server_time(s)
    return order


def _unmark_short(
    eng: PackingEngine, s: Session, order: Order, line: OrderLine, units: int
) -> Words:
    """A short mark taken back: its units are to pack again (and audited so)."""
    line.short -= units
    if line.short == 0:
        line.short_reason = None
    _audit_short(eng, s, order, line, "line.short_undone", {"units": units})
    return said("short_undone", line.sku, units)


def _audit_short(
    eng: PackingEngine,
    s: Session,
    order: Order,
    line: OrderLine,
    action: str,
    details: dict[str, object],
) -> None:
    s.add(
        AuditEvent(
            at=eng.server_time(),
            user_id=eng.user_id,
            station_id=eng.station_id,
            action=action,
            entity="order_line",
            entity_id=line.id,
            details={"order": order.external_number, "sku": line.sku, **details},
        )
    )


def _complete(eng: PackingEngine, step: Step, order: Order) -> Decision:
    remaining = lookup.remaining_units(step.s, order.id)
    if remaining > 0:
        return _done(
            eng,
            step,
            order,
            Command.COMPLETE,
            said("still_to_pack", remaining),
            warning=f"{remaining} items still to pack",
        )
    return _finish(eng, step, order, Command.COMPLETE)


_SHORT_HOLD = "short; needs a supervisor's approval to ship"


def short_hold_reason(shorts: int) -> str:
    """Why an order with missing items went on hold instead of being closed."""
    items = "item" if shorts == 1 else "items"
    return f"{shorts} {items} {_SHORT_HOLD}"


def _finish(
    eng: PackingEngine,
    step: Step,
    order: Order,
    command: Command,
    *,
    line: OrderLine | None = None,
    short_units: int = 0,
) -> Decision:
    """Nothing is left to pack: close the order, or hold it when something was short
    (``line`` and ``short_units``: what this scan itself marked short)."""
    shorts = step.s.scalar(select(func.sum(OrderLine.short)).where(OrderLine.order_id == order.id))
    if shorts:
        reason = short_hold_reason(shorts)
        lifecycle.transition(
            step.s, order, S.ON_HOLD, user_id=eng.user_id, station_id=eng.station_id, reason=reason
        )
        return _done(
            eng,
            step,
            order,
            command,
            said("short_on_hold", order.external_number),
            warning=reason,
            still_open=False,
            line=line,
            short_units=short_units,
        )
    eng.close(step.s, order, f"closed by {command.value}")
    return _done(
        eng,
        step,
        order,
        command,
        said("complete", order.external_number),
        still_open=False,
    )


def _short(eng: PackingEngine, step: Step, order: Order, command: Command) -> Decision:
    return _done(
        eng,
        step,
        order,
        command,
        said("scan_missing"),
        awaiting=Awaiting("short", reason=SHORT_REASONS[command]),
    )


def mark_short(
    eng: PackingEngine, step: Step, order: Order, line: OrderLine, reason: str
) -> Decision:
    """The item scanned after SHORT: its line's missing units are marked short, and
    why (``SHORT_REASONS``)."""
    missing = line.quantity - line.packed - line.short
    if missing == 0:
        return _done(
            eng,
            step,
            order,
            Command.SHORT,
            said("already_complete", line.sku),
            line=line,
            warning="line already complete",
        )
    line.short += missing
    lifecycle.touch(order)
    line.short_reason = reason
    _audit_short(eng, step.s, order, line, "line.short", {"units": missing, "reason": reason})
    if lookup.remaining_units(step.s, order.id) == 0:
        return _finish(eng, step, order, Command.SHORT, line=line, short_units=missing)
    marked = (
        said("marked_short", line.sku, missing)
        if reason == SHORT_REASONS[Command.SHORT]  # no reason given but SHORT itself
        else said("marked_short_why", line.sku, missing, reason)
    )
    return _done(eng, step, order, Command.SHORT, marked, line=line, short_units=missing)


def _hold(eng: PackingEngine, step: Step, order: Order) -> Decision:
    lifecycle.transition(
        step.s,
        order,
        S.ON_HOLD,
        user_id=eng.user_id,
        station_id=eng.station_id,
        reason="held at the counter",
    )
    return _done(
        eng,
        step,
        order,
        Command.HOLD,
        said("held", order.external_number),
        still_open=False,
    )


def _next_parcel(eng: PackingEngine, step: Step, order: Order) -> Decision:
    """A new box for the rest of the order; refused while the one begun last is still
    empty (each box gets its own waybill)."""
    count = step.s.scalar(select(func.count()).where(Parcel.order_id == order.id)) or 0
    if not _packed_since_last_parcel(step.s, order.id):
        return _done(
            eng,
            step,
            order,
            Command.NEXT_PARCEL,
            said("parcel_empty", max(count, 1)),
            warning="parcel is empty",
        )
    if count == 0:
        step.s.add(Parcel(order_id=order.id, seq=1))  # the box packed so far
        count = 1
    step.s.add(Parcel(order_id=order.id, seq=count + 1))
    lifecycle.touch(order)
    return _done(
        eng,
        step,
        order,
        Command.NEXT_PARCEL,
        said("parcel_started", count + 1, order.external_number),
    )


def _packed_since_last_parcel(s: Session, order_id: int) -> bool:
    """Whether a unit went into the order (and still counts) since NEXT-PARCEL was last
    scanned for it, or at all if never."""
    started = s.scalar(
        select(func.max(ScanEvent.id)).where(
            ScanEvent.order_id == order_id,
            ScanEvent.outcome == Outcome.COMMAND.value,
            func.upper(ScanEvent.code) == Command.NEXT_PARCEL.barcode,
        )
    )
    packed = s.scalar(
        select(ScanEvent.id)
        .where(
            ScanEvent.order_id == order_id,
            ScanEvent.outcome.in_(sorted(PACKED)),
            ScanEvent.units > 0,
            ScanEvent.undone_by_id.is_(None),
            ScanEvent.id > (started or 0),
        )
        .limit(1)
    )
    return packed is not None


def _reprint(eng: PackingEngine, step: Step) -> Decision:
    """The last documents asked for at this counter, printed again: the box packed
    here last (or shipped short by a supervisor with its box here). An order open
    here has none yet (or, reopened, gets new ones when it closes again)."""
    s = step.s
    order_id = s.scalar(
        select(AuditEvent.entity_id)
        .where(
            AuditEvent.station_id == eng.station_id,
            AuditEvent.action == "print.requested",
            AuditEvent.entity == "order",
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    if order_id is None:
        return eng.say(
            step,
            Outcome.COMMAND,
            said("nothing_to_reprint"),
            Facts(command=Command.REPRINT.value, warning="nothing to reprint"),
        )
    order = s.get_one(Order, order_id)
    facts = Facts(order_id=order.id, order=order.external_number, command=Command.REPRINT.value)
    if order.status not in (S.PACKED, S.SHIPPED):  # reopened, held or cancelled since
        return eng.say(
            step,
            Outcome.COMMAND,
            said("not_reprinted", order.external_number),
            replace(
                facts,
                warning=f"order is {S(order.status).value}",
                order_status=S(order.status).value,
            ),
        )
    eng.spool.submit(
        s,
        order_id=order.id,
        documents=("slip", "waybill"),
        station_id=eng.station_id,
        user_id=eng.user_id,
        reason="reprint",
    )
    return eng.say(step, Outcome.COMMAND, said("reprinting", order.external_number), facts)
