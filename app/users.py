"""People at the counters: packers, leads, supervisors and admins, signed in by badge
or by name and PIN (``app.sign_in``).

Adding a user, disabling or enabling one, changing a role and resetting a PIN are an
admin's (see ``app.permissions``), recorded with who did it; only a database without
any user may get its first admin without one. The last active admin cannot be
disabled or demoted (nobody could manage users after). A badge is stored only as its
keyed hash and a PIN only as its argon2id hash (``app.credentials``); the audit names
users, never their badges or PINs.
"""

from __future__ import annotations

import secrets

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app import credentials, permissions
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import AuditEvent, CredentialKey, Role, User
from app.permissions import Action
from app.sign_in import (  # (re-exported: where callers have always found them)
    UserRow,
    find_by_badge,
    record_badge_key,
    sign_in_with_pin,
    user_row,
    users_named,
)

__all__ = ["UserRow", "add_user", "find_by_badge", "list_users", "sign_in_with_pin"]


def list_users(engine: Engine) -> list[UserRow]:
    with unit_of_work(engine, read_only=True) as s:
        return [user_row(u) for u in s.scalars(select(User).order_by(User.name, User.id))]


def _role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise PackdeskError(f"Unknown role {role!r}; use one of: {roles}.") from None


def add_user(
    engine: Engine,
    *,
    name: str,
    badge: str,
    role: str,
    pin: str | None = None,
    acting_user_id: int | None = None,
    trusted: bool = False,
) -> UserRow:
    """Create a user; the badge is what the packer scans to sign in, unique; a PIN
    (optional) signs them in with their name. An admin acts (``acting_user_id``),
    unless the database has no user yet and this is its first admin, or the caller is
    ``trusted`` (the demo making its people)."""
    name, badge = name.strip(), badge.strip()
    if not name:
        raise PackdeskError("A user needs a name.")
    if not badge or len(badge) > 64 or not badge.isprintable():
        raise PackdeskError("A badge is 1 to 64 printable characters.")
    wanted = _role(role)
    pin_hash = credentials.hash_pin(pin) if pin is not None else None
    if not trusted:
        acting_user_id = _acting_admin(engine, acting_user_id, wanted)
    with unit_of_work(engine) as s:
        record_badge_key(s)
        hashed = credentials.badge_hash(badge, create=True)
        assert hashed is not None
        if s.scalar(select(User.id).where(User.badge_hash == hashed)) is not None:
            raise PackdeskError("That badge already belongs to another user.")
        if pin_hash is not None:
            _name_for_pin(s, name, None)
        user = User(name=name, badge_hash=hashed, pin_hash=pin_hash, role=wanted, active=True)
        s.add(user)
        s.flush()
        details = {"name": name, "role": wanted.value, "pin": pin_hash is not None}
        s.add(
            AuditEvent(
                at=db_now(s),
                user_id=acting_user_id,
                action="user.add",
                entity="user",
                entity_id=user.id,
                details=details,
            )
        )
        return user_row(user)


def _acting_admin(engine: Engine, acting_user_id: int | None, role: Role) -> int | None:
    """Who adds a user: an admin; None for a database's first user, its first admin."""
    with unit_of_work(engine, read_only=True) as s:
        empty = s.scalar(select(User.id).limit(1)) is None
    if empty:
        if role is not Role.ADMIN:
            raise PackdeskError(
                "This database has no user yet: add its first admin first "
                "(packdesk users add --name N --badge B --role admin)."
            )
        return None
    return permissions.require(engine, acting_user_id, Action.MANAGE_USERS).user_id


def set_active(engine: Engine, who: str, active: bool, *, acting_user_id: int | None) -> UserRow:
    """Disable a user (their badge and PIN sign in nowhere) or enable them again.
    ``who`` is their badge or their name."""
    actor = permissions.require(engine, acting_user_id, Action.MANAGE_USERS)
    with unit_of_work(engine) as s:
        user = _find(s, who)
        if not active:
            _keep_an_admin(s, user)
        user.active = active
        _record(s, actor.user_id, "user.enable" if active else "user.disable", user)
        return user_row(user)


def set_role(engine: Engine, who: str, role: str, *, acting_user_id: int | None) -> UserRow:
    """Give a user (by badge or name) another role."""
    wanted = _role(role)
    actor = permissions.require(engine, acting_user_id, Action.MANAGE_USERS)
    with unit_of_work(engine) as s:
        user = _find(s, who)
        if wanted is not Role.ADMIN:
            _keep_an_admin(s, user)
        before = Role(user.role)
        user.role = wanted
        _record(s, actor.user_id, "user.role", user, before=before.value, role=wanted.value)
        return user_row(user)


