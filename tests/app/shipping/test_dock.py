"""After packing, on SQLite and PostgreSQL: tracking numbers from a carrier's pool (one
per parcel, never twice, also when two counters ask at once), handover at the dock
(an order ships when its last parcel is on the truck; intercepted, wrong-truck,
twice-scanned and unknown labels refused and recorded), and manifests."""

from __future__ import annotations

import csv
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from app import credentials
from app.credentials import badge_hash
from app.db import unit_of_work
from app.errors import PackdeskError
from app.models import AuditEvent, Order, OrderHistory, OrderStatus, Parcel, PoolNumber, User
from app.shipping import carriers, manifests, tracking_pool
from app.shipping.dock import Dock, Outcome
from app.shipping.dock_words import said
from app.shipping.parcel_labels import NoTrackingNumber, ensure_tracking
from app.shipping.tracking_numbers import CheckRule, PoolFileError, check_digit
from tests.app.acting import admin_id
from tests.app.packing.conftest import add_order

S = OrderStatus


def _ups(n: int) -> str:
    body = f"1Z999AA101{n:07d}"
    return body + check_digit(body, CheckRule.UPS)


@pytest.fixture
def people(engine: Engine) -> Engine:
    with unit_of_work(engine) as s:
        s.add_all(
            [
                User(name="Loader Zhao", badge="L-1", role="packer"),
                User(name="Sup Wang", badge="S-1", role="supervisor"),
            ]
        )
    return engine


def _packed(engine: Engine, number: str, parcels: int = 1, carrier: str = "UPS") -> list[int]:
    """A packed order of ``parcels`` parcels for ``carrier``; the parcels' ids."""
    order_id = add_order(engine, number, {"LID": parcels}, status=S.PACKED)
    with unit_of_work(engine) as s:
        s.get_one(Order, order_id).carrier = carrier
        s.add_all(Parcel(order_id=order_id, seq=seq) for seq in range(1, parcels + 1))
        s.flush()
        ids = list(
            s.scalars(select(Parcel.id).where(Parcel.order_id == order_id).order_by(Parcel.seq))
        )
    return ids


def _pool(engine: Engine, tmp_path: Path, carrier: str, numbers: list[str]) -> None:
    f = tmp_path / f"{carrier}.txt"
    f.write_text("\n".join(numbers) + "\n")
    tracking_pool.import_pool(
        engine, carrier, f, check_rule="ups" if carrier == "UPS" else None, user_id=admin_id(engine)
    )


def _labelled(engine: Engine, ids: list[int]) -> list[str]:
    numbers = [ensure_tracking(engine, p) for p in ids]
    assert all(numbers)
    return [n for n in numbers if n]


def _status(engine: Engine, number: str) -> S:
    with unit_of_work(engine) as s:
        return S(s.scalars(select(Order.status).where(Order.external_number == number)).one())


def test_each_parcel_takes_the_next_pool_number_once(people: Engine, tmp_path: Path) -> None:
    _pool(people, tmp_path, "UPS", [_ups(1), _ups(2), _ups(3)])
    a, b = _packed(people, "T-1", parcels=2)
    assert _labelled(people, [a, b]) == [_ups(1), _ups(2)]
    assert ensure_tracking(people, a) == _ups(1)  # a reprint keeps its number
    (status,) = tracking_pool.pool_status(people)
    assert (status.carrier, status.free, status.used) == ("UPS", 1, 2)
    # the same file again adds nothing; the used numbers are never handed out again
    again = tmp_path / "again.txt"
    again.write_text(f"{_ups(1)}\n{_ups(2)}\n{_ups(3)}\n")
    done = tracking_pool.import_pool(people, "UPS", again, user_id=admin_id(people))
    assert (done.added, done.already_in_pool, done.free) == (0, 3, 1)


def test_an_empty_pool_fails_the_waybill_with_what_to_do(people: Engine, tmp_path: Path) -> None:
    _pool(people, tmp_path, "UPS", [_ups(7)])
    a, b = _packed(people, "T-2", parcels=2)
    ensure_tracking(people, a)
    with pytest.raises(NoTrackingNumber, match="No tracking numbers left for UPS: import"):
        ensure_tracking(people, b)
    with unit_of_work(people) as s:
        assert s.get_one(Parcel, b).tracking_number is None


