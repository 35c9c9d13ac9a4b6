"""Cameras: a SOURCE string parsed, opened with PyAV (FFmpeg in its wheels), read
with a time-out on every wait.

A SOURCE is one of:

- ``/dev/videoN``: a USB (UVC) camera on Linux, through V4L2; MJPEG asked for first
  (a USB 2 camera gives 1280x720 at 15 fps only compressed), the raw format after;
  or its udev name, ``/dev/v4l/by-id/...`` or ``/dev/v4l/by-path/...``, which stays
  the same camera when the numbers change (plugged in another order);
- ``rtsp://...``: a network camera's RTSP stream, over TCP;
- ``http://...`` or ``https://...``: an HTTP stream FFmpeg reads (MJPEG, HLS...);
- ``video=NAME``: a USB camera on Windows, through DirectShow, by its name;
- ``lavfi:GRAPH``: an FFmpeg filter graph (``lavfi:testsrc=size=1280x720:rate=15``),
  a stand-in camera for tests and demonstrations, paced to real time like a camera.

Nothing here waits without a limit: opening has ``open_timeout`` seconds, each read
``read_timeout`` seconds (PyAV's interrupt callback, for the network); a stream that
gives no picture within ``read_timeout`` raises ``CameraProblem`` in words. (A USB
device read that blocks in the kernel is beyond an interrupt callback: the recorder
watches its reader from another thread and says so; see ``recorder``.)
"""

from __future__ import annotations

import errno
import os
import platform
import re
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import av
import av.error

from app.errors import PackdeskError
from app.evidence.words import EvidenceWords, said

DEFAULT_SIZE = (1280, 720)
DEFAULT_RATE = 15
OPEN_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 5.0

