"""An order kept open for hours, recorded in minutes: the recorder's seconds
(``ticks``) run ``speed`` times faster than the clock on the wall, and a test-pattern
camera gives ``speed`` times 15 pictures a (wall) second, so the clip is a 15-a-second
clip of the order's whole length, as many pictures and key frames as the real one.
Shared by the test (half an hour of order) and the benchmark (three hours)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import av

from app.evidence.clip_file import SealedClip
from app.evidence.recorder import Recorder, RecorderEvent

CLIP_RATE = 15
SIZE = (160, 120)
MARK_EVERY_S = 60.0  # a scan a minute of the order (in its own seconds)


def rss_mb() -> float:
    """This process's resident memory now, in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def fast_ticks(speed: float) -> Callable[[], float]:
    began = time.monotonic()
    return lambda: began + (time.monotonic() - began) * speed


@dataclass
class LongOrder:
    sealed: SealedClip
    wall_s: float  # how long it took on the wall
    order_s: float  # how long the order was open, in the recorder's seconds
    rss_mb: list[tuple[float, float]] = field(default_factory=list)  # (order s, MB)
    dropped: int = 0  # pictures the writer was too slow for
    events: list[RecorderEvent] = field(default_factory=list)

    def decoded(self) -> tuple[int, float, float]:
        """Pictures in the file, the time of the last one plus a picture, and the
        longest time between two pictures."""
        count, last, gap = 0, 0.0, 0.0
        with av.open(str(self.sealed.path)) as container:
            for frame in container.decode(video=0):
                now = float(frame.time or 0.0)
                count, last, gap = count + 1, now, max(gap, now - last)
        return count, last + 1 / CLIP_RATE, gap


def record_long_order(folder: Path, order_s: float, speed: float, samples: int = 10) -> LongOrder:
    """Record one order open for ``order_s`` seconds (its own), ``speed`` times faster
    than real time; the process's memory taken ``samples`` times along the way."""
    ticks = fast_ticks(speed)
    events: list[RecorderEvent] = []
    sealed: list[SealedClip] = []
    source = f"lavfi:testsrc=size={SIZE[0]}x{SIZE[1]}:rate={round(CLIP_RATE * speed)}"
    recorder = Recorder(
        source,
        folder,
        rate=CLIP_RATE,
        size=SIZE,
        ticks=ticks,
        tail_seconds=1.0,
        stall_seconds=max(3.0, speed * 2),  # two wall seconds: a busy machine is no stall
        on_event=events.append,
        on_sealed=sealed.append,
    )
    while recorder.frames_read < 10:
        time.sleep(0.05)
    began_wall, began = time.monotonic(), ticks()
    recorder.start("LONG-1", "counter-1", "packer")
    memory: list[tuple[float, float]] = []
    marks = 0
    while (now := ticks() - began) < order_s:
        if now >= marks * MARK_EVERY_S:
            recorder.mark(f"SKU-{marks}")
            marks += 1
        if now >= len(memory) * order_s / samples:
            memory.append((now, rss_mb()))
        time.sleep(0.05)
    recorder.stop("complete")
    memory.append((ticks() - began, rss_mb()))
    assert recorder.close(timeout=60)
    wall = time.monotonic() - began_wall
    (clip,) = sealed
    return LongOrder(clip, wall, order_s, memory, recorder.dropped, events)
