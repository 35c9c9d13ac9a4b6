"""Signing someone in at a window in the tests: a user of the role in the real
database, and the window's session told they signed in (the sign-in strip's badge
and PIN are tested on their own in ``test_window_permissions``)."""

from __future__ import annotations

from sqlalchemy import Engine

from app.db import unit_of_work
from app.models import Role, User
from ui.window_session import SignedIn, WindowSession


def add_person(engine: Engine, name: str, role: str, *, pin: str | None = None) -> SignedIn:
    """A user called ``name`` of ``role``, badge ``B-<name>`` (and ``pin``)."""
    from app import credentials

    with unit_of_work(engine) as s:
        user = User(name=name, badge=f"B-{name}", role=role)
        if pin is not None:
            user.pin_hash = credentials.hash_pin(pin)
        s.add(user)
        s.flush()
        return SignedIn(user.id, name, Role(role))


def sign_in(
    engine: Engine, session: WindowSession, role: str = "supervisor", name: str = ""
) -> SignedIn:
    who = add_person(engine, name or f"{role.title()} Zhao 赵", role)
    session.sign_in(who)
    return who
