"""The wall display's banner for when the database stops answering: the board is not
live, since when (the last time seen, and how long ago in words, counted on), in
letters read from across the room. The wall keeps its last cards, tiles and carrier
strip meanwhile, faded as old (``CardDelegate.stale``, ``wall_tiles.fade``); when the
database answers again the banner goes.

The wall's clock shows the database's time at its last answer; with the database
away it runs on from there, in step with the banner, so a supervisor never reads a
clock that stands still: the banner says since when the orders are old, the clock
what time it is now.

``ticks`` is a monotonic clock in seconds (tests give their own): how long ago is
counted on this screen's clock from the last answer, never from the database's
(which is the one that is gone), and never from this machine's calendar.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel

from ui import display_time
from ui.board.model import age_words
from ui.words import filled

Ticks = Callable[[], float]
SAY_EVERY_MS = 1000


class NotLiveBanner(QLabel):
    said = Signal()  # said again (every ``SAY_EVERY_MS`` while the database is away)

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
        self.said.emit()


class WallClock(QLabel):
    """The database's time at its last answer; with the database away, that time run
    on by this screen's ``ticks`` since, each time the banner is said again."""

    def __init__(self, banner: NotLiveBanner) -> None:
        super().__init__()
        self.setObjectName("wallClock")
        self.ticks = banner.ticks
        self.seen: datetime | None = None  # the database's time at its last answer
        self.seen_at = 0.0  # ``ticks`` then
        banner.said.connect(self.run_on)

    def answered(self, now: datetime | None) -> None:
        """The database answered at ``now`` (its clock): shown as it is."""
        self.seen, self.seen_at = now, self.ticks()
        self.setText(display_time.clock(now))

    def run_on(self) -> None:
        """The time now by this screen's clock since the last answer."""
        if self.seen is not None:
            ran = timedelta(seconds=max(self.ticks() - self.seen_at, 0.0))
            self.setText(display_time.clock(self.seen + ran))
