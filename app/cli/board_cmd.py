"""``packdesk board [--json] [--cards N]``: the board's columns as text or JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.common import add_db_option, open_database, whole_number
from app.cli.terminal import table


def register(sub: Any) -> None:
    p = sub.add_parser("board", help="orders per state, most urgent first; stuck orders")
    p.add_argument("--json", action="store_true", help="print the board as one JSON object")
    p.add_argument(
        "--cards", type=whole_number(0, 10_000), default=10, help="cards per state (default 10)"
    )
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
    header = ("", "order", "standing", "packed", "customer")
    for col in snap.columns:
        print(f"{col.status.value}: {col.count} ({col.late} late, {col.at_risk} at risk)")
        cards = [
            (
                "!" if c.expedited else "",
                c.number,
                _STANDING[c.timing.value],
                f"{c.packed_units}/{c.units}",
                c.customer,
            )
            for c in col.cards
        ]
        if cards:
            print("\n".join("  " + line for line in table(header, cards, right=(3,))))
    print(f"stuck: {len(stuck)}")
    if stuck:
        cells = [
            (c.number, c.status.value, int(c.age_in_state.total_seconds() // 60)) for c in stuck
        ]
        lines = table(("order", "state", "minutes in state"), cells, right=(2,))
        print("\n".join("  " + line for line in lines))
    return 0


#: a card's standing against its ship-by time, in words (an on-time card says nothing)
_STANDING = {"late": "LATE", "at_risk": "at risk", "on_time": ""}