def test_a_pool_file_with_a_bad_check_digit_imports_nothing(people: Engine, tmp_path: Path) -> None:
    good, bad = _ups(1), _ups(2)[:-1] + str((int(_ups(2)[-1]) + 1) % 10)
    f = tmp_path / "pool.txt"
    f.write_text(f"{good}\n{bad}\n")
    with pytest.raises(PoolFileError, match="line 2"):
        tracking_pool.import_pool(people, "UPS", f, check_rule="ups", user_id=admin_id(people))
    with unit_of_work(people) as s:
        assert s.scalars(select(PoolNumber)).all() == []


def test_a_number_of_another_carriers_pool_is_refused(people: Engine, tmp_path: Path) -> None:
    _pool(people, tmp_path, "UPS", [_ups(1)])
    f = tmp_path / "other.txt"
    f.write_text(f"{_ups(1)}\n")
    with pytest.raises(PackdeskError, match="already another carrier's"):
        tracking_pool.import_pool(people, "DHL", f, user_id=admin_id(people))


def _drawn_at_once(engine: Engine, parcels: list[int]) -> dict[int, object]:
    """Each parcel's number asked for by a counter of its own, all at the same moment:
    what each got (a number, or the error it was refused with)."""
    start = threading.Barrier(len(parcels))
    results: dict[int, object] = {}

    def ask(parcel_id: int) -> None:
        start.wait()
        try:
            results[parcel_id] = ensure_tracking(engine, parcel_id)
        except PackdeskError as exc:
            results[parcel_id] = exc

    threads = [threading.Thread(target=ask, args=(p,)) for p in parcels]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return results


def test_two_counters_asking_for_the_last_number_at_once_get_it_once(
    people: Engine, tmp_path: Path
) -> None:
    _pool(people, tmp_path, "UPS", [_ups(9)])
    results = _drawn_at_once(people, [_packed(people, f"R-{i}")[0] for i in range(2)])
    given = [r for r in results.values() if isinstance(r, str)]
    refused = [r for r in results.values() if isinstance(r, NoTrackingNumber)]
    assert (given, len(refused)) == ([_ups(9)], 1)


def test_an_order_ships_when_its_last_parcel_is_on_the_truck(
    people: Engine, tmp_path: Path
) -> None:
    _pool(people, tmp_path, "UPS", [_ups(n) for n in range(1, 4)])
    first, second = _labelled(people, _packed(people, "D-1", parcels=2))
    dock = Dock(people, station="dock-1", user_badge="L-1", carrier="ups")
    one = dock.scan(first + "\r\n")
    assert (one.outcome, one.parcel, one.missing, one.on_load) == (
        Outcome.LOADED,
        "1/2",
        ("2/2",),
        1,
    )
    assert one.words == said("loaded_missing", first, "D-1", "1/2", "2/2")
    assert _status(people, "D-1") is S.PACKED
    two = dock.scan(second)
    assert (two.outcome, two.missing, two.on_load) == (Outcome.SHIPPED, (), 2)
    assert _status(people, "D-1") is S.SHIPPED
    with unit_of_work(people) as s:
        shipped = s.scalars(select(OrderHistory).where(OrderHistory.to_status == "shipped")).one()
        loader = s.scalars(select(User.id).where(User.badge_hash == badge_hash("L-1"))).one()
        assert shipped.user_id == loader and shipped.station_id is not None
        assert shipped.reason is not None and one.load is not None and one.load in shipped.reason
        parcel = s.scalars(select(Parcel).where(Parcel.tracking_number == first)).one()
        assert (parcel.handed_over_by_user_id, parcel.handed_over_at) == (loader, one.at)
    again = dock.scan(first)
    assert again.outcome is Outcome.TWICE and not again.ok


