"""The recorder in a process of its own: the commands made here (with this process's
clock) are the child's, its clips come back sealed to be indexed here, and a child
that dies is said as a camera problem while the calls go on returning at once."""

from __future__ import annotations

import concurrent.futures
import ctypes
import multiprocessing
import os
import time
from datetime import UTC
from pathlib import Path

import pytest

from app.evidence import recorder_process
from app.evidence.clip_file import OK, SealedClip
from app.evidence.recorder import RecorderEvent
from app.evidence.recorder_process import NICENESS, RecorderProcess
from tests.app.evidence.test_recorder import (
    CALL_LIMIT_S,
    TESTSRC,
    decoded,
    stepping_clock,
    wait_for,
)


def make(folder: Path, events: list[RecorderEvent], sealed: list[SealedClip]) -> RecorderProcess:
    return RecorderProcess(
        TESTSRC,
        folder,
        clock=stepping_clock(),
        timezone=UTC,
        tail_seconds=0.3,
        # a camera is lost after this long without a picture: long enough that a
        # starved machine (the suite beside other work) does not lose a test pattern
        stall_seconds=10.0,
        on_event=events.append,
        on_sealed=sealed.append,
    )


def test_a_clip_recorded_in_the_child_is_sealed_and_handed_back(tmp_path: Path) -> None:
    events: list[RecorderEvent] = []
    sealed: list[SealedClip] = []
    recorder = make(tmp_path, events, sealed)
    wait_for(lambda: recorder.snapshot((64, 36), wait=0.2).frames_read > 0, 20)
    took = []
    for call, args in [("start", ("#7", "counter-1", "张伟")), ("mark", ("SKU-1",))]:
        began = time.perf_counter()
        getattr(recorder, call)(*args)
        took.append(time.perf_counter() - began)
        time.sleep(0.5)
    recorder.photo()
    recorder.stop("complete")
    assert recorder.recording is None
    assert recorder.close(timeout=10)
    assert max(took) < CALL_LIMIT_S, took
    (clip,) = sealed
    assert clip.start.order_number == "#7" and clip.start.started_at.year == 2031  # our clock
    assert clip.status == OK and clip.stop_reason == "complete"
    assert [m.text for m in clip.marks] == ["SKU-1"]
    assert decoded(clip.path)[0] == "h264" and clip.photo_path is not None
    assert [e.kind for e in events] == ["recording", "clip_sealed"]
    snap = recorder.snapshot((64, 36), wait=0.1)  # (closed: the last one known)
    assert snap.size == (640, 360) and snap.picture is not None


def test_a_child_that_dies_is_said_and_the_calls_still_return_at_once(tmp_path: Path) -> None:
    events: list[RecorderEvent] = []
    sealed: list[SealedClip] = []
    recorder = make(tmp_path, events, sealed)
    recorder.start("#8", "counter-1", "packer")
    recorder._process.kill()
    wait_for(lambda: "camera_lost" in [e.kind for e in events], 10)
    assert recorder.camera_problem is not None
    assert "the recording process stopped" in recorder.camera_problem.english()
    began = time.perf_counter()
    recorder.mark("SKU-1")
    recorder.stop("complete")
    assert time.perf_counter() - began < CALL_LIMIT_S
    assert not recorder.close(timeout=1)
    assert sealed == []


def test_previews_asked_while_a_clip_records_leave_the_child_whole(tmp_path: Path) -> None:
    """The Printers page's preview asks for the latest picture five times a second
    while the writer scales the same picture for the clip: each has its own scaler
    (they shared the frame's, and the child crashed or stopped answering)."""
    events: list[RecorderEvent] = []
    sealed: list[SealedClip] = []
    recorder = RecorderProcess(
        "lavfi:testsrc=size=1280x720:rate=15",
        tmp_path,
        clock=stepping_clock(),
        timezone=UTC,
        tail_seconds=0.3,
        stall_seconds=10.0,
        on_event=events.append,
        on_sealed=sealed.append,
    )
    wait_for(lambda: recorder.snapshot((64, 36), wait=0.2).frames_read > 0, 20)
    recorder.start("#9", "counter-1", "packer")
    began, asked = time.monotonic(), 0
    while time.monotonic() - began < 3.0:
        rooms = [(320, 180), (160, 90), (64, 36)]
        recorder.snapshot(rooms[asked % 3], wait=0.5)
        asked += 1
    recorder.stop("complete")
    assert recorder.close(timeout=10), f"the child did not close after {asked} previews"
    assert "camera_lost" not in [e.kind for e in events]
    (clip,) = sealed
    assert clip.status == OK and len(decoded(clip.path)[1]) == clip.frames >= 15


def _niceness_after_lowering() -> int:
    from app.evidence.recorder_process import lower_priority

    assert lower_priority()
    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="POSIX's nice")
def test_the_camera_process_gives_way_to_the_counter() -> None:
    """Lowered by NICENESS in a process of its own (this one keeps its priority)."""
    with concurrent.futures.ProcessPoolExecutor(
        1, mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        assert pool.submit(_niceness_after_lowering).result(60) == min(19, os.nice(0) + NICENESS)


def test_on_windows_the_priority_class_below_normal_is_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[tuple[object, int]] = []

    class Kernel32:
        def GetCurrentProcess(self) -> str:
            return "this process"

        def SetPriorityClass(self, process: object, priority: int) -> int:
            asked.append((process, priority))
            return 1

    monkeypatch.delattr(recorder_process.os, "nice", raising=False)
    monkeypatch.setattr(recorder_process.sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "WinDLL", lambda name, **kw: Kernel32(), raising=False)
    assert recorder_process.lower_priority()
    assert asked == [("this process", 0x4000)]


def test_a_priority_that_cannot_be_lowered_is_logged_and_recording_goes_on(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refused(increment: int) -> int:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(recorder_process.os, "nice", refused, raising=False)
    assert not recorder_process.lower_priority()
    assert "keeps its priority: [Errno 1] Operation not permitted" in caplog.text
