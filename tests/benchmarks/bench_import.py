"""Importing a large Shopify orders export into a fresh SQLite file.

A 100,000-order / 300,000-line export is written once to a temporary folder; a
catalogue of 2,000 products is put in a fresh database; then the import runs in a
child process (so its peak memory is its own, read with ``wait4``), and runs again on
the same file, which must change nothing.
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from app import db
from app.models import Product
from tests.app.importing.files import SHOPIFY_HEADER, shopify_row
from tests.benchmarks.harness import Result

ORDERS = 100_000
PRODUCTS = 2_000


def write_export(path: Path, orders: int = ORDERS, *, seed: int = 11) -> int:
    """A Shopify export with about three lines per order; returns the line count."""
    rng = random.Random(seed)
    lines = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(SHOPIFY_HEADER)
        for n in range(1, orders + 1):
            name = f"#{100000 + n}"
            count = rng.choice((1, 2, 3, 3, 4, 5)) if n % 2 else 3
            for i, pid in enumerate(rng.sample(range(1, PRODUCTS + 1), count)):
                values = {
                    "Name": name,
                    "Lineitem_quantity": str(rng.choice((1, 1, 2, 3))),
                    "Lineitem_name": f"Item {pid} 商品",
                    "Lineitem_price": "9.90",
                    "Lineitem_sku": f"SKU-{pid:05d}",
                    "Lineitem_requires_shipping": "true",
                }
                if i == 0:
                    values.update(
                        {
                            "Email": f"c{n}@example.com",
                            "Financial_Status": "paid" if n % 10 else "pending",
                            "Currency": "CNY",
                            "Shipping_Method": "顺丰标快" if n % 7 else "SF Express",
                            "Created_at": f"2026-01-{n % 28 + 1:02d} 10:{n % 60:02d}:00 +0800",
                            "Billing_Name": "张三",
                            "Shipping_Name": "张三",
                            "Shipping_Address1": f"浦东新区世纪大道{n % 999}号",
                            "Shipping_City": "上海",
                            "Shipping_Zip": "200120",
                            "Shipping_Province": "Shanghai",
                            "Shipping_Country": "CN",
                            "Shipping_Phone": "+86 138 0013 8000",
                        }
                    )
                out.writerow(shopify_row(**values))
                lines += 1
    return lines


def _fresh_database(url: str) -> None:
    engine = db.make_engine(url)
    db.upgrade(engine, backup_first=False)
    with engine.begin() as conn:
        conn.execute(
            insert(Product),
            [
                {"sku": f"SKU-{i:05d}", "name": f"Item {i}", "serial_tracked": False,
                 "lot_tracked": False, "active": True}
                for i in range(1, PRODUCTS + 1)
            ],
        )  # fmt: skip
    engine.dispose()


def _child(url: str, path: str) -> None:
    from app.importing.intake import import_orders

    engine = db.make_engine(url)
    started = time.perf_counter()
    summary = import_orders(engine, path)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "orders": summary.in_file,
                "rows": summary.rows,
            }
        )
    )


def _import_in_child(url: str, path: Path) -> tuple[dict[str, float], float, float, float]:
    """Run one import in a fresh process: its report, wall time, CPU time and peak RSS
    (MB). CPU time tells the import's own cost when other work shares the machine."""
    env = dict(os.environ, PACKDESK_TIMEZONE="Asia/Shanghai")
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.benchmarks.bench_import", "--child", url, str(path)],
        stdout=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"import child failed with {proc.returncode}")
    cpu = usage.ru_utime + usage.ru_stime
    return json.loads(out), wall, cpu, usage.ru_maxrss / 1024


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "orders_export.csv"
        started = time.perf_counter()
        lines = write_export(export)
        print(
            f"  wrote {ORDERS:,} orders / {lines:,} lines "
            f"({export.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        url = f"sqlite:///{Path(tmp) / 'import.sqlite3'}"
        _fresh_database(url)
        first, wall1, cpu1, rss1 = _import_in_child(url, export)
        assert first["created"] == ORDERS, first
        again, wall2, cpu2, rss2 = _import_in_child(url, export)
        assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, ORDERS), again
        print(
            f"  first import {first['seconds']:.1f} s in the child ({wall1:.1f} s with start-up),"
            f" re-import {again['seconds']:.1f} s ({wall2:.1f} s)",
            flush=True,
        )
    return [
        Result(
            f"import {ORDERS // 1000}k orders / {lines // 1000}k lines Shopify CSV, SQLite",
            wall1,
            "s",
            "<= 15 s",
            wall1 <= 15,
        ),
        Result("  CPU time of the import process (user + system)", cpu1, "s"),
        Result("  peak memory of the import process", rss1, "MB", "<= 500 MB", rss1 <= 500),
        Result("re-import of the same file (changes nothing)", wall2, "s", "<= 10 s", wall2 <= 10),
        Result("  CPU time of the re-import process", cpu2, "s"),
        Result("  peak memory of the re-import process", rss2, "MB", "<= 500 MB", rss2 <= 500),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3])
