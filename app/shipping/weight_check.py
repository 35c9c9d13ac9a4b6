"""The weight check: what a parcel should weigh, whether what it weighs is close
enough, and, when it is not, the likely cause in words a packer acts on.

A parcel should weigh the sum of its items' unit weights plus its box's tare; it may
be off by the larger of a share of that (5 %) and a floor (20 g). A difference close
to a whole number of one of its items' weights ("about one CABLE-1M too heavy") names
that item. Pure functions of plain values: the counter's rules and the dock use them.

Once ``MIN_LEARNED`` parcels of the same contents in the same box have been closed,
what they weighed is the expectation (their mean; off by the larger of the tolerance
and three of their standard deviations): a product the catalogue has no weight for,
or a wrong one, is then checked all the same.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

TOLERANCE_SHARE = Decimal("0.05")
TOLERANCE_FLOOR_G = 20
MIN_LEARNED = 3  # closed parcels of the same contents and box before they are the rule
SPREADS = 3  # how many standard deviations of the learned weights a parcel may be off


@dataclass(frozen=True)
class Tolerance:
    share: Decimal = TOLERANCE_SHARE
    floor_g: int = TOLERANCE_FLOOR_G

    def of(self, expected_g: int) -> int:
        """How far (grams) a parcel expected to weigh ``expected_g`` may be off."""
        return max(self.floor_g, int((self.share * expected_g).to_integral_value(ROUND_HALF_UP)))


@dataclass(frozen=True)
class WeighingRules:
    """A station's weighing: whether it weighs, the box's tare, how far off is fine."""

    weighs: bool = False
    tare_g: int = 0
    tolerance: Tolerance = field(default_factory=Tolerance)


@dataclass(frozen=True)
class Packed:
    """Units of one product in the parcel, with its unit weight if the catalogue has one."""

    sku: str
    units: int
    unit_weight_g: int | None


@dataclass(frozen=True)
class Expected:
    grams: int | None  # None when some packed product has no unit weight
    unweighed: tuple[str, ...]  # the SKUs without a unit weight


def expected_weight(packed: Sequence[Packed], tare_g: int) -> Expected:
    """What the parcel should weigh: its units' weights and the box's tare."""
    unweighed = tuple(p.sku for p in packed if p.units and p.unit_weight_g is None)
    if unweighed:
        return Expected(None, unweighed)
    return Expected(tare_g + sum(p.units * (p.unit_weight_g or 0) for p in packed), ())


@dataclass(frozen=True)
class Learned:
    """What closed parcels of the same contents and box weighed."""

    parcels: int
    mean_g: float
    m2: float  # the sum of squared differences from the mean (Welford)

    @property
    def spread_g(self) -> float:
        """Their standard deviation (sample), 0 for fewer than two."""
        return math.sqrt(self.m2 / (self.parcels - 1)) if self.parcels > 1 else 0.0


@dataclass(frozen=True)
class Expectation:
    """What the parcel should weigh and how far off it may be (``grams`` None: not
    known); ``learned`` when it comes from parcels like it rather than the catalogue."""

    grams: int | None
    allowed_g: int
    learned: bool
    unweighed: tuple[str, ...]  # the SKUs the catalogue has no unit weight for


def expectation(
    packed: Sequence[Packed], tare_g: int, tolerance: Tolerance, learned: Learned | None
) -> Expectation:
    """The catalogue's expectation, or the learned one once enough parcels agree."""
    catalogue = expected_weight(packed, tare_g)
    if learned is not None and learned.parcels >= MIN_LEARNED:
        grams = round(learned.mean_g)
        allowed = max(tolerance.of(grams), math.ceil(SPREADS * learned.spread_g))
        return Expectation(grams, allowed, True, catalogue.unweighed)
    if catalogue.grams is None:
        return Expectation(None, 0, False, catalogue.unweighed)
    return Expectation(catalogue.grams, tolerance.of(catalogue.grams), False, ())


def contents_key(packed: Sequence[Packed], box: str) -> str:
    """The key of a parcel's contents (each SKU and its units, in any order) in a box
    (its code; "" for the station's default box)."""
    return hashlib.sha256(contents_words(packed, box).encode()).hexdigest()


def contents_words(packed: Sequence[Packed], box: str) -> str:
    """A parcel's contents as a person reads them: "CUP-500 x2, LID x1 in BOX-M"."""
    items = ", ".join(f"{p.sku} x{p.units}" for p in sorted(packed, key=lambda p: p.sku) if p.units)
    return f"{items} in {box}" if box else items


@dataclass(frozen=True)
class Cause:
    """The likely cause of a difference: ``units`` of ``sku`` too many (positive) or
    missing (negative); or no item explains it (``sku`` None)."""

    sku: str | None
    units: int


def likely_cause(packed: Sequence[Packed], difference_g: int, tolerance_g: int) -> Cause:
    """The item whose weight, times a small whole number (1 to 3), comes closest to the
    difference, if within the tolerance; items heavier than the tolerance first."""
    best: tuple[int, Cause] | None = None
    for item in packed:
        weight = item.unit_weight_g
        if not weight or weight <= tolerance_g // 2:
            continue  # too light to tell apart from the scale's own spread
        for times in (1, 2, 3):
            if difference_g < 0 and times > item.units:
                break  # cannot miss more units than were packed
            off = abs(abs(difference_g) - times * weight)
            if off <= tolerance_g and (best is None or off < best[0]):
                best = (off, Cause(item.sku, times if difference_g > 0 else -times))
    return best[1] if best else Cause(None, 0)
