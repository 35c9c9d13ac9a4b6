"""The wall display's banner for when the database stops answering: the board is not
live, since when (the last time seen, and how long ago in words, counted on), in
letters read from across the room. The wall keeps its last cards meanwhile, faded as
old (``CardDelegate.stale``); when the database answers again the banner goes.

``ticks`` is a monotonic clock in seconds (tests give their own): how long ago is
counted on this screen's clock from the last answer, never from the database's
(which is the one that is gone).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from ui.board.model import age_words
from ui.words import filled

Ticks = Callable[[], float]
SAY_EVERY_MS = 1000


class NotLiveBanner(QLabel):
    def __init__(self, ticks: Ticks = time.monotonic) -> None:
        super().__init__()
        self.setObjectName("wallProblem")
        self.setWordWrap(True)
        self.hide()
        self.ticks = ticks
        self.live_at: float | None = None  # ``ticks`` at the last answer
        self.last_seen = ""  # the database's time of the last answer, as shown
        self.away_since: float | None = None  # None: live
        self._say = QTimer(self)
        self._say.setInterval(SAY_EVERY_MS)
        self._say.timeout.connect(self.say)

    @property
    def live(self) -> bool:
        return self.away_since is None

    def answered(self, last_seen: str) -> None:
        """The database answered: live again (if it was not)."""
        self.live_at = self.ticks()
        self.last_seen = last_seen
        if self.away_since is not None:
            self.away_since = None
            self._say.stop()
            self.hide()

    def went_away(self) -> None:
        """The database stopped answering: said at once, then counted on."""
        if self.away_since is None:
            self.away_since = self.live_at if self.live_at is not None else self.ticks()
            self._say.start()
        self.say()
        self.show()

    def away_for(self) -> timedelta:
        if self.away_since is None:
            return timedelta(0)
        return timedelta(seconds=max(self.ticks() - self.away_since, 0.0))

    def say(self) -> None:
        away = self.away_for()
        ago = self.tr("less than a minute") if away < timedelta(minutes=1) else age_words(away)
        self.setText(
            filled(
                self.tr(
                    "⚠ NOT LIVE — the database has not answered for %1 (since %2). "
                    "These are the orders as they were then."
                ),
                ago,
                self.last_seen or "—",
            )
        )
