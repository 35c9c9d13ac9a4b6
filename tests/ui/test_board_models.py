"""The board's models pass Qt's model tester and apply a refresh row by row."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from app.board import BoardCard, BoardRules, SortKey, Timing
from app.models import OrderStatus
from app.order_detail import DetailLine, TimelineEntry
from ui.board.detail_models import lines_model, timeline_model
from ui.board.model import (
    CARD_ROLE,
    TIMING_ROLE,
    URGENCY_ROLE,
    ColumnCardsModel,
    sort_key,
)
from ui.board.table_model import NUMBER, TIMING, BoardTableModel

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def card(i: int, *, hours: float = 10, priority: int = 0, status: OrderStatus = OrderStatus.READY):
    return BoardCard(
        id=i,
        number=f"N{i:05d}",
        channel="web",
        status=status,
        customer="王芳",
        carrier="SF" if i % 2 else None,
        priority=priority,
        line_count=2,
        units=3,
        packed_units=1,
        ship_by=NOW + timedelta(hours=hours),
        ship_by_given=True,
        entered_state_at=NOW - timedelta(minutes=i),
        age_in_state=timedelta(minutes=i),
        timing=Timing.ON_TIME,
        stuck=False,
        packer=None,
        station=None,
        claimed_at=None,
        version=1,
        updated_at=NOW,
    )


def test_table_model_passes_the_tester_and_marks_late_in_words(qtmodeltester) -> None:
    model = BoardTableModel()
    model.set_cards([card(1, hours=-1), card(2, hours=1), card(3, priority=1)])
    model.set_now(NOW, BoardRules())
    qtmodeltester.check(model)
    assert model.index(0, NUMBER).data() == "⚡ N00003"  # expedited first
    assert model.index(1, TIMING).data() == "⚠ Late"
    assert model.index(1, TIMING).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(2, TIMING).data() == "◆ At risk"
    assert model.index(1, 0).data(TIMING_ROLE) == Timing.LATE
    assert [model.index(r, 0).data(URGENCY_ROLE) for r in range(3)] == [0, 1, 2]


def test_column_model_passes_the_tester(qtmodeltester) -> None:
    model = ColumnCardsModel(limit=5)
    model.set_cards([card(i) for i in range(1, 9)], complete=False)
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert "N00001" in model.index(0, 0).data()


def test_detail_models_pass_the_tester(qtmodeltester) -> None:
    lines = lines_model()
    lines.set_rows([DetailLine(1, "CUP", "杯子", 3, 1, 1, "damaged")])
    qtmodeltester.check(lines)
    assert lines.index(0, 4).data() == "⚠ 1 short (damaged)"  # icon and words
    story = timeline_model()
    story.set_rows(
        [
            TimelineEntry(NOW, "state", "ready -> packing", "Li", "desk-1", None),
            TimelineEntry(NOW, "scan", "wrong_item", "Li", "desk-1", "not in order", code="123"),
        ]
    )
    qtmodeltester.check(story)
    assert story.index(0, 2).data() == "Ready → Packing"
    assert story.index(1, 2).data().startswith("✖ wrong item")
    assert story.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_fifty_changed_orders_are_applied_without_a_reset(qtbot) -> None:
    model = BoardTableModel()
    cards = [card(i, hours=i % 40) for i in range(1, 1001)]
    model.set_cards(cards)
    resets, changed, inserted, removed = [], [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b, roles: changed.append(a.row()))
    model.rowsInserted.connect(lambda p, a, b: inserted.append(a))
    model.rowsRemoved.connect(lambda p, a, b: removed.append(a))
    rng = random.Random(3)
    touched = [replace(c, packed_units=2, version=2) for c in rng.sample(cards, 40)]
    moved = [replace(c, ship_by=c.ship_by + timedelta(days=3)) for c in rng.sample(cards, 5)]
    new = [card(5000 + i) for i in range(3)]
    assert model.apply([*touched, *moved, *new], gone=[cards[0].id, cards[1].id]) == 50
    assert resets == []
    assert len(changed) >= 40 and len(inserted) == 8 and len(removed) == 7
    shown = [model.index(r, 0).data(CARD_ROLE) for r in range(model.rowCount())]
    assert shown == sorted(shown, key=sort_key(SortKey.URGENCY))
    assert model.rowCount() == 1000 - 2 + 3


def test_a_partial_list_does_not_take_rows_past_its_end() -> None:
    model = BoardTableModel()
    model.set_cards([card(i, hours=i) for i in range(1, 11)], complete=False)
    model.apply([card(99, hours=50)])  # sorts after the last loaded row: the next page
    assert model.rowCount() == 10
    model.apply([card(98, hours=0.5)])
    assert model.index(0, 0).data(CARD_ROLE).id == 98


def test_every_sort_key_orders_like_its_column() -> None:
    cards = [card(i, hours=(i * 7) % 13) for i in range(1, 30)]
    for sort in SortKey:
        for descending in (False, True):
            model = BoardTableModel()
            key = sort_key(sort, descending)
            model.set_cards(cards[:10], key=key)
            model.apply(cards[10:])
            shown = [model.index(r, 0).data(CARD_ROLE).id for r in range(model.rowCount())]
            assert shown == [c.id for c in sorted(cards, key=key)]
