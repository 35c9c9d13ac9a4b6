"""The issue's bad inputs against the real recorder (in its own process, as the pack
page and ``packdesk scan`` run it), the clips checked by decoding them: a network
camera unplugged mid-order and plugged back on the same address, two counters
sharing one camera address, and a scan every 200 ms while recording."""

from __future__ import annotations

import errno
import itertools
import time
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path
from typing import Any

import av
import av.error
import pytest

from app.evidence import cameras
from app.evidence.clip_file import NO_VIDEO, OK, PARTIAL, SealedClip
from app.evidence.recorder import Recorder, RecorderEvent
from app.evidence.recorder_process import RecorderProcess
from tests.app.evidence.mjpeg_server import MjpegCamera
from tests.app.evidence.test_recorder import (
    CALL_LIMIT_S,
    TESTSRC,
    decoded,
    stepping_clock,
    wait_for,
)

STALL_S = 0.5


class Counter:
    """A recorder process and what the pack side was told."""

    def __init__(self, source: str, folder: Path) -> None:
        self.events: list[RecorderEvent] = []
        self.sealed: list[SealedClip] = []
        self.took: list[float] = []
        self.recorder = RecorderProcess(
            source,
            folder,
            clock=stepping_clock(),
            timezone=UTC,
            tail_seconds=0.3,
            stall_seconds=STALL_S,
            on_event=self.events.append,
            on_sealed=self.sealed.append,
        )

    def call(self, method: str, *args: Any) -> Any:
        began = time.perf_counter()
        result = getattr(self.recorder, method)(*args)
        self.took.append(time.perf_counter() - began)
        return result

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    def pictures(self) -> int:
        return self.recorder.snapshot((32, 18), wait=0.3).frames_read


@pytest.fixture
def counters(tmp_path: Path) -> Iterator[list[Counter]]:
    made: list[Counter] = []
    yield made
    for counter in made:
        counter.recorder.close(timeout=5)


def test_a_camera_unplugged_mid_order_and_plugged_back(
    counters: list[Counter], tmp_path: Path
) -> None:
    """The pack side hears "lost", then "back"; the order's clip goes on after the
    gap and is sealed partial (with the camera's problem); the next order's clip is
    whole; no call waits while the camera is away."""
    with MjpegCamera(size=(320, 240), rate=15) as camera:
        port = camera.port
        counter = Counter(camera.url, tmp_path / "clips")
        counters.append(counter)
        wait_for(lambda: counter.pictures() > 0, 20)
        first = counter.call("start", "U-1", "counter-1", "packer")
        counter.call("mark", "SKU-1")
        time.sleep(1.0)
    # unplugged: its connections closed, nothing listens on the port
    unplugged = time.monotonic()
    wait_for(lambda: "camera_lost" in counter.kinds(), 10)
    assert counter.recorder.camera_problem is not None
    counter.call("mark", "SKU-2")  # packing goes on
    time.sleep(1.0)
    with MjpegCamera(size=(320, 240), rate=15, port=port):  # plugged back, same address
        wait_for(lambda: "camera_back" in counter.kinds(), 20)
        away = time.monotonic() - unplugged
        assert counter.recorder.camera_problem is None
        counter.call("mark", "SKU-3")
        time.sleep(1.0)
        counter.call("stop", "complete")
        time.sleep(0.5)  # (the tail)
        second = counter.call("start", "U-2", "counter-1", "packer")
        time.sleep(1.0)
        counter.call("stop", "complete")
        assert counter.recorder.close(timeout=10)
    assert max(counter.took) < CALL_LIMIT_S, counter.took
    kinds = counter.kinds()
    assert kinds.index("camera_lost") < kinds.index("camera_back")
    lost = next(e for e in counter.events if e.kind == "camera_lost")
    assert lost.words.key == "camera_lost" and "U-1" in lost.words.english()

    by_id = {c.start.clip_id: c for c in counter.sealed}
    broken, whole = by_id[first], by_id[second]
    assert broken.status == PARTIAL and broken.camera_problem is not None
    assert [m.text for m in broken.marks] == ["SKU-1", "SKU-2", "SKU-3"]
    codec, frames = decoded(broken.path)
    assert codec == "h264" and len(frames) == broken.frames
    times = [f.time for f in frames]
    gap = max(b - a for a, b in itertools.pairwise(times))
    # a hole as long as the camera was away (pictures before and after it), and the
    # clip's length stays true to the clock
    assert gap >= away - 0.5 and times[-1] > gap
    assert len([t for t in times if t > times[0] + 1.0 + gap]) > 5
    assert whole.status == OK and whole.camera_problem is None
    codec, frames = decoded(whole.path)
    assert codec == "h264" and len(frames) == whole.frames >= 5


