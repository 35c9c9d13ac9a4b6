"""``packdesk demo [--orders N] [--if-empty]``: a demo warehouse to try Packdesk on."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.common import add_db_option, open_database, whole_number

MAX_ORDERS = 100_000  # at a time: a typing error past that, not a demo


def register(sub: Any) -> None:
    p = sub.add_parser(
        "demo",
        help="create or top up a demo database",
        description="Adds a bilingual catalogue, N realistic orders (numbering continues "
        "on each run) and a packer and a supervisor who sign in by badge.",
    )
    p.add_argument(
        "--orders",
        type=whole_number(0, MAX_ORDERS),
        default=200,
        metavar="N",
        help="orders to add (200)",
    )
    p.add_argument(
        "--if-empty",
        action="store_true",
        help="do nothing when the database already holds orders",
    )
    add_db_option(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from app.demo import create_demo

    engine = open_database(args, create=True)
    result = create_demo(engine, orders=args.orders, if_empty=args.if_empty)
    if args.if_empty and not result.people:
        print(f"demo: the database already holds {result.existing_orders} orders; nothing added")
        return 0
    states = ", ".join(f"{n} {s}" for s, n in sorted(result.by_status.items()))
    print(
        f"demo: {result.orders_created} orders added "
        f"({result.first_number} to {result.last_number}; {states or 'none'}), "
        f"{result.products_created} new products"
    )
    print("sign in by typing or scanning a badge:")
    for badge, person in zip(result.badges, result.people, strict=True):
        print(f"  {badge:<8} {person.role.value:<11} {person.name}")
    return 0
