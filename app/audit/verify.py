"""``packdesk audit verify``: every chain walked from its first event to its recorded
head, each event's hash computed again, and each break said where it is (the chain,
the event's number in it and its id).

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
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Engine, select

from app.audit.chain import GENESIS, as_stored, digest
from app.models import AuditChain, AuditEvent

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
        self, chain: str, seq: int | None, event_id: int | None, kind: str, msg: str
    ) -> int | None:
        """The break counted, and kept (its index) while fewer than ``KEPT`` are."""
        self.broken += 1
        if len(self.breaks) >= KEPT:
            return None
        self.breaks.append(Break(chain, seq, event_id, kind, msg))
        return len(self.breaks) - 1


class _Walk:
    """One chain's walk: what the next event must be."""

    def __init__(self, chain: str, report: _Report) -> None:
        self.chain, self.report = chain, report
        self.expect, self.prev_hash, self.prev_id = 1, GENESIS, -1
        self.seen: OrderedDict[str, int] = OrderedDict()  # recent hash -> its number
        # events found changed, by number: their break, fields and links (an event
        # moved to a later place than its own says, once reached, where this one was)
        self.changed: dict[int, tuple[int, Any, dict[str, Any]]] = {}

    def step(self, row: Any) -> None:
        seq, here = row.seq, f"#{row.seq} (id {row.id})"
        gap = seq != self.expect
        if gap:
            missing = _span(self.expect, seq - 1)
            self._break(seq, row.id, "missing", f"{missing} missing before {here}: removed")
        fields = _fields(row)
        intact = digest(seq=seq, prev=row.prev_hash, **fields) == row.hash
        if not intact:
            was = self._written_as(row, fields)
            if was is not None:
                self._moved(row, was)
                self._swapped_with(was, seq)
            else:
                said = f"{here} is not what was written: changed"
                kept = self._break(seq, row.id, "changed", said)
                if kept is not None:
                    self.changed[seq] = (kept, row, fields)
        elif row.prev_hash != self.prev_hash and not gap:
            self._break(
                seq,
                row.id,
                "link",
                f"{here} does not follow #{seq - 1}: that event was "
                "changed and hashed again, or replaced",
            )
        if row.id < self.prev_id:
            self._break(
                seq,
                row.id,
                "out_of_order",
                f"{here} is stored before #{seq - 1} (id {self.prev_id}): reordered",
            )
        self.expect, self.prev_hash, self.prev_id = seq + 1, row.hash, row.id
        self.seen[row.hash] = seq
        if len(self.seen) > RECENT:
            self.seen.popitem(last=False)

    def _written_as(self, row: Any, fields: dict[str, Any]) -> int | None:
        """The number an intact event was written with, if found near."""
        follows = self.seen.get(row.prev_hash)
        tries: list[int] = [follows + 1] if follows is not None else []
        for seq in [*tries, int(row.seq) - 1, int(row.seq) + 1]:
            if seq != row.seq and digest(seq=seq, prev=row.prev_hash, **fields) == row.hash:
                return seq
        return None

    def _moved(self, row: Any, was: int) -> int | None:
        return self._break(
            row.seq,
            row.id,
            "moved",
            f"#{row.seq} (id {row.id}) was written as #{was}: "
            "moved, or an event inserted or removed before it",
        )

    def _swapped_with(self, was: int, now: int) -> None:
        """The event found changed at ``was`` said again as moved, if it was written
        as ``now`` (the two swapped)."""
        found = self.changed.pop(was, None)
        if found is None:
            return
        kept, row, fields = found
        if digest(seq=now, prev=row.prev_hash, **fields) == row.hash:
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

    def _break(self, seq: int | None, event_id: int | None, kind: str, message: str) -> int | None:
        return self.report.add(self.chain, seq, event_id, kind, f"chain {self.chain}: {message}")


def _span(first: int, last: int) -> str:
    return f"event #{first}" if first == last else f"events #{first} to #{last}"


def _fields(row: Any) -> dict[str, Any]:
    return {
        "chain": row.chain,
        "at": row.at,
        "user_id": row.user_id,
        "station_id": row.station_id,
        "action": row.action,
        "entity": row.entity,
        "entity_id": row.entity_id,
        "details": as_stored(row.details),
    }


def verify(engine: Engine) -> Verification:
    """Every chain checked, in one read-only pass over the audit log."""
    report, events = _Report(), 0
    e = AuditEvent
    query = select(
        e.id, e.chain, e.seq, e.prev_hash, e.hash, e.at, e.user_id, e.station_id,
        e.action, e.entity, e.entity_id, e.details,
    ).order_by(e.chain, e.seq)  # fmt: skip
    with engine.connect() as conn:
        chains = conn.execute(select(AuditChain.__table__).order_by(AuditChain.chain))
        recorded = tuple(Head(h.chain, h.seq, h.hash) for h in chains)
        heads = {h.chain: h for h in recorded}
        walk: _Walk | None = None
        stream = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
        for row in stream:
            if walk is None or row.chain != walk.chain:
                if walk is not None:
                    walk.end(heads.pop(walk.chain, None))
                walk = _Walk(row.chain, report)
            walk.step(row)
            events += 1
        if walk is not None:
            walk.end(heads.pop(walk.chain, None))
        for head in heads.values():
            if head.seq:
                _Walk(head.chain, report).end(head)
    return Verification(events, recorded, tuple(report.breaks), report.broken)
