"""Migration 0024 on SQLite and PostgreSQL: a waybill job still waiting or interrupted
is given its parcel's tracking number when its bytes carry it (so the spool sends it
when its printer returns); other jobs made before carry none. Its downgrade clears the
problems the code of 0023 does not know."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, select, text

from app import db
from app.db import unit_of_work
from app.models import JobStatus, Parcel, PrintJob
from app.printing import jobs, printers
from tests.app.printing.conftest import add_order

NUMBER = "1Z999AA10100000013"


def test_waiting_waybills_are_given_the_number_their_bytes_carry(engine: Engine) -> None:
    order_id = add_order(engine, "#7001")
    made = {
        "waiting": (JobStatus.PENDING, f"^XA^FD{NUMBER}^FS^XZ"),
        "interrupted": (JobStatus.INTERRUPTED, f"^XA^FD{NUMBER}^FS^XZ"),
        "another label": (JobStatus.PENDING, "^XA^FD1Z999AA10100000024^FS^XZ"),
        "printed": (JobStatus.DONE, f"^XA^FD{NUMBER}^FS^XZ"),
    }
    ids: dict[str, int] = {}
    with unit_of_work(engine) as s:
        parcel = Parcel(order_id=order_id, seq=1, tracking_number=NUMBER)
        s.add(parcel)
        printer = printers.preview_printer(s)
        for name, (status, payload) in made.items():
            job = jobs.add_job(s, printer, "waybill", order_id=order_id, payload=payload.encode())
            job.status = status
            s.flush()
            ids[name] = job.id
    command.downgrade(db.alembic_config(engine), "0023")
    command.upgrade(db.alembic_config(engine), "head")
    with unit_of_work(engine, read_only=True) as s:
        found = {i: n for i, n in s.execute(select(PrintJob.id, PrintJob.tracking_number))}
    assert {name: found[i] for name, i in ids.items()} == {
        "waiting": NUMBER,
        "interrupted": NUMBER,
        "another label": None,
        "printed": None,
    }


def test_the_downgrade_clears_the_problems_revision_0023_does_not_know(engine: Engine) -> None:
    """The code of 0023 reads a job's problem as a plain JobProblem: a withheld label
    (0024's) or a refused waybill with its order's status (added with no revision of
    its own) would stop its print watch; they are cleared, the others kept."""
    order_id = add_order(engine, "#7002")
    problems = {
        "refused": "waybill_refused:on_hold",
        "withheld": "label_withheld:packing",
        "voided": "label_withheld:voided",
        "carrier": "carrier_refused",
        "none": None,
    }
    ids: dict[str, int] = {}
    with unit_of_work(engine) as s:
        printer = printers.preview_printer(s)
        for name, problem in problems.items():
            job = jobs.add_job(s, printer, "waybill", order_id=order_id, payload=b"^XA^XZ")
            job.status, job.problem, job.last_error = JobStatus.CANCELLED, problem, "words"
            s.flush()
            ids[name] = job.id
    command.downgrade(db.alembic_config(engine), "0023")
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, problem, last_error FROM print_jobs"))
            found = {i: (p, e) for i, p, e in rows}
    finally:
        command.upgrade(db.alembic_config(engine), "head")
    assert {name: found[i] for name, i in ids.items()} == {
        "refused": (None, "words"),
        "withheld": (None, "words"),
        "voided": (None, "words"),
        "carrier": ("carrier_refused", "words"),
        "none": (None, "words"),
    }
