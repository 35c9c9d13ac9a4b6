"""The small values the engine keeps between scans and passes between its parts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.packing.lookup import ItemMatch
from app.packing.verdict import Verdict


@dataclass(frozen=True)
class PackingOptions:
    gs_stand_in: str | None = None  # a character the scanner sends for the GS separator
    refuse_expired_lots: bool = True  # False: accept with a warning
    allow_manual_confirm: bool = True
    today: date | None = None  # for tests; otherwise the current UTC date


@dataclass(frozen=True)
class Awaiting:
    """What the next scan must be: a serial or lot for a line, or SHORT's item."""

    kind: str  # "serial", "lot" or "short"
    line_id: int | None = None
    item: ItemMatch | None = None
    expiry: date | None = None
    reason: str = ""  # SHORT's: why the item is missing
    manual: bool = False  # the item was confirmed by hand: so is the unit its number counts


@dataclass(frozen=True)
class Decision:
    """A verdict and the station state to adopt once its transaction has committed."""

    verdict: Verdict
    event_id: int  # the scan event that recorded it
    open_order_id: int | None
    user_id: int | None
    awaiting: Awaiting | None
