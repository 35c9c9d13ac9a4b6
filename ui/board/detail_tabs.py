"""The order detail's tabs: its lines, its history, its parcels and its print jobs, each
a table sized to its contents; the titles are said again on a language change (in the
panel's words: the same catalogue entries as its other texts)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QTabWidget

from ui.board.detail_models import PROBLEM, PRODUCT, RowsModel
from ui.retranslate import Said


def _table(model: RowsModel, stretch: int | None = None) -> QTableView:
    """A table sized to its contents; ``stretch``: the column that takes (or gives up)
    the width that is left, cut with "…" (its whole text in the tooltip), so the
    others (the quantities) are always in sight without a horizontal scroll bar."""
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


def detail_tabs(
    lines: RowsModel, story: RowsModel, parcels: RowsModel, jobs: RowsModel, said: Said
) -> QTabWidget:
    """Lines, history, parcels and print jobs, each a tab of its own: at a counter PC's
    1366x705 a tab shows a few rows, and parcels and jobs stacked in one would each be
    cut to less than a row. A job's problem takes the width that is left (a long one cut
    with "…", whole in its tooltip). Titles said again on a language change."""
    tabs = QTabWidget()
    tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tabs.addTab(_table(lines, stretch=PRODUCT), "")
    tabs.addTab(_table(story), "")
    tabs.addTab(_table(parcels), "")
    tabs.addTab(_table(jobs, stretch=PROBLEM), "")
    for i, title in enumerate(
        (
            lambda: QCoreApplication.translate("OrderDetailPanel", "Lines"),
            lambda: QCoreApplication.translate("OrderDetailPanel", "History"),
            lambda: QCoreApplication.translate("OrderDetailPanel", "Parcels"),
            lambda: QCoreApplication.translate("OrderDetailPanel", "Print jobs"),
        )
    ):
        said.set(partial(tabs.setTabText, i), title)
    return tabs
