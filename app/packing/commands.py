"""What each command barcode does at the counter; each is decided and recorded like
any other scan. The barcodes themselves are in ``app.packing.command_codes``, a
command's reply and the end of an order in ``app.packing.command_reply``, UNDO in
``app.packing.undo``, short marks in ``app.packing.shorts`` and NEXT-PARCEL in
``app.packing.parcels``.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from app import lifecycle
from app.models import AuditEvent, Order, OrderStatus
from app.packing import lookup, parcels, shorts, undo
from app.packing.command_codes import SHORT_REASONS, Command
from app.packing.command_reply import finish, reply
from app.packing.print_request import PrintRequest
from app.packing.scan_log import Facts, Step
from app.packing.scan_station import ScanStation
from app.packing.state import Committed
from app.packing.verdict import Outcome
from app.packing.words import said

S = OrderStatus


def run(eng: ScanStation, step: Step, command: Command) -> Committed:
    if step.scan is not None:  # logged as the command's own code ("cmd: undo" as CMD:UNDO)
        step = replace(step, scan=replace(step.scan, text=command.barcode))
    if command is Command.LOGOUT:
        return eng.say(
            step,
            Outcome.COMMAND,
            said("signed_out" if eng.open_order_id else "signed_out_no_order"),
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
        order = undo.reopen_short_hold(eng, step.s)
    if order is None:
        return eng.say(
            step,
            Outcome.NO_OPEN_ORDER,
            gone or said("needs_open_order", command.value),
            open_order=None,
            awaiting=None,
        )
    handlers = {
        Command.UNDO: undo.undo,
        Command.COMPLETE: _complete,
        Command.HOLD: _hold,
        Command.NEXT_PARCEL: parcels.next_parcel,
    }
    if command in SHORT_REASONS:
        return shorts.ask_for_missing_item(eng, step, order, command)
    return handlers[command](eng, step, order)


def _complete(eng: ScanStation, step: Step, order: Order) -> Committed:
    remaining = lookup.remaining_units(step.s, order.id)
    if remaining > 0:
        return reply(
            eng,
            step,
            order,
            Command.COMPLETE,
            said("still_to_pack", remaining),
            warning=f"{remaining} items still to pack",
        )
    return finish(eng, step, order, Command.COMPLETE)


def _hold(eng: ScanStation, step: Step, order: Order) -> Committed:
    lifecycle.transition(
        step.s,
        order,
        S.ON_HOLD,
        user_id=eng.user_id,
        station_id=eng.station_id,
        reason="held at the counter",
    )
    return reply(
        eng,
        step,
        order,
        Command.HOLD,
        said("held", order.external_number),
        still_open=False,
    )


def _reprint(eng: ScanStation, step: Step) -> Committed:
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
        PrintRequest(
            order_id=order.id,
            documents=("slip", "waybill"),
            station_id=eng.station_id,
            user_id=eng.user_id,
            reason="reprint",
        ),
    )
    return eng.say(step, Outcome.COMMAND, said("reprinting", order.external_number), facts)
