"""A time given on the command line, read in the warehouse's time zone (the
settings' ``warehouse_timezone``) and kept in UTC: ``2026-12-06``, ``2026-12-06
14:30`` or ``2026-12-06T14:30:00``. A day alone is its first moment for a start
(``local_time``) and the first moment of the next day for an end
(``local_time_until``), so that ``--until 2026-12-06`` includes that whole day."""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime, timedelta

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _parse(text: str, *, end_of_day: bool) -> datetime:
    from app import settings

    value = text.strip()
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is no time: give 2026-12-06 or 2026-12-06 14:30"
        ) from None
    if end_of_day and _DAY.fullmatch(value):
        when += timedelta(days=1)
    if when.tzinfo is None:
        when = when.replace(tzinfo=settings.load().timezone)
    return when.astimezone(UTC)


def local_time(text: str) -> datetime:
    return _parse(text, end_of_day=False)


def local_time_until(text: str) -> datetime:
    return _parse(text, end_of_day=True)
