"""How an order's documents are doing, for the counter that closed it: printed,
printing, or not printed (failed, stuck with an error, or out of patience)."""

from __future__ import annotations

from sqlalchemy import Engine

from app.db import unit_of_work
from app.models import JobStatus, Printer, PrintJob
from app.printing import order_documents
from app.printing.order_documents import PATIENCE_SECONDS, DocumentJob, Printing
from tests.app.printing.conftest import add_order

DONE, PENDING, FAILED = JobStatus.DONE, JobStatus.PENDING, JobStatus.FAILED


def job(document: str, status: JobStatus, error: str | None = None) -> DocumentJob:
    return DocumentJob(document, None, "zebra-1", status, error)


def test_every_document_printed_is_printed() -> None:
    printing = order_documents.judge([job("waybill", DONE), job("slip", DONE)], 1.0)
    assert (printing.state, printing.missing) == (Printing.PRINTED, ())


def test_one_waiting_within_the_patience_is_still_printing() -> None:
    printing = order_documents.judge([job("waybill", PENDING), job("slip", DONE)], 1.0)
    assert printing.state is Printing.PRINTING


def test_an_error_or_a_failure_is_not_printed_at_once() -> None:
    off = job("waybill", PENDING, "cannot connect: refused")
    for jobs in ([off, job("slip", DONE)], [job("waybill", FAILED), job("slip", DONE)]):
        printing = order_documents.judge(jobs, 0.5)
        assert printing.state is Printing.NOT_PRINTED
        assert [j.document for j in printing.missing] == ["waybill"]


def test_waiting_past_the_patience_is_not_printed() -> None:
    jobs = [job("waybill", JobStatus.SENDING)]
    assert order_documents.judge(jobs, PATIENCE_SECONDS - 0.1).state is Printing.PRINTING
    assert order_documents.judge(jobs, PATIENCE_SECONDS).state is Printing.NOT_PRINTED


def test_no_job_at_all_is_nothing_printed() -> None:
    assert order_documents.judge([], 100.0).state is Printing.NOTHING


def test_read_gives_the_newest_job_of_each_document(engine: Engine) -> None:
    order_id = add_order(engine, "#A-1")
    other = add_order(engine, "#A-2")
    with unit_of_work(engine) as s:
        printer = Printer(name="zebra-1", uri="tcp://127.0.0.1:9", language="zpl", dpi=203)
        s.add(printer)
        s.flush()
        for oid, document, status in (
            (order_id, "waybill", FAILED),
            (order_id, "slip", DONE),
            (order_id, "waybill", DONE),  # a reprint that did print
            (other, "waybill", PENDING),
        ):
            s.add(
                PrintJob(
                    printer_id=printer.id,
                    order_id=oid,
                    document=document,
                    format="zpl",
                    status=status,
                )
            )
    jobs = order_documents.read(engine, order_id)
    assert sorted((j.document, j.printer, j.status) for j in jobs) == [
        ("slip", "zebra-1", DONE),
        ("waybill", "zebra-1", DONE),
    ]
