"""A printer's device file: Linux USB printer class (``/dev/usb/lp0``), parallel ports.

Written without blocking, so a printer that is off or out of paper makes the job fail
after the timeout instead of hanging the worker for ever."""

from __future__ import annotations

import errno
import os
import select
import time
from dataclasses import dataclass

from printers.errors import TransportError
from printers.transports.base import DEFAULT_TIMEOUT, Complete


@dataclass
class DeviceTransport:
    path: str
    timeout: float = DEFAULT_TIMEOUT

    @property
    def uri(self) -> str:
        return f"usb://{self.path}"

    def _open(self, flags: int) -> int:
        try:
            return os.open(self.path, flags | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        except FileNotFoundError as exc:
            raise TransportError(
                f"No printer at {self.path}: is it plugged in and switched on?"
            ) from exc
        except PermissionError as exc:
            raise TransportError(
                f"No permission to write to {self.path}: add this user to the 'lp' group."
            ) from exc
        except OSError as exc:
            raise TransportError(f"Cannot open {self.path}: {exc.strerror or exc}.") from exc

    def send(self, data: bytes, *, title: str = "packdesk job") -> None:
        fd = self._open(os.O_WRONLY)
        sent = 0
        try:
            while sent < len(data):
                _, ready, _ = select.select([], [fd], [], self.timeout)
                if not ready:
                    raise TransportError(
                        f"The printer at {self.path} took nothing for {self.timeout:g} s after "
                        f"{sent} of {len(data)} bytes: is it on, paused or out of paper?"
                    )
                try:
                    sent += os.write(fd, data[sent : sent + 65536])
                except BlockingIOError:
                    continue
                except OSError as exc:
                    if exc.errno == errno.ENOSPC:
                        raise TransportError(f"{self.path} is full (no space left).") from exc
                    raise TransportError(
                        f"Writing to {self.path} failed after {sent} bytes: {exc.strerror}."
                    ) from exc
        finally:
            os.close(fd)

    def query(self, request: bytes, complete: Complete, timeout: float) -> bytes:
        fd = self._open(os.O_RDWR)
        answer = b""
        try:
            os.write(fd, request)
            deadline = time.monotonic() + timeout
            while not complete(answer):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                ready, _, _ = select.select([fd], [], [], left)
                if not ready:
                    break
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                answer += chunk
        except OSError as exc:
            raise TransportError(f"Asking {self.path} for its status failed: {exc}.") from exc
        finally:
            os.close(fd)
        return answer
