"""Shared fixtures: a real database per test, SQLite and PostgreSQL both.

``engine`` is parametrised over both back-ends, so a test that takes it runs twice.
Each test gets a fresh database copied from a migrated template (SQLite: a file copy;
PostgreSQL: CREATE DATABASE ... TEMPLATE), so tests are isolated and quick.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app import db
from tests.pg_server import ThrowawayPostgres
from tests.serial_cable import cable  # noqa: F401  (a fixture: a socat pty pair)

_counter = itertools.count()


@pytest.fixture(autouse=True)
def _isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test touches the real user's data or config folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PACKDESK_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("PACKDESK_CONFIG_DIR", str(home / "config"))
    monkeypatch.delenv("PACKDESK_DB_URL", raising=False)
    monkeypatch.setenv("PACKDESK_TIMEZONE", "Asia/Shanghai")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """URL of a PostgreSQL server whose ``packdesk_template`` database is migrated."""
    external = os.environ.get("PACKDESK_TEST_PG_URL")
    server = None
    if external:
        url = external
    else:
        server = ThrowawayPostgres()
        url = server.start()
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS packdesk_template"))
        conn.execute(text("CREATE DATABASE packdesk_template"))
    template_url = admin.url.set(database="packdesk_template")
    template = db.make_engine(template_url.render_as_string(hide_password=False))
    db.upgrade(template)
    template.dispose()
    try:
        yield url
    finally:
        admin.dispose()
        if server is not None:
            server.stop()


def new_pg_database(admin_url: str) -> str:
    """Create a fresh, migrated PostgreSQL database and return its URL."""
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"packdesk_t{os.getpid()}_{next(_counter)}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE packdesk_template'))
    admin.dispose()
    return admin.url.set(database=name).render_as_string(hide_password=False)


def drop_pg_database(admin_url: str, url: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = create_engine(url).url.database
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "packdesk.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    url = new_pg_database(pg_admin_url)
    yield url
    drop_pg_database(pg_admin_url, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh, migrated database URL; the test runs once per back-end."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = db.make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    eng = db.make_engine(sqlite_url)
    yield eng
    eng.dispose()
