"""The supervisor's board: where every order is, what is late or stuck, what changed.

Plain frozen dataclasses for the Qt board page; each call is one unit of work and
all times come from the database server's clock.
"""

from app.board.cards import BoardCard
from app.board.changes import BoardChanges, Watermark, changes_since, current_watermark
from app.board.filters import BoardFilter, DateField, Flag
from app.board.live import ChangeListener, open_listener
from app.board.queries import (
    BoardColumn,
    BoardSnapshot,
    SortKey,
    TablePage,
    card,
    count_by_state,
    load_board,
    stuck_orders,
    table_page,
)
from app.board.rules import OPEN_STATES, BoardRules, Timing

__all__ = [
    "OPEN_STATES",
    "BoardCard",
    "BoardChanges",
    "BoardColumn",
    "BoardFilter",
    "BoardRules",
    "BoardSnapshot",
    "ChangeListener",
    "DateField",
    "Flag",
    "SortKey",
    "TablePage",
    "Timing",
    "Watermark",
    "card",
    "changes_since",
    "count_by_state",
    "current_watermark",
    "load_board",
    "open_listener",
    "stuck_orders",
    "table_page",
]
