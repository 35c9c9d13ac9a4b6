"""Finding packing video without a code to scan: by SKU, packer, counter and the days
it was recorded, as a supervisor answering a claim remembers them. One row above the
board's player; Enter in any field, or Find, asks.

The days are the warehouse's (``display_time``'s zone): "from" is the start of its
first day, "to" the end of its last one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import partial

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.evidence.search import ClipQuery
from ui.evidence.words import said
from ui.retranslate import Said, language_changed

DAYS_BACK = 7  # a search opens on the last week


class ClipSearchBar(QWidget):
    asked = Signal(object)  # a ClipQuery

    def __init__(self, zone: tzinfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.said = Said()
        self.sku = QLineEdit()
        self.packer = QLineEdit()
        self.station = QComboBox()
        self.station.setMinimumContentsLength(10)
        self.since = _date_field()
        self.until = _date_field()
        self.find_button = QPushButton()
        self.find_button.setDefault(True)
        self.find_button.clicked.connect(self.ask)
        for field in (self.sku, self.packer):
            field.setClearButtonEnabled(True)
            field.returnPressed.connect(self.ask)
        keys = ("search_sku", "search_packer", "search_from", "search_to")
        labels = [QLabel() for _ in keys]
        for label, key in zip(labels, keys, strict=True):
            self.said.set(label.setText, partial(said, key))
        self.said.set(self.sku.setPlaceholderText, lambda: said("search_any_sku"))
        self.said.set(self.packer.setPlaceholderText, lambda: said("search_any_packer"))
        self.said.set(self.find_button.setText, lambda: said("search_find"))
        self.said.set(self._say_any_station, lambda: said("search_any_counter"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (
            labels[0], self.sku, labels[1], self.packer, self.station,
            labels[2], self.since, labels[3], self.until, self.find_button,
        ):  # fmt: skip
            row.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
        self.reset_days()

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
        super().changeEvent(event)

    def _say_any_station(self, words: str) -> None:
        if self.station.count() == 0:
            self.station.addItem(words, None)
        else:
            self.station.setItemText(0, words)

    def set_stations(self, names: list[str]) -> None:
        """The counters to choose from (those that recorded), the choice kept."""
        chosen = self.station.currentData()
        while self.station.count() > 1:
            self.station.removeItem(1)
        for name in names:
            self.station.addItem(name, name)
        at = self.station.findData(chosen)
        self.station.setCurrentIndex(max(at, 0))

    def reset_days(self, today: date | None = None) -> None:
        today = today or datetime.now(self.zone).date()
        self.until.setDate(QDate(today.year, today.month, today.day))
        first = today - timedelta(days=DAYS_BACK - 1)
        self.since.setDate(QDate(first.year, first.month, first.day))

    def query(self) -> ClipQuery:
        """What the fields ask: empty text is any; the days as UTC instants."""
        first, last = _day(self.since), _day(self.until)
        if last < first:  # days given the wrong way round: what was meant is clear
            first, last = last, first
        return ClipQuery(
            sku=self.sku.text().strip() or None,
            packer=self.packer.text().strip() or None,
            station=self.station.currentData(),
            since=self._start_of(first),
            until=self._start_of(last + timedelta(days=1)),
        )

    def ask(self) -> None:
        self.asked.emit(self.query())

    def _start_of(self, day: date) -> datetime:
        zone = self.zone or datetime.now().astimezone().tzinfo
        return datetime.combine(day, time(), zone).astimezone(UTC)


def _day(field: QDateEdit) -> date:
    chosen = field.date()
    return date(chosen.year(), chosen.month(), chosen.day())


def _date_field() -> QDateEdit:
    field = QDateEdit()
    field.setCalendarPopup(True)
    field.setDisplayFormat("yyyy-MM-dd")
    field.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    return field


__all__ = ["ClipSearchBar"]
