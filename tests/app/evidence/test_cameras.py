"""Camera sources: parsed, opened with time-outs, and said in words when they fail."""

from __future__ import annotations

import errno
import os
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


def test_a_udev_name_of_a_usb_camera_is_a_device_source() -> None:
    by_id = "/dev/v4l/by-id/usb-046d_HD_Pro_Webcam_C920_8A2F1B3F-video-index0"
    by_path = "/dev/v4l/by-path/pci-0000:00:14.0-usb-0:1:1.0-video-index0"
    assert parse_source(by_id).kind == parse_source(by_path).kind == "v4l2"
    assert parse_source(by_id).url == by_id


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("rtsp://user:a@Cam1.local:554/stream", "rtsp://user:b@cam1.local/stream"),
        ("RTSP://cam1.local/stream/", "rtsp://CAM1.LOCAL:554/stream"),
        ("rtsps://cam1.local/s", "rtsps://cam1.local:322/s"),
        ("http://host:80/x", "http://host/x"),
        ("http://admin:secret@host/x/", "HTTP://Host/x"),
        ("https://host/x", "https://host:443/x"),
        ("http://host", "http://host:80/"),
        ("http://cam.local./x", "http://cam.local/x"),
        ("rtsp://[FE80::1]/s", "rtsp://[fe80::1]:554/s"),
        ("http://host/x?resolution=720", "http://host:80/x/?resolution=720"),
        ("video=USB2.0 HD UVC WebCam", "  video=USB2.0 HD UVC WebCam "),
        ("lavfi:testsrc=size=640x360:rate=15", "LAVFI:testsrc=size=640x360:rate=15"),
    ],
)
def test_one_camera_written_two_ways_has_one_identity(one: str, other: str) -> None:
    assert cameras.camera_identity(one) == cameras.camera_identity(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("rtsp://cam1.local/stream", "rtsp://cam2.local/stream"),
        ("rtsp://cam1.local/stream1", "rtsp://cam1.local/stream2"),
        ("rtsp://cam1.local/Stream", "rtsp://cam1.local/stream"),  # (a path has case)
        ("rtsp://cam1.local:8554/s", "rtsp://cam1.local/s"),
        ("http://host/x", "https://host/x"),
        ("http://host:8080/x", "http://host/x"),
        ("http://host/x?channel=1", "http://host/x?channel=2"),
        ("/dev/video0", "/dev/video1"),
        ("lavfi:testsrc=size=640x360:rate=15", "lavfi:testsrc=size=1280x720:rate=15"),
        ("video=Camera A", "video=Camera B"),
    ],
)
def test_two_cameras_have_two_identities(one: str, other: str) -> None:
    identity = cameras.camera_identity
    assert identity(one, realpath=lambda p: p) != identity(other, realpath=lambda p: p)


def test_an_identity_has_no_user_nor_password_and_the_default_port() -> None:
    identity = cameras.camera_identity("rtsp://admin:hunter2@Cam1.Local/stream/")
    assert identity == "rtsp://cam1.local:554/stream"
    assert cameras.camera_identity("http://10.0.0.6/video.mjpg") == "http://10.0.0.6:80/video.mjpg"


def test_a_device_is_the_node_its_path_resolves_to(tmp_path: Path) -> None:
    """``/dev/v4l/by-id/...`` is a link to a ``/dev/videoN``: both are one camera (the
    links are made here in a folder, as udev makes them under /dev)."""
    node = tmp_path / "video0"
    node.touch()
    (tmp_path / "by-id").mkdir()
    link = tmp_path / "by-id" / "usb-Webcam-video-index0"
    link.symlink_to(node)
    real = {
        "/dev/v4l/by-id/usb-Webcam-video-index0": str(link),
        "/dev/video0": str(node),
        "/dev/video2": str(tmp_path / "video2"),
    }

    def resolved(path: str) -> str:
        return os.path.realpath(real[path])

    identity = cameras.camera_identity
    by_id = identity("/dev/v4l/by-id/usb-Webcam-video-index0", realpath=resolved)
    assert by_id == identity("/dev/video0", realpath=resolved) == str(node.resolve())
    assert identity("/dev/video2", realpath=resolved) != by_id


def test_a_device_path_is_resolved_on_this_computer_by_default() -> None:
    assert cameras.camera_identity("/dev/video0") == os.path.realpath("/dev/video0")


def test_what_is_no_source_is_compared_as_written() -> None:
    assert cameras.identity_or_text("camera") == "camera"
    with pytest.raises(CameraProblem):
        cameras.camera_identity("camera")


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
