"""Reference cycles holding Qt objects are collected on the GUI thread, never by a
worker thread that happens to allocate (which made Qt destroy a closed page's widgets
and timers off the GUI thread, and once crashed the whole suite)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from ui.cycle_collector import GuiThreadCollector


class _ClosedPage(QWidget):
    """A page that keeps a reference to itself, as a closure or a slot easily does."""

    freed_on: list[str] = []

    def __init__(self) -> None:
        super().__init__()
        self.me = self
        self.label = QLabel("closed", self)
        self.timer = QTimer(self)
        self.timer.start(10_000)

    def __del__(self) -> None:
        _ClosedPage.freed_on.append(threading.current_thread().name)


def _allocate_cycles(n: int) -> None:
    for _ in range(n):
        a: list[object] = []
        a.append(a)


def test_a_page_left_in_a_cycle_is_freed_on_the_gui_thread(
    qtbot: QtBot, qapp: QApplication
) -> None:
    assert not gc.isenabled()  # the package's collector, as make_application starts one
    _ClosedPage.freed_on.clear()
    page = _ClosedPage()
    page.show()
    page.close()
    del page
    worker = threading.Thread(target=_allocate_cycles, args=(50_000,), name="worker")
    worker.start()
    worker.join()
    assert _ClosedPage.freed_on == []  # the worker collected nothing
    qtbot.waitUntil(lambda: _ClosedPage.freed_on != [], timeout=5_000)
    assert _ClosedPage.freed_on == [threading.main_thread().name]


def test_the_collector_collects_what_python_would_and_hands_back_on_stop(
    qapp: QApplication,
) -> None:
    assert not gc.isenabled()
    collector = GuiThreadCollector(qapp, interval_ms=60_000)  # (its timer stays out of it)
    try:
        gc.collect()
        assert collector.collect_due() is None  # nothing allocated since
        _allocate_cycles(collector.thresholds[0] + 50)
        assert collector.collect_due() == 0
        collected = []
        for _ in range(collector.thresholds[1] + 1):
            _allocate_cycles(2 * collector.thresholds[0])
            collected.append(collector.collect_due())
        # the youngest each time, and once ten of those were done, the one after it
        assert collected == [0] * collector.thresholds[1] + [1]
    finally:
        collector.stop()
        collector.deleteLater()
    assert not gc.isenabled()  # the package's collector was running before this one
