"""Re-importing changed orders: updated before packing, refused after, history kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from app import lifecycle, orders
from app.db import unit_of_work
from app.importing.intake import import_orders
from app.models import Order, OrderHistory, OrderLine, OrderStatus
from tests.app.importing.files import first_row, line_row, write_shopify


def _detail(engine: Engine, number: str) -> orders.OrderDetail:
    return next(d for d in orders.order_details(engine) if d.row.number == number)


def _history(engine: Engine, number: str) -> list[tuple[str | None, str, str | None]]:
    with unit_of_work(engine, read_only=True) as s:
        rows = s.execute(
            select(OrderHistory.from_status, OrderHistory.to_status, OrderHistory.reason)
            .join(Order, Order.id == OrderHistory.order_id)
            .where(Order.external_number == number)
            .order_by(OrderHistory.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def test_changed_ready_order_is_updated_with_history(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    write_shopify(path, [first_row("#1", "A", "1"), first_row("#2", "B", "1")])
    import_orders(engine, path)
    write_shopify(
        path,
        [
            first_row("#1", "A", "3", Shipping_City="Leeds"),
            line_row("#1", "C", "1"),
            first_row("#2", "B", "1", Financial_Status="voided"),
        ],
    )
    summary = import_orders(engine, path)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 2, 0)
    one = _detail(engine, "#1")
    assert [(ln.sku, ln.ordered) for ln in one.lines] == [("A", 3), ("C", 1)]
    assert one.ship_to.city == "Leeds"
    assert _detail(engine, "#2").row.status is OrderStatus.CANCELLED
    assert _history(engine, "#2") == [
        (None, "ready", "imported from o.csv"),
        ("ready", "cancelled", "imported from o.csv"),
    ]
    assert _history(engine, "#1") == [(None, "ready", "imported from o.csv")]


def test_pending_then_paid_moves_new_to_ready(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    write_shopify(path, [first_row("#5", "A", Financial_Status="pending")])
    import_orders(engine, path)
    assert _detail(engine, "#5").row.status is OrderStatus.NEW
    write_shopify(path, [first_row("#5", "A", Financial_Status="paid")])
    assert import_orders(engine, path).updated == 1
    assert _detail(engine, "#5").row.status is OrderStatus.READY
    assert [h[:2] for h in _history(engine, "#5")] == [(None, "new"), ("new", "ready")]


def _set_status(engine: Engine, number: str, status: OrderStatus, reason: str = "") -> None:
    with unit_of_work(engine) as s:
        order = s.scalars(select(Order).where(Order.external_number == number)).one()
        lifecycle.transition(s, order, status, reason=reason or None)


def test_orders_being_packed_are_not_updated(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    write_shopify(path, [first_row("#1", "A", "1"), first_row("#2", "B", "1")])
    import_orders(engine, path)
    _set_status(engine, "#1", OrderStatus.PACKING)
    write_shopify(
        path,
        [
            first_row("#1", "A", "5"),
            first_row("#2", "B", "1", Financial_Status="refunded"),
        ],
    )
    _set_status(engine, "#2", OrderStatus.PACKING)
    summary = import_orders(engine, path)
    assert summary.updated == 0 and len(summary.not_updated) == 2
    assert "already packing" in summary.not_updated[0]
    assert "cancels it" in summary.not_updated[1] and "stop it by hand" in summary.not_updated[1]
    assert _detail(engine, "#1").lines[0].ordered == 1
    # asked again, it says so again (the change is still not taken)
    assert len(import_orders(engine, path).not_updated) == 2


def test_ready_order_with_progress_is_not_updated(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    write_shopify(path, [first_row("#1", "A", "2")])
    import_orders(engine, path)
    with unit_of_work(engine) as s:
        line = s.scalars(select(OrderLine)).one()
        line.packed = 1  # packing -> ready keeps the progress
    write_shopify(path, [first_row("#1", "A", "4")])
    summary = import_orders(engine, path)
    assert summary.updated == 0 and "packing has started" in summary.not_updated[0]


def test_hold_is_kept_when_content_changes(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "o.csv"
    write_shopify(path, [first_row("#1", "A", "2")])
    import_orders(engine, path)
    _set_status(engine, "#1", OrderStatus.ON_HOLD, "address check")
    write_shopify(path, [first_row("#1", "A", "3")])
    summary = import_orders(engine, path)
    assert summary.updated == 1
    detail = _detail(engine, "#1")
    assert detail.row.status is OrderStatus.ON_HOLD and detail.lines[0].ordered == 3
    assert any("kept on hold" in n for n in summary.notes)


def test_same_number_in_two_channels_are_two_orders(engine: Engine, tmp_path: Path) -> None:
    path = write_shopify(tmp_path / "o.csv", [first_row("0001", "A")])
    import_orders(engine, path, channel="shop-a")
    import_orders(engine, path, channel="shop-b")
    got = sorted((d.row.channel, d.row.number) for d in orders.order_details(engine))
    assert got == [("shop-a", "0001"), ("shop-b", "0001")]


def test_bulk_inserts_name_every_column_that_needs_a_value() -> None:
    """The importer writes orders, lines and births with driver-level inserts, which
    skip Python-side defaults: a new column that needs a value must be added there."""
    from sqlalchemy import Table

    from app.importing import upsert

    tables: list[tuple[Table, tuple[str, ...]]] = [
        (Order.__table__, upsert._ORDER_COLUMNS),  # type: ignore[list-item]
        (OrderLine.__table__, upsert._LINE_COLUMNS),  # type: ignore[list-item]
        (OrderHistory.__table__, upsert._BIRTH_COLUMNS),  # type: ignore[list-item]
    ]
    for table, names in tables:
        for column in table.c:
            if column.primary_key or column.server_default is not None or column.name in names:
                continue
            assert column.nullable and column.default is None, f"{table.name}.{column.name}"


def test_import_batch_accounts_for_every_order(engine: Engine, tmp_path: Path) -> None:
    from app.models import ImportBatch

    path = tmp_path / "o.csv"
    write_shopify(
        path,
        [
            first_row("#1", "A"),
            first_row("#2", "B"),
            first_row("#3", "C", Fulfillment_Status="fulfilled"),
        ],
    )
    import_orders(engine, path)
    _set_status(engine, "#1", OrderStatus.PACKING)
    write_shopify(
        path,
        [
            first_row("#1", "A", "9"),
            first_row("#2", "B"),
            first_row("#3", "C", Fulfillment_Status="fulfilled"),
        ],
    )
    import_orders(engine, path)
    with unit_of_work(engine, read_only=True) as s:
        batches = s.scalars(select(ImportBatch).order_by(ImportBatch.id)).all()
        got = [(b.orders_in_file, b.created, b.updated, b.unchanged, b.skipped) for b in batches]
    assert got == [(3, 2, 0, 0, 1), (3, 0, 0, 1, 2)]  # #1 refused counts as skipped


def test_an_order_opened_at_a_counter_while_the_file_is_read_is_not_replaced(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The importer looks the file's orders up first and replaces one later: a
    counter may open it in between. It decides on the order as it is then, under
    its row lock, so the lines a packer is counting are never replaced."""
    from app.importing import upsert

    if engine.dialect.name == "sqlite":
        pytest.skip("on SQLite the import holds the write lock from its first look-up")

    path = tmp_path / "o.csv"
    write_shopify(path, [first_row("#1", "A", "2")])
    import_orders(engine, path)
    real_existing = upsert.OrderWriter._existing

    def opened_meanwhile(self: Any, records: Any) -> Any:
        found = real_existing(self, records)
        _set_status(engine, "#1", OrderStatus.PACKING)  # in another transaction
        return found  # ... which the lookup, done before, does not know

    monkeypatch.setattr(upsert.OrderWriter, "_existing", opened_meanwhile)
    write_shopify(path, [first_row("#1", "A", "5")])
    summary = import_orders(engine, path)
    assert summary.updated == 0 and "already packing" in summary.not_updated[0]
    assert _detail(engine, "#1").lines[0].ordered == 2


def test_a_refused_order_is_not_held_locked_while_the_file_imports(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An order being packed, changed in the file, is refused without its row lock:
    the counter packing it never waits for the rest of the file."""
    from sqlalchemy import text

    from app.importing import upsert

    if engine.dialect.name == "sqlite":
        pytest.skip("on SQLite the import holds the write lock from its first look-up")
    path = tmp_path / "o.csv"
    write_shopify(path, [first_row("#1", "A", "2")])
    import_orders(engine, path)
    _set_status(engine, "#1", OrderStatus.PACKING)
    counter_could_lock: list[bool] = []
    real_refuse = upsert.OrderWriter._refuse

    def refuse(self: Any, record: Any, why: str) -> None:
        real_refuse(self, record, why)
        with engine.connect() as counter:  # another connection, as a counter's scan
            locked = counter.execute(
                text("SELECT id FROM orders WHERE external_number = '#1' FOR UPDATE NOWAIT")
            ).all()
            counter_could_lock.append(len(locked) == 1)

    monkeypatch.setattr(upsert.OrderWriter, "_refuse", refuse)
    write_shopify(path, [first_row("#1", "A", "5")])
    assert "already packing" in import_orders(engine, path).not_updated[0]
    assert counter_could_lock == [True]
