"""``packdesk printers list|add|test|status|jobs|retry|reprint|cancel``."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from app.cli.common import (
    acting_user,
    add_as_option,
    add_db_option,
    label_size,
    open_database,
    refuse_control_characters,
    seconds,
    whole_number,
)
from app.cli.print_jobs import DPIS, report_jobs
from app.cli.terminal import table
from app.errors import PackdeskError
from app.printing.errors import plain_errors


def register(sub: Any) -> None:
    p = sub.add_parser("printers", help="list, add, test and ask label and document printers")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    ls = actions.add_parser("list", help="list printers")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=plain_errors(run_list))

    add = actions.add_parser("add", help="add a printer")
    add.add_argument("--name", required=True)
    add.add_argument(
        "--uri",
        required=True,
        help="tcp://HOST:9100, serial:///dev/ttyUSB0?baudrate=9600, usb:///dev/usb/lp0, "
        "cups://QUEUE, windows://NAME, file:///FOLDER or preview",
    )
    add.add_argument("--language", required=True, choices=("zpl", "tspl", "pdf", "png"))
    add.add_argument("--dpi", type=int, choices=DPIS, default=203)
    add.add_argument("--size", type=label_size, help="label size WIDTHxHEIGHT in mm, e.g. 100x150")
    add.add_argument("--darkness", type=int)
    add.add_argument(
        "--cjk",
        choices=("builtin", "bitmap"),
        default="builtin",
        help="TSPL: Chinese in the printer's TSS24.BF2 font or as bitmaps",
    )
    add.add_argument(
        "--check-status",
        action="store_true",
        help="ask the printer (~HS or ESC !?) before each job; hold jobs while out of paper",
    )
    add.add_argument("--station", help="make it this station's printer")
    add.add_argument("--role", choices=("label", "document"), default="label")
    add_as_option(add)
    add.set_defaults(handler=plain_errors(run_add))

    set_ = actions.add_parser("set", help="change a printer, or add one, as a station's printer")
    set_.add_argument("name", metavar="NAME")
    set_.add_argument("--station", required=True, help="the station whose printer it is")
    set_.add_argument("--role", choices=("label", "document"), default="label")
    set_.add_argument("--uri", help="its address (default: as it is)")
    set_.add_argument("--language", choices=("zpl", "tspl", "pdf", "png"))
    set_.add_argument("--dpi", type=int, choices=DPIS)
    set_.add_argument("--size", type=label_size, help="label size WIDTHxHEIGHT in mm")
    set_.add_argument("--darkness", type=int)
    add_as_option(set_)
    set_.set_defaults(handler=plain_errors(run_set))
    remove = actions.add_parser(
        "remove", help="take a printer off its stations (and delete it if it never printed)"
    )
    remove.add_argument("name", metavar="NAME")
    add_as_option(remove)
    remove.set_defaults(handler=plain_errors(run_remove))

    for name, helptext in (("test", "print the test label"), ("status", "ask the printer")):
        cmd = actions.add_parser(name, help=helptext)
        cmd.add_argument("name", metavar="NAME")
        cmd.add_argument("--timeout", type=seconds, default=3.0)
        cmd.set_defaults(handler=plain_errors(run_test if name == "test" else run_status))

    jobs = actions.add_parser("jobs", help="the print queue")
    jobs.add_argument(
        "--status", choices=("pending", "sending", "done", "failed", "cancelled", "interrupted")
    )
    jobs.add_argument("--limit", type=whole_number(1, 100_000), default=30)
    jobs.set_defaults(handler=plain_errors(run_jobs))
    for name, helptext, handler in (
        ("retry", "send a failed, waiting or interrupted job again now", run_retry),
        ("reprint", "print a job again", run_reprint),
        ("cancel", "cancel a waiting or interrupted job", run_cancel),
    ):
        cmd = actions.add_parser(name, help=helptext)
        cmd.add_argument("job", type=whole_number(1, 2**31 - 1), metavar="JOB")
        add_as_option(cmd)
        cmd.set_defaults(handler=plain_errors(handler))
    for parser in actions.choices.values():
        add_db_option(parser)


def run_list(args: argparse.Namespace) -> int:
    from app.printing import printers

    rows = printers.list_printers(open_database(args))
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))
        return 0
    if rows:
        header = ("name", "language", "dpi", "size", "address")
        cells = [(r.name, r.language, r.dpi, r.size or None, r.uri) for r in rows]
        print("\n".join(table(header, cells, right=(2,))))
    print(f"{len(rows)} printers")
    return 0


def run_add(args: argparse.Namespace) -> int:
    from app.permissions import Action
    from app.printing import printers

    refuse_control_characters(args, "name", "uri", "size", "station")
    database = open_database(args)
    actor = acting_user(database, args, Action.CHANGE_PRINTERS)
    options: dict[str, Any] = {"cjk": args.cjk}
    if args.check_status:
        options["check_status"] = True
    r = printers.add_printer(
        database,
        name=args.name,
        uri=args.uri,
        language=args.language,
        dpi=args.dpi,
        size=args.size,
        darkness=args.darkness,
        options=options,
        station=args.station,
        role=args.role,
        user_id=actor.user_id,
    )
    where = f" for station {args.station} ({args.role})" if args.station else ""
    print(f"added printer {r.name}: {r.language} at {r.uri}{where}")
    return 0


def run_set(args: argparse.Namespace) -> int:
    """The printer ``NAME`` as given, the rest as it is (a new one needs its --uri and
    --language), made the station's ``--role`` printer: a supervisor's."""
    from sqlalchemy import select

    from app.db import unit_of_work
    from app.models import Printer
    from app.permissions import Action
    from app.printing import printers, station

    refuse_control_characters(args, "name", "uri", "size", "station")
    engine = open_database(args)
    actor = acting_user(engine, args, Action.CHANGE_PRINTERS)
    with unit_of_work(engine, read_only=True) as s:
        found = s.scalar(select(Printer).where(Printer.name == args.name))
        now = printers.row(found) if found is not None else None
    if now is None and not (args.uri and args.language):
        raise PackdeskError(f"There is no printer {args.name!r}: give its --uri and --language.")
    r = station.save_printer(
        engine,
        station=args.station,
        role=args.role,
        name=args.name,
        uri=args.uri or (now.uri if now else ""),
        language=args.language or (now.language if now else ""),
        dpi=args.dpi or (now.dpi if now else 203),
        size=args.size if args.size is not None else (now.size or None if now else None),
        darkness=args.darkness if args.darkness is not None else (now.darkness if now else None),
        user_id=actor.user_id,
    )
    print(
        f"printer {r.name}: {r.language} at {r.uri}, station {args.station}'s {args.role} printer"
    )
    return 0


def run_remove(args: argparse.Namespace) -> int:
    from app.permissions import Action
    from app.printing import printers

    engine = open_database(args)
    actor = acting_user(engine, args, Action.CHANGE_PRINTERS)
    if printers.remove_printer(engine, args.name, actor.user_id):
        print(f"printer {args.name} removed")
    else:
        print(f"printer {args.name} taken off its stations (kept for the jobs it printed)")
    return 0


def _printer(args: argparse.Namespace) -> Any:
    from app.db import unit_of_work
    from app.printing import printers

    with unit_of_work(open_database(args), read_only=True) as s:
        return printers.row(printers.by_name(s, args.name))


def run_test(args: argparse.Namespace) -> int:
    from app.printing import build
    from app.printing.config import load
    from printers.documents import A4, LABEL_100X150, PageSize
    from printers.documents.sample import sample_label
    from printers.transports import open_transport

    p = _printer(args)
    if p.label_width_mm and p.label_height_mm:
        size = PageSize(p.size, p.label_width_mm, p.label_height_mm)
    else:
        size = LABEL_100X150 if p.language in ("zpl", "tspl") else A4
    payload = build.render(
        sample_label(size, p.name), p.language, dpi=p.dpi, options=p.options, darkness=p.darkness
    )
    transport = open_transport(p.uri, preview_folder=load().previews(), timeout=args.timeout)
    transport.send(payload, title="printer-test")
    print(f"test label sent to {p.name} ({len(payload)} bytes)")
    return 0


#: the printer addresses whose wire goes both ways, so the printer can be asked
ANSWERING_SCHEMES = ("tcp", "serial", "usb")


def run_status(args: argparse.Namespace) -> int:
    """Exit 0 when the printer is ready, 1 when it is not (paper out, paused, open, or
    off and not answering), 2 when it cannot be asked (unknown name, no status)."""
    from urllib.parse import urlsplit

    from app.printing.config import load
    from printers import status
    from printers.errors import PrinterUriError, TransportError
    from printers.transports import open_transport

    p = _printer(args)
    if p.language not in ("zpl", "tspl"):
        raise PackdeskError(f"{p.name} is a {p.language} printer; it reports no status.")
    scheme = urlsplit(p.uri.strip()).scheme.lower() or p.uri.strip()
    if scheme not in ANSWERING_SCHEMES:
        raise PackdeskError(f"{p.name} is reached by {scheme}, which reports no printer status.")
    transport = open_transport(p.uri, preview_folder=load().previews(), timeout=args.timeout)
    try:
        if p.language == "zpl":
            st: Any = status.zebra_status(transport, args.timeout)
        else:
            st = status.tspl_status(transport, args.timeout)
    except PrinterUriError:
        raise
    except TransportError as exc:  # off, unplugged, unreachable: not ready either
        print(f"{p.name}: not answering ({exc})")
        return 1
    print(f"{p.name}: " + ("ready" if st.ready else ", ".join(st.problems)))
    return 0 if st.ready else 1


def run_jobs(args: argparse.Namespace) -> int:
    from app.printing import jobs

    rows = jobs.list_jobs(open_database(args), status=args.status, limit=args.limit)
    if rows:
        header = ("job", "status", "printer", "document", "format", "order", "tries", "error")
        cells = [
            (j.id, j.status.value, j.printer, j.document, j.format, j.order, j.attempts,
             j.last_error or "")
            for j in rows
        ]  # fmt: skip
        print("\n".join(table(header, cells, right=(0, 6))))
    print(f"{len(rows)} jobs")
    return 0


def run_retry(args: argparse.Namespace) -> int:
    from app.permissions import Action
    from app.printing import jobs

    return _send_again(args, jobs.retry, Action.PACK)


def run_reprint(args: argparse.Namespace) -> int:
    """A duplicate (of a waybill: a second label for one parcel) is a lead's."""
    from app.permissions import Action
    from app.printing import jobs

    return _send_again(args, jobs.reprint, Action.REPRINT)


def _send_again(args: argparse.Namespace, action: Any, allowed: Any) -> int:
    """Retry or reprint job ``args.job`` (as the ``--as`` user, whose role must allow
    ``allowed``), then wait and say where it went."""
    from app.printing.print_service import PrintService

    engine = open_database(args)
    actor = acting_user(engine, args, allowed)
    service = PrintService(engine)
    try:
        row = action(engine, args.job, wake=service.wake, user_id=actor.user_id)
        return report_jobs(engine, service, [row.id])
    finally:
        service.stop()


def run_cancel(args: argparse.Namespace) -> int:
    from app.permissions import Action
    from app.printing import jobs

    engine = open_database(args)
    actor = acting_user(engine, args, Action.CANCEL_PRINT_JOB)
    row = jobs.cancel(engine, args.job, user_id=actor.user_id)
    print(f"job {row.id} cancelled")
    return 0
