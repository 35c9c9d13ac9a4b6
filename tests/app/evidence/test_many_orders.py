"""500 orders in a row at one counter (the issue's "500 orders in an hour", as fast as
the recorder takes them): every clip sealed, decodable, in the store with its marks,
and neither this process nor the recorder's leaks file handles or threads."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC
from pathlib import Path

import av
import pytest
from sqlalchemy import Engine

from app.evidence.clip_file import NO_VIDEO, OK, SealedClip
from app.evidence.recorder import RecorderEvent
from app.evidence.recorder_process import RecorderProcess
from app.evidence.search import find_clips
from app.evidence.store import EvidenceStore
from tests.app.evidence.test_recorder import CALL_LIMIT_S, stepping_clock, wait_for

ORDERS = 500
WARM_UP = 20  # orders before the handles and threads are first counted
SOURCE = "lavfi:testsrc=size=160x120:rate=60"
ORDER_S = 0.05  # from the slip to the last item: three pictures at 60 a second


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """SQLite only: the store itself is tested on both back-ends in test_store."""
    return sqlite_url


def handles(pid: int | str = "self") -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def threads_of(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def test_500_orders_in_a_row_are_each_sealed_stored_and_leak_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    events: list[RecorderEvent] = []
    sealed: list[SealedClip] = []
    index = EvidenceStore(engine)

    stopped: dict[str, float] = {}
    lags: list[float] = []  # from an order's close to its clip in the index

    def seal(clip: SealedClip) -> None:
        index.record(clip)
        lags.append(time.perf_counter() - stopped[clip.start.order_number])
        sealed.append(clip)

    here = (handles(), threading.active_count())
    recorder = RecorderProcess(
        SOURCE,
        tmp_path / "clips",
        clock=stepping_clock(),
        timezone=UTC,
        tail_seconds=0.3,  # cut short by the next order, as at a busy counter
        stall_seconds=3.0,
        on_event=events.append,
        on_sealed=seal,
    )
    child = recorder._process.pid
    assert child is not None
    wait_for(lambda: recorder.snapshot((16, 9), wait=0.3).frames_read > 0, 20)
    took: list[float] = []
    began = time.monotonic()
    for n in range(ORDERS):
        if n == WARM_UP:
            wait_for(lambda: len(sealed) >= WARM_UP - 1, 20)
            warm = (handles(child), threads_of(child), handles(), threading.active_count())
        started = time.perf_counter()
        recorder.start(f"M-{n:03d}", "counter-1", "packer")
        recorder.mark(f"SKU-{n}")
        took.append(time.perf_counter() - started)
        time.sleep(ORDER_S)
        started = time.perf_counter()
        recorder.mark(f"SKU-{n}-B")
        recorder.stop("complete")
        stopped[f"M-{n:03d}"] = time.perf_counter()
        took.append(time.perf_counter() - started)
    wait_for(lambda: len(sealed) == ORDERS, 60)
    per_order = (time.monotonic() - began) / ORDERS
    after = (handles(child), threads_of(child), handles(), threading.active_count())
    assert recorder.close(timeout=10)

    # the same handles and threads after 480 more clips as after the first 20
    assert after[0] <= warm[0] and after[1] <= warm[1], (warm, after)
    assert after[2] <= warm[2] and after[3] <= warm[3], (warm, after)
    engine.dispose()  # (the index's pooled connections)
    # closed, the recorder leaves nothing open here but the pipe of multiprocessing's
    # resource tracker (one for the life of a process that spawns)
    wait_for(lambda: handles() <= here[0] + 1 and threading.active_count() <= here[1], 5)
    # a thousand calls on a busy machine: the odd one waits for a core (or for the
    # index's writes here to let go of the interpreter), none for the camera
    took.sort()
    assert took[len(took) * 99 // 100] < CALL_LIMIT_S and took[-1] < 0.1, took[-10:]
    assert [e for e in events if e.kind in ("clip_failed", "camera_lost")] == []
    assert sum(e.kind == "clip_sealed" for e in events) == ORDERS
    # an order of 50 ms may end before a picture comes on a busy machine (the camera's
    # process yields to the packer's): it is stored all the same, and says why
    empty = [c for c in sealed if c.status != OK]
    assert len(empty) <= ORDERS // 20, [(c.start.order_number, c.camera_problem) for c in empty]
    assert all(c.status == NO_VIDEO and c.camera_problem for c in empty)
    assert all(c.stop_reason == "complete" for c in sealed)

    stored = {c.order_number: c for c in find_clips(engine, station="counter-1")}
    assert sorted(stored) == [f"M-{n:03d}" for n in range(ORDERS)]
    for n, clip in enumerate(stored.values()):
        assert [m.text for m in clip.marks] == [f"SKU-{n}", f"SKU-{n}-B"]
        assert clip.status == NO_VIDEO or (clip.frames >= 1 and clip.path.is_file())
    for clip in [c for c in stored.values() if c.frames][:: ORDERS // 10]:  # some decoded
        with av.open(str(clip.path)) as container:
            assert len(list(container.decode(video=0))) == clip.frames
    lags.sort()
    print(
        f"\n{ORDERS} orders: {per_order * 1000:.0f} ms an order ({ORDER_S * 1000:.0f} ms open); "
        f"close to indexed p50 {lags[len(lags) // 2] * 1000:.0f} ms, max {lags[-1] * 1000:.0f} ms; "
        f"calls p99 {took[len(took) * 99 // 100] * 1000:.2f} ms, max {took[-1] * 1000:.1f} ms"
    )
