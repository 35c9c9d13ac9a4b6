"""The recorder against stand-in cameras that run here (FFmpeg's ``testsrc`` and an
HTTP MJPEG camera served by the test), its clips checked by decoding them."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import av
import pytest
from PIL import Image, ImageChops, ImageStat

from app.evidence import overlay, writer
from app.evidence.clip_file import (
    NO_VIDEO,
    OK,
    PARTIAL,
    ClipFile,
    ClipStart,
    SealedClip,
    sha256_of,
)
from app.evidence.recorder import Recorder, RecorderEvent
from tests.app.evidence.mjpeg_server import MjpegCamera, free_port

TESTSRC = "lavfi:testsrc=size=640x360:rate=15"
START = datetime(2031, 3, 4, 5, 6, 7, tzinfo=UTC)  # a fixed clock: no test reads today
CALL_LIMIT_S = 0.005  # start, mark, split, photo and stop return within this


def stepping_clock() -> Callable[[], datetime]:
    ticks = iter(range(1_000_000))
    return lambda: START + timedelta(milliseconds=next(ticks))


class Recording:
    """A recorder and what it said and sealed."""

    def __init__(self, source: str, folder: Path, **options: Any) -> None:
        self.events: list[RecorderEvent] = []
        self.sealed: list[SealedClip] = []
        self.calls: list[float] = []
        self.recorder = Recorder(
            source,
            folder,
            clock=stepping_clock(),
            on_event=self.events.append,
            on_sealed=self.sealed.append,
            **options,
        )

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        result = getattr(self.recorder, method)(*args, **kwargs)
        self.calls.append(time.perf_counter() - began)
        return result

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]


@pytest.fixture
def recording(tmp_path: Path) -> Iterator[Callable[..., Recording]]:
    made: list[Recording] = []

    def make(source: str = TESTSRC, folder: Path | None = None, **options: Any) -> Recording:
        options.setdefault("tail_seconds", 0.3)
        made.append(Recording(source, folder or tmp_path / f"clips{len(made)}", **options))
        return made[-1]

    yield make
    for r in made:
        r.recorder.close(timeout=5)


def decoded(path: Path) -> tuple[str, list[Any]]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = [f for f in container.decode(stream)]
        return stream.codec_context.name, frames


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.02)


def test_an_order_is_recorded_as_h264_with_its_scans_on_a_timeline(
    recording: Callable[..., Recording],
) -> None:
    r = recording()
    time.sleep(0.3)  # the camera is open before the order
    clip_id = r.call("start", "#10228", "counter-1", "张伟", order_id=7)
    for code in ("6901234567892", "CABLE-1M", "6901234567892"):
        time.sleep(0.5)
        r.call("mark", code)
    time.sleep(0.5)
    r.call("photo")
    r.call("stop", "complete")
    assert r.recorder.close()

    assert max(r.calls) < CALL_LIMIT_S, r.calls
    (clip,) = r.sealed
    assert clip.start.clip_id == clip_id and clip.start.order_id == 7
    assert clip.status == OK and clip.camera_problem is None
    codec, frames = decoded(clip.path)
    assert codec == "h264"
    seconds = frames[-1].time + 1 / 15
    assert 2.0 + 0.3 - 0.25 <= seconds <= 2.0 + 0.3 + 0.4  # 2 s of order, 0.3 s of tail
    assert clip.duration_s == pytest.approx(seconds, abs=0.01)
    assert len(frames) == clip.frames and len(frames) >= 0.9 * 15 * seconds
    assert (frames[0].width, frames[0].height) == (640, 360)
    assert [m.text for m in clip.marks] == ["6901234567892", "CABLE-1M", "6901234567892"]
    offsets = [m.offset_s for m in clip.marks]
    assert offsets == pytest.approx([0.5, 1.0, 1.5], abs=0.1)
    assert clip.sha256 == sha256_of(clip.path) and clip.bytes == clip.path.stat().st_size
    timeline = json.loads(clip.timeline_path.read_text(encoding="utf-8"))
    assert timeline["sha256"] == clip.sha256 and timeline["order"] == "#10228"
    assert [m["text"] for m in timeline["marks"]] == [m.text for m in clip.marks]
    assert clip.start.started_at.year == 2031  # the injected clock, not today's
    assert clip.photo_path is not None and clip.photo_sha256 == sha256_of(clip.photo_path)
    with Image.open(clip.photo_path) as photo:
        assert photo.size == (640, 360)
    assert r.kinds() == ["recording", "clip_sealed"]


def _line_band(picture: Image.Image, height: int) -> Image.Image:
    """The rows of the band's first line (order, station, packer), in grey."""
    px = overlay.font_px(height)
    return picture.convert("L").crop((0, 0, picture.width, round(px * 0.25) + round(px * 1.2)))


