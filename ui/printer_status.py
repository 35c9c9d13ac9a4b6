"""The pack page's printer line: how the station's label and document printers are
doing, in a few words ("● Labels: zebra ready · ⚠ Documents: laser paper out, 2
waiting").

Read every few seconds on its own queue (the database and, for network label
printers, the printer's own status answer), so a printer that is off or slow to
answer never holds up the GUI thread or a scan.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget
from sqlalchemy import Engine

from app.printing import station as station_printers
from app.printing.station import StationPrinter
from ui.retranslate import language_changed
from ui.words import filled
from ui.workers import TaskQueue

POLL_MS = 5000
_GOOD = "color: #1b5e20;"
_BAD = "color: #b71c1c; font-weight: bold;"


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

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event) and self.states:
            self.show_states(self.states)  # the last states said again; the next poll follows
        super().changeEvent(event)

    def show_states(self, states: Sequence[StationPrinter]) -> None:
        """Each printer in its own colour: red and bold when it needs a person."""
        self.states = list(states)
        self.setTextFormat(Qt.TextFormat.RichText)
        parts = [
            f'<span style="{_GOOD if st.ready else _BAD}">{html.escape(self.describe(st))}</span>'
            for st in self.states
        ]
        self.setText("&nbsp;&nbsp;&nbsp;".join(parts))
        self.setStyleSheet("")

    def plain_text(self) -> str:
        """The line without its colours (for tests and the tooltip)."""
        return "   ".join(self.describe(st) for st in self.states)

    def _failed(self, message: str, _bug: bool) -> None:
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(filled(self.tr("⚠ Printers: cannot read the print queue (%1)"), message))
        self.setStyleSheet("color: #b71c1c; font-weight: bold;")

    def role_words(self, role: str) -> str:
        return self.tr("Labels") if role == "label" else self.tr("Documents")

    def problem_words(self, problem: str) -> str:
        return problem_words(problem)

    def describe(self, st: StationPrinter) -> str:
        role = self.role_words(st.role)
        if st.problems:
            state = ", ".join(self.problem_words(p) for p in st.problems)
            icon = "⚠"
        elif st.waiting and st.last_error:
            state = filled(self.tr("not printing: %1"), _short(st.last_error))
            icon = "⚠"
        elif st.is_preview:
            state, icon = self.tr("preview (files only)"), "●"
            if st.printer is None:  # the default preview printer: its name says nothing more
                return f"{icon} {role}: {state}{self._tail(st)}"
        else:
            state, icon = self.tr("ready"), "●"
        return f"{icon} {role}: {st.name} {state}{self._tail(st)}"

    def _tail(self, st: StationPrinter) -> str:
        extra = []
        if st.waiting:
            extra.append(filled(self.tr("%1 waiting"), st.waiting))
        if st.failed:
            extra.append(filled(self.tr("%1 failed"), st.failed))
        return f" ({', '.join(extra)})" if extra else ""


def problem_words(problem: str) -> str:
    """A printer's own problem ("paper out", "no answer: ...") in the window's language."""
    known = {
        "paper out": QCoreApplication.translate("PrinterStatusLine", "paper out"),
        "head open": QCoreApplication.translate("PrinterStatusLine", "head open"),
        "ribbon out": QCoreApplication.translate("PrinterStatusLine", "ribbon out"),
        "paused": QCoreApplication.translate("PrinterStatusLine", "paused"),
        "paper jam": QCoreApplication.translate("PrinterStatusLine", "paper jam"),
        "cover open": QCoreApplication.translate("PrinterStatusLine", "cover open"),
    }
    if problem.startswith("no answer"):
        return QCoreApplication.translate("PrinterStatusLine", "off or not answering")
    return known.get(problem, problem)


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
