"""A throwaway PostgreSQL server for the test session.

``PACKDESK_TEST_PG_URL`` points the tests at an existing server instead (a database
the tests may create and drop databases in). Otherwise the server binaries that
``make test`` installs are used to start a private cluster on a free port; as root,
through ``runuser -u postgres`` because ``initdb`` refuses to run as root.

The tests' server trades durability for speed (no fsync, no waiting for the WAL at
commit, no full pages in it): a crash loses it anyway. ``ThrowawayPostgres(durable=True)``
runs PostgreSQL with its default durability instead, as a customer's server runs it:
the benchmarks that time a commit use it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def find_bin(name: str) -> str | None:
    """A PostgreSQL program (``initdb``, ``pgbench`` ...) on PATH or beside the
    server's binaries, or None."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# the tests' settings: fast, and nothing survives a crash
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "


class ThrowawayPostgres:
    def __init__(self, *, durable: bool = False) -> None:
        self.durable = durable
        self.initdb = find_bin("initdb")
        self.pg_ctl = find_bin("pg_ctl")
        if not (self.initdb and self.pg_ctl):
            raise RuntimeError(
                "PostgreSQL server binaries (initdb, pg_ctl) are not installed; "
                "run 'make test' (it installs them) or apt-get install postgresql, "
                "or set PACKDESK_TEST_PG_URL to a server the tests may use."
            )
        self.root = Path(tempfile.mkdtemp(prefix="packdesk-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> str:
        assert self.initdb and self.pg_ctl
        self._run(
            self.initdb,
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            f"{'' if self.durable else FAST}-c max_connections=200"
        )
        self._run(
            self.pg_ctl,
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def cpu_seconds(self) -> float:
        """CPU time the server has used so far (Linux): the postmaster's own and its
        exited children's, plus every backend and helper process still running."""
        ticks = os.sysconf("SC_CLK_TCK")
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        total = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:  # the process ended meanwhile
                continue
            pid, ppid = int(entry.name), int(fields[1])
            if pid == postmaster:  # utime, stime, and its exited children's
                total += sum(int(f) for f in fields[11:15])
            elif ppid == postmaster:
                total += int(fields[11]) + int(fields[12])
        return total / ticks

    def stop(self) -> None:
        assert self.pg_ctl
        try:
            self._run(self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            time.sleep(0.1)
            shutil.rmtree(self.root, ignore_errors=True)
