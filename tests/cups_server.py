"""A private CUPS scheduler for tests: its own ``cupsd`` on a free 127.0.0.1 port, with
its configuration, spool, cache, state and logs in a temporary folder. It neither needs
nor touches the machine's CUPS (no /etc/cups, /var/spool/cups, /run/cups, printcap);
clients reach it with ``-h`` or ``CUPS_SERVER`` set to ``server``.

As root, cupsd runs the backends as user ``lp``, as the system's does; as another user
it runs everything as that user. ``make test`` installs cups (cupsd and the socket
backend) and cups-client (lp, lpstat, lpadmin, cupsdisable).
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

START_TIMEOUT = 10.0  # seconds; it is listening in about 0.1 s


def find_tool(name: str) -> str | None:
    """A CUPS program; cupsd, lpadmin and cupsenable live in /usr/sbin, which is not on
    every user's PATH."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/local/sbin")


def require_cups() -> None:
    """Skip when CUPS is not installed here; on CI (``CI`` set) that is a failure, since
    ``make test`` installs it."""
    missing = [t for t in ("cupsd", "lpadmin", "lp", "lpstat") if find_tool(t) is None]
    if missing:
        reason = (
            f"CUPS is not installed (no {', '.join(missing)}): 'make test' installs it, "
            "or apt-get install cups cups-client"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivateCups:
    def __init__(self) -> None:
        cupsd = find_tool("cupsd")
        if cupsd is None:
            raise RuntimeError("cupsd is not installed (apt-get install cups)")
        self.cupsd = cupsd
        self.root = Path(tempfile.mkdtemp(prefix="packdesk-cups-"))
        self.root.chmod(0o755)  # backends run as lp and read the job's file in the spool
        self.conf = self.root / "conf"
        self.log = self.root / "log"
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def server(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _write_config(self) -> None:
        for name in ("conf", "spool/tmp", "cache", "state", "log"):
            (self.root / name).mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            user, group, system_group = "lp", "lp", "root"
        else:
            user = pwd.getpwuid(os.getuid()).pw_name
            group = system_group = grp.getgrgid(os.getgid()).gr_name
        r = self.root
        (self.conf / "cups-files.conf").write_text(
            f"ServerRoot {r}/conf\nRequestRoot {r}/spool\nTempDir {r}/spool/tmp\n"
            f"CacheDir {r}/cache\nStateDir {r}/state\nAccessLog {r}/log/access_log\n"
            f"ErrorLog {r}/log/error_log\nPageLog {r}/log/page_log\nPrintcap {r}/state/printcap\n"
            f"User {user}\nGroup {group}\nSystemGroup {system_group}\nFileDevice No\n"
        )
        # anyone on 127.0.0.1 may do anything: it lives for one test
        (self.conf / "cupsd.conf").write_text(
            f"LogLevel warn\nListen 127.0.0.1:{self.port}\nServerName 127.0.0.1\n"
            "ServerAlias *\nBrowsing No\nBrowseLocalProtocols none\nWebInterface No\n"
            "DefaultAuthType None\n"
            "<Policy default>\n"
            "  JobPrivateAccess all\n  JobPrivateValues none\n"
            "  SubscriptionPrivateAccess all\n  SubscriptionPrivateValues none\n"
            "  <Limit All>\n    Order deny,allow\n  </Limit>\n"
            "</Policy>\n"
        )

    def _error_log(self) -> str:
        with contextlib.suppress(OSError):
            return (self.log / "error_log").read_text(errors="replace")
        return ""

    def _listening(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
        except OSError:
            return False
        return True

    def start(self) -> str:
        """Start cupsd; return its ``host:port``. A port taken between choosing it and
        cupsd binding it is tried again with another."""
        for _attempt in range(3):
            self.port = _free_port()
            self._write_config()
            with (self.log / "stderr").open("wb") as stderr:
                self.proc = subprocess.Popen(
                    [
                        self.cupsd,
                        "-f",
                        "-c",
                        str(self.conf / "cupsd.conf"),
                        "-s",
                        str(self.conf / "cups-files.conf"),
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                )
            deadline = time.monotonic() + START_TIMEOUT
            while self.proc.poll() is None and time.monotonic() < deadline:
                if self._listening():
                    return self.server
                time.sleep(0.02)
            if self.proc.poll() is None:  # running but not listening: give up
                break
        said = (self.log / "stderr").read_text(errors="replace") + self._error_log()
        self.stop()
        raise RuntimeError(f"cupsd did not start:\n{said}")

    def run(self, tool: str, *args: str) -> str:
        """Run a CUPS client program against this scheduler; its output, or an error
        with everything it and the scheduler said."""
        path = find_tool(tool)
        assert path is not None, f"{tool} is not installed"
        done = subprocess.run(
            [path, "-h", self.server, *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            env={**os.environ, "LC_ALL": "C"},
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"{tool} {' '.join(args)}: exit {done.returncode}\n{done.stdout}"
                f"{done.stderr}\n{self._error_log()}"
            )
        return done.stdout

    def add_raw_queue(self, name: str, device: str) -> None:
        """A queue without a driver (a raw queue: jobs go to ``device`` unfiltered),
        enabled and accepting. ``-m raw`` makes the same queue with a deprecation note."""
        self.run("lpadmin", "-p", name, "-E", "-v", device)

    def _cancel_jobs(self) -> None:
        """Cancel what is still printing, so cupsd ends its backends and reaps them
        before it goes (a backend left running when cupsd exits outlives it)."""
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self.run("cancel", "-a")
            deadline = time.monotonic() + 5
            while self.run("lpstat", "-o") and time.monotonic() < deadline:
                time.sleep(0.05)

    def stop(self) -> None:
        try:
            if self.proc is not None and self.proc.poll() is None:
                self._cancel_jobs()
                self.proc.terminate()
                try:
                    self.proc.wait(5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(5)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
