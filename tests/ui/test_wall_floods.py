"""The wall display under floods: a 100,000-order state's numbers whole on its tile at
1920x1080 and 3840x2160 (all three at one size), and late or stuck orders past the
wall's cap said on screen ("+N more not listed"), never dropped in silence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from app.board.wall import WallColumn, wall_snapshot
from app.models import OrderStatus
from tests.app.board.conftest import Floor, floor  # noqa: F401 (a fixture)
from tests.ui.test_wall_display import (  # noqa: F401 (fixtures)
    SHANGHAI,
    _floor_of_late_orders,
    _wall,
    board,
    engine,
)
from ui.board.page import BoardPage

S = OrderStatus


@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160)])
def test_six_digit_numbers_are_whole_on_every_tile(
    qtbot: QtBot,
    board: BoardPage,  # noqa: F811
    size: tuple[int, int],
) -> None:
    wall = _wall(qtbot, board, size)
    for status in (S.NEW, S.READY, S.PACKING, S.PACKED, S.ON_HOLD):
        tile = wall.tiles[status]
        tile.show()
        tile.show_column(WallColumn(status, 100_000, 100_000, 7, 100_000, 100_000, (), ()))
    qtbot.wait(50)
    for status in (S.NEW, S.READY, S.PACKING, S.PACKED, S.ON_HOLD):
        tile = wall.tiles[status]
        inside = tile.contentsRect()
        sizes = set()
        for count in (tile.total, tile.late, tile.stuck):
            label = count.number
            assert label.text() == "100,000"
            assert QFontMetrics(label.font()).horizontalAdvance(label.text()) <= label.width()
            where = QRect(label.mapTo(tile, label.rect().topLeft()), label.size())
            assert inside.contains(where), (status, where, inside)
            sizes.add(label.font().pixelSize())
        assert len(sizes) == 1  # late and stuck as large as the total
        # and no larger than the wall's own size for them
        assert sizes.pop() <= tile.number_px


def test_small_numbers_keep_the_walls_size(qtbot: QtBot, board: BoardPage) -> None:  # noqa: F811
    wall = _wall(qtbot, board, (1920, 1080))
    tile = wall.tiles[S.READY]
    tile.show_column(WallColumn(S.READY, 27, 22, 0, 0, 22, (), ()))
    assert tile.total.number.font().pixelSize() == tile.number_px == 58


def test_late_orders_past_the_cap_are_said_on_screen(
    qtbot: QtBot,
    floor: Floor,  # noqa: F811
    board: BoardPage,  # noqa: F811
) -> None:
    _floor_of_late_orders(floor.engine)  # 22 late in Ready
    wall = _wall(qtbot, board, (1920, 1080))
    snap = wall_snapshot(floor.engine, zone=SHANGHAI, urgent_max=5, now=board.now)
    wall.show_snapshot(snap)
    urgent = [p for p in wall.pages if p.urgent and p.status is S.READY]
    assert sum(len(p.cards) for p in urgent) == 5
    assert {p.unlisted for p in urgent} == {17}
    while wall.current is None or not (wall.current.urgent and wall.current.status is S.READY):
        wall.turn_page()
    assert "of 22" in wall.showing.text() and "+17 more not listed" in wall.showing.text()
