"""Credentials kept so that the database and its backups do not reveal them.

A **badge** is looked up by its keyed hash, HMAC-SHA256 with a secret *badge key* kept
outside the database: the database alone (a backup, a copy) says nothing of anyone's
badge, and a badge costs one hash (microseconds) to look up. The key is, first of all,
``PACKDESK_BADGE_KEY`` (the key itself, at least 32 characters), else the file named by
``PACKDESK_BADGE_KEY_FILE``, else ``badge.key`` in the data folder, made 0600 with 32
random bytes the first time a badge is stored. Every computer that uses one database
(counters on one PostgreSQL server) needs the same key; the database keeps a check
value of it (``credential_keys``), so a computer with another key is told so at start
instead of finding no badge.

A **PIN** is kept only as a salted argon2id hash (argon2-cffi's defaults: 64 MiB,
3 passes), slow on purpose; ``pin_lockout`` says when wrong PINs lock a user out.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.errors import PackdeskError

KEY_ENVIRONMENT = "PACKDESK_BADGE_KEY"
KEY_FILE_ENVIRONMENT = "PACKDESK_BADGE_KEY_FILE"
KEY_FILE_NAME = "badge.key"
_CHECK_MESSAGE = b"packdesk badge key check v1"

#: what a badge scanned at a counter is logged as (never the badge itself)
BADGE_MARK = "(badge)"

PIN_MIN, PIN_MAX = 4, 64
#: wrong PINs in a row that lock a user out, and for how long
PIN_TRIES = 5
PIN_LOCK = timedelta(minutes=15)

_hasher = PasswordHasher()  # argon2id


class BadgeKeyProblem(PackdeskError):
    """The badge key is missing, unreadable or not this database's."""


def key_file() -> Path:
    from app import settings

    named = os.environ.get(KEY_FILE_ENVIRONMENT)
    return Path(named) if named else settings.data_dir() / KEY_FILE_NAME


def badge_key(*, create: bool = False) -> bytes | None:
    """The secret badge key; None when there is none yet (and not ``create``)."""
    given = os.environ.get(KEY_ENVIRONMENT)
    if given:
        if len(given) < 32:
            raise BadgeKeyProblem(f"{KEY_ENVIRONMENT} is too short: give at least 32 characters.")
        return given.encode()
    path = key_file()
    if not path.exists():
        if not create:
            return None
        _make_key_file(path)
    return _read_key(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _read_key(path: Path, _mtime: int) -> bytes:
    try:
        key = path.read_bytes().strip()
    except OSError as exc:
        raise BadgeKeyProblem(f"The badge key {path} cannot be read: {exc.strerror}.") from exc
    if len(key) < 32:
        raise BadgeKeyProblem(f"The badge key {path} is too short (32 characters or more).")
    return key


def _make_key_file(path: Path) -> None:
    """A new random key, written whole under a temporary name and linked into place
    (two programs making one at once: the first one's stays, both use it)."""
    from app.private_files import private_folder

    private_folder(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32) + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def badge_hash(badge: str, *, create: bool = False) -> str | None:
    """The keyed hash a badge is stored and looked up by (64 hex digits); None when
    there is no key yet (then no badge is known)."""
    key = badge_key(create=create)
    if key is None:
        return None
    return hmac.new(key, badge.strip().encode(), hashlib.sha256).hexdigest()


def key_check(key: bytes) -> str:
    """A value that tells one key from another and reveals nothing of it."""
    return hmac.new(key, _CHECK_MESSAGE, hashlib.sha256).hexdigest()


def badge_mark(badge: str) -> str:
    """What a badge scanned at a counter is logged as: a mark with a short keyed
    fingerprint (the same badge scanned again is known as the same scan, and a
    database without the key learns nothing from it)."""
    hashed = badge_hash(badge)
    return f"{BADGE_MARK[:-1]} {hashed[:8]})" if hashed else BADGE_MARK


# --- PINs -----------------------------------------------------------------------------


def check_new_pin(pin: str) -> str:
    """A PIN a user may be given: 4 to 64 printable characters, not all one digit."""
    if not pin:
        raise PackdeskError("A PIN cannot be empty.")
    if not PIN_MIN <= len(pin) <= PIN_MAX or not pin.isprintable():
        raise PackdeskError(f"A PIN is {PIN_MIN} to {PIN_MAX} printable characters.")
    if len(set(pin)) == 1:
        raise PackdeskError("A PIN of one character repeated is too easy to guess.")
    return pin


def hash_pin(pin: str) -> str:
    return _hasher.hash(check_new_pin(pin))


def pin_matches(stored: str | None, pin: str) -> bool:
    """Whether ``pin`` is the one hashed in ``stored``; without a stored hash a dummy
    one is checked, so an unknown name takes as long as a wrong PIN."""
    try:
        return _hasher.verify(stored or _dummy_hash(), pin) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def pin_needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_hex(8))


@dataclass(frozen=True)
class PinOutcome:
    """A PIN tried: whether it signs in, the wrong tries counted after, and the time
    the user is locked out until (None: not locked)."""

    ok: bool
    failed: int
    locked_until: datetime | None


def pin_tried(right: bool, failed_before: int, now: datetime) -> PinOutcome:
    """The rule for a PIN tried by a user who is not locked out: a right one clears
    the count; the ``PIN_TRIES``-th wrong one in a row locks them out for
    ``PIN_LOCK`` (and the count starts again after)."""
    if right:
        return PinOutcome(True, 0, None)
    failed = failed_before + 1
    if failed >= PIN_TRIES:
        return PinOutcome(False, 0, now + PIN_LOCK)
    return PinOutcome(False, failed, None)


def check_database_key(kept: str | None) -> None:
    """At start: a database whose badges were hashed with a key this computer does not
    hold (``kept``: its check value, None before any badge) is said so in words (its
    badges would all be unknown here)."""
    if kept is None:
        return
    key = badge_key()
    if key is None or key_check(key) != kept:
        raise BadgeKeyProblem(other_key_words())


def other_key_words() -> str:
    return (
        "This database's badges were stored with another badge key than this computer's "
        f"({key_file()}): copy the badge key from the computer that made the "
        f"database's users, or set {KEY_ENVIRONMENT} (see the README). If that "
        "key is lost for good, an admin with a PIN runs 'packdesk users new-badge-key "
        "--confirm --as NAME' and gives every badge again."
    )
