"""``packdesk scan --station NAME --user BADGE [--json]``: scans from standard input.

One scan per line; each line's verdict is printed (and flushed) only after its
effect is committed, so a caller that reads a verdict knows it is durable.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.cli.common import add_db_option, open_database


def register(sub: Any) -> None:
    p = sub.add_parser("scan", help="pack by scanning: one scan per line on standard input")
    p.add_argument("--station", required=True, help="this counter's name, e.g. counter-1")
    p.add_argument("--user", required=True, metavar="BADGE", help="the packer's badge")
    p.add_argument("--json", action="store_true", help="one JSON object per scan")
    p.add_argument("--gs", metavar="CHAR", help="a character the scanner sends for GS")
    add_db_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app.packing import PackingEngine, PackingOptions

    engine = PackingEngine(
        open_database(args), station=args.station, options=PackingOptions(gs_stand_in=args.gs)
    )
    engine.sign_in(args.user)
    out = sys.stdout
    for line in sys.stdin:
        verdict = engine.scan(line.rstrip("\r\n"))
        if args.json:
            out.write(json.dumps(verdict.to_json(), ensure_ascii=False) + "\n")
        else:
            counts = f"{verdict.packed}/{verdict.ordered}" if verdict.ordered else ""
            out.write(
                f"{verdict.outcome.value:<24} {verdict.order or '':<14} "
                f"{verdict.sku or '':<16} {counts:<7} {verdict.message}\n"
            )
        out.flush()
    return 0
