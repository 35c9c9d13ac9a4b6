from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.timeutil import local_day_bounds, parse_timestamp

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the incident in the field notes: a Z time must stay UTC, never be read as local
        ("2026-01-15T14:00:00Z", datetime(2026, 1, 15, 14, 0, tzinfo=UTC)),
        ("2026-01-15T22:00:00+08:00", datetime(2026, 1, 15, 14, 0, tzinfo=UTC)),
        ("2026-01-15 22:00:00 +0800", datetime(2026, 1, 15, 14, 0, tzinfo=UTC)),  # Shopify
        ("2026-01-15 09:00:00 -0500", datetime(2026, 1, 15, 14, 0, tzinfo=UTC)),
        ("2026-01-15 14:00 UTC", datetime(2026, 1, 15, 14, 0, tzinfo=UTC)),
        # naive: warehouse time
        ("2026-01-15 22:00", datetime(2026, 1, 15, 14, 0, tzinfo=UTC)),
        ("2026-01-16", datetime(2026, 1, 15, 16, 0, tzinfo=UTC)),
    ],
)
def test_parse_timestamp(text: str, expected: datetime) -> None:
    parsed = parse_timestamp(text, SHANGHAI)
    assert parsed == expected
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize("text", ["", "  ", "tomorrow", "2026-13-01", "15/01/2026 14:00"])
def test_parse_timestamp_refuses_garbage(text: str) -> None:
    with pytest.raises(ValueError):
        parse_timestamp(text, SHANGHAI)


def test_local_day_bounds_in_shanghai() -> None:
    start, end = local_day_bounds(date(2026, 1, 15), SHANGHAI)
    assert start == datetime(2026, 1, 14, 16, 0, tzinfo=UTC)
    assert end.date() == date(2026, 1, 15) and end.hour == 15
