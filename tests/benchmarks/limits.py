"""What this machine can do at best, measured in the same run as the benchmarks that
are compared with it: one durable 8 kB write on the database's disk, a bare one-row
commit, PostgreSQL's own pgbench, and how busy the cores were meanwhile."""

from __future__ import annotations

import os
import re
import sqlite3
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.pg_server import ThrowawayPostgres, find_bin

PAGE = 8192


def fdatasync_ms(folder: str | Path, *, most: int = 1000, seconds: float = 1.0) -> float:
    """The median time of one durable 8 kB write in ``folder``: ``os.pwrite`` of 8 kB
    then ``os.fdatasync``, over and over (up to ``most`` times or ``seconds``), in a
    file written in full and synced first, as a database's log is (so the writes change
    no file size, like PostgreSQL's WAL segments and pg_test_fsync's own test)."""
    path = Path(folder) / f"fdatasync-probe-{os.getpid()}"
    block = os.urandom(PAGE)
    slots = 16
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, block * slots)
        os.fsync(fd)
        samples: list[float] = []
        give_up = time.perf_counter() + seconds
        while len(samples) < most and (len(samples) < 50 or time.perf_counter() < give_up):
            offset = (len(samples) % slots) * PAGE
            started = time.perf_counter()
            os.pwrite(fd, block, offset)
            os.fdatasync(fd)
            samples.append((time.perf_counter() - started) * 1000)
    finally:
        os.close(fd)
        path.unlink(missing_ok=True)
    return statistics.median(samples)


def sqlite_commit_ms(folder: Path, commits: int = 300) -> float:
    """The median one-row commit through the bare sqlite3 driver, with production's
    pragmas (WAL, ``synchronous=FULL``), in a file of its own in ``folder``."""
    conn = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("CREATE TABLE IF NOT EXISTS floor (id INTEGER PRIMARY KEY, n INTEGER)")
        conn.execute("INSERT OR IGNORE INTO floor VALUES (1, 0)")
        samples = []
        for _ in range(commits):
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE floor SET n = n + 1 WHERE id = 1")
            conn.execute("COMMIT")
            samples.append((time.perf_counter() - started) * 1000)
        return statistics.median(samples)
    finally:
        conn.close()


def postgres_commit_ms(url: str, commits: int = 300) -> float:
    """The median one-row commit through the bare psycopg driver: one statement that
    commits by itself, so one round trip and the server's WAL flush."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            raw.execute("CREATE TABLE IF NOT EXISTS bench_floor (id int PRIMARY KEY, n int)")
            raw.execute("INSERT INTO bench_floor VALUES (1, 0) ON CONFLICT DO NOTHING")
            samples = []
            for _ in range(commits):
                started = time.perf_counter()
                raw.execute("UPDATE bench_floor SET n = n + 1 WHERE id = 1")
                samples.append((time.perf_counter() - started) * 1000)
            return statistics.median(samples)
    finally:
        engine.dispose()


def checkpoint(admin: str) -> None:
    """A PostgreSQL checkpoint, so that timed runs start alike (after one, the first
    change to each page writes the whole page to the WAL)."""
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("CHECKPOINT"))
    finally:
        engine.dispose()


def _pgbench(server: ThrowawayPostgres, *args: str) -> str:
    pgbench = find_bin("pgbench")
    if pgbench is None:
        raise RuntimeError("pgbench is not installed (it ships with the postgresql package)")
    where = ["-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "pgbench"]
    done = subprocess.run(
        [pgbench, *args, *where],
        capture_output=True,
        text=True,
        env={**os.environ, "PGCONNECT_TIMEOUT": "10"},
    )
    if done.returncode != 0:
        raise RuntimeError(f"pgbench {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def pgbench_init(server: ThrowawayPostgres, admin: str) -> None:
    """A ``pgbench`` database on ``server`` at scale 1 (100,000 accounts)."""
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("CREATE DATABASE pgbench"))
    finally:
        engine.dispose()
    _pgbench(server, "-i", "-q", "-s", "1")


def pgbench_tps(server: ThrowawayPostgres, clients: int, seconds: float) -> float:
    """pgbench's transactions per second in simple-update mode (``-N``: an account's
    row updated and read, a history row inserted, one commit each), ``clients``
    connections on as many threads as this process may use cores."""
    threads = min(clients, len(os.sched_getaffinity(0)))
    out = _pgbench(server, "-N", "-c", str(clients), "-j", str(threads), "-T", f"{seconds:.0f}")
    found = re.search(r"tps = ([\d.]+) \(without initial connection time\)", out)
    if found is None:
        raise RuntimeError(f"no tps in pgbench's output:\n{out}")
    return float(found.group(1))


@dataclass(frozen=True)
class CoreTimes:
    """The machine's CPU time so far (Linux ``/proc/stat``), in clock ticks."""

    total: int
    idle: int  # idle and waiting for I/O
    steal: int  # taken by the host from this virtual machine

    @classmethod
    def now(cls) -> CoreTimes:
        try:
            with open("/proc/stat", encoding="ascii") as stat:
                fields = [int(f) for f in stat.readline().split()[1:]]
        except (OSError, ValueError):
            return cls(0, 0, 0)
        # user nice system idle iowait irq softirq steal (guest time is within user)
        return cls(sum(fields[:8]), fields[3] + fields[4], fields[7] if len(fields) > 7 else 0)

    def busy_since(self, before: CoreTimes) -> tuple[float, float]:
        """The share of the cores that was busy since ``before``, and stolen."""
        total = self.total - before.total
        if total <= 0:
            return 0.0, 0.0
        busy = total - (self.idle - before.idle) - (self.steal - before.steal)
        return busy / total, (self.steal - before.steal) / total


def run_queue_seconds(*, all_threads: bool = False) -> float:
    """Seconds this thread (or every thread of this process) has spent runnable but
    waiting for a core (Linux ``schedstat``; 0 where there is none): on a busy
    machine, time a scan waits that neither its own work nor the disk explain."""
    paths = (
        list(Path("/proc/self/task").glob("*/schedstat"))
        if all_threads
        else [Path("/proc/thread-self/schedstat")]
    )
    total = 0
    for path in paths:
        try:
            total += int(path.read_text().split()[1])
        except (OSError, IndexError, ValueError):  # a thread that ended, or no schedstat
            continue
    return total / 1e9


def written_bytes() -> int:
    """Bytes this process has handed to write calls so far (Linux ``/proc/self/io``,
    ``wchar``; 0 where there is none): for an SQLite counter, its WAL frames and the
    checkpoints that copy them into the database."""
    try:
        with open("/proc/self/io", encoding="ascii") as io:
            for line in io:
                if line.startswith("wchar:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def wal_position(url: str) -> int:
    """PostgreSQL's current WAL position, in bytes."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            lsn = conn.execute(text("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")).scalar()
    finally:
        engine.dispose()
    return int(lsn or 0)
