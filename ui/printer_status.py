"""The pack page's printer line: how the station's label and document printers are
doing, in a few words ("● Labels: zebra ready · ⚠ Documents: laser paper out, 2
waiting").

Read every few seconds on its own queue (the database and, for network label
printers, the printer's own status answer), so a printer that is off or slow to
answer never holds up the GUI thread or a scan.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import Engine

from app.printing import station as station_printers
from app.printing.station import StationPrinter
from ui.workers import TaskQueue

POLL_MS = 5000


class PrinterStatusLine(QLabel):
    def __init__(
        self,
        engine: Engine,
        station: str,
        *,
        poll_ms: int = POLL_MS,
        probe: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printerStatus")
        self.engine = engine
        self.station = station
        self.probe = probe
        self.states: list[StationPrinter] = []
        self.queue = TaskQueue(f"printer-status-{station}")
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.refresh)
        self.setText(self.tr("Printers: asking…"))

    def start(self) -> None:
        self.refresh()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.queue.close(wait=True)

    def refresh(self) -> None:
        """Ask again now (a poll already under way is not doubled)."""
        if self.queue.pending:
            return
        engine, station, probe = self.engine, self.station, self.probe
        self.queue.submit(
            lambda: station_printers.states(engine, station, probe=probe),
            self.show_states,
            self._failed,
        )

    def show_states(self, states: Sequence[StationPrinter]) -> None:
        self.states = list(states)
        parts = [self.describe(st) for st in self.states]
        bad = any(not st.ready for st in self.states)
        self.setText("   ".join(parts))
        self.setStyleSheet("color: #b71c1c; font-weight: bold;" if bad else "color: #1b5e20;")

    def _failed(self, message: str, _bug: bool) -> None:
        self.setText(self.tr("⚠ Printers: cannot read the print queue (%1)").replace("%1", message))
        self.setStyleSheet("color: #b71c1c; font-weight: bold;")

    def role_words(self, role: str) -> str:
        return self.tr("Labels") if role == "label" else self.tr("Documents")

    def problem_words(self, problem: str) -> str:
        known = {
            "paper out": self.tr("paper out"),
            "head open": self.tr("head open"),
            "ribbon out": self.tr("ribbon out"),
            "paused": self.tr("paused"),
            "paper jam": self.tr("paper jam"),
            "cover open": self.tr("cover open"),
        }
        if problem.startswith("no answer"):
            return self.tr("off or not answering")
        return known.get(problem, problem)

    def describe(self, st: StationPrinter) -> str:
        role = self.role_words(st.role)
        if st.problems:
            state = ", ".join(self.problem_words(p) for p in st.problems)
            icon = "⚠"
        elif st.waiting and st.last_error:
            state = self.tr("not printing: %1").replace("%1", _short(st.last_error))
            icon = "⚠"
        elif st.is_preview:
            state, icon = self.tr("preview (files only)"), "●"
        else:
            state, icon = self.tr("ready"), "●"
        extra = []
        if st.waiting:
            extra.append(self.tr("%1 waiting").replace("%1", str(st.waiting)))
        if st.failed:
            extra.append(self.tr("%1 failed").replace("%1", str(st.failed)))
        tail = f" ({', '.join(extra)})" if extra else ""
        return f"{icon} {role}: {st.name} {state}{tail}"


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
