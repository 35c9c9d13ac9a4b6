"""Finding clips by packer, counter and time (``packdesk evidence list``, its times
in the warehouse's zone), and by whatever the board scanned: an order number or a
waybill's tracking number; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app.cli import main
from app.evidence import store
from app.evidence.clip_file import SealedClip
from app.evidence.search import clips_for_code, find_clips
from tests.app.evidence.test_store import NOW, fixed, sealed_clip
from tests.app.evidence.test_store import clips as clips  # three orders' clips


def numbers(found: list[object]) -> list[str]:
    return [c.order_number for c in found]  # type: ignore[attr-defined]


@pytest.fixture
def more(engine: Engine, clips: dict[str, SealedClip], tmp_path: Path) -> SealedClip:
    """A fourth clip, 5 days old, by 张伟 at counter-2."""
    made = sealed_clip(tmp_path / "clips", "D-4", days_ago=5)
    made = replace(made, start=replace(made.start, station="counter-2", packer="张伟 Zhang"))
    store.EvidenceStore(engine, clock=fixed).record(made)
    return made


def test_clips_are_found_by_packer_counter_and_time(engine: Engine, more: SealedClip) -> None:
    assert numbers(find_clips(engine, packer="zhang")) == ["D-4"]
    assert numbers(find_clips(engine, packer="张伟")) == ["D-4"]
    assert numbers(find_clips(engine, packer="li wei")) == ["A-1", "B-2", "C-3"]
    assert numbers(find_clips(engine, packer="%")) == []  # no wildcard
    assert numbers(find_clips(engine, station="counter-2")) == ["D-4"]
    week = NOW - timedelta(days=7)
    assert numbers(find_clips(engine, since=week)) == ["D-4", "C-3"]
    assert numbers(find_clips(engine, until=week)) == ["A-1", "B-2"]
    assert numbers(find_clips(engine, since=week, station="counter-1")) == ["C-3"]


def test_the_command_line_reads_times_in_the_warehouse_zone(
    engine: Engine,
    clips: dict[str, SealedClip],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A-1 began 2031-05-12 12:00 UTC: 20:00 in Shanghai."""
    monkeypatch.setenv("PACKDESK_TIMEZONE", "Asia/Shanghai")
    db = ["--db", engine.url.render_as_string(hide_password=False)]

    def listed(*by: str) -> list[str]:
        capsys.readouterr()
        assert main(["evidence", "list", *by, "--json", *db]) == 0
        return [c["order"] for c in json.loads(capsys.readouterr().out)]

    assert listed("--since", "2031-05-12 20:00", "--until", "2031-05-12 20:01") == ["A-1"]
    assert listed("--since", "2031-05-12 20:01", "--until", "2031-05-22") == ["B-2"]
    assert listed("--until", "2031-05-12") == ["A-1"]  # a day alone: to its end
    assert listed("--until", "2031-05-11") == []
    assert listed("--packer", "LI", "--station", "counter-1", "--since", "2031-05-31") == ["C-3"]
    with pytest.raises(SystemExit) as refused:
        main(["evidence", "list", "--since", "yesterday", *db])
    assert refused.value.code == 2
    assert "is no time" in capsys.readouterr().err


def test_a_scanned_order_number_or_waybill_finds_its_clips(
    engine: Engine, clips: dict[str, SealedClip]
) -> None:
    assert clips_for_code(engine, "A-1").orders == ("A-1",)
    by_waybill = clips_for_code(engine, "]C01Z999AA10123456784")  # with its AIM prefix
    assert by_waybill.orders == ("A-1",)
    assert by_waybill.clips[0].sha256 == clips["A-1"].sha256
    assert clips_for_code(engine, "C-3").orders == ("C-3",)  # an order this database lacks
    nothing = clips_for_code(engine, "NO-SUCH")
    assert nothing.orders == () and nothing.clips == ()


def test_evidence_show_takes_a_waybills_tracking_number(
    engine: Engine, clips: dict[str, SealedClip], capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", engine.url.render_as_string(hide_password=False)]
    assert main(["evidence", "show", "1Z999AA10123456784", "--json", *db]) == 0
    (clip,) = json.loads(capsys.readouterr().out)
    assert clip["order"] == "A-1"
    assert main(["evidence", "show", "NO-SUCH", *db]) == 2
    assert "There is no order NO-SUCH" in capsys.readouterr().err
