"""The strip at the top of a page that changes things: who is signed in at this window
(``ui.window_session``), a badge field or a name and PIN to sign in, a button to sign
out, and the line that says what the person may not do here and who may.

Inline, never a dialog: nothing takes the focus from the field a person types in.
A badge is looked up and a PIN checked (argon2id, a tenth of a second or more) on the
strip's own queue, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from app import users
from app.errors import PackdeskError
from app.sign_in import UserRow
from ui.permission_words import role_words
from ui.retranslate import Said, language_changed
from ui.window_session import SignedIn, WindowSession
from ui.words import filled
from ui.workers import TaskQueue

NEEDED = "color: #6d3a00; background: #fff4e0; padding: 3px 6px; border: 1px solid #e0a040;"
BAD = "color: #b71c1c; font-weight: bold;"


class SignInStrip(QFrame):
    def __init__(
        self,
        engine: Engine,
        session: WindowSession,
        needs: Callable[[SignedIn | None], str],
        parent: QWidget | None = None,
    ) -> None:
        """``needs(user)``: what ``user`` (None: nobody) may not do on this page and who
        may, in the page's words; empty when they may do everything."""
        super().__init__(parent)
        self.setObjectName("signInStrip")
        self.engine = engine
        self.session = session
        self.needs = needs
        self.queue = TaskQueue("sign-in")
        self.said = Said()

        self.needed = QLabel()
        self.needed.setObjectName("needed")
        self.needed.setWordWrap(True)
        self.needed.setStyleSheet(NEEDED)
        self.who = QLabel()
        self.who.setObjectName("signedIn")
        self.badge = self._field("badge", lambda: self.tr("Scan or type your badge"))
        self.badge.setEchoMode(QLineEdit.EchoMode.Password)
        self.badge.returnPressed.connect(lambda: self.sign_in_by_badge(self.badge.text()))
        self.name = self._field("name", lambda: self.tr("or your name"))
        self.pin = self._field("pin", lambda: self.tr("PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.name.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.sign_in_with_pin)
        self.sign_in_button = QPushButton()
        self.sign_in_button.setObjectName("signIn")
        self.said.set(self.sign_in_button.setText, lambda: self.tr("Sign in"))
        self.sign_in_button.clicked.connect(self._sign_in_clicked)
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("signOut")
        self.said.set(self.sign_out_button.setText, lambda: self.tr("Sign out"))
        self.sign_out_button.clicked.connect(session.sign_out)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(BAD)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.who)
        for widget in (self.badge, self.name, self.pin, self.sign_in_button):
            row.addWidget(widget)
        row.addWidget(self.sign_out_button)
        row.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addLayout(row)
        layout.addWidget(self.needed)
        session.changed.connect(lambda _user: self.show_session())
        self.show_session()

    def _field(self, name: str, placeholder: Callable[[], str]) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        self.said.set(field.setPlaceholderText, placeholder)
        return field

    def _fit(self) -> None:
        """Each field as wide as its hint in the window's language (never cut off)."""
        for field in (self.badge, self.name, self.pin):
            hint = field.fontMetrics().horizontalAdvance(field.placeholderText())
            field.setFixedWidth(max(80, hint + 24))

    # --- showing ----------------------------------------------------------------------

    def show_session(self) -> None:
        """Who is signed in, the fields to sign in (when nobody is), what is not allowed."""
        user = self.session.user
        if user is None:
            self.who.setText(self.tr("Nobody is signed in here."))
        else:
            words = self.tr("✔ Signed in as %1 (%2).")
            self.who.setText(filled(words, user.name, role_words(user.role)))
            self.message.clear()
        for field in (self.badge, self.name, self.pin, self.sign_in_button):
            field.setVisible(user is None)
        self.sign_out_button.setVisible(user is not None)
        if user is not None:
            for field in (self.badge, self.name, self.pin):
                field.clear()
        self._fit()
        needed = self.needs(user)
        self.needed.setText(needed)
        self.needed.setVisible(bool(needed))

    def changeEvent(self, event: QEvent) -> None:
        if language_changed(event):
            self.said.again()
            self.show_session()
            self.message.clear()  # (a refusal said in the other language: said again on a try)
        super().changeEvent(event)

    # --- signing in -------------------------------------------------------------------

    def scanned(self, code: str, otherwise: Callable[[str], None] | None = None) -> None:
        """A scan while this page is on screen: a badge signs its user in (another
        person's badge: they act from now on); any other code goes to ``otherwise``
        (the pack page: a packer's scan is never lost to this page)."""
        engine = self.engine

        def found(user: UserRow | None) -> None:
            if user is not None:
                self.session.sign_in(user)
            elif otherwise is not None:
                otherwise(code)
            else:
                self._refused(self.tr("That badge is not an active user's."))

        self.queue.submit(
            lambda: users.find_by_badge(engine, code), found, lambda m, _bug: self._refused(m)
        )

    def _sign_in_clicked(self) -> None:
        if self.badge.text().strip():
            self.sign_in_by_badge(self.badge.text())
        else:
            self.sign_in_with_pin()

    def sign_in_by_badge(self, badge: str) -> None:
        self.badge.clear()
        if not badge.strip():
            self._refused(self.tr("Scan or type your badge, or give your name and PIN."))
            return
        nobody = self.tr("That badge is not an active user's.")
        engine = self.engine

        def find() -> UserRow:
            user = users.find_by_badge(engine, badge)
            if user is None:
                raise PackdeskError(nobody)
            return user

        self.queue.submit(find, self.session.sign_in, lambda m, _bug: self._refused(m))

    def sign_in_with_pin(self) -> None:
        """A name and PIN checked on the strip's queue; a refusal (``SignInRefused``) is
        said in the window's language (``ui.refusal_words``)."""
        name, pin = self.name.text(), self.pin.text()
        self.pin.clear()
        engine = self.engine
        self.queue.submit(
            lambda: users.sign_in_with_pin(engine, name, pin),
            self.session.sign_in,
            lambda m, _bug: self._refused(m),
        )

    def _refused(self, words: str) -> None:
        self.message.setText("✖ " + words)
        if self.session.user is None:
            self.badge.setFocus(Qt.FocusReason.OtherFocusReason)

    def shutdown(self) -> None:
        self.queue.close(wait=True)