def test_refused_labels_say_why_and_are_recorded(people: Engine, tmp_path: Path) -> None:
    _pool(people, tmp_path, "UPS", [_ups(n) for n in range(1, 6)])
    (cancelled,) = _labelled(people, _packed(people, "X-1"))
    (held,) = _labelled(people, _packed(people, "X-2"))
    (moved,) = _labelled(people, _packed(people, "X-3"))
    _packed(people, "X-4", carrier="DHL")
    with unit_of_work(people) as s:
        for number, status in (("X-1", S.CANCELLED), ("X-2", S.ON_HOLD)):
            s.scalars(select(Order).where(Order.external_number == number)).one().status = status
        s.scalars(select(Order).where(Order.external_number == "X-3")).one().carrier = "DHL"
    dock = Dock(people, station="dock-1", user_badge="L-1", carrier="UPS")
    answers = {code: dock.scan(code) for code in (cancelled, held, moved, "X-4", "NOPE-123")}
    assert [a.outcome for a in answers.values()] == [
        Outcome.INTERCEPTED,
        Outcome.INTERCEPTED,
        Outcome.INTERCEPTED,
        Outcome.WRONG_CARRIER,
        Outcome.UNKNOWN,
    ]
    assert answers[cancelled].words == said("intercepted", "X-1", "cancelled")
    assert answers[moved].words == said("carrier_changed", "X-3", "DHL", "UPS")
    assert answers["X-4"].words == said("wrong_carrier", "X-4", "DHL", "UPS")
    with unit_of_work(people) as s:
        refused = s.scalars(select(AuditEvent).where(AuditEvent.action == "dock.refused")).all()
        assert [e.details["outcome"] for e in refused] == [
            "intercepted", "intercepted", "intercepted", "wrong_carrier", "unknown_label",
        ]  # fmt: skip
        assert all(e.user_id is not None and e.station_id is not None for e in refused)
        assert s.scalars(select(Parcel.load_id).where(Parcel.load_id.is_not(None))).all() == []


def test_a_badge_scanned_as_a_label_is_recorded_as_its_mark(people: Engine) -> None:
    """The next loader's badge, scanned at the dock, is no label: its refusal in the
    audit holds the badge's mark, never the badge (the page then signs them in)."""
    _packed(people, "B-1")  # (an order that names the carrier)
    dock = Dock(people, station="dock-1", user_badge="L-1", carrier="UPS")
    assert dock.scan("S-1").outcome is Outcome.UNKNOWN
    with unit_of_work(people) as s:
        (refused,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "dock.refused"))
        assert refused.details["code"] == credentials.badge_mark("S-1")
    with pytest.raises(PackdeskError, match="No active user has that badge"):
        Dock(people, station="dock-1", user_badge="' OR '1'='1", carrier="UPS")


def test_an_order_without_tracking_numbers_is_scanned_by_its_order_number(
    people: Engine,
) -> None:
    _packed(people, "N-1", carrier="Local van")
    _packed(people, "N-2", parcels=2, carrier="Local van")
    dock = Dock(people, station="dock-1", user_badge="L-1", carrier="Local van")
    assert dock.scan("N-1").outcome is Outcome.SHIPPED
    each = dock.scan("N-2")
    assert (each.outcome, each.words) == (
        Outcome.SCAN_EACH,
        said("scan_each_parcel", "N-2", 2),
    )
    assert _status(people, "N-2") is S.PACKED


def test_a_carrier_that_gives_numbers_refuses_a_parcel_without_one(
    people: Engine, tmp_path: Path
) -> None:
    _pool(people, tmp_path, "UPS", [_ups(1)])
    _packed(people, "U-1")
    answer = Dock(people, station="d", user_badge="L-1", carrier="UPS").scan("U-1")
    assert (answer.outcome, answer.words) == (
        Outcome.NO_TRACKING,
        said("no_tracking", "U-1", "1/1"),
    )


def test_closing_a_manifest_freezes_its_parcels_and_lists_the_missing(
    people: Engine, tmp_path: Path
) -> None:
    _pool(people, tmp_path, "UPS", [_ups(n) for n in range(1, 6)])
    loaded = _labelled(people, _packed(people, "M-1", parcels=2))
    (left_behind,) = _labelled(people, _packed(people, "M-2"))
    dock = Dock(people, station="dock-1", user_badge="L-1", carrier="UPS")
    for code in loaded:
        assert dock.scan(code).ok
    with pytest.raises(PackdeskError, match="no parcel has been handed over to DHL yet"):
        manifests.close_manifest(people, "DHL", user_id=None, out_dir=tmp_path)
    done = manifests.close_manifest(people, "ups", user_id=None, out_dir=tmp_path / "out")
    assert (done.parcels, done.missing) == (2, 1)
    assert done.pdf.read_bytes().startswith(b"%PDF")
    rows = list(csv.DictReader(done.csv.open(encoding="utf-8-sig")))
    assert [(r["status"], r["tracking_number"], r["handed_over_by"]) for r in rows] == [
        ("loaded", loaded[0], "Loader Zhao"),
        ("loaded", loaded[1], "Loader Zhao"),
        ("missing", left_behind, ""),
    ]
    with pytest.raises(PackdeskError, match=f"manifest {done.number} was closed at"):
        manifests.close_manifest(people, "UPS", user_id=None, out_dir=tmp_path)
    later = dock.scan(left_behind)  # the next scan opens the next load: the closed one stays
    assert later.ok and later.load is not None and later.load.endswith("-2")
    summaries = {m.number: m for m in manifests.list_manifests(people)}
    assert (summaries[done.number].parcels, summaries[later.load].closed_at) == (2, None)


