"""Every table model passes Qt's model tester, and reports changes the narrow way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from app.models import OrderStatus
from app.orders import OrderRow
from app.packing.station_view import PackLine
from ui.orders_model import SHIP_BY, OrdersModel
from ui.pack.lines_model import COUNT, PackLinesModel

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def order_row(i: int, *, ship_by: datetime | None = None, priority: int = 0) -> OrderRow:
    return OrderRow(
        id=i,
        number=f"00{i}",
        channel="web",
        status=OrderStatus.READY,
        customer="王芳",
        carrier="SF",
        service="Express",
        priority=priority,
        ship_by=ship_by,
        ordered_at=None,
        line_count=2,
        units=3,
        packed_units=1,
        updated_at=NOW,
    )


def line(i: int, packed: int = 0) -> PackLine:
    return PackLine(i, f"SKU-{i}", f"商品 {i}", 3, packed, 0, "A-01", None, False, i == 2)


def test_orders_model(qtmodeltester) -> None:
    model = OrdersModel()
    model.set_rows(
        [order_row(1, ship_by=NOW - timedelta(hours=1), priority=1), order_row(2)], now=NOW
    )
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "⚡ 001"  # leading zeros kept, expedited marked
    assert "late" in model.index(0, SHIP_BY).data()
    assert model.index(0, SHIP_BY).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, SHIP_BY).data() == ""


def test_pack_lines_model_reports_only_moved_counts(qtmodeltester, qtbot) -> None:
    model = PackLinesModel()
    model.update(7, [line(1), line(2)])
    qtmodeltester.check(model)
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.update(7, [line(1, packed=1), line(2)])
    assert changed.args[0].row() == 0 and changed.args[1].column() == COUNT
    assert model.last_changed == {1}
    assert model.index(0, COUNT).data() == "1 / 3"
    with qtbot.waitSignal(model.modelReset):
        model.update(8, [line(5)])
    assert model.rowCount() == 1
