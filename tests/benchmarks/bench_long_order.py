"""Packing video: one order kept open for three hours (the issue's bad input).

The recorder's seconds run 40 times faster than the wall's and a 160x120 test pattern
gives 600 pictures a wall second, so the clip is a 15-a-second clip three hours long
(162,000 pictures, 5,400 key frames and MP4 fragments), recorded in about 4.5 min
(``tests/app/evidence/long_order``). Reported: the pictures written against those
expected, the longest hole, the clip's length, the process's memory after the first
tenth and at the end (and the growth an hour of order), the file's size. The test
``test_long_order`` checks the same for 12 minutes of order; nothing here fails.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.app.evidence.long_order import CLIP_RATE, record_long_order
from tests.benchmarks.harness import Result

ORDER_S = 3 * 3600.0
SPEED = 40.0


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as folder:
        order = record_long_order(Path(folder), ORDER_S, SPEED, samples=18)
        count, length, gap = order.decoded()
    clip = order.sealed
    expected = clip.duration_s * CLIP_RATE
    memory = [mb for _, mb in order.rss_mb]
    growth = (memory[-1] - memory[1]) / ((order.rss_mb[-1][0] - order.rss_mb[1][0]) / 3600)
    name = "3 h order (160x120, 15/s, 40x time)"
    return [
        Result(f"{name}: wall time", order.wall_s, "s"),
        Result(f"{name}: clip length", clip.duration_s / 3600, "h", "3 h + tail"),
        Result(f"{name}: pictures written", clip.frames, "", f"{expected:.0f} expected"),
        Result(f"{name}: pictures decoded", count, "", f"= written, {clip.status}"),
        Result(f"{name}: dropped (writer behind)", order.dropped, ""),
        Result(f"{name}: longest hole", gap, "s"),
        Result(f"{name}: decoded length", length / 3600, "h"),
        Result(f"{name}: memory after the first tenth", memory[1], "MB"),
        Result(f"{name}: memory at the end", memory[-1], "MB"),
        Result(f"{name}: memory growth an hour of order", growth, "MB/h"),
        Result(f"{name}: file", clip.bytes / 1e6, "MB"),
    ]
