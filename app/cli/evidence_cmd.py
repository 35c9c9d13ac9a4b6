"""``packdesk cameras list|test|set`` and ``packdesk evidence
list|show|export|verify|dispute|prune|record``: a station's camera, and the packing
video of each order."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.cli.common import (
    acting_user,
    add_as_option,
    add_db_option,
    open_database,
    refuse_control_characters,
    seconds,
)
from app.cli.local_time import local_time, local_time_until
from app.cli.terminal import table
from app.errors import PackdeskError
from app.settings import local_text


def register(sub: Any) -> None:
    _register_cameras(sub)
    _register_evidence(sub)


def _register_cameras(sub: Any) -> None:
    p = sub.add_parser("cameras", help="the cameras that record each box")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="cameras on this computer and each station's")
    ls.add_argument("--json", action="store_true")
    add_db_option(ls)
    ls.set_defaults(handler=run_cameras_list)
    test = actions.add_parser("test", help="open a camera, read it, write a still")
    test.add_argument("source", help="/dev/video0, rtsp://..., http://..., video=NAME, lavfi:GRAPH")
    test.add_argument("--seconds", type=seconds, default=2.0, help="how long to read (2)")
    test.add_argument("--still", type=Path, default=Path("camera-test.jpg"), metavar="FILE")
    add_db_option(test)  # (every command takes it; this one needs no database)
    test.set_defaults(handler=run_cameras_test)
    set_ = actions.add_parser("set", help="give a station its camera (or none)")
    set_.add_argument("--station", required=True, metavar="NAME")
    which = set_.add_mutually_exclusive_group(required=True)
    which.add_argument("--source", metavar="SOURCE")
    which.add_argument("--none", action="store_true", help="the station records no video")
    add_as_option(set_)
    add_db_option(set_)
    set_.set_defaults(handler=run_cameras_set)


def _register_evidence(sub: Any) -> None:
    p = sub.add_parser("evidence", help="the packing video of each order")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = actions.add_parser(
        "list", help="clips, by order, tracking number, SKU, packer, counter and time"
    )
    by = ls.add_mutually_exclusive_group()
    by.add_argument("--order", metavar="O")
    by.add_argument("--tracking", metavar="T")
    by.add_argument("--sku", metavar="S")
    ls.add_argument("--station", metavar="NAME", help="recorded at this counter")
    ls.add_argument("--packer", metavar="NAME", help="by a packer whose name holds NAME")
    ls.add_argument(
        "--since", type=local_time, metavar="WHEN", help="begun at or after WHEN (local time)"
    )
    ls.add_argument(
        "--until",
        type=local_time_until,
        metavar="WHEN",
        help="begun before WHEN (local time; a day alone: to its end)",
    )
    ls.add_argument("--json", action="store_true")
    add_db_option(ls)
    ls.set_defaults(handler=run_list)
    show = actions.add_parser("show", help="an order's clips and the scans in each")
    show.add_argument("order", help="its number, or a tracking number (its waybill)")
    show.add_argument("--json", action="store_true")
    add_db_option(show)
    show.set_defaults(handler=run_show)
    export = actions.add_parser("export", help="an order's clips, photo and manifest")
    export.add_argument("order")
    export.add_argument("--out", type=Path, required=True, metavar="DIR")
    add_db_option(export)
    export.set_defaults(handler=run_export)
    verify = actions.add_parser("verify", help="name clips changed or missing since sealed")
    verify.add_argument("--station", metavar="NAME", help="only this counter's clips")
    verify.add_argument("--json", action="store_true")
    add_db_option(verify)
    verify.set_defaults(handler=run_verify)
    dispute = actions.add_parser("dispute", help="keep an order's video: a claim is open")
    dispute.add_argument("order")
    dispute.add_argument("--reason", default="", help="the claim, for the audit trail")
    dispute.add_argument("--closed", action="store_true", help="the claim is settled")
    add_as_option(dispute)
    add_db_option(dispute)
    dispute.set_defaults(handler=run_dispute)
    prune = actions.add_parser("prune", help="apply the retention rule to a station now")
    prune.add_argument("--station", metavar="NAME", help="(default: this counter's)")
    prune.add_argument("--days", type=float, metavar="N", help="keep N days (settings)")
    prune.add_argument("--budget-gb", type=float, metavar="GB", help="at most GB (settings)")
    add_as_option(prune)
    add_db_option(prune)
    prune.set_defaults(handler=run_prune)
    record = actions.add_parser("record", help="record an order from a station's camera")
    record.add_argument("order")
    record.add_argument("--station", metavar="NAME", help="(default: this counter's)")
    record.add_argument("--packer", default="", help="(default: who acts, --as)")
    record.add_argument("--source", metavar="SOURCE", help="(default: the station's camera)")
    record.add_argument("--seconds", type=seconds, default=5.0)
    add_as_option(record)  # (a lead's: a clip recorded by hand)
    add_db_option(record)
    record.set_defaults(handler=run_record)


# --- cameras ----------------------------------------------------------------------


def run_cameras_list(args: argparse.Namespace) -> int:
    from app.evidence import cameras, store

    devices = cameras.list_devices()
    stations = store.cameras(open_database(args))
    if args.json:
        found = [{"source": d.source, "name": d.name, "capture": d.capture} for d in devices]
        at = [{"station": name, "source": source} for name, source in stations]
        print(json.dumps({"devices": found, "stations": at}, ensure_ascii=False, indent=1))
        return 0
    if devices:
        cells = [(d.source, d.name, "" if d.capture else "metadata, not pictures") for d in devices]
        print("\n".join(table(("device", "name", ""), cells)))
    else:
        print("No camera on this computer (no V4L2 device under /dev/video*).")
    if stations:
        print()
        print("\n".join(table(("station", "camera"), stations)))
        by_camera: dict[str, list[str]] = {}
        for name, source in stations:
            by_camera.setdefault(cameras.identity_or_text(source), []).append(name)
        for camera, names in sorted(by_camera.items()):
            if len(names) > 1:
                sharing = ", ".join(names)
                print(f"warning: {sharing} share one camera {camera}: each records the other's box")
    else:
        print("No station has a camera: packdesk cameras set --station NAME --source SOURCE")
    return 0


def run_cameras_test(args: argparse.Namespace) -> int:
    from app.evidence import cameras

    found = cameras.test_camera(args.source, seconds=args.seconds, still=args.still)
    print(
        f"{found.source}: {found.width}x{found.height}, {found.fps:.1f} pictures/s measured "
        f"over {found.seconds:.1f} s; still written to {found.still}"
    )
    return 0


def run_cameras_set(args: argparse.Namespace) -> int:
    from app.evidence import store
    from app.permissions import Action

    refuse_control_characters(args, "station", "source")
    engine = open_database(args)
    actor = acting_user(engine, args, Action.CHANGE_SETTINGS)
    others = store.set_camera(
        engine, args.station, None if args.none else args.source, actor.user_id
    )
    said = "no camera" if args.none else f"camera {args.source}"
    print(f"station {args.station}: {said}")
    if others:
        print(
            f"warning: {', '.join(others)} already records camera {args.source}: a network "
            "camera serves every counter, and each counter's video shows the other's box; "
            "a USB camera opens for one at a time, and the second says it is in use",
            file=sys.stderr,
        )
    return 0


# --- evidence ---------------------------------------------------------------------


def _clip_cells(clips: list[Any]) -> list[tuple[str, ...]]:
    return [
        (
            c.order_number,
            str(c.parcel),
            c.station,
            c.packer,
            local_text(c.started_at, "%Y-%m-%d %H:%M:%S"),
            f"{c.duration_s:.1f}",
            c.status + (" (deleted)" if c.deleted_at else "") + (" disputed" if c.disputed else ""),
            str(c.path),
        )
        for c in clips
    ]


_CLIP_HEAD = ("order", "parcel", "station", "packer", "started", "s", "video", "file")


def run_list(args: argparse.Namespace) -> int:
    from app.evidence.search import find_clips

    clips = find_clips(
        open_database(args),
        order=args.order,
        tracking=args.tracking,
        sku=args.sku,
        station=args.station,
        packer=args.packer,
        since=args.since,
        until=args.until,
    )
    if args.json:
        print(json.dumps([c.to_json() for c in clips], ensure_ascii=False, indent=1))
        return 0
    if clips:
        print("\n".join(table(_CLIP_HEAD, _clip_cells(clips))))
    print(f"{len(clips)} clips")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from app.errors import NotFound
    from app.evidence.export import order_evidence
    from app.evidence.search import clips_for_code

    engine = open_database(args)
    try:
        found = order_evidence(engine, args.order)
    except NotFound:
        scanned = clips_for_code(engine, args.order)  # a waybill's tracking number?
        if len(scanned.orders) != 1:
            raise
        found = order_evidence(engine, scanned.orders[0])
    if args.json:
        print(json.dumps([c.to_json() for c in found.clips], ensure_ascii=False, indent=1))
        return 0
    state = f" ({found.status})" if found.status else " (not in this database)"
    tracking = ", ".join(found.tracking_numbers) or "no tracking number"
    disputed = "; under dispute" if found.disputed_at else ""
    print(f"order {found.number}{state}: {tracking}{disputed}")
    if not found.clips:
        print("no video of this order")
    for clip in found.clips:
        print()
        print("\n".join(table(_CLIP_HEAD, _clip_cells([clip]))))
        if clip.camera_problem:
            print(f"  camera: {clip.camera_problem}")
        for mark in clip.marks:
            at = local_text(mark.at, "%Y-%m-%d %H:%M:%S")
            print(f"  {mark.offset_s:7.1f} s  {at}  {mark.text}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from app.evidence.export import export_order

    done = export_order(open_database(args), args.order, args.out)
    print(f"{len(done.files)} files and {done.manifest.name} written to {done.folder}")
    for problem in done.problems:
        print(f"problem: {problem}")
    if done.problems:
        raise PackdeskError(f"The evidence of order {args.order} is not whole: see above.")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from app.evidence.export import verify

    report = verify(open_database(args), station=args.station)
    if args.json:
        found = [
            {"clip": f.clip_uid, "order": f.order_number, "file": str(f.path), "problem": f.problem}
            for f in report.findings
        ]
        print(json.dumps({"checked": report.checked, "findings": found}, indent=1))
    else:
        for f in report.findings:
            print(f"{f.problem}: {f.path} (order {f.order_number})")
        print(f"{report.checked} files checked, {len(report.findings)} changed or missing")
    return 0 if report.ok else 1


def run_dispute(args: argparse.Namespace) -> int:
    from app.evidence import store
    from app.order_actions import find_order_id
    from app.permissions import Action

    engine = open_database(args)
    actor = acting_user(engine, args, Action.HOLD)  # (a lead keeps or lets go an order's video)
    changed = store.set_dispute(
        engine,
        find_order_id(engine, args.order),
        open_=not args.closed,
        reason=args.reason,
        user_id=actor.user_id,
    )
    state = "settled" if args.closed else "under dispute: its video is kept"
    print(f"order {args.order}: {state}" + ("" if changed else " (already)"))
    return 0


def run_prune(args: argparse.Namespace) -> int:
    from app import settings
    from app.evidence import store
    from app.permissions import Action

    conf = settings.load()
    engine = open_database(args)
    acting_user(engine, args, Action.CHANGE_SETTINGS)  # (deleting evidence now: an admin)
    result = store.apply_retention(
        engine,
        args.station or conf.station,
        keep_days=args.days if args.days is not None else conf.evidence_keep_days,
        budget_bytes=int((args.budget_gb or conf.evidence_budget_gb) * 1e9),
    )
    print(
        f"{len(result.deleted)} clips deleted ({result.freed_bytes / 1e6:.1f} MB), "
        f"{result.kept_disputed} kept for a dispute, {result.left_bytes / 1e6:.1f} MB left"
    )
    return 0


def run_record(args: argparse.Namespace) -> int:
    import time

    from app import settings
    from app.evidence import store
    from app.evidence.recorder import Recorder, RecorderEvent
    from app.permissions import Action

    conf = settings.load()
    engine = open_database(args)
    actor = acting_user(engine, args, Action.RECORD_EVIDENCE)
    station = args.station or conf.station
    source = args.source or store.camera_of(engine, station)
    if not source:
        raise PackdeskError(f"Station {station} has no camera: give --source or cameras set.")

    def say(event: RecorderEvent) -> None:
        print(event.words.english(), flush=True)

    recorder = Recorder(
        source,
        conf.evidence_folder,
        timezone=conf.timezone,
        tail_seconds=1.0,
        on_event=say,
        on_sealed=store.EvidenceStore(engine).record,
    )
    recorder.start(args.order, station, args.packer or actor.name)
    time.sleep(args.seconds)
    recorder.photo()
    recorder.stop("recorded from the command line")
    if not recorder.close():
        raise PackdeskError("The clip was not sealed in time.")
    return 0
