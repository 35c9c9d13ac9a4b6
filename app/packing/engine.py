"""The packing engine: every scan, from any source, becomes one call to ``scan``.

A scan is normalised, classified (a command, a weight, a badge, an item, an order, a
box), decided against the station's open order, and committed together with its
effect in one transaction before the verdict is returned. A retried scan id is
answered with the verdict it got the first time and changes nothing. The engine
keeps only what a station needs between scans in memory (the signed-in user, the
open order, what is awaited: a serial or lot, SHORT's item, a switch to confirm, a
supervisor for a weight); everything that counts is in the database, so a restarted
station resumes its open order exactly where the last answered scan left it.

This module keeps the station's state and its entry points. What kind of scan a code
is is a pure rule (``app.packing.scan_kinds``) that says which look-up it needs next,
in the order that costs the fewest round trips; ``app.packing.routing`` makes them
and hands the scan to its kind's part, where it is read, decided by a pure rule and
written (``app.packing.scan_writer``): an item and the serial or lot after it in
``item_scan`` (``item_rules``), an order in ``opening`` (``opening_rules``), a
command in ``commands`` (``command_rules``, ``undo_rules``), a badge in ``routing``
(``badge_rules``), a weight or a box in ``weighing`` (``weight_rules``).
"""

from __future__ import annotations

import contextlib
import itertools
import time
import uuid
import weakref
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app import credentials, lifecycle
from app.barcodes import InvalidInput, NormalisedScan, normalise
from app.db import (
    StandingConnection,
    autocommitting,
    connection_lost,
    database_busy,
    unit_of_work,
)
from app.dbclock import db_now
from app.errors import DatabaseProblem, PackdeskError
from app.models import Order, OrderStatus, ScanEvent, Station, User
from app.packing import (
    item_facts,
    item_scan,
    lookup,
    override,
    routing,
    scan_log,
    shorts,
)
from app.packing.answer import OrderEnds
from app.packing.command_rules import SIGN_IN_FIRST
from app.packing.count import Count
from app.packing.item_rules import ItemRules
from app.packing.print_request import (
    DOCUMENTS_ON_COMPLETE,
    Occasion,
    PrintRequest,
    PrintSpool,
    RecordingSpool,
)
from app.packing.scan_log import Facts, Step
from app.packing.station_state import Awaiting, Committed, PackingOptions
from app.packing.verdict import Outcome, Verdict
from app.packing.words import Words, said
from app.timeutil import Clock, utcnow

S = OrderStatus
T = TypeVar("T")
CLOCK_READ_EVERY = timedelta(minutes=1)
# how often the signed-in user is checked to be still active (a user disabled while
# signed in is signed out at their next scan after it)
USER_CHECK_EVERY = timedelta(seconds=10)
# how long a scan waits for another program's write to SQLite before it gives up,
# saying 'not saved' (a shell left in a transaction, a file on a network share)
BUSY_PATIENCE = 300.0
_KEEP: Any = object()  # "leave this part of the station's state as it is"


