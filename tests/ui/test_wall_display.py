"""The wall display on a real SQLite database: every late order across its pages,
empty states skipped, late and stuck on the tiles, whole cards only, who packs where,
the carrier strip, nothing growing after 1,000 pages, and with the database away the
tiles and the strip faded as the cards are, in both languages. Pages are turned by
hand (the timer never fires), and the rules' "now" is given, never today's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject, QPoint, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app import lifecycle
from app.board.wall import Departure
from app.db import unit_of_work
from app.models import Carrier, Load, Order, OrderStatus, Parcel, Station
from app.shipping.carriers import cutoff_at
from tests.app.board.conftest import Floor, add_order, floor, now_of  # noqa: F401 (a fixture)
from tests.ui.conftest import speaking_chinese
from ui import display_time
from ui.app import install_fonts
from ui.board.cards import MARGIN, packer_words
from ui.board.feed import BoardFeed
from ui.board.page import BoardPage
from ui.board.wall_display import WallDisplay, open_wall_display
from ui.board.wall_tiles import BACKGROUND
from ui.feedback import SoundPlayer
from ui.workers import TaskQueue

S = OrderStatus
SHANGHAI = ZoneInfo("Asia/Shanghai")
NEVER = 10**9  # the pager's interval: pages turn only by the test's hand


@pytest.fixture
def engine(sqlite_engine: Engine) -> Engine:  # the window tests run on SQLite
    return sqlite_engine


@pytest.fixture
def board(qtbot: QtBot, floor: Floor) -> Iterator[BoardPage]:  # noqa: F811
    display_time.use_zone(SHANGHAI)  # as the main window does: the warehouse's clock
    reads = TaskQueue("test-reads", threads=2)
    feed = BoardFeed(floor.engine, interval=0.05)
    page = BoardPage(floor.engine, reads, SoundPlayer(enabled=False), SHANGHAI, feed=feed)
    qtbot.addWidget(page)
    try:
        yield page
    finally:
        page.shutdown()
        reads.close()
        display_time.use_zone(None)


def _wall(qtbot: QtBot, board: BoardPage, size: tuple[int, int], **kw: object) -> WallDisplay:
    board.show()
    qtbot.waitUntil(lambda: board.now is not None, timeout=10_000)
    wall = WallDisplay(board, page_ms=NEVER, **kw)  # type: ignore[arg-type]
    board.wall = wall
    qtbot.addWidget(wall)
    wall.resize(*size)
    wall.show()
    qtbot.waitExposed(wall)
    qtbot.waitUntil(lambda: wall.snapshot is not None, timeout=10_000)
    return wall


def brightest(wall: WallDisplay, part: QWidget) -> int:
    """The lightness of the brightest pixel the wall paints where ``part`` is (its
    numbers' or names' letters): what a supervisor sees of it."""
    image = wall.grab().toImage()
    rect = QRect(part.mapTo(wall, part.rect().topLeft()), part.size())
    step = max(1, round(wall.factor))  # a letter's stroke at 1920x1080 is 2 px or more
    return max(
        image.pixelColor(x, y).lightness()
        for x in range(rect.left(), rect.right(), 2 * step)
        for y in range(rect.top(), rect.bottom(), 2 * step)
    )


def _enter(engine: Engine, order_id: int, status: OrderStatus, ago: timedelta) -> None:
    with unit_of_work(engine) as s:
        lifecycle.transition(
            s, s.get_one(Order, order_id), status, reason="t", at=now_of(engine) - ago
        )


def _floor_of_late_orders(e: Engine) -> None:
    for i in range(22):
        add_order(e, f"LATE-{i:02d}", ship_in=timedelta(hours=-1, minutes=-i))
    for i in range(5):
        add_order(e, f"OK-{i}", ship_in=timedelta(hours=20 + i))
    add_order(e, "NEW-1", status=S.NEW, ship_in=timedelta(hours=30))


def test_every_late_order_appears_across_the_pages_and_empty_states_get_none(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    board: BoardPage,
) -> None:
    _floor_of_late_orders(floor.engine)
    wall = _wall(qtbot, board, (1920, 1080))
    assert wall.per_page() < 22  # the late orders need several pages of one state
    seen: list[tuple[bool, OrderStatus, str]] = []
    for _ in range(len(wall.pages)):
        assert wall.current is not None
        seen += [(wall.current.urgent, wall.current.status, c.number) for c in wall.model.cards()]
        wall.turn_page()
    late = sorted(n for urgent, st, n in seen if urgent and st is S.READY)
    assert late == [f"LATE-{i:02d}" for i in range(22)]
    # the late ones first, then the rest; Packing, Packed and On hold have no page
    assert [u for u, _, _ in seen] == sorted((u for u, _, _ in seen), reverse=True)
    assert {st for _, st, _ in seen} == {S.READY, S.NEW}
    assert {n for _, _, n in seen} >= {"OK-0", "NEW-1"}
    assert wall.current is wall.pages[0]  # the round starts again
    assert "late or stuck" in wall.showing.text() and "22" in wall.showing.text()

    ready = wall.tiles[S.READY]
    assert (ready.total.number.text(), ready.late.number.text()) == ("27", "22")
    assert ready.stuck.number.text() == "0"
    assert wall.tiles[S.PACKING].isVisible() and wall.tiles[S.PACKING].total.number.text() == "0"
    # late and stuck as large as the totals
    sizes = {c.number.font().pixelSize() for c in (ready.total, ready.late, ready.stuck)}
    assert len(sizes) == 1
    assert not wall.strip.isVisible()  # no carrier has a cut-off


def test_tiles_count_stuck_orders_and_packing_cards_say_who_packs_where(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    board: BoardPage,
) -> None:
    e = floor.engine
    packing = add_order(e, "PK-1", ship_in=timedelta(hours=10))
    _enter(e, packing, S.PACKING, timedelta(hours=1))  # stuck: packing > 30 min
    with unit_of_work(e) as s:
        station = Station(name="counter-7")
        s.add(station)
        s.flush()
        order = s.get_one(Order, packing)
        order.claimed_by_user_id, order.claimed_by_station_id = floor.packer_id, station.id
    wall = _wall(qtbot, board, (1920, 1080))
    tile = wall.tiles[S.PACKING]
    assert (tile.total.number.text(), tile.late.number.text(), tile.stuck.number.text()) == (
        "1",
        "0",
        "1",
    )
    assert "stuck" in tile.stuck.caption.text()
    assert wall.current is not None and wall.current.status is S.PACKING and wall.current.urgent
    card = wall.model.card_at(0)
    assert packer_words(card) == "Packer Li at counter-7"
    assert wall.delegate.who_line


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_only_whole_cards_are_shown(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    board: BoardPage,
    size: tuple[int, int],
) -> None:
    _floor_of_late_orders(floor.engine)
    wall = _wall(qtbot, board, size)
    assert wall.factor == size[0] / 1920
    room = wall.grid.viewport().rect()
    for _ in range(len(wall.pages)):
        rows = wall.model.rowCount()
        assert 0 < rows <= wall.per_page()
        for row in range(rows):  # each card whole (its cell's blank margin may be cut)
            rect = wall.grid.visualRect(wall.model.index(row))
            assert room.contains(rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)), (row, rect)
        wall.turn_page()
    # the cards fill the grid: one more row would not fit
    cell = wall.grid.gridSize()
    assert room.height() - (room.height() // cell.height()) * cell.height() < cell.height()


def test_the_carrier_strip_counts_what_must_leave_before_each_cutoff(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    board: BoardPage,
) -> None:
    e = floor.engine
    # the rules' now: 17:00 in the warehouse on the database's day, whatever the hour
    now = cutoff_at("17:00", now_of(e), SHANGHAI)
    with unit_of_work(e) as s:
        for name, cutoff in (("SF", "17:30"), ("ZTO", "16:00"), ("YTO", "20:00")):
            s.add(Carrier(name=name, tracking_source="order", check_rule="none", cutoff=cutoff))
    for number, carrier in (("P-1", "SF"), ("P-2", "SF"), ("P-3", "ZTO")):
        order_id = add_order(e, number, status=S.PACKED, carrier=carrier, ship_by=now)
        with unit_of_work(e) as s:
            load = Load(carrier=carrier, number=f"M-{number}")
            s.add(load)
            s.flush()
            s.add(Parcel(order_id=order_id, seq=1, load_id=load.id))  # gone
            s.add(Parcel(order_id=order_id, seq=2))  # still here
    add_order(e, "R-1", carrier="SF", ship_by=now + timedelta(minutes=20))
    add_order(e, "R-2", carrier="SF", ship_by=now + timedelta(hours=3))  # the next truck
    wall = _wall(qtbot, board, (1920, 1080), clock=lambda: now)

    chips = wall.strip.shown()
    assert [c.carrier for c in chips] == ["ZTO", "SF", "YTO"]  # by cut-off
    zto, sf, yto = chips
    assert (zto.cutoff.text(), sf.cutoff.text()) == ("16:00", "17:30")
    assert zto.property("standing") == Departure.MISSED.value
    assert "⚠ Passed 1 h" in zto.standing.text()
    assert sf.property("standing") == Departure.NEAR.value
    assert (sf.parcels.text(), sf.orders.text()) == ("2 parcels to load", "1 order to pack")
    assert "Only 30 min left" in sf.standing.text()
    assert yto.property("standing") == Departure.CLEAR.value
    assert "nothing left" in yto.parcels.text()


def test_a_thousand_pages_and_reads_grow_nothing(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    board: BoardPage,
) -> None:
    _floor_of_late_orders(floor.engine)
    with unit_of_work(floor.engine) as s:
        s.add(Carrier(name="SF", tracking_source="order", check_rule="none", cutoff="17:30"))
    wall = _wall(qtbot, board, (1920, 1080), read_every=timedelta(0))
    for _ in range(len(wall.pages) + 1):  # every kind of page once
        wall.turn_page()
    qtbot.waitUntil(lambda: wall.reads >= 3, timeout=10_000)
    widgets = len(wall.findChildren(QWidget))
    objects = len(wall.findChildren(QObject))
    snapshot = wall.snapshot
    assert snapshot is not None
    for i in range(1000):
        wall.turn_page()
        if i % 50 == 0:
            wall.show_snapshot(snapshot)
    reads = wall.reads
    qtbot.waitUntil(lambda: wall.reads >= reads + 3, timeout=10_000)  # live reads too
    assert wall.pages_turned >= 1000
    assert len(wall.findChildren(QWidget)) == widgets
    assert len(wall.findChildren(QObject)) == objects
    assert wall.model.rowCount() <= wall.per_page()
    assert len(wall.delegate._images) <= wall.delegate.images_kept  # card images: two pages


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_a_page_change_repaints_the_grid_in_place_and_fills_what_no_card_covers(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    board: BoardPage,
    size: tuple[int, int],
) -> None:
    _floor_of_late_orders(floor.engine)
    wall = _wall(qtbot, board, size)
    assert (wall.delegate.backdrop is not None) == (size[0] > 1920)  # cards as images at 4K
    resets: list[int] = []
    wall.model.modelReset.connect(lambda: resets.append(1))
    while wall.current is not None and wall.model.rowCount() == wall.per_page():
        wall.turn_page()  # full pages: other cards in the same rows
    assert not resets
    assert wall.current is not None and 0 < wall.model.rowCount() < wall.per_page()
    # a page of fewer cards: the grid's empty cells in the wall's colour, not left unpainted
    image = wall.grab().toImage()
    room = wall.grid.viewport().rect()
    corner = wall.grid.viewport().mapTo(wall, room.bottomRight()) - QPoint(5, 5)
    assert image.pixelColor(corner) == QColor(BACKGROUND)
    first = wall.grid.visualRect(wall.model.index(0))  # and the margin around a card
    margin = wall.grid.viewport().mapTo(wall, first.topLeft()) + QPoint(1, first.height() // 2)
    assert image.pixelColor(margin) == QColor(BACKGROUND)


def test_the_board_opens_the_wall_display(qtbot: QtBot, board: BoardPage) -> None:
    board.show()
    qtbot.waitUntil(lambda: board.now is not None, timeout=10_000)
    with qtbot.waitSignal(board.wall_wanted, timeout=1_000):
        board.wall_button.click()  # the main window answers it with open_wall_display
    wall = open_wall_display(board)
    assert board.wall is wall and open_wall_display(board) is wall  # made once
    assert isinstance(wall, WallDisplay)
    qtbot.waitUntil(lambda: wall.reads >= 1, timeout=10_000)
    assert wall.showing.text() == "✔ No orders on the floor"
    wall.close()


def test_the_clock_is_the_databases(qtbot: QtBot, board: BoardPage) -> None:
    board.show()
    qtbot.waitUntil(lambda: board.now is not None, timeout=10_000)
    wall = WallDisplay(board, page_ms=NEVER)
    qtbot.addWidget(wall)
    assert wall.clock.text() == board.last_seen
    assert isinstance(board.now, datetime)


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_with_the_database_away_the_tiles_and_strip_fade_as_the_cards_do(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    board: BoardPage,
    size: tuple[int, int],
) -> None:
    _floor_of_late_orders(floor.engine)
    with unit_of_work(floor.engine) as s:
        s.add(Carrier(name="SF", tracking_source="order", check_rule="none", cutoff="17:30"))
    wall = _wall(qtbot, board, size)
    tile, chip = wall.tiles[S.READY], wall.strip.shown()[0]
    live = {part: brightest(wall, part) for part in (tile, chip)}
    board.feed.stop()  # the last answer; then the feed says the database is away
    board.feed.problem.emit("the database is not answering")
    assert wall.problem.isVisible() and wall.delegate.stale
    for part, before in live.items():  # painted faded: old news never looks live
        assert brightest(wall, part) < 0.65 * before, part
    assert all(t.stale for t in wall.tiles.values()) and wall.strip.stale
    seen = board.last_seen
    assert wall.strip.title.text().endswith(f"not live: as it was at {seen}")
    with speaking_chinese():  # said again in the other language, still faded
        qtbot.waitUntil(lambda: "非实时" in wall.strip.title.text(), timeout=5_000)
        assert seen in wall.strip.title.text() and wall.strip.stale and tile.stale
    qtbot.waitUntil(lambda: "not live" in wall.strip.title.text(), timeout=5_000)
    board.feed.recovered.emit()  # it answers again: live again, as bright as before
    board.refreshed.emit()
    assert not wall.problem.isVisible() and not wall.delegate.stale
    assert not any(t.stale for t in wall.tiles.values()) and not wall.strip.stale
    assert {part: brightest(wall, part) for part in live} == live
    assert wall.strip.title.text() == "To leave before each carrier's cut-off"


def test_a_wall_moved_from_a_4k_screen_to_a_1080p_one_takes_its_size_at_once(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    board: BoardPage,
) -> None:
    _floor_of_late_orders(floor.engine)
    with unit_of_work(floor.engine) as s:  # the carriers' strip, as tall as it gets
        for name, cutoff in (("SF", "17:30"), ("ZTO", "16:00"), ("YTO", "20:00")):
            s.add(Carrier(name=name, tracking_source="order", check_rule="none", cutoff=cutoff))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font = app.font()
    install_fonts(app)  # the window's font: at 4K the wall's parts then ask for 1146 px
    try:
        _a_wall_moved_to_1080p(qtbot, board)
    finally:
        app.setFont(font)


def _a_wall_moved_to_1080p(qtbot: QtBot, board: BoardPage) -> None:
    wall = _wall(qtbot, board, (3840, 2160))
    assert wall.factor == 2.0
    board.feed.stop()  # with the not-live banner up too (the tallest the wall gets)
    board.feed.problem.emit("the database is not answering")
    qtbot.waitUntil(wall.problem.isVisible, timeout=5_000)
    wall.resize(1920, 1080)  # once, as a window manager does when the wall changes screen
    qtbot.waitUntil(lambda: wall.factor == 1.0, timeout=5_000)
    assert (wall.width(), wall.height()) == (1920, 1080)
    room = wall.grid.viewport().rect()
    for row in range(wall.model.rowCount()):  # its cards planned for the new size, whole
        rect = wall.grid.visualRect(wall.model.index(row))
        assert room.contains(rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)), (row, rect)
