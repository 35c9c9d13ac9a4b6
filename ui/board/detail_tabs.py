"""The order detail's tabs: its lines, its history, and its parcels and print jobs, each
a table sized to its contents; the titles are said again on a language change (in the
panel's words: the same catalogue entries as its other texts)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QTabWidget, QVBoxLayout, QWidget

from ui.board.detail_models import PRODUCT, RowsModel
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
    """Lines, history, parcels and prints; titles said again on a language change."""
    tabs = QTabWidget()
    tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tabs.addTab(_table(lines, stretch=PRODUCT), "")
    tabs.addTab(_table(story), "")
    shipping = QWidget()
    box = QVBoxLayout(shipping)
    box.setContentsMargins(0, 0, 0, 0)
    parcels_label, jobs_label = QLabel(), QLabel()
    said.set(
        parcels_label.setText, lambda: QCoreApplication.translate("OrderDetailPanel", "Parcels")
    )
    said.set(
        jobs_label.setText, lambda: QCoreApplication.translate("OrderDetailPanel", "Print jobs")
    )
    box.addWidget(parcels_label)
    box.addWidget(_table(parcels))
    box.addWidget(jobs_label)
    box.addWidget(_table(jobs))
    tabs.addTab(shipping, "")
    for i, title in enumerate(
        (
            lambda: QCoreApplication.translate("OrderDetailPanel", "Lines"),
            lambda: QCoreApplication.translate("OrderDetailPanel", "History"),
            lambda: QCoreApplication.translate("OrderDetailPanel", "Parcels and prints"),
        )
    ):
        said.set(partial(tabs.setTabText, i), title)
    return tabs
