"""``packdesk users list``, ``packdesk users add --name N --badge B [--role R]``,
``packdesk users disable|enable BADGE`` and ``packdesk users set-role BADGE ROLE``:
all but ``list`` act as an admin (``--as BADGE`` or ``PACKDESK_AS``); a database's
first user is its first admin, added without one."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from app.cli.common import (
    add_as_option,
    add_db_option,
    open_database,
    refuse_control_characters,
)
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
    add.add_argument("--role", default="packer", help="packer, lead, supervisor or admin")
    add_as_option(add)
    add_db_option(add)
    add.set_defaults(handler=run_add)
    for name, words, handler in (
        ("disable", "a user's badge signs in nowhere any more", run_disable),
        ("enable", "a disabled user signs in again", run_enable),
    ):
        change = actions.add_parser(name, help=words)
        change.add_argument("badge")
        add_as_option(change)
        add_db_option(change)
        change.set_defaults(handler=handler)
    role = actions.add_parser("set-role", help="give a user another role")
    role.add_argument("badge")
    role.add_argument("role", help="packer, lead, supervisor or admin")
    add_as_option(role)
    add_db_option(role)
    role.set_defaults(handler=run_set_role)


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
    database = open_database(args)
    actor = _actor_id(database, args)
    row = users.add_user(
        database, name=args.name, badge=args.badge, role=args.role, acting_user_id=actor
    )
    print(f"added {row.role.value} {row.name}")
    return 0


def _actor_id(database: Any, args: argparse.Namespace) -> int | None:
    """The acting user's id, looked up by ``--as`` (the service checks their role)."""
    import os

    from app import users
    from app.cli.common import AS_ENVIRONMENT

    badge = args.as_badge or os.environ.get(AS_ENVIRONMENT, "")
    found = users.find_by_badge(database, badge) if badge.strip() else None
    return found.id if found else None


def run_disable(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def run_enable(args: argparse.Namespace) -> int:
    return _set_active(args, True)


def _set_active(args: argparse.Namespace, active: bool) -> int:
    from app import users

    database = open_database(args)
    row = users.set_active(database, args.badge, active, acting_user_id=_actor_id(database, args))
    print(f"{row.name} is {'enabled' if active else 'disabled'}")
    return 0


def run_set_role(args: argparse.Namespace) -> int:
    from app import users

    database = open_database(args)
    row = users.set_role(database, args.badge, args.role, acting_user_id=_actor_id(database, args))
    print(f"{row.name} is now a {row.role.value}")
    return 0
