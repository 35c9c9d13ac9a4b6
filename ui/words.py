"""Words for people that several screens share, translatable (QT_TRANSLATE_NOOP)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models import OrderStatus

_STATUS: dict[OrderStatus, str] = {
    OrderStatus.NEW: str(QT_TRANSLATE_NOOP("Status", "New")),
    OrderStatus.READY: str(QT_TRANSLATE_NOOP("Status", "Ready")),
    OrderStatus.PACKING: str(QT_TRANSLATE_NOOP("Status", "Packing")),
    OrderStatus.PACKED: str(QT_TRANSLATE_NOOP("Status", "Packed")),
    OrderStatus.SHIPPED: str(QT_TRANSLATE_NOOP("Status", "Shipped")),
    OrderStatus.ON_HOLD: str(QT_TRANSLATE_NOOP("Status", "On hold")),
    OrderStatus.CANCELLED: str(QT_TRANSLATE_NOOP("Status", "Cancelled")),
}


def status_words(status: OrderStatus) -> str:
    return QCoreApplication.translate("Status", _STATUS[status])
