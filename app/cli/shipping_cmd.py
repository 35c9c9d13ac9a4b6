"""The commands after packing:

``packdesk carriers list|set``: carriers' profiles (where tracking numbers come from,
the check-digit rule, the API, the cut-off);
``packdesk tracking import FILE --carrier C`` and ``packdesk tracking status``: pools
of tracking numbers; ``packdesk tracking cancellations [--retry]``: shipments to cancel
at carriers' APIs;
``packdesk handover --station NAME --user BADGE --carrier C [--json]``: one label scan
per line on standard input, each answered after it is committed;
``packdesk manifest close --carrier C [--out DIR]``, ``packdesk manifest list`` and
``packdesk manifest files NUMBER --out DIR``: a carrier's day closed into a manifest.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from app.cli.common import (
    acting_user,
    add_as_option,
    add_db_option,
    open_database,
    refuse_control_characters,
)
from app.cli.terminal import cell_text, fit, table

CHECK_RULES = ("none", "ups", "usps", "s10")


def register(sub: Any) -> None:
    _register_carriers(sub)
    _register_tracking(sub)
    _register_handover(sub)
    _register_manifest(sub)


def _register_carriers(sub: Any) -> None:
    p = sub.add_parser("carriers", help="carriers' profiles: tracking numbers, cut-off")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="list the carriers' profiles")
    ls.add_argument("--json", action="store_true")
    add_db_option(ls)
    ls.set_defaults(handler=run_carriers_list)
    st = actions.add_parser("set", help="create or change a carrier's profile")
    st.add_argument("name", help="the carrier as orders name it, e.g. 'SF Express'")
    st.add_argument("--tracking", choices=("pool", "api", "order"), help="where numbers come from")
    st.add_argument("--check", choices=CHECK_RULES, help="the numbers' check-digit rule")
    st.add_argument("--api-url", metavar="URL", help="the carrier's API (with --tracking api)")
    st.add_argument("--api-key", metavar="KEY", help="the key the carrier's API expects")
    st.add_argument("--cutoff", metavar="HH:MM", help="when its truck leaves, local time")
    st.add_argument("--low-at", type=int, metavar="N", help="warn when fewer numbers are left")
    add_as_option(st)
    add_db_option(st)
    st.set_defaults(handler=run_carriers_set)


def _register_tracking(sub: Any) -> None:
    p = sub.add_parser("tracking", help="pools of tracking numbers from the carriers")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import", help="add a carrier's numbers: one per line, FIRST..LAST, or a CSV"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--carrier", required=True, help="the carrier as orders name it")
    imp.add_argument("--check", choices=CHECK_RULES, help="check each number with this rule")
    imp.add_argument("--json", action="store_true")
    add_as_option(imp)
    add_db_option(imp)
    imp.set_defaults(handler=run_tracking_import)
    status = actions.add_parser("status", help="free and used numbers of each carrier")
    status.add_argument("--json", action="store_true")
    add_db_option(status)
    status.set_defaults(handler=run_tracking_status)
    cancels = actions.add_parser(
        "cancellations", help="shipments to cancel at carriers' APIs, not cancelled yet"
    )
    cancels.add_argument(
        "--retry",
        action="store_true",
        help="ask the carriers now: every shipment waiting, given-up ones too",
    )
    cancels.add_argument("--json", action="store_true")
    add_as_option(cancels)
    add_db_option(cancels)
    cancels.set_defaults(handler=run_tracking_cancellations)


def _register_handover(sub: Any) -> None:
    p = sub.add_parser(
        "handover", help="scan parcels out onto a carrier's truck: one label per line"
    )
    p.add_argument("--station", required=True, help="the dock door's name, e.g. dock-1")
    p.add_argument("--user", required=True, metavar="BADGE", help="the loader's badge")
    p.add_argument("--carrier", required=True, help="the carrier whose truck is loaded")
    p.add_argument("--json", action="store_true", help="one JSON object per label")
    add_db_option(p)
    p.set_defaults(handler=run_handover)


def _register_manifest(sub: Any) -> None:
    p = sub.add_parser("manifest", help="close a carrier's day into a manifest")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    close = actions.add_parser("close", help="close the carrier's load: PDF and CSV")
    close.add_argument("--carrier", required=True)
    close.add_argument("--out", type=Path, default=Path("."), metavar="DIR")
    close.add_argument("--user", required=True, metavar="BADGE", help="who closes it")
    close.add_argument("--json", action="store_true")
    add_db_option(close)
    close.set_defaults(handler=run_manifest_close)
    ls = actions.add_parser("list", help="the latest loads and manifests")
    ls.add_argument("--json", action="store_true")
    add_db_option(ls)
    ls.set_defaults(handler=run_manifest_list)
    files = actions.add_parser("files", help="write a closed manifest's PDF and CSV again")
    files.add_argument("number")
    files.add_argument("--out", type=Path, default=Path("."), metavar="DIR")
    add_db_option(files)
    files.set_defaults(handler=run_manifest_files)


def run_carriers_list(args: argparse.Namespace) -> int:
    from app.shipping import carriers

    found = carriers.list_carriers(open_database(args))
    if args.json:
        print(json.dumps([c.to_json() for c in found], ensure_ascii=False, indent=1))
        return 0
    cells = [
        (c.name, c.tracking_source.value, c.check_rule.value, c.cutoff or "", c.api_url or "")
        for c in found
    ]
    if cells:
        print("\n".join(table(("carrier", "numbers from", "check", "cut-off", "api"), cells)))
    print(f"{len(found)} carriers")
    return 0


def run_carriers_set(args: argparse.Namespace) -> int:
    from app.permissions import Action
    from app.shipping import carriers

    refuse_control_characters(args, "name", "api_url", "api_key")
    database = open_database(args)
    actor = acting_user(database, args, Action.CHANGE_CARRIERS)
    profile = carriers.set_carrier(
        database,
        args.name,
        tracking_source=args.tracking,
        check_rule=args.check,
        api_url=args.api_url,
        api_key=args.api_key,
        cutoff=args.cutoff,
        pool_low_at=args.low_at,
        user_id=actor.user_id,
    )
    print(json.dumps(profile.to_json(), ensure_ascii=False))
    return 0


def run_tracking_import(args: argparse.Namespace) -> int:
    from app.permissions import Action
    from app.shipping import tracking_pool

    refuse_control_characters(args, "carrier")
    database = open_database(args)
    actor = acting_user(database, args, Action.CHANGE_CARRIERS)
    done = tracking_pool.import_pool(
        database, args.carrier, args.file, check_rule=args.check, user_id=actor.user_id
    )
    if args.json:
        print(json.dumps(done.to_json(), ensure_ascii=False))
    else:
        print(
            f"{done.added} numbers added to {done.carrier}'s pool "
            f"({done.already_in_pool} were in it already); {done.free} free"
        )
    if done.unused:
        print(
            f"packdesk: {done.carrier} takes its numbers from its {done.tracking_source}, "
            f"not this pool (packdesk carriers set {done.carrier!r} --tracking pool)",
            file=sys.stderr,
        )
    return 0


def run_tracking_status(args: argparse.Namespace) -> int:
    from app.shipping import tracking_pool

    found = tracking_pool.pool_status(open_database(args))
    if args.json:
        print(json.dumps([p.to_json() for p in found], ensure_ascii=False, indent=1))
        return 0
    cells = [
        (p.carrier, p.tracking_source, str(p.free), str(p.used), "LOW" if p.low else "")
        for p in found
    ]
    if cells:
        print("\n".join(table(("carrier", "numbers from", "free", "used", ""), cells)))
    low = [p.carrier for p in found if p.low]
    if low:
        print(f"running low: {', '.join(low)} (import the carriers' next numbers)")
    return 0


def run_tracking_cancellations(args: argparse.Namespace) -> int:
    from app.db import unit_of_work
    from app.dbclock import db_now
    from app.models import AuditEvent
    from app.permissions import Action
    from app.shipping import carrier_cancellations

    database = open_database(args)
    if args.retry:
        actor = acting_user(database, args, Action.CHANGE_CARRIERS)
        due = carrier_cancellations.make_all_due(database)
        with unit_of_work(database) as s:
            s.add(
                AuditEvent(
                    at=db_now(s),
                    user_id=actor.user_id,
                    action="carrier_cancellations.retry",
                    entity="carrier_cancellations",
                    details={"shipments": due},
                )
            )
        for done in carrier_cancellations.run_due(database):
            why = f": {done.error}" if done.error else ""
            said = f"{done.carrier} {done.tracking_number}: {done.state}{why}"
            print(said, file=sys.stderr if args.json else sys.stdout)
    with unit_of_work(database, read_only=True) as s:
        left = carrier_cancellations.waiting(s)
    if args.json:
        print(json.dumps([w.to_json() for w in left], ensure_ascii=False, indent=1))
    elif left:
        cells = [
            (
                w.carrier,
                w.tracking_number,
                w.order_number or "",
                w.why,
                str(w.tries),
                "given up" if w.given_up else "waiting",
                w.last_error or "",
            )
            for w in left
        ]
        header = ("carrier", "tracking", "order", "why", "tries", "", "last error")
        print("\n".join(table(header, cells)))
    else:
        print("no shipment waits to be cancelled at a carrier")
    return 1 if args.retry and any(w.given_up for w in left) else 0


def run_handover(args: argparse.Namespace) -> int:
    from app.cli.scan_cmd import scan_lines
    from app.shipping.dock import Dock

    refuse_control_characters(args, "station", "user", "carrier")
    dock = Dock(
        open_database(args), station=args.station.strip(), user_badge=args.user,
        carrier=args.carrier,
    )  # fmt: skip
    out, stdin = sys.stdout, sys.stdin.fileno()
    for line in scan_lines(lambda size: os.read(stdin, size)):
        if not line.strip():
            continue
        answer = dock.scan(line)
        if args.json:
            out.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
        else:
            out.write(
                f"{fit(answer.outcome.value, 18)} {fit(answer.order or '', 14)} "
                f"{fit(answer.parcel or '', 5)} {cell_text(answer.message)}\n"
            )
        out.flush()
    return 0


def run_manifest_close(args: argparse.Namespace) -> int:
    from app import permissions, users
    from app.permissions import Action
    from app.shipping import manifests

    refuse_control_characters(args, "carrier")
    database = open_database(args)
    user = users.find_by_badge(database, args.user)
    actor = permissions.require(database, user.id if user else None, Action.CLOSE_MANIFEST)
    done = manifests.close_manifest(database, args.carrier, user_id=actor.user_id, out_dir=args.out)
    if args.json:
        print(json.dumps(done.to_json(), ensure_ascii=False))
    else:
        print(
            f"manifest {done.number} closed: {done.parcels} parcels on it, "
            f"{done.missing} missing; {done.pdf} and {done.csv}"
        )
    return 0


def run_manifest_list(args: argparse.Namespace) -> int:
    from app import settings
    from app.shipping import manifests

    zone = settings.load().timezone
    found = manifests.list_manifests(open_database(args))
    if args.json:
        print(json.dumps([m.to_json() for m in found], ensure_ascii=False, indent=1))
        return 0
    cells = [
        (
            m.number,
            m.carrier,
            "open"
            if m.closed_at is None
            else m.closed_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            str(m.parcels),
            f"{m.weight_g / 1000:.1f}",
        )
        for m in found
    ]
    if cells:
        print("\n".join(table(("manifest", "carrier", "closed", "parcels", "kg"), cells)))
    print(f"{len(found)} loads")
    return 0


def run_manifest_files(args: argparse.Namespace) -> int:
    from app.shipping import manifests

    done = manifests.write_files(open_database(args), args.number, args.out)
    print(f"{done.pdf} and {done.csv}")
    return 0
