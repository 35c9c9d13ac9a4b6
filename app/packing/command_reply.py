"""How a command answers about the open order, and how an order ends once nothing is
left to pack in it (closed and printed, or on hold when something is short)."""

from __future__ import annotations

from sqlalchemy import func, select

from app import lifecycle
from app.models import Order, OrderLine, OrderStatus
from app.packing import lookup
from app.packing.command_codes import Command
from app.packing.item_rules import short_hold_reason
from app.packing.scan_log import Facts, Step
from app.packing.scan_station import ScanStation
from app.packing.state import Awaiting, Committed
from app.packing.verdict import Outcome
from app.packing.words import Words, said

S = OrderStatus


def reply(
    eng: ScanStation,
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
    began_parcel: int | None = None,
) -> Committed:
    """The verdict of ``command`` about the open ``order``, logged with what the
    command did (``short_units`` marked short, the parcel it ``began_parcel``)."""
    facts = Facts(
        order_id=order.id,
        order=order.external_number,
        command=command.value,
        remaining=lookup.remaining_units(step.s, order.id),
        warning=warning,
        line=line,
        short_units=short_units,
        began_parcel=began_parcel,
    )
    return eng.say(
        step,
        Outcome.COMMAND,
        message,
        facts,
        open_order=order.id if still_open else None,
        awaiting=awaiting,
    )


def finish(
    eng: ScanStation,
    step: Step,
    order: Order,
    command: Command,
    *,
    line: OrderLine | None = None,
    short_units: int = 0,
) -> Committed:
    """Nothing is left to pack: close the order, or hold it when something was short
    (``line`` and ``short_units``: what this scan itself marked short)."""
    shorts = step.s.scalar(select(func.sum(OrderLine.short)).where(OrderLine.order_id == order.id))
    if shorts:
        reason = short_hold_reason(shorts)
        lifecycle.transition(
            step.s, order, S.ON_HOLD, user_id=eng.user_id, station_id=eng.station_id, reason=reason
        )
        return reply(
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
    return reply(
        eng,
        step,
        order,
        command,
        said("complete", order.external_number),
        still_open=False,
    )
