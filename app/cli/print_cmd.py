"""``packdesk print ORDER... --doc slip|waybill|picklist|commands [--printer NAME | --out
FILE] [--format zpl|tspl|pdf|png]``.

With ``--out`` the document is written to a file and nothing is queued. With
``--printer`` (or with neither, on the preview printer) jobs go through the spool like
any other and the command waits until they are printed.

A waybill printed here is a second label for a parcel that has one (the counter
prints the first when the order is packed): it needs a lead or above (``--as BADGE``,
the reprint permission) and is recorded in the audit (``print.waybill``) on each
order, whether it went to a printer or a file; to a printer, each parcel's is a job of
its own, for its order and parcel, as the counter queues them (the spool asks each
before it sends it, and a reopen of its order cancels it). It is refused for an order
that is not packed or shipped (``app.shipping.waybill_rule``; recorded as
``waybill.refused``), as read with the order locked in the transaction that queues the
jobs or records the file."""

from __future__ import annotations

import argparse
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from app.cli.common import acting_user, add_as_option, add_db_option, open_database, seconds
from app.cli.print_jobs import DPIS, report_jobs
from app.errors import PackdeskError
from app.printing.errors import plain_errors

EXTENSIONS = {".zpl": "zpl", ".tspl": "tspl", ".prn": "tspl", ".pdf": "pdf", ".png": "png"}


def register(sub: Any) -> None:
    p = sub.add_parser("print", help="print or save an order's slip, waybill, pick list")
    p.add_argument(
        "orders", nargs="*", metavar="ORDER", help="order number(s) as the channel wrote them"
    )
    p.add_argument("--doc", required=True, choices=("slip", "waybill", "picklist", "commands"))
    where = p.add_mutually_exclusive_group()
    where.add_argument("--printer", metavar="NAME", help="a printer from `packdesk printers list`")
    where.add_argument("--out", type=Path, metavar="FILE", help="write the document to FILE")
    p.add_argument("--format", choices=("zpl", "tspl", "pdf", "png"))
    p.add_argument("--size", help="page or label size: 100x150, 100x180, 76x130, a4, letter")
    p.add_argument("--dpi", type=int, choices=DPIS, default=203)
    p.add_argument("--channel", help="the order's channel, when two channels share a number")
    p.add_argument("--timeout", type=seconds, default=30.0, help="seconds to wait for the printer")
    add_as_option(p)
    add_db_option(p)
    p.set_defaults(handler=plain_errors(run))


def _orders(s: Any, numbers: list[str], channel: str | None) -> list[Any]:
    from sqlalchemy import select

    from app.models import Order

    found = []
    for number in numbers:
        query = select(Order).where(Order.external_number == number)
        if channel:
            query = query.where(Order.channel == channel)
        rows = list(s.scalars(query))
        if not rows:
            raise PackdeskError(
                f"No order {number!r}" + (f" in channel {channel}" if channel else "")
            )
        if len(rows) > 1:
            channels = ", ".join(sorted(r.channel for r in rows))
            raise PackdeskError(
                f"Order {number!r} exists in several channels ({channels}): add --channel."
            )
        found.append(rows[0])
    return found


def _document(s: Any, args: argparse.Namespace, orders: list[Any], printer: Any) -> Any:
    from app.printing import build
    from app.printing.config import load
    from printers import documents as docs
    from printers.layout import Document, Page

    config = load()
    size = _size(args)
    if args.doc == "commands":
        return docs.command_sheet(build.commands_data(), size or build.paper_size(printer, config))
    if args.doc == "picklist":
        batch = orders[0].external_number if len(orders) == 1 else f"{len(orders)} orders"
        listing = build.picklist_data(s, orders, batch)
        return docs.pick_list(listing, size or build.paper_size(printer, config))
    pages: list[Page] = []
    for order in orders:
        if args.doc == "slip":
            doc = docs.packing_slip(
                build.slip_data(s, order, config), size or build.paper_size(printer, config)
            )
            pages.extend(doc.pages)
        else:
            pages.extend(p for _, doc in _waybills(s, args, order, printer) for p in doc.pages)
    return Document(tuple(pages), f"{args.doc} {' '.join(o.external_number for o in orders)}")


def _size(args: argparse.Namespace) -> Any:
    from printers.documents.sizes import page_size

    try:
        return page_size(args.size) if args.size else None
    except ValueError as exc:
        raise PackdeskError(str(exc)) from None


def _waybills(s: Any, args: argparse.Namespace, order: Any, printer: Any) -> list[Any]:
    """The order's waybills: each parcel's, with its parcel."""
    from app.printing import build
    from app.printing.config import load
    from printers import documents as docs

    config, size = load(), _size(args)
    parcels = build.parcels(s, order.id)
    return [
        (
            parcel,
            docs.waybill(
                build.waybill_data(s, order, parcel, len(parcels), config),
                size or build.label_size(printer),
            ),
        )
        for parcel in parcels
    ]


