"""Words said again when the language changes, without a restart.

A page keeps a ``Said`` of its fixed texts: each one a setter (a label's ``setText``, a
combo's ``setItemText`` for one item...) and a function that says it in the current
language (``lambda: self.tr("Clear filter")``). ``Said.again()`` calls them all; pages
call it from ``changeEvent`` on ``QEvent.Type.LanguageChange``, which Qt sends to every
widget when a translator is installed or removed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt


class Said:
    def __init__(self) -> None:
        self._texts: list[tuple[Callable[[str], object], Callable[[], str]]] = []

    def set(self, setter: Callable[[str], object], words: Callable[[], str]) -> None:
        """Say ``words()`` through ``setter`` now, and again on every language change."""
        setter(words())
        self._texts.append((setter, words))

    def again(self) -> None:
        for setter, words in self._texts:
            setter(words())


def language_changed(event: QEvent) -> bool:
    return event.type() == QEvent.Type.LanguageChange


def model_said_again(model: QAbstractItemModel) -> None:
    """A table model's headers and cells said again (its words are read anew)."""
    columns, rows = model.columnCount(), model.rowCount()
    if columns:
        model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
    if rows and columns:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1))
