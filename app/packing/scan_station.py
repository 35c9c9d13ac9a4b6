"""What the parts of the packing engine use of the station a scan is at: who is
signed in where, the open order and what is awaited, the station's rules and clock,
and the one way every scan is logged (``say``). ``PackingEngine`` is the one station
there is; its parts (opening an order, items, commands, the writer) see it through
this, so they depend on what they use and not on the engine."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from app.db import StandingConnection
from app.packing.answer import OrderEnds
from app.packing.count import Count
from app.packing.item_rules import ItemRules
from app.packing.print_request import PrintSpool
from app.packing.scan_log import Facts, Step
from app.packing.station_state import Awaiting, Committed, PackingOptions
from app.packing.verdict import Outcome
from app.packing.words import Words


class ScanStation(Protocol):
    station_id: int
    user_id: int | None
    open_order_id: int | None
    awaiting: Awaiting | None
    units_left: int | None  # in the open order, as the last answer said
    options: PackingOptions
    spool: PrintSpool
    unlocked: StandingConnection  # for the optimistic way, outside transactions

    def say(
        self,
        step: Step,
        outcome: Outcome,
        message: str | Words,
        facts: Facts | None = None,
        *,
        open_order: int | None = ...,
        awaiting: Awaiting | None = ...,
        user_id: int | None = ...,
        counting: Count | None = None,
    ) -> Committed:
        """Log the scan and say what the station's next state is (unchanged unless
        given)."""
        ...

    def server_time(self, s: Session | None = None) -> datetime: ...

    def item_rules(self) -> ItemRules: ...

    def still_awaited(self) -> Awaiting | None: ...

    def end_order(self, s: Session, ends: OrderEnds) -> None: ...
