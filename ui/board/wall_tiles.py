"""The wall display's tiles (per state: all, late and stuck, equally large, each in its
own colour and word) and its carrier strip (per carrier: the cut-off, what must still
leave before it, loud once it is near or passed with parcels left).

Widgets are made once (a chip per carrier, kept and reused); a new read only changes
texts and one style property. ``wall_style`` sizes everything for the screen:
``factor`` 1 at 1920x1080, 2 at 3840x2160.

With the database away the tiles and the chips are faded as old, as the cards are
(``fade``), and the strip's title says since when its cut-offs are counted; the
banner above the tiles says it in words for all of them.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.board.wall import CarrierDeparture, Departure, WallColumn
from app.models import OrderStatus
from ui import display_time
from ui.board.cards import STALE_VEIL
from ui.board.model import age_words
from ui.words import filled, status_words

TEXT, MUTED, LATE, STUCK, AT_RISK, NEAR, CURRENT = (
    "#eceff1", "#78909c", "#ff6b6b", "#ea80fc", "#ffd180", "#ffd180", "#82b1ff",
)  # fmt: skip


NUMBER_PX = 58  # a tile's numbers at 1920x1080
BACKGROUND = "#101418"  # the wall's, and its grid's (which fills itself)
# old news (the database away): drawn at the opacity that lets the wall's colour show
# through as much as the old cards' veil does
STALE_OPACITY = 1 - STALE_VEIL / 255


def wall_style(factor: float) -> str:
    """The wall's style sheet, its sizes in pixels times ``factor``."""

    def px(size: float) -> str:
        return f"{round(size * factor)}px"

    return f"""
QWidget#wall {{ background: {BACKGROUND}; color: {TEXT}; }}
QLabel {{ color: {TEXT}; }}
QLabel#wallTitle {{ font-size: {px(34)}; font-weight: bold; }}
QLabel#wallClock {{ font-size: {px(34)}; color: #b0bec5; }}
QLabel#tileName {{ font-size: {px(28)}; color: #cfd8dc; font-weight: bold; }}
QLabel#tileCount {{ font-size: {px(NUMBER_PX)}; font-weight: bold; }}
QLabel#tileCaption {{ font-size: {px(20)}; }}
QLabel#tileRisk {{ font-size: {px(22)}; color: {AT_RISK}; }}
QLabel#wallShowing {{ font-size: {px(28)}; color: {CURRENT}; font-weight: bold; }}
QLabel#wallRound {{ font-size: {px(24)}; color: #b0bec5; }}
QLabel#wallProblem {{ font-size: {px(44)}; font-weight: bold; background: #7f1d1d;
    color: #ffffff; padding: {px(12)}; border: {px(4)} solid {LATE}; }}
QLabel#stripTitle {{ font-size: {px(22)}; color: #b0bec5; font-weight: bold; }}
QLabel#stripTitle[stale="true"] {{ color: {LATE}; }}
QLabel#chipName {{ font-size: {px(26)}; font-weight: bold; }}
QLabel#chipCounts {{ font-size: {px(21)}; }}
QLabel#chipStanding {{ font-size: {px(21)}; font-weight: bold; }}
QFrame#tile {{ background: #1c2329; border-radius: {px(10)}; border: {px(3)} solid #1c2329; }}
QFrame#tile[current="true"] {{ border: {px(3)} solid {CURRENT}; }}
QFrame#chip {{ background: #1c2329; border-radius: {px(8)}; border: {px(3)} solid #1c2329; }}
QFrame#chip[standing="near"] {{ background: #5c4a12; border: {px(3)} solid {NEAR}; }}
QFrame#chip[standing="missed"] {{ background: #7f1d1d; border: {px(3)} solid {LATE}; }}
QFrame#chip[standing="clear"] QLabel {{ color: {MUTED}; }}
QListView {{ background: transparent; border: none; }}
"""


def fade(widget: QWidget, stale: bool) -> None:
    """``widget`` and all in it drawn faded as old (``stale``), or as live again; its
    one opacity effect is made the first time it fades, and kept."""
    effect = widget.graphicsEffect()
    if not isinstance(effect, QGraphicsOpacityEffect):
        if not stale:
            return
        effect = QGraphicsOpacityEffect(widget)
        effect.setOpacity(STALE_OPACITY)
        widget.setGraphicsEffect(effect)
    effect.setEnabled(stale)


def faded(widget: QWidget) -> bool:
    effect = widget.graphicsEffect()
    return effect is not None and effect.isEnabled()


def _restyle(widget: QWidget, name: str, value: object) -> None:
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
        for child in widget.findChildren(QLabel):
            child.style().unpolish(child)
            child.style().polish(child)