class PackingEngine:
    """One station's packing logic. Not thread-safe: one engine per scan queue."""

    def __init__(
        self,
        engine: Engine,
        *,
        station: str,
        spool: PrintSpool | None = None,
        options: PackingOptions | None = None,
        clock: Clock = utcnow,
        on_busy: Callable[[], None] = lambda: None,
    ) -> None:
        self.db = engine
        self.clock = clock  # this station's own clock (see ``server_time``)
        # called (on the scan's thread) each time a scan waited the busy timeout out
        # for the database's write lock and is about to wait again
        self.on_busy = on_busy
        self.stop_waiting = False  # set (from any thread) to give a waiting scan up
        # the scans counted optimistically (``item_scan``): outside transactions, on a
        # connection of their own (given back by ``close_connection``, or when the
        # engine is collected)
        self.unlocked = StandingConnection(autocommitting(engine))
        weakref.finalize(self, self.unlocked.close)
        self.options = options or PackingOptions()
        self.spool: PrintSpool = spool or RecordingSpool()
        self._seq = itertools.count(1)
        self.user_id: int | None = None
        self.awaiting: Awaiting | None = None
        self.units_left: int | None = None  # in the open order, as the last answer said
        self._signed_in_by_sign_in: int | None = None  # the event ``sign_in`` logged
        self._user_checked_at: datetime | None = None  # the signed-in user found active
        self.station_name = station
        # scans are stamped in the server's time without asking it at every scan: this
        # station's clock plus how far off it is (measured again when an order is
        # opened, at most once a minute)
        self.clock_offset = timedelta(0)
        self._clock_read_at: datetime | None = None
        self.station_id: int = 0
        self.open_order_id: int | None = None
        self._patiently(self._start)

    def _start(self) -> None:
        with unit_of_work(self.db) as s:
            row = s.scalar(select(Station).where(Station.name == self.station_name))
            if row is None:
                row = Station(name=self.station_name)
                s.add(row)
                s.flush()
            row.last_seen_at = self.server_time(s)
            self.station_id = row.id
            # resume the order this station was packing when it stopped
            self.open_order_id = self._claimed_order(s)

    def _patiently(self, work: Callable[[], T]) -> T:
        """``work`` done, waiting its turn as long as another program holds SQLite's
        write lock (see ``scan``), saying so through ``on_busy``."""
        waiting_since = time.monotonic()
        while True:
            before = (self.user_id, self.awaiting)
            try:
                return work()
            except DatabaseProblem as exc:
                waited = time.monotonic() - waiting_since
                if not database_busy(exc) or waited > BUSY_PATIENCE or self.stop_waiting:
                    raise
                self.user_id, self.awaiting = before
                self.on_busy()

    # --- entry points ----------------------------------------------------------------

    def scan(self, raw: str, *, scan_uid: str | None = None) -> Verdict:
        """Decide and commit one scan; returns only after the effect is durable.

        A scan whose connection turns out dead is tried once more under the same id:
        if the first try did commit, the second is answered with its verdict."""
        seq = next(self._seq)
        uid = scan_uid or uuid.uuid4().hex
        if _blank(raw):
            return self._nothing_scanned(raw, uid, seq, named=scan_uid is not None)

        def once() -> Verdict:
            try:
                return self._scan_once(raw, uid, seq, check_earlier=scan_uid is not None)
            except DatabaseProblem as exc:
                if not connection_lost(exc):
                    raise
                return self._scan_once(raw, uid, seq, check_earlier=True, lost_answer=True)

        # another program holding the write lock (an import on the same file) is waited
        # out: nothing was written, and the scan is decided again as it found the station
        return self._patiently(once)

    def _scan_once(
        self, raw: str, uid: str, seq: int, *, check_earlier: bool, lost_answer: bool = False
    ) -> Verdict:
        check_user = self._user_check_due()
        if not (check_earlier or check_user):  # (a named scan may have been logged)
            counted = item_scan.count_optimistically(self, raw, uid, seq)
            if counted is not None:
                return self._adopt(counted)
        with unit_of_work(self.db) as s:
            if check_earlier:  # a source that may retry names its scans
                earlier = lookup.event_by_uid(s, uid)
                if earlier is not None:
                    self._check_same_scan(uid, raw, earlier)
                    if lost_answer:  # its effect committed, but this engine never heard
                        self.open_order_id = self._claimed_order(s)
                        self.user_id = earlier.user_id
                        self.awaiting = None
                    if (
                        self.awaiting is None  # (else this engine awaits as it answered)
                        and earlier.order_id == self.open_order_id
                        and self._last_here(s, earlier)
                    ):
                        # what the answer asks for (the item SHORT marks, a serial, a
                        # lot) is awaited again; an older answer asks for nothing now
                        self.awaiting = shorts.awaited_after(earlier) or item_facts.awaited_after(
                            s, earlier, gs_stand_in=self.options.gs_stand_in
                        )
                    return scan_log.replay(s, earlier, seq)
            if check_user:
                self._check_user(s)
            decision = self._decide(s, raw, uid, seq)
        return self._adopt(decision)

    def _user_check_due(self) -> bool:
        checked = self._user_checked_at
        return self.user_id is not None and (
            checked is None or self.clock() - checked >= USER_CHECK_EVERY
        )

    def _check_user(self, s: Session) -> None:
        """A user disabled since they signed in is signed out here: this scan is
        decided as at a counter nobody is signed in at (the open order stays)."""
        self._user_checked_at = self.clock()
        if not s.scalar(select(User.active).where(User.id == self.user_id)):
            self.user_id = None

    def _nothing_scanned(self, raw: str, uid: str, seq: int, *, named: bool) -> Verdict:
        """An Enter with nothing before it (a key pressed twice, a blank line): no
        scan, so nothing is logged or counted against the packer's accuracy. The
        answer still names the open order and its units left (read once more if the
        connection turns out dead). A scan id given before to a scan is refused."""

        def read() -> Facts:
            with unit_of_work(self.db, read_only=True) as s:
                if named and (earlier := lookup.event_by_uid(s, uid)) is not None:
                    self._check_same_scan(uid, raw, earlier)
                return routing.open_order_facts(self, s)

        try:
            facts = read()
        except DatabaseProblem as exc:
            if not connection_lost(exc):
                raise
            facts = read()
        return Verdict(
            seq=seq,
            input=raw,
            outcome=Outcome.INVALID_INPUT,
            message="Nothing was scanned.",
            order=facts.order,
            remaining=facts.remaining,
            scan_uid=uid,
        )

    def _last_here(self, s: Session, event: ScanEvent) -> bool:
        """Whether ``event`` is the last scan logged at this station, but for this
        engine's ``sign_in`` (a ``packdesk scan`` started again signs in before it
        sends its last line again; a badge scanned did end what was awaited)."""
        later = select(ScanEvent.id).where(
            ScanEvent.station_id == self.station_id,
            ScanEvent.id > event.id,
            ScanEvent.id != (self._signed_in_by_sign_in or 0),
        )
        return event.station_id == self.station_id and not s.scalar(select(later.exists()))

    def _check_same_scan(self, uid: str, raw: str, earlier: ScanEvent) -> None:
        """A scan id names one scan, at one station, for good: one given before to
        another scan is the sender's mistake, and nothing is done with it. (A badge
        is logged as its mark, so a badge sent again is known by its mark.)"""
        logged = scan_log.printable(raw)[: scan_log.RAW_KEPT]
        if earlier.raw_input.startswith(credentials.BADGE_MARK[:-1]):
            with contextlib.suppress(InvalidInput):
                logged = credentials.badge_mark(normalise(raw).text)
        if (earlier.station_id, earlier.raw_input) != (self.station_id, logged):
            raise PackdeskError(
                f"Scan id {uid!r} was given before to another scan "
                f"({earlier.raw_input!r}); give every scan an id of its own."
            )

    def sign_in(self, badge: str) -> Verdict:
        """Sign a user in by badge outside the scan sequence (e.g. ``packdesk scan
        --user``); raises ``PackdeskError`` unless the badge is an active user's."""

        def signed_in() -> Committed:
            with unit_of_work(self.db) as s:
                if lookup.find_user_by_badge(s, badge.strip()) is None:
                    raise PackdeskError("No active user has that badge.")
                return self._decide(s, badge.strip(), uuid.uuid4().hex, 0)

        decision = self._patiently(signed_in)
        self._signed_in_by_sign_in = decision.event_id
        return self._adopt(decision)

    def scan_while_locked(self, raw: str) -> Verdict:
        """A scan at a counter locked after a pause: a badge signs in (whoever's it
        is, the open order stays); anything else is refused and logged as nobody's
        (it is no mis-scan of the packer who was signed in), and changes nothing."""
        if _blank(raw):
            return self._nothing_scanned(raw, uuid.uuid4().hex, next(self._seq), named=False)
        try:
            scan: NormalisedScan | None = normalise(raw, gs_stand_in=self.options.gs_stand_in)
        except InvalidInput:
            scan = None
        with unit_of_work(self.db) as s:
            uid, seq = uuid.uuid4().hex, next(self._seq)
            if scan is not None and lookup.find_user_by_badge(s, scan.text) is not None:
                decision = self._decide(s, raw, uid, seq)
            else:
                step = Step(s, uid, seq, raw, scan)
                refused = self.say(step, Outcome.NOT_SIGNED_IN, said("locked"), user_id=None)
                decision = replace(refused, user_id=self.user_id)  # still signed in
        return self._adopt(decision)

    def confirm_manually(self, sku: str) -> Verdict:
        """Count one unit of ``sku`` whose barcode will not scan (recorded as manual)."""
        scan = NormalisedScan(raw=sku, text=sku.strip(), symbology=None, gs1=None)
        with unit_of_work(self.db) as s:
            step = Step(s, uuid.uuid4().hex, next(self._seq), sku, scan)
            item = lookup.find_item(s, scan)
            if not self.options.allow_manual_confirm:
                decision = self.say(step, Outcome.NOT_PACKABLE, said("manual_off"))
            elif self.user_id is None:
                decision = self.say(step, Outcome.NOT_SIGNED_IN, SIGN_IN_FIRST)
            elif item is None:
                decision = self.say(step, Outcome.UNKNOWN_CODE, f"Unknown item {scan.text}.")
            else:
                decision = item_scan.scan_item(self, step, item, manual=True)
        return self._adopt(decision)

    def accept_weight_by_pin(self, name: str, pin: str) -> Verdict:
        """A supervisor's name and PIN at a weight that did not match accept that one
        weight (``app.packing.override``); the packer stays signed in. Else
        ``OverrideRefused``, a wrong PIN counted toward the lock-out."""
        check = override.awaited_check(self.still_awaited())
        by = override.supervisor(self.db, self.station_id, check, name, pin)  # (slow)

        def accept() -> Committed:
            with unit_of_work(self.db) as s:
                checked = override.awaited_check(self.still_awaited())
                return override.accept_weight(self, s, by, checked, next(self._seq))

        return self._adopt(self._patiently(accept))

    def close_connection(self) -> None:
        """Give back the connection this station keeps between scans (a scan after
        this takes another)."""
        self.unlocked.close()

    def _adopt(self, decision: Committed) -> Verdict:
        """Take on the station state a decision asks for, once it has committed."""
        self.open_order_id = decision.open_order_id
        if decision.user_id != self.user_id:  # (signed in by an active user's badge)
            self._user_checked_at = self.clock()
        self.user_id = decision.user_id
        self.awaiting = decision.awaiting
        # a hint for ``item_scan``: its optimistic way leaves an order's last unit alone
        self.units_left = decision.verdict.remaining if decision.open_order_id else None
        return decision.verdict

    def server_time(self, s: Session | None = None) -> datetime:
        """Now by the database server's clock (see ``clock_offset``), which is read
        again through ``s`` when the last reading is older than ``CLOCK_READ_EVERY``."""
        here = self.clock()
        if s is not None and (
            self._clock_read_at is None or here - self._clock_read_at > CLOCK_READ_EVERY
        ):
            server = db_now(s)
            here = self.clock()
            self.clock_offset, self._clock_read_at = server - here, here
        return here + self.clock_offset

    def item_rules(self) -> ItemRules:
        """The rules an item is decided by at this station, today."""
        weighs = self.options.weighing.weighs
        return ItemRules(self.today(), self.options.refuse_expired_lots, weighs)

    def today(self) -> date:
        """Today by the warehouse's calendar (a lot that expired yesterday there has
        expired, whatever the date is in UTC)."""
        return self.options.today or self.server_time().astimezone(self.options.timezone).date()

    # --- classification --------------------------------------------------------------

    def _decide(self, s: Session, raw: str, uid: str, seq: int) -> Committed:
        try:
            scan = normalise(raw, gs_stand_in=self.options.gs_stand_in)
        except InvalidInput as exc:
            return self.say(
                Step(s, uid, seq, raw, None),
                Outcome.INVALID_INPUT,
                f"Not a barcode ({exc}). Scan again.",
            )
        step = Step(s, uid, seq, raw, scan)
        # a refused switch is confirmed by this scan, or by none
        switch_to = self.awaiting.order_id if self.awaiting and self._awaits_switch() else None
        self.awaiting = self.still_awaited()
        return routing.route(self, step, switch_to)

    # --- orders ----------------------------------------------------------------------

    def _claimed_order(self, s: Session) -> int | None:
        """The order this station is packing, as the database has it."""
        return s.scalar(
            select(Order.id)
            .where(Order.status == S.PACKING, Order.claimed_by_station_id == self.station_id)
            .order_by(Order.claimed_at.desc())
            .limit(1)
        )

    def end_order(self, s: Session, ends: OrderEnds) -> None:
        """The open order, as a scan holds it (locked, not loaded), out of ``packing``
        at the version the scan left it: the last item's answer waits for no ORM
        object. A packed order's documents go to the spool."""
        order = ends.order
        lifecycle.transition_locked(
            s.connection(),
            order.id,
            order.external_number,
            order.status,
            ends.to,
            seen_version=ends.seen_version,
            at=self.server_time(),
            user_id=self.user_id,
            station_id=self.station_id,
            reason=ends.reason,
        )
        if ends.to is S.PACKED:
            self._print_documents(s, order.id)

    def _print_documents(self, s: Session, order_id: int) -> None:
        self.spool.submit(
            s,
            PrintRequest(
                order_id=order_id,
                documents=DOCUMENTS_ON_COMPLETE,
                station_id=self.station_id,
                user_id=self.user_id,
                reason="order complete",
                occasion=Occasion.ORDER_CLOSED,
            ),
        )

    # --- answering -----------------------------------------------------------------------

    def say(
        self,
        step: Step,
        outcome: Outcome,
        message: str | Words,
        facts: Facts | None = None,
        *,
        open_order: int | None = _KEEP,
        awaiting: Awaiting | None = _KEEP,
        user_id: int | None = _KEEP,
        counting: Count | None = None,
    ) -> Committed:
        """Log the scan (with an accepted scan's ``counting``) and decide the station's
        next state (unchanged unless given)."""
        logged = scan_log.entry(
            step.uid,
            step.seq,
            step.raw,
            step.scan,
            outcome,
            message,
            facts or Facts(),
            station_id=self.station_id,
            user_id=self.user_id if user_id is _KEEP else user_id,
            at=self.server_time(),
        )
        return Committed(
            verdict=logged.verdict,
            event_id=scan_log.log(step.s, logged, counting),
            open_order_id=self.open_order_id if open_order is _KEEP else open_order,
            user_id=self.user_id if user_id is _KEEP else user_id,
            awaiting=self.still_awaited() if awaiting is _KEEP else awaiting,
        )

    def still_awaited(self) -> Awaiting | None:
        """What stays awaited after a scan that does not say: all but a switch, which
        only the very next scan may confirm."""
        return None if self._awaits_switch() else self.awaiting

    def _awaits_switch(self) -> bool:
        return self.awaiting is not None and self.awaiting.kind == "switch"


def _blank(raw: str) -> bool:
    """Nothing but spaces, tabs and line ends (no control character: that is a
    scanner's fault, refused and counted)."""
    return not raw.strip(" \t\r\n")
