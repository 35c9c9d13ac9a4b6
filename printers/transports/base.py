"""What every transport is: something that takes a job's bytes to a printer and, where
the wire goes both ways, asks it a question and collects the answer.

Transports are dumb: they never render, never retry (the spool does), and every one
of them gives up after a timeout with a ``TransportError`` in words for people.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

DEFAULT_TIMEOUT = 10.0  # seconds for connecting and for each write
Complete = Callable[[bytes], bool]  # has the whole answer arrived?


class Transport(Protocol):
    @property
    def uri(self) -> str: ...

    def send(self, data: bytes, *, title: str = "packdesk job") -> None:
        """Deliver ``data``; return only once every byte was written."""

    def query(self, request: bytes, complete: Complete, timeout: float) -> bytes:
        """Send ``request`` and return what came back within ``timeout`` (possibly
        nothing, or a partial answer: the caller decides what that means)."""


def cannot_query(uri: str) -> bytes:
    from printers.errors import TransportError

    raise TransportError(f"{uri} only takes jobs; it cannot report the printer's status.")
