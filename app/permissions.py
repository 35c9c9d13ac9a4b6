"""Who may do what: one table of roles and the actions each may take, enforced in the
services (not only by hiding buttons), and every refused attempt recorded.

    packer      packs at a counter, loads parcels at the dock
    lead        and holds, releases, expedites, reprints, cancels print jobs, frees a
                claim, imports, closes a carrier's manifest
    supervisor  and cancels, reopens, ships short, takes over a claim, accepts a
                weight that did not match, changes printers and carriers, reads
                the audit record in the window
    admin       and manages users and settings

A service asks ``require`` before its unit of work begins; a refusal raises
``NotAllowed`` (its words name who, their role and what they asked) and is written to
the audit (``permission.refused``) in a transaction of its own.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.db import unit_of_work
from app.dbclock import db_now
from app.errors import PackdeskError
from app.models import AuditEvent, Role, User


class Action(enum.StrEnum):
    PACK = "pack"
    HANDOVER = "handover"
    HOLD = "hold"
    RELEASE = "release"
    EXPEDITE = "expedite"
    REPRINT = "reprint"
    CANCEL_PRINT_JOB = "cancel_print_job"  # a job that waits, or one interrupted
    RELEASE_CLAIM = "release_claim"
    IMPORT = "import"
    CLOSE_MANIFEST = "close_manifest"
    CANCEL = "cancel"
    REOPEN = "reopen"
    SHIP_SHORT = "ship_short"
    TAKE_OVER = "take_over"
    ACCEPT_WEIGHT = "accept_weight"
    CHANGE_PRINTERS = "change_printers"
    CHANGE_CARRIERS = "change_carriers"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    CHANGE_SETTINGS = "change_settings"
    MANAGE_DATABASE = "manage_database"  # upgrade its schema, put a backup back
    RECORD_EVIDENCE = "record_evidence"  # a clip recorded by hand (the command line)


A = Action
_PACKER = frozenset({A.PACK, A.HANDOVER})
_LEAD = _PACKER | {
    A.HOLD,
    A.RELEASE,
    A.EXPEDITE,
    A.REPRINT,
    A.CANCEL_PRINT_JOB,
    A.RELEASE_CLAIM,
    A.IMPORT,
    A.CLOSE_MANIFEST,
    A.RECORD_EVIDENCE,
}
_SUPERVISOR = _LEAD | {
    A.CANCEL,
    A.REOPEN,
    A.SHIP_SHORT,
    A.TAKE_OVER,
    A.ACCEPT_WEIGHT,
    A.CHANGE_PRINTERS,
    A.CHANGE_CARRIERS,
    A.VIEW_AUDIT,
}

#: what each role may do: the one table
PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.PACKER: _PACKER,
    Role.LEAD: frozenset(_LEAD),
    Role.SUPERVISOR: frozenset(_SUPERVISOR),
    Role.ADMIN: frozenset(Action),
}

#: what an action is called in a refusal ("may not <words>")
WORDS: dict[Action, str] = {
    A.PACK: "pack orders",
    A.HANDOVER: "load parcels at the dock",
    A.HOLD: "hold orders",
    A.RELEASE: "release held orders",
    A.EXPEDITE: "expedite orders",
    A.REPRINT: "reprint documents",
    A.CANCEL_PRINT_JOB: "cancel print jobs",
    A.RELEASE_CLAIM: "free an order another counter holds",
    A.IMPORT: "import orders",
    A.CLOSE_MANIFEST: "close a carrier's manifest",
    A.CANCEL: "cancel orders",
    A.REOPEN: "reopen packed orders",
    A.SHIP_SHORT: "ship orders short",
    A.TAKE_OVER: "take over another packer's order",
    A.ACCEPT_WEIGHT: "accept a weight that did not match",
    A.CHANGE_PRINTERS: "change printers",
    A.CHANGE_CARRIERS: "change carriers and their tracking numbers",
    A.VIEW_AUDIT: "read the audit record",
    A.MANAGE_USERS: "manage users",
    A.CHANGE_SETTINGS: "change settings",
    A.MANAGE_DATABASE: "upgrade or restore the database",
    A.RECORD_EVIDENCE: "record an order's video by hand",
}


class NotAllowed(PackdeskError):
    """The acting user's role does not allow the action (or there is no such user).
    ``name`` and ``role`` are who was refused (None when nobody active acted), for a
    screen to say it in its own words; the message is the English of the CLI and logs."""

    def __init__(
        self,
        message: str,
        action: Action,
        user_id: int | None,
        *,
        name: str | None = None,
        role: Role | None = None,
    ) -> None:
        super().__init__(message)
        self.action, self.user_id = action, user_id
        self.name, self.role = name, role


def may(role: Role | str, action: Action) -> bool:
    return action in PERMISSIONS[Role(role)]


def least_role(action: Action) -> Role:
    """The first role (packer, lead, supervisor, admin) that may take ``action``."""
    return next(role for role in PERMISSIONS if action in PERMISSIONS[role])


def check(s: Session, user_id: int | None, action: Action) -> User:
    """The active user ``user_id``, if their role allows ``action``; else NotAllowed."""
    user = s.get(User, user_id) if user_id is not None else None
    if user is None or not user.active:
        raise NotAllowed(
            f"Only an active {least_role(action).value} or above may {WORDS[action]}: "
            "sign in (or give --as BADGE) first.",
            action,
            user_id,
        )
    if not may(user.role, action):
        raise NotAllowed(
            f"{user.name} ({Role(user.role).value}) may not {WORDS[action]}; "
            f"ask a {least_role(action).value} or above.",
            action,
            user.id,
            name=user.name,
            role=Role(user.role),
        )
    return user


def record_refusal(
    engine: Engine,
    refused: NotAllowed,
    *,
    station_id: int | None = None,
    entity: str | None = None,
    entity_id: int | None = None,
) -> None:
    """The refused attempt, in the audit, committed on its own."""
    with unit_of_work(engine) as s:
        s.add(
            AuditEvent(
                at=db_now(s),
                user_id=refused.user_id if s.get(User, refused.user_id or 0) else None,
                station_id=station_id,
                action="permission.refused",
                entity=entity,
                entity_id=entity_id,
                details={"action": refused.action.value, "message": str(refused)},
            )
        )


def require(
    engine: Engine,
    user_id: int | None,
    action: Action,
    *,
    station_id: int | None = None,
    entity: str | None = None,
    entity_id: int | None = None,
) -> Actor:
    """The acting user, if their role allows ``action``; else the refusal is recorded
    and NotAllowed raised. Asked before the service's own unit of work begins (on
    SQLite, a refusal written while that held the write lock would wait for itself)."""
    with unit_of_work(engine, read_only=True) as s:
        try:
            user = check(s, user_id, action)
            return Actor(user.id, user.name, Role(user.role))
        except NotAllowed as refused:
            problem = refused
    record_refusal(engine, problem, station_id=station_id, entity=entity, entity_id=entity_id)
    raise problem


@dataclass(frozen=True)
class Actor:
    """Who acts: an active user whose role allows what they asked."""

    user_id: int
    name: str
    role: Role
