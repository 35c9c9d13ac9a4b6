"""A serial cable for tests: socat joining two pseudo-terminals.

``device`` is the port the application opens, ``far`` the scanner's end the test
writes to; stopping socat is pulling the cable, starting it again plugs it back in
under the same name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

needs_socat = pytest.mark.skipif(
    shutil.which("socat") is None, reason="socat is installed by make test"
)


def wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


class Cable:
    """socat joining two pseudo-terminals; stopping socat is pulling the cable."""

    def __init__(self, folder: Path) -> None:
        self.device = folder / "ttyScanner"
        self.far = folder / "ttyFar"
        self.proc: subprocess.Popen[bytes] | None = None

    def plug(self) -> None:
        self.proc = subprocess.Popen(
            ["socat", f"pty,raw,echo=0,link={self.device}", f"pty,raw,echo=0,link={self.far}"],
            stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: self.device.exists() and self.far.exists())

    def unplug(self) -> None:
        assert self.proc is not None
        self.proc.terminate()
        self.proc.wait(5)
        wait_for(lambda: not self.device.exists())

    def send(self, data: bytes) -> None:
        with open(self.far, "wb", buffering=0) as far:
            far.write(data)


@pytest.fixture
def cable(tmp_path: Path) -> Iterator[Cable]:
    c = Cable(tmp_path)
    c.plug()
    yield c
    if c.proc and c.proc.poll() is None:
        c.proc.terminate()


class PlayedScale:
    """The far end of the cable, sending ``line`` ten times a second (what it sends
    is changed by setting ``line``), and keeping what it is sent."""

    def __init__(self, cable: Cable, line: str) -> None:
        self.cable, self.line = cable, line
        self.received = bytearray()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                fd = os.open(self.cable.far, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
            except OSError:  # unplugged
                time.sleep(0.05)
                continue
            try:
                while not self._stop.is_set():
                    os.write(fd, f"{self.line}\r\n".encode())
                    with contextlib.suppress(BlockingIOError):
                        self.received += os.read(fd, 100)
                    time.sleep(0.1)
            except OSError:
                pass
            finally:
                os.close(fd)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)
