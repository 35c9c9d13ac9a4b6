"""The wide banner that says what the last scan did: colour, icon and words.

Its fonts and white words are styled once; the tone's colour is painted by the banner
itself, so a change of tone costs a repaint, not a style sheet parsed and applied
again to the banner and its labels (over a millisecond, on every other scan).

The banner keeps one height (room for a line of headline and two of detail; a longer
headline takes the detail's room) and places its labels itself: new words never change
its size, so they neither move the lines table below it nor have the whole window's
layout redone at every scan.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from ui.verdict_look import TEXT, Look, background

MARGIN = 12
ICON_WIDTH = 90
GAP = 4  # between the headline and the detail


class VerdictBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictBanner")
        self.icon = QLabel(self)
        self.icon.setObjectName("verdictIcon")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline = QLabel(self)
        self.headline.setObjectName("verdictHeadline")
        self.headline.setWordWrap(True)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.detail = QLabel(self)
        self.detail.setObjectName("verdictDetail")
        self.detail.setWordWrap(True)
        # a detail longer than its room shows its first lines (and whole as a tooltip)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet(_STYLE)
        self.setFixedHeight(self._height())
        self.tone = "info"
        self.show_look(Look("info", "▶", "info", self.tr("Scan your badge, then an order")), "")

    def _height(self) -> int:
        """A line of headline and two of detail, in their styled fonts, measured."""
        for label in (self.headline, self.detail):
            label.ensurePolished()
            label.setText("Ag")
        self._line = self.headline.heightForWidth(1000)
        self._detail_line = self.detail.heightForWidth(1000)
        self.detail.setText("Ag\nAg")
        return max(110, self._line + self.detail.heightForWidth(1000) + GAP + 2 * MARGIN)

    def show_look(self, look: Look, detail: str) -> None:
        if look.tone != self.tone:
            self.tone = look.tone
            self.update()
        self.icon.setText(look.icon)
        self.headline.setText(look.headline)
        self.detail.setText(detail)
        self.detail.setToolTip(detail)
        self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        """The icon on the left; the headline over the detail, as high as their words
        need, centred in the height. When they need more than the banner has, the
        detail keeps at least its first line and each shows its first lines."""
        height = self.height()
        self.icon.setGeometry(MARGIN, MARGIN, ICON_WIDTH, height - 2 * MARGIN)
        left = 2 * MARGIN + ICON_WIDTH
        width = max(1, self.width() - left - MARGIN)
        room = height - 2 * MARGIN
        detail_height = 0
        if self.detail.text():  # at least its first line, whatever the headline needs
            detail_height = min(self.detail.heightForWidth(width), room - self._line - GAP)
            detail_height = max(detail_height, min(self._detail_line, room - GAP))
        under = GAP + detail_height if detail_height else 0
        top_height = min(self.headline.heightForWidth(width), room - under)
        used = top_height + under
        top = MARGIN + (room - used) // 2
        self.headline.setGeometry(left, top, width, top_height)
        self.detail.setGeometry(left, top + top_height + GAP, width, max(0, detail_height))

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
