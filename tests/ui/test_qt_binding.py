"""The Qt binding itself: a guard for a reference-counting bug that crashed the suite.

PySide6 6.12.0 returns ``True`` from ``Signal.emit()`` without taking a reference;
on Python 3.11, where ``True`` is not immortal, the interpreter aborts once enough
signals have been emitted. pyproject.toml keeps that release out.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(object)


def test_emitting_a_signal_keeps_the_reference_count_of_true(qapp) -> None:
    emitter = _Emitter()
    seen: list[object] = []
    emitter.fired.connect(seen.append)
    before = sys.getrefcount(True)
    for _ in range(100):
        emitter.fired.emit(1)
    assert len(seen) == 100
    assert sys.getrefcount(True) >= before - 5  # a leak of one per emit would be -100
