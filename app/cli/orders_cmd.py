"""``packdesk orders [--status S] [--json]``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.common import add_db_option, open_database
from app.cli.terminal import table


def register(sub: Any) -> None:
    p = sub.add_parser("orders", help="list orders")
    p.add_argument("--status", help="only orders in this state (new, ready, packing, ...)")
    p.add_argument("--json", action="store_true", help="print a JSON array with lines")
    add_db_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app import orders, settings

    engine = open_database(args)
    if args.json:
        details = orders.order_details(engine, status=args.status)
        print(json.dumps([d.to_json() for d in details], ensure_ascii=False, indent=1))
        return 0
    rows = orders.list_orders(engine, status=args.status)
    tz = settings.load().timezone  # ship-by times in the warehouse's time
    lines = table(
        ("channel", "number", "status", "ship by", "packed", "customer"),
        [
            (
                r.channel,
                r.number,
                r.status.value,
                r.ship_by.astimezone(tz).strftime("%Y-%m-%d %H:%M") if r.ship_by else None,
                f"{r.packed_units}/{r.units}",
                r.customer,
            )
            for r in rows
        ],
        right=(4,),
    )
    if rows:
        print("\n".join(lines))
    print(f"{len(rows)} orders")
    return 0
