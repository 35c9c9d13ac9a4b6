"""``packdesk users list``, ``packdesk users add --name N --role R --badge B [--pin P]``,
``packdesk users disable|enable USER``, ``packdesk users set-role USER ROLE`` and
``packdesk users reset-pin USER [--pin P | --no-pin]`` (USER: a badge or a name): all
but ``list`` act as an admin (``--as``, or ``PACKDESK_AS``); a database's first user
is its first admin, added without one. No command prints a badge or a PIN."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.common import (
    acting_user_id,
    add_as_option,
    add_db_option,
    open_database,
    refuse_control_characters,
)
from app.cli.terminal import table

PIN_HELP = "a PIN to sign in with the name (4 to 64 characters); asked for when '-' is given"


def register(sub: Any) -> None:
    p = sub.add_parser("users", help="list, add and manage the people who sign in")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="list users (never their badges or PINs)")
    ls.add_argument("--json", action="store_true")
    add_db_option(ls)
    ls.set_defaults(handler=run_list)
    add = actions.add_parser("add", help="add a user who signs in by badge (or name and PIN)")
    add.add_argument("--name", required=True)
    add.add_argument("--badge", required=True, help="the code on the user's badge")
    add.add_argument("--role", default="packer", help="packer, lead, supervisor or admin")
    add.add_argument("--pin", default=None, help=PIN_HELP)
    add_as_option(add)
    add_db_option(add)
    add.set_defaults(handler=run_add)
    for name, words, handler in (
        ("disable", "a user's badge and PIN sign in nowhere any more", run_disable),
        ("enable", "a disabled user signs in again", run_enable),
    ):
        change = actions.add_parser(name, help=words)
        change.add_argument("user", metavar="USER", help="the user's badge or name")
        add_as_option(change)
        add_db_option(change)
        change.set_defaults(handler=handler)
    role = actions.add_parser("set-role", help="give a user another role")
    role.add_argument("user", metavar="USER", help="the user's badge or name")
    role.add_argument("role", help="packer, lead, supervisor or admin")
    add_as_option(role)
    add_db_option(role)
    role.set_defaults(handler=run_set_role)
    badge = actions.add_parser("set-badge", help="give a user a new badge (the old one is void)")
    badge.add_argument("user", metavar="USER", help="the user's badge or name")
    badge.add_argument("--badge", required=True, help="the code on the new badge")
    add_as_option(badge)
    add_db_option(badge)
    badge.set_defaults(handler=run_set_badge)
    key = actions.add_parser(
        "new-badge-key",
        help="the database's badge key is lost: use this computer's (every badge is void)",
    )
    key.add_argument("--confirm", action="store_true", help="yes, every badge is to be given again")
    add_as_option(key)
    add_db_option(key)
    key.set_defaults(handler=run_new_badge_key)
    reset = actions.add_parser("reset-pin", help="give a user a new PIN (and end a lock-out)")
    reset.add_argument("user", metavar="USER", help="the user's badge or name")
    which = reset.add_mutually_exclusive_group()
    which.add_argument("--pin", default="-", help=PIN_HELP + " (the default)")
    which.add_argument("--no-pin", action="store_true", help="no PIN: the badge only")
    add_as_option(reset)
    add_db_option(reset)
    reset.set_defaults(handler=run_reset_pin)


def run_list(args: argparse.Namespace) -> int:
    from app import users
    from app.timeutil import utcnow

    rows = users.list_users(open_database(args))
    now = utcnow()
    listed: list[dict[str, Any]] = [
        {
            "name": r.name,
            "role": r.role.value,
            "active": r.active,
            "has_pin": r.has_pin,
            "locked": r.locked_until is not None and r.locked_until > now,
        }
        for r in rows
    ]
    if args.json:
        print(json.dumps(listed, ensure_ascii=False, indent=1))
        return 0
    if rows:
        header = ("name", "role", "active", "PIN", "locked")
        yes = {True: "yes", False: "no"}
        cells = [
            (u["name"], u["role"], yes[u["active"]], yes[u["has_pin"]], yes[u["locked"]])
            for u in listed
        ]
        print("\n".join(table(header, cells)))
    print(f"{len(rows)} users")
    return 0


def _new_pin(given: str | None, name: str) -> str | None:
    """The PIN given, or typed twice at the terminal for ``-``."""
    if given != "-":
        return given
    import getpass
    import sys

    from app.errors import PackdeskError

    if not sys.stdin.isatty():
        raise PackdeskError("--pin -: no terminal to type the PIN in; give it with --pin.")
    first = getpass.getpass(f"New PIN for {name}: ")
    if getpass.getpass("The same PIN again: ") != first:
        raise PackdeskError("The two PINs differ; nothing was changed.")
    return first


def run_add(args: argparse.Namespace) -> int:
    from app import users

    refuse_control_characters(args, "name", "badge", "role")
    database = open_database(args)
    actor = acting_user_id(database, args)
    row = users.add_user(
        database,
        name=args.name,
        badge=args.badge,
        role=args.role,
        pin=_new_pin(args.pin, args.name),
        acting_user_id=actor,
    )
    print(f"added {row.role.value} {row.name}" + (" (with a PIN)" if row.has_pin else ""))
    return 0


def run_disable(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def run_enable(args: argparse.Namespace) -> int:
    return _set_active(args, True)


def _set_active(args: argparse.Namespace, active: bool) -> int:
    from app import users

    database = open_database(args)
    actor = acting_user_id(database, args)
    row = users.set_active(database, args.user, active, acting_user_id=actor)
    print(f"{row.name} is {'enabled' if active else 'disabled'}")
    return 0


def run_set_role(args: argparse.Namespace) -> int:
    from app import users

    database = open_database(args)
    actor = acting_user_id(database, args)
    row = users.set_role(database, args.user, args.role, acting_user_id=actor)
    print(f"{row.name} is now a {row.role.value}")
    return 0


def run_reset_pin(args: argparse.Namespace) -> int:
    from app import users

    database = open_database(args)
    actor = acting_user_id(database, args)
    pin = None if args.no_pin else _new_pin(args.pin, args.user.strip())
    row = users.reset_pin(database, args.user, pin, acting_user_id=actor)
    print(f"{row.name} has a new PIN" if row.has_pin else f"{row.name} signs in by badge only")
    return 0


def run_set_badge(args: argparse.Namespace) -> int:
    from app import users

    refuse_control_characters(args, "badge")
    database = open_database(args)
    actor = acting_user_id(database, args)
    row = users.set_badge(database, args.user, args.badge, acting_user_id=actor)
    print(f"{row.name} has a new badge")
    return 0


def run_new_badge_key(args: argparse.Namespace) -> int:
    from app import users
    from app.errors import PackdeskError

    if not args.confirm:
        raise PackdeskError(
            "Every badge of this database will have to be given again (users set-badge): "
            "add --confirm if its badge key is lost for good."
        )
    database = open_database(args, check_key=False)
    actor = acting_user_id(database, args)
    undone = users.replace_badge_key(database, acting_user_id=actor)
    print(f"this computer's badge key is the database's now; {undone} badges to give again")
    return 0
