"""``packdesk check [--json]``: the daily consistency check (exit 1 when problems)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.common import add_db_option, open_database
from app.cli.terminal import table


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="find orders packed but not shipped, stray labels, absent stations, "
        "imports that do not add up",
    )
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    add_db_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app import consistency

    report = consistency.check(open_database(args))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        if report.problems:
            cells = [(p.kind, p.message) for p in report.problems]
            print("\n".join(table(("problem", "what was found"), cells)))
        print("no problems found" if report.ok else f"{len(report.problems)} problems found")
    return 0 if report.ok else 1
