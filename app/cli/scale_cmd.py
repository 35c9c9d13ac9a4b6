"""``packdesk scale read PORT [--protocol mt-sics|cas|generic]``: each settled weight
as one line, in grams, until stopped."""

from __future__ import annotations

import argparse
import sys
import threading
from decimal import Decimal
from typing import Any

from app.errors import PackdeskError


def register(sub: Any) -> None:
    p = sub.add_parser("scale", help="read a shipping scale")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    read = verbs.add_parser(
        "read",
        help="print each settled weight, in grams, until stopped",
        description=(
            "Open the scale on PORT (a serial device such as /dev/ttyUSB0 or COM3) and "
            "print each weight that settles, one line in grams; what the scale reports "
            "instead of a weight, and unplugging, go to stderr."
        ),
    )
    read.add_argument("port", metavar="PORT")
    read.add_argument("--protocol", choices=("mt-sics", "cas", "generic"), default="mt-sics")
    read.add_argument("--baud", type=int, default=9600, metavar="N")
    read.add_argument(
        "--window", type=float, default=1.0, metavar="S", help="seconds a weight must hold"
    )
    read.add_argument(
        "--count", type=int, default=0, metavar="N", help="stop after N weights (0: never)"
    )
    read.set_defaults(handler=run)


def grams_text(grams: Decimal, division: Decimal) -> str:
    """A weight in grams with as many decimals as the scale's division shows (at most
    two: a pound's hundredth is 4.5359237 g)."""
    exponent = division.normalize().as_tuple().exponent
    decimals = min(2, max(0, -exponent)) if isinstance(exponent, int) else 0
    return f"{grams:.{decimals}f}"


def run(args: argparse.Namespace) -> int:
    from app.devices.scale import ScaleReader
    from app.shipping.settling import SettledWeight

    if args.window <= 0 or args.count < 0:
        raise PackdeskError("--window takes seconds above 0, --count a number of 0 or more")
    done = threading.Event()
    printed = 0
    gone: list[BaseException] = []

    def weighed(weight: SettledWeight) -> None:
        nonlocal printed
        try:
            print(grams_text(weight.grams, weight.division), flush=True)
        except BrokenPipeError as exc:  # the reader went away: stop quietly
            gone.append(exc)
            done.set()
            return
        printed += 1
        if args.count and printed >= args.count:
            done.set()

    def note(words: str) -> None:
        print(words, file=sys.stderr, flush=True)

    reader = ScaleReader(
        args.port,
        args.protocol,
        on_weight=weighed,
        on_note=note,
        baudrate=args.baud,
        window=args.window,
    )
    reader.start()
    try:
        while not done.wait(0.2):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        reader.stop()
    if gone:
        raise BrokenPipeError("the reader of the weights went away")
    return 0
