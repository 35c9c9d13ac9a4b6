"""The dock page driven like a loading bay: a badge and labels typed by a wedge
scanner into the real window, each handover committed to a real SQLite database, the
banner, sound, counts and list of scans checked; closing the manifest asked twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from pytestqt.wait_signal import SignalBlocker
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import Load, Order, OrderStatus, Parcel, User
from app.settings import Settings
from app.shipping import dock_words, manifests
from app.shipping.dock import Handover, Outcome
from app.shipping.dock_words import said
from tests.app.packing.conftest import _products, add_order
from tests.ui.conftest import speaking_chinese
from ui.dock import dock_words as ui_dock_words
from ui.dock import handover_look
from ui.dock.scans_model import RESULT, DockScan, DockScansModel
from ui.dock.station import Event
from ui.feedback import SoundPlayer
from ui.main_window import MainWindow

S = OrderStatus
LOADER = "L-7"
CARRIER = "SF Express"


def packed(engine: Engine, number: str, parcels: int = 1, carrier: str = CARRIER) -> list[str]:
    """A packed order of ``parcels`` labelled parcels for ``carrier``; their numbers."""
    order_id = add_order(engine, number, {"LID": parcels}, status=S.PACKED)
    numbers = [f"SF{number.replace('-', '')}{seq:03d}" for seq in range(1, parcels + 1)]
    with unit_of_work(engine) as s:
        s.get_one(Order, order_id).carrier = carrier
        s.add_all(
            Parcel(order_id=order_id, seq=seq, tracking_number=n, carrier=carrier)
            for seq, n in enumerate(numbers, start=1)
        )
    return numbers


@pytest.fixture
def bay(sqlite_engine: Engine) -> Engine:
    with unit_of_work(sqlite_engine) as s:
        s.add_all(_products())
        s.add(User(name="Loader Zhao 赵", badge=LOADER, role="packer"))
    return sqlite_engine


@pytest.fixture
def dock_window(qtbot: QtBot, bay: Engine) -> Iterator[MainWindow]:
    win = MainWindow(
        bay, Settings(station="dock-1", idle_lock_minutes=0), sounds=SoundPlayer(enabled=False)
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    # the carriers and the load of the carrier chosen before, read at start: answered
    qtbot.waitUntil(lambda: win.dock_station.queue.pending == 0, timeout=10_000)
    yield win
    win.shutdown()


def burst(qtbot: QtBot, window: MainWindow, code: str) -> None:
    """What a keyboard-wedge scanner does: keys with no time between them, and Enter."""
    window.scan_sources.wedge_scanner.clock = lambda: 0.0
    target = QApplication.focusWidget() or window
    qtbot.keyClicks(target, code)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def state(qtbot: QtBot, window: MainWindow, event: Event) -> SignalBlocker:
    """Waits for the loader's state after ``event`` (not an earlier one's)."""
    return qtbot.waitSignal(
        window.dock_station.loader_changed,
        timeout=10_000,
        check_params_cb=lambda s: s.event is event,
    )


def scan(qtbot: QtBot, window: MainWindow, code: str) -> Handover:
    with qtbot.waitSignal(window.dock_station.answered, timeout=10_000) as answer:
        burst(qtbot, window, code)
    result = answer.args[0]
    assert isinstance(result, Handover)
    return result


def sign_in(qtbot: QtBot, window: MainWindow, carrier: str = CARRIER) -> None:
    page = window.dock_page
    window.pages.setCurrentWidget(page)  # (its carriers read again: the orders' own)
    assert page.step.text() == "① Scan your badge"
    with state(qtbot, window, Event.SIGNED_IN):
        burst(qtbot, window, LOADER)
    assert page.who.text() == "Loader: Loader Zhao 赵"
    assert page.step.text() == "② Choose the carrier"
    qtbot.waitUntil(lambda: page.carrier.count() > 0, timeout=10_000)  # the orders' carriers
    assert page.carrier.findText(carrier) >= 0
    with state(qtbot, window, Event.CARRIER):
        page.choose_carrier(carrier)
    assert page.step.text() == "③ Scan each parcel's label"


def test_a_two_parcel_order_ships_when_its_second_label_is_scanned(
    qtbot: QtBot, dock_window: MainWindow, bay: Engine
) -> None:
    first, second = packed(bay, "D-1", parcels=2)
    page = dock_window.dock_page
    sign_in(qtbot, dock_window)
    assert page.count.text() == "On this load: 0"

    one = scan(qtbot, dock_window, first)
    assert one.outcome is Outcome.LOADED
    assert page.banner.tone == "ok" and page.banner.headline.text() == "LOADED  D-1  parcel 1/2"
    assert page.banner.detail.text() == (
        f"Loaded: {first}, order D-1, parcel 1/2. Still missing: parcel 2/2."
    )
    assert page.sounds.last_played == "accepted"
    assert page.count.text() == "On this load: 1"
    assert page.manifest.text() == f"Manifest {one.load}"
    assert page.missing.isVisibleTo(page) and "D-1" in page.missing.text()
    assert "2/2" in page.missing.text()

    two = scan(qtbot, dock_window, second)
    assert two.outcome is Outcome.SHIPPED
    assert page.banner.tone == "ok" and page.banner.headline.text() == "SHIPPED  order D-1"
    assert page.banner.detail.text() == (
        "Shipped: order D-1, its 2 parcels are all on the SF Express truck. On this load: 2."
    )
    assert page.sounds.last_played == "complete"
    assert page.count.text() == "On this load: 2"
    assert not page.missing.isVisibleTo(page)
    with unit_of_work(bay, read_only=True) as s:
        status = s.scalars(select(Order.status).where(Order.external_number == "D-1")).one()
    assert status == S.SHIPPED
    shown = [page.scans.index(r, RESULT).data() for r in range(page.scans.rowCount())]
    assert shown == ["✔ Shipped", "✔ Loaded"]  # newest first


def test_a_cancelled_orders_parcel_is_stopped_loudly(
    qtbot: QtBot, dock_window: MainWindow, bay: Engine
) -> None:
    (label,) = packed(bay, "X-1")
    with unit_of_work(bay) as s:
        s.scalars(select(Order).where(Order.external_number == "X-1")).one().status = S.CANCELLED
    page = dock_window.dock_page
    sign_in(qtbot, dock_window)
    answer = scan(qtbot, dock_window, label)
    assert answer.outcome is Outcome.INTERCEPTED and not answer.ok
    assert page.banner.tone == "error"
    assert page.banner.headline.text() == "STOP  order X-1: take it off"
    assert page.banner.detail.text() == (
        "STOP: order X-1 is cancelled. This parcel must not leave: take it off the truck."
    )
    assert page.sounds.last_played == handover_look.STOP_SOUND  # the loudest there is
    assert page.count.text() == "On this load: 0"
    assert page.scans.index(0, RESULT).data() == "✖ STOP: take it off"
    unknown = scan(qtbot, dock_window, "NOPE-404")
    assert page.banner.tone == "error" and unknown.outcome is Outcome.UNKNOWN
    assert page.banner.headline.text() == "UNKNOWN LABEL: keep it off"
    assert page.sounds.last_played == "unknown"


def test_a_burst_of_five_labels_is_handed_over_in_order(
    qtbot: QtBot, dock_window: MainWindow, bay: Engine
) -> None:
    labels = [packed(bay, f"B-{n}")[0] for n in range(1, 6)]
    page = dock_window.dock_page
    sign_in(qtbot, dock_window)
    for label in labels:  # as fast as a scanner sends them: no answer awaited between
        burst(qtbot, dock_window, label)
    qtbot.waitUntil(lambda: page.scans.rowCount() == 5, timeout=20_000)
    rows = [page.scans.row_at(r).handover for r in range(5)]
    assert [h.code for h in rows] == labels[::-1]  # newest first, none lost
    assert [h.on_load for h in rows] == [5, 4, 3, 2, 1]  # handed over in the order read
    assert all(h.outcome is Outcome.SHIPPED for h in rows)
    assert page.count.text() == "On this load: 5"
    with unit_of_work(bay, read_only=True) as s:
        loaded = s.scalars(
            select(Parcel.tracking_number)
            .where(Parcel.load_id.is_not(None))
            .order_by(Parcel.handed_over_at, Parcel.id)
        ).all()
    assert loaded == labels


def test_closing_the_manifest_takes_a_second_click(
    qtbot: QtBot, dock_window: MainWindow, bay: Engine, tmp_path: Path
) -> None:
    (label,) = packed(bay, "M-1")
    page = dock_window.dock_page
    dock_window.dock_station.out_dir = tmp_path / "manifests"
    sign_in(qtbot, dock_window)
    scan(qtbot, dock_window, label)

    page._disarm.setInterval(50)  # the 5 s to confirm run out at once
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert page.banner.tone == "warn" and "again" in page.banner.headline.text()
    assert page.close_button.text() == "⚠ Click again to close"
    qtbot.waitUntil(lambda: page.close_button.text() == "Close manifest (SF Express)")
    with unit_of_work(bay, read_only=True) as s:
        assert s.scalars(select(Load.closed_at)).all() == [None]  # not closed: time ran out

    page._disarm.setInterval(5000)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dock_window.dock_station.manifest_closed, timeout=20_000) as closed:
        qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    files = closed.args[0]
    assert files.pdf.parent == tmp_path / "manifests" and files.pdf.exists()
    assert files.csv.exists() and label in files.csv.read_text(encoding="utf-8-sig")
    assert page.banner.tone == "done"
    assert page.banner.headline.text() == f"MANIFEST {files.number} CLOSED"
    shown = page.closed_files.text().replace("\u200b", "")
    assert str(files.pdf) in shown and str(files.csv) in shown
    assert page.count.text() == "On this load: 0"
    with unit_of_work(bay, read_only=True) as s:
        assert None not in s.scalars(select(Load.closed_at)).all()

    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)  # closed twice
    with qtbot.waitSignal(dock_window.dock_station.manifest_refused, timeout=10_000):
        qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert page.banner.tone == "error" and page.banner.headline.text() == "NOTHING TO CLOSE"
    assert files.number in page.banner.detail.text()


def test_a_label_before_a_badge_or_a_carrier_is_not_loaded(
    qtbot: QtBot, dock_window: MainWindow, bay: Engine
) -> None:
    (label,) = packed(bay, "N-1")
    page = dock_window.dock_page
    dock_window.pages.setCurrentWidget(page)
    with state(qtbot, dock_window, Event.NOT_A_BADGE):
        burst(qtbot, dock_window, label)
    assert page.banner.tone == "error" and "NOT A BADGE" in page.banner.headline.text()
    with state(qtbot, dock_window, Event.SIGNED_IN):
        burst(qtbot, dock_window, LOADER)
    with state(qtbot, dock_window, Event.NO_CARRIER):
        burst(qtbot, dock_window, label)
    assert page.banner.headline.text() == "Choose the carrier first"
    with unit_of_work(bay, read_only=True) as s:
        assert s.scalars(select(Parcel.load_id)).all() == [None]


def _handover(outcome: Outcome, key: str, *values: object, **fields: object) -> Handover:
    return Handover(outcome, said(key, *values), "SF1", **fields)  # type: ignore[arg-type]


def test_the_scans_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = DockScansModel()
    at = datetime(2026, 12, 4, 9, 30, tzinfo=UTC)
    model.add(DockScan(at, _handover(Outcome.UNKNOWN, "unknown_label", "SF1")))
    model.add(
        DockScan(
            at,
            _handover(
                Outcome.LOADED,
                "loaded_missing",
                "SF1",
                "D-1",
                "1/2",
                "2/2",
                order="D-1",
                parcel="1/2",
                tracking="SF1",
                missing=("2/2",),
                load="M-SF-1",
                on_load=1,
            ),
        )
    )
    qtmodeltester.check(model)
    assert model.index(0, RESULT).data() == "✔ Loaded"
    assert model.index(1, RESULT).data() == "✖ Unknown label"
    assert model.index(1, RESULT).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_the_screen_knows_every_one_of_the_docks_words() -> None:
    assert ui_dock_words.DOCK_WORDS == dock_words.TEMPLATES


def test_the_docks_words_in_chinese(qtbot: QtBot) -> None:
    stopped = _handover(Outcome.INTERCEPTED, "intercepted", "X-1", "cancelled", order="X-1")
    with speaking_chinese():
        assert handover_look.look(stopped).headline.startswith("停")
        said_there = handover_look.detail(stopped)
    assert "X-1" in said_there and "已取消" in said_there and "cancelled" not in said_there


def test_a_manifest_whose_files_fail_is_said_and_its_load_read_again(
    qtbot: QtBot, dock_window: MainWindow, bay: Engine, tmp_path: Path
) -> None:
    (label,) = packed(bay, "W-1")
    page = dock_window.dock_page
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    page.station.out_dir = blocker / "manifests"  # a folder that cannot be made
    sign_in(qtbot, dock_window)
    scan(qtbot, dock_window, label)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    with state(qtbot, dock_window, Event.REREAD):
        qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert page.banner.tone == "error" and page.sounds.last_played == "unknown"
    said_there = page.banner.detail.text()
    assert "could not be written" in said_there and "the folder does not exist" in said_there
    assert "packdesk manifest files" in said_there  # and how to write them again
    assert page.count.text() == "On this load: 0"  # the load is closed: read again
    assert page.close_button.isEnabled()
    with unit_of_work(bay) as s:
        assert s.scalars(select(Load.closed_at)).one() is not None
    with speaking_chinese():
        page.show_files_not_written(
            manifests.FilesNotWritten("M-1", tmp_path, OSError(28, "No space left on device"))
        )
        assert "No space" not in page.banner.detail.text()
        assert "M-1" in page.banner.detail.text()
