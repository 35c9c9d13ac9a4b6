from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.db import unit_of_work
from app.models import CodeKind, Order, OrderLine, OrderStatus, Product, ProductCode


def test_channel_and_number_are_unique_together(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        s.add_all(
            [
                Order(channel="web", external_number="007", status=OrderStatus.NEW),
                Order(channel="tmall", external_number="007", status=OrderStatus.NEW),
            ]
        )
    with pytest.raises(IntegrityError), unit_of_work(engine) as s:
        s.add(Order(channel="web", external_number="007", status=OrderStatus.NEW))
    with unit_of_work(engine) as s:
        assert sorted(s.scalars(select(Order.channel))) == ["tmall", "web"]


@pytest.mark.parametrize(("quantity", "packed", "short"), [(0, 0, 0), (2, 3, 0), (2, 1, 2)])
def test_line_counts_stay_in_range(engine: Engine, quantity: int, packed: int, short: int) -> None:
    with pytest.raises(IntegrityError), unit_of_work(engine) as s:
        s.add(
            Order(
                channel="web",
                external_number="1",
                status=OrderStatus.NEW,
                lines=[
                    OrderLine(line_no=1, sku="A", quantity=quantity, packed=packed, short=short)
                ],
            )
        )


def test_case_pack_units_must_be_positive(engine: Engine) -> None:
    with pytest.raises(IntegrityError), unit_of_work(engine) as s:
        s.add(
            Product(
                sku="CUP", name="Cup", codes=[ProductCode(code="X", kind=CodeKind.CASE, units=0)]
            )
        )


def test_optimistic_lock_refuses_a_stale_write(engine: Engine) -> None:
    with unit_of_work(engine) as s:
        order = Order(channel="web", external_number="2", status=OrderStatus.READY)
        s.add(order)
    with Session(engine, expire_on_commit=False) as stale:
        copy = stale.get_one(Order, order.id)
        stale.commit()  # the copy outlives its read transaction, as a form's would
        with unit_of_work(engine) as s:
            s.get_one(Order, order.id).priority = 1
        copy.gift_note = "written from a stale copy"
        with pytest.raises(StaleDataError):
            stale.commit()
    with unit_of_work(engine) as s:
        fresh = s.get_one(Order, order.id)
        assert (fresh.priority, fresh.gift_note, fresh.version) == (1, None, 2)
