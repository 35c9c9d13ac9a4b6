"""A CUPS queue, the job sent raw through ``lp -o raw``. CUPS raw queues are
deprecated upstream; the direct transports come first, this is for machines where
the printer is already set up in CUPS."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from printers.errors import TransportError
from printers.transports.base import DEFAULT_TIMEOUT, Complete, cannot_query


@dataclass
class CupsTransport:
    queue: str
    timeout: float = DEFAULT_TIMEOUT

    @property
    def uri(self) -> str:
        return f"cups://{self.queue}"

    def send(self, data: bytes, *, title: str = "packdesk job") -> None:
        lp = shutil.which("lp")
        if lp is None:
            raise TransportError("CUPS is not installed here (no 'lp' command).")
        try:
            done = subprocess.run(
                [lp, "-d", self.queue, "-o", "raw", "-t", title],
                input=data,
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise TransportError(f"CUPS did not take the job within {self.timeout:g} s.") from exc
        if done.returncode != 0:
            reason = done.stderr.decode(errors="replace").strip() or f"exit {done.returncode}"
            raise TransportError(f"CUPS refused the job for queue {self.queue!r}: {reason}")

    def query(self, request: bytes, complete: Complete, timeout: float) -> bytes:
        return cannot_query(self.uri)
