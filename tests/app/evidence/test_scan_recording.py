"""``packdesk scan`` at a station with a camera (FFmpeg's ``testsrc``, a stand-in
that runs here): a real process fed scans through a pipe, its clip stored,
decodable, with one mark per scan; a camera that does not open is said on standard
error and scanning goes on."""

from __future__ import annotations

import json
import os
import select as os_select
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest

from app import settings
from app.cli import main
from app.evidence import store
from tests.app.acting import admin_id
from tests.app.evidence.mjpeg_server import free_port
from tests.app.packing.conftest import CUP_EAN, Floor, add_order
from tests.app.packing.conftest import floor as floor  # the packing floor fixture

TESTSRC = "lavfi:testsrc=size=320x240:rate=15"
ANSWER_LIMIT_S = 5.0  # a verdict comes within this (the camera adds nothing to it)


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """SQLite only: the clips' store is tested on both back-ends in test_store."""
    return sqlite_url


@pytest.fixture
def clips_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "clips"
    monkeypatch.setenv("PACKDESK_EVIDENCE_DIR", str(folder))
    settings.change(evidence_tail_seconds=0.5)
    return folder


def start_scanning(url: str) -> subprocess.Popen[bytes]:
    argv = ["scan", "--station", "counter-1", "--user", "B-100", "--json", "--no-print"]
    return subprocess.Popen(
        [sys.executable, "-m", "ui.launcher", *argv, "--db", url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def answer(proc: subprocess.Popen[bytes], scan: str) -> tuple[dict[str, object], float]:
    """Send one scan and wait for its verdict; the verdict and how long it took."""
    assert proc.stdin and proc.stdout
    began = time.monotonic()
    proc.stdin.write(scan.encode() + b"\n")
    proc.stdin.flush()
    ready, _, _ = os_select.select([proc.stdout], [], [], 30)
    assert ready, f"no answer to {scan!r}"
    verdict = json.loads(proc.stdout.readline())
    return verdict, time.monotonic() - began


def said_on_stderr(proc: subprocess.Popen[bytes], words: str, *, within_s: float) -> str:
    """What the command said on standard error until a line with ``words`` (or the
    time is up)."""
    assert proc.stderr
    said = b""
    give_up = time.monotonic() + within_s
    while words.encode() not in said and time.monotonic() < give_up:
        ready, _, _ = os_select.select([proc.stderr], [], [], 0.2)
        if ready:
            said += os.read(proc.stderr.fileno(), 4096)
    return said.decode()


def finish(proc: subprocess.Popen[bytes]) -> str:
    """End the input; what the command said on standard error."""
    assert proc.stdin and proc.stderr
    proc.stdin.close()
    assert proc.wait(timeout=60) == 0
    return proc.stderr.read().decode()


def listed(url: str, capsys: pytest.CaptureFixture[str], *by: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["evidence", "list", *by, "--json", "--db", url]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_a_scan_session_is_recorded_with_a_mark_per_scan(
    floor: Floor, db_url: str, clips_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_order(floor.engine, "00042", {"CUP-500": 2})
    add_order(floor.engine, "00043", {"CUP-500": 1})
    store.set_camera(floor.engine, "counter-1", TESTSRC, user_id=admin_id(floor.engine))
    proc = start_scanning(db_url)
    took = []
    for scan, outcome in [
        ("00042", "order_opened"),
        (CUP_EAN, "accepted"),
        ("LID", "wrong_item"),
        (CUP_EAN, "order_complete"),
        ("00043", "order_opened"),  # within 00042's tail: that clip stays "complete"
    ]:
        verdict, seconds = answer(proc, scan)
        assert verdict["outcome"] == outcome
        took.append(seconds)
        time.sleep(0.4)  # pictures of the box between scans
    said = finish(proc)  # 00043 is still open: its clip ends with the input
    assert max(took) < ANSWER_LIMIT_S, took
    assert "Video of order 00042 saved" in said and "Video of order 00043 saved" in said

    (clip,) = listed(db_url, capsys, "--order", "00042")
    assert clip["status"] == "ok" and clip["station"] == "counter-1"
    assert clip["packer"] == "Packer Li" and clip["stop_reason"] == "complete"
    assert [m["text"] for m in clip["marks"]] == [  # type: ignore[attr-defined]
        "00042 order_opened",
        f"{CUP_EAN} accepted",
        "LID wrong_item",
        f"{CUP_EAN} order_complete",
    ]
    assert Path(str(clip["path"])).is_relative_to(clips_dir)
    with av.open(str(clip["path"])) as container:
        codec = container.streams.video[0].codec_context.name
        frames = list(container.decode(video=0))
    assert codec == "h264"
    # pictures of the box, as many as a loaded machine lets the camera give (15 a second)
    assert len(frames) >= 5 and (frames[0].width, frames[0].height) == (320, 240)
    assert clip["photo"] is not None  # the open box at completion
    (last,) = listed(db_url, capsys, "--order", "00043")
    assert last["stop_reason"] == "recorder closed" and last["status"] == "ok"
    assert [m["text"] for m in last["marks"]] == ["00043 order_opened"]  # type: ignore[attr-defined]


def test_a_camera_that_does_not_open_is_said_and_scanning_goes_on(
    floor: Floor, db_url: str, clips_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_order(floor.engine, "00044", {"CUP-500": 1})
    store.set_camera(
        floor.engine,
        "counter-1",
        f"http://127.0.0.1:{free_port()}/video",
        user_id=admin_id(floor.engine),
    )
    proc = start_scanning(db_url)
    assert answer(proc, "00044")[0]["outcome"] == "order_opened"
    lost = said_on_stderr(proc, "has no video", within_s=30)  # 3 s without a picture
    assert "order 00044 has no video. Packing goes on." in lost, lost
    verdict, seconds = answer(proc, CUP_EAN)
    assert verdict["outcome"] == "order_complete" and seconds < ANSWER_LIMIT_S
    finish(proc)
    (clip,) = listed(db_url, capsys, "--order", "00044")
    assert clip["status"] == "no_video" and "does not open" in str(clip["camera_problem"])
    assert [m["text"] for m in clip["marks"]] == [  # type: ignore[attr-defined]
        "00044 order_opened",
        f"{CUP_EAN} order_complete",
    ]


def test_a_station_without_a_camera_scans_without_a_word_of_video(
    floor: Floor, db_url: str, clips_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_order(floor.engine, "00045", {"CUP-500": 1})
    proc = start_scanning(db_url)
    assert answer(proc, "00045")[0]["outcome"] == "order_opened"
    assert answer(proc, CUP_EAN)[0]["outcome"] == "order_complete"
    assert finish(proc) == ""
    assert listed(db_url, capsys) == [] and not clips_dir.exists()


def _scans_every_200_ms(proc: subprocess.Popen[bytes], order: str, cups: int) -> list[float]:
    """Open ``order`` and scan ``cups`` cups, one every 200 ms; each answer's time."""
    assert answer(proc, order)[0]["outcome"] == "order_opened"
    took = []
    began = time.monotonic()
    for n in range(cups):
        time.sleep(max(0.0, began + 0.2 * (n + 1) - time.monotonic()))
        verdict, seconds = answer(proc, CUP_EAN)
        assert verdict["outcome"] == ("order_complete" if n == cups - 1 else "accepted")
        took.append(seconds)
    return sorted(took)


def test_a_scan_every_200_ms_is_answered_as_fast_with_the_camera_and_each_is_marked(
    floor: Floor, db_url: str, clips_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cups = 20
    add_order(floor.engine, "00046", {"CUP-500": cups})
    add_order(floor.engine, "00047", {"CUP-500": cups})
    proc = start_scanning(db_url)  # no camera yet
    without = _scans_every_200_ms(proc, "00046", cups)
    finish(proc)
    store.set_camera(floor.engine, "counter-1", TESTSRC, user_id=admin_id(floor.engine))
    proc = start_scanning(db_url)
    with_camera = _scans_every_200_ms(proc, "00047", cups)
    said = finish(proc)
    assert "Video of order 00047 saved" in said
    median = cups // 2
    # the camera's process holds no scan up (a loose bound for a busy machine)
    assert with_camera[median] < without[median] + 0.1, (without, with_camera)
    assert with_camera[-1] < ANSWER_LIMIT_S
    (clip,) = listed(db_url, capsys, "--order", "00047")
    assert clip["status"] == "ok"
    marks = clip["marks"]
    assert [m["text"] for m in marks] == [  # type: ignore[attr-defined]
        "00047 order_opened",
        *[f"{CUP_EAN} accepted"] * (cups - 1),
        f"{CUP_EAN} order_complete",
    ]
    offsets = [m["offset_s"] for m in marks]  # type: ignore[attr-defined]
    assert offsets == sorted(offsets)
