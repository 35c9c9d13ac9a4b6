"""The wide banner that says what the last scan did: colour, icon and words.

Its fonts and white words are styled once; the tone's colour is painted by the banner
itself, so a change of tone costs a repaint, not a style sheet parsed and applied
again to the banner and its labels (over a millisecond, on every other scan).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.verdict_look import TEXT, Look, background


class VerdictBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.setMinimumHeight(110)
        self.icon = QLabel()
        self.icon.setObjectName("verdictIcon")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon.setMinimumWidth(90)
        self.headline = QLabel()
        self.headline.setObjectName("verdictHeadline")
        self.headline.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("verdictDetail")
        self.detail.setWordWrap(True)
        words = QVBoxLayout()
        words.addWidget(self.headline)
        words.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.addWidget(self.icon)
        row.addLayout(words, 1)
        self.setStyleSheet(_STYLE)
        self.tone = "info"
        self.show_look(Look("info", "▶", "info", self.tr("Scan your badge, then an order")), "")

    def show_look(self, look: Look, detail: str) -> None:
        if look.tone != self.tone:
            self.tone = look.tone
            self.update()
        self.icon.setText(look.icon)
        self.headline.setText(look.headline)
        self.detail.setText(detail)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background(self.tone)))
        painter.drawRoundedRect(self.rect(), 8, 8)
        painter.end()


_STYLE = (
    f"QLabel {{ color: {TEXT}; }}"
    "#verdictIcon { font-size: 44pt; }"
    "#verdictHeadline { font-size: 28pt; font-weight: bold; }"
    "#verdictDetail { font-size: 14pt; }"
)
