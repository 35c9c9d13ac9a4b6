"""``packdesk orders [--status S] [--json]``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.common import add_db_option, open_database


def register(sub: Any) -> None:
    p = sub.add_parser("orders", help="list orders")
    p.add_argument("--status", help="only orders in this state (new, ready, packing, ...)")
    p.add_argument("--json", action="store_true", help="print a JSON array with lines")
    add_db_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app import orders

    engine = open_database(args)
    if args.json:
        details = orders.order_details(engine, status=args.status)
        print(json.dumps([d.to_json() for d in details], ensure_ascii=False, indent=1))
        return 0
    rows = orders.list_orders(engine, status=args.status)
    for r in rows:
        ship_by = r.ship_by.astimezone().strftime("%Y-%m-%d %H:%M") if r.ship_by else "-"
        print(
            f"{r.channel:<10} {r.number:<16} {r.status.value:<9} {ship_by:<16} "
            f"{r.packed_units:>3}/{r.units:<3} {r.customer}"
        )
    print(f"{len(rows)} orders")
    return 0
