"""``packdesk audit verify``: every chain of every chained table (the audit log, the
scan log, the order history: ``app.audit.tables``) walked from its first row to its
recorded head, each row's hash computed again, and each break said where it is (the
table, the chain, the row's number in it and its id). Below, an "event" is a row of
any of them.

What each break means:

    changed        the event's content is not what was hashed when it was written
    moved          the event is intact but numbered elsewhere than it was written
                   (events swapped, or one inserted or removed before it)
    missing        numbers missing from the chain (events removed)
    link           an intact event that does not follow the one before it (that one
                   was changed and hashed again, or put in from elsewhere)
    out_of_order   stored before the event it follows (rows swapped)
    end            the chain ends elsewhere than its recorded head (its last events
                   removed, events added after it, or its last one replaced)
    unrecorded     a chain Packdesk never wrote (its events inserted)
    undone         a scan marked undone that no later scan names as undone by it
                   (``undone_by_id`` set by hand: the scan un-counted), or a scan an
                   UNDO names that is not marked undone by it (the mark cleared)
                   (``app.audit.undone``)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select

from app.audit import undone
from app.audit.chain import AUDIT, GENESIS, Kind, link
from app.audit.stored import stored_events
from app.audit.tables import KINDS, SCANS, kind_of
from app.models import AuditChain

KEPT = 200  # breaks kept for the report (all are counted)
RECENT = 4096  # hashes of a chain's last events remembered to say where a moved one was
BATCH = 20_000


@dataclass(frozen=True)
class Break:
    chain: str
    seq: int | None  # the event's number in its chain; None: the chain as a whole
    event_id: int | None
    kind: str
    message: str
    table: str = AUDIT.table


@dataclass(frozen=True)
class Head:
    chain: str
    seq: int
    hash: str


@dataclass(frozen=True)
class Verification:
    events: int
    heads: tuple[Head, ...]
    breaks: tuple[Break, ...]  # the first ``KEPT``
    broken: int  # how many breaks in all

    @property
    def ok(self) -> bool:
        return self.broken == 0

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "chains": [asdict(h) for h in self.heads],
            "broken": self.broken,
            "breaks": [asdict(b) for b in self.breaks],
        }


class _Report:
    def __init__(self) -> None:
        self.breaks: list[Break] = []
        self.broken = 0

    def add(
        self, chain: str, seq: int | None, event_id: int | None, kind: str, msg: str, table: str
    ) -> int | None:
        """The break counted, and kept (its index) while fewer than ``KEPT`` are."""
        self.broken += 1
        if len(self.breaks) >= KEPT:
            return None
        self.breaks.append(Break(chain, seq, event_id, kind, msg, table))
        return len(self.breaks) - 1


class _Walk:
    """One chain's walk: what the next event must be. A row is the tuple
    ``chain.stored_events`` gives: (id, chain, seq, prev_hash, hash, *fields)."""

    def __init__(self, chain: str, report: _Report, kind: Kind = AUDIT) -> None:
        self.chain, self.report, self.kind = chain, report, kind
        self.expect, self.prev_hash, self.prev_id = 1, GENESIS, -1
        self.recent: list[str] = [""] * RECENT  # the last events' hashes, by seq % RECENT
        # events found changed, by number: their break and row (an event moved to a
        # later place than its own says, once reached, where this one was)
        self.changed: dict[int, tuple[int, tuple[Any, ...]]] = {}

    def step(self, row: tuple[Any, ...], intact: bool) -> None:
        """The event ``row`` next in the chain (``intact``: its hash is its content's)."""
        key, _chain, seq, prev, link = row[:5]
        if not (intact and seq == self.expect and prev == self.prev_hash and key > self.prev_id):
            self._problems(row, intact)
        self.expect, self.prev_hash, self.prev_id = seq + 1, link, key
        self.recent[seq % RECENT] = link

    def _problems(self, row: tuple[Any, ...], intact: bool) -> None:
        key, _chain, seq, prev, _link = row[:5]
        here = f"#{seq} (id {key})"
        gap = seq != self.expect
        if gap:
            missing = _span(self.expect, seq - 1)
            self._break(seq, key, "missing", f"{missing} missing before {here}: removed")
        if not intact:
            was = self._written_as(row)
            if was is not None:
                self._moved(row, was)
                self._swapped_with(was, seq)
            else:
                kept = self._break(seq, key, "changed", f"{here} is not what was written: changed")
                if kept is not None:
                    self.changed[seq] = (kept, row)
        elif prev != self.prev_hash and not gap:
            self._break(
                seq,
                key,
                "link",
                f"{here} does not follow #{seq - 1}: that event was changed and hashed "
                "again, or replaced",
            )
        if key < self.prev_id:
            self._break(
                seq,
                key,
                "out_of_order",
                f"{here} is stored before #{seq - 1} (id {self.prev_id}): reordered",
            )

    def _written_as(self, row: tuple[Any, ...]) -> int | None:
        """The number an intact event was written with, if found near."""
        seq, prev = int(row[2]), row[3]
        tries: list[int] = [seq - 1, seq + 1]
        for seen in range(self.expect - 1, max(0, self.expect - 1 - RECENT), -1):
            if self.recent[seen % RECENT] == prev:  # it followed that one when written
                tries.insert(0, seen + 1)
                break
        for was in tries:
            if was != seq and self._digest(row, was) == row[4]:
                return was
        return None

    def _moved(self, row: tuple[Any, ...], was: int) -> int | None:
        return self._break(
            row[2],
            row[0],
            "moved",
            f"#{row[2]} (id {row[0]}) was written as #{was}: moved, or an event inserted "
            "or removed before it",
        )

    def _swapped_with(self, was: int, now: int) -> None:
        """The event found changed at ``was`` said again as moved, if it was written
        as ``now`` (the two swapped)."""
        found = self.changed.pop(was, None)
        if found is None:
            return
        kept, row = found
        if self._digest(row, now) == row[4]:
            self.report.broken -= 1
            if self._moved(row, now) is not None:  # (said in the changed one's place)
                self.report.breaks[kept] = self.report.breaks.pop()

    def end(self, head: Head | None) -> None:
        last = self.expect - 1
        if head is None:
            self._break(None, None, "unrecorded", f"{_span(1, last)} were put in from outside")
        elif last < head.seq:
            gone = _span(last + 1, head.seq)
            self._break(None, None, "end", f"{gone} missing at the end: removed")
        elif last > head.seq:
            added = _span(head.seq + 1, last)
            self._break(None, None, "end", f"{added} after its recorded end: added")
        elif self.prev_hash != head.hash:
            self._break(last, None, "end", f"#{last} is not the last event written: replaced")

    def _digest(self, row: tuple[Any, ...], seq: int) -> str:
        """The hash ``row`` would have as event ``seq`` of its chain."""
        return link(row[3], seq, self.kind.content(row[1], *row[5:]))

    def _break(self, seq: int | None, event_id: int | None, kind: str, message: str) -> int | None:
        table = self.kind.table
        said = f"chain {self.chain}: {message}"
        if self.kind is not AUDIT:
            said = f"{table}, {said}"
        return self.report.add(self.chain, seq, event_id, kind, said, table)


def _span(first: int, last: int) -> str:
    return f"event #{first}" if first == last else f"events #{first} to #{last}"


def verify(engine: Engine) -> Verification:
    """Every chain of every chained table checked, in one read-only pass over each."""
    report, events = _Report(), 0
    # one snapshot for the whole walk, taking no lock from the counters: SQLite's plain
    # BEGIN (a WAL reader), PostgreSQL's REPEATABLE READ (the heads and every table as
    # of one moment: a scan committed mid-walk is not an "event after the end")
    snapshot: dict[str, object] = {"packdesk_read_only": True}
    if engine.dialect.name == "postgresql":
        snapshot |= {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    with engine.execution_options(**snapshot).connect() as conn:
        chains = conn.execute(select(AuditChain.__table__).order_by(AuditChain.chain))
        recorded = tuple(Head(h.chain, h.seq, h.hash) for h in chains)
        for kind in KINDS:
            heads = {h.chain: h for h in recorded if kind_of(h.chain) is kind}
            events += _walk_table(conn, kind, heads, report)
        undone.check(conn, lambda *found: _undone(report, *found))
    return Verification(events, recorded, tuple(report.breaks), report.broken)


def _undone(report: _Report, chain: str, seq: int | None, key: int | None, msg: str) -> None:
    said = f"{SCANS.table}, chain {chain}: {msg}"
    report.add(chain, seq, key, "undone", said, SCANS.table)


def _walk_table(conn: Connection, kind: Kind, heads: dict[str, Head], report: _Report) -> int:
    """Every chain of ``kind``'s table walked (``heads``: its chains' recorded heads,
    emptied as they are reached); how many rows it has."""
    events = 0
    walk = _Walk("", report, kind)
    content = kind.content
    for row in stored_events(conn, batch=BATCH, kind=kind):
        if row[1] != walk.chain:
            if events:
                walk.end(heads.pop(walk.chain, None))
            walk = _Walk(row[1], report, kind)
        walk.step(row, link(row[3], row[2], content(row[1], *row[5:])) == row[4])
        events += 1
    if events:
        walk.end(heads.pop(walk.chain, None))
    for head in heads.values():
        if head.seq:
            _Walk(head.chain, report, kind).end(head)
    return events
