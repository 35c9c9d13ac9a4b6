"""Packing video: what one recording camera at 1280x720 and 15 fps costs.

For two stand-in cameras (FFmpeg's ``testsrc``, a clean synthetic picture, and
``testsrc2`` with sensor-like noise added, nearer a real camera's picture and an upper
bound on size), the recorder first runs with its camera open and no order for a few
seconds (reading the camera alone), then records one 20 s order. Reported: the
process's CPU seconds per second of recording (all threads: the stand-in camera's
own picture making, the band burnt in, H.264 encoding, sealing), the same less the
idle camera's, and megabytes per hour from the clip's size. Nothing fails on a slow
machine; the figures go in the table.
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from app.evidence.clip_file import SealedClip
from app.evidence.recorder import Recorder
from tests.benchmarks.harness import Result

SOURCES = {
    "clean test pattern": "lavfi:testsrc=size=1280x720:rate=15",
    "noisy test pattern": "lavfi:testsrc2=size=1280x720:rate=15,noise=alls=8:allf=t",
}
IDLE_S = 5.0
RECORD_S = 20.0


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _measure(name: str, source: str, folder: Path) -> list[Result]:
    sealed: list[SealedClip] = []
    recorder = Recorder(source, folder, tail_seconds=0.0, on_sealed=sealed.append)
    time.sleep(1.0)  # the camera opens
    cpu, wall = _cpu(), time.monotonic()
    time.sleep(IDLE_S)
    idle = (_cpu() - cpu) / (time.monotonic() - wall)
    cpu, wall = _cpu(), time.monotonic()
    recorder.start("BENCH-1", "bench", "bench")
    for n in range(int(RECORD_S / 0.2)):  # a scan every 200 ms
        time.sleep(0.2)
        recorder.mark(f"SKU-{n}")
    recorder.stop("complete")
    recorder.close()
    busy = (_cpu() - cpu) / (time.monotonic() - wall)
    (clip,) = sealed
    mb_per_hour = clip.bytes / 1e6 / clip.duration_s * 3600
    fps = clip.frames / clip.duration_s
    return [
        Result(f"evidence, {name}: CPU while recording 1280x720/15", busy, "s/s"),
        Result(f"evidence, {name}: CPU of the camera alone (no order)", idle, "s/s"),
        Result(f"evidence, {name}: CPU of recording (less the camera)", busy - idle, "s/s"),
        Result(f"evidence, {name}: size per hour of packing", mb_per_hour, "MB/h"),
        Result(f"evidence, {name}: pictures per second in the clip", fps, "fps"),
        Result(f"evidence, {name}: pictures dropped (writer too slow)", recorder.dropped, ""),
    ]


def run() -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as folder:
        for name, source in SOURCES.items():
            results.extend(_measure(name, source, Path(folder) / name.replace(" ", "-")))
    return results
