"""The board's filter bar: search, state, channel, carrier, packer, priority, standing,
dates. Emits a plain ``BoardFilter`` whenever something is chosen (typing waits for
a pause)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.board import BoardFilter, DateField, Flag
from app.board.choices import FilterChoices
from app.models import OrderStatus
from app.timeutil import Clock, local_day_bounds, utcnow
from ui.retranslate import Said, language_changed
from ui.words import status_words

TYPING_PAUSE_MS = 300


class BoardFilterBar(QWidget):
    changed = Signal(object)  # BoardFilter

    def __init__(
        self, tz: ZoneInfo, parent: QWidget | None = None, *, clock: Clock = utcnow
    ) -> None:
        super().__init__(parent)
        self.tz = tz
        self.search = QLineEdit()
        self.search.setObjectName("boardSearch")
        self.search.setClearButtonEnabled(True)
        self.said = Said()
        self.said.set(
            self.search.setPlaceholderText,
            lambda: self.tr("Search order, customer, tracking number, SKU — or scan it"),
        )
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._emit)
        self.search.textEdited.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self._emit)

        self.state = self._combo(lambda: self.tr("Open states"))
        for status in OrderStatus:
            self._item(self.state, partial(status_words, status), status)
        self.channel = self._combo(lambda: self.tr("Any channel"))
        self.carrier = self._combo(lambda: self.tr("Any carrier"))
        self.packer = self._combo(lambda: self.tr("Any packer"))
        self.priority = self._combo(lambda: self.tr("Any priority"))
        self._item(self.priority, lambda: self.tr("⚡ Expedited only"), True)
        self._item(self.priority, lambda: self.tr("Normal only"), False)
        self.standing = self._combo(lambda: self.tr("Any standing"))
        self._item(self.standing, lambda: self.tr("⚠ Late"), frozenset({Flag.LATE}))
        self._item(self.standing, lambda: self.tr("◆ At risk"), frozenset({Flag.AT_RISK}))
        self._item(
            self.standing,
            lambda: self.tr("⚠ Late or ◆ at risk"),
            frozenset({Flag.LATE, Flag.AT_RISK}),
        )
        self._item(self.standing, lambda: self.tr("⊗ Stuck"), frozenset({Flag.STUCK}))
        self.date_field = self._combo(lambda: self.tr("Any date"))
        self._item(self.date_field, lambda: self.tr("Ship by"), DateField.SHIP_BY)
        self._item(self.date_field, lambda: self.tr("Ordered"), DateField.ORDERED)
        self._item(self.date_field, lambda: self.tr("Changed"), DateField.UPDATED)
        day = clock().astimezone(tz).date()  # the warehouse's day, not this station's
        today = QDate(day.year, day.month, day.day)
        self.date_from = self._date(today.addDays(-7))
        self.date_to = self._date(today)
        self.clear = QPushButton()
        self.said.set(self.clear.setText, lambda: self.tr("Clear filter"))
        self.clear.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear.clicked.connect(self.reset)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 3)
        for w in (self.state, self.standing, self.priority):
            top.addWidget(w, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        for w in (self.channel, self.carrier, self.packer, self.date_field):
            bottom.addWidget(w, 1)
        bottom.addWidget(self.date_from)
        bottom.addWidget(self.date_to)
        bottom.addWidget(self.clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self._sync_dates()

    def _combo(self, any_words: Callable[[], str]) -> QComboBox:
        box = QComboBox()
        self._item(box, any_words, None)
        box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        box.currentIndexChanged.connect(self._emit)
        return box

    def _item(self, box: QComboBox, words: Callable[[], str], value: object) -> None:
        """A fixed choice, said again in a new language (the lists' own values are not)."""
        index = box.count()
        box.addItem("", value)
        self.said.set(partial(box.setItemText, index), words)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
        super().changeEvent(event)

    def _date(self, day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(self._emit)
        return edit

    def set_choices(self, choices: FilterChoices) -> None:
        """Fill channel, carrier and packer lists, keeping what is chosen."""
        for box, values in (
            (self.channel, [(c, c) for c in choices.channels]),
            (self.carrier, [(c, c) for c in choices.carriers]),
            (self.packer, [(name, uid) for uid, name in choices.packers]),
        ):
            chosen = box.currentData()
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for words, value in values:
                box.addItem(words, value)
            found = box.findData(chosen) if chosen is not None else 0
            box.setCurrentIndex(max(found, 0))
            box.blockSignals(False)

    def reset(self) -> None:
        for box in (self.state, self.channel, self.carrier, self.packer):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        for box in (self.priority, self.standing, self.date_field):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.clear()
        self._emit()

    def set_search(self, text: str) -> None:
        self.search.setText(text)
        self._emit()

    def _sync_dates(self) -> None:
        on = self.date_field.currentData() is not None
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)

    def _emit(self) -> None:
        self._typing.stop()
        self._sync_dates()
        self.changed.emit(self.current())

    def current(self) -> BoardFilter:
        def one(box: QComboBox) -> frozenset[object]:
            value = box.currentData()
            return frozenset() if value is None else frozenset({value})

        date_field = self.date_field.currentData()
        date_from = date_to = None
        if date_field is not None:
            first: date = self.date_from.date().toPython()  # type: ignore[assignment]
            last: date = self.date_to.date().toPython()  # type: ignore[assignment]
            date_from = local_day_bounds(first, self.tz)[0]
            after = local_day_bounds(last + timedelta(days=1), self.tz)[0]
            date_to = max(after, date_from)
        return BoardFilter(
            states=one(self.state),  # type: ignore[arg-type]
            channels=one(self.channel),  # type: ignore[arg-type]
            carriers=one(self.carrier),  # type: ignore[arg-type]
            packer_ids=one(self.packer),  # type: ignore[arg-type]
            expedited=self.priority.currentData(),
            flags=self.standing.currentData() or frozenset(),
            date_field=date_field or DateField.SHIP_BY,
            date_from=date_from,
            date_to=date_to,
            search=self.search.text(),
        )
