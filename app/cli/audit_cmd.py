"""``packdesk audit verify|list``: the tamper-evident record, checked and read."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from app.cli.common import add_db_option, open_database, whole_number
from app.cli.terminal import table

SHOWN = 20  # breaks printed (``--json`` has the first 200, and the count of all)


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="verify the audit chains, list and export events")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    vf = actions.add_parser(
        "verify", help="check every audit chain; exit 1 if an event was changed or removed"
    )
    vf.add_argument("--json", action="store_true", help="print the report as one JSON object")
    add_db_option(vf)
    vf.set_defaults(handler=run_verify)
    ls = actions.add_parser("list", help="audit events, oldest first, filtered")
    ls.add_argument("--order", metavar="NUMBER", help="an order's events (as its channel wrote it)")
    ls.add_argument("--user", metavar="NAME", help="what this user did")
    ls.add_argument("--action", metavar="A", help="order.cancel, or order for every order.* one")
    ls.add_argument(
        "--since", metavar="TIME", help="from this time (2026-12-01, or 2026-12-01 08:00, local)"
    )
    ls.add_argument(
        "--limit",
        type=whole_number(0, 10_000_000),
        default=500,
        metavar="N",
        help="the newest N events (default 500; 0 for all)",
    )
    out = ls.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the events as a JSON array")
    out.add_argument("--csv", type=Path, metavar="FILE", help="export the events as CSV")
    add_db_option(ls)
    ls.set_defaults(handler=run_list)


def run_verify(args: argparse.Namespace) -> int:
    from app.audit.verify import verify

    report = verify(open_database(args))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        return 0 if report.ok else 1
    for b in report.breaks[:SHOWN]:
        print(b.message)
    if report.broken > SHOWN:
        print(f"... and {report.broken - SHOWN} more breaks (--json lists {len(report.breaks)})")
    heads = [(h.chain, h.seq, h.hash) for h in report.heads]
    print("\n".join(table(("chain", "events", "last hash"), heads, right=(1,))))
    if report.ok:
        print(f"audit ok: {report.events:,} events in {len(report.heads)} chains")
        return 0
    print(f"audit BROKEN: {report.broken} breaks in {report.events:,} events")
    return 1


def run_list(args: argparse.Namespace) -> int:
    from app import settings
    from app.audit.listing import AuditFilter, find, write_csv
    from app.errors import PackdeskError
    from app.timeutil import parse_timestamp

    tz = settings.load().timezone
    try:
        since = parse_timestamp(args.since, tz) if args.since else None
    except ValueError as exc:
        raise PackdeskError(f"--since: {exc}") from None
    wanted = AuditFilter(args.order, args.user, args.action, since, args.limit)
    rows = find(open_database(args), wanted)
    if args.csv:
        print(f"wrote {len(rows)} events to {write_csv(rows, args.csv, tz)}")
    elif args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=1))
    else:
        cells = [
            (
                r.at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"),
                f"{r.chain}#{r.seq}",
                r.user,
                r.action,
                f"{r.entity} {r.entity_id}" if r.entity else "",
                json.dumps(r.details, ensure_ascii=False, sort_keys=True),
            )
            for r in rows
        ]
        head = ("when", "chain", "user", "action", "on", "details")
        print("\n".join(table(head, cells)) if cells else "no audit events found")
    return 0
