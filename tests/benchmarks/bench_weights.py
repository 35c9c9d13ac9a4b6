"""The weight check with learned expectations: 1,000,000 past parcels of 20,000
different contents folded into their profiles (count, mean, Welford's sum of
squares), then 2,000 parcels checked, each as the counter does it: its profile read
by its contents' key in a transaction of its own, and the pure decision taken.

The check never reads past parcels, only its contents' profile (one row by a unique
key), so its time does not grow with the history: the 1,000,000 parcels are in the
profiles, not in the parcels table.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, text

from app import db
from app.models import OrderStatus, WeightProfile
from app.packing.lookup import LineCounts, OrderAsRead
from app.packing.weight_profiles import learned as learned_weights
from app.packing.weight_rules import WeightFacts, decide_weight
from app.shipping.weight_check import Packed, WeighingRules, contents_key, contents_words
from tests.benchmarks.harness import Result, percentile
from tests.pg_server import ThrowawayPostgres

PAST = 1_000_000
CONTENTS = 20_000
CHECKS = 2_000
TARGET_MS = 5.0


def _contents(rng: random.Random, n: int) -> list[tuple[Packed, ...]]:
    """``n`` different contents of 1 to 4 lines (different as the counter keys them)."""
    kinds: dict[str, tuple[Packed, ...]] = {}
    while len(kinds) < n:
        skus = rng.sample(range(3000), rng.randint(1, 4))
        packed = tuple(Packed(f"SKU-{sku:05d}", rng.randint(1, 3), None) for sku in skus)
        kinds.setdefault(contents_key(packed, "BOX-M"), packed)
    return list(kinds.values())


def _profiles(engine: Engine, kinds: list[tuple[Packed, ...]], rng: random.Random) -> float:
    """Fold ``PAST`` parcels into the profiles; seconds it took (in this process)."""
    started = time.perf_counter()
    folded: dict[int, list[float]] = {}
    true = [rng.uniform(200, 5000) for _ in kinds]
    for _ in range(PAST):
        i = rng.randrange(len(kinds))
        grams = rng.gauss(true[i], 8)
        n, mean, m2 = folded.get(i, (0, 0.0, 0.0))
        n += 1
        delta = grams - mean
        mean += delta / n
        folded[i] = [n, mean, m2 + delta * (grams - mean)]
    rows = [
        {
            "key": contents_key(kinds[i], "BOX-M"),
            "contents": contents_words(kinds[i], "BOX-M")[:500],
            "parcels": int(n),
            "mean_g": mean,
            "m2": m2,
            "catalogue_g": None,
        }
        for i, (n, mean, m2) in folded.items()
    ]
    with engine.begin() as conn:
        conn.execute(insert(WeightProfile), rows)
    return time.perf_counter() - started


def _checks(engine: Engine, kinds: list[tuple[Packed, ...]], rng: random.Random) -> list[float]:
    rules = WeighingRules(weighs=True, tare_g=150)
    order = OrderAsRead(1, "B-1", OrderStatus.PACKING, 1, 1, [LineCounts(1, 1, "X", 1, 1, 0)])
    samples = []
    for _ in range(CHECKS):
        packed = kinds[rng.randrange(len(kinds))]
        started = time.perf_counter()
        with db.unit_of_work(engine, read_only=True) as s:
            learned = learned_weights(s.connection(), contents_key(packed, "BOX-M"))
        decide_weight(WeightFacts(1234, order, None, packed, rules, learned=learned))
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _run(url: str, backend: str) -> list[Result]:
    engine = db.make_engine(url)
    db.upgrade(engine, backup_first=False)
    rng = random.Random(5)
    kinds = _contents(rng, CONTENTS)
    folded_s = _profiles(engine, kinds, rng)
    samples = _checks(engine, kinds, rng)
    engine.dispose()
    p50, p99 = percentile(samples, 50), percentile(samples, 99)
    print(f"  {backend}: folded in {folded_s:.1f} s; p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    return [
        Result(
            f"weight check, learned over {PAST:,} parcels ({backend}): per parcel, median",
            statistics.median(samples),
            "ms",
            f"<= {TARGET_MS:.0f} ms",
            statistics.median(samples) <= TARGET_MS,
        ),
        Result(f"  per parcel, p99 ({CHECKS:,} parcels)", p99, "ms"),
    ]


def run() -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results += _run(f"sqlite:///{Path(tmp) / 'weights.sqlite3'}", "SQLite")
    server = ThrowawayPostgres(durable=True)
    admin = server.start()
    try:
        admin_engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with admin_engine.connect() as conn:
            conn.execute(text("CREATE DATABASE weights"))
        admin_engine.dispose()
        results += _run(admin.rsplit("/", 1)[0] + "/weights", "PostgreSQL")
    finally:
        server.stop()
    return results