class _Count(QWidget):
    """A big number over its word."""

    def __init__(self, caption: str, colour: str) -> None:
        super().__init__()
        self.colour = colour
        self.shown_colour = ""
        self.px = 0  # the number's size in pixels (0: the wall style's)
        self.number = QLabel("0")
        self.number.setObjectName("tileCount")
        self.caption = QLabel(caption)
        self.caption.setObjectName("tileCaption")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def show_count(self, n: int) -> None:
        self.number.setText(f"{n:,}")
        self._style(self.colour if n else MUTED, self.px)

    def _style(self, colour: str, px: int) -> None:
        if (colour, px) == (self.shown_colour, self.px):  # a new style only when it changes
            return
        self.shown_colour, self.px = colour, px
        size = f" font-size: {px}px;" if px else ""
        self.number.setStyleSheet(f"color: {colour};{size}")
        self.caption.setStyleSheet(f"color: {colour};")

    def set_px(self, px: int) -> None:
        self._style(self.shown_colour or self.colour, px)

    def width_at(self, font: QFont) -> int:
        """How wide the number and its word need to be with the number in ``font``."""
        number = QFontMetrics(font).horizontalAdvance(self.number.text())
        return max(number, self.caption.sizeHint().width())


class StateTile(QFrame):
    """One state: all its orders, the late ones and the stuck ones, as large as each other."""

    def __init__(self, status: OrderStatus) -> None:
        super().__init__()
        self.setObjectName("tile")
        self.status = status
        self.number_px = NUMBER_PX  # the numbers' largest size (the wall's, times its factor)
        self.name = QLabel(status_words(status))
        self.name.setObjectName("tileName")
        self.total = _Count(QCoreApplication.translate("Wall", "orders"), TEXT)
        self.late = _Count(QCoreApplication.translate("Wall", "⚠ late"), LATE)
        self.stuck = _Count(QCoreApplication.translate("Wall", "⊗ stuck"), STUCK)
        self.risk = QLabel()
        self.risk.setObjectName("tileRisk")
        self.counts = QHBoxLayout()
        self.counts.setSpacing(32)  # three numbers, never read as one
        for count in (self.total, self.late, self.stuck):
            self.counts.addWidget(count)
        self.counts.addStretch(1)
        self.risk.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top = QHBoxLayout()
        top.addWidget(self.name)
        top.addWidget(self.risk, 1)
        self.box = QVBoxLayout(self)
        self.box.setSpacing(0)
        self.box.addLayout(top)
        self.box.addLayout(self.counts)
        # tiles share the width equally: a long number is cut, it never widens the wall
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def fit_numbers(self) -> None:
        """The three numbers at one size: the wall's, or smaller until all three fit the
        tile's width side by side (a 100,000-order total is never cut)."""
        counts = (self.total, self.late, self.stuck)
        margins = self.box.contentsMargins()
        room = self.contentsRect().width() - margins.left() - margins.right()
        room -= self.counts.spacing() * (len(counts) - 1)
        font = QFont(self.total.number.font())
        px = self.number_px
        while px > self.number_px // 4:
            font.setPixelSize(px)
            if sum(c.width_at(font) for c in counts) <= room:
                break
            px = int(px * 0.92)
        for count in counts:
            count.set_px(px)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_numbers()

    def show_column(self, column: WallColumn) -> None:
        self.total.show_count(column.total)
        self.late.show_count(column.late)
        self.stuck.show_count(column.stuck)
        self.total.caption.setText(
            QCoreApplication.translate("Wall", "order")
            if column.total == 1
            else QCoreApplication.translate("Wall", "orders")
        )
        if column.at_risk:
            self.risk.setText(
                filled(QCoreApplication.translate("Wall", "◆ %1 at risk"), f"{column.at_risk:,}")
            )
        elif column.total and not (column.late or column.stuck):
            self.risk.setText(QCoreApplication.translate("Wall", "✔ all on time"))
        else:
            self.risk.setText("")
        self.fit_numbers()

    def retranslate(self) -> None:
        self.name.setText(status_words(self.status))
        self.late.caption.setText(QCoreApplication.translate("Wall", "⚠ late"))
        self.stuck.caption.setText(QCoreApplication.translate("Wall", "⊗ stuck"))

    def set_current(self, current: bool) -> None:
        _restyle(self, "current", current)

    @property
    def stale(self) -> bool:
        return faded(self)

    def set_stale(self, stale: bool) -> None:
        """Faded as old while the database is away, as the cards are."""
        fade(self, stale)


