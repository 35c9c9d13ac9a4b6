from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import settings
from app.errors import PackdeskError


def test_defaults_then_file_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PACKDESK_TIMEZONE")
    assert settings.load().db_url == ""
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps(
            {
                "version": 0,
                "station": "counter-7",
                "warehouse_timezone": "Europe/Berlin",
                "retired_key": 1,
            }
        )
    )
    loaded = settings.load()
    assert (loaded.station, loaded.warehouse_timezone, loaded.version) == (
        "counter-7",
        "Europe/Berlin",
        settings.SETTINGS_VERSION,
    )
    monkeypatch.setenv("PACKDESK_STATION", "counter-9")
    assert settings.load().station == "counter-9"


def test_save_round_trips_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    saved = settings.save(settings.Settings(station="打包台-1"))
    assert "打包台-1" in saved.read_text(encoding="utf-8")
    monkeypatch.delenv("PACKDESK_TIMEZONE")
    assert settings.load().station == "打包台-1"


def test_broken_file_is_a_clear_error() -> None:
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(PackdeskError, match="Cannot read settings file"):
        settings.load()


def test_unknown_time_zone_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PACKDESK_TIMEZONE", "Mars/Olympus")
    with pytest.raises(PackdeskError, match="Unknown warehouse time zone"):
        _ = settings.load().timezone


def test_the_default_warehouse_zone_is_this_machines(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PACKDESK_TIMEZONE"}
    env |= {"TZ": "America/New_York", "PACKDESK_CONFIG_DIR": str(tmp_path)}
    shown = subprocess.run(
        [sys.executable, "-c", "from app.settings import load; print(load().warehouse_timezone)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert shown == "America/New_York"
