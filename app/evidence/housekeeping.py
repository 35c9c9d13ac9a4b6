"""A station's clips looked after by themselves, on a thread of their own: the
retention rule applied every few minutes (and after a clip is sealed, at most once a
minute), and, when a
network folder is set, each sealed clip's files copied there.

A copy is written under a temporary name and renamed when whole, so the network
folder never holds half a file under a clip's name. A copy that fails (the share
is gone, full, read-only) is said once (``copy_failed``), and every round of
housekeeping tries again each clip of the station whose copy is missing; when copies
go through again that is said too (``copy_back``). Nothing here ever blocks a scan,
the recorder or the GUI thread: whoever drives it only puts a word on its queue.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.errors import PackdeskError
from app.evidence import store
from app.evidence.clip_file import SealedClip
from app.evidence.words import EvidenceWords, said
from app.models import EvidenceClip
from app.timeutil import Clock, utcnow

log = logging.getLogger(__name__)

GB = 1_000_000_000
AFTER_SEAL_S = 60.0  # a sealed clip asks for a round at most this often


@dataclass(frozen=True)
class Rules:
    """What housekeeping keeps: ``keep_days`` and ``budget_gb`` (the retention rule),
    and ``copy_folder`` (None: no copies); a round every ``every_s`` seconds."""

    keep_days: float
    budget_gb: float
    copy_folder: Path | None = None
    every_s: float = 600.0


def copy_path(clip_file: Path, folder: Path, copy_folder: Path) -> Path:
    """Where ``clip_file`` (under ``folder``) goes in ``copy_folder``: the same day
    folder and name."""
    try:
        return copy_folder / clip_file.relative_to(folder)
    except ValueError:  # (the clips' folder was moved since it was recorded)
        return copy_folder / clip_file.parent.name / clip_file.name


def copy_whole(source: Path, target: Path) -> None:
    """``source`` copied to ``target`` under a temporary name, then renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


class Housekeeper:
    """Retention and copies for ``station``'s clips kept in ``folder``."""

    def __init__(
        self,
        engine: Engine,
        station: str,
        folder: Path,
        rules: Rules,
        *,
        on_event: Callable[[str, EvidenceWords], None] | None = None,
        clock: Clock = utcnow,
    ) -> None:
        self.engine, self.station, self.folder = engine, station, Path(folder)
        self.rules = rules
        self._on_event = on_event
        self._clock = clock
        self._work: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._stop = threading.Event()
        self.copy_failing = False
        self.rounds = 0  # rounds done (for tests)
        self.copied = 0  # files copied
        self._copied_clips: set[int] = set()  # clips whose files are all in the copy folder
        self._last_round = -AFTER_SEAL_S
        self._thread = threading.Thread(target=self._run, name="evidence-housekeeping", daemon=True)

    def start(self) -> Housekeeper:
        self._thread.start()
        self.now()
        return self

    def now(self) -> None:
        """A round as soon as the thread is free (a clip was sealed)."""
        self._work.put("round")

    def sealed(self, _clip: SealedClip) -> None:
        """The recorder's word that a clip was sealed (and indexed): a round, unless
        one ran less than ``AFTER_SEAL_S`` ago (a busy counter seals a clip a minute;
        its round is not to compete with the next order's scans every time)."""
        if time.monotonic() - self._last_round >= AFTER_SEAL_S:
            self.now()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._work.put("stop")
        self._thread.join(timeout)

    # --- the thread ---------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self._work.get(timeout=self.rules.every_s) == "stop":
                    return
            except queue.Empty:
                pass
            while not self._work.empty():  # (many words since the last round: one round)
                if self._work.get() == "stop":
                    return
            try:
                self.round()
            except Exception:  # a bug of ours: logged, and the next round comes
                log.exception("evidence housekeeping of %s", self.station)

    def round(self) -> None:
        """Retention, then the copies that are missing."""
        self._retention()
        if self.rules.copy_folder is not None:
            self._copies(self.rules.copy_folder)
        self.rounds += 1
        self._last_round = time.monotonic()

    def _retention(self) -> None:
        try:
            done = store.apply_retention(
                self.engine,
                self.station,
                keep_days=self.rules.keep_days,
                budget_bytes=int(self.rules.budget_gb * GB),
                clock=self._clock,
            )
        except (PackdeskError, OSError) as exc:
            self._say("retention_failed", said("retention_failed", exc))
            return
        if done.deleted:
            megabytes = f"{done.freed_bytes / 1e6:.0f}"
            self._say("retention_done", said("retention_done", len(done.deleted), megabytes))

    def _copies(self, copy_folder: Path) -> None:
        try:
            for clip_id, files in self._kept_clips():
                if clip_id in self._copied_clips:
                    continue
                for path in files:
                    if not path.exists():
                        continue
                    target = copy_path(path, self.folder, copy_folder)
                    if not target.exists() or target.stat().st_size != path.stat().st_size:
                        copy_whole(path, target)
                        self.copied += 1
                self._copied_clips.add(clip_id)
        except OSError as exc:
            if not self.copy_failing:
                self.copy_failing = True
                reason = exc.strerror or str(exc)
                self._say("copy_failed", said("copy_failed", copy_folder, reason))
            return
        if self.copy_failing:
            self.copy_failing = False
            self._say("copy_back", said("copy_back", copy_folder))

    def _kept_clips(self) -> list[tuple[int, tuple[Path, ...]]]:
        """(id, files) of the station's clips with video not deleted, oldest first."""
        query = (
            select(EvidenceClip.id, EvidenceClip.path, EvidenceClip.photo_path)
            .where(
                EvidenceClip.station == self.station,
                EvidenceClip.deleted_at.is_(None),
                EvidenceClip.sha256.is_not(None),
            )
            .order_by(EvidenceClip.id)
        )
        with unit_of_work(self.engine, read_only=True) as s:
            rows = s.execute(query).all()
        return [
            (
                clip_id,
                tuple(
                    p
                    for p in (Path(video), Path(video).with_suffix(".json"), photo and Path(photo))
                    if p
                ),
            )
            for clip_id, video, photo in rows
        ]

    def _say(self, kind: str, words: EvidenceWords) -> None:
        if self._on_event is None:
            return
        try:
            self._on_event(kind, words)
        except Exception:
            log.exception("evidence housekeeping listener")
