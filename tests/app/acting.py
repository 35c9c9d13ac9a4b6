"""Who acts on the command line in tests: a lead (``--as`` through ``PACKDESK_AS``),
for tests of commands that need one and are about something else."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from app import db, users
from app.cli.common import AS_ENVIRONMENT
from app.db import unit_of_work
from app.models import User

LEAD_BADGE = "LEAD-TEST-1"


def add_user(url: str, role: str = "lead", badge: str = LEAD_BADGE, name: str = "") -> str:
    """A user of ``role`` in the database at ``url``; their badge."""
    engine = db.make_engine(url)
    try:
        users.add_user(engine, name=name or f"Test {role}", badge=badge, role=role, trusted=True)
    finally:
        engine.dispose()
    return badge


def _acting(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, role: str) -> str:
    """A user of ``role`` in the test's database (``db_url``, ``sqlite_url`` or
    ``pg_url``, or the ``engine``'s), acting on every command the test runs."""
    badge = f"{role.upper()}-TEST-1"
    for name in ("db_url", "sqlite_url", "pg_url"):
        if name in request.fixturenames:
            add_user(str(request.getfixturevalue(name)), role, badge)
            break
    else:
        engine = request.getfixturevalue("engine")
        add_user(engine.url.render_as_string(hide_password=False), role, badge)
    monkeypatch.setenv(AS_ENVIRONMENT, badge)
    return badge


@pytest.fixture
def as_lead(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    return _acting(request, monkeypatch, "lead")


@pytest.fixture
def as_supervisor(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    return _acting(request, monkeypatch, "supervisor")


@pytest.fixture
def as_admin(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    return _acting(request, monkeypatch, "admin")


def admin_id(engine: Engine) -> int:
    """The id of an admin (made the first time), who may change printers, carriers
    and settings: for tests that set those up and are about something else."""
    with unit_of_work(engine) as s:
        found = s.scalar(select(User.id).where(User.name == TEST_ADMIN))
        if found is not None:
            return found
        user = User(name=TEST_ADMIN, badge="TEST-ADMIN-1", role="admin")
        s.add(user)
        s.flush()
        return user.id


TEST_ADMIN = "Test Admin"
