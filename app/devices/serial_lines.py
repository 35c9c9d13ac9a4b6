"""Read lines from a serial device (a serial or USB-CDC scanner) on a thread of its own,
and keep reading across unplugging.

The reader opens the port, reads whatever arrives, and hands every complete line
(ended by CR, LF or CR LF) to ``on_line``. When the port goes away (unplugged, a
cable pulled, the driver reset) it says so through ``on_status``, drops the partial
line it was holding (half a barcode must never count), and tries again every
``retry_s`` seconds until the port is back. No Qt: the window wraps it in signals,
and it can be used from the CLI or a test alike.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import serial

log = logging.getLogger(__name__)

MAX_LINE = 4096  # a line longer than this is noise, not a scan


@dataclass(frozen=True)
class PortStatus:
    port: str
    connected: bool
    detail: str  # plain words: "connected at 9600 baud", "unplugged: ...", ...


class SerialLineReader:
    def __init__(
        self,
        port: str,
        *,
        on_line: Callable[[str], None],
        on_status: Callable[[PortStatus], None],
        baudrate: int = 9600,
        retry_s: float = 1.0,
        encoding: str = "utf-8",
        greeting: bytes = b"",
    ) -> None:
        self.port = port
        self.baudrate = baudrate
        self.retry_s = retry_s
        self.encoding = encoding
        self.greeting = greeting  # sent each time the port opens (a scale's "send weights")
        self._link: serial.SerialBase | None = None
        self._on_line = on_line
        self._on_status = on_status
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"serial {port}", daemon=True)
        self.status = PortStatus(port, False, "not started")

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def send(self, data: bytes) -> bool:
        """Write ``data`` to the device if it is connected; whether it was written."""
        link = self._link
        if link is None:
            return False
        try:
            link.write(data)
        except (serial.SerialException, OSError):
            return False
        return True

    def _say(self, connected: bool, detail: str) -> None:
        status = PortStatus(self.port, connected, detail)
        if status != self.status:
            self.status = status
            self._on_status(status)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                with serial.serial_for_url(self.port, self.baudrate, timeout=0.2) as link:
                    self._say(True, f"connected at {self.baudrate} baud")
                    if self.greeting:
                        link.write(self.greeting)
                    self._link = link
                    try:
                        self._read(link)
                    finally:
                        self._link = None
            except (serial.SerialException, OSError, ValueError) as exc:
                why = str(exc).strip() or type(exc).__name__
                connected_before = self.status.connected
                self._say(False, ("unplugged: " if connected_before else "not available: ") + why)
            if not self._stop.is_set():
                self._stop.wait(self.retry_s)
        self._say(False, "stopped")

    def _read(self, link: serial.SerialBase) -> None:
        pending = bytearray()
        while not self._stop.is_set():
            chunk = link.read(link.in_waiting or 1)
            if not chunk:
                continue
            pending += chunk
            while True:
                cut = min(
                    (i for i in (pending.find(b"\r"), pending.find(b"\n")) if i >= 0), default=-1
                )
                if cut < 0:
                    break
                raw, pending = bytes(pending[:cut]), pending[cut + 1 :]
                if raw:
                    self._line(raw)
            if len(pending) > MAX_LINE:
                log.warning(
                    "serial %s: %d bytes without a line end dropped", self.port, len(pending)
                )
                pending.clear()

    def _line(self, raw: bytes) -> None:
        try:
            text = raw.decode(self.encoding)
        except UnicodeDecodeError:
            text = raw.decode("latin-1")  # the engine refuses what is not a code
        self._on_line(text)
