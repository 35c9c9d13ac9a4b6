"""The dock page's link to the core: every label scan ends here.

One ``DockStation`` per window owns one ``Dock`` on its own single-thread queue, so
scans are handed over strictly in the order they were read (a burst loses none), the
``Dock`` is only ever used from that thread, and the GUI thread never waits on the
database. Signing in (a badge scan) and choosing the carrier run on the same queue,
in order with the scans around them.

Until a loader has signed in, a scan is a badge. After, a scan is a label; a code
that is no label but an active user's badge signs that loader in instead (a change
of shift is a scan, not a click). Closing a manifest runs on a queue of its own: its
PDF may take a while, and the scans go on meanwhile (a parcel scanned after the close
opens the carrier's next load).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine

from app import settings as app_settings
from app import users
from app.board.choices import filter_choices
from app.shipping import carriers, manifests
from app.shipping.dock import Dock, Handover, Outcome
from app.shipping.manifests import (
    FilesNotWritten,
    ManifestFiles,
    ManifestSummary,
    NothingToClose,
)
from ui.workers import TaskQueue


class Event(enum.StrEnum):
    SIGNED_IN = "signed_in"  # a badge scanned
    NOT_A_BADGE = "not_a_badge"  # scanned to sign in: no active user's badge
    NO_CARRIER = "no_carrier"  # a label scanned before a carrier was chosen
    CARRIER = "carrier"  # a carrier chosen
    REREAD = "reread"  # the carrier's open load read again (a close that failed)


@dataclass(frozen=True)
class LoaderState:
    """Who loads which carrier's truck, and that carrier's open load, after a badge
    scan or a choice of carrier (``event``, and the ``code`` scanned if one was)."""

    event: Event
    loader: str | None
    user_id: int | None
    carrier: str
    load: ManifestSummary | None = None
    code: str = ""

    @property
    def ready(self) -> bool:
        return self.loader is not None and bool(self.carrier)


class DockStation(QObject):
    answered = Signal(object)  # Handover
    loader_changed = Signal(object)  # LoaderState
    carriers_read = Signal(object)  # tuple[str, ...]
    manifest_closed = Signal(object)  # ManifestFiles
    manifest_refused = Signal(object)  # NothingToClose
    manifest_unwritten = Signal(object)  # FilesNotWritten: closed, its files not written
    problem = Signal(str)  # the database or the core could not answer
    backlog = Signal(int)  # scans read but not yet answered

    def __init__(
        self,
        engine: Engine,
        *,
        station: str,
        carrier: str = "",
        out_dir: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = engine
        self.station = station
        self.carrier = carrier.strip()  # the GUI thread's view of the choice
        self.user_id: int | None = None  # the GUI thread's view of who signed in
        self.out_dir = out_dir or app_settings.data_dir() / "manifests"
        self.queue = TaskQueue(f"dock-{station}")
        self.closing = TaskQueue(f"manifests-{station}")
        # the queue thread's own: the badge signed in, the carrier, the Dock of both
        self._badge: str | None = None
        self._loader: str | None = None
        self._user_id: int | None = None
        self._carrier = self.carrier
        self._dock: Dock | None = None

    # --- from the GUI thread ------------------------------------------------------------

    def start(self) -> None:
        """Read the carriers to choose from (profiles and orders' carriers), and the
        open load of the carrier chosen before."""
        self.read_carriers()
        self.queue.submit(lambda: self._state(Event.CARRIER), self._answered, self._failed)

    def read_carriers(self) -> None:
        """Read the carriers to choose from again (``carriers_read``)."""
        self.queue.submit(self._carriers, self.carriers_read.emit, self._failed)

    def scan(self, code: str) -> None:
        """Queue one scan: a badge until a loader signed in, a label after."""
        self.queue.submit(lambda: self._scan(code), self._answered, self._failed)
        self.backlog.emit(self.queue.pending)

    def choose_carrier(self, carrier: str) -> None:
        """Load ``carrier``'s truck from the next scan on; remembered for next time."""
        self.carrier = carrier.strip()
        self.queue.submit(lambda: self._choose(carrier), self._answered, self._failed)
        self.closing.submit(
            lambda: app_settings.change(dock_carrier=carrier.strip()), None, self._failed
        )

    def close_manifest(self, carrier: str) -> None:
        """Close ``carrier``'s open load and write its manifest's PDF and CSV."""
        user_id, out_dir = self.user_id, self.out_dir

        def close() -> ManifestFiles | NothingToClose | FilesNotWritten:
            try:
                return manifests.close_manifest(self.db, carrier, user_id=user_id, out_dir=out_dir)
            except (NothingToClose, FilesNotWritten) as refused:  # said in the screen's words
                return refused

        self.closing.submit(close, self._closed, self._close_failed)

    def shutdown(self) -> None:
        """Finish the scans already read (they are someone's work), then stop."""
        self.queue.close(wait=True)
        self.closing.close(wait=True)

    # --- on the queue's thread -------------------------------------------------------------

    def _carriers(self) -> tuple[str, ...]:
        names = {c.name.lower(): c.name for c in carriers.list_carriers(self.db)}
        for name in filter_choices(self.db).carriers:
            names.setdefault(name.lower(), name)
        return tuple(sorted(names.values(), key=str.lower))

    def _state(self, event: Event, code: str = "") -> LoaderState:
        load = manifests.open_load(self.db, self._carrier) if self._carrier else None
        return LoaderState(event, self._loader, self._user_id, self._carrier, load, code)

    def _sign_in(self, badge: str) -> LoaderState | None:
        user = users.find_by_badge(self.db, badge)
        if user is None:
            return None
        self._badge, self._loader, self._user_id = badge.strip(), user.name, user.id
        self._dock = None
        if self._carrier:
            self._dock = Dock(
                self.db, station=self.station, user_badge=self._badge, carrier=self._carrier
            )
        return self._state(Event.SIGNED_IN, badge.strip())

    def _choose(self, carrier: str) -> LoaderState:
        self._carrier = carrier.strip()
        self._dock = None
        if self._badge is not None and self._carrier:
            self._dock = Dock(
                self.db, station=self.station, user_badge=self._badge, carrier=self._carrier
            )
        return self._state(Event.CARRIER)

    def _scan(self, code: str) -> Handover | LoaderState:
        if self._dock is None:  # nobody signed in, or no carrier chosen yet
            if self._badge is None:
                return self._sign_in(code) or self._state(Event.NOT_A_BADGE, code.strip())
            signed = self._sign_in(code)  # another loader's badge
            if signed is not None:
                return signed
            return self._state(Event.NO_CARRIER, code.strip())  # not loaded: the page says so
        answer = self._dock.scan(code)
        if answer.outcome is Outcome.UNKNOWN:  # no label: another loader's badge?
            signed = self._sign_in(code)
            if signed is not None:
                return signed
        return answer

    # --- back on the GUI thread -----------------------------------------------------------

    def _answered(self, answer: Handover | LoaderState) -> None:
        self.backlog.emit(self.queue.pending)
        if isinstance(answer, LoaderState):
            self.user_id = answer.user_id
            self.loader_changed.emit(answer)
        else:
            self.answered.emit(answer)

    def _closed(self, result: ManifestFiles | NothingToClose | FilesNotWritten) -> None:
        if isinstance(result, NothingToClose):
            self.manifest_refused.emit(result)
        elif isinstance(result, FilesNotWritten):  # closed all the same: read the load again
            self.manifest_unwritten.emit(result)
            self.queue.submit(lambda: self._state(Event.REREAD), self._answered, self._failed)
        else:
            self.manifest_closed.emit(result)

    def _close_failed(self, message: str, bug: bool) -> None:
        """Said; and the load read again: it may be closed though its files are not
        written (they can be written again: ``packdesk manifest files``)."""
        self._failed(message, bug)
        self.queue.submit(lambda: self._state(Event.REREAD), self._answered, self._failed)

    def _failed(self, message: str, _bug: bool) -> None:
        self.backlog.emit(self.queue.pending)
        self.problem.emit(message)
