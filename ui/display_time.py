"""Times on screen, in the warehouse's time zone (``Settings.timezone``: this
machine's own unless the settings name one), whichever zone the machine showing them
is set to. The board, the orders, the pack page and the KPIs then tell one time.

The window sets the zone once at start (``use_zone``); until then, and in a program
that never sets it, times are shown in this machine's zone.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

_zone: tzinfo | None = None  # None: this machine's zone


def use_zone(zone: tzinfo | None) -> None:
    global _zone
    _zone = zone


def _shown(value: datetime | None, pattern: str) -> str:
    return value.astimezone(_zone).strftime(pattern) if value else ""


def minutes(value: datetime | None) -> str:
    """A time stored in UTC as the warehouse reads it: ``2026-12-04 17:30``."""
    return _shown(value, "%Y-%m-%d %H:%M")


def seconds(value: datetime | None) -> str:
    return _shown(value, "%Y-%m-%d %H:%M:%S")


def clock(value: datetime | None) -> str:
    """The time of day only: ``17:30:05``."""
    return _shown(value, "%H:%M:%S")
