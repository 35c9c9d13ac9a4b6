"""A document on screen before (or after) it is printed: a label or a slip as a PNG
in a zoomable view, or a PDF printer's job through QtPdf when this build has it.

The bytes are rendered off the GUI thread by the caller (``app.printing.preview``);
this window only shows them.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app.packing.station_view import StationView
from app.printing.config import PrintingConfig
from app.printing.preview import Preview, order_preview
from ui.retranslate import Said, language_changed
from ui.words import filled
from ui.workers import TaskQueue

try:  # QtPdf is an add-on module; a build without it shows PDFs as a note
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    HAS_QTPDF = True
except ImportError:  # pragma: no cover - depends on the PySide6 build
    HAS_QTPDF = False


class ImageView(QGraphicsView):
    """A PNG that fits the window until zoomed."""

    def __init__(self, pixmap: QPixmap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewImage")
        self.scene_ = QGraphicsScene(self)
        self.item = QGraphicsPixmapItem(pixmap)
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene_.addItem(self.item)
        self.setScene(self.scene_)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(Qt.GlobalColor.lightGray)
        self.fitted = True

    def fit(self) -> None:
        self.fitted = True
        self.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float) -> None:
        self.fitted = False
        self.scale(factor, factor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted:
            self.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fitted:
            self.fit()


class PreviewDialog(QDialog):
    def __init__(self, preview: Preview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(filled(self.tr("Preview: %1"), preview.title))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(720, 900)
        self.image: ImageView | None = None
        self.pdf_view: QWidget | None = None
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        if preview.format == "pdf" and HAS_QTPDF:
            self._show_pdf(layout)
        elif preview.format == "pdf":
            note = QLabel(self.tr("This Qt build cannot show PDFs; the job prints as it is."))
            note.setWordWrap(True)
            layout.addWidget(note, 1)
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(preview.data, "PNG")
            image = self.image = ImageView(pixmap)
            layout.addWidget(image, 1)
            for text, slot in (
                (self.tr("Fit"), image.fit),
                (self.tr("Zoom in"), lambda: image.zoom(1.25)),
                (self.tr("Zoom out"), lambda: image.zoom(0.8)),
            ):
                button = QPushButton(text)
                button.clicked.connect(slot)
                buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def _show_pdf(self, layout: QVBoxLayout) -> None:
        self._bytes = QByteArray(self.preview.data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        view = QPdfView(self)
        view.setObjectName("previewPdf")
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view = view
        layout.addWidget(view, 1)


class OrderPreview(QWidget):
    """Buttons on the pack page that preview the open order's waybill and slip (or,
    once it is closed, the last order packed here), drawn off the GUI thread."""

    problem = Signal(str)  # the preview could not be drawn (plain words)

    def __init__(
        self,
        engine: Engine,
        station: str,
        config: PrintingConfig,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.station = station
        self.config = config
        self.order_id: int | None = None
        self.dialog: PreviewDialog | None = None
        self.queue = TaskQueue(f"preview-{station}")
        self.said = Said()
        self.waybill = QPushButton()
        self.said.set(self.waybill.setText, lambda: self.tr("Preview waybill"))
        self.waybill.setObjectName("previewWaybill")
        self.slip = QPushButton()
        self.said.set(self.slip.setText, lambda: self.tr("Preview slip"))
        self.slip.setObjectName("previewSlip")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button, document in ((self.waybill, "waybill"), (self.slip, "slip")):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a scan's keys stay with the scanner
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, d=document: self.preview(d))
            layout.addWidget(button)

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
        super().changeEvent(event)

    def follow(self, view: StationView) -> None:
        """The order on the pack page (kept after it closes, for a look at its labels)."""
        if view.order is not None:
            self.order_id = view.order.id
        for button in (self.waybill, self.slip):
            button.setEnabled(self.order_id is not None)

    def preview(self, document: str) -> None:
        order_id = self.order_id
        if order_id is None:
            return
        engine, station, config = self.engine, self.station, self.config
        self.queue.submit(
            lambda: order_preview(engine, order_id, document, station=station, config=config),
            self.show_preview,
            self._failed,
        )

    def show_preview(self, preview: Preview) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = PreviewDialog(preview, self.window())
        self.dialog.destroyed.connect(self._closed)
        self.dialog.show()

    def _closed(self) -> None:
        self.dialog = None

    def _failed(self, message: str, _bug: bool) -> None:
        self.problem.emit(message)

    def shutdown(self) -> None:
        self.queue.close(wait=True)
