"""scrub badges scanned as labels, name undone scans: the chains sealed again

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 12:10:00

Two things written before that the chains now hold, put right here, and the chains
they are in sealed again from the first row changed, as 0020 and 0021 chained the
rows written before (``app.audit.stored.reseal``), with an audit event
(``audit.resealed``) that says which chains were sealed again from where and why, so
a reseal is never silent:

- A loader's badge scanned at the dock as a label was recorded in clear in
  ``dock.refused`` events (0018 scrubbed only ``user.add``), and a badge scanned at
  a counter before its user was added stayed in the scan log. A scanned code whose
  keyed hash is a user's badge (``app.credentials``) becomes its mark.
- A scan's ``undone_by_id`` is vouched for by the scan that undid it naming it in
  its hashed answer (``app.audit.undone``); the undoing scans written before name
  theirs from now on.

Going back changes nothing: a badge cannot be brought back, and 0021 reads the
names as any other part of an answer.
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SCANS = sa.table(
    "scan_events",
    sa.column("id"),
    sa.column("raw_input"),
    sa.column("code"),
    sa.column("message"),
    sa.column("undone_by_id"),
    sa.column("answer", sa.JSON),
)
_AUDIT = sa.table(
    "audit_events", sa.column("id"), sa.column("action"), sa.column("details", sa.JSON)
)


def upgrade() -> None:
    from app.audit import chain
    from app.audit.stored import reseal_changed
    from app.audit.tables import SCANS

    conn = op.get_bind()
    badges = _known_badges(conn)
    scrubbed, named = _scrub_scans(conn, badges), _name_undone(conn)
    refused = _scrub_dock(conn, badges)
    resealed = reseal_changed(conn, chain.AUDIT, refused)
    resealed |= reseal_changed(conn, SCANS, sorted({*scrubbed, *named}))
    if not resealed:
        return
    why = []
    if refused or scrubbed:
        why.append("badges scanned as labels or items replaced by their marks")
    if named:
        why.append("undone scans named by the scans that undid them")
    chain.append(
        conn,
        at=datetime.now(UTC),
        action="audit.resealed",
        details={"by": "migration 0022", "chains": resealed, "why": why},
    )


def _known_badges(conn: sa.Connection) -> set[str]:
    """The users' badge hashes (none without the badge key: no badge is known)."""
    from app import credentials

    if credentials.badge_key() is None:
        return set()
    return set(conn.execute(sa.text("SELECT badge_hash FROM users")).scalars())


def _is_badge(code: Any, badges: set[str]) -> bool:
    from app import credentials

    if not badges or not isinstance(code, str) or not code.strip():
        return False
    if code.startswith(credentials.BADGE_MARK[:-1]):
        return False
    return credentials.badge_hash(code) in badges


def _scrub_dock(conn: sa.Connection, badges: set[str]) -> list[int]:
    """``dock.refused`` events naming a badge in clear: their code becomes its mark."""
    from app import credentials

    changed = []
    refused = sa.select(_AUDIT.c.id, _AUDIT.c.details).where(_AUDIT.c.action == "dock.refused")
    for event_id, details in conn.execute(refused).all():
        code = details.get("code") if isinstance(details, dict) else None
        if _is_badge(code, badges):
            kept = dict(details, code=credentials.badge_mark(str(code)))
            conn.execute(_AUDIT.update().where(_AUDIT.c.id == event_id).values(details=kept))
            changed.append(event_id)
    return changed


def _scrub_scans(conn: sa.Connection, badges: set[str]) -> list[int]:
    """Scans of a user's badge still in clear (scanned before the user was added, say):
    logged as its mark, as 0018 did to those of the users it knew."""
    from app import credentials

    if not badges:
        return []
    codes = conn.execute(sa.text("SELECT DISTINCT code FROM scan_events")).scalars()
    raws = conn.execute(sa.text("SELECT DISTINCT raw_input FROM scan_events")).scalars()
    found = {c for c in {*codes, *raws} if _is_badge(c, badges)}
    if not found:
        return []
    rows = conn.execute(
        sa.select(_SCANS.c.id, _SCANS.c.code, _SCANS.c.raw_input, _SCANS.c.message).where(
            sa.or_(_SCANS.c.code.in_(found), _SCANS.c.raw_input.in_(found))
        )
    ).all()
    for event_id, code, raw, message in rows:
        badge = code if code in found else raw
        mark = credentials.badge_mark(badge)
        conn.execute(
            _SCANS.update()
            .where(_SCANS.c.id == event_id)
            .values(raw_input=mark, code=mark, message=(message or "").replace(badge, mark))
        )
    return [row[0] for row in rows]


def _name_undone(conn: sa.Connection) -> list[int]:
    """The scans that undid others, naming them in their answers (``"undid"``)."""
    undid: dict[int, list[int]] = {}
    marked = sa.select(_SCANS.c.undone_by_id, _SCANS.c.id).where(_SCANS.c.undone_by_id.is_not(None))
    for by, key in conn.execute(marked.order_by(_SCANS.c.id)):
        undid.setdefault(by, []).append(key)
    undoers = sa.select(_SCANS.c.id, _SCANS.c.answer).where(
        _SCANS.c.id.in_(sa.select(_SCANS.c.undone_by_id).where(_SCANS.c.undone_by_id.is_not(None)))
    )
    named = []
    for by, answer in conn.execute(undoers).all():
        said = dict(answer) if isinstance(answer, dict) else {}
        have = [int(i) for i in said.get("undid") or []]
        missing = [i for i in undid.get(by, []) if i not in have]
        if missing:
            named.append({"key": by, "said": dict(said, undid=[*have, *missing])})
    if named:
        update = _SCANS.update().where(_SCANS.c.id == sa.bindparam("key"))
        conn.execute(update.values(answer=sa.bindparam("said", type_=sa.JSON)), named)
    return [row["key"] for row in named]


def downgrade() -> None:
    """Nothing to take back (see above)."""
