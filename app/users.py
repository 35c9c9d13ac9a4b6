"""People at the counters: packers, leads, supervisors and admins, signed in by badge.

Adding a user, disabling or enabling one and changing a role are an admin's (see
``app.permissions``), recorded with who did it; only a database without any user may
get its first admin without one. The last active admin cannot be disabled or demoted
(nobody could manage users after). The audit names users, never their badges.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app import permissions
from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import AuditEvent, Role, User
from app.permissions import Action
from app.timeutil import utcnow


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    badge: str
    role: Role
    active: bool


def _row(user: User) -> UserRow:
    return UserRow(user.id, user.name, user.badge, Role(user.role), user.active)


def list_users(engine: Engine) -> list[UserRow]:
    with unit_of_work(engine, read_only=True) as s:
        return [_row(u) for u in s.scalars(select(User).order_by(User.name, User.id))]


def add_user(
    engine: Engine,
    *,
    name: str,
    badge: str,
    role: str,
    acting_user_id: int | None = None,
    trusted: bool = False,
) -> UserRow:
    """Create a user; the badge is what the packer scans to sign in, unique. An admin
    acts (``acting_user_id``), unless the database has no user yet and this is its
    first admin, or the caller is ``trusted`` (the demo making its people)."""
    name, badge = name.strip(), badge.strip()
    if not name:
        raise PackdeskError("A user needs a name.")
    if not badge or len(badge) > 64 or not badge.isprintable():
        raise PackdeskError("A badge is 1 to 64 printable characters.")
    try:
        wanted = Role(role)
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise PackdeskError(f"Unknown role {role!r}; use one of: {roles}.") from None
    if not trusted:
        acting_user_id = _acting_admin(engine, acting_user_id, wanted)
    with unit_of_work(engine) as s:
        if s.scalar(select(User.id).where(User.badge == badge)) is not None:
            raise PackdeskError(f"Badge {badge!r} already belongs to another user.")
        user = User(name=name, badge=badge, role=wanted, active=True)
        s.add(user)
        s.flush()
        s.add(
            AuditEvent(
                at=utcnow(),
                user_id=acting_user_id,
                action="user.add",
                entity="user",
                entity_id=user.id,
                details={"name": name, "role": wanted.value},
            )
        )
        return _row(user)


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


def set_active(engine: Engine, badge: str, active: bool, *, acting_user_id: int | None) -> UserRow:
    """Disable a user (their badge signs in nowhere) or enable them again."""
    actor = permissions.require(engine, acting_user_id, Action.MANAGE_USERS)
    with unit_of_work(engine) as s:
        user = _by_badge(s, badge)
        if not active:
            _keep_an_admin(s, user)
        user.active = active
        _record(s, actor.user_id, "user.enable" if active else "user.disable", user)
        return _row(user)


def set_role(engine: Engine, badge: str, role: str, *, acting_user_id: int | None) -> UserRow:
    """Give a user another role."""
    try:
        wanted = Role(role)
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise PackdeskError(f"Unknown role {role!r}; use one of: {roles}.") from None
    actor = permissions.require(engine, acting_user_id, Action.MANAGE_USERS)
    with unit_of_work(engine) as s:
        user = _by_badge(s, badge)
        if wanted is not Role.ADMIN:
            _keep_an_admin(s, user)
        before = Role(user.role)
        user.role = wanted
        _record(s, actor.user_id, "user.role", user, before=before.value, role=wanted.value)
        return _row(user)


def _by_badge(s: Session, badge: str) -> User:
    user = s.scalar(select(User).where(User.badge == badge.strip()).with_for_update())
    if user is None:
        raise PackdeskError("No user has that badge.")
    return user


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


def find_by_badge(engine: Engine, badge: str) -> UserRow | None:
    """The active user with this badge, or None."""
    with unit_of_work(engine, read_only=True) as s:
        user = s.scalar(select(User).where(User.badge == badge.strip(), User.active))
        return _row(user) if user else None