def run(args: argparse.Namespace) -> int:
    from app.db import unit_of_work

    if args.doc != "commands" and not args.orders:
        raise PackdeskError(f"--doc {args.doc} needs at least one order number.")
    engine = open_database(args)
    args.actor = None
    if args.doc == "waybill":
        from app.permissions import Action

        args.actor = acting_user(engine, args, Action.REPRINT)
    if args.out is not None:
        fmt = args.format or EXTENSIONS.get(args.out.suffix.lower())
        if fmt is None:
            raise PackdeskError(
                "Say --format zpl|tspl|pdf|png, or give FILE one of those extensions."
            )
        from app.printing import build

        with _waybill_rule(engine, args), unit_of_work(engine) as s:
            orders = _orders_may_leave(s, args)
            document = _document(s, args, orders, None)
            _record_waybill(s, args, orders, {"file": str(args.out)})
        payload = build.render(document, fmt, dpi=args.dpi)
        try:
            args.out.write_bytes(payload)
        except OSError as exc:
            raise PackdeskError(f"Cannot write {args.out}: {exc.strerror or exc}") from exc
        print(f"wrote {args.out} ({len(document.pages)} pages, {len(payload)} bytes)")
        return 0
    return _queue(engine, args)


def _queue(engine: Any, args: argparse.Namespace) -> int:
    from app.db import unit_of_work
    from app.printing import jobs, printers, rendering
    from app.printing.print_service import PrintService

    service = PrintService(engine)
    try:
        ids: list[int] = []
        with _waybill_rule(engine, args), unit_of_work(engine) as s:
            orders = _orders_may_leave(s, args)
            printer = (
                printers.by_name(s, args.printer) if args.printer else printers.preview_printer(s)
            )
            if args.format and args.format != printer.language:
                raise PackdeskError(f"{printer.name} prints {printer.language}, not {args.format}.")
            for order, queued in _jobs(s, args, orders, printer):
                job = jobs.add_job(s, printer, args.doc, wake=service.wake, **queued)
                s.flush()
                job.tracking_number = rendering.parcel_number(s, job)  # (what it carries)
                ids.append(job.id)
                _record_waybill(s, args, [order], {"printer": printer.name, "job": job.id})
        result = report_jobs(engine, service, ids, args.timeout)
        if printer.uri == "preview":
            from app.printing.config import load

            print(f"preview in {load().previews()}", file=sys.stderr)
        return result
    finally:
        service.stop()


def _jobs(
    s: Any, args: argparse.Namespace, orders: list[Any], printer: Any
) -> list[tuple[Any, dict[str, Any]]]:
    """The jobs to queue, each with its order: a waybill's one a parcel, as the counter
    queues them (its order, parcel and so the number its bytes carry: what the spool
    asks before it sends them, and a reopen of that order cancels); any other document
    one for all the orders."""
    from app.printing import build

    def payload(document: Any) -> bytes:
        return build.render(
            document,
            printer.language,
            dpi=printer.dpi,
            options=dict(printer.options or {}),
            darkness=printer.darkness,
        )

    if args.doc != "waybill":
        document = _document(s, args, orders, printer)
        first = orders[0] if orders else None
        return [(first, {"order_id": first.id if first else None, "payload": payload(document)})]
    return [
        (order, {"order_id": order.id, "parcel": parcel, "payload": payload(document)})
        for order in orders
        for parcel, document in _waybills(s, args, order, printer)
    ]


def _waybill_rule(engine: Any, args: argparse.Namespace) -> AbstractContextManager[None]:
    """Around the unit of work that writes a waybill: its refusal recorded."""
    if args.doc != "waybill" or args.actor is None:
        return nullcontext()
    from app.shipping.waybill_rule import refusals_recorded

    how = "print --doc waybill" + (f" --out {args.out}" if args.out else "")
    return refusals_recorded(engine, user_id=args.actor.user_id, how=how)


def _orders_may_leave(s: Any, args: argparse.Namespace) -> list[Any]:
    """The orders asked for; for a waybill, locked first and refused unless each may
    leave (``waybill_rule``: read in the unit of work that writes the waybill)."""
    orders = _orders(s, args.orders, args.channel)
    if args.doc == "waybill":
        from app.shipping.waybill_rule import require_may_leave

        require_may_leave(s, [order.id for order in orders])
    return orders


def _record_waybill(
    s: Any, args: argparse.Namespace, orders: list[Any], to: dict[str, Any]
) -> None:
    """A waybill printed by hand, in the audit of each of its orders: who, where to."""
    if args.doc != "waybill" or args.actor is None:
        return
    from app.dbclock import db_now
    from app.models import AuditEvent

    for order in orders:
        s.add(
            AuditEvent(
                at=db_now(s),
                user_id=args.actor.user_id,
                action="print.waybill",
                entity="order",
                entity_id=order.id,
                details={"order": order.external_number, **to},
            )
        )
