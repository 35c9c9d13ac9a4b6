"""The Settings page: which station and database this window works on, and the
settings every document shares (``ui.document_settings``), in a scrolling column so
it fits a small counter screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget
from sqlalchemy import Engine

from ui.document_settings import DocumentSettings
from ui.words import filled


class SettingsPage(QWidget):
    def __init__(
        self, engine: Engine, station: str, database: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        heading = QLabel(self.tr("Settings"))
        heading.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.where = QLabel(filled(self.tr("Station: %1\nDatabase: %2"), station, database))
        self.where.setObjectName("where")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        documents_heading = QLabel(self.tr("Documents and labels"))
        documents_heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.documents = DocumentSettings(engine, station)

        column = QWidget()
        inner = QVBoxLayout(column)
        inner.addWidget(heading)
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

    def shutdown(self) -> None:
        self.documents.shutdown()
