"""``packdesk scan`` as operators and scripts use it: a real process, real pipes."""

from __future__ import annotations

import json
import os
import select as os_select
import signal
import subprocess
import sys

import pytest
from sqlalchemy import select

from app import db, settings
from app.cli import main
from app.cli.scan_cmd import scan_lines
from app.models import OrderLine
from tests.app.acting import as_supervisor  # noqa: F401  (a fixture)
from tests.app.packing.conftest import CUP_EAN, Floor, add_order


def _scan_argv(url: str, *extra: str) -> list[str]:
    """``packdesk scan`` for station counter-1 and packer B-100, JSON lines."""
    who = ["--station", "counter-1", "--user", "B-100"]
    return [sys.executable, "-m", "ui.launcher", "scan", *who, "--json", "--db", url, *extra]


def _start(url: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _scan_argv(url, *extra),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_json_lines_in_order(floor: Floor, db_url: str) -> None:
    add_order(floor.engine, "00042", {"CUP-500": 2})
    scans = ["00042", CUP_EAN, "LID", "\x00bad", CUP_EAN, CUP_EAN]
    proc = subprocess.run(
        _scan_argv(db_url),
        input="\n".join(scans) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    verdicts = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [v["seq"] for v in verdicts] == [1, 2, 3, 4, 5, 6]
    assert [v["outcome"] for v in verdicts] == [
        "order_opened",
        "accepted",
        "wrong_item",
        "invalid_input",
        "order_complete",
        "no_open_order",
    ]
    expected = {
        "input": CUP_EAN,
        "order": "00042",
        "sku": "CUP-500",
        "packed": 1,
        "ordered": 2,
        "remaining": 1,
    }
    assert {k: verdicts[1][k] for k in expected} == expected
    assert all(
        set(v)
        >= {"seq", "input", "outcome", "order", "sku", "packed", "ordered", "remaining", "message"}
        for v in verdicts
    )


def test_unknown_badge_is_refused(
    floor: Floor, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    assert main(["scan", "--station", "c", "--user", "NOBODY", "--db", db_url]) == 2
    assert "No active user has that badge" in capsys.readouterr().err


def test_a_blank_station_name_is_refused(
    floor: Floor, capsys: pytest.CaptureFixture[str], db_url: str
) -> None:
    assert main(["scan", "--station", "  ", "--user", "B-100", "--db", db_url]) == 2
    assert "--station needs this counter's name" in capsys.readouterr().err


def test_scans_end_at_lf_cr_or_crlf_and_bytes_that_are_no_text_are_one_scan() -> None:
    chunks = iter(
        [b"\xef\xbb\xbfA1\r", b"\nB2\rC3", b"\r\n\xff\xfeX\n\xe4\xb8", b"\xad\xe6\x96\x87\nlast"]
    )
    assert list(scan_lines(lambda _size: next(chunks, b""))) == [
        "A1",
        "B2",
        "C3",
        "\ufffd\ufffdX",
        "中文",
        "last",
    ]


def _answer(proc: subprocess.Popen[str], scan: bytes) -> dict[str, object]:
    """Send one scan's bytes as they are (its terminator included) and wait for its
    verdict."""
    assert proc.stdin and proc.stdout
    proc.stdin.buffer.write(scan)
    proc.stdin.buffer.flush()
    ready, _, _ = os_select.select([proc.stdout], [], [], 30)
    assert ready, f"no answer to {scan!r}"
    return json.loads(proc.stdout.readline())  # type: ignore[no-any-return]


def test_a_scanner_ending_scans_with_cr_is_answered_at_once_and_garbage_is_refused(
    floor: Floor, db_url: str
) -> None:
    add_order(floor.engine, "A1", {"CUP-500": 2})
    proc = _start(db_url)
    assert _answer(proc, b"A1\r")["outcome"] == "order_opened"
    assert _answer(proc, b"\xff" + CUP_EAN.encode() + b"\r")["outcome"] == "invalid_input"
    assert _answer(proc, CUP_EAN.encode() + b"\r\n")["packed"] == 1
    assert proc.stdin
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0


def test_the_settings_stand_in_for_gs_is_used_unless_the_command_names_another(
    floor: Floor, db_url: str
) -> None:
    add_order(floor.engine, "A1", {"CUP-500": 2})
    settings.change(gs_stand_in="~")
    code = f"01{CUP_EAN.zfill(14)}~10LOT-1"
    verdicts = [
        json.loads(line)
        for line in subprocess.run(
            _scan_argv(db_url), input=f"A1\n{code}\n", capture_output=True, text=True, check=True
        ).stdout.splitlines()
    ]
    assert [v["outcome"] for v in verdicts] == ["order_opened", "accepted"]
    for other in ("|", ""):  # another stand-in, or none
        done = subprocess.run(
            _scan_argv(db_url, "--gs", other), input=f"{code}\n", capture_output=True, text=True
        )
        assert json.loads(done.stdout)["outcome"] == "unknown_code"


def test_a_scan_sent_again_with_its_id_is_answered_as_before_and_counted_once(
    floor: Floor, db_url: str
) -> None:
    order_id = add_order(floor.engine, "A1", {"CUP-500": 5})

    def run(lines: str) -> list[dict[str, object]]:
        done = subprocess.run(
            _scan_argv(db_url, "--ids"), input=lines, capture_output=True, text=True, check=True
        )
        return [json.loads(line) for line in done.stdout.splitlines()]

    first = run(f"o-1\tA1\nc-1\t{CUP_EAN}\nc-2\t{CUP_EAN}\n")
    assert [(v["scan_uid"], v["packed"]) for v in first[1:]] == [("c-1", 1), ("c-2", 2)]
    # the caller never read c-2's answer (say it was killed): it sends c-2 again
    again = run(f"c-2\t{CUP_EAN}\nc-3\t{CUP_EAN}\n{CUP_EAN}\n")
    assert [(v["scan_uid"], v["packed"], v.get("replayed")) for v in again[:2]] == [
        ("c-2", 2, True),
        ("c-3", 3, None),
    ]
    assert again[2]["packed"] == 4  # a line without an id is a scan of its own
    with db.unit_of_work(floor.engine) as s:
        packed = s.scalar(select(OrderLine.packed).where(OrderLine.order_id == order_id))
    assert packed == 4


def test_a_short_sent_again_after_a_restart_still_awaits_the_missing_item(
    floor: Floor, db_url: str
) -> None:
    """The answer to a SHORT sent again says "scan the item that is missing": the
    restarted command awaits it, and marks it short rather than packing it."""
    order_id = add_order(floor.engine, "A1", {"CUP-500": 2})
    argv = _scan_argv(db_url, "--ids")
    first = f"o-1\tA1\nc-1\t{CUP_EAN}\ns-1\tCMD:SHORT\n"
    subprocess.run(argv, input=first, capture_output=True, text=True, check=True)
    again = subprocess.run(
        argv, input=f"s-1\tCMD:SHORT\nc-2\t{CUP_EAN}\n", capture_output=True, text=True
    )
    verdicts = [json.loads(line) for line in again.stdout.splitlines()]
    assert [(v["outcome"], v.get("replayed")) for v in verdicts] == [
        ("command", True),
        ("command", None),  # marked short (not packed): the order waits for a supervisor
    ]
    with db.unit_of_work(floor.engine) as s:
        packed_short = s.execute(
            select(OrderLine.packed, OrderLine.short).where(OrderLine.order_id == order_id)
        ).one()
    assert tuple(packed_short) == (1, 1)


def test_an_id_given_before_to_another_scan_stops_the_command(floor: Floor, db_url: str) -> None:
    add_order(floor.engine, "A1", {"CUP-500": 5})
    argv = _scan_argv(db_url, "--ids")
    subprocess.run(argv, input="1\tA1\n", capture_output=True, text=True, check=True)
    done = subprocess.run(argv, input=f"1\t{CUP_EAN}\n", capture_output=True, text=True)
    assert done.returncode == 2 and done.stdout == ""
    assert "Scan id '1' was given before to another scan ('A1')" in done.stderr


def test_a_line_whose_scan_id_is_too_long_stops_the_command_saying_which(
    floor: Floor, db_url: str
) -> None:
    add_order(floor.engine, "A1", {"CUP-500": 5})
    done = subprocess.run(
        _scan_argv(db_url, "--ids"),
        input=f"o-1\tA1\n{'x' * 65}\t{CUP_EAN}\n",
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert [json.loads(line)["outcome"] for line in done.stdout.splitlines()] == ["order_opened"]
    assert "line 2: " in done.stderr and "is no scan id" in done.stderr


def test_kill_9_mid_order_keeps_exactly_the_answered_scans(floor: Floor, db_url: str) -> None:
    add_order(floor.engine, "A1", {"CUP-500": 50})
    proc = _start(db_url)
    assert proc.stdin and proc.stdout
    proc.stdin.write("A1\n")
    assert json.loads(proc.stdout.readline())["outcome"] == "order_opened"
    answered = 0
    for _ in range(7):
        proc.stdin.write(CUP_EAN + "\n")
        assert json.loads(proc.stdout.readline())["outcome"] == "accepted"
        answered += 1
    proc.stdin.write(CUP_EAN + "\n")  # sent, maybe being committed: never answered
    proc.stdin.flush()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    engine = db.make_engine(db_url)
    with db.unit_of_work(engine) as s:
        packed = s.scalar(select(OrderLine.packed))
    assert packed in (answered, answered + 1)  # the unanswered one may or may not be in
    # a restarted station continues from what is committed
    again = _start(db_url)
    assert again.stdin and again.stdout
    again.stdin.write(CUP_EAN + "\n")
    again.stdin.flush()
    assert json.loads(again.stdout.readline())["packed"] == packed + 1
    again.stdin.close()
    assert again.wait(timeout=30) == 0


@pytest.mark.usefixtures("as_supervisor")  # (who adds the printer)
def test_a_completed_order_prints_its_slip_before_the_command_ends(
    floor: Floor, db_url: str, tmp_path
) -> None:
    """The documents of an order completed by ``packdesk scan`` go to the station's
    printers (here a file:// document printer), as they would from the window."""
    out = tmp_path / "printed"
    out.mkdir()
    assert (
        main(
            [
                "printers",
                "add",
                "--name",
                "office",
                "--uri",
                f"file://{out}",
                "--language",
                "pdf",
                "--station",
                "counter-1",
                "--role",
                "document",
                "--db",
                db_url,
            ]
        )
        == 0
    )
    add_order(floor.engine, "P-1", {"LID": 1})
    proc = subprocess.run(
        _scan_argv(db_url),
        input="P-1\nLID\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    outcomes = [json.loads(line)["outcome"] for line in proc.stdout.splitlines()]
    assert outcomes == ["order_opened", "order_complete"]
    printed = list(out.iterdir())
    assert len(printed) == 1 and printed[0].read_bytes().startswith(b"%PDF")


def test_a_weighing_counter_asks_for_the_weight_and_a_weight_line_closes_the_order(
    floor: Floor, db_url: str
) -> None:
    from app.db import unit_of_work
    from app.models import Product

    with unit_of_work(floor.engine) as s:
        s.scalars(select(Product).where(Product.sku == "CUP-500")).one().unit_weight_g = 300
    add_order(floor.engine, "00042", {"CUP-500": 2})
    proc = subprocess.run(
        _scan_argv(db_url, "--weigh", "--no-print"),
        input="\n".join(["00042", CUP_EAN, CUP_EAN, "WEIGHT:0.9kg", "WEIGHT:604g"]) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    verdicts = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [v["outcome"] for v in verdicts] == [
        "order_opened",
        "accepted",
        "weight_required",
        "weight_mismatch",
        "order_complete",
    ]
    assert verdicts[3]["message"].startswith("Weighs 900 g, 600 g expected")
    from app.orders import order_details

    (detail,) = order_details(floor.engine, status="packed")
    assert detail.to_json()["parcels"] == [
        {
            "number": 1,
            "weight_g": 604,
            "expected_weight_g": 600,
            "tracking": None,
            "carrier": None,
            "shipped_at": None,
        }
    ]
