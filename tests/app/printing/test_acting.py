"""Who may change printers, print jobs and the printing settings is checked in the
services themselves: no acting user is refused, a packer is refused in words for what
is a lead's or a supervisor's, each refusal is in the audit, and what is done is in
the audit with who did it. Real database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from app.db import unit_of_work
from app.models import AuditEvent, JobStatus, Printer, User
from app.permissions import NotAllowed
from app.printing import config as printing_config
from app.printing import jobs, printers
from app.printing import station as station_printers
from app.printing.config import PrintingConfig, Sender
from tests.app.printing.conftest import add_station


def person(engine: Engine, name: str, role: str) -> int:
    with unit_of_work(engine) as s:
        user = User(name=name, badge=f"B-{name}", role=role)
        s.add(user)
        s.flush()
        return user.id


def waiting_job(engine: Engine) -> int:
    with unit_of_work(engine) as s:
        printer = Printer(name="zebra", uri="tcp://127.0.0.1:9", language="zpl", options={})
        s.add(printer)
        s.flush()
        job = jobs.add_job(s, printer, "waybill", payload=b"^XA^XZ")
        s.flush()
        return job.id


def audit(engine: Engine, action: str) -> list[tuple[int | None, dict]]:
    with unit_of_work(engine, read_only=True) as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == action))
        return [(e.user_id, dict(e.details or {})) for e in events]


def status(engine: Engine, job_id: int) -> JobStatus:
    return next(r.status for r in jobs.list_jobs(engine, limit=100) if r.id == job_id)


def test_print_jobs_need_an_acting_user_and_a_packer_only_tries_again(engine: Engine) -> None:
    job = waiting_job(engine)
    packer, lead = person(engine, "Li 李", "packer"), person(engine, "Wu 吴", "lead")
    with pytest.raises(NotAllowed, match="sign in"):
        jobs.cancel(engine, job)
    with pytest.raises(NotAllowed, match=r"Li 李 \(packer\) may not reprint documents"):
        jobs.reprint(engine, job, user_id=packer)
    with pytest.raises(NotAllowed, match=r"Li 李 \(packer\) may not cancel print jobs"):
        jobs.cancel(engine, job, user_id=packer)  # (named as what was asked)
    assert status(engine, job) is JobStatus.PENDING
    refused = audit(engine, "permission.refused")
    assert [(u, d["action"]) for u, d in refused] == [
        (None, "cancel_print_job"),
        (packer, "reprint"),
        (packer, "cancel_print_job"),
    ]
    assert jobs.retry(engine, job, user_id=packer).status is JobStatus.PENDING
    assert jobs.cancel(engine, job, user_id=lead).status is JobStatus.CANCELLED
    assert [u for u, _d in audit(engine, "print.retried")] == [packer]
    assert [u for u, _d in audit(engine, "print.cancelled")] == [lead]


def test_a_station_printer_is_a_supervisors_to_change(engine: Engine, tmp_path: Path) -> None:
    add_station(engine, "counter-3")
    lead, boss = person(engine, "Wu 吴", "lead"), person(engine, "Zhao 赵", "supervisor")
    config = PrintingConfig(preview_folder=str(tmp_path))

    def save(user_id: int | None) -> str:
        return station_printers.save_printer(
            engine, station="counter-3", role="label", name="zebra-1", uri="preview",
            language="zpl", dpi=203, size="100x150", darkness=None, config=config,
            user_id=user_id,
        ).name  # fmt: skip

    with pytest.raises(NotAllowed, match="Only an active supervisor or above"):
        save(None)
    with pytest.raises(NotAllowed, match=r"Wu 吴 \(lead\) may not change printers"):
        save(lead)
    with unit_of_work(engine, read_only=True) as s:
        assert s.scalar(select(Printer.id)) is None
    assert [u for u, _d in audit(engine, "permission.refused")] == [None, lead]
    assert save(boss) == "zebra-1"
    assert [u for u, _d in audit(engine, "printer.set")] == [boss]


def test_the_printing_settings_are_an_admins_to_change(engine: Engine) -> None:
    boss, admin = person(engine, "Zhao 赵", "supervisor"), person(engine, "Qian 钱", "admin")
    config = PrintingConfig(sender=Sender(name="North Dock 7 华东仓"))
    with pytest.raises(NotAllowed, match="Only an active admin"):
        printing_config.change(engine, config, user_id=None)
    with pytest.raises(NotAllowed, match=r"Zhao 赵 \(supervisor\) may not change settings"):
        printing_config.change(engine, config, user_id=boss)
    assert not printing_config.config_path().exists()  # nothing written
    saved = printing_config.change(engine, config, user_id=admin)
    assert printing_config.load().sender.name == "North Dock 7 华东仓"
    ((who, details),) = audit(engine, "settings.printing")
    assert who == admin and details["sender"]["name"] == "North Dock 7 华东仓"
    assert details["file"] == str(saved.path)


def test_adding_and_removing_a_printer_is_a_supervisors_in_the_service(
    engine: Engine, tmp_path: Path
) -> None:
    packer = person(engine, "Li 李", "packer")
    boss = person(engine, "Zhao 赵", "supervisor")
    uri = f"file://{tmp_path / 'labels'}"
    for who in (None, packer):
        with pytest.raises(NotAllowed):
            printers.add_printer(engine, name="zebra", uri=uri, language="zpl", user_id=who)
    assert [d["action"] for _, d in audit(engine, "permission.refused")] == ["change_printers"] * 2
    with pytest.raises(NotAllowed, match=r"Li 李 \(packer\) may not"):
        printers.add_printer(engine, name="zebra", uri=uri, language="zpl", user_id=packer)
    printers.add_printer(engine, name="zebra", uri=uri, language="zpl", user_id=boss)
    with pytest.raises(NotAllowed, match=r"Li 李 \(packer\) may not"):
        printers.remove_printer(engine, "zebra", packer)
    assert [p.name for p in printers.list_printers(engine)] == ["zebra"]
    assert printers.remove_printer(engine, "zebra", boss)
    assert [who for who, _ in audit(engine, "printer.add")] == [boss]
    assert [who for who, _ in audit(engine, "printer.remove")] == [boss]
