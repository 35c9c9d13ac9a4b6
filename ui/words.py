"""Words for people that several screens share, translatable (QT_TRANSLATE_NOOP)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models import OrderStatus
from app.packing.command_codes import SHORT_REASONS, Command
from app.packing.words import fill


def filled(template: str, *values: object) -> str:
    """A translated template with its ``%1``, ``%2``... filled in one pass: a value
    that itself holds "%2" (an order number may) stays as it is, where chained
    ``replace`` calls would fill it too. ``filled(self.tr("Order %1"), number)``."""
    return fill(template, tuple(str(v) for v in values))


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


_SHORT_REASONS: dict[str, str] = {
    SHORT_REASONS[Command.SHORT]: str(
        QT_TRANSLATE_NOOP("ShortReason", "marked short at the counter")
    ),
    SHORT_REASONS[Command.NOT_FOUND]: str(QT_TRANSLATE_NOOP("ShortReason", "not found")),
    SHORT_REASONS[Command.DAMAGED]: str(QT_TRANSLATE_NOOP("ShortReason", "damaged")),
}


def short_reason_words(reason: str) -> str:
    """Why a line is short, in the screen's language when a counter's SHORT command
    gave the reason (other text, e.g. an import's, as it is)."""
    known = _SHORT_REASONS.get(reason)
    return QCoreApplication.translate("ShortReason", known) if known else reason


# the commands by the names packers know them by (the pack page's buttons, the banner)
_COMMAND_NAMES: dict[Command, str] = {
    Command.UNDO: str(QT_TRANSLATE_NOOP("Command", "Undo last")),
    Command.SHORT: str(QT_TRANSLATE_NOOP("Command", "Short")),
    Command.NOT_FOUND: str(QT_TRANSLATE_NOOP("Command", "Short (not found)")),
    Command.DAMAGED: str(QT_TRANSLATE_NOOP("Command", "Short (damaged)")),
    Command.HOLD: str(QT_TRANSLATE_NOOP("Command", "Hold")),
    Command.COMPLETE: str(QT_TRANSLATE_NOOP("Command", "Complete")),
    Command.NEXT_PARCEL: str(QT_TRANSLATE_NOOP("Command", "Next parcel")),
    Command.REPRINT: str(QT_TRANSLATE_NOOP("Command", "Reprint")),
    Command.LOGOUT: str(QT_TRANSLATE_NOOP("Command", "Sign out")),
}


def command_name(keyword: str) -> str:
    """A command by its name in the UI's language (its keyword if it is none)."""
    try:
        command = Command(keyword)
    except ValueError:
        return keyword
    return QCoreApplication.translate("Command", _COMMAND_NAMES[command])


_DOCUMENTS: dict[str, str] = {
    "waybill": str(QT_TRANSLATE_NOOP("Document", "Waybill")),
    "slip": str(QT_TRANSLATE_NOOP("Document", "Packing slip")),
    "picklist": str(QT_TRANSLATE_NOOP("Document", "Pick list")),
    "commands": str(QT_TRANSLATE_NOOP("Document", "Command sheet")),
}


def document_words(document: str) -> str:
    """A document's name in the UI's language (its keyword if it is none)."""
    known = _DOCUMENTS.get(document)
    return QCoreApplication.translate("Document", known) if known else document


def orders_count(n: int) -> str:
    """ "1 order", "2,340 orders": the count with its noun in the right number."""
    words = (
        QCoreApplication.translate("Words", "%1 order")
        if n == 1
        else QCoreApplication.translate("Words", "%1 orders")
    )
    return filled(words, f"{n:,}")


def duration_words(minutes: int) -> str:
    """A limit in whole hours ("4 h") or else in minutes ("30 min")."""
    if minutes >= 60 and minutes % 60 == 0:
        return filled(QCoreApplication.translate("Words", "%1 h"), minutes // 60)
    return filled(QCoreApplication.translate("Words", "%1 min"), minutes)
