"""``packdesk scan``'s camera: when its station has one, each order is recorded as at
the pack page (the same recorder, driven by the same rules: ``app.evidence.follow``).

A verdict is printed before the recorder hears of it, and a recorder call only puts
a command on its queue, so the camera never delays an answer. What the recorder says
(a camera that does not open or stops, a clip saved or not) goes to standard error,
and scanning goes on. At the end of input the clips are finished (an order still
open ends its clip then) and sealed before the command exits.
"""

from __future__ import annotations

import logging
import sys

from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.errors import PackdeskError
from app.evidence import store
from app.evidence.follow import OpenHere, OrderRecording
from app.evidence.recorder import RecorderEvent
from app.evidence.station import StationCamera, start_camera
from app.models import Order, User
from app.packing import PackingEngine, Verdict
from app.settings import Settings

log = logging.getLogger(__name__)

SEAL_SECONDS = 15.0  # at the end, how long the last clips may take to be sealed


def say(text: str) -> None:
    print(f"packdesk: {text}", file=sys.stderr, flush=True)


class ScanCamera:
    """The station's recorder for one ``packdesk scan`` (or nothing: see ``open``)."""

    def __init__(self, database: Engine, packing: PackingEngine, camera: StationCamera) -> None:
        self.db = database
        self.packing = packing
        self.camera = camera
        self.following = OrderRecording(camera.recorder, packing.station_name)
        self._open: OpenHere | None = None
        self._open_id: int | None = None
        self._packer: tuple[int | None, str] = (None, "")

    @classmethod
    def open(cls, database: Engine, packing: PackingEngine, config: Settings) -> ScanCamera | None:
        """The recorder of the station's camera, or None when it has none (or its
        camera is no camera: said, and scanning goes on without video)."""
        station = packing.station_name
        source = store.camera_of(database, station)
        if source is None:
            return None
        try:
            running = start_camera(
                database,
                station,
                source,
                config,
                on_event=_said,
                on_housekeeping=lambda _kind, words: say(words.english()),
            )
        except PackdeskError as exc:
            say(f"station {station}'s camera is off, scanning goes on without video: {exc}")
            return None
        camera = cls(database, packing, running)
        camera.following.follow(camera.open_here())  # an order left open here goes on
        return camera

    def answered(self, verdict: Verdict) -> None:
        """After ``verdict`` was printed: the recorder follows it."""
        try:
            self.following.answered(verdict, self.open_here(verdict))
        except Exception:  # a bug of ours must not stop the scanning
            log.exception("following scan %s with the camera", verdict.seq)

    def close(self) -> None:
        """End of input: the last clips are finished and sealed (bounded)."""
        if not self.camera.close(SEAL_SECONDS):
            say("the last video was not saved in time")

    def open_here(self, verdict: Verdict | None = None) -> OpenHere | None:
        """The order open at the station now, read from the database only when it
        changed (and the packer's name, when another signed in)."""
        order_id = self.packing.open_order_id
        if order_id is None:
            self._open, self._open_id = None, None
            return None
        packer = self._packer_name()
        if order_id != self._open_id or self._open is None:
            number: str | None = None
            if verdict is not None and verdict.order_id == order_id and verdict.order:
                number = verdict.order
            else:
                with unit_of_work(self.db, read_only=True) as s:
                    number = s.scalar(select(Order.external_number).where(Order.id == order_id))
            self._open = OpenHere(str(number), order_id, packer)
            self._open_id = order_id
        return self._open

    def _packer_name(self) -> str:
        user_id = self.packing.user_id
        if user_id != self._packer[0]:
            name = ""
            if user_id is not None:
                with unit_of_work(self.db, read_only=True) as s:
                    name = s.scalar(select(User.name).where(User.id == user_id)) or ""
            self._packer = (user_id, name)
        return self._packer[1]


def _said(event: RecorderEvent) -> None:
    say(event.words.english())
