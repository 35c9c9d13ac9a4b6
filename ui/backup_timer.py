"""The counter's backups on a schedule: while the window runs on a SQLite file, a
backup is taken whenever one is due (setting ``backup_every_hours``) and the newest
``backup_keep`` are kept (``app.backups.back_up_keeping``), on a worker thread of
its own: the backup API copies the file while scans go on."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy import Engine

from app import backups, db
from app.settings import Settings
from app.timeutil import Clock, utcnow
from ui.words import filled
from ui.workers import TaskQueue

LOOK_EVERY_MS = 10 * 60 * 1000  # whether one is due: a look at the backups folder
FIRST_LOOK_MS = 60 * 1000  # after the window opens (its start is busy enough)


class BackupTimer(QObject):
    """Takes the scheduled backups; says each one (``done``) or its problem."""

    done = Signal(str)  # the new backup's path
    problem = Signal(str)  # in words, for the status bar
    looked = Signal()  # a look came back, a backup taken or not

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        clock: Clock = utcnow,
        parent: QObject | None = None,
        queue_factory: Callable[[], TaskQueue] = lambda: TaskQueue("backups"),
    ) -> None:
        super().__init__(parent)
        self.engine, self.clock = engine, clock
        self.every_hours, self.keep = settings.backup_every_hours, settings.backup_keep
        self.active = db.sqlite_path(engine) is not None and self.every_hours > 0
        self._queue = queue_factory() if self.active else None
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(LOOK_EVERY_MS)
        self._timer.timeout.connect(self.look)

    def start(self) -> None:
        if self.active:
            self._timer.start()
            QTimer.singleShot(FIRST_LOOK_MS, self, self.look)

    def look(self) -> None:
        """A backup on the worker if one is due and none is under way."""
        if self._queue is None or self._busy or self._queue.closed:
            return
        self._busy = True
        self._queue.submit(self._back_up_if_due, self._finished, self._failed)

    def _back_up_if_due(self) -> Path | None:
        newest, now = backups.newest_backup_at(self.engine), self.clock()
        if not backups.backup_due(newest, now, self.every_hours):
            return None
        return backups.back_up_keeping(self.engine, self.keep, now).written

    def _finished(self, written: Path | None) -> None:
        self._busy = False
        if written is not None:
            self.done.emit(str(written))
        self.looked.emit()

    def _failed(self, message: str, _bug: bool) -> None:
        self._busy = False
        self.problem.emit(filled(self.tr("The scheduled backup failed: %1"), message))
        self.looked.emit()

    def shutdown(self) -> None:
        self._timer.stop()
        if self._queue is not None:
            self._queue.close(wait=True)  # a backup under way finishes: no partial left
