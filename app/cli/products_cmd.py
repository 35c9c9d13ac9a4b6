"""``packdesk products list [--json]`` and ``packdesk products import FILE``."""

from __future__ import annotations

import argparse
import json
from typing import Any

from app.cli.common import add_as_option, add_db_option, open_database
from app.cli.import_cmd import add_encoding_option, add_mapping_options
from app.cli.terminal import table


def register(sub: Any) -> None:
    p = sub.add_parser("products", help="list or import the product catalogue")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="list products with their barcodes")
    ls.add_argument("--json", action="store_true")
    add_db_option(ls)
    ls.set_defaults(handler=run_list)
    imp = actions.add_parser(
        "import", help="import a catalogue (Shopify products CSV, or generic CSV/XLSX)"
    )
    imp.add_argument("file")
    imp.add_argument("--format", default="auto", choices=["auto", "shopify", "csv", "xlsx"])
    add_encoding_option(imp)
    add_mapping_options(imp)
    add_as_option(imp)
    add_db_option(imp)
    imp.set_defaults(handler=run_import)


def run_list(args: argparse.Namespace) -> int:
    from app import products

    engine = open_database(args)
    items = products.list_products(engine)
    if args.json:
        print(json.dumps([p.to_json() for p in items], ensure_ascii=False, indent=1))
        return 0
    cells = [
        (
            item.sku,
            item.name,
            ", ".join(f"{c.code}x{c.units}" if c.units > 1 else c.code for c in item.codes),
        )
        for item in items
    ]
    if cells:
        print("\n".join(table(("sku", "name", "barcodes"), cells)))
    print(f"{len(items)} products")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from app.cli.import_cmd import import_and_report

    return import_and_report(args, kind="products")
