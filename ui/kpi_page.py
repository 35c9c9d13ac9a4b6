"""The KPI page: how the counters are doing over a range of local days.

``app.kpi`` computes (off the GUI thread); this page draws: the summary figures,
orders and items packed per hour on the range's last day beside the same weekday a
week before (QtCharts), the backlog by state and by carrier, and the per-packer
table. Exports: CSV and XLSX (``app.kpi_export``) and a one-page PDF report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app import kpi, kpi_export
from app.kpi import HourPoint, KpiReport
from app.timeutil import Clock, utcnow
from ui.kpi_model import PackersModel
from ui.kpi_report import summary, write_pdf
from ui.retranslate import Said, language_changed
from ui.words import filled, status_words
from ui.workers import TaskQueue


@dataclass(frozen=True)
class KpiData:
    report: KpiReport
    hours: tuple[HourPoint, ...]


def _chart() -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(chart.margins() * 0)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return chart, view


def _replace_series(chart: QChart, series: Any, categories: Sequence[str], vertical: bool) -> None:
    """Drop the chart's old series and axes, then show ``series`` (a reload)."""
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    chart.addSeries(series)
    names: QBarCategoryAxis | QValueAxis
    if vertical and len(categories) > 12:  # hours: a number axis, labelled every 3 hours
        names = QValueAxis()
        names.setRange(-0.5, len(categories) - 0.5)
        names.setTickType(QValueAxis.TickType.TicksDynamic)
        names.setTickAnchor(0)
        names.setTickInterval(3)
        names.setLabelFormat("%d")
    else:
        names = QBarCategoryAxis()
        names.append(list(categories))
    values = QValueAxis()
    values.setLabelFormat("%d")
    top = max((s.at(i) for s in series.barSets() for i in range(s.count())), default=0)
    values.setRange(0, max(top, 4))
    values.applyNiceNumbers()
    chart.addAxis(names, Qt.AlignmentFlag.AlignBottom if vertical else Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft if vertical else Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(names)
    series.attachAxis(values)


class KpiPage(QWidget):
    def __init__(
        self,
        engine: Engine,
        reads: TaskQueue,
        tz: ZoneInfo,
        parent: QWidget | None = None,
        *,
        clock: Clock = utcnow,
    ) -> None:
        super().__init__(parent)
        self.clock = clock
        self.engine = engine
        self.tz = tz
        self.reads = reads
        self.data: KpiData | None = None
        self.loaded_once = False
        self.generation = 0
        # where an export goes (a file dialog; tests put a function here)
        self.ask_path: Callable[[str, str], Path | None] = self._ask_path

        self.said = Said()
        self.preset = QComboBox()
        for i, (words, days) in enumerate(
            (
                (lambda: self.tr("Today"), 0),
                (lambda: self.tr("Yesterday"), -1),
                (lambda: self.tr("Last 7 days"), 6),
                (lambda: self.tr("Last 30 days"), 29),
            )
        ):
            self.preset.addItem("", days)
            self.said.set(partial(self.preset.setItemText, i), words)
        self.preset.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        today = self.today()
        self.first = QDateEdit(today)
        self.last = QDateEdit(today)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.reload)
        self.csv_button = QPushButton()
        self.xlsx_button = QPushButton()
        self.pdf_button = QPushButton()
        for button, words in (
            (self.refresh_button, lambda: self.tr("↻ Show")),
            (self.csv_button, lambda: self.tr("Export CSV")),
            (self.xlsx_button, lambda: self.tr("Export XLSX")),
            (self.pdf_button, lambda: self.tr("Daily report PDF")),
        ):
            self.said.set(button.setText, words)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        for b in (self.refresh_button, self.csv_button, self.xlsx_button, self.pdf_button):
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status = QLabel()
        self.status.setObjectName("kpiStatus")
        self.status.setWordWrap(True)

        self.figures: list[tuple[QLabel, QLabel]] = []
        figures = QGridLayout()
        for i in range(7):
            name, value = QLabel(), QLabel("—")
            name.setStyleSheet("color: #5f6368;")
            value.setStyleSheet("font-size: 16pt; font-weight: bold;")
            figures.addWidget(name, 0, i)
            figures.addWidget(value, 1, i)
            self.figures.append((name, value))

        self.orders_chart, orders_view = _chart()
        self.items_chart, items_view = _chart()
        self.state_chart, state_view = _chart()
        self.carrier_chart, carrier_view = _chart()
        for chart, words in (
            (self.orders_chart, lambda: self.tr("Orders packed per hour")),
            (self.items_chart, lambda: self.tr("Items packed per hour")),
            (self.state_chart, lambda: self.tr("Open orders by state")),
            (self.carrier_chart, lambda: self.tr("Open orders by carrier")),
        ):
            self.said.set(chart.setTitle, words)
        self.packers = PackersModel(self)
        self.table = QTableView()
        self.table.setModel(self.packers)
        self.table.verticalHeader().hide()
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        bar = QHBoxLayout()
        bar.addWidget(self.preset)
        bar.addWidget(self.first)
        bar.addWidget(QLabel("–"))
        bar.addWidget(self.last)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        for b in (self.csv_button, self.xlsx_button, self.pdf_button):
            bar.addWidget(b)
        charts = QGridLayout()
        charts.addWidget(orders_view, 0, 0)
        charts.addWidget(items_view, 0, 1)
        charts.addWidget(state_view, 1, 0)
        charts.addWidget(carrier_view, 1, 1)
        charts.addWidget(self.table, 0, 2, 2, 1)
        for column in range(3):
            charts.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.status)
        layout.addLayout(figures)
        layout.addLayout(charts, 1)

    def showEvent(self, event: object) -> None:  # the first look loads
        super().showEvent(event)  # type: ignore[arg-type]
        if not self.loaded_once:
            self.loaded_once = True
            self.reload()

    def _preset_chosen(self) -> None:
        days = int(self.preset.currentData())
        today = self.today()
        if days < 0:
            self.first.setDate(today.addDays(days))
            self.last.setDate(today.addDays(days))
        else:
            self.first.setDate(today.addDays(-days))
            self.last.setDate(today)
        self.reload()

    def today(self) -> QDate:
        """Today in the warehouse's time zone (not this station's)."""
        day = self.clock().astimezone(self.tz).date()
        return QDate(day.year, day.month, day.day)

    def range(self) -> tuple[date, date]:
        first: date = self.first.date().toPython()  # type: ignore[assignment]
        last: date = self.last.date().toPython()  # type: ignore[assignment]
        return first, last

    def changeEvent(self, event: QEvent) -> None:
        """The language changed: its words said again, the figures' from the last count."""
        if language_changed(event):
            self.said.again()
            self.packers.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, self.packers.columnCount() - 1
            )
            if self.data is not None:
                self._shown(self.generation, self.data)
        super().changeEvent(event)

    def reload(self) -> None:
        """Compute the KPIs for the chosen days off the GUI thread."""
        first, last = self.range()
        self.generation += 1
        generation = self.generation
        self.status.setText(self.tr("Counting…"))

        def task() -> KpiData:
            report = kpi.kpi_report(self.engine, first, last)
            return KpiData(report, kpi.hourly(self.engine, last))

        self.reads.submit(task, lambda d: self._shown(generation, d), self._failed)

    def _failed(self, message: str, _bug: bool) -> None:
        self.status.setText(filled(self.tr("✖ Could not count: %1"), message))

    def _shown(self, generation: int, data: KpiData) -> None:
        if generation != self.generation:
            return
        self.data = data
        r = data.report
        self.status.setText(
            filled(
                self.tr("%1 to %2, %3 · a week before in the lighter bars"),
                r.first_day.isoformat(),
                r.last_day.isoformat(),
                r.timezone,
            )
        )
        for (name, value), (words, figure) in zip(self.figures, summary(r), strict=True):
            name.setText(words)
            value.setText(figure.split("  (")[0])
            value.setToolTip(figure)
        hours = [str(p.hour.hour) for p in data.hours]
        self._hourly(
            self.orders_chart, data.hours, hours, lambda p: (p.orders, p.orders_week_before)
        )
        self._hourly(self.items_chart, data.hours, hours, lambda p: (p.items, p.items_week_before))
        self._backlog(self.state_chart, [(status_words(s), n) for s, n in r.backlog_by_state])
        carriers = [(c or self.tr("(none)"), n) for c, n in r.backlog_by_carrier[:8]]
        self._backlog(self.carrier_chart, list(reversed(carriers)))
        self.packers.set_rows(r.packers)

    def _hourly(
        self,
        chart: QChart,
        points: Sequence[HourPoint],
        hours: list[str],
        values: Callable[[HourPoint], tuple[int, int]],
    ) -> None:
        report = self.data.report if self.data else None
        day = report.last_day if report else self.clock().astimezone(self.tz).date()
        now = QBarSet(day.isoformat())
        before = QBarSet((day - timedelta(days=7)).isoformat())
        now.setColor(QColor("#1565c0"))
        before.setColor(QColor("#90caf9"))
        for p in points:
            a, b = values(p)
            now.append(a)
            before.append(b)
        series = QBarSeries()
        series.append(now)
        series.append(before)
        _replace_series(chart, series, hours, vertical=True)

    def _backlog(self, chart: QChart, rows: list[tuple[str, int]]) -> None:
        bars = QBarSet(self.tr("Open orders"))
        bars.setColor(QColor("#546e7a"))
        for _, n in rows:
            bars.append(n)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.legend().setVisible(False)
        _replace_series(chart, series, [name for name, _ in rows], vertical=False)

    # --- exports ----------------------------------------------------------------------

    def _ask_path(self, suggested: str, kind: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export KPIs"), suggested, kind)
        return Path(name) if name else None

    def export(self, kind: str) -> None:
        if self.data is None:
            self.status.setText(self.tr("Show some KPIs first."))
            return
        data = self.data
        r = data.report
        stem = f"packdesk-kpi-{r.first_day.isoformat()}"
        if r.last_day != r.first_day:
            stem += f"-to-{r.last_day.isoformat()}"
        path = self.ask_path(f"{stem}.{kind}", f"*.{kind}")
        if path is None:
            return
        writers = {"csv": kpi_export.write_csv, "xlsx": kpi_export.write_xlsx, "pdf": None}
        writer = writers[kind]

        def task() -> Path:
            if writer is None:
                return write_pdf(r, data.hours, path)
            return writer(r, path, data.hours)

        self.reads.submit(
            task,
            lambda p: self.status.setText(filled(self.tr("✔ Saved %1"), p)),
            lambda m, _b: self.status.setText("✖ " + m),
        )
