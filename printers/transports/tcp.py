"""Raw TCP, port 9100 (JetDirect / AppSocket): what network label printers speak."""

from __future__ import annotations

import errno
import socket
import time
from dataclasses import dataclass

from printers.errors import TransportError
from printers.transports.base import DEFAULT_TIMEOUT, Complete

CHUNK = 64 * 1024
CLOSE_WAIT = 3.0  # seconds to wait for the printer to close after the last byte


@dataclass
class TcpTransport:
    host: str
    port: int = 9100
    timeout: float = DEFAULT_TIMEOUT

    @property
    def uri(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    def _connect(self) -> socket.socket:
        where = f"{self.host}:{self.port}"
        try:
            return socket.create_connection((self.host, self.port), timeout=self.timeout)
        except socket.gaierror as exc:
            raise TransportError(
                f"Unknown printer host {self.host!r}: check its name or IP address."
            ) from exc
        except ConnectionRefusedError as exc:
            raise TransportError(
                f"The printer at {where} refused the connection: is it on, and is "
                f"{self.port} its raw port?"
            ) from exc
        except TimeoutError as exc:
            raise TransportError(
                f"The printer at {where} did not answer within {self.timeout:g} s: "
                "is it on and on the network?"
            ) from exc
        except OSError as exc:
            raise TransportError(
                f"Cannot reach the printer at {where}: {exc.strerror or exc}."
            ) from exc

    def send(self, data: bytes, *, title: str = "packdesk job") -> None:
        sock = self._connect()
        sent = 0
        try:
            view = memoryview(data)
            while sent < len(data):
                sent += sock.send(view[sent : sent + CHUNK])
            sock.shutdown(socket.SHUT_WR)
            self._wait_for_close(sock)
        except TimeoutError as exc:
            raise TransportError(
                f"The printer at {self.host}:{self.port} stopped taking data after {sent} of "
                f"{len(data)} bytes (nothing for {self.timeout:g} s): is it paused or out of paper?"
            ) from exc
        except OSError as exc:
            if exc.errno not in (errno.EPIPE, errno.ECONNRESET, errno.ECONNABORTED, errno.ENOTCONN):
                raise TransportError(
                    f"Sending to {self.uri} failed: {exc.strerror or exc}."
                ) from exc
            if sent == len(data):
                raise TransportError(
                    f"The printer at {self.host}:{self.port} dropped the connection before "
                    "taking the job (switched off?); the job will be sent again."
                ) from exc
            raise TransportError(
                f"The printer at {self.host}:{self.port} closed the connection after {sent} of "
                f"{len(data)} bytes; the job will be sent again."
            ) from exc
        finally:
            sock.close()

    def _wait_for_close(self, sock: socket.socket) -> None:
        """After the last byte, wait for the printer to close its side, as CUPS's
        socket backend does (``waiteof``): the kernel takes a whole label into its
        buffers at once, so a printer switched off (or a connection reset) just then
        only shows here, as a reset instead of a close, and the job is sent again.
        A printer that keeps the line open after the job is taken to have it."""
        sock.settimeout(min(self.timeout, CLOSE_WAIT))
        try:
            while sock.recv(4096):  # a back channel's chatter, if any: not needed
                pass
        except TimeoutError:
            pass

    def query(self, request: bytes, complete: Complete, timeout: float) -> bytes:
        sock = self._connect()
        answer = b""
        try:
            sock.sendall(request)
            deadline = time.monotonic() + timeout
            while not complete(answer):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                sock.settimeout(left)
                try:
                    chunk = sock.recv(4096)
                except TimeoutError:
                    break
                if not chunk:
                    break
                answer += chunk
        except OSError as exc:
            raise TransportError(
                f"Asking {self.uri} for its status failed: {exc.strerror or exc}."
            ) from exc
        finally:
            sock.close()
        return answer
