"""Signing in: by badge (its keyed hash looked up, microseconds) or by name and PIN
(argon2id, a tenth of a second or so, so never on a GUI thread).

``PIN_TRIES`` wrong PINs in a row lock a user out for ``PIN_LOCK``
(``app.credentials``); a locked user's PIN is not even checked, and each wrong PIN
and each lock-out is in the audit (never the PIN). Time comes from the caller
(``now``), so the rule is tested without waiting or depending on the date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app import credentials
from app.credentials import BadgeKeyProblem
from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import AuditEvent, CredentialKey, Role, User
from app.timeutil import utcnow


@dataclass(frozen=True)
class UserRow:
    """A user as services hand them out: never a badge or a PIN."""

    id: int
    name: str
    role: Role
    active: bool
    has_pin: bool
    locked_until: datetime | None


def user_row(user: User) -> UserRow:
    return UserRow(
        user.id, user.name, Role(user.role), user.active, user.pin_hash is not None,
        user.locked_until,
    )  # fmt: skip


class SignInRefused(PackdeskError):
    """A name and PIN that sign nobody in; ``kind`` says why, for a screen's own
    words: "wrong", "empty", "locked" (until ``until``) or "several" (names alike)."""

    def __init__(self, message: str, kind: str = "wrong", until: datetime | None = None):
        super().__init__(message)
        self.kind, self.until = kind, until


WRONG = "Wrong name or PIN."


def find_by_badge(engine: Engine, badge: str) -> UserRow | None:
    """The active user with this badge, or None (any other text, a SQL string
    included, is just a badge nobody has)."""
    hashed = credentials.badge_hash(badge) if badge.strip() else None
    if hashed is None:
        return None
    with unit_of_work(engine, read_only=True) as s:
        user = s.scalar(select(User).where(User.badge_hash == hashed, User.active))
        return user_row(user) if user else None


def users_named(s: Session, name: str) -> list[User]:
    """The users called ``name`` (case and surrounding spaces aside)."""
    wanted = func.lower(User.name) == name.strip().lower()
    return list(s.scalars(select(User).where(wanted).order_by(User.id)))


def sign_in_with_pin(
    engine: Engine, name: str, pin: str, *, now: datetime | None = None
) -> UserRow:
    """The active user called ``name`` whose PIN this is; else ``SignInRefused``,
    the wrong try counted (and the user locked out at the ``PIN_TRIES``-th)."""
    if not pin:
        raise SignInRefused("Type your PIN: an empty PIN signs nobody in.", "empty")
    now = now or utcnow()
    with unit_of_work(engine, read_only=True) as s:
        # only those who can sign in by PIN: a badge-only namesake takes no one's PIN away
        named = [u for u in users_named(s, name) if u.active and u.pin_hash is not None]
        if len(named) > 1:
            raise SignInRefused(
                f"Several users are called {name.strip()}: sign in by badge.", "several"
            )
        user = named[0] if named else None
        stored = user.pin_hash if user is not None else None
        if user is not None and user.locked_until is not None and user.locked_until > now:
            raise _locked(user.name, user.locked_until, now)
        user_id = user.id if user is not None else None
    right = credentials.pin_matches(stored, pin)  # (the slow part, outside any transaction)
    if user_id is None or stored is None:
        raise SignInRefused(WRONG)
    return _count_try(engine, user_id, pin, right, now)


def _count_try(engine: Engine, user_id: int, pin: str, right: bool, now: datetime) -> UserRow:
    with unit_of_work(engine) as s:
        user = s.get(User, user_id, with_for_update=True)
        assert user is not None
        if user.locked_until is not None and user.locked_until > now:
            raise _locked(user.name, user.locked_until, now)
        outcome = credentials.pin_tried(right, user.failed_pins, now)
        user.failed_pins, user.locked_until = outcome.failed, outcome.locked_until
        if outcome.ok:
            if user.pin_hash and credentials.pin_needs_rehash(user.pin_hash):
                user.pin_hash = credentials.hash_pin(pin)
            return user_row(user)
        action = "user.locked_out" if outcome.locked_until else "user.wrong_pin"
        s.add(
            AuditEvent(
                at=now, user_id=user.id, action=action, entity="user", entity_id=user.id,
                details={"name": user.name},
            )
        )  # fmt: skip
        name, until = user.name, outcome.locked_until
    # (after the commit: the wrong try stays counted)
    raise _locked(name, until, now) if until else SignInRefused(WRONG)


def _locked(name: str, until: datetime, now: datetime) -> SignInRefused:
    minutes = max(1, -int(-(until - now).total_seconds() // 60))
    return SignInRefused(
        f"{name} is locked out after {credentials.PIN_TRIES} wrong PINs: try again in "
        f"{minutes} min, or ask an admin to reset the PIN.",
        "locked",
        until,
    )


# --- the badge key --------------------------------------------------------------------


def record_badge_key(s: Session) -> None:
    """Before a badge is stored: the database's badge key is this computer's (its
    check value written the first time)."""
    key = credentials.badge_key(create=True)
    assert key is not None
    kept = s.scalar(select(CredentialKey.badge_key_check).where(CredentialKey.id == 1))
    if kept is None:
        s.add(CredentialKey(id=1, badge_key_check=credentials.key_check(key)))
    elif kept != credentials.key_check(key):
        raise BadgeKeyProblem(credentials.other_key_words())
