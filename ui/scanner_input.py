"""Keyboard-wedge scanners anywhere in the window.

A wedge scanner "types" its code as a burst of key presses ending in Enter (or Tab),
typically under 30-50 ms apart; a person types far slower. ``WedgeScanFilter`` is
installed on the application and holds back printable key presses for a few tens of
milliseconds:

- keys that keep coming faster than ``max_gap_ms`` and end in Enter/Tab are a scan:
  they are swallowed and ``scanned`` is emitted once with the whole code, whichever
  widget has the focus (so a scan never lands in a text field by accident);
- keys that stop coming (a person typing) are handed on, unchanged and in order, to
  the widget that had the focus, so typing in a text field still works.

A configured prefix (a character the scanner is set to send first) makes a scan
certain regardless of timing. A field that hides what is typed (a PIN) is left alone:
a PIN typed fast must never become a "scan" and land in the scan log. Input methods
never see a scan: the keys are taken before they reach the focused widget's input
method.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

_END_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_GS = "\x1d"  # a GS1 separator that some scanners send as Ctrl+]
_MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
)


@dataclass(frozen=True)
class WedgeOptions:
    max_gap_ms: int = 50  # slower than this between keys is a person typing
    min_length: int = 3  # shorter bursts are not scans (a double key bounce)
    prefix: str = ""  # optional: a character the scanner sends before every code


def _first_receiver(watched: QWidget) -> QWidget:
    """The widget a key press is delivered to before it propagates to parents."""
    focus = QApplication.focusWidget()
    return focus if focus is not None else watched.window()


def _is_secret(widget: QWidget) -> bool:
    """A field whose text is not shown (a PIN, a password)."""
    return isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal


class _Replayed(QKeyEvent):
    """A held key handed back to its widget; the filter lets it pass."""


class WedgeScanFilter(QObject):
    scanned = Signal(str)

    def __init__(
        self,
        options: WedgeOptions | None = None,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__(parent)
        self.options = options or WedgeOptions()
        # seconds, for the gaps between keys (tests step it: no test waits on the wall clock)
        self.clock = clock
        self._held: list[tuple[QWidget | None, QKeyEvent]] = []
        self._text: list[str] = []
        self._last = 0.0
        self._prefixed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.keys_stopped)

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # every event of the application passes here, a hundred and more for each scan
        # (paints, timers, the answer's delivery): the type test comes first, because
        # ``event.type()`` makes a Python enum on every call and costs several times as much
        if not isinstance(event, QKeyEvent) or isinstance(event, _Replayed):
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(watched, QWidget) or watched is not _first_receiver(watched):
            return False  # handle each key once: where Qt first delivers it
        if not self._held and _is_secret(watched):
            return False  # a PIN typed fast is still a PIN: never a scan, never logged
        return self._key(event)

    def _key(self, event: QKeyEvent) -> bool:
        if event.key() in _MODIFIER_KEYS:
            return False  # scanners press Shift for capitals: part of the burst, not a gap
        now = self.clock()
        gap_ms = (now - self._last) * 1000
        self._last = now
        if event.key() in _END_KEYS:
            if self._text and (self._prefixed or gap_ms <= self.options.max_gap_ms):
                return self._finish()
            self._release()
            return False
        in_burst = bool(self._text) and (self._prefixed or gap_ms <= self.options.max_gap_ms)
        text = self._char(event, in_burst=in_burst)
        if not text:
            self._release()
            return False
        if self._text and gap_ms > self.options.max_gap_ms and not self._prefixed:
            self._release()  # the earlier keys were typed by hand
        if not self._text and self.options.prefix and text == self.options.prefix:
            self._prefixed = True
            self._held.append((None, self._copy(event)))
            self._timer.start(max(self.options.max_gap_ms * 4, 200))
            return True
        self._held.append((QApplication.focusWidget(), self._copy(event)))
        self._text.append(text)
        self._timer.start(
            self.options.max_gap_ms * 4 if self._prefixed else self.options.max_gap_ms
        )
        return True

    @staticmethod
    def _char(event: QKeyEvent, *, in_burst: bool) -> str:
        """The character a key adds to a scan; "" for none (a shortcut, a function key).
        The GS separator comes as Ctrl+] on a US layout; on another layout the same
        key codes make another Ctrl combination, so one inside a burst that types no
        character is GS too (one that does, such as RS, is no part of a code)."""
        if event.text() == _GS:
            return _GS
        mods = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        mods &= ~Qt.KeyboardModifier.KeypadModifier
        if mods == Qt.KeyboardModifier.ControlModifier and (
            event.key() == Qt.Key.Key_BracketRight or (in_burst and not event.text())
        ):
            return _GS
        if mods != Qt.KeyboardModifier.NoModifier:
            return ""  # a shortcut, never part of a code
        text = event.text()
        return text if len(text) == 1 and text.isprintable() else ""

    @staticmethod
    def _copy(event: QKeyEvent) -> QKeyEvent:
        return _Replayed(
            event.type(), event.key(), event.modifiers(), event.text(), event.isAutoRepeat()
        )

    def _finish(self) -> bool:
        code = "".join(self._text)
        if len(code) < self.options.min_length and not self._prefixed:
            self._release()
            return False
        self._timer.stop()
        self._held.clear()
        self._text.clear()
        self._prefixed = False
        self.scanned.emit(code)
        return True

    def keys_stopped(self) -> None:
        """No key came for a while (the timer says so): what is held was typed by a
        person, and goes to its widget; a scan under way with its prefix is given up."""
        self._release()

    def _release(self) -> None:
        """Hand held keys back to the widgets they were meant for, in order."""
        self._timer.stop()
        held, self._held = self._held, []
        self._text.clear()
        self._prefixed = False
        for widget, event in held:
            if widget is not None:
                QApplication.sendEvent(widget, event)
