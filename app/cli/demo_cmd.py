"""``packdesk demo [--orders N]`` (being written)."""

from __future__ import annotations

import argparse
from typing import Any

from app.errors import PackdeskError


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="create or top up a demo database")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    raise PackdeskError("demo is not available yet")
