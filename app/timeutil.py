"""Time is UTC inside, local on screen.

Every timestamp stored or compared is timezone-aware UTC. Text from outside is
parsed here: an explicit offset (``Z``, ``+08:00``, ``+0800``) is honoured, a naive
time is read in the warehouse's time zone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

_SPACE_BEFORE_OFFSET = re.compile(r"\s+(?=[+-]\d{2}:?\d{2}$)")
_TRAILING_UTC = re.compile(r"\s*(UTC|GMT)$", re.IGNORECASE)


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


Clock = Callable[[], datetime]
"""Where a part that compares with "now" reads it: ``utcnow`` at the counter, a fixed
or stepped clock in a test (so that no test depends on today's date)."""


def as_utc(value: datetime) -> datetime:
    """Convert an aware datetime to UTC; a naive one is refused (a bug, not input)."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given where an aware one is required")
    return value.astimezone(UTC)


def parse_timestamp(text: str, warehouse_tz: ZoneInfo) -> datetime:
    """Parse an ISO-8601-like timestamp from a file into aware UTC.

    Accepts ``2026-01-15T14:00:00Z``, ``2026-01-15 14:00:00 +0800``,
    ``2026-01-15 14:00``, ``2026-01-15`` (midnight, warehouse time) and ``... UTC``.
    Raises ``ValueError`` with a readable message for anything else.
    """
    raw = text.strip()
    if not raw:
        raise ValueError("empty timestamp")
    cleaned = _TRAILING_UTC.sub("Z", raw)
    cleaned = _SPACE_BEFORE_OFFSET.sub("", cleaned)
    try:
        parsed = datetime.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(f"not a date/time: {raw!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=warehouse_tz)
    return parsed.astimezone(UTC)


def local_day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants where a calendar day in ``tz`` starts and ends."""
    start = datetime.combine(day, time.min, tzinfo=tz)
    end = datetime.combine(day, time.max, tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)
