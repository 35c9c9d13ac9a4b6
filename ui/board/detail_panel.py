"""One order in full beside the board, never a modal dialog: its lines (packed and
short), its whole story (state changes and scans: who, when, which station, what
came of it), its parcels and print jobs, and the supervisor's actions.

Every action needs a reason, typed in the panel itself, and a signed-in supervisor
(scan the supervisor badge into the board, or type it or a name and PIN here). Actions
run on their own queue, and so does a PIN's check; a refusal (an illegal move, no
reason, not a supervisor, a wrong PIN) is shown in plain words and changes nothing.
Buttons never take the keyboard focus.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app import permissions, users
from app.board.choices import station_id
from app.errors import PackdeskError
from app.models import OrderStatus
from app.order_acting import ActionResult
from app.order_detail import OrderView, order_view
from app.packing.print_request import PrintSpool
from app.users import UserRow
from ui.board.detail_actions import CONFIRMED_ACTIONS, Action, action_buttons, action_specs
from ui.board.detail_models import jobs_model, lines_model, parcels_model, timeline_model
from ui.board.detail_tabs import detail_tabs
from ui.board.detail_words import allowed_actions, facts_html, held_words
from ui.retranslate import Said, language_changed
from ui.words import filled
from ui.workers import TaskQueue

if TYPE_CHECKING:
    from ui.window_session import SignedIn, WindowSession

S = OrderStatus


CONFIRM_MS = 5000


class OrderDetailPanel(QFrame):
    acted = Signal(object)  # ActionResult: the board refreshes that card
    closed = Signal()

    def __init__(
        self,
        engine: Engine,
        reads: TaskQueue,
        writes: TaskQueue,
        *,
        spool: PrintSpool | None = None,
        station: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.reads = reads
        self.writes = writes
        self.station = station  # recorded with every action; reprints go to its printers
        self._station_id: int | None = None
        self.order_id: int | None = None
        self.view: OrderView | None = None
        self.supervisor: UserRow | None = None
        self.session: WindowSession | None = None  # the window's sign-in, when shared
        self._read_problem = False  # the message says the order could not be read
        self.setObjectName("orderDetail")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.said = Said()
        self._build_heading()

        self.lines = lines_model(self)
        self.story = timeline_model(self)
        self.parcels = parcels_model(self)
        self.jobs = jobs_model(self)
        self.tabs = detail_tabs(self.lines, self.story, self.parcels, self.jobs, self.said)

        self._build_sign_in()
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.said.set(
            self.reason.setPlaceholderText, lambda: self.tr("Reason (kept in the order's history)")
        )
        self.reason.setMaxLength(500)
        self.buttons: dict[str, QPushButton] = {}
        grid, danger = action_buttons(
            self.buttons, action_specs(spool), self.said, lambda n, c: partial(self.act, n, c)
        )
        # a destructive action is asked again: a second click while this says so
        self._armed: tuple[str, int] | None = None
        self._disarm = QTimer(self)
        self._disarm.setSingleShot(True)
        self._disarm.setInterval(CONFIRM_MS)
        self._disarm.timeout.connect(self._disarmed)
        self.message = QLabel()
        self.message.setObjectName("actionMessage")
        self.message.setWordWrap(True)
        self._lay_out(grid, danger)
        self._show_acting()
        self._enable(None)

    def _build_heading(self) -> None:
        """The order's number and the close button, its facts, and why it is on hold."""
        self.number = QLabel()
        self.number.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton()
        self.said.set(self.close_button.setText, lambda: self.tr("✖ Close"))
        self.close_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.close_button.clicked.connect(self.close_order)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.held = QLabel()  # why the order is on hold: who held it, when, the reason
        self.held.setObjectName("heldBecause")
        self.held.setWordWrap(True)
        self.held.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.held.setStyleSheet(
            "background: #fff4e0; color: #6d3a00; padding: 4px; border: 1px solid #e0a040;"
        )
        self.held.hide()

    def _build_sign_in(self) -> None:
        """Who acts, and the fields a supervisor signs in with: a badge, or name and PIN."""
        self.acting = QLabel()
        self.acting.setWordWrap(True)
        self.badge = QLineEdit()
        self.said.set(self.badge.setPlaceholderText, lambda: self.tr("Supervisor badge"))
        self.badge.setEchoMode(QLineEdit.EchoMode.Password)
        self.badge.returnPressed.connect(lambda: self.sign_in(self.badge.text()))
        # or a name and PIN (the PIN's hash is checked on the actions' queue)
        self.pin_name = QLineEdit()
        self.said.set(self.pin_name.setPlaceholderText, lambda: self.tr("or name"))
        self.pin = QLineEdit()
        self.said.set(self.pin.setPlaceholderText, lambda: self.tr("PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_name.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(
            lambda: self.sign_in_with_pin(self.pin_name.text(), self.pin.text())
        )

    def _lay_out(self, grid: QGridLayout, danger: QHBoxLayout) -> None:
        """Heading and facts, the tabs, who acts, the reason, the actions, the message."""
        head = QHBoxLayout()
        head.addWidget(self.number, 1)
        head.addWidget(self.close_button)
        who = QHBoxLayout()
        who.addWidget(self.acting, 1)
        who.addWidget(self.badge)
        who.addWidget(self.pin_name)
        who.addWidget(self.pin)
        # the lines may scroll inside their tab: the actions below stay in sight at a
        # counter PC's 1366x768
        self.tabs.setMinimumHeight(140)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.facts)
        layout.addWidget(self.held)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(who)
        layout.addWidget(self.reason)
        layout.addLayout(grid)
        layout.addLayout(danger)
        layout.addWidget(self.message)

    def changeEvent(self, event: QEvent) -> None:
        """The language changed: every word said again (the order's from its last read)."""
        if language_changed(event):
            self.said.again()
            self._show_acting()
            for model in (self.lines, self.story, self.parcels, self.jobs):
                model.retranslate()
            if self.view is not None:
                self._shown(self.view.card.id, self.view)
        super().changeEvent(event)

    # --- showing ---------------------------------------------------------------------

    def open_order(self, order_id: int) -> None:
        """Read the order off the GUI thread and show it."""
        if order_id != self.order_id:
            self.message.clear()
        self.order_id = order_id
        self.reads.submit(
            lambda: order_view(self.engine, order_id),
            partial(self._shown, order_id),
            self._read_failed,
        )

    def reload(self) -> None:
        if self.order_id is not None:
            self.open_order(self.order_id)

    def close_order(self) -> None:
        self.order_id = None
        self.view = None
        self.hide()
        self.closed.emit()

    def _shown(self, order_id: int, view: OrderView) -> None:
        if order_id != self.order_id:
            return  # another order was chosen meanwhile
        self.view = view
        c = view.card
        self.number.setText(("⚡ " if c.expedited else "") + c.number)
        self.facts.setText(facts_html(view))
        self.held.setText(held_words(view))
        self.held.setVisible(view.hold is not None)
        if self._read_problem:  # read again since: that problem is gone
            self._read_problem = False
            self.message.clear()
        self.lines.set_rows(view.lines)
        self.story.set_rows(view.timeline)
        self.parcels.set_rows(view.parcels)
        self.jobs.set_rows(view.print_jobs)
        self._enable(c.status)
        stack = self.parentWidget()
        if not isinstance(stack, QStackedWidget) or stack.currentWidget() is self:
            self.show()  # (not over what the board put on top of it meanwhile: a video)

    def _read_failed(self, message: str, _bug: bool) -> None:
        self._read_problem = True
        self._say(filled(self.tr("✖ Could not read the order: %1"), message), bad=True)

    def _enable(self, status: OrderStatus | None) -> None:
        expedited = self.view is not None and self.view.card.expedited
        allowed = allowed_actions(status, self.view)
        for name, button in self.buttons.items():
            button.setEnabled(allowed[name])
        self.buttons["expedite"].setVisible(not expedited)
        self.buttons["unexpedite"].setVisible(expedited)

    # --- who acts ---------------------------------------------------------------------

    def sign_in(self, badge: str) -> None:
        """A supervisor's badge (scanned into the board or typed here)."""

        refusal = self.tr("That badge is not an active lead's or supervisor's.")

        def find() -> UserRow:
            user = users.find_by_badge(self.engine, badge)
            if user is None or not permissions.may(user.role, permissions.Action.HOLD):
                raise PackdeskError(refusal)
            return user

        self.writes.submit(find, self.set_supervisor, lambda m, _b: self._say("✖ " + m, bad=True))

    def sign_in_with_pin(self, name: str, pin: str) -> None:
        """A lead's or supervisor's name and PIN: argon2id takes a tenth of a second or
        more, so it runs on the actions' queue, never on the GUI thread."""
        self.pin.clear()
        not_a_lead = self.tr("That is not an active lead's or supervisor's name and PIN.")

        def find() -> UserRow:  # (a SignInRefused is said by ``ui.refusal_words``)
            user = users.sign_in_with_pin(self.engine, name, pin)
            if not permissions.may(user.role, permissions.Action.HOLD):
                raise PackdeskError(not_a_lead)
            return user

        self.writes.submit(find, self.set_supervisor, lambda m, _b: self._say("✖ " + m, bad=True))

    def use_session(self, session: WindowSession) -> None:
        """Share the window's sign-in: who signs in here is signed in at the window's
        other pages too, and the other way round (a lead or above acts here); the
        window's idle sign-out signs out here as well."""
        self.session = session
        session.watch(self)
        session.changed.connect(self._session_changed)

    def _session_changed(self, user: SignedIn | None) -> None:
        if user is None or not permissions.may(user.role, permissions.Action.HOLD):
            self.supervisor = None
        elif self.supervisor is None or self.supervisor.id != user.user_id:
            self.supervisor = UserRow(user.user_id, user.name, user.role, True, False, None)
        self.badge.clear()
        self._show_acting()

    def set_supervisor(self, user: UserRow | None) -> None:
        if self.session is not None and user is not None:
            self.session.sign_in(user)
        self.supervisor = user
        self.badge.clear()
        if user is not None:
            self.message.clear()  # ("scan a supervisor badge first" is said and done)
        self._show_acting()

    def _disarmed(self) -> None:
        """The time to confirm a destructive action ran out: it is not done."""
        if self._armed is not None:
            self._armed = None
            self.message.clear()

    def _show_acting(self) -> None:
        if self.supervisor is None:
            self.acting.setText(self.tr("Scan or type a supervisor badge to act on orders."))
        else:
            self.acting.setText(filled(self.tr("Acting as %1"), self.supervisor.name))
        for field in (self.badge, self.pin_name, self.pin):
            field.setVisible(self.supervisor is None)
        if self.supervisor is not None:
            self.pin_name.clear()

    # --- actions ----------------------------------------------------------------------

    def act(self, name: str, call: Action) -> None:
        if self.order_id is None:
            return
        if self.supervisor is None:
            self._say(self.tr("✖ Scan a supervisor badge first."), bad=True)
            return
        if name in CONFIRMED_ACTIONS and self._armed != (name, self.order_id):
            self._armed = (name, self.order_id)
            self._disarm.start()
            number = self.view.card.number if self.view is not None else ""
            words = self.tr("⚠ Order %2: click %1 again within 5 s to confirm.")
            self._say(filled(words, self.buttons[name].text(), number), bad=True)
            return
        self._armed = None
        self._disarm.stop()
        order_id, user_id, reason = self.order_id, self.supervisor.id, self.reason.text()
        self._say(self.tr("Working…"), bad=False)

        def task() -> ActionResult:
            if self._station_id is None and self.station:
                self._station_id = station_id(self.engine, self.station)
            return call(
                self.engine, order_id, user_id=user_id, reason=reason, station_id=self._station_id
            )

        self.writes.submit(
            task,
            self._acted,
            lambda m, _b: self._say("✖ " + m, bad=True),
        )

    def _acted(self, result: ActionResult) -> None:
        self.reason.clear()
        words = (
            self.tr("✔ Order %1: %2 recorded; its slip and waybill print at %3")
            if result.printed_at
            else self.tr("✔ Order %1: %2 recorded")
        )
        self._say(
            filled(
                words,
                result.number,
                self.buttons[result.action].text(),  # in the screen's words
                result.printed_at or "",
            ),
            bad=False,
        )
        self.acted.emit(result)
        if result.order_id == self.order_id:
            self.reload()

    def _say(self, words: str, *, bad: bool) -> None:
        self.message.setText(words)
        self.message.setStyleSheet("color: #b3261e; font-weight: bold;" if bad else "")