_DEVICE = re.compile(r"/dev/video\d{1,3}|/dev/v4l/by-(?:id|path)/[A-Za-z0-9._:+-]{1,200}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class CameraProblem(PackdeskError):
    """A camera that is no camera, does not open, or stops giving pictures; ``words``
    are the same sentence for the pack page to translate."""

    def __init__(self, words: EvidenceWords) -> None:
        super().__init__(words.english())
        self.words = words


@dataclass(frozen=True)
class CameraSource:
    """A parsed SOURCE: what FFmpeg opens (``url``), with which input format."""

    text: str  # as the person wrote it
    kind: str  # v4l2, rtsp, http, dshow, lavfi
    url: str
    input_format: str | None = None
    options: dict[str, str] = field(default_factory=dict)

    @property
    def live(self) -> bool:
        """A real camera gives pictures in real time; a filter graph as fast as it can
        (it is paced when read)."""
        return self.kind != "lavfi"


def parse_source(text: str) -> CameraSource:
    """``text`` as a camera source, or ``CameraProblem`` naming what it should be."""
    source = text.strip()
    if not source or _CONTROL.search(source) or len(source) > 500:
        raise CameraProblem(said("bad_source", repr(text)))
    lower = source.lower()
    if _DEVICE.fullmatch(source):
        return CameraSource(source, "v4l2", source, "video4linux2,v4l2")
    if lower.startswith(("rtsp://", "rtsps://")):
        return CameraSource(source, "rtsp", source, "rtsp", {"rtsp_transport": "tcp"})
    if lower.startswith(("http://", "https://")):
        return CameraSource(source, "http", source)
    if lower.startswith("video=") and len(source) > len("video="):
        return CameraSource(source, "dshow", source, "dshow")
    if lower.startswith("lavfi:") and len(source) > len("lavfi:"):
        return CameraSource(source, "lavfi", source[len("lavfi:") :], "lavfi")
    raise CameraProblem(said("bad_source", repr(text)))


DEFAULT_PORTS = {"rtsp": 554, "rtsps": 322, "http": 80, "https": 443}


def camera_identity(
    source: str | CameraSource, realpath: Callable[[str], str] | None = None
) -> str:
    """The camera ``source`` names, whichever way it was written: two sources with one
    identity are one camera. A URL keeps its scheme, host (lower case) and port (the
    scheme's own when none is written), its path without a trailing ``/`` and its
    query, but not its user and password; a device is the node its path resolves
    to (``realpath``: a ``/dev/v4l/by-id/...`` link is its ``/dev/videoN``, on the
    computer that asks); a DirectShow name and a filter graph are taken as written.
    A ``CameraProblem`` for what is no SOURCE."""
    if isinstance(source, str):
        source = parse_source(source)
    if source.kind == "v4l2":
        return (realpath or os.path.realpath)(source.url)
    if source.kind in ("rtsp", "http"):
        return _url_identity(source.url)
    prefix = "video=" if source.kind == "dshow" else "lavfi:"
    return prefix + source.text[len(prefix) :]


def identity_or_text(text: str) -> str:
    """``camera_identity`` of ``text``, or ``text`` itself when it is no SOURCE (a
    value stored before it was checked): for comparing what stations have."""
    try:
        return camera_identity(text)
    except CameraProblem:
        return text


def _url_identity(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    try:
        port = parts.port
    except ValueError:  # (a port that is no number: the address as written, less the user)
        host, port = parts.netloc.rpartition("@")[2].lower(), None
    else:
        host = f"[{host}]" if ":" in host else host  # (an IPv6 address)
        port = port if port is not None else DEFAULT_PORTS.get(scheme)
    address = host if port is None else f"{host}:{port}"
    query = f"?{parts.query}" if parts.query else ""
    return f"{scheme}://{address}{parts.path.rstrip('/')}{query}"


@dataclass(frozen=True)
class CameraInfo:
    """A camera device found on this computer."""

    source: str  # what ``cameras set --source`` takes
    name: str
    capture: bool  # a picture node (a UVC camera has a second node for metadata)


def list_devices(sys_root: Path = Path("/sys/class/video4linux")) -> list[CameraInfo]:
    """The V4L2 devices on Linux, by their number; [] elsewhere and when there are none.
    (DirectShow names on Windows are listed by ``ffmpeg -list_devices true -f dshow``;
    PyAV does not list them.)"""
    if not sys_root.is_dir():
        return []
    found = []
    for node in sys_root.iterdir():
        if not re.fullmatch(r"video\d+", node.name):
            continue
        name = _read(node / "name") or node.name
        # the first node of a device (index 0) gives pictures; the next, metadata
        found.append(CameraInfo(f"/dev/{node.name}", name, _read(node / "index") in ("", "0")))
    return sorted(found, key=lambda c: int(c.source.removeprefix("/dev/video")))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def _platform_allows(source: CameraSource) -> None:
    system = platform.system()
    needs = {"v4l2": "Linux", "dshow": "Windows"}.get(source.kind)
    if needs is not None and system != needs:
        raise CameraProblem(said("wrong_platform", source.text, needs, system or "?"))
    if source.kind == "v4l2" and not os.path.exists(source.url):
        raise CameraProblem(said("no_device", source.text))


class CameraStream:
    """An open camera: ``frames()`` yields decoded pictures (``av.VideoFrame``) until
    ``close()``; a wait longer than ``read_timeout`` raises ``CameraProblem``."""

    def __init__(self, source: CameraSource, container: Any, read_timeout: float) -> None:
        self.source = source
        self._container = container
        self._stream = container.streams.video[0]
        self._stream.thread_type = "AUTO"  # decode MJPEG/H.264 on FFmpeg's threads
        self._read_timeout = read_timeout
        rate = self._stream.average_rate or self._stream.guessed_rate
        self.rate = float(rate) if rate else float(DEFAULT_RATE)
        self.width = int(self._stream.codec_context.width or 0)
        self.height = int(self._stream.codec_context.height or 0)

    def frames(self) -> Iterator[Any]:
        started = time.monotonic()
        first_time: float | None = None
        try:
            for frame in self._container.decode(self._stream):
                if not self.source.live and frame.time is not None:
                    # a filter graph runs as fast as it can: give its pictures at their time
                    first_time = frame.time if first_time is None else first_time
                    wait = started + (frame.time - first_time) - time.monotonic()
                    if wait > 0:
                        time.sleep(wait)
                self.width, self.height = frame.width, frame.height
                yield frame
        except av.error.ExitError as exc:  # the interrupt callback: a read timed out
            raise CameraProblem(
                said("no_pictures", self.source.text, f"{self._read_timeout:g}")
            ) from exc
        except (av.error.FFmpegError, OSError) as exc:
            raise CameraProblem(said("stream_ended", self.source.text, reason_of(exc))) from exc
        raise CameraProblem(said("stream_ended", self.source.text, "the stream ended"))

    def close(self) -> None:
        self._container.close()

    def __enter__(self) -> CameraStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_camera(
    source: CameraSource | str,
    *,
    size: tuple[int, int] = DEFAULT_SIZE,
    rate: int = DEFAULT_RATE,
    open_timeout: float = OPEN_TIMEOUT_S,
    read_timeout: float = READ_TIMEOUT_S,
) -> CameraStream:
    """Open ``source``; a device is asked for ``size`` and ``rate`` (a network camera
    and a filter graph give what they give). ``CameraProblem`` in words if it does not
    open within ``open_timeout`` seconds."""
    if isinstance(source, str):
        source = parse_source(source)
    _platform_allows(source)
    attempts = [dict(source.options)]
    if source.kind in ("v4l2", "dshow"):
        asked = {"video_size": f"{size[0]}x{size[1]}", "framerate": str(rate)}
        mjpeg = "input_format" if source.kind == "v4l2" else "vcodec"
        attempts = [{**asked, mjpeg: "mjpeg"}, asked, {}]
    last: Exception | None = None
    for options in attempts:
        try:
            container = av.open(
                source.url,
                format=source.input_format,
                options=options,
                timeout=(open_timeout, read_timeout),
            )
        except av.error.ExitError as exc:
            raise CameraProblem(
                said("does_not_open", source.text, f"no answer in {open_timeout:g} s")
            ) from exc
        except (av.error.FFmpegError, OSError) as exc:
            last = exc
            continue
        if not container.streams.video:
            container.close()
            raise CameraProblem(said("does_not_open", source.text, "it gives no video"))
        return CameraStream(source, container, read_timeout)
    assert last is not None
    if getattr(last, "errno", None) == errno.EBUSY:  # opened already, elsewhere
        raise CameraProblem(said("in_use", source.text)) from last
    raise CameraProblem(said("does_not_open", source.text, reason_of(last))) from last


def reason_of(exc: Exception) -> str:
    """FFmpeg's words for a failure, without the URL it repeats."""
    if isinstance(exc, av.error.FFmpegError):
        return str(exc.strerror or exc).strip() or type(exc).__name__
    return str(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)


@dataclass(frozen=True)
class CameraTest:
    source: str
    width: int
    height: int
    frames: int
    seconds: float
    still: Path | None

    @property
    def fps(self) -> float:
        return self.frames / self.seconds if self.seconds > 0 else 0.0


def test_camera(source: str, *, seconds: float = 2.0, still: Path | None = None) -> CameraTest:
    """Open ``source``, read it for ``seconds``, measure its picture rate, and write the
    last picture as a JPEG still to ``still``."""
    with open_camera(source) as camera:
        started = time.monotonic()
        count, last = 0, None
        first_at: float | None = None
        for frame in camera.frames():
            now = time.monotonic()
            first_at = now if first_at is None else first_at
            count, last = count + 1, frame
            if now - started >= seconds:
                break
        assert last is not None and first_at is not None
        took = time.monotonic() - first_at
        if still is not None:
            still.parent.mkdir(parents=True, exist_ok=True)
            last.to_image().save(still, "JPEG", quality=90)
        # pictures after the first, over the time from the first to the last
        return CameraTest(source, last.width, last.height, count - 1, took, still)


test_camera.__test__ = False  # type: ignore[attr-defined]  # (not a pytest test)
