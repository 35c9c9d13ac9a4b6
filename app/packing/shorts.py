"""Short lines as written: the missing units of the item scanned after SHORT (or
NOT-FOUND, DAMAGED) marked short with why (decided by ``app.packing.command_rules``);
a mark taken back by UNDO; a missing unit that turns up after all and is scanned.
Each is audited on its line."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from app import lifecycle
from app.models import AuditEvent, OrderLine, ScanEvent
from app.packing import command_codes
from app.packing.answer import ShortFound, ShortMarked, TakeBackUnits, UnmarkShort
from app.packing.command_codes import SHORT_REASONS
from app.packing.scan_station import ScanStation
from app.packing.station_state import Awaiting
from app.packing.verdict import Outcome


def awaited_after(event: ScanEvent) -> Awaiting | None:
    """What the station awaits after ``event``, when it is a SHORT (NOT-FOUND, DAMAGED)
    that asked for the missing item (a command answered with an order open always
    does): for a station that answers it again, as to a retried scan."""
    command = command_codes.parse(event.code or "")
    if command not in SHORT_REASONS or event.outcome != Outcome.COMMAND.value:
        return None
    return Awaiting("short", reason=SHORT_REASONS[command])


def write_mark(eng: ScanStation, s: Session, mark: ShortMarked) -> None:
    """A line's missing units marked short, and why (``command_rules``), under the
    order's row lock: the order moves one version on, and the mark is audited."""
    conn = s.connection()
    conn.execute(
        update(OrderLine)
        .where(OrderLine.id == mark.line_id)
        .values(short=OrderLine.short + mark.units, short_reason=mark.reason)
    )
    lifecycle.touch_locked(conn, mark.order_id, mark.seen_version)
    line = (mark.line_id, mark.sku)
    _audit(eng, s, mark.order_number, line, "line.short", units=mark.units, reason=mark.reason)


def write_unmark(eng: ScanStation, s: Session, unmark: UnmarkShort) -> None:
    """UNDO of a short mark: its units are to pack again (and audited so)."""
    line = s.get_one(OrderLine, unmark.line_id)  # (its order row-locked by the scan)
    line.short -= unmark.units
    if line.short == 0:
        line.short_reason = None
    _audit(eng, s, unmark.order_number, line, "line.short_undone", units=unmark.units)


def audit_found(eng: ScanStation, s: Session, found: ShortFound) -> None:
    """Units marked short turned up and were scanned: counted after all (the scan's
    count takes them off the mark; the line keeps its reason, for an UNDO)."""
    line = (found.line_id, found.sku)
    _audit(eng, s, found.order_number, line, "line.short_found", units=found.units)


def missing_again(eng: ScanStation, s: Session, back: TakeBackUnits) -> None:
    """UNDO of a scan that found missing units: they are marked short again."""
    line = s.get_one(OrderLine, back.line_id)
    line.short += back.found
    _audit(eng, s, back.order_number, line, "line.short_found_undone", units=back.found)


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
