"""A CUPS queue, the job sent raw through ``lp -o raw``. CUPS raw queues are
deprecated upstream; the direct transports come first, this is for machines where
the printer is already set up in CUPS.

``cups://QUEUE`` uses the CUPS that ``lp`` finds by itself (this machine's, or the one
named by ``CUPS_SERVER`` or ``client.conf``); ``cups://QUEUE?server=HOST[:PORT]``
names a print server. A job is sent once CUPS has taken it: a queue that is stopped
(``cupsdisable``) still takes jobs and holds them until it is started again, so they
print then. A queue that refuses jobs (``cupsreject``), a queue that does not exist and
a CUPS that is not running are errors in plain words.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from printers.errors import TransportError
from printers.transports.base import DEFAULT_TIMEOUT, Complete, cannot_query


@dataclass
class CupsTransport:
    queue: str
    timeout: float = DEFAULT_TIMEOUT
    server: str | None = None  # HOST[:PORT] of a print server; None: lp's own choice

    @property
    def uri(self) -> str:
        return f"cups://{self.queue}" + (f"?server={self.server}" if self.server else "")

    def _server_args(self) -> list[str]:
        return ["-h", self.server] if self.server else []

    def send(self, data: bytes, *, title: str = "packdesk job") -> None:
        lp = shutil.which("lp")
        if lp is None:
            raise TransportError("CUPS is not installed here (no 'lp' command).")
        try:
            done = subprocess.run(
                [lp, *self._server_args(), "-d", self.queue, "-o", "raw", "-t", title],
                input=data,
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise TransportError(f"CUPS did not take the job within {self.timeout:g} s.") from exc
        if done.returncode != 0:
            reason = done.stderr.decode(errors="replace").strip() or f"exit {done.returncode}"
            raise TransportError(self._why_refused(reason))

    def _why_refused(self, reason: str) -> str:
        """Words for a job ``lp`` would not hand over. ``lp`` says "the printer does not
        exist" both for a wrong name and when CUPS is not running, so ask ``lpstat``."""
        where = self.server or os.environ.get("CUPS_SERVER") or "this machine"
        running = self._lpstat("-r")
        if running is None:  # no lpstat to ask: lp's own words
            return f"CUPS refused the job for queue {self.queue!r}: {reason}"
        if "not running" in running:
            return (
                f"CUPS is not running on {where}: start it (systemctl start cups) "
                "or check the print server's name."
            )
        listed = self._lpstat("-e")
        queues = listed.split() if listed is not None else [self.queue]
        name = self.queue.split("/")[0].lower()  # CUPS names ignore case; QUEUE/INSTANCE
        if name not in (q.lower() for q in queues):
            known = f"its queues: {', '.join(queues)}" if queues else "it has no queues"
            return f"CUPS on {where} has no queue named {self.queue!r}: check the name ({known})."
        if "not accepting" in (self._lpstat("-a", self.queue) or ""):
            return (
                f"CUPS queue {self.queue!r} is not accepting jobs: "
                f"'cupsaccept {self.queue}' on {where} lets it take jobs again."
            )
        return f"CUPS refused the job for queue {self.queue!r}: {reason}"

    def _lpstat(self, *args: str) -> str | None:
        """What ``lpstat`` says, in English (the words are compared); None if it
        cannot be asked."""
        lpstat = shutil.which("lpstat")
        if lpstat is None:
            return None
        try:
            done = subprocess.run(
                [lpstat, *self._server_args(), *args],
                capture_output=True,
                timeout=self.timeout,
                check=False,
                env={**os.environ, "LC_ALL": "C"},
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.decode(errors="replace")

    def query(self, request: bytes, complete: Complete, timeout: float) -> bytes:
        return cannot_query(self.uri)
