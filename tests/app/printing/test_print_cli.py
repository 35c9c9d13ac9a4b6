"""packdesk print and packdesk printers, end to end against the virtual printer."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app import settings
from app.cli import main
from app.packing.command_codes import Command
from app.printing import build
from printers import png
from printers.documents import PAGE_SIZES, command_sheet
from printers.virtual import PAPER_OUT_FLAG, VirtualPrinter
from tests.app.acting import as_supervisor  # noqa: F401  (a fixture)
from tests.app.printing.conftest import add_bins, add_order
from tests.printers.scanning import scan


def _run(engine: Engine, *argv: str) -> int:
    url = engine.url.render_as_string(hide_password=False)
    return main([*argv, "--db", url])


@pytest.mark.usefixtures("as_supervisor")
def test_waybill_and_slip_to_files(engine: Engine, tmp_path: Path) -> None:
    add_order(engine, "#1001")
    assert _run(engine, "print", "#1001", "--doc", "waybill", "--out", str(tmp_path / "w.png")) == 0
    texts = sorted(s.text for s in scan((tmp_path / "w.png").read_bytes()))
    assert texts == ["#1001", "#1001"]  # the tracking stand-in and the order QR
    assert _run(engine, "print", "#1001", "--doc", "slip", "--out", str(tmp_path / "s.pdf")) == 0
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF")
    assert _run(engine, "print", "#1001", "--doc", "waybill", "--out", str(tmp_path / "w.zpl")) == 0
    assert (tmp_path / "w.zpl").read_bytes().startswith(b"^XA")


def test_pick_list_and_command_sheet(engine: Engine, tmp_path: Path) -> None:
    add_bins(engine)
    add_order(engine, "#1001")
    add_order(engine, "#1002")
    out = tmp_path / "pick.png"
    assert _run(engine, "print", "#1001", "#1002", "--doc", "picklist", "--out", str(out)) == 0
    assert sorted(s.text for s in scan(out.read_bytes())) == ["#1001", "#1002"]
    out = tmp_path / "commands.png"
    assert _run(engine, "print", "--doc", "commands", "--out", str(out)) == 0
    assert sorted(s.text for s in scan(out.read_bytes())) == sorted(c.barcode for c in Command)
    # each command by its screen names, for packers who read Chinese and for those who
    # read English
    out = tmp_path / "commands.pdf"
    assert _run(engine, "print", "--doc", "commands", "--out", str(out)) == 0
    words = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "撤销上一步 Undo last" in words and "下一个包裹 Next parcel" in words


@pytest.mark.parametrize("size", sorted(PAGE_SIZES))
def test_the_command_sheet_fits_every_paper_and_label(size: str) -> None:
    """Every command's barcode fits and scans, down to the narrow 76 mm label."""
    doc = command_sheet(build.commands_data("Counter 1"), PAGE_SIZES[size])
    scanned = sorted(s.text for page in png.render(doc, 203) for s in scan(page))
    assert scanned == sorted(c.barcode for c in Command)


