"""A station's clips looked after by themselves: the retention rule applied on a
timer of its own, and each clip copied to a network folder whole or not at all, a
copy that fails said once and tried again until it goes through; on SQLite and
PostgreSQL."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.evidence.clip_file import SealedClip
from app.evidence.housekeeping import Housekeeper, Rules, copy_path
from app.evidence.search import find_clips
from app.evidence.words import EvidenceWords
from tests.app.evidence.test_store import clips as clips  # three orders' clips
from tests.app.evidence.test_store import fixed

Said = list[tuple[str, EvidenceWords]]


def wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.02)


@pytest.fixture
def keeping(
    engine: Engine, tmp_path: Path
) -> Iterator[Callable[[Rules], tuple[Housekeeper, Said]]]:
    made: list[Housekeeper] = []

    def start(rules: Rules) -> tuple[Housekeeper, Said]:
        said: Said = []
        keeper = Housekeeper(
            engine,
            "counter-1",
            tmp_path / "clips",
            rules,
            on_event=lambda kind, words: said.append((kind, words)),
            clock=fixed,
        )
        made.append(keeper.start())
        return keeper, said

    yield start
    for keeper in made:
        keeper.stop()


def test_retention_runs_by_itself_off_the_callers_thread(
    engine: Engine, clips: dict[str, SealedClip], keeping: Callable[..., tuple[Housekeeper, Said]]
) -> None:
    keeper, said = keeping(Rules(keep_days=15, budget_gb=50, every_s=0.2))
    wait_for(lambda: keeper.rounds >= 2)  # the first at start, the next on its timer
    (deleted,) = [c for c in find_clips(engine) if c.deleted_at is not None]
    assert deleted.order_number == "A-1"  # 20 days old, the rule keeps 15
    assert not clips["A-1"].path.exists() and clips["B-2"].path.exists()
    kinds = [k for k, _ in said]
    assert kinds == ["retention_done"]  # said once: the next rounds had nothing to do
    assert said[0][1].english().startswith("Old videos deleted by the retention rule: 1 clips")


def test_clips_are_copied_whole_and_a_failing_share_is_said_once_then_retried(
    engine: Engine,
    clips: dict[str, SealedClip],
    keeping: Callable[..., tuple[Housekeeper, Said]],
    tmp_path: Path,
) -> None:
    share = tmp_path / "share"
    share.write_text("a file where the network folder should be")
    keeper, said = keeping(Rules(keep_days=365, budget_gb=50, copy_folder=share, every_s=0.2))
    wait_for(lambda: keeper.rounds >= 3)
    assert [k for k, _ in said] == ["copy_failed"]  # said once, tried every round
    assert str(share) in said[0][1].english()
    share.unlink()  # the share is back
    wait_for(lambda: keeper.copied == 9)  # 3 clips: video, timeline and photo each
    assert [k for k, _ in said] == ["copy_failed", "copy_back"]
    folder = tmp_path / "clips"
    for sealed in clips.values():
        for path in (sealed.path, sealed.timeline_path, sealed.photo_path):
            assert path is not None
            copy = copy_path(path, folder, share)
            assert copy.read_bytes() == path.read_bytes()
    assert not list(share.rglob("*.part"))
    rounds = keeper.rounds
    wait_for(lambda: keeper.rounds >= rounds + 2)
    assert keeper.copied == 9  # a clip copied is not copied again
