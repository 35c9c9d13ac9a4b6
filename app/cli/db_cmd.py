"""``packdesk db upgrade|backup|restore|check``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import (
    acting_on_database,
    add_as_option,
    add_db_option,
    open_database,
    whole_number,
)

_ADMIN = (
    "an admin's (--as BADGE) once the database has users; on a schema older than this "
    "Packdesk's, by badge"
)


def register(sub: Any) -> None:
    p = sub.add_parser("db", help="upgrade, back up or check the database")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    up = actions.add_parser(
        "upgrade",
        help="bring the schema up to date (backs up first)",
        description=f"Bring the schema up to date (a SQLite file backed up first): {_ADMIN}.",
    )
    add_as_option(up)
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
        "restore",
        help="put a SQLite backup back (the database in use is kept aside)",
        description=f"Put a SQLite backup back, the database in use kept aside: {_ADMIN}.",
    )
    rs.add_argument("file", type=Path, help="the backup file")
    add_as_option(rs)
    add_db_option(rs)
    rs.set_defaults(handler=run_restore)
    ck = actions.add_parser("check", help="check schema revision and file integrity")
    add_db_option(ck)
    ck.set_defaults(handler=run_check)


def run_upgrade(args: argparse.Namespace) -> int:
    from app import db

    engine = open_database(args, upgrade=False, create=True)
    before = db.current_revision(engine)
    user_id = acting_on_database(engine, args) if before != db.head_revision() else None
    result = db.upgrade(engine)
    if not result.changed:
        print(f"database already at revision {result.to_revision}")
        return 0
    if before is not None:  # (a new database's making is no one's doing to record)
        _record(engine, "db.upgrade", user_id, {"from": before, "to": result.to_revision})
    saved = f" (backup: {result.backup})" if result.backup else ""
    print(
        f"database upgraded from {result.from_revision or 'empty'} to {result.to_revision}{saved}"
    )
    return 0


def _record(engine: Any, action: str, user_id: int | None, details: dict[str, Any]) -> None:
    """What was done to the database, in its audit (its schema now current)."""
    from app.db import unit_of_work
    from app.dbclock import db_now
    from app.models import AuditEvent

    with unit_of_work(engine) as s:
        s.add(AuditEvent(at=db_now(s), user_id=user_id, action=action, details=details))


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
    from app import db, db_acting
    from app.backups import restore

    engine = open_database(args, upgrade=False)
    user_id = acting_on_database(engine, args)
    name = db_acting.name_of(engine, user_id)
    done = restore(engine, args.file)
    db.upgrade(engine)  # (as opening it next would: its restore recorded in its audit)
    details = {"file": str(args.file), "schema": done.revision, "kept_aside": str(done.kept_aside)}
    _record(
        engine, "db.restore", db_acting.same_user(engine, user_id, name), details | {"by": name}
    )
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