def test_a_scan_every_200_ms_while_recording(counters: list[Counter], tmp_path: Path) -> None:
    """Thirty scans, one every 200 ms: every mark is in the clip, in order, at its
    moment; no call waits (the scan's answer is not held up by the camera)."""
    counter = Counter(TESTSRC, tmp_path / "clips")
    counters.append(counter)
    wait_for(lambda: counter.pictures() > 0, 20)
    counter.call("start", "S-1", "counter-1", "packer")
    codes = [f"SKU-{n:02d}" for n in range(30)]
    began = time.monotonic()
    for n, code in enumerate(codes):
        time.sleep(max(0.0, began + 0.2 * (n + 1) - time.monotonic()))
        counter.call("mark", code)
    counter.call("stop", "complete")
    assert counter.recorder.close(timeout=10)
    assert max(counter.took) < CALL_LIMIT_S, counter.took
    (clip,) = counter.sealed
    assert clip.status == OK
    assert [m.text for m in clip.marks] == codes
    offsets = [m.offset_s for m in clip.marks]
    assert offsets == sorted(offsets)
    steps = [b - a for a, b in itertools.pairwise(offsets)]
    assert sum(steps) / len(steps) == pytest.approx(0.2, abs=0.02)
    _, frames = decoded(clip.path)
    assert len(frames) == clip.frames and frames[-1].time >= offsets[-1]


def test_two_counters_sharing_a_network_camera_both_record_it(
    counters: list[Counter], tmp_path: Path
) -> None:
    """A network camera serves every counter that asks: both record their order."""
    with MjpegCamera(size=(320, 240), rate=15) as camera:
        pair = [Counter(camera.url, tmp_path / name) for name in ("one", "two")]
        counters.extend(pair)
        for counter in pair:
            wait_for(lambda c=counter: c.pictures() > 0, 20)  # type: ignore[misc]
        for n, counter in enumerate(pair):
            counter.call("start", f"T-{n}", f"counter-{n}", "packer")
        time.sleep(1.5)
        for counter in pair:
            counter.call("stop", "complete")
            assert counter.recorder.close(timeout=10)
    for n, counter in enumerate(pair):
        (clip,) = counter.sealed
        assert clip.status == OK and clip.start.order_number == f"T-{n}"
        codec, frames = decoded(clip.path)
        assert codec == "h264" and len(frames) == clip.frames >= 10
        assert "camera_lost" not in counter.kinds()


def test_a_usb_camera_held_by_another_counter_is_said_in_use_and_packing_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second counter on a device that opens once: its order has no video, the
    pack side is told the camera is in use, and no call waits. (No V4L2 device here:
    the open is answered as the kernel answers a busy one.)"""
    monkeypatch.setattr(cameras.os.path, "exists", lambda path: path == "/dev/video7")

    def busy(url: str, **options: object) -> None:
        av.error.err_check(-errno.EBUSY, url)

    monkeypatch.setattr(cameras.av, "open", busy)
    events: list[RecorderEvent] = []
    sealed: list[SealedClip] = []
    recorder = Recorder(
        "/dev/video7",
        tmp_path,
        clock=stepping_clock(),
        tail_seconds=0.1,
        stall_seconds=0.3,
        on_event=events.append,
        on_sealed=sealed.append,
    )
    began = time.perf_counter()
    recorder.start("V-1", "counter-2", "packer")
    recorder.mark("SKU-1")
    assert time.perf_counter() - began < 2 * CALL_LIMIT_S
    wait_for(lambda: any(e.kind == "camera_lost" for e in events))
    recorder.stop("complete")
    assert recorder.close(timeout=5)
    lost = next(e for e in events if e.kind == "camera_lost")
    assert lost.words.key == "no_video" and "V-1" in lost.words.english()
    (clip,) = sealed
    assert clip.status == NO_VIDEO and [m.text for m in clip.marks] == ["SKU-1"]
    assert clip.camera_problem is not None and "in use by another program" in clip.camera_problem