def test_the_order_number_is_burnt_into_the_picture(recording: Callable[..., Recording]) -> None:
    """The first line of the band in a decoded frame matches the band drawn for the
    order (H.264 blurs text edges a little); a recording of the same camera without
    the band does not."""
    burnt, plain = recording(), recording(overlay=False)
    for r in (burnt, plain):
        r.call("start", "#10228-测试", "counter-1", "Li Wei")
    time.sleep(1.0)
    for r in (burnt, plain):
        r.call("stop", "complete")
        assert r.recorder.close()
    expected = _line_band(
        overlay.draw_band(640, 360, ("#10228-测试   counter-1   Li Wei", "")), 360
    )
    other = _line_band(overlay.draw_band(640, 360, ("#10229-测试   counter-1   Li Wei", "")), 360)

    digits = ImageChops.difference(expected, other).getbbox()  # where 8 and 9 differ
    assert digits is not None

    def difference(r: Recording, band: Image.Image, box: Any = None) -> float:
        _, frames = decoded(r.sealed[0].path)
        seen = _line_band(frames[len(frames) // 2].to_image(), 360)
        if box is not None:
            seen, band = seen.crop(box), band.crop(box)
        return float(ImageStat.Stat(ImageChops.difference(seen, band)).mean[0])

    assert difference(burnt, expected) < 4
    assert difference(burnt, expected, digits) < 12
    assert difference(burnt, other, digits) > 3 * difference(burnt, expected, digits)
    assert difference(plain, expected) > 40


def test_a_network_mjpeg_camera_is_recorded(recording: Callable[..., Recording]) -> None:
    with MjpegCamera(size=(640, 360), rate=15) as camera:
        r = recording(camera.url)
        r.call("start", "A-1", "counter-2", "packer")
        time.sleep(1.5)
        r.call("stop", "complete")
        assert r.recorder.close()
    (clip,) = r.sealed
    codec, frames = decoded(clip.path)
    assert codec == "h264" and clip.status == OK
    assert len(frames) >= 15 and (frames[0].width, frames[0].height) == (640, 360)


def test_a_camera_that_stops_answering_leaves_a_partial_clip_and_is_said(
    recording: Callable[..., Recording],
) -> None:
    with MjpegCamera(size=(320, 240), rate=15) as camera:
        r = recording(camera.url, stall_seconds=0.5)
        r.call("start", "B-7", "counter-3", "packer")
        r.call("mark", "SKU-1")
        time.sleep(0.8)
        camera.freeze()  # the connection stays open; nothing more comes
        wait_for(lambda: "camera_lost" in r.kinds())
        for code in ("SKU-2", "SKU-3"):  # packing goes on, and no call waits
            r.call("mark", code)
        r.call("photo")
        r.call("stop", "complete")
        assert r.recorder.close(timeout=5)
    assert max(r.calls) < CALL_LIMIT_S, r.calls
    (clip,) = r.sealed
    assert clip.status == PARTIAL and clip.frames > 0
    assert clip.camera_problem is not None and "gave no picture" in clip.camera_problem
    assert [m.text for m in clip.marks] == ["SKU-1", "SKU-2", "SKU-3"]
    lost = next(e for e in r.events if e.kind == "camera_lost")
    assert lost.words.key == "camera_lost" and "B-7" in lost.words.english()
    assert "photo_failed" in r.kinds()  # no picture came for the photo
    assert decoded(clip.path)[0] == "h264"


def test_a_camera_that_never_opens_records_an_order_without_video(
    recording: Callable[..., Recording],
) -> None:
    r = recording(f"http://127.0.0.1:{free_port()}/video", stall_seconds=0.3)
    r.call("start", "C-1", "counter-4", "packer")
    r.call("mark", "SKU-1")
    wait_for(lambda: "camera_lost" in r.kinds())
    r.call("stop", "held")
    assert r.recorder.close()
    assert max(r.calls) < CALL_LIMIT_S
    (clip,) = r.sealed
    assert clip.status == NO_VIDEO and clip.sha256 is None and not clip.path.exists()
    assert clip.camera_problem is not None and "does not open" in clip.camera_problem
    assert clip.stop_reason == "held" and [m.text for m in clip.marks] == ["SKU-1"]
    lost = next(e for e in r.events if e.kind == "camera_lost")
    assert lost.words.key == "no_video"
    assert json.loads(clip.timeline_path.read_text(encoding="utf-8"))["status"] == NO_VIDEO


def test_each_parcel_and_the_next_order_get_their_own_clip(
    recording: Callable[..., Recording],
) -> None:
    r = recording(tail_seconds=5.0)
    first = r.call("start", "D-1", "counter-1", "packer")
    time.sleep(0.4)
    second = r.call("split")
    r.call("mark", "SKU-9")
    time.sleep(0.4)
    r.call("stop", "complete")
    assert r.recorder.recording is None
    third = r.call("start", "D-2", "counter-1", "packer")  # cuts the 5 s tail short
    time.sleep(0.4)
    assert r.recorder.close(timeout=10)  # (ends an open clip at once)
    assert max(r.calls) < CALL_LIMIT_S
    by_id = {c.start.clip_id: c for c in r.sealed}
    assert set(by_id) == {first, second, third}
    assert (by_id[first].start.parcel, by_id[second].start.parcel) == (1, 2)
    assert by_id[first].stop_reason == "next parcel"
    # its tail was cut short by the next order, and it keeps why it ended
    assert by_id[second].stop_reason == "complete" and by_id[second].duration_s < 2
    assert [m.text for m in by_id[second].marks] == ["SKU-9"]
    assert by_id[third].start.order_number == "D-2"
    assert by_id[third].stop_reason == "recorder closed"
    for clip in r.sealed:
        assert clip.status == OK and decoded(clip.path)[0] == "h264"


def test_a_folder_that_cannot_be_written_is_said_and_packing_goes_on(
    recording: Callable[..., Recording], tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the clips' folder should be")
    r = recording(folder=blocked)
    r.call("start", "E-1", "counter-1", "packer")
    wait_for(lambda: "clip_failed" in r.kinds())
    r.call("mark", "SKU-1")
    r.call("stop", "complete")
    assert r.recorder.close()
    assert max(r.calls) < CALL_LIMIT_S
    failed = [e for e in r.events if e.kind == "clip_failed"]
    assert all("E-1" in e.words.english() for e in failed)
    (clip,) = r.sealed  # the index still learns that the order has no video, and why
    assert clip.status == NO_VIDEO and clip.camera_problem is not None
    assert "could not be written" in clip.camera_problem


def test_a_clip_keeps_the_first_reason_it_was_closed_for(
    recording: Callable[..., Recording],
) -> None:
    """An order held (or complete) whose tail is cut short by the next order, or by
    the recorder closing, is sealed as held (or complete); only a clip never told to
    stop ends as "next order"."""
    r = recording(tail_seconds=5.0)
    held = r.call("start", "F-1", "counter-1", "packer")
    time.sleep(0.3)
    r.call("stop", "held")
    r.call("stop", "lost")  # a second stop changes nothing
    switched = r.call("start", "F-2", "counter-1", "packer")  # within F-1's tail
    time.sleep(0.3)
    complete = r.call("start", "F-3", "counter-1", "packer")  # F-2 was never stopped
    time.sleep(0.3)
    r.call("stop", "complete")
    assert r.recorder.close(timeout=10)  # within F-3's tail
    reasons = {c.start.clip_id: c.stop_reason for c in r.sealed}
    assert reasons == {held: "held", switched: "next order", complete: "complete"}
    by_id = {c.start.clip_id: c for c in r.sealed}
    assert by_id[held].duration_s < 2  # cut short: the next order began at once


def test_a_disk_nearly_full_begins_no_clip_says_so_and_its_return_too(
    recording: Callable[..., Recording], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below ``min_free_bytes`` free, an order gets no pictures (its clip says why,
    packing goes on); with room again, the next order is recorded."""
    free = {"bytes": 10**9}
    monkeypatch.setattr(writer, "free_bytes", lambda _folder: free["bytes"])
    r = recording(min_free_bytes=2 * 10**9)
    r.call("start", "G-1", "counter-1", "packer")
    r.call("mark", "SKU-1")
    wait_for(lambda: "disk_low" in r.kinds())
    time.sleep(0.3)
    r.call("stop", "complete")
    free["bytes"] = 5 * 10**9
    time.sleep(0.5)  # (after G-1's tail)
    r.call("start", "G-2", "counter-1", "packer")
    time.sleep(0.5)
    r.call("stop", "complete")
    assert r.recorder.close()
    assert max(r.calls) < CALL_LIMIT_S
    low, again = r.sealed
    assert low.status == NO_VIDEO and not low.path.exists()
    assert low.camera_problem is not None
    assert low.camera_problem.startswith("Disk nearly full: 1.0 GB free for video (at least 2 GB")
    assert [m.text for m in low.marks] == ["SKU-1"]
    assert again.status == OK and again.frames > 0
    event = next(e for e in r.events if e.kind == "disk_low")
    assert event.words.values == ("1.0", "2", "G-1")
    assert r.kinds().index("disk_ok") > r.kinds().index("disk_low")


def test_a_clip_closed_before_its_first_picture_says_why(tmp_path: Path) -> None:
    """An order opened and closed within a moment (the next order cutting its tail
    short) may end before the camera's first picture: it has no video, and says why."""
    start = ClipStart("c0ffee", "H-1", None, 1, "counter-1", "packer", START)
    sealed = ClipFile(start, tmp_path / "H-1.mp4", 15, 100.0).close(100.04, "complete")
    assert sealed.status == NO_VIDEO and sealed.frames == 0
    assert sealed.camera_problem == "no picture came in the 0.04 s the clip was open"
