"""The board's thresholds come from the typed settings, with the documented defaults."""

from __future__ import annotations

import json
from datetime import timedelta

from app import settings
from app.board import BoardRules
from app.models import OrderStatus

S = OrderStatus


def test_defaults_match_the_floor_rules() -> None:
    rules = BoardRules.from_settings(settings.Settings())
    assert rules.at_risk == timedelta(hours=2)
    assert dict(rules.stuck_after) == {
        S.NEW: timedelta(hours=2),
        S.READY: timedelta(hours=4),
        S.PACKING: timedelta(minutes=30),
        S.PACKED: timedelta(hours=4),
    }
    assert dict(rules.allowance) == {"*": timedelta(hours=24)}


def test_the_settings_file_overrides_thresholds_and_allowances() -> None:
    path = settings.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps(
            {
                "at_risk_minutes": 45,
                "stuck_after_minutes": {"packing": 20, "new": None, "retired_state": 5},
                "ship_by_allowance_hours": {"tmall": 12},
            }
        )
    )
    rules = BoardRules.from_settings(settings.load())
    assert rules.at_risk == timedelta(minutes=45)
    assert dict(rules.stuck_after) == {  # the states not named keep their defaults
        S.READY: timedelta(hours=4),
        S.PACKING: timedelta(minutes=20),
        S.PACKED: timedelta(hours=4),
    }
    assert dict(rules.allowance) == {"tmall": timedelta(hours=12), "*": timedelta(hours=24)}
