"""The consistency check on the board: what a supervisor should look at that is not
simply late or stuck (``app.consistency``: packed but not shipped past its rule,
labels printed for orders that are not packed, claims held by stations that went
away, imports whose row count differs from the file). Run on demand, off the GUI
thread; a problem naming an order opens it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app import consistency
from app.consistency import ConsistencyReport, Problem
from ui import display_time
from ui.board.detail_models import RowsModel
from ui.retranslate import language_changed
from ui.row_table_model import ROW_ROLE
from ui.words import filled
from ui.workers import TaskQueue


def kind_words(kind: str) -> str:
    words = {
        "packed_not_shipped": QCoreApplication.translate("Checks", "Packed, not shipped"),
        "label_without_packed_order": QCoreApplication.translate(
            "Checks", "Label without a packed order"
        ),
        "claim_by_absent_station": QCoreApplication.translate(
            "Checks", "Held by an absent station"
        ),
        "import_count_mismatch": QCoreApplication.translate("Checks", "Import count differs"),
        "missed_cutoff": QCoreApplication.translate("Checks", "Missed the carrier's cut-off"),
        "tracking_pool_low": QCoreApplication.translate("Checks", "Tracking numbers running low"),
        "count_without_scans": QCoreApplication.translate("Checks", "Count without scans"),
        "catalogue_weight_off": QCoreApplication.translate(
            "Checks", "Catalogue weight looks wrong"
        ),
        "audit_broken": QCoreApplication.translate("Checks", "Audit record changed"),
        "carrier_cancel_pending": QCoreApplication.translate(
            "Checks", "Shipment not cancelled at its carrier"
        ),
    }
    return words.get(kind, kind)


def problem_cells(p: Problem) -> list[str]:
    return [kind_words(p.kind), p.order or "", display_time.seconds(p.since), p.message]


class ChecksPanel(QFrame):
    opened = Signal(int)  # an order id

    def __init__(self, engine: Engine, reads: TaskQueue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.reads = reads
        self.report: ConsistencyReport | None = None
        self.run_button = QPushButton()
        self.run_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.run_button.clicked.connect(self.run)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        heads = [
            str(QT_TRANSLATE_NOOP("ChecksPanel", "Problem")),
            str(QT_TRANSLATE_NOOP("ChecksPanel", "Order")),
            str(QT_TRANSLATE_NOOP("ChecksPanel", "Since")),
            str(QT_TRANSLATE_NOOP("ChecksPanel", "What")),
        ]
        self.model = RowsModel(heads, problem_cells, context="ChecksPanel", parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.clicked.connect(self._clicked)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        self._failure: str | None = None
        self._say()

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self._say()
            self.model.retranslate()
        super().changeEvent(event)

    def _say(self) -> None:
        """The button and the summary in the current language, from the last check."""
        self.run_button.setText(self.tr("⚑ Run the check"))
        report = self.report
        if self._failure is not None:
            self.summary.setText(filled(self.tr("✖ Could not check: %1"), self._failure))
        elif report is None:
            self.summary.setText(self.tr("Not run yet."))
        elif report.ok:
            when = display_time.clock(report.now)
            self.summary.setText(filled(self.tr("✔ Nothing to look at (checked %1)."), when))
        else:
            when = display_time.clock(report.now)
            self.summary.setText(
                filled(self.tr("⚠ %1 things to look at (checked %2)."), len(report.problems), when)
            )

    def run(self) -> None:
        self.run_button.setEnabled(False)
        self.summary.setText(self.tr("Checking…"))
        self.reads.submit(lambda: consistency.check(self.engine), self._shown, self._failed)

    def _shown(self, report: ConsistencyReport) -> None:
        self.report, self._failure = report, None
        self.run_button.setEnabled(True)
        self._say()
        self.model.set_rows(report.problems)

    def _failed(self, message: str, _bug: bool) -> None:
        self.run_button.setEnabled(True)
        self._failure = message
        self._say()

    def _clicked(self, index: QModelIndex) -> None:
        problem = index.data(ROW_ROLE)
        if isinstance(problem, Problem) and problem.order_id is not None:
            self.opened.emit(problem.order_id)