def test_carrier_profiles_refuse_bad_settings(people: Engine) -> None:
    with pytest.raises(PackdeskError, match="give its --api-url"):
        carriers.set_carrier(people, "SF", tracking_source="api", user_id=admin_id(people))
    with pytest.raises(PackdeskError, match="no time of day"):
        carriers.set_carrier(people, "SF", cutoff="25:00", user_id=admin_id(people))
    with pytest.raises(PackdeskError, match="is no check-digit rule"):
        carriers.set_carrier(people, "SF", check_rule="luhn", user_id=admin_id(people))
    profile = carriers.set_carrier(people, "SF", cutoff="7:05", user_id=admin_id(people))
    assert (profile.cutoff, profile.tracking_source.value) == ("07:05", "pool")


def test_the_handover_command_answers_each_label_after_it_is_committed(
    sqlite_url: str, tmp_path: Path
) -> None:
    from app.db import make_engine

    engine = make_engine(sqlite_url)
    with unit_of_work(engine) as s:
        s.add(User(name="Loader Zhao", badge="L-1", role="packer"))
    _packed(engine, "C-1", carrier="Van")
    engine.dispose()
    run = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--db", sqlite_url, "handover", "--station", "dock-1",
         "--user", "L-1", "--carrier", "Van", "--json"],
        input="C-1\nC-1\nnothing-here\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    import json

    answers = [json.loads(line) for line in run.stdout.splitlines()]
    assert [a["outcome"] for a in answers] == ["order_shipped", "already_loaded", "unknown_label"]
    assert answers[0]["order"] == "C-1" and answers[0]["ok"] is True


