"""The Settings page: the screen's language (applied at once on every page, kept in
the settings file), which station and database this window works on, and the
settings every document shares (``ui.document_settings``), in a scrolling column so
it fits a small counter screen.

The language is this computer's, not the warehouse's data: anyone may choose it,
signed in or not. The printing settings are an admin's to change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from ui.document_settings import DocumentSettings
from ui.language import CHOICES
from ui.retranslate import Said, language_changed
from ui.window_session import WindowSession
from ui.words import filled


class SettingsPage(QWidget):
    language_chosen = Signal(str)  # "auto", "zh_CN" or "en"

    def __init__(
        self,
        engine: Engine,
        station: str,
        database: str,
        parent: QWidget | None = None,
        *,
        language: str = "auto",
        session: WindowSession | None = None,
    ) -> None:
        super().__init__(parent)
        self.said = Said()
        heading = QLabel()
        heading.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.said.set(heading.setText, lambda: self.tr("Settings"))
        self.where = QLabel()
        self.said.set(
            self.where.setText,
            lambda: filled(self.tr("Station: %1\nDatabase: %2"), station, database),
        )
        self.where.setObjectName("where")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        language_label = QLabel()
        self.said.set(language_label.setText, lambda: self.tr("Language"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for choice in CHOICES:
            self.language.addItem("", choice)
        # each language by its own name; the system's choice in the screen's language
        self.language.setItemText(CHOICES.index("zh_CN"), "中文（简体）")
        self.language.setItemText(CHOICES.index("en"), "English")
        self.said.set(
            lambda text: self.language.setItemText(CHOICES.index("auto"), text),
            lambda: self.tr("Follow the system"),
        )
        self.language.setCurrentIndex(CHOICES.index(language) if language in CHOICES else 0)
        self.language.activated.connect(
            lambda i: self.language_chosen.emit(self.language.itemData(i))
        )
        language_row = QHBoxLayout()
        language_row.addWidget(language_label)
        language_row.addWidget(self.language)
        language_row.addStretch(1)
        documents_heading = QLabel()
        self.said.set(documents_heading.setText, lambda: self.tr("Documents and labels"))
        documents_heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.documents = DocumentSettings(engine, station, session=session)

        column = QWidget()
        inner = QVBoxLayout(column)
        inner.addWidget(heading)
        inner.addLayout(language_row)
        inner.addWidget(self.where)
        inner.addSpacing(8)
        inner.addWidget(documents_heading)
        inner.addWidget(self.documents)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def show_language(self, language: str) -> None:
        """The language in use, chosen here or elsewhere."""
        if language in CHOICES:
            self.language.setCurrentIndex(CHOICES.index(language))

    def scan(self, code: str, otherwise: Callable[[str], None] | None = None) -> None:
        """A scan while this page is on screen: a badge signs in; any other code goes
        to ``otherwise``."""
        self.documents.strip.scanned(code, otherwise)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
        super().changeEvent(event)

    def shutdown(self) -> None:
        self.documents.shutdown()
