"""One typed settings registry.

Defaults live in ``Settings``; the user's ``settings.json`` in the config folder
(platformdirs) overrides them; environment variables override both. Unknown keys in
the file are kept out (and reported by ``load``'s caller if it wishes); a file from an
older version is upgraded by filling in the new defaults.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
import tzlocal

from app.errors import PackdeskError

APP_NAME = "packdesk"
SETTINGS_VERSION = 1


def data_dir() -> Path:
    """Where the local database and backups live (``PACKDESK_DATA_DIR`` overrides)."""
    override = os.environ.get("PACKDESK_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    """Where ``settings.json`` lives (``PACKDESK_CONFIG_DIR`` overrides)."""
    override = os.environ.get("PACKDESK_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def _local_zone_name() -> str:
    """This machine's time zone by its IANA name (``TZ``, the system's setting;
    Windows' own zone names translated), or UTC where it has none."""
    try:
        return tzlocal.get_localzone_name() or "UTC"
    except Exception:  # tzlocal refuses a zone it cannot name (e.g. a bare offset)
        return "UTC"


@dataclass(frozen=True)
class Settings:
    """Everything a counter can configure. Field names are the JSON keys."""

    version: int = SETTINGS_VERSION
    db_url: str = ""
    warehouse_timezone: str = field(default_factory=_local_zone_name)
    station: str = "counter-1"
    language: str = "auto"
    default_channel: str = "manual"
    # the pack station: lock after this long without a scan (0: never); progress is kept
    idle_lock_minutes: float = 10.0
    sounds: bool = True  # a distinct sound for every verdict
    speech: bool = False  # speak each verdict's words too (needs a speech engine)
    # print the slip and the waybill when an order is complete (REPRINT always prints)
    auto_print: bool = True
    serial_scanner: str = ""  # a serial/USB-CDC scanner's port, e.g. /dev/ttyACM0
    serial_baudrate: int = 9600
    gs_stand_in: str = ""  # a character the scanners send for the GS1 separator
    # a lot past its expiry date (by the warehouse's calendar): refused, or packed with
    # a warning when false
    refuse_expired_lots: bool = True
    allow_manual_confirm: bool = True  # F8: count an item whose barcode will not scan
    # weighing parcels: the station's box (its tare, until box types are chosen at the
    # counter), and how far a parcel may weigh from what it should: the larger of a
    # percentage and a floor in grams
    # a shipping scale's port (e.g. /dev/ttyUSB0): set, the counter weighs every parcel
    scale_port: str = ""
    scale_protocol: str = "mt-sics"  # mt-sics, cas or generic
    scale_baudrate: int = 9600
    box_tare_g: int = 0
    weight_tolerance_percent: float = 5.0
    weight_tolerance_min_g: int = 20
    # the supervisor's board: an order is "at risk" this long before its ship-by time
    at_risk_minutes: int = 120
    # an order in one of these states longer than this is "stuck" (minutes; null: never)
    stuck_after_minutes: dict[str, int | None] = field(
        default_factory=lambda: {"new": 120, "ready": 240, "packing": 30, "packed": 240}
    )
    # ship-by = order time + this allowance when the import gave none; "*" for any
    # channel not named (hours)
    ship_by_allowance_hours: dict[str, float] = field(default_factory=lambda: {"*": 24.0})
    # a station not seen this long no longer holds its claims (consistency check)
    station_unseen_minutes: int = 30
    # the dock: the carrier whose truck this station loaded last (chosen again at start)
    dock_carrier: str = ""
    # packing video (the station's camera is in the database: ``packdesk cameras set``):
    # where clips are kept (empty: "evidence" in the data folder), for how many days and
    # in how many gigabytes at most (oldest deleted first, disputed orders' kept), and
    # how long a clip goes on after its order is closed (the box being taped)
    evidence_dir: str = ""
    evidence_keep_days: float = 30.0
    evidence_budget_gb: float = 50.0
    evidence_tail_seconds: float = 3.0
    # below this much free space under the clips' folder no new clip is begun (the
    # order records that it has no video, the pack page says why; packing goes on)
    evidence_min_free_gb: float = 2.0
    # a network folder every sealed clip is copied to as well (empty: none); a copy
    # that fails is tried again at the next round of housekeeping
    evidence_copy_dir: str = ""
    # how often the retention rule and the copies run by themselves (minutes)
    evidence_housekeeping_minutes: float = 10.0
    # a SQLite database: the window backs it up this often (hours; 0: never), keeping
    # the newest this many in the backups folder (``packdesk db backup --keep N`` for
    # a scheduler instead)
    backup_every_hours: float = 4.0
    backup_keep: int = 14

    @property
    def timezone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.warehouse_timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise PackdeskError(
                f"Unknown warehouse time zone {self.warehouse_timezone!r} in settings; "
                "use a name such as 'Asia/Shanghai' or 'UTC'."
            ) from None

    @property
    def evidence_folder(self) -> Path:
        return Path(self.evidence_dir) if self.evidence_dir else data_dir() / "evidence"

    @property
    def evidence_copy_folder(self) -> Path | None:
        return Path(self.evidence_copy_dir) if self.evidence_copy_dir else None


_ENV = {
    "db_url": "PACKDESK_DB_URL",
    "warehouse_timezone": "PACKDESK_TIMEZONE",
    "station": "PACKDESK_STATION",
    "language": "PACKDESK_LANGUAGE",
    "serial_scanner": "PACKDESK_SERIAL_SCANNER",
    "scale_port": "PACKDESK_SCALE",
    "evidence_dir": "PACKDESK_EVIDENCE_DIR",
    "evidence_copy_dir": "PACKDESK_EVIDENCE_COPY_DIR",
}


def settings_path() -> Path:
    return config_dir() / "settings.json"


def local_text(when: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``when`` in the warehouse's time zone (the settings'), as ``fmt`` writes it."""
    return when.astimezone(load().timezone).strftime(fmt)


def load() -> Settings:
    """Defaults, then the settings file, then the environment."""
    settings = Settings()
    path = settings_path()
    if path.exists():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PackdeskError(f"Cannot read settings file {path}: {exc}") from exc
        if not isinstance(stored, dict):
            raise PackdeskError(f"Settings file {path} does not hold a JSON object.")
        known = {f.name: f.type for f in fields(Settings)}
        values: dict[str, Any] = {k: v for k, v in stored.items() if k in known}
        values["version"] = SETTINGS_VERSION
        settings = replace(settings, **values)
    overrides: dict[str, Any] = {
        key: os.environ[env] for key, env in _ENV.items() if os.environ.get(env)
    }
    return replace(settings, **overrides) if overrides else settings


def change(**values: Any) -> Path:
    """Set some keys in the settings file, leaving the rest of it as it is (values
    that come from the environment are not written into the file)."""
    unknown = set(values) - {f.name for f in fields(Settings)}
    if unknown:
        raise PackdeskError(f"Unknown settings: {', '.join(sorted(unknown))}")
    path = settings_path()
    stored: dict[str, Any] = {}
    if path.exists():
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PackdeskError(f"Cannot read settings file {path}: {exc}") from exc
        if not isinstance(stored, dict):
            raise PackdeskError(f"Settings file {path} does not hold a JSON object.")
    stored.update(values, version=SETTINGS_VERSION)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(stored, indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path


def save(settings: Settings) -> Path:
    """Write the settings file atomically and return its path."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path
