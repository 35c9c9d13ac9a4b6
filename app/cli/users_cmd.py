"""``packdesk users list|add``."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from app.cli.common import add_db_option, open_database, refuse_control_characters
from app.cli.terminal import table


def register(sub: Any) -> None:
    p = sub.add_parser("users", help="list or add packers and supervisors")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="list users")
    ls.add_argument("--json", action="store_true")
    add_db_option(ls)
    ls.set_defaults(handler=run_list)
    add = actions.add_parser("add", help="add a user who signs in with a badge")
    add.add_argument("--name", required=True)
    add.add_argument("--badge", required=True, help="the code on the user's badge")
    add.add_argument("--role", default="packer", help="packer, supervisor or admin")
    add_db_option(add)
    add.set_defaults(handler=run_add)


def run_list(args: argparse.Namespace) -> int:
    from app import users

    rows = users.list_users(open_database(args))
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
        return 0
    if rows:
        header = ("badge", "role", "name", "active")
        cells = [(r.badge, r.role.value, r.name, "yes" if r.active else "no") for r in rows]
        print("\n".join(table(header, cells)))
    print(f"{len(rows)} users")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from app import users

    refuse_control_characters(args, "name", "badge", "role")
    row = users.add_user(open_database(args), name=args.name, badge=args.badge, role=args.role)
    print(f"added {row.role.value} {row.name} (badge {row.badge})")
    return 0
