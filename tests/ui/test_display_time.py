"""Times on screen are the warehouse's (its time zone in the settings), whatever zone
the machine showing them is set to."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, update

from app.db import unit_of_work
from app.models import Order
from app.settings import Settings
from tests.ui.conftest import BADGE
from ui import display_time
from ui.feedback import SoundPlayer
from ui.main_window import MainWindow
from ui.orders_model import SHIP_BY

SHIP_BY_UTC = datetime(2026, 12, 4, 21, 30, tzinfo=UTC)
# the window's clock: two hours before that ship-by, whatever the date is today
BEFORE_SHIP_BY = SHIP_BY_UTC - timedelta(hours=2)


@pytest.fixture
def machine_in_shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
    display_time.use_zone(None)


def test_times_are_shown_in_the_zone_in_use() -> None:
    try:
        display_time.use_zone(ZoneInfo("America/New_York"))
        assert display_time.minutes(SHIP_BY_UTC) == "2026-12-04 16:30"
        assert display_time.seconds(SHIP_BY_UTC) == "2026-12-04 16:30:00"
        assert display_time.clock(SHIP_BY_UTC) == "16:30:00"
        assert display_time.minutes(None) == ""
    finally:
        display_time.use_zone(None)


def test_the_window_shows_the_warehouses_time_on_a_machine_set_elsewhere(
    qtbot: QtBot, shop: Engine, machine_in_shanghai: None
) -> None:
    with unit_of_work(shop) as s:
        s.execute(update(Order).where(Order.external_number == "A-1").values(ship_by=SHIP_BY_UTC))
    win = MainWindow(
        shop,
        Settings(idle_lock_minutes=0, warehouse_timezone="America/New_York"),
        sounds=SoundPlayer(enabled=False),
        clock=lambda: BEFORE_SHIP_BY,
    )
    qtbot.addWidget(win)
    win.show()
    for code in (BADGE, "A-1"):
        with qtbot.waitSignal(win.station.answered, timeout=10_000):
            win.pack_page.scan(code)
    facts = win.pack_page.order_facts.text()
    assert "2026-12-04 16:30" in facts  # New York's 16:30, not Shanghai's 05:30 next day
    assert "LATE" not in facts  # by the window's clock, two hours to go
    win.orders_page.reload()
    model = win.orders_page.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    shown = {model.index(row, SHIP_BY).data() for row in range(model.rowCount())}
    assert "2026-12-04 16:30" in shown  # and not late: "2026-12-04 16:30 (late)"
    win.shutdown()


def test_an_order_past_its_ship_by_by_the_windows_clock_is_late(qtbot: QtBot, shop: Engine) -> None:
    with unit_of_work(shop) as s:
        s.execute(update(Order).where(Order.external_number == "A-1").values(ship_by=SHIP_BY_UTC))
    win = MainWindow(
        shop,
        Settings(idle_lock_minutes=0, warehouse_timezone="America/New_York"),
        sounds=SoundPlayer(enabled=False),
        clock=lambda: SHIP_BY_UTC + timedelta(minutes=1),
    )
    qtbot.addWidget(win)
    win.show()
    for code in (BADGE, "A-1"):
        with qtbot.waitSignal(win.station.answered, timeout=10_000):
            win.pack_page.scan(code)
    assert "LATE" in win.pack_page.order_facts.text()
    win.orders_page.reload()
    model = win.orders_page.model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    shown = {model.index(row, SHIP_BY).data() for row in range(model.rowCount())}
    assert "2026-12-04 16:30 (late)" in shown
    win.shutdown()
