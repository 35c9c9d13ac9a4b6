"""A station's camera as the pack page and ``packdesk scan`` both run it, built from
the settings: its recorder, in a process of its own (clips indexed and sealed as
they close, none begun on a disk nearly full), and its housekeeping (the retention
rule and the network copies, by themselves)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from app.evidence import store
from app.evidence.clip_file import SealedClip
from app.evidence.housekeeping import GB, Housekeeper, Rules
from app.evidence.recorder import STALL_SECONDS, EventSink
from app.evidence.recorder_process import RecorderProcess
from app.evidence.words import EvidenceWords
from app.settings import Settings
from app.timeutil import Clock, utcnow


@dataclass(frozen=True)
class StationCamera:
    recorder: RecorderProcess
    housekeeper: Housekeeper

    def close(self, timeout: float) -> bool:
        """The clips finished and sealed (True, or ``timeout`` passed), then the
        housekeeping stopped."""
        sealed = self.recorder.close(timeout)
        self.housekeeper.stop()
        return sealed


def rules_of(settings: Settings) -> Rules:
    return Rules(
        keep_days=settings.evidence_keep_days,
        budget_gb=settings.evidence_budget_gb,
        copy_folder=settings.evidence_copy_folder,
        every_s=max(10.0, settings.evidence_housekeeping_minutes * 60),
    )


def start_camera(
    engine: Engine,
    station: str,
    source: str,
    settings: Settings,
    *,
    on_event: EventSink,
    on_housekeeping: Callable[[str, EvidenceWords], None],
    clock: Clock = utcnow,
    stall_seconds: float = STALL_SECONDS,
) -> StationCamera:
    """``station``'s recorder of ``source`` and its housekeeping, running. Raises
    ``CameraProblem`` for a SOURCE that is no camera source (nothing is started)."""
    housekeeper = Housekeeper(
        engine,
        station,
        settings.evidence_folder,
        rules_of(settings),
        on_event=on_housekeeping,
        clock=clock,
    )
    index = store.EvidenceStore(engine, clock=clock)

    def sealed(clip: SealedClip) -> None:
        index.record(clip)
        housekeeper.sealed(clip)  # (its retention and copy come after the index)

    recorder = RecorderProcess(
        source,
        settings.evidence_folder,
        clock=clock,
        timezone=settings.timezone,
        tail_seconds=settings.evidence_tail_seconds,
        on_event=on_event,
        on_sealed=sealed,
        stall_seconds=stall_seconds,
        min_free_bytes=int(settings.evidence_min_free_gb * GB),
    )
    return StationCamera(recorder, housekeeper.start())
