"""Benchmarks: ``make bench`` runs every ``bench_*.py`` here and prints one table.

Each module defines ``run() -> list[Result]``. Benchmarks measure and report; they are
not timed tests and never fail because a machine is slow. A target is printed next to
each figure so a reader sees at a glance what was asked and what was measured.
"""
