"""What can go wrong when a document is built or sent, in words for the counter."""

from __future__ import annotations


class PrintingError(Exception):
    """Base of every error ``printers`` raises on purpose; the message is for people."""


class LayoutError(PrintingError):
    """The content does not fit the label or page, and shrinking was not enough."""


class BarcodeDataError(PrintingError):
    """The data cannot be held by the chosen barcode (or breaks its rules)."""


class TransportError(PrintingError):
    """The bytes could not be delivered: printer off, unreachable, port missing, disk full."""


class PrinterUriError(TransportError):
    """A printer address that cannot be understood."""


class DocumentDataError(PrintingError):
    """The data for a document is missing something it must show (a recipient, a number)."""
