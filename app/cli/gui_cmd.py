"""``packdesk [gui] [--fullscreen]``: open the window.

The core never imports Qt, so the window itself is handed in by the launcher in
``ui/`` (the installed ``packdesk`` script); ``app.cli`` used on its own says the
window is not available.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli.common import add_db_option
from app.errors import PackdeskError

WindowOpener = Callable[[argparse.Namespace], int]


def register(sub: Any) -> None:
    p = sub.add_parser("gui", help="open the application (the default)")
    add_gui_options(p)
    add_db_option(p)
    p.set_defaults(handler=run)


def add_gui_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fullscreen",
        action="store_true",
        default=False,
        help="open full-screen (wall displays, counters)",
    )


def run(args: argparse.Namespace) -> int:
    opener: WindowOpener | None = getattr(args, "open_window", None)
    if opener is None:
        raise PackdeskError(
            "The window is not part of this installation; "
            "start Packdesk with the 'packdesk' command."
        )
    return opener(args)
