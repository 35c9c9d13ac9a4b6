"""A serial or USB-CDC scanner in the window: lines become scans, and the port's state
is always visible (connected, unplugged and retrying)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.devices.serial_lines import PortStatus, SerialLineReader
from ui.words import filled


class SerialScanner(QObject):
    scanned = Signal(str)
    status_changed = Signal(object)  # PortStatus

    def __init__(self, port: str, *, baudrate: int = 9600, parent: QObject | None = None):
        super().__init__(parent)
        # the reader's thread emits; Qt queues the signals to this object's (GUI) thread
        self.reader = SerialLineReader(
            port, baudrate=baudrate, on_line=self.scanned.emit, on_status=self.status_changed.emit
        )

    def start(self) -> None:
        self.reader.start()

    def stop(self) -> None:
        self.reader.stop()


def describe(status: PortStatus) -> str:
    """The status bar's words for a scanner port."""
    from PySide6.QtCore import QCoreApplication

    if status.connected:
        text = QCoreApplication.translate("Scanner", "Scanner %1: connected")
        return filled(text, status.port)
    text = QCoreApplication.translate("Scanner", "Scanner %1: %2 (retrying)")
    return filled(text, status.port, status.detail)
