"""The small values the engine keeps between scans and passes between its parts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, tzinfo
from decimal import Decimal

from app.models import OrderStatus
from app.packing.lookup import ItemMatch
from app.packing.verdict import Verdict
from app.packing.words import Words, said
from app.settings import Settings
from app.shipping.weight_check import Tolerance, WeighingRules

S = OrderStatus
_GONE_WHY = {  # the words for an open order that changed state elsewhere
    S.ON_HOLD: "held_while_open",
    S.CANCELLED: "cancelled_while_open",
    S.READY: "released_while_open",
    S.PACKED: "closed_while_open",
    S.SHIPPED: "shipped_while_open",
}


@dataclass(frozen=True)
class PackingOptions:
    gs_stand_in: str | None = None  # a character the scanner sends for the GS separator
    refuse_expired_lots: bool = True  # False: accept with a warning
    allow_manual_confirm: bool = True
    timezone: tzinfo = UTC  # the warehouse's: whose calendar says when a lot expired
    today: date | None = None  # for tests; otherwise today in ``timezone``
    weighing: WeighingRules = field(default_factory=WeighingRules)  # (not weighing)

    @classmethod
    def from_settings(
        cls, settings: Settings, *, gs_stand_in: str | None = None, weighs: bool = False
    ) -> PackingOptions:
        """A counter's options as its settings give them (``gs_stand_in``, when given,
        instead of the settings'; "" for none); ``weighs``: the counter weighs parcels."""
        stand_in = settings.gs_stand_in if gs_stand_in is None else gs_stand_in
        share = Decimal(str(settings.weight_tolerance_percent)) / 100
        return cls(
            gs_stand_in=stand_in or None,
            refuse_expired_lots=settings.refuse_expired_lots,
            allow_manual_confirm=settings.allow_manual_confirm,
            timezone=settings.timezone,
            weighing=WeighingRules(
                weighs=weighs,
                tare_g=settings.box_tare_g,
                tolerance=Tolerance(share, settings.weight_tolerance_min_g),
            ),
        )


@dataclass(frozen=True)
class Awaiting:
    """What the station awaits: a serial or lot for a line, SHORT's item, the
    confirmation of a refused switch, or a supervisor's badge for a weight that did
    not match."""

    # "serial", "lot" or "short" ("item": the numbers an item scan brought); "switch":
    # the order a refused switch named, which the very next scan may confirm;
    # "parcel_weight": the weight of the parcel NEXT-PARCEL closes; "weight_check": a
    # parcel's weight that did not match
    kind: str
    line_id: int | None = None
    item: ItemMatch | None = None
    expiry: date | None = None
    reason: str = ""  # SHORT's: why the item is missing
    manual: bool = False  # the item was confirmed by hand: so is the unit its number counts
    # an item tracked by serial and lot: the one of the two already given
    serial: str | None = None
    lot: str | None = None
    date_in_lot: date | None = None  # the date a lot given with the item may hide
    order_id: int | None = None  # "switch": the order to switch to; "weight_check": its order
    # "weight_check": a weight that did not match (a supervisor's badge accepts it)
    grams: int | None = None
    expected_g: int | None = None
    version: int | None = None  # the order's version when it was weighed
    parcel: int | None = None  # "weight_check": the parcel NEXT-PARCEL closes (None: the last)


@dataclass(frozen=True)
class Committed:
    """A verdict and the station state to adopt once its transaction has committed."""

    verdict: Verdict
    event_id: int  # the scan event that recorded it
    open_order_id: int | None
    user_id: int | None
    awaiting: Awaiting | None


def why_gone(
    number: str, status: OrderStatus, claimed_by: int | None, station_id: int
) -> Words | None:
    """Why a station's open order (``number``, now ``status``, claimed by station
    ``claimed_by``) is no longer the station's to pack; None while it is."""
    if status != S.PACKING:
        return said(_GONE_WHY.get(status, "changed_while_open"), number)
    if claimed_by != station_id:
        return said("taken_over", number)
    return None
