"""A shipping scale on a serial port (or USB serial), read on a thread of its own.

Lines from the port (``SerialLineReader``: unplugging and plugging back in are
survived and said) are read as the station's protocol says
(``app.shipping.scale_protocols``); each settled weight (``app.shipping.settling``)
goes to ``on_weight``, every reading to ``on_reading`` (the live display), and what
the packer should know to ``on_note`` in plain words: connected, unplugged, what the
scale reports instead of a weight, and lines that are no weight of that protocol
(a wrong protocol or baud rate). No Qt: the window wraps it in signals.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

from app.devices.serial_lines import PortStatus, SerialLineReader
from app.shipping import scale_protocols
from app.shipping.scale_protocols import Reading, ScaleFault
from app.shipping.settling import WINDOW_S, SettledWeight, Settling

# this many lines in a row that are no weight: the protocol or the baud rate is wrong
UNREADABLE_IN_A_ROW = 20
# how the zero and tare commands are sent to a scale that takes them
_ZERO = {"mt-sics": b"Z\r\n"}
_TARE = {"mt-sics": b"T\r\n"}


class ScaleReader:
    def __init__(
        self,
        port: str,
        protocol: str,
        *,
        on_weight: Callable[[SettledWeight], None],
        on_note: Callable[[str], None],
        on_reading: Callable[[Reading], None] = lambda _reading: None,
        baudrate: int = 9600,
        window: float = WINDOW_S,
        resolution: Decimal | None = None,
        clock: Callable[[], float] = time.monotonic,
        retry_s: float = 1.0,
    ) -> None:
        if protocol not in scale_protocols.PROTOCOLS:
            raise ValueError(
                f"unknown scale protocol {protocol!r}; "
                f"one of {', '.join(scale_protocols.PROTOCOLS)}"
            )
        self.protocol = protocol
        self.settling = Settling(window=window, resolution=resolution)
        self._on_weight, self._on_note, self._on_reading = on_weight, on_note, on_reading
        self._clock = clock
        self._unreadable = 0
        self._fault: str | None = None
        self.lines = SerialLineReader(
            port,
            on_line=self._line,
            on_status=self._port,
            baudrate=baudrate,
            retry_s=retry_s,
            greeting=scale_protocols.GREETING.get(protocol, b""),
            encoding="ascii",
        )

    def start(self) -> None:
        self.lines.start()

    def stop(self) -> None:
        self.lines.stop()

    @property
    def takes_commands(self) -> bool:
        """Whether the scale can be zeroed and tared from here (MT-SICS)."""
        return self.protocol in _ZERO

    def zero(self) -> bool:
        """Ask the scale to zero itself (MT-SICS); whether the scale takes the command."""
        command = _ZERO.get(self.protocol)
        return command is not None and self.lines.send(command)

    def tare(self) -> bool:
        """Ask the scale to take what is on it as its tare (MT-SICS): an empty box or a
        tray weighed as nothing; whether the scale takes the command."""
        command = _TARE.get(self.protocol)
        return command is not None and self.lines.send(command)

    def _port(self, status: PortStatus) -> None:
        if not status.connected:
            self.settling.reset()  # a weight half-read before the cable went counts nothing
        self._on_note(f"scale {status.port}: {status.detail}")

    def _line(self, line: str) -> None:
        said = scale_protocols.parse(self.protocol, line)
        if said is None:
            self._unreadable += 1
            if self._unreadable == UNREADABLE_IN_A_ROW:
                self._on_note(
                    f"the scale sends lines that are no {self.protocol} weight "
                    f"(such as {line[:40]!r}): check the scale's protocol and baud rate"
                )
            return
        self._unreadable = 0
        if isinstance(said, ScaleFault):
            self.settling.reset()
            if said.words != self._fault:
                self._fault = said.words
                self._on_note(f"scale: {said.words}")
            return
        self._fault = None
        self._on_reading(said)
        settled = self.settling.feed(said, self._clock())
        if settled is not None:
            self._on_weight(settled)
