"""How the board table's cells are painted: most cells (not selected, hovered or
focused, their words fitting the cell) by a short way, their words shaped once
(``QStaticText``) and drawn where and in the colour QCommonStyle draws them; every
other cell, and every cell under a style that draws item views its own way, by the
stock ``QStyledItemDelegate``. The table looks the same either way, to the pixel; a
page of rows repaints in under half the time, because the stock way asks the model
for seven roles per cell (a call into Python each) and lays out each cell's words
twice (``QTextLayout``) on every paint.

What is the same for every cell of a paint (the style, the font, the palette's text
colours) is looked up once per paint event (``look``, called by the view).
"""

from __future__ import annotations

from typing import NamedTuple, cast

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QStaticText, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from ui.board.model import Index
from ui.board.table_model import RIGHT_ALIGNED, BoardTableModel

# styles whose item view cells are QCommonStyle's: an unselected cell's background is
# the view's row (alternate colours) and its words are plain text in the palette's colour
COMMON_STYLES = frozenset({"fusion", "windows"})
_S = QStyle.StateFlag
_STOCK_STATES = _S.State_Selected | _S.State_MouseOver | _S.State_HasFocus | _S.State_Editing
_STOCK = _STOCK_STATES.value  # drawn by the style (selection, hover, focus, editing)
_ENABLED, _ACTIVE = _S.State_Enabled.value, _S.State_Active.value
_SHAPED_MOST = 4000  # words kept shaped; a page of rows holds a few hundred


class Shaped(NamedTuple):
    static: QStaticText
    width: float  # how wide the words are drawn (a glyph may reach past its advance)
    advance: float  # where a right-aligned line starts from (the room less this)
    height: int  # the line's


class BoardTableDelegate(QStyledItemDelegate):
    def __init__(self, view: QTableView, model: BoardTableModel) -> None:
        super().__init__(view)
        self.view = view
        self.model = model
        self._short = False  # the short way may be taken (a common style, left to right)
        self._margin = 0
        self._font = QFont()
        self._colours: dict[int, QColor] = {}  # the text's colour by enabled and active
        self._shaped: dict[str, Shaped] = {}
        self.look()

    def look(self) -> None:
        """What every cell of the coming paint shares: the view's style, direction,
        font (words are shaped again when it changes) and palette."""
        view = self.view
        style = view.style()
        self._short = (
            style.name().lower() in COMMON_STYLES
            and view.layoutDirection() == Qt.LayoutDirection.LeftToRight
        )
        self._margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        font = view.font()
        if font != self._font:
            self._font = font
            self._shaped.clear()
        palette, text = view.palette(), QPalette.ColorRole.Text
        group = QPalette.ColorGroup
        self._colours = {
            _ENABLED | _ACTIVE: palette.color(group.Active, text),
            _ENABLED: palette.color(group.Inactive, text),
            _ACTIVE: palette.color(group.Disabled, text),
            0: palette.color(group.Disabled, text),
        }

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        state = option.state.value
        if state & _STOCK or not self._short:
            super().paint(painter, option, index)
            return
        row, col = index.row(), index.column()
        text = self.model.text(row, col)
        if not text:
            return
        static, width, advance, height = self._shape(text)
        x, y, w, h = cast(tuple[int, int, int, int], option.rect.getRect())  # one call
        room = w - 2 * self._margin
        if width > room or height > h:  # wrapped, cut or clipped: the style's own way
            super().paint(painter, option, index)
            return
        colour = self.model.colour(row, col) or self._colours[state & (_ENABLED | _ACTIVE)]
        left = x + self._margin + (room - advance if col in RIGHT_ALIGNED else 0)
        painter.setPen(colour)
        painter.drawStaticText(QPointF(left, y + h // 2 - height // 2), static)  # as alignedRect

    def _shape(self, text: str) -> Shaped:
        """The words shaped, with the widths and line height the style's text layout
        has for them (a fallback font for a symbol can make the line taller)."""
        shaped = self._shaped.get(text)
        if shaped is None:
            if len(self._shaped) >= _SHAPED_MOST:
                self._shaped.clear()
            layout = QTextLayout(text, self._font)
            layout.beginLayout()
            line = layout.createLine()
            line.setLineWidth(1e6)
            layout.endLayout()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=self._font)
            shaped = Shaped(
                static,
                width=line.naturalTextWidth(),
                advance=QFontMetricsF(self._font).horizontalAdvance(text),
                height=int(layout.boundingRect().height() + 0.5),  # as QSizeF.toSize()
            )
            self._shaped[text] = shaped
        return shaped
