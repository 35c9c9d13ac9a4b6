"""``packdesk virtual-printer --listen 127.0.0.1:9100 --out DIR [--paper-out]``."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from typing import Any

from app.errors import PackdeskError
from app.printing.errors import plain_errors


def register(sub: Any) -> None:
    p = sub.add_parser(
        "virtual-printer",
        help="a stand-in Zebra on raw TCP that keeps every job as a file",
        description=(
            "Listen like a network label printer, store every job in DIR and answer ~HS. "
            "Touch DIR/PAPER-OUT to report paper out until the file is removed."
        ),
    )
    p.add_argument("--listen", default="127.0.0.1:9100", metavar="HOST:PORT")
    p.add_argument("--out", required=True, type=Path, metavar="DIR")
    p.add_argument("--paper-out", action="store_true", help="report paper out from the start")
    p.set_defaults(handler=plain_errors(run))


def _address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise PackdeskError(f"--listen takes HOST:PORT, such as 127.0.0.1:9100; got {text!r}")
    return host or "127.0.0.1", int(port)


def run(args: argparse.Namespace) -> int:
    from printers.virtual import VirtualPrinter

    host, port = _address(args.listen)
    reader_gone = threading.Event()

    def announce(path: Path) -> None:
        """Each job gets a line; a reader gone away stops the printer (quietly)."""
        try:
            print(f"job {path.name} ({path.stat().st_size} bytes)", flush=True)
        except BrokenPipeError:
            reader_gone.set()
            printer.stop()  # (from the job's own thread, so serve_forever returns)

    try:
        printer = VirtualPrinter(args.out, host, port, paper_out=args.paper_out, on_job=announce)
    except OSError as exc:
        raise PackdeskError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    try:
        print(f"virtual printer on {printer.uri}, jobs in {args.out}", flush=True)
        printer.serve_forever()
    except BrokenPipeError:
        reader_gone.set()
        raise
    finally:
        printer.server.server_close()
        if not reader_gone.is_set():
            print("virtual printer stopped", file=sys.stderr)
    if reader_gone.is_set():
        raise BrokenPipeError("the reader of the job lines went away")
    return 0