def departure_words(d: CarrierDeparture, now: datetime) -> tuple[str, str, str]:
    """What is left for the truck (parcels to load, orders to pack) and how the cut-off
    stands, in words."""
    if d.left == 0:
        parcels, orders = QCoreApplication.translate("Wall", "✔ nothing left to load"), ""
    else:
        parcels = (
            QCoreApplication.translate("Wall", "1 parcel to load")
            if d.packed_parcels == 1
            else filled(
                QCoreApplication.translate("Wall", "%1 parcels to load"), f"{d.packed_parcels:,}"
            )
        )
        orders = (
            QCoreApplication.translate("Wall", "1 order to pack")
            if d.due_orders == 1
            else filled(
                QCoreApplication.translate("Wall", "%1 orders to pack"), f"{d.due_orders:,}"
            )
        )
    if now >= d.cutoff:
        if d.standing is Departure.MISSED:
            standing = filled(
                QCoreApplication.translate("Wall", "⚠ Passed %1 ago"), age_words(now - d.cutoff)
            )
        else:
            standing = QCoreApplication.translate("Wall", "✔ Passed, all loaded")
    elif d.standing is Departure.NEAR:
        standing = filled(
            QCoreApplication.translate("Wall", "◷ Only %1 left"), age_words(d.cutoff - now)
        )
    else:
        standing = filled(QCoreApplication.translate("Wall", "%1 left"), age_words(d.cutoff - now))
    return parcels, orders, standing


class CarrierChip(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("chip")
        self.carrier = ""
        self.name = QLabel()
        self.name.setObjectName("chipName")
        self.cutoff = QLabel()
        self.cutoff.setObjectName("chipName")
        self.cutoff.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.parcels = QLabel()
        self.orders = QLabel()
        for label in (self.parcels, self.orders):
            label.setObjectName("chipCounts")
        self.standing = QLabel()
        self.standing.setObjectName("chipStanding")
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.cutoff)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addLayout(top)
        for label in (self.name, self.parcels, self.orders, self.standing):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            if label is not self.name:
                layout.addWidget(label)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def show_departure(self, d: CarrierDeparture, now: datetime) -> None:
        self.carrier = d.carrier
        self.name.setText(d.carrier)
        self.cutoff.setText(display_time.clock(d.cutoff)[:5])
        parcels, orders, standing = departure_words(d, now)
        self.parcels.setText(parcels)
        self.orders.setText(orders or " ")
        self.standing.setText(standing)
        tip = (
            filled(
                QCoreApplication.translate("Wall", "%1: cut-off %2"), d.carrier, self.cutoff.text()
            ),
            parcels,
            orders,
        )
        self.setToolTip(" · ".join(x for x in (*tip, standing) if x))
        if self.property("standing") != d.standing.value:
            colour = {Departure.MISSED: LATE, Departure.NEAR: NEAR}.get(d.standing)
            self.standing.setStyleSheet(f"color: {colour};" if colour else "")
            _restyle(self, "standing", d.standing.value)


class CarrierStrip(QWidget):
    """A chip per carrier with a cut-off, the earliest first; chips are reused."""

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.title.setObjectName("stripTitle")
        self.seen = ""  # with the database away: the time its cut-offs are counted at
        self.chips: list[CarrierChip] = []
        self.box = QWidget()  # the chips, faded as old with the database away
        self.row = QHBoxLayout(self.box)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addStretch(0)  # the chips take the width; this only keeps them left
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.box)
        self.retranslate()

    def retranslate(self) -> None:
        title = QCoreApplication.translate("Wall", "To leave before each carrier's cut-off")
        if self.stale:
            title = filled(
                QCoreApplication.translate("Wall", "%1 — ⚠ not live: as it was at %2"),
                title,
                self.seen or "—",
            )
        self.title.setText(title)

    @property
    def stale(self) -> bool:
        return faded(self.box)

    def set_stale(self, stale: bool, seen: str) -> None:
        """Faded as old while the database is away (its title says since when, in
        words), or live again."""
        seen = seen if stale else ""
        if (stale, seen) != (self.stale, self.seen):
            self.seen = seen
            fade(self.box, stale)
            _restyle(self.title, "stale", stale)
            self.retranslate()

    def show_departures(self, departures: tuple[CarrierDeparture, ...], now: datetime) -> None:
        while len(self.chips) < len(departures):  # grows only with the number of carriers
            chip = CarrierChip()
            self.row.insertWidget(len(self.chips), chip, 1)
            self.chips.append(chip)
        for chip, departure in zip(self.chips, departures, strict=False):
            chip.show_departure(departure, now)
            chip.show()
        for chip in self.chips[len(departures) :]:
            chip.hide()
        self.setVisible(bool(departures))

    def shown(self) -> list[CarrierChip]:
        return [c for c in self.chips if not c.isHidden()]
