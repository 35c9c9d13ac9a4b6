"""Migration 0024 on SQLite and PostgreSQL: a waybill job still waiting, being sent or
interrupted is given its parcel's tracking number when its bytes carry it (so the spool
sends it when its printer returns); other jobs made before carry none. Its downgrade
clears the problems the code of 0023 does not know."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, select, text

from app import db
from app.db import unit_of_work
from app.models import JobStatus, Parcel, PrintJob
from app.printing import jobs, printers
from app.shipping import parcel_labels
from tests.app.printing.conftest import add_order

NUMBER = "1Z999AA10100000013"


def test_waiting_waybills_are_given_the_number_their_bytes_carry(engine: Engine) -> None:
    order_id = add_order(engine, "#7001")
    zpl, other = f"^XA^FD{NUMBER}^FS^XZ".encode(), b"^XA^FD1Z999AA10100000024^FS^XZ"
    made = {
        "waiting": (JobStatus.PENDING, "zpl", zpl),
        "being sent": (JobStatus.SENDING, "zpl", zpl),
        "interrupted": (JobStatus.INTERRUPTED, "zpl", zpl),
        "another label": (JobStatus.PENDING, "zpl", other),
        "printed": (JobStatus.DONE, "zpl", zpl),
        "a PDF, parcel not voided since": (JobStatus.PENDING, "pdf", b"%PDF-1.4 (compressed)"),
        "a PNG being sent": (JobStatus.SENDING, "png", b"\x89PNG (compressed)"),
    }
    ids: dict[str, int] = {}
    with unit_of_work(engine) as s:
        parcel = Parcel(order_id=order_id, seq=1, tracking_number=NUMBER)
        s.add(parcel)
        printer = printers.preview_printer(s)
        for name, (status, fmt, payload) in made.items():
            job = jobs.add_job(s, printer, "waybill", order_id=order_id, payload=payload)
            job.status, job.format = status, fmt
            s.flush()
            ids[name] = job.id
    ids["a PDF, parcel voided since"] = _pdf_of_a_parcel_voided_after(engine)
    command.downgrade(db.alembic_config(engine), "0023")
    command.upgrade(db.alembic_config(engine), "head")
    with unit_of_work(engine, read_only=True) as s:
        found = {i: n for i, n in s.execute(select(PrintJob.id, PrintJob.tracking_number))}
    assert {name: found[i] for name, i in ids.items()} == {
        "waiting": NUMBER,
        "being sent": NUMBER,
        "interrupted": NUMBER,
        "another label": None,
        "printed": None,
        "a PDF, parcel not voided since": NUMBER,
        "a PNG being sent": NUMBER,
        "a PDF, parcel voided since": None,
    }


def _pdf_of_a_parcel_voided_after(engine: Engine) -> int:
    """A waiting PDF waybill whose parcel's label was voided (and a new number given)
    after the job was made: its bytes carry the old number, so it is given none."""
    order_id = add_order(engine, "#7003")
    with unit_of_work(engine) as s:
        s.add(Parcel(order_id=order_id, seq=1, tracking_number="1Z999AA10100000035"))
        job = jobs.add_job(
            s, printers.preview_printer(s), "waybill", order_id=order_id, payload=b"%PDF-1.4"
        )
        job.format = "pdf"
        s.flush()
        job_id = job.id
    with unit_of_work(engine) as s:
        parcel = s.scalars(select(Parcel).where(Parcel.order_id == order_id)).one()
        parcel_labels.void_label(s, parcel, "order reopened")
        parcel.tracking_number = "1Z999AA10100000046"
    return job_id


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
