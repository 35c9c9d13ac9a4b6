"""The wall display's grid of whole cards: one list, laid out left to right and wrapped,
never scrolled, never selected, drawn by one ``CardDelegate``.

It is opaque: it fills what it repaints in the wall's colour itself, so a new page
repaints the grid alone, never the wall beneath it too. It says when its size changes
(``resized``), also when the wall's size does not (the banner for the database away
shows or goes), so the wall plans its pages again for the cards that fit.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QRegion, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView

from ui.board.cards import CardDelegate
from ui.board.wall_tiles import BACKGROUND


class CardGrid(QListView):
    resized = Signal()

    def __init__(self, model: QAbstractItemModel, delegate: CardDelegate) -> None:
        super().__init__()
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setModel(model)
        self.setItemDelegate(delegate)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.resized.emit()

    def paintEvent(self, e: QPaintEvent) -> None:
        # only where no card goes when a card's image covers its whole cell (4K: 25 MB
        # less to write per page)
        bare = QRegion(e.region())
        model, delegate = self.model(), self.itemDelegate()
        if model is not None and isinstance(delegate, CardDelegate) and delegate.backdrop:
            for row in range(model.rowCount()):
                bare -= QRegion(self.visualRect(model.index(row, 0)))
        if not bare.isEmpty():
            painter = QPainter(self.viewport())
            painter.setClipRegion(bare)
            painter.fillRect(e.rect(), QColor(BACKGROUND))
            painter.end()
        super().paintEvent(e)
