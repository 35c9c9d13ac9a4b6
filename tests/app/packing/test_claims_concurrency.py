"""Several counters at once, as separate processes against one database."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import select

from app import db
from app.models import Order, OrderLine, OrderStatus
from tests.app.packing.conftest import CUP_EAN, Floor, add_order


def _counter(url: str, station: str, scans: list[str]) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ui.launcher",
            "scan",
            "--station",
            station,
            "--user",
            "B-100",
            "--json",
            "--db",
            url,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin
    proc.stdin.write("".join(s + "\n" for s in scans))
    proc.stdin.close()
    return proc


def _verdicts(proc: subprocess.Popen[str]) -> list[dict[str, object]]:
    assert proc.stdout and proc.stderr
    out, err = proc.stdout.read(), proc.stderr.read()
    assert proc.wait(timeout=120) == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_one_order_is_claimed_by_exactly_one_station(floor: Floor, db_url: str) -> None:
    order_id = add_order(floor.engine, "RACE", {"CUP-500": 1})
    procs = [_counter(db_url, f"counter-{i}", ["RACE"]) for i in range(6)]
    outcomes = sorted(_verdicts(p)[0]["outcome"] for p in procs)  # type: ignore[type-var]
    assert outcomes == ["order_claimed_elsewhere"] * 5 + ["order_opened"]
    with db.unit_of_work(floor.engine) as s:
        order = s.get_one(Order, order_id)
        assert order.status == OrderStatus.PACKING and order.claimed_by_station_id is not None


def test_parallel_counters_lose_and_double_nothing(floor: Floor, db_url: str) -> None:
    ids = [add_order(floor.engine, f"P{i}", {"CUP-500": 40}) for i in range(4)]
    procs = [_counter(db_url, f"counter-{i}", [f"P{i}"] + [CUP_EAN] * 45) for i in range(4)]
    results = [_verdicts(p) for p in procs]
    for verdicts in results:
        outcomes = [v["outcome"] for v in verdicts]
        assert outcomes.count("accepted") == 39 and outcomes.count("order_complete") == 1
        assert outcomes[-5:] == ["no_open_order"] * 5
    with db.unit_of_work(floor.engine) as s:
        packed = s.scalars(select(OrderLine.packed).where(OrderLine.order_id.in_(ids))).all()
        assert packed == [40, 40, 40, 40]
