"""What gives a counter's scans: the keyboard-wedge scanner always, and the scale and
the serial scanner when the settings name their ports. The scanners' codes go to the
window's route (the page on screen); the scale's settled weights to the pack page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QStatusBar

from app.devices.serial_lines import PortStatus
from app.settings import Settings
from ui.pack.page import PackPage
from ui.pack.scale_feed import ScaleFeed
from ui.pack.station import PackStation
from ui.retranslate import language_changed
from ui.scanner_input import WedgeScanFilter
from ui.serial_scanner import SerialScanner, describe


class SerialPortLine(QLabel):
    """The serial scanner's port's state on the status bar (red while it is away),
    said again in a new language."""

    def __init__(self) -> None:
        super().__init__()
        self.status: PortStatus | None = None

    def show_status(self, status: PortStatus) -> None:
        self.status = status
        self.setText(describe(status))
        self.setStyleSheet("" if status.connected else "color: #b71c1c;")

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event) and self.status is not None:
            self.setText(describe(self.status))
        super().changeEvent(event)


class ScanSources(QObject):
    def __init__(
        self,
        settings: Settings,
        *,
        route: Callable[[str], None],
        pack_page: PackPage,
        station: PackStation,
        status_bar: QStatusBar,
        parent: QObject,
    ) -> None:
        """Each source built, connected and started, in this order: the wedge scanner
        (filtering every key of the application), the scale, the serial scanner (its
        port's state in ``status_bar``)."""
        super().__init__(parent)
        self.wedge_scanner = WedgeScanFilter(parent=self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.wedge_scanner.install(app)
        self.wedge_scanner.scanned.connect(route)
        self.scale: ScaleFeed | None = None
        if settings.scale_port:  # this counter weighs every parcel
            self.scale = ScaleFeed(
                settings.scale_port,
                settings.scale_protocol,
                give=pack_page.scan,
                baudrate=settings.scale_baudrate,
                parent=self,
            )
            pack_page.add_status_widget(self.scale.widget)
            station.answered.connect(self.scale.answered)
            self.scale.start()
        self.serial_scanner: SerialScanner | None = None
        self.serial_status: SerialPortLine | None = None
        if settings.serial_scanner:
            self.serial_status = SerialPortLine()
            status_bar.addPermanentWidget(self.serial_status)
            self.serial_scanner = SerialScanner(
                settings.serial_scanner, baudrate=settings.serial_baudrate, parent=self
            )
            self.serial_scanner.scanned.connect(route)
            self.serial_scanner.status_changed.connect(self.serial_status.show_status)
            self.serial_scanner.start()

    def stop(self) -> None:
        """No key is filtered any more, and the serial ports are let go."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge_scanner)
        if self.serial_scanner is not None:
            self.serial_scanner.stop()
        if self.scale is not None:
            self.scale.stop()
