"""``packdesk``: the command line (a contract; see the README).

Start-up must stay fast (``packdesk --version`` in well under 0.3 s), so command
modules import the database, Qt and the importers only inside their handlers.
Every command takes ``--db URL`` (or ``PACKDESK_DB_URL``). Problems of the
environment or the input exit non-zero with one line on stderr; the program's own
bugs print a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO, cast

from app import __version__
from app.cli import (
    audit_cmd,
    board_cmd,
    boxes_cmd,
    check_cmd,
    db_cmd,
    demo_cmd,
    evidence_cmd,
    gui_cmd,
    import_cmd,
    kpi_cmd,
    orders_cmd,
    print_cmd,
    printers_cmd,
    products_cmd,
    scale_cmd,
    scan_cmd,
    shipping_cmd,
    users_cmd,
    virtual_printer_cmd,
)
from app.cli.terminal import EscapingStream

#: Each command module has ``register(subparsers)`` which adds its parser and sets
#: ``handler`` (a function of the parsed arguments returning the exit status).
COMMAND_MODULES = (
    gui_cmd,
    demo_cmd,
    import_cmd,
    orders_cmd,
    products_cmd,
    boxes_cmd,
    scan_cmd,
    users_cmd,
    db_cmd,
    board_cmd,
    check_cmd,
    audit_cmd,
    kpi_cmd,
    print_cmd,
    printers_cmd,
    scale_cmd,
    shipping_cmd,
    evidence_cmd,
    virtual_printer_cmd,
)

Handler = Callable[[argparse.Namespace], int]


def build_parser(open_window: gui_cmd.WindowOpener | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="packdesk",
        description="Scanner-verified packing counters: pack, print, supervise.",
    )
    parser.add_argument("--version", action="version", version=f"packdesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="database URL (default: PACKDESK_DB_URL, then the local file)",
    )
    gui_cmd.add_gui_options(parser)  # `packdesk --fullscreen` opens the window too
    parser.set_defaults(handler=gui_cmd.run, open_window=open_window)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


#: The exit status of a command whose reader went away (``packdesk orders | head``):
#: 128 + SIGPIPE, as a Unix tool stopped by the closed pipe ends.
CLOSED_PIPE = 141


def main(
    argv: Sequence[str] | None = None, *, open_window: gui_cmd.WindowOpener | None = None
) -> int:
    """Run one command; ``open_window`` is the window launcher that ``ui`` supplies.

    Whatever a command prints goes out with control characters spelled out (see
    ``terminal``). A reader that closes the pipe early ends the command quietly with
    ``CLOSED_PIPE``: no traceback, nothing on stderr."""
    out, err = sys.stdout, sys.stderr
    if out is not None:  # (None in a windowed program on Windows)
        sys.stdout = cast(TextIO, EscapingStream(out))
    if err is not None:
        sys.stderr = cast(TextIO, EscapingStream(err))
    try:
        try:
            status = _run(argv, open_window)
        except SystemExit:  # --help, --version, a usage error: printed by argparse
            _flush(sys.stdout)
            raise
        _flush(sys.stdout)
        return status
    except BrokenPipeError:
        _stop_writing(out)
        return CLOSED_PIPE
    finally:
        sys.stdout, sys.stderr = out, err


def _run(argv: Sequence[str] | None, open_window: gui_cmd.WindowOpener | None) -> int:
    args = build_parser(open_window).parse_args(argv)
    handler: Handler = args.handler
    from app.errors import PackdeskError

    try:
        return handler(args)
    except PackdeskError as exc:
        print(f"packdesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _flush(stream: TextIO | None) -> None:
    if stream is not None:
        stream.flush()


def _stop_writing(stdout: TextIO | None) -> None:
    """After a closed pipe, what is still buffered for it goes nowhere, so that Python
    does not complain when it flushes the stream on the way out (as the Python docs
    on SIGPIPE advise)."""
    if stdout is None:
        return
    try:
        fd = stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a file (a test's capture): nothing will be flushed to a pipe
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


if __name__ == "__main__":
    raise SystemExit(main())
