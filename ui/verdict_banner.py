"""The wide banner that says what the last scan did: colour, icon and words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ui.verdict_look import Look, colours


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
        self.tone = "info"
        self.show_look(Look("info", "▶", "info", self.tr("Scan your badge, then an order")), "")

    def show_look(self, look: Look, detail: str) -> None:
        if look.tone != self.tone or not self.styleSheet():
            self.tone = look.tone  # restyling is costly: only when the colour changes
            self.setStyleSheet(_style(look.tone))
        self.icon.setText(look.icon)
        self.headline.setText(look.headline)
        self.detail.setText(detail)


def _style(tone: str) -> str:
    background, text = colours(tone)
    return (
        f"#verdictBanner {{ background: {background}; border-radius: 8px; }}"
        f"QLabel {{ color: {text}; }}"
        "#verdictIcon { font-size: 44pt; }"
        "#verdictHeadline { font-size: 28pt; font-weight: bold; }"
        "#verdictDetail { font-size: 14pt; }"
    )
