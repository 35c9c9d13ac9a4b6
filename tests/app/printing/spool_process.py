"""A program of its own that runs a print service for one printer, as a second window
or ``packdesk scan`` would: ``python -m tests.app.printing.spool_process URL PRINTER_ID
LEASE STOP_MARK``.

It sends through the real transports. The first program to send a job whose bytes
hold ``STOP_MARK`` creates the file named by the environment variable
``PACKDESK_TEST_STOPPED`` (holding its pid) and stops right after the last byte, before
the job is recorded as done: it hangs there until killed, like a program that crashed
between the printer and the database. It prints ``ready`` once its worker runs.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from app import db
from app.printing.config import PrintingConfig
from app.printing.print_service import PrintService
from printers.transports import Transport, open_transport
from printers.transports.base import Complete


class StopsAfterMark:
    def __init__(self, inner: Transport, mark: bytes, flag: Path) -> None:
        self.inner = inner
        self.mark = mark
        self.flag = flag

    @property
    def uri(self) -> str:
        return self.inner.uri

    def send(self, data: bytes, *, title: str = "packdesk job") -> None:
        self.inner.send(data, title=title)
        if self.mark in data:
            try:
                fd = os.open(self.flag, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                return  # the stop happened once already: this is the retry
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
            threading.Event().wait()  # until killed

    def query(self, request: bytes, complete: Complete, timeout: float) -> bytes:
        return self.inner.query(request, complete, timeout)


def main() -> None:
    url, printer_id, lease, mark = sys.argv[1:5]
    flag = Path(os.environ["PACKDESK_TEST_STOPPED"])

    def transport(uri: str, previews: Path) -> Transport:
        return StopsAfterMark(open_transport(uri, preview_folder=previews), mark.encode(), flag)

    engine = db.make_engine(url)
    service = PrintService(
        engine,
        config=PrintingConfig(preview_folder=str(flag.parent / "previews")),
        transport_factory=transport,
        backoff=(0.05, 0.1),
        lease=float(lease),
    )
    service.wake({int(printer_id)})
    print("ready", flush=True)
    threading.Event().wait()  # until killed


if __name__ == "__main__":
    main()
