"""``packdesk db upgrade|backup|restore|check``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import add_db_option, open_database, whole_number


def register(sub: Any) -> None:
    p = sub.add_parser("db", help="upgrade, back up or check the database")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    up = actions.add_parser("upgrade", help="bring the schema up to date (backs up first)")
    add_db_option(up)
    up.set_defaults(handler=run_upgrade)
    bk = actions.add_parser("backup", help="copy the SQLite database safely, even in use")
    bk.add_argument("--out", type=Path, help="backup file (default: the backups folder)")
    bk.add_argument("--force", action="store_true", help="replace the --out file if it exists")
    bk.add_argument(
        "--keep",
        type=whole_number(1, 100_000),
        metavar="N",
        help="into the backups folder, then remove the oldest there so N remain (for cron)",
    )
    add_db_option(bk)
    bk.set_defaults(handler=run_backup)
    rs = actions.add_parser(
        "restore", help="put a SQLite backup back (the database in use is kept aside)"
    )
    rs.add_argument("file", type=Path, help="the backup file")
    add_db_option(rs)
    rs.set_defaults(handler=run_restore)
    ck = actions.add_parser("check", help="check schema revision and file integrity")
    add_db_option(ck)
    ck.set_defaults(handler=run_check)


def run_upgrade(args: argparse.Namespace) -> int:
    from app import db

    engine = open_database(args, upgrade=False, create=True)
    result = db.upgrade(engine)
    if not result.changed:
        print(f"database already at revision {result.to_revision}")
        return 0
    saved = f" (backup: {result.backup})" if result.backup else ""
    print(
        f"database upgraded from {result.from_revision or 'empty'} to {result.to_revision}{saved}"
    )
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from app import db

    engine = open_database(args, upgrade=False)
    if args.keep is None:
        print(db.backup(engine, args.out, force=args.force))
        return 0
    from app.backups import back_up_keeping
    from app.errors import PackdeskError

    if args.out is not None:
        raise PackdeskError(
            "--keep keeps the newest backups in the backups folder: leave out --out."
        )
    kept = back_up_keeping(engine, args.keep)
    print(kept.written)
    if kept.removed:
        print(f"removed {len(kept.removed)} older backups (keeping the newest {args.keep})")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from app.backups import restore

    engine = open_database(args, upgrade=False)
    done = restore(engine, args.file)
    print(
        f"restored {args.file} (schema {done.revision}); the database that was in use "
        f"is kept as {done.kept_aside}"
    )
    return 0


def run_check(args: argparse.Namespace) -> int:
    from app import db

    engine = open_database(args, upgrade=False)
    report = db.check(engine)
    if report.ok:
        print(f"database ok (revision {report.revision})")
        return 0
    for problem in report.problems:
        print(problem)
    return 1
