"""The order detail's actions: each one's name, words and service call, and their
buttons — the ordinary ones in a grid, what cannot be taken back (cancel) apart, in
red, done only on a second click (``OrderDetailPanel.act``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton

from app import order_actions, short_shipment
from app.order_acting import ActionResult
from app.packing.print_request import PrintSpool
from ui.retranslate import Said

Action = Callable[..., ActionResult]
Spec = tuple[str, Callable[[], str], Action]

# actions that cannot be taken back: set apart, and done only on a second click
CONFIRMED_ACTIONS = frozenset({"cancel"})


def action_specs(spool: PrintSpool | None) -> list[Spec]:
    # (in the panel's words: the same catalogue entries as its other texts)
    return [
        (
            "hold",
            lambda: QCoreApplication.translate("OrderDetailPanel", "⊘ Hold"),
            order_actions.hold,
        ),
        (
            "release",
            lambda: QCoreApplication.translate("OrderDetailPanel", "▶ Release"),
            order_actions.release,
        ),
        (
            "cancel",
            lambda: QCoreApplication.translate("OrderDetailPanel", "✖ Cancel order"),
            order_actions.cancel,
        ),
        (
            "expedite",
            lambda: QCoreApplication.translate("OrderDetailPanel", "⚡ Expedite"),
            order_actions.expedite,
        ),
        (
            "unexpedite",
            lambda: QCoreApplication.translate("OrderDetailPanel", "Un-expedite"),
            partial(order_actions.expedite, expedited=False),
        ),
        (
            "release claim",
            lambda: QCoreApplication.translate("OrderDetailPanel", "⬆ Release claim"),
            order_actions.release_claim,
        ),
        (
            "reopen",
            lambda: QCoreApplication.translate("OrderDetailPanel", "↺ Reopen"),
            order_actions.reopen,
        ),
        (
            "reprint",
            lambda: QCoreApplication.translate("OrderDetailPanel", "↻ Reprint"),
            partial(order_actions.reprint, spool=spool),
        ),
        (
            "ship short",
            lambda: QCoreApplication.translate("OrderDetailPanel", "✂ Ship short"),
            partial(short_shipment.ship_short, spool=spool),
        ),
    ]


def action_buttons(
    buttons: dict[str, QPushButton],
    specs: list[Spec],
    said: Said,
    clicked: Callable[[str, Action], Callable[[], None]],
) -> tuple[QGridLayout, QHBoxLayout]:
    """A button per action into ``buttons``; returns the grid and the set-apart row."""
    grid = QGridLayout()
    danger = QHBoxLayout()  # what cannot be taken back, apart from the rest
    danger.addStretch(1)
    placed = 0
    for name, words, call in specs:
        button = QPushButton()
        said.set(button.setText, words)
        button.setObjectName(f"action-{name.replace(' ', '-')}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(clicked(name, call))
        buttons[name] = button
        if name in CONFIRMED_ACTIONS:
            button.setStyleSheet("color: #b71c1c; font-weight: bold;")
            danger.addWidget(button)
        else:
            grid.addWidget(button, placed // 4, placed % 4)
            placed += 1
    return grid, danger
