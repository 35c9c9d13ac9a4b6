"""``packdesk board [--json] [--cards N]``: the board's columns as text or JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.common import add_db_option, open_database


def register(sub: Any) -> None:
    p = sub.add_parser("board", help="orders per state, most urgent first; stuck orders")
    p.add_argument("--json", action="store_true", help="print the board as one JSON object")
    p.add_argument("--cards", type=int, default=10, help="cards per state (default 10)")
    add_db_option(p)
    p.set_defaults(handler=run)


def _card(c: Any) -> dict[str, Any]:
    return {
        "number": c.number,
        "channel": c.channel,
        "status": c.status.value,
        "customer": c.customer,
        "carrier": c.carrier,
        "expedited": c.expedited,
        "timing": c.timing.value,
        "stuck": c.stuck,
        "lines": c.line_count,
        "units": c.units,
        "packed": c.packed_units,
        "ship_by": c.ship_by.isoformat(),
        "in_state_minutes": int(c.age_in_state.total_seconds() // 60),
        "packer": c.packer,
        "station": c.station,
    }


def run(args: argparse.Namespace) -> int:
    from app import board

    engine = open_database(args)
    snap = board.load_board(engine, cards_per_column=max(args.cards, 0))
    stuck = board.stuck_orders(engine, limit=100)
    if args.json:
        data = {
            "now": snap.now.isoformat(),
            "columns": [
                {
                    "status": col.status.value,
                    "count": col.count,
                    "late": col.late,
                    "at_risk": col.at_risk,
                    "cards": [_card(c) for c in col.cards],
                }
                for col in snap.columns
            ],
            "stuck": [_card(c) for c in stuck],
        }
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    for col in snap.columns:
        print(f"{col.status.value}: {col.count} ({col.late} late, {col.at_risk} at risk)")
        for c in col.cards:
            mark = "!" if c.expedited else " "
            flag = {"late": "LATE", "at_risk": "risk", "on_time": ""}[c.timing.value]
            print(f" {mark} {c.number:<16} {flag:<4} {c.packed_units:>3}/{c.units:<3} {c.customer}")
    print(f"stuck: {len(stuck)}")
    for c in stuck:
        minutes = int(c.age_in_state.total_seconds() // 60)
        print(f"   {c.number:<16} {c.status.value:<8} {minutes} min")
    return 0
