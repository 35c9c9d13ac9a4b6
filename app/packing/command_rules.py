"""The rules for a command barcode, as pure functions of what the scan read.

``decide_command`` answers LOGOUT, COMPLETE, HOLD, REPRINT and SHORT (NOT-FOUND,
DAMAGED), and refuses a command that needs a packer or an open order; UNDO and
NEXT-PARCEL, which read the station's past scans and parcels, it hands to their own
modules (``app.packing.undo``, ``app.packing.parcels``) as an ``OrderCommand``.
``decide_short_mark`` answers the item scanned after SHORT. The facts are read, and
the answers written, by ``app.packing.commands``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from app.models import OrderStatus
from app.packing.answer import Answer, Change, OrderEnds, PrintDocuments, ShortMarked
from app.packing.command_codes import SHORT_REASONS, Command
from app.packing.item_rules import short_hold_reason
from app.packing.lookup import LineCounts, OrderAsRead, remaining
from app.packing.print_request import Occasion
from app.packing.scan_log import Facts
from app.packing.station_state import Awaiting
from app.packing.verdict import Outcome
from app.packing.words import Words, said

S = OrderStatus
SIGN_IN_FIRST = "Scan your badge to sign in first."
# the documents a REPRINT asks for again
REPRINTED = ("slip", "waybill")


@dataclass(frozen=True)
class LastPrinted:
    """The order whose documents this station asked for last (for REPRINT)."""

    order_id: int
    number: str
    status: OrderStatus


@dataclass(frozen=True)
class CommandFacts:
    """What the decision on a command needs."""

    command: Command
    signed_in: bool
    open_order_id: int | None  # the station's open order, as the station has it
    order: OrderAsRead | None  # that order, row-locked, while it is still the station's
    gone: Words | None  # why the station lost it
    awaiting: Awaiting | None  # what the station awaited (kept by a refusal)
    last_printed: LastPrinted | None = None  # read for REPRINT only
    weighs: bool = False  # an order with nothing left closes by its parcel's weight


@dataclass(frozen=True)
class OrderCommand:
    """UNDO or NEXT-PARCEL on the open order: decided by its own module."""

    command: Command


def decide_command(f: CommandFacts) -> Answer | OrderCommand:
    command, order = f.command, f.order
    if command is Command.LOGOUT:
        words = said("signed_out" if f.open_order_id else "signed_out_no_order")
        facts = Facts(order_id=f.open_order_id, command=command.value)
        return Answer(Outcome.COMMAND, words, facts, None, signs_out=True)
    if not f.signed_in:
        return Answer(Outcome.NOT_SIGNED_IN, SIGN_IN_FIRST, Facts(), f.awaiting)
    if command is Command.REPRINT:
        return _reprint(f.last_printed, f.awaiting)
    if order is None:
        words = f.gone or said("needs_open_order", command.value)
        return Answer(Outcome.NO_OPEN_ORDER, words, Facts(), None, keeps_order=False)
    if command in SHORT_REASONS:
        awaits = Awaiting("short", reason=SHORT_REASONS[command])
        return command_answer(order, command, said("scan_missing"), awaiting=awaits)
    if command is Command.COMPLETE:
        left = remaining(order.lines)
        if left > 0:
            warning = f"{left} items still to pack"
            return command_answer(order, command, said("still_to_pack", left), warning=warning)
        if f.weighs and not any(line.short for line in order.lines):
            words = said("weigh_parcel", order.external_number)
            return replace(command_answer(order, command, words), outcome=Outcome.WEIGHT_REQUIRED)
        return _finish(order, command, order.version)
    if command is Command.HOLD:
        ends = OrderEnds(order, order.version, S.ON_HOLD, "held at the counter")
        words = said("held", order.external_number)
        return command_answer(order, command, words, keeps_order=False, changes=(ends,))
    return OrderCommand(command)


def decide_short_mark(order: OrderAsRead, line: LineCounts, reason: str) -> Answer:
    """The item scanned after SHORT (``reason``: why it is missing): its line's missing
    units marked short; the order held for a supervisor if nothing is left to pack."""
    missing = line.quantity - line.packed - line.short
    if missing == 0:
        words = said("already_complete", line.sku)
        warning = "line already complete"
        return command_answer(order, Command.SHORT, words, line=line, warning=warning)
    marked = ShortMarked(
        order.external_number, order.id, order.version, line.id, line.sku, missing, reason
    )
    line_after = replace(line, short=line.short + missing)
    after = replace(order, lines=[line_after if ln.id == line.id else ln for ln in order.lines])
    if remaining(after.lines) == 0:
        # the mark moved the order one version on: it ends at that version
        return _finish(after, Command.SHORT, order.version + 1, marked, line=line_after)
    words = (
        said("marked_short", line.sku, missing)
        if reason == SHORT_REASONS[Command.SHORT]  # no reason given but SHORT itself
        else said("marked_short_why", line.sku, missing, reason)
    )
    return command_answer(after, Command.SHORT, words, line=line_after, changes=(marked,))


def _finish(
    order: OrderAsRead,
    command: Command,
    seen_version: int,
    marked: ShortMarked | None = None,
    **more: Any,
) -> Answer:
    """Nothing is left to pack: the order closed (its documents printed), or held when
    something is short (``marked``: what this scan itself marked short)."""
    shorts = sum(line.short for line in order.lines)
    number = order.external_number
    done: tuple[Change, ...] = (marked,) if marked else ()
    if shorts:
        reason = short_hold_reason(shorts)
        ends = OrderEnds(order, seen_version, S.ON_HOLD, reason)
        short_units = marked.units if marked else 0
        return command_answer(
            order,
            command,
            said("short_on_hold", number),
            warning=reason,
            keeps_order=False,
            short_units=short_units,
            changes=(*done, ends),
            **more,
        )
    ends = OrderEnds(order, seen_version, S.PACKED, f"closed by {command.value}")
    words = said("complete", number)
    return command_answer(order, command, words, keeps_order=False, changes=(*done, ends))


def command_answer(
    order: OrderAsRead,
    command: Command,
    words: Words,
    *,
    warning: str | None = None,
    line: LineCounts | None = None,
    keeps_order: bool = True,
    awaiting: Awaiting | None = None,
    changes: tuple[Change, ...] = (),
    short_units: int | None = None,
    opens: int | None = None,
) -> Answer:
    """The answer of ``command`` about the open ``order`` (as it is after the command;
    ``opens``: the order stays, or is again, the station's open one)."""
    marked = next((c.units for c in changes if isinstance(c, ShortMarked)), 0)
    facts = Facts(
        order_id=order.id,
        order=order.external_number,
        command=command.value,
        remaining=remaining(order.lines),
        warning=warning,
        line=line,
        short_units=marked if short_units is None else short_units,
    )
    return Answer(Outcome.COMMAND, words, facts, awaiting, keeps_order, changes, opens=opens)


def _reprint(last: LastPrinted | None, awaiting: Awaiting | None) -> Answer:
    """The last documents asked for at this counter, printed again: the box packed
    here last (or shipped short by a supervisor with its box here). An order open
    here has none yet (or, reopened, gets new ones when it closes again)."""
    command = Command.REPRINT.value
    if last is None:
        facts = Facts(command=command, warning="nothing to reprint")
        return Answer(Outcome.COMMAND, said("nothing_to_reprint"), facts, awaiting)
    facts = Facts(order_id=last.order_id, order=last.number, command=command)
    if last.status not in (S.PACKED, S.SHIPPED):  # reopened, held or cancelled since
        status = last.status.value
        facts = replace(facts, warning=f"order is {status}", order_status=status)
        return Answer(Outcome.COMMAND, said("not_reprinted", last.number), facts, awaiting)
    again = PrintDocuments(last.order_id, REPRINTED, "reprint", Occasion.REPRINT)
    words = said("reprinting", last.number)
    return Answer(Outcome.COMMAND, words, facts, awaiting, changes=(again,))
