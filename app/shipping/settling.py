"""When a scale's readings have settled into a weight that counts.

A weight counts only when the scale calls every reading stable and they stay within
one division of each other (or a coarser ``resolution``) for ``window`` seconds, with
no gap in the readings longer than half the window. A weight in motion never counts.
Each settled weight is given once; the next counts once the load changes and settles
again. Time is what the caller says it is (a monotonic clock, or a test's numbers).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.shipping.scale_protocols import Reading

WINDOW_S = 1.0  # about 1 s of readings within the scale's resolution


@dataclass(frozen=True)
class SettledWeight:
    grams: Decimal  # as the scale's division shows it
    division: Decimal


class Settling:
    def __init__(self, *, window: float = WINDOW_S, resolution: Decimal | None = None) -> None:
        if window <= 0:
            raise ValueError("the settling window must be longer than 0 s")
        self.window = window
        self.resolution = resolution
        self._since: float | None = None  # when the current run of like readings began
        self._last_at = 0.0
        self._low = self._high = Decimal(0)
        self._given = False
        self.latest: Reading | None = None

    @property
    def in_motion(self) -> bool:
        """Whether the last reading was unstable, or has not settled yet."""
        return self.latest is not None and not (self._given and self.latest.stable)

    def reset(self) -> None:
        """Forget the readings so far (the scale went away, or was zeroed)."""
        self._since, self._given, self.latest = None, False, None

    def feed(self, reading: Reading, at: float) -> SettledWeight | None:
        """Take one reading received at ``at`` (seconds); the weight, the first time
        the readings settle on it."""
        self.latest = reading
        if not reading.stable:
            self._since, self._given = None, False
            return None
        tolerance = max(reading.division, self.resolution or Decimal(0))
        low, high = min(self._low, reading.grams), max(self._high, reading.grams)
        gap = at - self._last_at
        self._last_at = at
        if self._since is None or high - low > tolerance or gap > self.window / 2:
            self._since, self._given = at, False
            self._low = self._high = reading.grams
            return None
        self._low, self._high = low, high
        if self._given or at - self._since < self.window:
            return None
        self._given = True
        return SettledWeight(reading.grams, reading.division)
