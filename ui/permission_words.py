"""Who may do what, in the window's words: the roles, the actions, and the line a page
shows above the controls a person's role does not allow ("Sign in as a supervisor or
an admin to change printers."), from the one table in ``app.permissions``; a service's
refusal (``NotAllowed``) is said in the same words (``ui.refusal_words``)."""

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


A = Action

# what an action is called after "may not" (the window's words for ``permissions.WORDS``)
_ACTION: dict[Action, str] = {
    A.PACK: str(QT_TRANSLATE_NOOP("Action", "pack orders")),
    A.HANDOVER: str(QT_TRANSLATE_NOOP("Action", "load parcels at the dock")),
    A.HOLD: str(QT_TRANSLATE_NOOP("Action", "hold orders")),
    A.RELEASE: str(QT_TRANSLATE_NOOP("Action", "release held orders")),
    A.EXPEDITE: str(QT_TRANSLATE_NOOP("Action", "expedite orders")),
    A.REPRINT: str(QT_TRANSLATE_NOOP("Action", "reprint documents")),
    A.CANCEL_PRINT_JOB: str(QT_TRANSLATE_NOOP("Action", "cancel print jobs")),
    A.RELEASE_CLAIM: str(QT_TRANSLATE_NOOP("Action", "free an order another counter holds")),
    A.IMPORT: str(QT_TRANSLATE_NOOP("Action", "import orders")),
    A.CLOSE_MANIFEST: str(QT_TRANSLATE_NOOP("Action", "close a carrier's manifest")),
    A.CANCEL: str(QT_TRANSLATE_NOOP("Action", "cancel orders")),
    A.REOPEN: str(QT_TRANSLATE_NOOP("Action", "reopen packed orders")),
    A.SHIP_SHORT: str(QT_TRANSLATE_NOOP("Action", "ship orders short")),
    A.TAKE_OVER: str(QT_TRANSLATE_NOOP("Action", "take over another packer's order")),
    A.ACCEPT_WEIGHT: str(QT_TRANSLATE_NOOP("Action", "accept a weight that did not match")),
    A.CHANGE_PRINTERS: str(QT_TRANSLATE_NOOP("Action", "change printers")),
    A.CHANGE_CARRIERS: str(
        QT_TRANSLATE_NOOP("Action", "change carriers and their tracking numbers")
    ),
    A.VIEW_AUDIT: str(QT_TRANSLATE_NOOP("Action", "read the audit record")),
    A.MANAGE_USERS: str(QT_TRANSLATE_NOOP("Action", "manage users")),
    A.CHANGE_SETTINGS: str(QT_TRANSLATE_NOOP("Action", "change settings")),
    A.MANAGE_DATABASE: str(QT_TRANSLATE_NOOP("Action", "upgrade or restore the database")),
    A.RECORD_EVIDENCE: str(QT_TRANSLATE_NOOP("Action", "record an order's video by hand")),
}


def action_words(action: Action) -> str:
    """ "change printers": what ``action`` is called after "may not"."""
    return QCoreApplication.translate("Action", _ACTION[action])


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
    return who_may_line(None if user is None else (user.name, user.role), action, doing)


def who_may_line(who: tuple[str, Role] | None, action: Action, doing: str) -> str:
    """ "Li (packer) may not change printers: sign in as a supervisor or an admin.":
    ``who`` (their name and role; None: nobody) may not be ``doing`` ``action``, and
    who may; what a page shows above its controls and what a refusal says."""
    if who is None and least_role(action) is Role.PACKER:  # anyone who may sign in
        return filled(QCoreApplication.translate("Permissions", "Sign in to %1."), doing)
    if who is None:
        words = QCoreApplication.translate("Permissions", "Sign in as %1 to %2.")
        return filled(words, who_may(action), doing)
    words = QCoreApplication.translate("Permissions", "%1 (%2) may not %3: sign in as %4.")
    return filled(words, who[0], role_words(who[1]), doing, who_may(action))