def test_the_daily_check_names_parcels_that_missed_the_cutoff_and_low_pools(
    people: Engine, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    from app import consistency
    from app.models import OrderHistory
    from app.settings import load as load_settings

    zone = load_settings().timezone
    day = datetime(2026, 3, 2, tzinfo=zone)
    _pool(people, tmp_path, "UPS", [_ups(n) for n in range(1, 4)])
    carriers.set_carrier(people, "UPS", cutoff="17:00", pool_low_at=5, user_id=admin_id(people))
    early, _late = (_labelled(people, _packed(people, n))[0] for n in ("K-1", "K-2"))
    with unit_of_work(people) as s:  # packed at 09:00 and at 18:00, the warehouse's time
        for number, hour in (("K-1", 9), ("K-2", 18)):
            order_id = s.scalars(select(Order.id).where(Order.external_number == number)).one()
            packed_at = (day + timedelta(hours=hour)).astimezone(UTC)
            s.add(OrderHistory(order_id=order_id, from_status="packing", to_status="packed",
                               at=packed_at))  # fmt: skip
    before = consistency.check(people, now=(day + timedelta(hours=16)).astimezone(UTC))
    assert before.count("missed_cutoff") == 0
    after = consistency.check(people, now=(day + timedelta(hours=19)).astimezone(UTC))
    missed = [p for p in after.problems if p.kind == "missed_cutoff"]
    assert [p.order for p in missed] == ["K-1"]  # K-2 was packed after the truck left
    assert "before its 17:00 cut-off" in missed[0].message
    (low,) = [p for p in after.problems if p.kind == "tracking_pool_low"]
    assert low.message.startswith("Tracking numbers of UPS: 1 left")
    assert Dock(people, station="d", user_badge="L-1", carrier="UPS").scan(early).ok
    done = consistency.check(people, now=(day + timedelta(hours=19)).astimezone(UTC))
    assert done.count("missed_cutoff") == 0


def test_the_kpis_count_parcels_per_carrier_per_day_and_weight_exceptions(
    people: Engine, tmp_path: Path
) -> None:
    from app import kpi
    from app.settings import load as load_settings

    _pool(people, tmp_path, "UPS", [_ups(n) for n in range(1, 4)])
    codes = _labelled(people, _packed(people, "P-1", parcels=2))
    _packed(people, "P-2", carrier="Van")
    assert all(Dock(people, station="d", user_badge="L-1", carrier="UPS").scan(c).ok for c in codes)
    assert Dock(people, station="d", user_badge="L-1", carrier="Van").scan("P-2").ok
    zone = load_settings().timezone
    today = kpi.today(people, zone)
    report = kpi.kpi_report(people, today, today, tz=zone)
    assert report.parcels_by_carrier_day == ((today, "UPS", 2), (today, "Van", 1))
    assert report.shipped == 2


def _set(engine: Engine, number: str, **values: object) -> None:
    with unit_of_work(engine) as s:
        order = s.scalars(select(Order).where(Order.external_number == number)).one()
        for name, value in values.items():
            setattr(order, name, value)


def test_many_counters_drawing_at_once_get_different_numbers(
    people: Engine, tmp_path: Path
) -> None:
    _pool(people, tmp_path, "UPS", [_ups(n) for n in range(1, 7)])
    given = _drawn_at_once(people, [_packed(people, f"Q-{i}")[0] for i in range(6)])
    assert sorted(map(str, given.values())) == [_ups(n) for n in range(1, 7)]


def test_a_parcel_stopped_after_it_was_loaded_says_take_it_off(
    people: Engine, tmp_path: Path
) -> None:
    _pool(people, tmp_path, "UPS", [_ups(n) for n in range(1, 3)])
    first, _second = _labelled(people, _packed(people, "Y-1", parcels=2))
    dock = Dock(people, station="dock-1", user_badge="L-1", carrier="UPS")
    loaded = dock.scan(first)
    assert loaded.outcome is Outcome.LOADED and loaded.load is not None
    _set(people, "Y-1", status=S.CANCELLED)
    again = dock.scan(first.lower())  # Caps Lock on: the same label
    assert again.outcome is Outcome.INTERCEPTED
    assert again.words == said("intercepted_loaded", "Y-1", "cancelled", "1/2", loaded.load)


def test_a_label_made_for_another_carrier_is_voided_and_a_new_one_made(
    people: Engine, tmp_path: Path
) -> None:
    _pool(people, tmp_path, "UPS", [_ups(1)])
    dhl = tmp_path / "dhl.txt"
    dhl.write_text("4000000001\n")
    tracking_pool.import_pool(people, "DHL", dhl, user_id=admin_id(people))
    (parcel,) = _packed(people, "V-1")
    assert ensure_tracking(people, parcel) == _ups(1)
    _set(people, "V-1", carrier="DHL")
    stop = Dock(people, station="d", user_badge="L-1", carrier="DHL").scan(_ups(1))
    assert stop.words == said("carrier_changed", "V-1", "DHL", "UPS")
    assert ensure_tracking(people, parcel) == "4000000001"  # the waybill printed again
    dhl_dock = Dock(people, station="d", user_badge="L-1", carrier="DHL")
    assert dhl_dock.scan(_ups(1)).outcome is Outcome.UNKNOWN  # the old label is void
    assert dhl_dock.scan("4000000001").outcome is Outcome.SHIPPED
    with unit_of_work(people) as s:
        voided = s.scalars(select(AuditEvent).where(AuditEvent.action == "label.voided")).one()
        assert voided.details == {
            "tracking_number": _ups(1),
            "carrier": "UPS",
            "why": "carrier changed",
            "now_carrier": "DHL",
        }
        ups_number = s.scalars(select(PoolNumber).where(PoolNumber.number == _ups(1))).one()
        assert ups_number.used_at is not None  # never given again
    (status,) = [p for p in tracking_pool.pool_status(people) if p.carrier == "UPS"]
    assert (status.free, status.used) == (0, 1)


def test_a_label_without_numbers_is_for_the_carrier_it_was_made_for(people: Engine) -> None:
    (parcel,) = _packed(people, "Z-1", carrier="Van A")
    _packed(people, "Z-2", carrier="Van B")  # (so that Van B is a carrier orders name)
    assert ensure_tracking(people, parcel) is None  # the waybill carries the order number
    _set(people, "Z-1", carrier="Van B")
    stop = Dock(people, station="d", user_badge="L-1", carrier="Van B").scan("Z-1")
    assert stop.words == said("carrier_changed", "Z-1", "Van B", "Van A")
    ensure_tracking(people, parcel)  # printed again, for Van B
    assert Dock(people, station="d", user_badge="L-1", carrier="Van B").scan("Z-1").ok


def test_an_order_number_never_loads_a_parcel_that_has_a_tracking_number(
    people: Engine, tmp_path: Path
) -> None:
    _pool(people, tmp_path, "UPS", [_ups(1)])
    _labelled(people, _packed(people, "O-1"))
    order_id = add_order(people, "O-2", {"LID": 1}, status=S.PACKED)  # no waybill made
    _set(people, "O-2", carrier="UPS")
    dock = Dock(people, station="d", user_badge="L-1", carrier="UPS")
    assert dock.scan("O-1").words == said("scan_tracking_number", "O-1")
    assert dock.scan("O-2").words == said("no_waybill", "O-2")
    with unit_of_work(people) as s:  # and the dock made no parcel for it
        assert s.scalars(select(Parcel).where(Parcel.order_id == order_id)).all() == []
    with pytest.raises(PackdeskError, match="No carrier is called 'UPSS'"):
        Dock(people, station="d", user_badge="L-1", carrier="UPSS")


def test_an_imported_number_already_on_another_parcel_is_refused(people: Engine) -> None:
    (a,) = _packed(people, "I-1", carrier="Van")
    (b,) = _packed(people, "I-2", carrier="Van")
    _set(people, "I-1", tracking_number="sf123")
    _set(people, "I-2", tracking_number="SF123")
    assert ensure_tracking(people, a) == "SF123"
    with pytest.raises(PackdeskError, match="already on a parcel of order I-1"):
        ensure_tracking(people, b)


def test_a_bad_pool_file_leaves_no_new_carrier_behind(people: Engine, tmp_path: Path) -> None:
    f = tmp_path / "typo.txt"
    f.write_text("1Z999AA10123456780\n")  # check digit 4, not 0
    with pytest.raises(PoolFileError):
        tracking_pool.import_pool(people, "UPSS", f, check_rule="ups", user_id=admin_id(people))
    assert carriers.list_carriers(people) == []


def test_changing_a_carrier_from_the_command_line_needs_a_supervisors_badge(
    people: Engine, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main

    base = ["--db", db_url, "carriers", "set", "UPS", "--cutoff", "16:30"]
    assert main(base) != 0
    assert "Only an active supervisor or above may change carriers" in capsys.readouterr().err
    assert main([*base, "--as", "L-1"]) != 0  # a packer
    assert "Loader Zhao (packer) may not change carriers" in capsys.readouterr().err
    assert carriers.list_carriers(people) == []
    assert main([*base, "--as", "S-1"]) == 0
    assert [c.cutoff for c in carriers.list_carriers(people)] == ["16:30"]
    with unit_of_work(people) as s:
        refused = s.scalars(select(AuditEvent).where(AuditEvent.action == "permission.refused"))
        assert [e.details["action"] for e in refused] == ["change_carriers"] * 2


def test_a_reopened_box_gets_a_new_label_and_its_old_one_cannot_leave(
    people: Engine, tmp_path: Path
) -> None:
    from app import order_actions

    _pool(people, tmp_path, "UPS", [_ups(1), _ups(2)])
    (parcel,) = _packed(people, "R-1")
    old = ensure_tracking(people, parcel)
    with unit_of_work(people) as s:
        supervisor = s.scalars(select(User.id).where(User.badge_hash == badge_hash("S-1"))).one()
        order_id = s.scalars(select(Order.id).where(Order.external_number == "R-1")).one()
    order_actions.reopen(people, order_id, user_id=supervisor, reason="wrong colour")
    _set(people, "R-1", status=S.PACKED)  # packed again at a counter
    new = ensure_tracking(people, parcel)  # its waybill printed again
    assert (old, new) == (_ups(1), _ups(2))
    dock = Dock(people, station="d", user_badge="L-1", carrier="UPS")
    assert dock.scan(_ups(1)).outcome is Outcome.UNKNOWN
    assert dock.scan(_ups(2)).outcome is Outcome.SHIPPED
