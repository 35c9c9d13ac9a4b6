"""``packdesk import FILE [--format ...] [--mapping NAME] [--channel C]``.

Also the worker behind ``packdesk products import``. A column mapping for generic
CSV/XLSX files is given with ``--map field=Column`` (repeatable) or ``--mapping-file
FILE.json``, and kept for next time with ``--save-mapping NAME``; ``--mapping NAME``
uses a saved one. ``--list-mappings`` shows the saved profiles.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    acting_user,
    add_as_option,
    add_db_option,
    open_database,
    refuse_control_characters,
)
from app.cli.terminal import table
from app.errors import PackdeskError

if TYPE_CHECKING:
    from app.importing.intake import ImportSummary


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="import orders from a file (Shopify export, CSV, XLSX, JSON)",
        description="Import orders. A file with any bad row imports nothing and names "
        "every bad row. Importing the same file again changes nothing.",
    )
    p.add_argument("file", nargs="?", help="the file to import")
    p.add_argument("--format", default="auto", choices=["auto", "shopify", "csv", "xlsx", "json"])
    p.add_argument("--channel", help="the sales channel the orders belong to")
    add_encoding_option(p)
    add_mapping_options(p)
    p.add_argument("--list-mappings", action="store_true", help="list the saved mapping profiles")
    add_as_option(p)
    add_db_option(p)
    p.set_defaults(handler=lambda args: import_and_report(args, kind="orders"))


def add_encoding_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="read a CSV or JSON file in this encoding (utf-8, gb18030 for GBK, ...) "
        "instead of finding it",
    )


def add_mapping_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--mapping", metavar="NAME", help="use a saved column-mapping profile")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read FIELD from the column COLUMN (repeatable), e.g. --map order_number=订单号",
    )
    p.add_argument(
        "--mapping-file", type=Path, metavar="FILE", help='a JSON object {"field": "Column"}'
    )
    p.add_argument(
        "--save-mapping",
        metavar="NAME",
        help="save the mapping given with --map/--mapping-file under NAME once imported",
    )


def _given_mapping(args: argparse.Namespace) -> dict[str, str]:
    mapping: dict[str, str] = {}
    path: Path | None = getattr(args, "mapping_file", None)
    if path is not None:
        try:
            loaded = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError) as exc:
            raise PackdeskError(f"Cannot read mapping file {path}: {exc}") from exc
        if not isinstance(loaded, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in loaded.items()
        ):
            raise PackdeskError(f'Mapping file {path} must hold {{"field": "Column", ...}}.')
        mapping.update(loaded)
    for item in getattr(args, "map", None) or []:
        field, sep, column = item.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise PackdeskError(f"--map wants FIELD=COLUMN, not {item!r}.")
        mapping[field.strip()] = column.strip()
    return mapping


def import_and_report(args: argparse.Namespace, *, kind: str) -> int:
    from app.importing import profiles
    from app.importing.common import ImportRejected
    from app.importing.intake import import_orders, import_products
    from app.permissions import Action

    refuse_control_characters(args, "channel", "map", "mapping", "save_mapping")
    engine = open_database(args)
    if getattr(args, "list_mappings", False):
        saved = profiles.list_profiles(engine)
        cells = [
            (p.name, p.kind, ", ".join(f"{k}={v}" for k, v in p.mapping.items())) for p in saved
        ]
        if cells:
            print("\n".join(table(("mapping", "for", "fields and columns"), cells)))
        print(f"{len(cells)} mappings")
        return 0
    if not args.file:
        raise PackdeskError("Name the file to import, e.g. packdesk import orders.csv")
    mapping = _given_mapping(args)
    save_as = getattr(args, "save_mapping", None)
    if save_as and not mapping:
        raise PackdeskError("--save-mapping needs a mapping given with --map or --mapping-file.")
    if mapping:
        profiles.validate(kind, mapping)
    actor = acting_user(engine, args, Action.IMPORT)
    try:
        if kind == "orders":
            summary = import_orders(
                engine,
                args.file,
                fmt=args.format,
                mapping=mapping,
                profile=args.mapping,
                channel=args.channel,
                encoding=args.encoding,
                user_id=actor.user_id,
            )
        else:
            summary = import_products(
                engine,
                args.file,
                fmt=args.format,
                mapping=mapping,
                profile=args.mapping,
                encoding=args.encoding,
                user_id=actor.user_id,
            )
    except ImportRejected as exc:
        print(f"packdesk: {exc}", file=sys.stderr)
        for error in exc.errors:
            print(f"  {error}", file=sys.stderr)
        return 2
    print_summary(summary)
    if save_as:
        profiles.save_profile(engine, save_as, kind, mapping)
        print(f"mapping saved as {save_as!r}; next time use --mapping {save_as}")
    return 0


def print_summary(summary: ImportSummary) -> None:
    what = "orders" if summary.kind == "orders" else "products"
    encoding = f", {summary.encoding}" if summary.encoding else ""
    print(
        f"imported {summary.filename} ({summary.format}{encoding}): "
        f"{summary.in_file} {what} in {summary.rows} rows"
    )
    counts = (
        f"  created {summary.created}, updated {summary.updated}, unchanged {summary.unchanged}"
    )
    if summary.kind == "orders":
        counts += f", not updated {len(summary.not_updated)}"
    counts += f", skipped {summary.skipped}"
    if summary.skipped_detail:
        counts += f" ({'; '.join(summary.skipped_detail)})"
    print(counts)
    for line in summary.not_updated:
        print(f"  {line}")
    for note in summary.notes:
        print(f"  note: {note}")
