"""The board page on a real database (SQLite and PostgreSQL), offscreen: it loads off
the GUI thread, shows changes made through the services without a reset, searches
with awkward characters, says when nothing matches, and records detail actions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, select, text

from app import order_actions
from app.board import BoardRules
from app.db import unit_of_work
from app.models import OrderHistory, OrderStatus
from tests.app.board.conftest import Floor, add_order, floor  # noqa: F401 (a fixture)
from ui.board.feed import BoardFeed
from ui.board.page import EMPTY_VIEW, BoardPage
from ui.feedback import SoundPlayer
from ui.workers import TaskQueue

S = OrderStatus
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def page(qtbot: QtBot, floor: Floor) -> Iterator[BoardPage]:  # noqa: F811
    reads = TaskQueue("test-reads", threads=2)
    feed = BoardFeed(floor.engine, interval=0.2, retry_ms=300)
    p = BoardPage(floor.engine, reads, SoundPlayer(enabled=False), TZ, feed=feed)
    qtbot.addWidget(p)
    yield p
    p.shutdown()
    reads.close()


def shown_numbers(p: BoardPage, status: OrderStatus) -> list[str]:
    model = p.columns.models[status]
    return [model.card_at(r).number for r in range(model.rowCount())]


def open_page(qtbot: QtBot, p: BoardPage) -> None:
    p.resize(1400, 900)
    p.show()
    qtbot.waitUntil(lambda: p.feed.refreshes >= 1, timeout=10_000)


def test_the_board_loads_off_the_gui_thread_by_urgency(qtbot: QtBot, floor: Floor, page) -> None:  # noqa: F811
    e = floor.engine
    add_order(e, "R-LATE", ship_in=timedelta(hours=-1))
    add_order(e, "R-LATER", ship_in=timedelta(hours=20))
    add_order(e, "R-VIP", ship_in=timedelta(hours=30), priority=1)
    add_order(e, "N-1", status=S.NEW)
    assert page.feed.refreshes == 0  # nothing read before the page is shown
    open_page(qtbot, page)
    assert shown_numbers(page, S.READY) == ["R-VIP", "R-LATE", "R-LATER"]
    assert page.columns.columns[S.READY].counts.text() == "3 orders · ⚠ 1 late"
    assert page.columns.columns[S.NEW].counts.text() == "1 order"
    assert "4 orders" in page.summary.text()


def test_a_change_through_the_services_appears_without_a_reset(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    page: BoardPage,
) -> None:
    e = floor.engine
    a = add_order(e, "C-1", ship_in=timedelta(hours=5))
    add_order(e, "C-2", ship_in=timedelta(hours=3))
    open_page(qtbot, page)
    assert shown_numbers(page, S.READY) == ["C-2", "C-1"]
    assert page.table_model.rowCount() == 0  # the table is read when it is shown
    page.show_table.click()
    qtbot.waitUntil(lambda: page.table_model.rowCount() == 2, timeout=5000)
    resets: list[str] = []
    for name, model in [("table", page.table_model), *page.columns.models.items()]:
        model.modelReset.connect(lambda n=name: resets.append(str(n)))
    order_actions.expedite(e, a, user_id=floor.supervisor_id, reason="VIP customer")
    qtbot.waitUntil(lambda: shown_numbers(page, S.READY) == ["C-1", "C-2"], timeout=5000)
    order_actions.hold(e, a, user_id=floor.supervisor_id, reason="address unclear")
    qtbot.waitUntil(lambda: shown_numbers(page, S.ON_HOLD) == ["C-1"], timeout=5000)
    assert shown_numbers(page, S.READY) == ["C-2"]
    add_order(e, "C-3", ship_in=timedelta(hours=1))
    qtbot.waitUntil(lambda: shown_numbers(page, S.READY) == ["C-3", "C-2"], timeout=5000)
    qtbot.waitUntil(lambda: page.table_model.rowCount() == 3, timeout=5000)
    assert resets == []
    assert page.last_apply_ms < 1000


@pytest.mark.parametrize("needle", ["%", "_", "'", '"', "\\", "'; DROP TABLE orders; --"])
def test_search_takes_awkward_characters_literally(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    page: BoardPage,
    needle: str,
) -> None:
    e = floor.engine
    for number in ("P%1", "U_2", "Q'3", 'D"4', "B\\5", "PLAIN"):
        add_order(e, number)
    add_order(e, "X-SQL", customer="'; DROP TABLE orders; --")
    open_page(qtbot, page)
    page.show_table.click()
    page.filters.set_search(needle)
    expected = {
        "%": ["P%1"],
        "_": ["U_2"],
        "'": ["Q'3", "X-SQL"],
        '"': ['D"4'],
        "\\": ["B\\5"],
        "'; DROP TABLE orders; --": ["X-SQL"],
    }[needle]
    qtbot.waitUntil(lambda: sorted(shown_numbers(page, S.READY)) == expected, timeout=5000)
    qtbot.waitUntil(lambda: page.table_model.rowCount() == len(expected), timeout=5000)


def test_a_filter_that_matches_nothing_says_so(qtbot: QtBot, floor: Floor, page) -> None:  # noqa: F811
    add_order(floor.engine, "E-1")
    open_page(qtbot, page)
    page.filters.standing.setCurrentIndex(page.filters.standing.findText("⊗ Stuck"))
    qtbot.waitUntil(lambda: page.stack.currentIndex() == EMPTY_VIEW, timeout=5000)
    assert "No orders match this filter" in page.empty.text()
    assert page.empty.isVisible()
    page.filters.reset()
    qtbot.waitUntil(lambda: page.stack.currentIndex() != EMPTY_VIEW, timeout=5000)


def test_a_scan_opens_the_order_and_detail_actions_write_history(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    page: BoardPage,
) -> None:
    e = floor.engine
    oid = add_order(e, "D-1", {"CUP": 2})
    add_order(e, "D-2")
    open_page(qtbot, page)
    detail = page.detail
    detail.buttons["hold"].click()
    assert detail.view is None  # no order open: nothing happens
    page.scan("D-1")
    qtbot.waitUntil(lambda: detail.view is not None and detail.view.card.id == oid, timeout=5000)
    assert detail.isVisible()
    assert detail.lines.rowCount() == 1
    detail.buttons["hold"].click()
    qtbot.waitUntil(lambda: "supervisor badge" in detail.message.text(), timeout=2000)
    page.scan("S-1")  # the supervisor's badge signs in
    qtbot.waitUntil(lambda: detail.supervisor is not None, timeout=5000)
    detail.buttons["hold"].click()  # no reason yet: refused in plain words
    qtbot.waitUntil(lambda: "Give a reason" in detail.message.text(), timeout=5000)
    detail.reason.setText("address unclear")
    detail.buttons["hold"].click()
    qtbot.waitUntil(lambda: "⊘ Hold recorded" in detail.message.text(), timeout=5000)
    qtbot.waitUntil(lambda: detail.view.card.status is S.ON_HOLD, timeout=5000)
    qtbot.waitUntil(lambda: detail.story.rowCount() == 1, timeout=5000)
    assert detail.story.index(0, 2).data() == "Ready → On hold"
    assert detail.story.index(0, 3).data() == "Sup Wang"
    assert detail.story.index(0, 5).data() == "hold: address unclear"
    assert detail.buttons["release"].isEnabled() and not detail.buttons["hold"].isEnabled()
    with unit_of_work(e, read_only=True) as s:
        row = s.execute(
            select(OrderHistory.to_status, OrderHistory.user_id, OrderHistory.reason).where(
                OrderHistory.order_id == oid
            )
        ).one()
    assert tuple(row) == ("on_hold", floor.supervisor_id, "hold: address unclear")
    qtbot.waitUntil(lambda: shown_numbers(page, S.ON_HOLD) == ["D-1"], timeout=5000)
    detail.reason.setText("again")
    detail.buttons["reopen"].setEnabled(True)  # a refused move says why, changes nothing
    detail.buttons["reopen"].click()
    qtbot.waitUntil(lambda: "Only a packed order" in detail.message.text(), timeout=5000)


def test_the_board_says_when_the_database_goes_away_and_recovers(
    qtbot: QtBot, pg_admin_url: str, pg_url: str
) -> None:
    from app import db

    engine = db.make_engine(pg_url)
    add_order(engine, "G-1")
    reads = TaskQueue("test-reads", threads=2)
    feed = BoardFeed(engine, interval=0.2, retry_ms=300)
    p = BoardPage(engine, reads, SoundPlayer(enabled=False), TZ, feed=feed)
    qtbot.addWidget(p)
    admin = create_engine(pg_admin_url, isolation_level="AUTOCOMMIT")
    name = engine.url.database
    try:
        open_page(qtbot, p)
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false'))
            conn.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
        qtbot.waitUntil(lambda: p.problem.isVisible(), timeout=15_000)
        assert "not answering" in p.problem.text() and "keeps trying" in p.problem.text()
        assert shown_numbers(p, S.READY) == ["G-1"]  # the last view stays
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        # another counter's order: from a program of its own (this engine's pool may
        # still hold a connection the server ended, which only the board's own reads
        # are there to notice)
        counter = db.make_engine(pg_url)
        add_order(counter, "G-2")
        counter.dispose()
        qtbot.waitUntil(lambda: not p.problem.isVisible(), timeout=15_000)
        qtbot.waitUntil(lambda: sorted(shown_numbers(p, S.READY)) == ["G-1", "G-2"], timeout=5000)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true'))
        p.shutdown()
        reads.close()
        admin.dispose()
        engine.dispose()


def test_newly_stuck_orders_ring_the_alert_unless_muted(qtbot: QtBot, floor: Floor) -> None:  # noqa: F811
    e = floor.engine
    add_order(e, "S-1")
    rules = BoardRules(stuck_after={S.READY: timedelta(0)})  # any age is too long
    reads = TaskQueue("test-reads", threads=2)
    sounds = SoundPlayer(enabled=False)  # records what it would play
    feed = BoardFeed(e, rules=rules, interval=0.1, full_every=0.3)
    p = BoardPage(e, reads, sounds, TZ, feed=feed)
    qtbot.addWidget(p)
    try:
        open_page(qtbot, p)
        alerts = p.alerts
        qtbot.waitUntil(lambda: alerts.model.rowCount() == 1, timeout=5000)
        assert sounds.last_played is None  # what was stuck on opening is shown, not rung
        assert "Stuck orders: 1" in alerts.title.text()
        assert "Ready > 0 min" in alerts.rules.text()
        # the filter's choices were read (on a queue of their own: they may come second)
        qtbot.waitUntil(lambda: p.filters.channel.findText("web") > 0, timeout=5000)
        add_order(e, "S-2")
        qtbot.waitUntil(lambda: alerts.model.rowCount() == 2, timeout=5000)
        assert sounds.last_played == "alert" and alerts.alerted == 1
        sounds.last_played = None
        alerts.mute.click()
        assert alerts.muted and "muted" in alerts.mute.text()
        add_order(e, "S-3")
        qtbot.waitUntil(lambda: alerts.alerted == 2, timeout=5000)
        assert sounds.last_played is None
        alerts.view.clicked.emit(alerts.model.index(0, 0))
        qtbot.waitUntil(lambda: p.detail.view is not None, timeout=5000)
        assert p.detail.view.card.number == "S-1"  # the longest stuck first
    finally:
        p.shutdown()
        reads.close()


def test_a_reprint_from_the_board_is_a_print_job_of_this_station(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
) -> None:
    from app.packing import Outcome, PackingEngine
    from app.printing.jobs import DatabaseSpool
    from tests.app.board.conftest import CUP_EAN

    e = floor.engine
    oid = add_order(e, "P-1", {"CUP": 1})
    desk = PackingEngine(e, station="desk-3")
    desk.sign_in(floor.packer_badge)
    desk.scan("P-1")
    assert desk.scan(CUP_EAN).outcome is Outcome.ORDER_COMPLETE
    reads = TaskQueue("test-reads", threads=2)
    feed = BoardFeed(e, interval=0.2)
    p = BoardPage(
        e, reads, SoundPlayer(enabled=False), TZ, feed=feed, spool=DatabaseSpool(), station="desk-3"
    )
    qtbot.addWidget(p)
    try:
        open_page(qtbot, p)
        detail = p.detail
        detail.set_supervisor(None)
        detail.sign_in("S-1")
        qtbot.waitUntil(lambda: detail.supervisor is not None, timeout=5000)
        p.open_order(oid)
        qtbot.waitUntil(lambda: detail.view is not None, timeout=5000)
        jobs_before = detail.jobs.rowCount()
        assert detail.buttons["reprint"].isEnabled() and detail.buttons["reopen"].isEnabled()
        detail.reason.setText("label smudged")
        detail.buttons["reprint"].click()
        qtbot.waitUntil(lambda: "↻ Reprint recorded" in detail.message.text(), timeout=5000)
        qtbot.waitUntil(lambda: detail.jobs.rowCount() > jobs_before, timeout=5000)
        story = [detail.story.index(r, 2).data() for r in range(detail.story.rowCount())]
        assert "print.requested" in story
        stations = {detail.story.index(r, 4).data() for r in range(detail.story.rowCount())}
        assert "desk-3" in stations
    finally:
        p.shutdown()
        reads.close()


def test_a_supervisor_lets_a_short_order_ship_from_the_board(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
) -> None:
    from app.packing import Outcome, PackingEngine
    from app.printing.jobs import DatabaseSpool
    from tests.app.board.conftest import CUP_EAN, LID_EAN

    e = floor.engine
    oid = add_order(e, "K-1", {"CUP": 1, "LID": 1})
    desk = PackingEngine(e, station="desk-3")
    desk.sign_in(floor.packer_badge)
    desk.scan("K-1")
    desk.scan("CMD:SHORT")
    desk.scan(LID_EAN)  # the lid is missing
    assert desk.scan(CUP_EAN).outcome is Outcome.ACCEPTED  # the last item: held, short
    reads = TaskQueue("test-reads", threads=2)
    p = BoardPage(
        e,
        reads,
        SoundPlayer(enabled=False),
        TZ,
        feed=BoardFeed(e, interval=0.2),
        spool=DatabaseSpool(),
        station="office",
    )
    qtbot.addWidget(p)
    try:
        open_page(qtbot, p)
        detail = p.detail
        detail.sign_in("S-1")
        qtbot.waitUntil(lambda: detail.supervisor is not None, timeout=5000)
        p.open_order(oid)
        qtbot.waitUntil(lambda: detail.view is not None, timeout=5000)
        assert detail.view.card.status is S.ON_HOLD
        ship = detail.buttons["ship short"]
        assert ship.isEnabled() and detail.buttons["release"].isEnabled()
        detail.reason.setText("customer agreed by phone")
        ship.click()
        qtbot.waitUntil(lambda: "✂ Ship short recorded" in detail.message.text(), timeout=5000)
        # the supervisor is in the office; slip and waybill print where the box waits
        assert "print at desk-3" in detail.message.text()
        qtbot.waitUntil(lambda: detail.view.card.status is S.PACKED, timeout=5000)
        assert not ship.isEnabled()
        qtbot.waitUntil(lambda: detail.jobs.rowCount() == 2, timeout=5000)  # slip, waybill
    finally:
        p.shutdown()
        reads.close()


def test_the_window_has_the_board_and_kpi_tabs_and_routes_scans_to_the_board(
    qtbot: QtBot, window
) -> None:
    from PySide6.QtCore import Qt

    tabs = [window.pages.tabText(i) for i in range(window.pages.count())]
    assert tabs[2:5] == ["Board", "Dock", "KPIs"]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.board_page
    board = window.board_page
    qtbot.waitUntil(lambda: board.feed.refreshes >= 1, timeout=10_000)
    window.route_scan("A-2")
    qtbot.waitUntil(lambda: board.filters.search.text() == "A-2", timeout=5000)
    qtbot.waitUntil(
        lambda: board.detail.view is not None and board.detail.view.card.number == "A-2",
        timeout=5000,
    )
    assert window.pages.currentWidget() is board  # the scan stayed on the board
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.dock_page
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.kpi_page
    qtbot.waitUntil(lambda: window.kpi_page.data is not None, timeout=10_000)


def test_the_consistency_check_lists_what_to_look_at(qtbot: QtBot, floor: Floor, page) -> None:  # noqa: F811
    from sqlalchemy import update

    from app.models import JobStatus, PrintJob
    from app.packing import PackingEngine
    from app.printing.jobs import DatabaseSpool
    from tests.app.board.conftest import CUP_EAN

    e = floor.engine
    oid = add_order(e, "L-1", {"CUP": 1})
    desk = PackingEngine(e, station="desk-5")
    desk.sign_in(floor.packer_badge)
    desk.scan("L-1")
    desk.scan(CUP_EAN)
    open_page(qtbot, page)
    checks = page.checks
    checks.run()
    qtbot.waitUntil(lambda: checks.report is not None, timeout=5000)
    assert "Nothing to look at" in checks.summary.text()
    boss = floor.supervisor_id
    order_actions.reprint(e, oid, user_id=boss, reason="smudged", spool=DatabaseSpool())
    with unit_of_work(e) as s:  # the printer printed them (the spool's worker is not running)
        s.execute(update(PrintJob).where(PrintJob.order_id == oid).values(status=JobStatus.DONE))
    order_actions.cancel(e, oid, user_id=boss, reason="customer cancelled")
    checks.run()
    qtbot.waitUntil(lambda: checks.model.rowCount() > 0, timeout=5000)
    assert "things to look at" in checks.summary.text()
    row = next(
        r for r in range(checks.model.rowCount()) if checks.model.index(r, 1).data() == "L-1"
    )
    assert checks.model.index(row, 0).data() == "Label without a packed order"
    checks.table.clicked.emit(checks.model.index(row, 0))
    qtbot.waitUntil(lambda: page.detail.view is not None, timeout=5000)
    assert page.detail.view.card.id == oid


def test_an_orders_detail_takes_the_columns_place_and_never_grows_the_window(
    qtbot: QtBot, window
) -> None:
    """At a counter PC's maximised 1366x705: the detail opens in the columns' place,
    the window keeps its height, every quantity column is in sight and so are the
    actions; closing it brings the columns back."""
    from ui.board.page import COLUMNS_VIEW, DETAIL_VIEW

    window.resize(1366, 705)
    window.pages.setCurrentWidget(window.board_page)
    board = window.board_page
    qtbot.waitUntil(lambda: board.feed.refreshes >= 1, timeout=10_000)
    window.route_scan("A-1")
    qtbot.waitUntil(lambda: board.detail.view is not None, timeout=5000)
    qtbot.wait(200)
    assert board.stack.currentIndex() == DETAIL_VIEW
    assert window.height() == 705
    lines = board.detail.tabs.currentWidget()
    header = lines.horizontalHeader()
    last = board.detail.lines.columnCount() - 1
    assert (
        header.sectionViewportPosition(last) + header.sectionSize(last) <= lines.viewport().width()
    )
    hold = board.detail.buttons["hold"]
    assert hold.isVisible() and hold.mapTo(window, hold.rect().bottomLeft()).y() < 705
    board.detail.close_button.click()
    assert board.stack.currentIndex() == COLUMNS_VIEW


def test_cancelling_an_order_asks_for_a_second_click_and_a_badge_clears_the_old_message(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    page: BoardPage,
) -> None:
    e = floor.engine
    oid = add_order(e, "C-1", {"CUP": 1})
    open_page(qtbot, page)
    detail = page.detail
    page.open_order(oid)
    qtbot.waitUntil(lambda: detail.view is not None, timeout=5000)
    cancel = detail.buttons["cancel"]
    cancel.click()
    assert "supervisor badge" in detail.message.text()
    detail.sign_in("S-1")
    qtbot.waitUntil(lambda: detail.supervisor is not None, timeout=5000)
    assert detail.message.text() == ""  # the badge is scanned: that message is done
    detail.reason.setText("customer called")
    cancel.click()
    assert "again within 5 s" in detail.message.text()
    qtbot.wait(300)
    assert detail.view.card.status is not S.CANCELLED  # one click cancels nothing
    cancel.click()
    qtbot.waitUntil(lambda: detail.view.card.status is S.CANCELLED, timeout=5000)


def test_a_supervisor_signs_in_with_name_and_pin_off_the_gui_thread(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    page: BoardPage,
) -> None:
    import time

    from app import credentials
    from app.models import User

    with unit_of_work(floor.engine) as s:
        boss = s.scalars(select(User).where(User.name == "Sup Wang")).one()
        boss.pin_hash = credentials.hash_pin("2468")
    oid = add_order(floor.engine, "PIN-1", {"CUP": 1})
    open_page(qtbot, page)
    detail = page.detail
    page.open_order(oid)
    qtbot.waitUntil(lambda: detail.view is not None, timeout=5000)
    detail.sign_in_with_pin("Sup Wang", "9999")
    qtbot.waitUntil(lambda: "Wrong name or PIN" in detail.message.text(), timeout=5000)
    assert detail.supervisor is None and detail.pin.text() == ""
    detail.sign_in_with_pin("Sup Wang", "")
    qtbot.waitUntil(lambda: "empty PIN" in detail.message.text(), timeout=5000)
    started = time.perf_counter()
    detail.sign_in_with_pin("sup wang", "2468")
    assert time.perf_counter() - started < 0.05  # argon2id runs on the actions' queue
    qtbot.waitUntil(lambda: detail.supervisor is not None, timeout=5000)
    assert detail.supervisor.name == "Sup Wang" and not detail.pin.isVisible()
