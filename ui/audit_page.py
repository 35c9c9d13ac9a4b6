"""The audit record in the window: a supervisor finds who did what to an order, by
which user and action, over the last days; exports what is listed as CSV (cells a
spreadsheet would run kept as text); and checks that no event was changed, removed,
inserted or moved (``packdesk audit verify``: every chain walked, off the GUI thread).

Reading it is a supervisor's (``Action.VIEW_AUDIT``): the page lists nothing until
one signs in at this window (``ui.window_session``). The newest ``SHOWN`` events
that match are listed, oldest first, times in the warehouse's zone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from functools import partial
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.audit.listing import AuditFilter, AuditRow, find, write_csv
from app.audit.verify import Verification, verify
from app.permissions import Action
from ui import display_time
from ui.board.detail_models import RowsModel
from ui.permission_words import needed_line
from ui.retranslate import Said, language_changed
from ui.sign_in_strip import SignInStrip
from ui.window_session import SignedIn, WindowSession
from ui.words import filled
from ui.workers import TaskQueue

SHOWN = 1000  # the newest events a search lists
DAYS = (1, 7, 30, 0)  # the "since" choices: today, a week, a month, all (0)
GOOD = "color: #1b5e20; font-weight: bold;"
BAD = "color: #b71c1c; font-weight: bold;"
HEADERS = (
    str(QT_TRANSLATE_NOOP("AuditPage", "When")),
    str(QT_TRANSLATE_NOOP("AuditPage", "User")),
    str(QT_TRANSLATE_NOOP("AuditPage", "Counter")),
    str(QT_TRANSLATE_NOOP("AuditPage", "Action")),
    str(QT_TRANSLATE_NOOP("AuditPage", "On")),
    str(QT_TRANSLATE_NOOP("AuditPage", "Details")),
)


def event_cells(row: AuditRow) -> list[str]:
    on = f"{row.entity} {row.entity_id}" if row.entity and row.entity_id is not None else ""
    details = json.dumps(row.details, ensure_ascii=False, sort_keys=True) if row.details else ""
    return [display_time.seconds(row.at), row.user, row.station, row.action, on, details]


def _refused(row: AuditRow) -> bool:
    """A refused attempt stands out in red (its action says so in words too)."""
    return row.action.endswith(".refused")


class AuditPage(QWidget):
    def __init__(
        self,
        engine: Engine,
        zone: tzinfo,
        parent: QWidget | None = None,
        *,
        session: WindowSession | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.session = session or WindowSession(parent=self)
        session = self.session
        self.session.watch(self)
        self.zone = zone
        self.queue = TaskQueue("audit-page")
        self.said = Said()
        self.rows: list[AuditRow] = []
        self.checked: Verification | None = None
        self.strip = SignInStrip(engine, session, self._needed)

        self.order = self._field(lambda: self.tr("Order number"))
        self.user = self._field(lambda: self.tr("User's name"))
        self.action = self._field(lambda: self.tr("Action (order, order.cancel, user…)"))
        self.since = QComboBox()
        self.since.setObjectName("auditSince")
        for i, days in enumerate(DAYS):
            self.since.addItem("", days)
            self.said.set(partial(self.since.setItemText, i), partial(self._days_words, days))
        self.since.setCurrentIndex(1)
        self.find_button = self._button(lambda: self.tr("Find"), self.search)
        self.export_button = self._button(lambda: self.tr("Export CSV…"), self.export)
        self.verify_button = self._button(lambda: self.tr("Check the record"), self.check)
        self.summary = QLabel()
        self.summary.setObjectName("auditSummary")
        self.verdict = QLabel()
        self.verdict.setObjectName("auditVerdict")
        self.verdict.setWordWrap(True)
        self.model = RowsModel(HEADERS, event_cells, bad=_refused, context="AuditPage", parent=self)
        self.table = QTableView()
        self.table.setObjectName("auditEvents")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

        filters = QHBoxLayout()
        for field in (self.order, self.user, self.action):
            filters.addWidget(field, 1)
        for widget in (self.since, self.find_button, self.export_button, self.verify_button):
            filters.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.strip)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        session.changed.connect(self._signed)
        self._signed(session.user)

    def _field(self, placeholder: Callable[[], str]) -> QLineEdit:
        field = QLineEdit()
        field.setClearButtonEnabled(True)
        self.said.set(field.setPlaceholderText, placeholder)
        field.returnPressed.connect(self.search)
        return field

    def _button(self, words: Callable[[], str], clicked: Callable[[], object]) -> QPushButton:
        button = QPushButton()
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.said.set(button.setText, words)
        button.clicked.connect(clicked)
        return button

    def _days_words(self, days: int) -> str:
        if days == 0:
            return self.tr("Any time")
        if days == 1:
            return self.tr("Today")
        return filled(self.tr("Last %1 days"), days)

    def _needed(self, user: SignedIn | None) -> str:
        return needed_line(user, Action.VIEW_AUDIT, self.tr("read the audit record"))

    def _signed(self, _user: SignedIn | None) -> None:
        allowed = self.session.may(Action.VIEW_AUDIT)
        for widget in (
            self.order, self.user, self.action, self.since,
            self.find_button, self.export_button, self.verify_button,
        ):  # fmt: skip
            widget.setEnabled(allowed)
        if allowed:
            self.search()
        else:  # what a supervisor read is not left on screen for the next person
            self.rows, self.checked = [], None
            self.model.set_rows(())
            self.summary.clear()
            self.verdict.clear()

    # --- reading -----------------------------------------------------------------------------

    def wanted(self, now: datetime | None = None) -> AuditFilter:
        """The filter the fields give: empty text is any; days back from local midnight."""
        days = int(self.since.currentData())
        since = None
        if days:
            today = (now or datetime.now(UTC)).astimezone(self.zone).date()
            first = datetime.combine(today - timedelta(days=days - 1), datetime.min.time())
            since = first.replace(tzinfo=self.zone).astimezone(UTC)
        text = [f.text().strip() or None for f in (self.order, self.user, self.action)]
        return AuditFilter(text[0], text[1], text[2], since, SHOWN)

    def search(self) -> None:
        if not self.session.may(Action.VIEW_AUDIT):
            return
        wanted = self.wanted()
        self.queue.submit(lambda: find(self.engine, wanted), self._found, self._failed)

    def _found(self, rows: list[AuditRow]) -> None:
        if not self.session.may(Action.VIEW_AUDIT):
            return  # signed out while it was read
        self.rows = rows
        self.model.set_rows(rows)
        self.table.scrollToBottom()
        self._say_summary()

    def _say_summary(self) -> None:
        if len(self.rows) >= SHOWN:
            self.summary.setText(filled(self.tr("The newest %1 events (narrow the search)"), SHOWN))
        else:
            count = len(self.rows)
            words = self.tr("%1 event") if count == 1 else self.tr("%1 events")
            self.summary.setText(filled(words, f"{count:,}"))

    def _failed(self, message: str, _bug: bool) -> None:
        self.verdict.setStyleSheet(BAD)
        self.verdict.setText(filled(self.tr("The record could not be read: %1"), message))

    # --- export and check --------------------------------------------------------------------

    def export(self) -> None:
        if not self.rows:
            return
        suggested = str(Path.home() / "packdesk-audit.csv")
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit record"), suggested)
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        rows, zone = list(self.rows), self.zone
        self.queue.submit(lambda: write_csv(rows, path, zone), self._exported, self._failed)

    def _exported(self, path: Path) -> None:
        self.summary.setText(filled(self.tr("%1 events written to %2"), len(self.rows), path))

    def check(self) -> None:
        if not self.session.may(Action.VIEW_AUDIT):
            return
        self.verify_button.setEnabled(False)
        self.verdict.setStyleSheet("")
        self.verdict.setText(self.tr("Checking every chain…"))
        self.queue.submit(lambda: verify(self.engine), self._checked, self._check_failed)

    def _checked(self, report: Verification) -> None:
        self.checked = report
        self.verify_button.setEnabled(self.session.may(Action.VIEW_AUDIT))
        self._say_verdict()

    def _check_failed(self, message: str, bug: bool) -> None:
        self.verify_button.setEnabled(self.session.may(Action.VIEW_AUDIT))
        self._failed(message, bug)

    def _say_verdict(self) -> None:
        report = self.checked
        if report is None:
            return
        if report.ok:
            self.verdict.setStyleSheet(GOOD)
            words = self.tr("✔ The record is whole: %1 events in %2 chains, none changed.")
            self.verdict.setText(filled(words, f"{report.events:,}", len(report.heads)))
            return
        self.verdict.setStyleSheet(BAD)
        first = report.breaks[0].message if report.breaks else ""
        words = self.tr("✘ The record was changed: %1 breaks in %2 events. First: %3")
        self.verdict.setText(filled(words, report.broken, f"{report.events:,}", first))

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
            self.model.retranslate()
            if self.rows:
                self._say_summary()
            self._say_verdict()
        super().changeEvent(event)

    def shutdown(self) -> None:
        self.queue.close(wait=True)


__all__ = ["AuditPage"]
