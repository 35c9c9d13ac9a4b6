"""``packdesk import FILE [--format ...] [--mapping NAME]`` (being written)."""

from __future__ import annotations

import argparse
from typing import Any

from app.errors import PackdeskError


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="import orders from a file")
    p.add_argument("file")
    p.set_defaults(handler=lambda args: import_and_report(args, kind="orders"))


def import_and_report(args: argparse.Namespace, *, kind: str) -> int:
    raise PackdeskError("import is not available yet")
