"""Which scans are undone, checked against the chain (``verify``'s ``undone`` break).

A scan's ``undone_by_id`` is not in its hash: UNDO sets it later (``tables``). What
vouches for it is the scan that undid it: that scan names the scans it took back in
its own hashed answer (``"undid": [id, ...]``: UNDO's one, or the scans of a box
emptied when its order went back to the queue). So a scan marked undone must be
named by a later scan that its ``undone_by_id`` points to, and a scan named as
undone must point back to the scan that names it. Setting ``undone_by_id`` by hand
(a scan un-counted unseen) or clearing it (a taken-back unit counted again) breaks
one of the two. The rows written before the undoing scans named their targets were
given their names by migration 0022, which sealed them again.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, text

from app.audit.tables import SCANS

_AS_TEXT = {"sqlite": "answer", "postgresql": "answer::text"}
_CHUNK = 500

Say = Callable[[str, int | None, int | None, str], None]  # (chain, seq, id, message)


def check(conn: Connection, say: Say) -> None:
    """Every scan marked undone, and every scan naming scans it undid, checked: each
    disagreement said through ``say`` (at the scan whose mark is wrong)."""
    answer = _AS_TEXT[conn.dialect.name]
    marked = conn.execute(
        text(
            f"SELECT t.id, t.chain, t.seq, t.undone_by_id, u.id, u.chain, u.seq, u.{answer} "
            "FROM scan_events t LEFT JOIN scan_events u ON u.id = t.undone_by_id "
            "WHERE t.undone_by_id IS NOT NULL ORDER BY t.id"
        )
    ).all()
    marks: dict[int, int] = {}
    for key, chain, seq, by, found, u_chain, u_seq, u_answer in marked:
        marks[key] = by
        here = f"#{seq} (id {key}) is marked undone by scan id {by}"
        if found is None:
            say(chain, seq, key, f"{here}, which is not in the log")
        elif found <= key:
            say(chain, seq, key, f"{here}, which came before it: set by hand")
        elif key not in named(u_answer):
            said = f"{here} (#{u_seq} of {u_chain}), which does not name it as undone"
            say(chain, seq, key, f"{said}: set by hand, the scan un-counted")
    undoers = conn.execute(
        text(
            f"SELECT id, chain, seq, {answer} FROM scan_events "
            f"WHERE {answer} LIKE '%\"undid\"%' ORDER BY id"
        )
    ).all()
    wanted = {t: key for key, _c, _s, said in undoers for t in named(said) if marks.get(t) != key}
    found = _rows(conn, sorted(wanted))
    for target, undoer in sorted(wanted.items()):
        if target not in found:
            key, chain, seq, _said = next(u for u in undoers if u[0] == undoer)
            say(chain, seq, key, f"#{seq} (id {key}) undid scan id {target}, not in the log")
            continue
        chain, seq, now = found[target]
        was = "not marked undone" if now is None else f"marked undone by scan id {now}"
        say(
            chain,
            seq,
            target,
            f"#{seq} (id {target}) was undone by scan id {undoer} but is {was}: its mark "
            "changed by hand, the scan counted again",
        )


def named(answer: Any) -> list[int]:
    """The scans an answer (its JSON text) names as undone by it."""
    if not answer or '"undid"' not in answer:
        return []
    try:
        undid = json.loads(answer).get("undid")
    except (ValueError, AttributeError):
        return []
    return [int(i) for i in undid] if isinstance(undid, list) else []


def _rows(conn: Connection, ids: list[int]) -> dict[int, tuple[str, int, int | None]]:
    """The chain, number and ``undone_by_id`` of the scans ``ids`` found."""
    found: dict[int, tuple[str, int, int | None]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ", ".join(str(int(i)) for i in chunk)
        rows = conn.execute(
            text(f"SELECT id, chain, seq, undone_by_id FROM {SCANS.table} WHERE id IN ({marks})")
        )
        for key, chain, seq, by in rows:
            found[key] = (chain, seq, by)
    return found
