"""Camera sources: parsed, opened with time-outs, and said in words when they fail."""

from __future__ import annotations

import errno
import time
from pathlib import Path

import av
import av.error
import pytest
from PIL import Image

from app.evidence import cameras
from app.evidence.cameras import CameraProblem, parse_source
from tests.app.evidence.mjpeg_server import MjpegCamera, free_port


@pytest.mark.parametrize(
    ("text", "kind", "url"),
    [
        ("/dev/video0", "v4l2", "/dev/video0"),
        ("rtsp://10.0.0.5:554/stream1", "rtsp", "rtsp://10.0.0.5:554/stream1"),
        ("http://10.0.0.6/video.mjpg", "http", "http://10.0.0.6/video.mjpg"),
        ("video=USB2.0 HD UVC WebCam", "dshow", "video=USB2.0 HD UVC WebCam"),
        ("lavfi:testsrc=size=1280x720:rate=15", "lavfi", "testsrc=size=1280x720:rate=15"),
    ],
)
def test_sources_are_parsed(text: str, kind: str, url: str) -> None:
    source = parse_source(f"  {text} ")
    assert (source.kind, source.url, source.text) == (kind, url, text)


@pytest.mark.parametrize(
    "text", ["", "camera", "/dev/sda", "ftp://x", "video=", "lavfi:", "a\x1bb"]
)
def test_a_bad_source_is_said_in_words(text: str) -> None:
    with pytest.raises(CameraProblem, match="is not a camera source: give a device"):
        parse_source(text)


def test_a_camera_that_is_not_there_is_said_at_once() -> None:
    began = time.monotonic()
    with pytest.raises(CameraProblem, match="does not open"):
        cameras.open_camera(f"http://127.0.0.1:{free_port()}/video", open_timeout=2)
    with pytest.raises(CameraProblem, match="There is no camera /dev/video97"):
        cameras.open_camera("/dev/video97")
    with pytest.raises(CameraProblem, match=r"Filter not found|does not open"):
        cameras.open_camera("lavfi:nosuchfilter=1")
    assert time.monotonic() - began < 3


def test_a_network_camera_is_tested_and_its_still_written(tmp_path: Path) -> None:
    with MjpegCamera(size=(320, 240), rate=15) as camera:
        found = cameras.test_camera(camera.url, seconds=1.0, still=tmp_path / "still.jpg")
    assert (found.width, found.height) == (320, 240)
    assert 12 <= found.fps <= 17
    with Image.open(tmp_path / "still.jpg") as still:
        assert still.size == (320, 240)


def test_a_camera_that_stops_answering_times_out_in_words() -> None:
    with MjpegCamera(size=(320, 240), rate=15) as camera:
        stream = cameras.open_camera(camera.url, read_timeout=0.5)
        began = None
        with stream, pytest.raises(CameraProblem, match=r"gave no picture for 0\.5 s"):
            for count, _ in enumerate(stream.frames()):
                if count == 3:
                    camera.freeze()
                    began = time.monotonic()
        assert began is not None and time.monotonic() - began < 2


def test_devices_are_listed_from_sysfs(tmp_path: Path) -> None:
    assert cameras.list_devices(tmp_path / "none") == []
    for node, name, index in (("video0", "HD Webcam", "0"), ("video1", "HD Webcam", "1")):
        (tmp_path / node).mkdir()
        (tmp_path / node / "name").write_text(name + "\n")
        (tmp_path / node / "index").write_text(index + "\n")
    found = cameras.list_devices(tmp_path)
    assert [(c.source, c.name, c.capture) for c in found] == [
        ("/dev/video0", "HD Webcam", True),
        ("/dev/video1", "HD Webcam", False),
    ]


def test_a_device_in_use_elsewhere_is_said_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """A USB camera opens for one program at a time: FFmpeg's EBUSY, said in words.
    (No V4L2 device here: the open is answered as the kernel answers a busy one.)"""
    monkeypatch.setattr(cameras.os.path, "exists", lambda path: path == "/dev/video7")

    def busy(url: str, **options: object) -> None:
        av.error.err_check(-errno.EBUSY, url)

    monkeypatch.setattr(cameras.av, "open", busy)
    with pytest.raises(CameraProblem) as problem:
        cameras.open_camera("/dev/video7")
    assert problem.value.words.key == "in_use"
    assert str(problem.value).startswith("Camera /dev/video7 is in use by another program")
