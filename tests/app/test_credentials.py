"""Credentials on SQLite and PostgreSQL: badges kept as keyed hashes, PINs as argon2id
hashes, lock-out after wrong PINs (by an injected clock), ``--as`` by badge or by
name and PIN, and the badge key outside the database."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from app import credentials, db, users
from app.cli import main
from app.credentials import BadgeKeyProblem
from app.errors import PackdeskError
from app.models import AuditEvent, CredentialKey, User
from app.sign_in import SignInRefused, sign_in_with_pin

NOW = datetime(2031, 3, 4, 10, 0, tzinfo=UTC)  # any day: the clock is the test's
SQL_BADGES = ["' OR '1'='1", "x'; DROP TABLE users; --", '" OR 1=1 --', "%", "_"]


@pytest.fixture
def staff(engine: Engine) -> Engine:
    users.add_user(engine, name="Ada Admin", badge="A-1", role="admin", pin="2468")
    users.add_user(
        engine, name="Pat", badge="P-1", role="packer", pin="1357", acting_user_id=_id(engine)
    )
    return engine


def _id(engine: Engine, name: str = "Ada Admin") -> int:
    with db.unit_of_work(engine, read_only=True) as s:
        return s.scalars(select(User.id).where(User.name == name)).one()


def _audit(engine: Engine) -> list[AuditEvent]:
    with db.unit_of_work(engine, read_only=True) as s:
        events = list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        s.expunge_all()
        return events


def test_a_badge_is_stored_only_as_its_keyed_hash(staff: Engine) -> None:
    with db.unit_of_work(staff, read_only=True) as s:
        kept = {u.name: (u.badge_hash, u.pin_hash) for u in s.scalars(select(User))}
    assert kept["Pat"][0] == credentials.badge_hash("P-1") != "P-1"
    assert len(kept["Pat"][0]) == 64 and kept["Pat"][1] is not None
    assert kept["Pat"][1].startswith("$argon2id$") and "1357" not in kept["Pat"][1]
    assert credentials.key_file().stat().st_mode & 0o777 == 0o600
    found = users.find_by_badge(staff, " P-1 ")
    assert found is not None and found.name == "Pat" and found.has_pin


def test_ten_wrong_pins_lock_the_user_out_until_the_time_is_up(staff: Engine) -> None:
    said = []
    for minute in range(10):
        with pytest.raises(SignInRefused) as refused:
            sign_in_with_pin(staff, "Pat", "9999", now=NOW + timedelta(minutes=minute))
        said.append(str(refused.value))
    assert said[:4] == ["Wrong name or PIN."] * 4
    assert all("locked out after 5 wrong PINs" in words for words in said[4:])
    assert "try again in 15 min" in said[4] and "try again in 11 min" in said[8]
    # locked: the right PIN is not even checked, and the wrong ones after are not counted
    with pytest.raises(SignInRefused, match="locked out"):
        sign_in_with_pin(staff, "pat", "1357", now=NOW + timedelta(minutes=14))
    listed = users.list_users(staff)
    assert [u.locked_until for u in listed if u.name == "Pat"] == [NOW + timedelta(minutes=19)]
    actions = [e.action for e in _audit(staff) if e.action.startswith("user.")]
    assert actions[-5:] == ["user.wrong_pin"] * 4 + ["user.locked_out"]
    assert all("1357" not in str(e.details) and "9999" not in str(e.details) for e in _audit(staff))
    signed = sign_in_with_pin(staff, "Pat", "1357", now=NOW + timedelta(minutes=20))
    assert signed.name == "Pat"  # the lock-out is over
    with pytest.raises(SignInRefused, match="Wrong"):  # and the count started again
        sign_in_with_pin(staff, "Pat", "0000", now=NOW + timedelta(minutes=21))


def test_an_admin_resets_a_pin_and_ends_the_lock_out(staff: Engine) -> None:
    for _ in range(5):
        with pytest.raises(SignInRefused):
            sign_in_with_pin(staff, "Pat", "9999", now=NOW)
    users.reset_pin(staff, "Pat", "8642", acting_user_id=_id(staff))
    assert sign_in_with_pin(staff, "Pat", "8642", now=NOW).name == "Pat"
    with pytest.raises(PackdeskError, match="may not manage users"):
        users.reset_pin(staff, "Ada Admin", "1111x", acting_user_id=_id(staff, "Pat"))


@pytest.mark.parametrize("pin", ["", None])
def test_an_empty_pin_is_refused_in_words(staff: Engine, pin: str | None) -> None:
    with pytest.raises(SignInRefused, match="empty PIN signs nobody in"):
        sign_in_with_pin(staff, "Pat", pin or "", now=NOW)
    with pytest.raises(PackdeskError, match="A PIN cannot be empty"):
        users.reset_pin(staff, "Pat", "", acting_user_id=_id(staff))
    assert not [e for e in _audit(staff) if e.action == "user.wrong_pin"]  # no try counted


@pytest.mark.parametrize("pin", ["12", "1111", "12\n34"])
def test_a_pin_too_easy_or_unprintable_is_refused(staff: Engine, pin: str) -> None:
    with pytest.raises(PackdeskError, match="PIN"):
        users.reset_pin(staff, "Pat", pin, acting_user_id=_id(staff))


def test_an_unknown_name_is_a_wrong_pin_and_a_name_without_pin_signs_in_by_badge(
    staff: Engine,
) -> None:
    users.add_user(staff, name="Bo", badge="B-7", role="packer", acting_user_id=_id(staff))
    for name in ("Nobody", "Bo", *SQL_BADGES):
        with pytest.raises(SignInRefused, match="Wrong name or PIN"):
            sign_in_with_pin(staff, name, "1357", now=NOW)


def test_a_badge_that_is_a_sql_string_is_just_a_wrong_badge(staff: Engine) -> None:
    for badge in SQL_BADGES:
        assert users.find_by_badge(staff, badge) is None
    with db.unit_of_work(staff, read_only=True) as s:
        assert s.scalar(select(func.count()).select_from(User)) == 2


def test_a_disabled_users_badge_and_pin_sign_in_nowhere(staff: Engine) -> None:
    users.set_active(staff, "P-1", False, acting_user_id=_id(staff))
    assert users.find_by_badge(staff, "P-1") is None
    with pytest.raises(SignInRefused, match="Wrong"):
        sign_in_with_pin(staff, "Pat", "1357", now=NOW)
    users.set_active(staff, "Pat", True, acting_user_id=_id(staff))  # by name, too
    assert users.find_by_badge(staff, "P-1") is not None


def test_a_pin_needs_a_name_nobody_else_has(staff: Engine) -> None:
    users.add_user(staff, name="Sam", badge="S-1", role="packer", acting_user_id=_id(staff))
    with pytest.raises(PackdeskError, match=r"(?i)another user is called pat"):
        users.add_user(
            staff, name="pat", badge="P-2", role="packer", pin="5555x", acting_user_id=_id(staff)
        )
    users.add_user(staff, name="Sam", badge="S-2", role="packer", acting_user_id=_id(staff))
    with pytest.raises(PackdeskError, match="Several users are called Sam"):
        users.reset_pin(staff, "Sam", "5555x", acting_user_id=_id(staff))


def test_the_cli_acts_by_badge_or_by_name_and_pin_and_never_prints_a_badge(
    staff: Engine, db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add = ["users", "add", "--name", "Lu", "--badge", "SECRET-77", "--db", db_url]
    monkeypatch.setenv("PACKDESK_PIN", "2468")
    assert main([*add, "--as", "Ada Admin"]) == 0  # a name, its PIN from the environment
    monkeypatch.setenv("PACKDESK_PIN", "0000")
    assert main(["users", "disable", "Lu", "--as", "Ada Admin", "--db", db_url]) == 2
    assert "Wrong name or PIN" in capsys.readouterr().err
    monkeypatch.delenv("PACKDESK_PIN")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["users", "disable", "Lu", "--as", "Ada Admin", "--db", db_url]) == 2
    assert "give the PIN in PACKDESK_PIN" in capsys.readouterr().err
    reset = ["users", "reset-pin", "Lu", "--pin", "4321", "--as", "A-1", "--db", db_url]
    assert main(reset) == 0
    assert main(["users", "disable", "Lu", "--as", "Pat", "--db", db_url]) == 2  # no PIN given
    capsys.readouterr()
    assert main(["users", "list", "--db", db_url]) == 0
    assert main(["users", "list", "--json", "--db", db_url]) == 0
    out = capsys.readouterr().out
    assert "Lu" in out and "yes" in out
    for badge in ("SECRET-77", "A-1", "P-1"):
        assert badge not in out
    listed = json.loads(out[out.index("[") :])
    assert {u["name"]: u["has_pin"] for u in listed} == {"Ada Admin": True, "Lu": True, "Pat": True}


def test_the_first_admin_needs_no_credential_only_while_there_is_no_user(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = ["users", "add", "--name", "Ada", "--badge", "A-1", "--role", "admin"]
    assert main([*first, "--pin", "2468", "--db", db_url]) == 0
    again = ["users", "add", "--name", "Eve", "--badge", "E-1", "--role", "admin"]
    assert main([*again, "--db", db_url]) == 2
    assert "Only an active admin or above may manage users" in capsys.readouterr().err


def test_another_computers_badge_key_is_said_at_start(
    staff: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    db.upgrade(staff)  # the key that hashed the badges: fine
    monkeypatch.setenv(credentials.KEY_ENVIRONMENT, "x" * 40)
    with pytest.raises(BadgeKeyProblem, match="another badge key"):
        db.upgrade(staff)
    with pytest.raises(BadgeKeyProblem, match="another badge key"):
        users.add_user(staff, name="Mo", badge="M-1", role="packer", acting_user_id=_id(staff))
    monkeypatch.delenv(credentials.KEY_ENVIRONMENT)
    monkeypatch.setenv(credentials.KEY_FILE_ENVIRONMENT, "/nonexistent/badge.key")
    with pytest.raises(BadgeKeyProblem, match="another badge key"):
        db.upgrade(staff)


def test_a_key_given_in_the_environment_is_used_and_checked(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(credentials.KEY_ENVIRONMENT, "k" * 32)
    users.add_user(engine, name="Ada", badge="A-1", role="admin")
    assert not credentials.key_file().exists()  # no file made: the environment's key
    with db.unit_of_work(engine, read_only=True) as s:
        check = s.scalar(select(CredentialKey.badge_key_check))
    assert check == credentials.key_check(b"k" * 32)
    monkeypatch.setenv(credentials.KEY_ENVIRONMENT, "short")
    with pytest.raises(BadgeKeyProblem, match="too short"):
        users.find_by_badge(engine, "A-1")


def test_a_lost_badge_is_replaced_and_signs_in_nowhere(staff: Engine) -> None:
    users.set_badge(staff, "Pat", "P-2", acting_user_id=_id(staff))
    assert users.find_by_badge(staff, "P-1") is None
    found = users.find_by_badge(staff, "P-2")
    assert found is not None and found.name == "Pat"
    with pytest.raises(PackdeskError, match="already belongs"):
        users.set_badge(staff, "Pat", "A-1", acting_user_id=_id(staff))
    assert [e.details for e in _audit(staff) if e.action == "user.badge"] == [{"name": "Pat"}]


def test_a_lost_badge_key_is_replaced_by_an_admin_with_a_pin(
    staff: Engine, db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(credentials.KEY_ENVIRONMENT, "n" * 40)  # the old key is gone
    monkeypatch.setenv("PACKDESK_PIN", "2468")
    assert main(["users", "list", "--db", db_url]) == 2
    assert "users new-badge-key" in capsys.readouterr().err
    new_key = ["users", "new-badge-key", "--as", "Ada Admin", "--db", db_url]
    assert main(new_key) == 2
    assert "add --confirm" in capsys.readouterr().err
    assert main([*new_key, "--confirm"]) == 0
    assert "2 badges to give again" in capsys.readouterr().out
    db.upgrade(staff)  # this computer's key is the database's now
    assert users.find_by_badge(staff, "A-1") is None  # and every badge is to be given again
    assert main(["users", "set-badge", "Ada Admin", "--badge", "A-1", "--as", "Ada Admin",
                 "--db", db_url]) == 0  # fmt: skip
    assert users.find_by_badge(staff, "A-1") is not None


def test_a_badge_only_namesake_takes_no_ones_pin_away(staff: Engine) -> None:
    users.add_user(staff, name="Pat", badge="P-9", role="packer", acting_user_id=_id(staff))
    assert sign_in_with_pin(staff, "Pat", "1357", now=NOW).name == "Pat"
