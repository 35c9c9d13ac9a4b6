"""Python's cycle collector runs on the GUI thread only.

CPython collects reference cycles in whichever thread happens to allocate past its
threshold. On a worker thread (a board refresh, a KPI count, a print job) that can
free a page, chart or timer left in a cycle after it was closed, and Qt then destroys
it off the GUI thread: "Timers cannot be stopped from another thread", and now and
then a crash of the whole window. So the automatic collection is turned off while the
window runs, and the GUI thread collects on a timer instead, by the thresholds Python
itself uses (the youngest generation about every 700 new objects, an older one after
ten collections of the one before). Objects without cycles are freed at once as ever.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 250


class GuiThreadCollector(QObject):
    """While it runs, cycles are collected only where it lives: on the GUI thread."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.was_enabled = gc.isenabled()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start(interval_ms)
        gc.disable()

    def collect_due(self) -> int | None:
        """Collect the oldest generation whose count is past its threshold, as Python
        would have; the generation collected, or None when none was due."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return generation
        return None

    def stop(self) -> None:
        """Hand collection back to Python (after one last pass here); on the GUI
        thread, as its timer lives there."""
        self.timer.stop()
        gc.collect()
        if self.was_enabled:
            gc.enable()


def collect_cycles_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Start collecting on ``app``'s thread (call it on the GUI thread)."""
    return GuiThreadCollector(app)