def reset_pin(engine: Engine, who: str, pin: str | None, *, acting_user_id: int | None) -> UserRow:
    """Give a user (by badge or name) a new PIN, or none (``pin`` None: badge only);
    a lock-out ends with it."""
    pin_hash = credentials.hash_pin(pin) if pin is not None else None
    actor = permissions.require(engine, acting_user_id, Action.MANAGE_USERS)
    with unit_of_work(engine) as s:
        user = _find(s, who)
        if pin_hash is not None:
            _name_for_pin(s, user.name, user.id)
        user.pin_hash, user.failed_pins, user.locked_until = pin_hash, 0, None
        _record(s, actor.user_id, "user.pin_reset" if pin_hash else "user.pin_removed", user)
        return user_row(user)


def _find(s: Session, who: str) -> User:
    """The user whose badge ``who`` is, else the one user called ``who``."""
    hashed = credentials.badge_hash(who) if who.strip() else None
    user = s.scalar(select(User).where(User.badge_hash == hashed).with_for_update())
    if user is not None:
        return user
    named = users_named(s, who) if who.strip() else []
    if len(named) > 1:
        raise PackdeskError(f"Several users are called {who.strip()}: give the badge instead.")
    if not named:
        raise PackdeskError("No user has that badge or name.")
    return named[0]


def _name_for_pin(s: Session, name: str, user_id: int | None) -> None:
    """A PIN signs in with a name: no other user may be called the same."""
    if any(u.id != user_id for u in users_named(s, name)):
        raise PackdeskError(f"Another user is called {name}: a PIN needs a name nobody else has.")


def _keep_an_admin(s: Session, user: User) -> None:
    """Refuse to take away the last active admin (nobody could manage users after)."""
    if Role(user.role) is not Role.ADMIN or not user.active:
        return
    others = s.scalar(
        select(User.id).where(User.role == Role.ADMIN, User.active, User.id != user.id).limit(1)
    )
    if others is None:
        raise PackdeskError(f"{user.name} is the last active admin: make another admin first.")


def _record(s: Session, actor_id: int, action: str, user: User, **details: str) -> None:
    s.add(
        AuditEvent(
            at=db_now(s),
            user_id=actor_id,
            action=action,
            entity="user",
            entity_id=user.id,
            details={"name": user.name, **details},
        )
    )


def set_badge(engine: Engine, who: str, badge: str, *, acting_user_id: int | None) -> UserRow:
    """Give a user (by badge or name) a new badge: the old one signs in nowhere."""
    badge = badge.strip()
    if not badge or len(badge) > 64 or not badge.isprintable():
        raise PackdeskError("A badge is 1 to 64 printable characters.")
    actor = permissions.require(engine, acting_user_id, Action.MANAGE_USERS)
    with unit_of_work(engine) as s:
        record_badge_key(s)
        user = _find(s, who)
        hashed = credentials.badge_hash(badge, create=True)
        taken = s.scalar(select(User.id).where(User.badge_hash == hashed, User.id != user.id))
        if taken is not None:
            raise PackdeskError("That badge already belongs to another user.")
        assert hashed is not None
        user.badge_hash = hashed
        _record(s, actor.user_id, "user.badge", user)
        return user_row(user)


def replace_badge_key(engine: Engine, *, acting_user_id: int | None) -> int:
    """The badge key the database's badges were hashed with is lost for good: this
    computer's key becomes the database's, and every badge signs in nowhere until an
    admin gives it again (``set_badge``); PINs keep working. How many badges that
    undid. An admin acts (by name and PIN: no badge is known)."""
    actor = permissions.require(engine, acting_user_id, Action.MANAGE_USERS)
    key = credentials.badge_key(create=True)
    assert key is not None
    with unit_of_work(engine) as s:
        kept = s.get(CredentialKey, 1, with_for_update=True)
        if kept is None:
            s.add(CredentialKey(id=1, badge_key_check=credentials.key_check(key)))
        else:
            kept.badge_key_check = credentials.key_check(key)
        people = list(s.scalars(select(User).with_for_update()))
        for user in people:  # (no hash of any badge: "lost:" is never a hex digit)
            user.badge_hash = f"lost:{secrets.token_hex(16)}"
        s.add(
            AuditEvent(
                at=db_now(s),
                user_id=actor.user_id,
                action="badge_key.replaced",
                details={"badges_undone": len(people)},
            )
        )
        return len(people)
