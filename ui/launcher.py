"""The ``packdesk`` console script: the core's CLI, with the window plugged in.

Qt is imported only when the window is actually opened, so ``packdesk --version``
and every other command start without loading PySide6.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def open_window(args: argparse.Namespace) -> int:
    from ui.app import run_window

    return run_window(db_url=getattr(args, "db", None), fullscreen=args.fullscreen)


def main(argv: Sequence[str] | None = None) -> int:
    from app.cli import main as cli_main

    return cli_main(sys.argv[1:] if argv is None else argv, open_window=open_window)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the built program's print process starts here
    raise SystemExit(main())
