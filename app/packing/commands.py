"""A command barcode at the counter, through the engine's shell: the facts read (the
open order row-locked; for REPRINT, the last documents asked for here), decided by
``app.packing.command_rules`` and written by ``app.packing.scan_writer``; UNDO
(``app.packing.undo``) and NEXT-PARCEL (``app.packing.parcels``) decide on the
station's past scans in their own modules. The barcodes themselves are in
``app.packing.command_codes``.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEvent, Order, OrderStatus
from app.packing import item_facts, parcels, scan_writer, undo
from app.packing.command_codes import Command
from app.packing.command_rules import CommandFacts, LastPrinted, OrderCommand, decide_command
from app.packing.scan_log import Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Committed


def run(eng: ScanStation, step: Step, command: Command) -> Committed:
    if step.scan is not None:  # logged as the command's own code ("cmd: undo" as CMD:UNDO)
        step = replace(step, scan=replace(step.scan, text=command.barcode))
    s = step.s
    signed_in = eng.user_id is not None
    order, gone, last_printed = None, None, None
    if signed_in and command is Command.REPRINT:
        last_printed = _last_printed(s, eng.station_id)
    elif signed_in and command is not Command.LOGOUT:
        if eng.open_order_id is None and command is Command.UNDO:
            # no order open: the one the station's last scan held short, if that was it
            held = undo.held_short(eng, s)
            if held is not None:
                return undo.undo(eng, step, held.order, held)
        order, gone = item_facts.locked_open_order(
            s.connection(), eng.open_order_id, eng.station_id
        )
    facts = CommandFacts(
        command,
        signed_in,
        eng.open_order_id,
        order,
        gone,
        eng.still_awaited(),
        last_printed,
        weighs=eng.options.weighing.weighs,
    )
    answer = decide_command(facts)
    if isinstance(answer, OrderCommand):
        assert order is not None
        if answer.command is Command.UNDO:
            return undo.undo(eng, step, order)
        return parcels.next_parcel(eng, step, order)
    return scan_writer.write(eng, step, answer)


def _last_printed(s: Session, station_id: int) -> LastPrinted | None:
    """The order whose documents this station asked for last, if any."""
    order_id = s.scalar(
        select(AuditEvent.entity_id)
        .where(
            AuditEvent.station_id == station_id,
            AuditEvent.action == "print.requested",
            AuditEvent.entity == "order",
        )
        .order_by(AuditEvent.id.desc())
        .limit(1)
    )
    if order_id is None:
        return None
    order = s.get_one(Order, order_id)
    return LastPrinted(order.id, order.external_number, OrderStatus(order.status))
