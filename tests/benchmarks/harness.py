"""The small shared part of the benchmarks: a result row, percentiles, the table, the
machine's load and a folder on a real disk for the benchmarks' data."""

from __future__ import annotations

import math
import os
import platform
import resource
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Result:
    name: str  # what was measured, e.g. "import 100k orders (SQLite)"
    value: float | None  # None: not measured (the row says why)
    unit: str  # "s", "ms", "MB", "scans/s" ...
    target: str = ""  # what the issue asks, e.g. "<= 15 s"
    met: bool | None = None  # None when there is no target to compare with
    ratio: str = ""  # the figure against a limit of this machine, e.g. "1.8 x fdatasync"


def percentile(samples: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (``pct`` in 0..100) of a non-empty sample."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def load() -> str:
    """The machine's load average over 1, 5 and 15 minutes, for the table."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def load_row(when: str) -> Result:
    one, five, fifteen = os.getloadavg()
    return Result(f"load average {when} (1 min; 5 and 15 min: {five:.2f}, {fifteen:.2f})", one, "")


# --- where the benchmarks keep their data ---------------------------------------------

MEMORY_FILESYSTEMS = frozenset({"tmpfs", "ramfs", "overlay-tmpfs"})


def filesystem_of(path: str | Path) -> str:
    """The type of the file system ``path`` is on (Linux: the longest mount point that
    holds it), or "unknown"."""
    target = os.path.realpath(path)
    best, kind = "", "unknown"
    try:
        with open("/proc/self/mounts", encoding="utf-8") as mounts:
            for line in mounts:
                fields = line.split()
                if len(fields) < 3:
                    continue
                point = fields[1].replace("\\040", " ")
                inside = target == point or target.startswith(point.rstrip("/") + "/")
                if inside and len(point) >= len(best):
                    best, kind = point, fields[2]
    except OSError:
        pass
    return kind


def use_real_disk() -> str:
    """Point ``tempfile`` (and child processes, through TMPDIR) at a folder on a disk.

    A commit is durable once it is on the disk, so a database in a temporary folder
    held in memory (tmpfs) would time no disk at all. The system's temporary folder is
    kept when it is on a disk; otherwise the folder for temporary files that survive a
    reboot is used. Returns the file system the benchmarks' data is on."""
    default = tempfile.gettempdir()
    if filesystem_of(default) not in MEMORY_FILESYSTEMS:
        return filesystem_of(default)
    for candidate in ("/var/tmp", os.getcwd()):
        if os.access(candidate, os.W_OK) and filesystem_of(candidate) not in MEMORY_FILESYSTEMS:
            tempfile.tempdir = candidate
            os.environ["TMPDIR"] = candidate
            return filesystem_of(candidate)
    return f"{filesystem_of(default)} (no folder on a disk found: commits are not timed on one)"


def times(value: float, limit: float, what: str) -> str:
    """A figure against a limit, for the table's ratio column."""
    return f"{value / limit:,.1f} x {what}" if limit > 0 else ""


def table(results: Sequence[Result]) -> str:
    rows = [("benchmark", "measured", "ratio", "target", "")]
    for r in results:
        verdict = "" if r.met is None else ("ok" if r.met else "MISSED")
        measured = "not measured yet" if r.value is None else f"{r.value:,.2f} {r.unit}".rstrip()
        rows.append((r.name, measured, r.ratio, r.target, verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
