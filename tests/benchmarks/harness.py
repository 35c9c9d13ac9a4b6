"""The small shared part of the benchmarks: a result row, percentiles, the table."""

from __future__ import annotations

import math
import platform
import resource
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    name: str  # what was measured, e.g. "import 100k orders (SQLite)"
    value: float
    unit: str  # "s", "ms", "MB", "scans/s" ...
    target: str = ""  # what the issue asks, e.g. "<= 15 s"
    met: bool | None = None  # None when there is no target to compare with


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (``pct`` in 0..100) of a non-empty sample."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> str:
    import os

    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def table(results: Sequence[Result]) -> str:
    rows = [("benchmark", "measured", "target", "")]
    for r in results:
        verdict = "" if r.met is None else ("ok" if r.met else "MISSED")
        rows.append((r.name, f"{r.value:,.2f} {r.unit}", r.target, verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