@pytest.mark.usefixtures("as_supervisor")
def test_print_on_a_printer_and_ask_its_status(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_order(engine, "#1001")
    with VirtualPrinter(tmp_path / "zebra", port=0) as zebra:
        assert (
            _run(
                engine,
                "printers",
                "add",
                "--name",
                "zebra",
                "--uri",
                zebra.uri,
                "--language",
                "zpl",
                "--size",
                "100x150",
                "--station",
                "counter-1",
            )
            == 0
        )
        assert _run(engine, "print", "#1001", "--doc", "waybill", "--printer", "zebra") == 0
        assert "printed on zebra" in capsys.readouterr().out
        assert _run(engine, "printers", "test", "zebra") == 0
        assert _run(engine, "printers", "status", "zebra") == 0
        assert "zebra: ready" in capsys.readouterr().out
        (tmp_path / "zebra" / PAPER_OUT_FLAG).touch()
        assert _run(engine, "printers", "status", "zebra") == 1
        assert "paper out" in capsys.readouterr().out
        assert len(zebra.jobs()) == 2
    assert _run(engine, "printers", "list") == 0
    assert "zebra" in capsys.readouterr().out


def test_preview_is_the_default(engine: Engine) -> None:
    add_order(engine, "#1001")
    assert _run(engine, "print", "#1001", "--doc", "slip") == 0
    previews = list((settings.data_dir() / "previews").glob("*.png"))
    assert len(previews) == 1


@pytest.mark.usefixtures("as_supervisor")
def test_mistakes_are_one_line_reasons(
    engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(engine, "print", "#404", "--doc", "slip", "--out", str(tmp_path / "x.pdf")) == 2
    assert "No order '#404'" in capsys.readouterr().err
    assert (
        _run(
            engine, "printers", "add", "--name", "z", "--uri", "tpc://10.0.0.5", "--language", "zpl"
        )
        == 2
    )
    assert "unknown kind 'tpc'" in capsys.readouterr().err
    assert _run(engine, "print", "--doc", "slip", "--printer", "nope", "#1") == 2


def test_command_sheet_through_the_spool_on_the_preview_printer(engine: Engine) -> None:
    assert _run(engine, "print", "--doc", "commands") == 0
    (sheet,) = list((settings.data_dir() / "previews").glob("*.png"))
    assert sorted(s.text for s in scan(sheet.read_bytes())) == sorted(c.barcode for c in Command)


@pytest.mark.usefixtures("as_supervisor")
def test_an_interrupted_job_is_listed_and_sent_again_by_retry(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import update

    from app.db import unit_of_work
    from app.models import JobStatus, PrintJob

    assert _run(engine, "print", "--doc", "commands") == 0  # one job, printed
    with unit_of_work(engine) as s:  # as a program taking over the printer leaves it
        s.execute(update(PrintJob).values(status=JobStatus.INTERRUPTED, last_error="stopped"))
    capsys.readouterr()
    assert _run(engine, "printers", "jobs", "--status", "interrupted") == 0
    heading, listed, count = capsys.readouterr().out.splitlines()
    assert heading.split()[:2] == ["job", "status"] and count == "1 jobs"
    job = listed.split()[0]
    assert "interrupted" in listed
    assert _run(engine, "printers", "retry", job) == 0
    assert len(list((settings.data_dir() / "previews").glob("*.png"))) == 2
    assert _run(engine, "printers", "jobs", "--status", "interrupted") == 0
    assert capsys.readouterr().out.count("interrupted") == 0
    assert _run(engine, "printers", "retry", job) == 2  # printed now: nothing to retry


@pytest.mark.usefixtures("as_supervisor")
def test_status_of_a_printer_that_is_off_is_not_ready(
    sqlite_engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's promise to scripts: 1 when the printer is not ready, whatever the
    reason (off too); 2 only when it cannot be asked at all."""
    from tests.app.printing.conftest import free_port

    off = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    folder = f"file://{tmp_path / 'jobs'}"
    for name, uri in (("off", off), ("folder", folder)):
        add = ["printers", "add", "--name", name, "--uri", uri, "--language", "zpl"]
        assert _run(sqlite_engine, *add) == 0
    capsys.readouterr()
    assert _run(sqlite_engine, "printers", "status", "off", "--timeout", "1") == 1
    out, err = capsys.readouterr()
    assert out.startswith("off: not answering (") and out.count("\n") == 1 and err == ""
    assert _run(sqlite_engine, "printers", "status", "folder") == 2
    assert capsys.readouterr().err == (
        "packdesk: folder is reached by file, which reports no printer status.\n"
    )
    assert _run(sqlite_engine, "printers", "status", "nobody") == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.usefixtures("as_supervisor")
def test_a_waybill_for_several_orders_is_a_job_per_parcel_that_a_reopen_cancels(
    engine: Engine, tmp_path: Path
) -> None:
    """Each order's label is a job of its own, for its order and parcel, as the counter
    queues them: a reopen of one order cancels its label waiting to print, not the
    other's (one job for both, recorded on the first order, printed them both)."""
    from sqlalchemy import select

    from app import order_actions, users
    from app.db import unit_of_work
    from app.models import JobStatus, Parcel, PrintJob
    from app.printing.print_service import PrintService
    from tests.app.printing.conftest import free_port

    first, second = add_order(engine, "#1001"), add_order(engine, "#1002")
    port = free_port()  # the printer is off: the labels wait
    add = ["printers", "add", "--name", "zebra", "--uri", f"tcp://127.0.0.1:{port}"]
    assert _run(engine, *add, "--language", "zpl", "--size", "100x150") == 0
    waybills = ["print", "#1001", "#1002", "--doc", "waybill", "--printer", "zebra"]
    assert _run(engine, *waybills, "--timeout", "0.5") == 2  # (not printed yet)

    def queued() -> list[tuple[int | None, int | None, JobStatus]]:
        with unit_of_work(engine, read_only=True) as s:
            rows = select(PrintJob.order_id, PrintJob.parcel_id, PrintJob.status)
            return [(o, p, st) for o, p, st in s.execute(rows.order_by(PrintJob.id))]

    with unit_of_work(engine, read_only=True) as s:
        parcel = {o: p for o, p in s.execute(select(Parcel.order_id, Parcel.id))}
    waiting = JobStatus.PENDING
    assert queued() == [(first, parcel[first], waiting), (second, parcel[second], waiting)]
    boss = users.add_user(engine, name="Sup Su", badge="S-9", role="supervisor", trusted=True)
    order_actions.reopen(engine, second, user_id=boss.id, reason="one cup missing")
    cancelled = JobStatus.CANCELLED
    assert queued() == [(first, parcel[first], waiting), (second, parcel[second], cancelled)]
    with VirtualPrinter(tmp_path / "zebra", port=port) as zebra:
        service = PrintService(engine, backoff=(0.05,)).start()
        try:
            assert service.wait_until_idle(15)
        finally:
            service.stop()
        (label,) = [f.read_bytes() for f in zebra.jobs()]
    assert b"#1001" in label and b"#1002" not in label
