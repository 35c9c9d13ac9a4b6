"""The print queue: every job with its status, tries and last error; try a job again,
cancel one that waits (or one interrupted mid-send that printed after all), reprint
any, or preview it.

Who acts is the person signed in at this window (``ui.window_session``): trying a
job again is any user's (a packer whose printer ran out of paper), cancelling and
reprinting a lead's or above; the buttons wait for them, the sign-in strip says who
may, and the services check the role again and record who did it. Previewing is
anyone's. Every word is said again when the language changes.

Reads and actions run on the page's own queue, in order (an action's effect is in
the next read); the table refreshes every two seconds while the page is on screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.errors import PackdeskError
from app.models import JobStatus
from app.permissions import Action, NotAllowed
from app.printing import jobs
from app.printing.jobs import JobRow
from app.printing.preview import Preview, job_preview
from app.printing.print_process import PrintingService
from ui.permission_words import needed_line
from ui.preview_dialog import PreviewDialog
from ui.print_queue_model import ERROR, PrintQueueModel
from ui.print_words import job_problem_words, job_status_words
from ui.retranslate import Said, language_changed
from ui.sign_in_strip import SignInStrip
from ui.window_session import SignedIn, WindowSession
from ui.words import filled
from ui.workers import TaskQueue

REFRESH_MS = 2000
SHOWN = 300  # the newest jobs listed
CANCEL_PATIENCE = 15.0  # seconds a cancel waits for a try under way (a 10 s connect timeout)


def cancel_soon(
    engine: Engine, job_id: int, user_id: int | None, patience: float = CANCEL_PATIENCE
) -> JobRow:
    """Cancel a waiting job as ``user_id``. A job to a printer that is off is "sending"
    for a moment at each try; wait for that try to end rather than refuse the person
    at once (a person who may not cancel is refused at once)."""
    deadline = time.monotonic() + patience
    while True:
        try:
            return jobs.cancel(engine, job_id, user_id=user_id)
        except NotAllowed:
            raise
        except PackdeskError:
            if time.monotonic() > deadline or not _sending(engine, job_id):
                raise
            time.sleep(0.05)


def _sending(engine: Engine, job_id: int) -> bool:
    rows = jobs.list_jobs(engine, status=JobStatus.SENDING.value, limit=1000)
    return any(r.id == job_id for r in rows)


class PrintQueuePage(QWidget):
    def __init__(
        self,
        engine: Engine,
        service: PrintingService,
        parent: QWidget | None = None,
        *,
        session: WindowSession | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.service = service
        self.session = session or WindowSession(parent=self)
        self.session.watch(self)
        self.queue = TaskQueue("print-queue")
        self.preview_dialog: PreviewDialog | None = None
        self.said = Said()
        self._words: Callable[[], str] = str
        self.strip = SignInStrip(engine, self.session, self._needed)

        self.filter = QComboBox()
        self.filter.setObjectName("jobFilter")
        for i, (words, status) in enumerate(
            (
                (lambda: self.tr("All jobs"), None),
                (lambda: self.tr("Waiting"), JobStatus.PENDING),
                (lambda: self.tr("Failed"), JobStatus.FAILED),
                (lambda: self.tr("Interrupted"), JobStatus.INTERRUPTED),
                (lambda: self.tr("Printed"), JobStatus.DONE),
                (lambda: self.tr("Cancelled"), JobStatus.CANCELLED),
            )
        ):
            self.filter.addItem("", status)
            self.said.set(partial(self.filter.setItemText, i), words)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh(force=True))

        self.model = PrintQueueModel(self)
        self.table = QTableView()
        self.table.setObjectName("printJobs")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ERROR, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.table.doubleClicked.connect(lambda _i: self.preview())

        self.retry_button = self._button(lambda: self.tr("↻ Try again"), "retryJob", self.retry)
        self.cancel_button = self._button(lambda: self.tr("⊘ Cancel"), "cancelJob", self.cancel)
        self.reprint_button = self._button(lambda: self.tr("▶ Reprint"), "reprintJob", self.reprint)
        self.preview_button = self._button(lambda: self.tr("Preview"), "previewJob", self.preview)
        self.message = QLabel()
        self.message.setObjectName("queueMessage")
        self.message.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("jobDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout()

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.session.changed.connect(lambda _user: self._selected())
        self._selected()

    def _layout(self) -> None:
        show = QLabel()
        self.said.set(show.setText, lambda: self.tr("Show"))
        top = QHBoxLayout()
        top.addWidget(show)
        top.addWidget(self.filter)
        top.addStretch(1)
        for button in (
            self.retry_button,
            self.cancel_button,
            self.reprint_button,
            self.preview_button,
        ):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.strip)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)

    def _button(self, text: Callable[[], str], name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton()
        self.said.set(button.setText, text)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a scan's keys stay with the scanner
        button.clicked.connect(lambda _=False: slot())
        return button

    def _needed(self, user: SignedIn | None) -> str:
        """What the person signed in may not do here, and who may."""
        lines = (
            needed_line(user, Action.PACK, self.tr("try jobs again")),
            # (cancelling a job is a lead's as reprinting is: one line says both)
            needed_line(user, Action.REPRINT, self.tr("cancel or reprint jobs")),
        )
        return "\n".join(line for line in lines if line)

    def scan(self, code: str, otherwise: Callable[[str], None] | None = None) -> None:
        """A scan while this page is on screen: a badge signs in; any other code goes
        to ``otherwise``."""
        self.strip.scanned(code, otherwise)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
            self.model.retranslate()
            self._selected()
            self.message.setText(self._words())
        super().changeEvent(event)

    # --- reading ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh(force=True)
        self._timer.start()

    def hideEvent(self, event: Any) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def refresh(self, *, force: bool = False) -> None:
        """Read the queue again (a read already under way is not doubled)."""
        if self.queue.pending and not force:
            return
        status = self.filter.currentData()  # Qt hands the status back as a plain str
        engine = self.engine
        self.queue.submit(
            lambda: jobs.list_jobs(engine, status=str(status) if status else None, limit=SHOWN),
            self._show_rows,
            self._failed,
        )

    def _show_rows(self, rows: list[JobRow]) -> None:
        chosen = self.selected_job()
        self.model.set_rows(rows)
        if chosen is not None:
            row = self.model.row_of_job(chosen.id)
            if row is not None and self.selected_job() is None:
                self.table.selectRow(row)
        self._selected()

    def selected_job(self) -> JobRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_job(self, job_id: int) -> bool:
        row = self.model.row_of_job(job_id)
        if row is not None:
            self.table.selectRow(row)
        return row is not None

    def _selected(self) -> None:
        job = self.selected_job()
        status = job.status if job else None
        may_retry, may_reprint = self.session.may(Action.PACK), self.session.may(Action.REPRINT)
        may_cancel = self.session.may(Action.CANCEL_PRINT_JOB)
        self.retry_button.setEnabled(
            may_retry and status in (JobStatus.FAILED, JobStatus.INTERRUPTED, JobStatus.PENDING)
        )
        # a job to a printer that is off is "sending" for a moment at each try
        self.cancel_button.setEnabled(
            may_cancel and status in (JobStatus.PENDING, JobStatus.SENDING, JobStatus.INTERRUPTED)
        )
        self.reprint_button.setEnabled(may_reprint and job is not None)
        self.preview_button.setEnabled(job is not None)
        self.detail.setText(self._detail(job) if job is not None else "")

    def _detail(self, job: JobRow) -> str:
        text = filled(self.tr("Job %1: %2"), job.id, job_status_words(job.status))
        if job.last_error:
            text += " — " + job_problem_words(job)
        elif job.status is JobStatus.PENDING:
            ahead = self.model.job_ahead(job)
            if ahead is not None:  # a printer prints in order: say what it waits for
                words = self.tr(" — waits for job %1 on %2")
                text += filled(words, ahead.id, job.printer)
        return text

    # --- acting -----------------------------------------------------------------------

    def retry(self) -> None:
        job, user_id, wake = self.selected_job(), self.session.user_id, self.service.wake
        if job is not None:
            self._act(
                lambda: jobs.retry(self.engine, job.id, wake=wake, user_id=user_id),
                lambda: self.tr("Job %1 will be tried again now."),
            )

    def cancel(self) -> None:
        job, user_id = self.selected_job(), self.session.user_id
        if job is not None:
            self._act(
                lambda: cancel_soon(self.engine, job.id, user_id),
                lambda: self.tr("Job %1 is cancelled."),
            )

    def reprint(self) -> None:
        job, user_id, wake = self.selected_job(), self.session.user_id, self.service.wake
        if job is not None:
            self._act(
                lambda: jobs.reprint(self.engine, job.id, wake=wake, user_id=user_id),
                lambda: self.tr("Job %1 is queued to print again."),
            )

    def _act(self, action: Callable[[], JobRow], words: Callable[[], str]) -> None:
        """``action`` on the queue (the service checks who acts); ``words``, with the
        job's number, said when it is done."""
        self.session.touch()

        def done(row: JobRow) -> None:
            self._say(lambda: filled(words(), row.id))
            self.refresh(force=True)

        self.queue.submit(action, done, self._failed)

    def preview(self) -> None:
        job = self.selected_job()
        if job is None:
            return
        engine, config = self.engine, self.service.config
        self._say(lambda: filled(self.tr("Drawing job %1…"), job.id))
        self.queue.submit(
            lambda: job_preview(engine, job.id, config), self.show_preview, self._failed
        )

    def show_preview(self, preview: Preview) -> None:
        self._say(str)
        if self.preview_dialog is not None:
            self.preview_dialog.close()
        self.preview_dialog = PreviewDialog(preview, self)
        self.preview_dialog.destroyed.connect(self._preview_closed)
        self.preview_dialog.show()

    def _preview_closed(self) -> None:
        self.preview_dialog = None

    def _say(self, words: Callable[[], str], *, bad: bool = False) -> None:
        """``words`` under the table, said again if the language changes."""
        self._words = words
        self.message.setText(words())
        self.message.setStyleSheet("color: #b71c1c; font-weight: bold;" if bad else "")

    def _failed(self, message: str, _bug: bool) -> None:
        self._say(lambda: "⚠ " + message, bad=True)

    def shutdown(self) -> None:
        self._timer.stop()
        self.strip.shutdown()
        self.queue.close(wait=True)
