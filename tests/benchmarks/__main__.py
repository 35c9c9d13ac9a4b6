"""``python -m tests.benchmarks [NAME ...]``: run the benchmarks, print one table."""

from __future__ import annotations

import importlib
import os
import pkgutil
import secrets
import sys
import time
import traceback

from tests.benchmarks.harness import Result, load, load_row, machine, table, use_real_disk


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # a badge key for this run (and the counters it starts), not the user's data folder's
    os.environ.setdefault("PACKDESK_BADGE_KEY", secrets.token_hex(32))
    package = sys.modules["tests.benchmarks"]
    names = sorted(
        m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("bench_")
    )
    wanted = [n for n in names if not argv or any(a in n for a in argv)]
    results: list[Result] = []
    failed = []
    disk = use_real_disk()  # before anything makes a temporary folder
    print(f"machine: {machine()}; load average {load()}", flush=True)
    print(f"benchmark data on: {disk}", flush=True)
    results.append(load_row("at the start"))
    for name in wanted:
        started = time.perf_counter()
        print(f"running {name} ...", flush=True)
        try:
            module = importlib.import_module(f"tests.benchmarks.{name}")
            results.extend(module.run())
        except Exception:
            traceback.print_exc()
            failed.append(name)
        took = time.perf_counter() - started
        print(f"  {name} took {took:.1f} s; load average {load()}", flush=True)
        results.append(load_row(f"after {name.removeprefix('bench_')} ({took:.0f} s)"))
    print()
    print(table(results))
    if failed:
        print(f"\nbenchmarks that crashed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
