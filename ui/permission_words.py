"""Who may do what, in the window's words: the roles, and the line a page shows above
the controls a person's role does not allow ("Sign in as a supervisor or an admin to
change printers."), from the one table in ``app.permissions``."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.models import Role
from app.permissions import Action, least_role, may
from ui.window_session import SignedIn
from ui.words import filled

_ROLE: dict[Role, str] = {
    Role.PACKER: str(QT_TRANSLATE_NOOP("Role", "packer")),
    Role.LEAD: str(QT_TRANSLATE_NOOP("Role", "lead")),
    Role.SUPERVISOR: str(QT_TRANSLATE_NOOP("Role", "supervisor")),
    Role.ADMIN: str(QT_TRANSLATE_NOOP("Role", "admin")),
}

# "as <these> to ...": the least role that may, and everyone above it
_AT_LEAST: dict[Role, str] = {
    Role.PACKER: str(QT_TRANSLATE_NOOP("Role", "any user")),
    Role.LEAD: str(QT_TRANSLATE_NOOP("Role", "a lead, a supervisor or an admin")),
    Role.SUPERVISOR: str(QT_TRANSLATE_NOOP("Role", "a supervisor or an admin")),
    Role.ADMIN: str(QT_TRANSLATE_NOOP("Role", "an admin")),
}


def role_words(role: Role) -> str:
    return QCoreApplication.translate("Role", _ROLE[Role(role)])


def who_may(action: Action) -> str:
    """ "a supervisor or an admin": the roles that may take ``action``."""
    return QCoreApplication.translate("Role", _AT_LEAST[least_role(action)])


def needed_line(user: SignedIn | None, action: Action, doing: str) -> str:
    """What stops the person at this window from ``doing`` (the action in the page's
    words, "change printers"); empty when nothing does."""
    if user is not None and may(user.role, action):
        return ""
    if user is None and least_role(action) is Role.PACKER:  # anyone who may sign in
        return filled(QCoreApplication.translate("Permissions", "Sign in to %1."), doing)
    if user is None:
        words = QCoreApplication.translate("Permissions", "Sign in as %1 to %2.")
        return filled(words, who_may(action), doing)
    words = QCoreApplication.translate("Permissions", "%1 (%2) may not %3: sign in as %4.")
    return filled(words, user.name, role_words(user.role), doing, who_may(action))
