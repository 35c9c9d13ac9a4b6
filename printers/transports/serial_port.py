"""Serial printers through pyserial (9600 8N1 is the usual setting)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from printers.errors import TransportError
from printers.transports.base import DEFAULT_TIMEOUT, Complete


@dataclass
class SerialTransport:
    port: str
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    rtscts: bool = False
    xonxoff: bool = False
    timeout: float = DEFAULT_TIMEOUT

    @property
    def uri(self) -> str:
        return f"serial://{self.port}?baudrate={self.baudrate}"

    def _open(self) -> object:
        import serial

        try:
            return serial.Serial(
                self.port,
                baudrate=self.baudrate,
                bytesize=self.bytesize,
                parity=self.parity,
                stopbits=self.stopbits,
                rtscts=self.rtscts,
                xonxoff=self.xonxoff,
                timeout=self.timeout,
                write_timeout=self.timeout,
            )
        except (serial.SerialException, ValueError, OSError) as exc:
            raise TransportError(
                f"Cannot open serial port {self.port}: {exc}. Is the printer plugged in, and "
                "is this the right port?"
            ) from exc

    def send(self, data: bytes, *, title: str = "packdesk job") -> None:
        import serial

        port = self._open()
        assert isinstance(port, serial.Serial)
        try:
            written = port.write(data) or 0
            port.flush()
        except serial.SerialTimeoutException as exc:
            raise TransportError(
                f"The printer on {self.port} stopped taking data for {self.timeout:g} s: is it "
                "on, paused or out of paper?"
            ) from exc
        except (serial.SerialException, OSError) as exc:
            raise TransportError(f"Writing to serial port {self.port} failed: {exc}.") from exc
        finally:
            port.close()
        if written != len(data):
            raise TransportError(f"Only {written} of {len(data)} bytes reached {self.port}.")

    def query(self, request: bytes, complete: Complete, timeout: float) -> bytes:
        import serial

        port = self._open()
        assert isinstance(port, serial.Serial)
        answer = b""
        try:
            port.reset_input_buffer()
            port.write(request)
            port.flush()
            deadline = time.monotonic() + timeout
            while not complete(answer) and time.monotonic() < deadline:
                port.timeout = max(0.01, min(0.1, deadline - time.monotonic()))
                answer += port.read(port.in_waiting or 1)
        except (serial.SerialException, OSError) as exc:
            raise TransportError(f"Asking {self.port} for its status failed: {exc}.") from exc
        finally:
            port.close()
        return answer
