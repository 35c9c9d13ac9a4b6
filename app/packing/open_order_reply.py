"""How UNDO and NEXT-PARCEL answer about the open order they acted on (the other
commands answer through ``app.packing.command_rules``)."""

from __future__ import annotations

from app.models import Order, OrderLine
from app.packing import lookup
from app.packing.command_codes import Command
from app.packing.scan_log import Facts, Step
from app.packing.scan_station import ScanStation
from app.packing.station_state import Awaiting, Committed
from app.packing.verdict import Outcome
from app.packing.words import Words


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
