"""Who is signed in at this window: one person at a time for every page that changes
things (printers, print jobs, the printing settings, the board's order actions).

The session only remembers who signed in and their role, to say on screen what they
may do; the services check the role again (``app.permissions.require``) with the
``user_id`` the pages pass them, so a role changed since signing in counts at once.

Nobody stays signed in at an unattended counter: after ``idle`` without a key press
or a click on a watched page, the session signs out (``changed`` with None). Time
comes from an injected clock, so this is tested without waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import Shiboken

from app import permissions
from app.models import Role
from app.permissions import Action
from app.sign_in import UserRow
from app.timeutil import Clock, utcnow

IDLE = timedelta(minutes=5)  # a supervisor's sign-in at a counter others use
CHECK_MS = 5_000  # how often the idle time is looked at
_ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


@dataclass(frozen=True)
class SignedIn:
    user_id: int
    name: str
    role: Role


class WindowSession(QObject):
    changed = Signal(object)  # SignedIn | None

    def __init__(
        self,
        *,
        idle: timedelta = IDLE,
        clock: Clock = utcnow,
        check_ms: int = CHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.idle = idle
        self.clock = clock
        self.user: SignedIn | None = None
        self._last = clock()
        self._watched: list[QWidget] = []
        self._filtering = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check_idle)

    @property
    def user_id(self) -> int | None:
        return self.user.user_id if self.user is not None else None

    def may(self, action: Action) -> bool:
        """Whether the person signed in may take ``action`` (nobody: no)."""
        return self.user is not None and permissions.may(self.user.role, action)

    def sign_in(self, user: UserRow | SignedIn) -> None:
        """``user`` acts at this window from now on (whoever did before is signed out)."""
        if isinstance(user, UserRow):
            user = SignedIn(user.id, user.name, Role(user.role))
        self.touch()
        if user == self.user:
            return
        self.user = user
        self._timer.start()
        self.changed.emit(user)

    def sign_out(self) -> None:
        self._timer.stop()
        if self.user is not None:
            self.user = None
            self.changed.emit(None)

    def touch(self) -> None:
        """The person is still here: the idle time starts again."""
        self._last = self.clock()

    def check_idle(self) -> bool:
        """Sign out if nobody touched a watched page for ``idle``; True if it did."""
        if self.user is not None and self.clock() - self._last >= self.idle:
            self.sign_out()
            return True
        return False

    # --- what counts as activity ----------------------------------------------------------

    def watch(self, page: QWidget) -> None:
        """A key press or a click on ``page`` (or inside it) keeps the session alive;
        typing or scanning on another page (the pack page's scans) does not."""
        self._watched.append(page)
        page.destroyed.connect(lambda _=None, gone=page: self._forget(gone))
        app = QApplication.instance()
        if not self._filtering and app is not None:
            app.installEventFilter(self)
            self._filtering = True

    def _forget(self, page: QWidget) -> None:
        """A watched page is gone: never asked again (its C++ side is deleted). The
        last one gone, the session stops watching, unless it is being deleted itself
        (a window closing takes its pages and their session together)."""
        self._watched = [p for p in self._watched if p is not page]
        if not self._watched and Shiboken.isValid(self._timer):
            self.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.user is not None
            and event.type() in _ACTIVITY
            and isinstance(watched, QWidget)
            and any(p is watched or p.isAncestorOf(watched) for p in self._watched)
        ):
            self.touch()
        return False

    def close(self) -> None:
        """Stop watching (the window closes)."""
        self._timer.stop()
        app = QApplication.instance()
        if self._filtering and app is not None:
            app.removeEventFilter(self)
            self._filtering = False
