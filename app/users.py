"""People at the counters: packers, supervisors and admins, signed in by badge."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import AuditEvent, Role, User
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


def add_user(engine: Engine, *, name: str, badge: str, role: str) -> UserRow:
    """Create a user; the badge is what the packer scans to sign in, unique."""
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
    with unit_of_work(engine) as s:
        if s.scalar(select(User.id).where(User.badge == badge)) is not None:
            raise PackdeskError(f"Badge {badge!r} already belongs to another user.")
        user = User(name=name, badge=badge, role=wanted, active=True)
        s.add(user)
        s.flush()
        s.add(
            AuditEvent(
                at=utcnow(),
                action="user.add",
                entity="user",
                entity_id=user.id,
                details={"name": name, "badge": badge, "role": wanted.value},
            )
        )
        return _row(user)


def find_by_badge(engine: Engine, badge: str) -> UserRow | None:
    """The active user with this badge, or None."""
    with unit_of_work(engine, read_only=True) as s:
        user = s.scalar(select(User).where(User.badge == badge.strip(), User.active))
        return _row(user) if user else None
