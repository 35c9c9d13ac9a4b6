"""The wide banner that says what the last scan did: colour, icon and words.

It is the largest thing on the pack page and scales with it (``fit``): the headline
and the instruction under it grow with the window, so they read from two metres on
a counter PC as on a wall screen. Fonts are set when the size changes, not at each
scan; the tone's colour is painted by the banner itself and its words' colour set on
the labels' palettes, so a change of tone costs a repaint, not a style sheet parsed
and applied again (over a millisecond, on every other scan).

The banner keeps its height between resizes (room for a line of headline and two of
instruction; a longer headline takes the instruction's room) and places its labels
itself: new words never change its size, so they neither move the lines table below
it nor have the whole window's layout redone at every scan.

What it shows is kept as its meaning (``Meaning``: a function that says it in the
screen's language), so a change of language says the current message again in the
new one, from what it means rather than from its words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QWidget

from ui.pack.verdict_look import Look, background, text_colour
from ui.retranslate import language_changed

# what the banner says, said in the current language: its look and the words under it
Meaning = Callable[[], tuple[Look, str]]

MIN_HEIGHT = 150
HEADLINE_SHARE = 0.24  # of the banner's height: the headline's letters
DETAIL_SHARE = 0.135  # the instruction's (two lines of it fit under the headline)
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
        self.tone = ""
        self._line = self._detail_line = 0  # a line of headline, of detail: set by fit
        self._meaning: Meaning = lambda: (Look("info", "▶", "info", ""), "")
        self.fit(MIN_HEIGHT)
        self.say(lambda: (Look("info", "▶", "info", self.tr("Scan your badge, then an order")), ""))

    def fit(self, height: int) -> None:
        """The banner ``height`` pixels high, its words in fonts to match."""
        height = max(MIN_HEIGHT, height)
        if height == self.height() and self._line:
            return
        for label, share, bold in (
            (self.headline, HEADLINE_SHARE, True),
            (self.detail, DETAIL_SHARE, False),
            (self.icon, 0.42, False),
        ):
            font = QFont(label.font())
            font.setPixelSize(max(12, round(height * share)))
            font.setBold(bold)
            label.setFont(font)
        self._line = self.headline.fontMetrics().lineSpacing()
        self._detail_line = self.detail.fontMetrics().lineSpacing()
        self.setFixedHeight(height)
        self._place()

    def say(self, meaning: Meaning) -> Look:
        """Show what ``meaning`` says now, and again in each new language; returns
        the look shown (for its sound and voice)."""
        self._meaning = meaning
        look, detail = meaning()
        self._show(look, detail)
        return look

    def show_look(self, look: Look, detail: str) -> None:
        """Words that are the same in every language (or said again by their owner)."""
        self.say(lambda: (look, detail))

    def _show(self, look: Look, detail: str) -> None:
        if look.tone != self.tone:
            self.tone = look.tone
            colour = QColor(text_colour(look.tone))
            for label in (self.icon, self.headline, self.detail):
                palette = label.palette()
                palette.setColor(QPalette.ColorRole.WindowText, colour)
                label.setPalette(palette)
            self.update()
        self.icon.setText(look.icon)
        self.headline.setText(look.headline)
        self.detail.setText(detail)
        self.detail.setToolTip(detail)
        self._place()

    def set_detail(self, words: Callable[[], str]) -> None:
        """New words under the headline (what printed where), the look kept."""
        before = self._meaning
        self.say(lambda: (before()[0], words()))

    @property
    def meaning(self) -> Meaning:
        return self._meaning

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):  # the same message, in the new language
            look, detail = self._meaning()
            self._show(look, detail)
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        """The icon on the left; the headline over the detail, as high as their words
        need, centred in the height. When they need more than the banner has, the
        detail keeps at least its first line and each shows its first lines."""
        height = self.height()
        margin = max(8, height // 14)
        icon_width = round(height * 0.62)
        self.icon.setGeometry(margin, margin, icon_width, height - 2 * margin)
        left = 2 * margin + icon_width
        width = max(1, self.width() - left - margin)
        room = height - 2 * margin
        detail_height = 0
        if self.detail.text():  # at least its first line, whatever the headline needs
            detail_height = min(self.detail.heightForWidth(width), room - self._line - GAP)
            detail_height = max(detail_height, min(self._detail_line, room - GAP))
        under = GAP + detail_height if detail_height else 0
        top_height = min(self.headline.heightForWidth(width), room - under)
        used = top_height + under
        top = margin + (room - used) // 2
        self.headline.setGeometry(left, top, width, top_height)
        self.detail.setGeometry(left, top + top_height + GAP, width, max(0, detail_height))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background(self.tone)))
        painter.drawRoundedRect(self.rect(), 8, 8)
        painter.end()
