"""An RTSP network camera, served on 127.0.0.1 by the test (``rtsp_server``: RTSP 1.0,
H.264 in RTP over the RTSP connection, a password asked with a 401): recorded into a
clip that decodes, and a wrong password said in words."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.evidence.cameras import CameraProblem, camera_identity, open_camera
from app.evidence.clip_file import OK
from tests.app.evidence.rtsp_server import RtspCamera
from tests.app.evidence.test_recorder import Recording, decoded, wait_for


def test_an_rtsp_camera_with_a_password_is_recorded(tmp_path: Path) -> None:
    with RtspCamera(size=(320, 240), rate=15, user="packdesk", password="s3cret") as camera:
        r = Recording(camera.url, tmp_path, tail_seconds=0.3)
        try:
            wait_for(lambda: r.recorder.frames_read > 0, 30)  # (the client probes first)
            r.call("start", "R-1", "counter-4", "packer")
            r.call("mark", "SKU-1")
            time.sleep(1.5)
            r.call("stop", "complete")
        finally:
            assert r.recorder.close(timeout=10)
    # over TCP, as the recorder asks; the first DESCRIBE refused until the password came
    assert camera.methods[:5] == ["OPTIONS", "DESCRIBE", "DESCRIBE", "SETUP", "PLAY"]
    (clip,) = r.sealed
    assert clip.status == OK and clip.start.order_number == "R-1"
    codec, frames = decoded(clip.path)
    assert codec == "h264" and len(frames) == clip.frames >= 10
    assert (frames[0].width, frames[0].height) == (320, 240)
    assert "camera_lost" not in r.kinds()


def test_an_rtsp_camera_refusing_the_password_is_said_in_words() -> None:
    with RtspCamera(user="packdesk", password="s3cret") as camera:
        wrong = camera.url.replace("s3cret", "guess")
        with pytest.raises(CameraProblem) as said:
            open_camera(wrong, open_timeout=10, read_timeout=5)
    assert "401" in str(said.value) or "nauthori" in str(said.value)
    assert camera_identity(wrong) == camera_identity(camera.url)  # (one camera all the same)
