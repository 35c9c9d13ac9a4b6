"""A stand-in for a networked Zebra, for demos and tests: it listens on raw TCP, keeps
every job as a file in a folder and answers ``~HS`` (and TSPL ``ESC !?``).

"Paper out" is reported when started with ``paper_out=True`` or while a file named
``PAPER-OUT`` exists in the output folder (touch it and remove it to play the part of
an operator changing the roll). Like a real printer it still takes jobs into its
buffer while out of paper.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import socket
import socketserver
import threading
from collections.abc import Callable
from pathlib import Path

from printers.status import HOST_STATUS, TSPL_STATUS, host_status_answer
from printers.transports.folder import extension

PAPER_OUT_FLAG = "PAPER-OUT"
IDLE_TIMEOUT = 30.0  # seconds a silent connection is kept open


class VirtualPrinter:
    def __init__(
        self,
        out: Path,
        host: str = "127.0.0.1",
        port: int = 9100,
        *,
        paper_out: bool = False,
        on_job: Callable[[Path], None] | None = None,
    ) -> None:
        self.out = out
        self.paper_out_from_start = paper_out
        self.on_job = on_job
        self._seq = itertools.count(self._next_number())
        self._lock = threading.Lock()
        self.out.mkdir(parents=True, exist_ok=True)
        printer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                printer._serve(self.request)

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server((host, port), Handler)
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.server.server_address[:2]
        return str(host), int(port)

    @property
    def uri(self) -> str:
        host, port = self.address
        return f"tcp://{host}:{port}"

    @property
    def paper_out(self) -> bool:
        return self.paper_out_from_start or (self.out / PAPER_OUT_FLAG).exists()

    def jobs(self) -> list[Path]:
        return sorted(p for p in self.out.glob("job-*") if p.is_file())

    def _next_number(self) -> int:
        numbers = [int(p.name[4:10]) for p in self.out.glob("job-*") if p.name[4:10].isdigit()]
        return max(numbers, default=0) + 1

    def _answer(self, data: bytes, conn: socket.socket) -> bytes:
        """Answer status requests in ``data`` and return the rest (the job)."""
        while HOST_STATUS in data:
            conn.sendall(host_status_answer(paper_out=self.paper_out))
            data = data.replace(HOST_STATUS, b"", 1)
        while TSPL_STATUS in data:
            conn.sendall(bytes([0x04 if self.paper_out else 0x00]))
            data = data.replace(TSPL_STATUS, b"", 1)
        return data

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(IDLE_TIMEOUT)
        job = b""
        pending = b""
        try:
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    break
                pending += chunk
                # keep a possible partial "~HS" / "ESC !?" for the next chunk
                keep = 2 if pending.endswith((b"~", b"~H", b"\x1b", b"\x1b!")) else 0
                ready, pending = pending[: len(pending) - keep], pending[len(pending) - keep :]
                job += self._answer(ready, conn)
        except OSError:
            pass  # closed or timed out: keep what arrived
        job += pending
        if job.strip():
            self._store(job)

    def _store(self, job: bytes) -> None:
        with self._lock:
            number = next(self._seq)
        target = self.out / f"job-{number:06d}.{extension(job)}"
        partial = self.out / f".job-{number:06d}.partial"
        partial.write_bytes(job)
        os.replace(partial, target)
        if self.on_job is not None:
            self.on_job(target)

    def start(self) -> VirtualPrinter:
        """Serve on a background thread (tests, demos)."""
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.server.serve_forever()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> VirtualPrinter:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):
            self.stop()
