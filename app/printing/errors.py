"""Printing errors meet the rest of the application: ``printers`` raises its own
``PrintingError`` (it knows nothing of ``app``); here they become ``PackdeskError``
so the CLI and the window show them as one line for people."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable

from app.errors import PackdeskError
from printers.errors import PrintingError

Handler = Callable[[argparse.Namespace], int]


class PrintingProblem(PackdeskError):
    """A printing error from ``printers`` (layout, barcode data, transport, URI)."""


def plain_errors(handler: Handler) -> Handler:
    @functools.wraps(handler)
    def wrapped(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except PrintingError as exc:
            raise PrintingProblem(str(exc)) from exc

    return wrapped
