"""Short lines: SHORT (or NOT-FOUND, DAMAGED) and the item scanned after it, whose
missing units are marked short with why; a mark taken back by UNDO; a missing unit
that turns up after all and is scanned. Each is audited on its line."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app import lifecycle
from app.models import AuditEvent, Order, OrderLine, ScanEvent
from app.packing import command_codes, lookup
from app.packing.answer import ShortFound
from app.packing.command_codes import SHORT_REASONS, Command
from app.packing.command_reply import finish, reply
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.state import Awaiting, Committed
from app.packing.verdict import Outcome
from app.packing.words import Words, said


def ask_for_missing_item(eng: ScanStation, step: Step, order: Order, command: Command) -> Committed:
    """SHORT (or NOT-FOUND, DAMAGED) scanned: the next item scanned is the one missing."""
    return reply(
        eng,
        step,
        order,
        command,
        said("scan_missing"),
        awaiting=Awaiting("short", reason=SHORT_REASONS[command]),
    )


def awaited_after(event: ScanEvent) -> Awaiting | None:
    """What the station awaits after ``event``, when it is a SHORT (NOT-FOUND, DAMAGED)
    that asked for the missing item (a command answered with an order open always
    does): for a station that answers it again, as to a retried scan."""
    command = command_codes.parse(event.code or "")
    if command not in SHORT_REASONS or event.outcome != Outcome.COMMAND.value:
        return None
    return Awaiting("short", reason=SHORT_REASONS[command])


def mark_short(
    eng: ScanStation, step: Step, order: Order, line: OrderLine, reason: str
) -> Committed:
    """The item scanned after SHORT: its line's missing units are marked short, and
    why (``SHORT_REASONS``)."""
    missing = line.quantity - line.packed - line.short
    if missing == 0:
        return reply(
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
    _audit(eng, step.s, order.external_number, line, "line.short", units=missing, reason=reason)
    if lookup.remaining_units(step.s, order.id) == 0:
        return finish(eng, step, order, Command.SHORT, line=line, short_units=missing)
    marked = (
        said("marked_short", line.sku, missing)
        if reason == SHORT_REASONS[Command.SHORT]  # no reason given but SHORT itself
        else said("marked_short_why", line.sku, missing, reason)
    )
    return reply(eng, step, order, Command.SHORT, marked, line=line, short_units=missing)


def unmark_short(eng: ScanStation, s: Session, order: Order, line: OrderLine, units: int) -> Words:
    """A short mark taken back: its units are to pack again (and audited so)."""
    line.short -= units
    if line.short == 0:
        line.short_reason = None
    _audit(eng, s, order.external_number, line, "line.short_undone", units=units)
    return said("short_undone", line.sku, units)


def audit_found(eng: ScanStation, s: Session, found: ShortFound) -> None:
    """Units marked short turned up and were scanned: counted after all (the scan's
    count takes them off the mark; the line keeps its reason, for an UNDO)."""
    line = (found.line_id, found.sku)
    _audit(eng, s, found.order_number, line, "line.short_found", units=found.units)


def missing_again(eng: ScanStation, s: Session, order: Order, line: OrderLine, units: int) -> None:
    """UNDO of a scan that found missing units: they are marked short again."""
    line.short += units
    _audit(eng, s, order.external_number, line, "line.short_found_undone", units=units)


def _audit(
    eng: ScanStation,
    s: Session,
    number: str,
    line: OrderLine | tuple[int, str],
    action: str,
    **details: object,
) -> None:
    """An audit row on the ``line`` (or its id and SKU) of order ``number``."""
    line_id, sku = (line.id, line.sku) if isinstance(line, OrderLine) else line
    s.add(
        AuditEvent(
            at=eng.server_time(),
            user_id=eng.user_id,
            station_id=eng.station_id,
            action=action,
            entity="order_line",
            entity_id=line_id,
            details={"order": number, "sku": sku, **details},
        )
    )
