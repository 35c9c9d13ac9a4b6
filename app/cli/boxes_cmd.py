"""``packdesk boxes list [--json]``, ``packdesk boxes add --code CODE --name NAME
--tare-g G [--size LxWxH]`` and ``packdesk boxes import FILE``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.cli.common import (
    acting_user,
    add_as_option,
    add_db_option,
    open_database,
    refuse_control_characters,
)
from app.cli.terminal import table
from app.errors import PackdeskError


def register(sub: Any) -> None:
    p = sub.add_parser("boxes", help="the boxes and bags the counters pack into")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="list the boxes")
    ls.add_argument("--json", action="store_true")
    add_db_option(ls)
    ls.set_defaults(handler=run_list)
    add = actions.add_parser("add", help="add a box: its barcode, name and tare weight")
    add.add_argument("--code", required=True, help="the box's barcode, e.g. BOX-M3")
    add.add_argument("--name", required=True)
    add.add_argument("--tare-g", required=True, metavar="G", help="what the empty box weighs")
    add.add_argument("--size", default="", metavar="LxWxH", help="inner size in millimetres")
    add_as_option(add)
    add_db_option(add)
    add.set_defaults(handler=run_add)
    imp = actions.add_parser(
        "import", help="add or update boxes from a CSV file (code, name, tare_g, size)"
    )
    imp.add_argument("file", type=Path)
    add_as_option(imp)
    add_db_option(imp)
    imp.set_defaults(handler=run_import)


def run_list(args: argparse.Namespace) -> int:
    from app import boxes

    found = boxes.list_boxes(open_database(args))
    if args.json:
        print(json.dumps([b.to_json() for b in found], ensure_ascii=False, indent=1))
        return 0
    cells = [
        (b.code, b.name, str(b.tare_g), "x".join(map(str, b.size_mm)) if b.size_mm else "")
        for b in found
    ]
    if cells:
        print("\n".join(table(("code", "name", "tare g", "inner mm"), cells)))
    print(f"{len(found)} boxes")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from app import boxes

    refuse_control_characters(args, "code", "name")
    try:
        box = boxes.checked_box(args.code, args.name, args.tare_g, args.size)
    except ValueError as exc:
        raise PackdeskError(f"Box not added: {exc}.") from None
    engine = open_database(args)
    boxes.add_boxes(engine, [box], user_id=_admin(engine, args))
    print(f"added box {box.code} ({box.name}, {box.tare_g} g)")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from app import boxes

    found = boxes.read_boxes_file(args.file)
    engine = open_database(args)
    stored = boxes.add_boxes(engine, found, replace=True, user_id=_admin(engine, args))
    print(f"{stored} boxes imported from {args.file}")
    return 0


def _admin(engine: Any, args: argparse.Namespace) -> int:
    """Who changes the boxes (their tares decide every weight check): an admin's
    setting (``--as BADGE``)."""
    from app.permissions import Action

    return int(acting_user(engine, args, Action.CHANGE_SETTINGS).user_id)
