"""The pack page's command buttons and keys: each does exactly what its command
barcode does, and never takes the keyboard focus, so a scan is never lost to a
button. SHORT's two variants that say why (NOT-FOUND, DAMAGED) are barcodes only:
F6's SHORT is the button."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from app.packing import Command
from ui.retranslate import Said
from ui.words import command_name

COMMAND_KEYS = (
    (Command.UNDO, "Ctrl+Z"),
    (Command.SHORT, "F6"),
    (Command.HOLD, "F7"),
    (Command.COMPLETE, "F9"),
    (Command.NEXT_PARCEL, "F10"),
    (Command.REPRINT, "F11"),
    (Command.LOGOUT, "F12"),
)


def button(slot: Callable[[], object]) -> QPushButton:
    """A button that never takes a scan's keys."""
    made = QPushButton()
    made.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    made.clicked.connect(lambda _=False: slot())
    return made


def command_grid(run: Callable[[Command], None], said: Said, last: QWidget) -> QGridLayout:
    """Two columns of the commands' buttons, named in the screen's language, and
    ``last`` after them."""
    commands = QGridLayout()
    commands.setSpacing(4)
    for number, (command, key) in enumerate(COMMAND_KEYS):
        made = button(partial(run, command))
        made.setObjectName(f"cmd_{command.name.lower()}")
        said.set(made.setText, partial(_named, command, key))
        commands.addWidget(made, number // 2, number % 2)
    commands.addWidget(last, len(COMMAND_KEYS) // 2, len(COMMAND_KEYS) % 2)
    return commands


def _named(command: Command, key: str) -> str:
    return f"{command_name(command)} ({key})"


def command_keys(page: QWidget, run: Callable[[Command], None]) -> None:
    """The commands' keys, on ``page``."""
    for command, key in COMMAND_KEYS:
        shortcut = QShortcut(QKeySequence(key), page)
        shortcut.activated.connect(lambda c=command: run(c))
