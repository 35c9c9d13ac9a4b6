"""A Windows printer through the spooler, job datatype RAW (win32print, Windows only)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from printers.errors import TransportError
from printers.transports.base import Complete, cannot_query


@dataclass
class WindowsTransport:
    printer: str

    @property
    def uri(self) -> str:
        return f"windows://{self.printer}"

    def send(self, data: bytes, *, title: str = "packdesk job") -> None:
        if sys.platform != "win32":
            raise TransportError("windows:// printers work only on Windows.")
        import win32print  # pywin32, Windows only

        api: Any = win32print
        try:
            handle = api.OpenPrinter(self.printer)
        except Exception as exc:  # pywintypes.error
            raise TransportError(f"Windows has no printer named {self.printer!r}.") from exc
        try:
            api.StartDocPrinter(handle, 1, (title, None, "RAW"))
            try:
                api.StartPagePrinter(handle)
                written = api.WritePrinter(handle, data)
                api.EndPagePrinter(handle)
            finally:
                api.EndDocPrinter(handle)
        except Exception as exc:
            raise TransportError(f"The Windows spooler refused the job: {exc}.") from exc
        finally:
            api.ClosePrinter(handle)
        if written != len(data):
            raise TransportError(f"Only {written} of {len(data)} bytes reached {self.printer}.")

    def query(self, request: bytes, complete: Complete, timeout: float) -> bytes:
        return cannot_query(self.uri)
