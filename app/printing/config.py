"""What documents need that no order holds: the sender's address, the GS1 company
prefix for SSCCs, the paper size, the preview folder. Kept in ``printing.json`` in
the user's config folder; the window's settings page edits it through ``save``.

``load`` reads the file (a missing file is the defaults; one that cannot be read or
holds the wrong kind of value raises a ``PackdeskError`` naming the key);
``problems`` says what is wrong with a set of values before they are saved; ``save``
writes the file atomically and never loses what was in it.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import settings
from app.errors import PackdeskError
from printers import gs1

if TYPE_CHECKING:
    from sqlalchemy import Engine

FILE_NAME = "printing.json"
#: paper for packing slips and pick lists on document printers (label printers use
#: their label size); any of the document sizes is accepted from the file
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class Sender:
    name: str = "Packdesk warehouse"
    lines: tuple[str, ...] = ()
    city: str = ""
    postal_code: str = ""
    country: str = ""
    region: str = ""
    phone: str = ""


@dataclass(frozen=True)
class PrintingConfig:
    sender: Sender = field(default_factory=Sender)
    gs1_company_prefix: str = ""  # set to print an SSCC on every waybill
    paper: str = "a4"  # packing slips and pick lists on document printers
    shop_name: str = ""
    preview_folder: str = ""  # default: "previews" in the data folder

    def previews(self) -> Path:
        return (
            Path(self.preview_folder) if self.preview_folder else settings.data_dir() / "previews"
        )


@dataclass(frozen=True)
class Problem:
    """Something wrong with a setting, or worth a second look (``blocking`` False:
    it can be saved as it is). ``field`` names the setting as the file does
    (``sender.name``, ``gs1_company_prefix``); ``kind`` says what is wrong, for a
    window to put in its own words; ``message`` says it in English."""

    field: str
    kind: str
    message: str
    blocking: bool = True


@dataclass(frozen=True)
class Saved:
    path: Path
    config: PrintingConfig  # as written (tidied)
    kept_aside: Path | None = None  # the old file, when it could not be read


def config_path() -> Path:
    return settings.config_dir() / FILE_NAME


# --- reading ----------------------------------------------------------------------------


def _text(value: Any, key: str, path: Path) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PackdeskError(
            f"Printing settings {path}: {key!r} should be text in quotes, not {value!r}."
        )
    return value


def _lines(value: Any, path: Path) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(value.splitlines())
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        return tuple(value)
    raise PackdeskError(
        f"Printing settings {path}: 'sender.lines' should be a list of address lines, "
        f"not {value!r}."
    )


def from_json(stored: Any, path: Path) -> PrintingConfig:
    """The settings a parsed ``printing.json`` holds (unknown keys are left out)."""
    if not isinstance(stored, dict):
        raise PackdeskError(f"Printing settings {path} do not hold a JSON object.")
    raw_sender = stored.get("sender") or {}
    if not isinstance(raw_sender, dict):
        raise PackdeskError(
            f"Printing settings {path}: 'sender' should be an object with name, lines, "
            f"city and so on, not {raw_sender!r}."
        )
    sender_values: dict[str, Any] = {}
    for f in fields(Sender):
        if f.name not in raw_sender:
            continue
        value = raw_sender[f.name]
        if f.name == "lines":
            sender_values["lines"] = _lines(value, path)
        else:
            sender_values[f.name] = _text(value, f"sender.{f.name}", path)
    values: dict[str, Any] = {
        f.name: _text(stored[f.name], f.name, path)
        for f in fields(PrintingConfig)
        if f.name != "sender" and f.name in stored
    }
    return PrintingConfig(sender=Sender(**sender_values), **values)


def _read_json(path: Path) -> Any:
    try:
        # utf-8-sig: a file saved by Windows Notepad starts with a byte-order mark
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise PackdeskError(f"Cannot read printing settings {path}: {exc}") from exc


def load() -> PrintingConfig:
    path = config_path()
    if not path.exists():
        return PrintingConfig()
    return from_json(_read_json(path), path)


# --- checking ---------------------------------------------------------------------------


def tidy(config: PrintingConfig) -> PrintingConfig:
    """Spaces around values gone, empty address lines dropped, the prefix's digits as
    ASCII (a Chinese input method may type full-width ones) without spaces, the paper
    in lower case."""
    s = config.sender
    sender = Sender(
        name=s.name.strip(),
        lines=tuple(x.strip() for x in s.lines if x.strip()),
        city=s.city.strip(),
        postal_code=s.postal_code.strip(),
        country=s.country.strip(),
        region=s.region.strip(),
        phone=s.phone.strip(),
    )
    prefix = "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() else c
        for c in unicodedata.normalize("NFKC", config.gs1_company_prefix)
        if not c.isspace()
    )
    return replace(
        config,
        sender=sender,
        gs1_company_prefix=prefix,
        paper=config.paper.strip().lower(),
        shop_name=config.shop_name.strip(),
        preview_folder=config.preview_folder.strip(),
    )


def problems(config: PrintingConfig) -> tuple[Problem, ...]:
    """What is wrong with ``config`` (tidy it first), blocking problems and warnings."""
    from printers.documents import PAGE_SIZES  # the layouts: not needed to read the file

    found: list[Problem] = []
    sender = config.sender
    if not sender.name:
        found.append(Problem("sender.name", "required", "The waybill needs the sender's name."))
    if not sender.lines and not sender.city:
        found.append(
            Problem(
                "sender.lines",
                "no_address",
                "No return address: the waybill's sender block shows only the name.",
                blocking=False,
            )
        )
    prefix = config.gs1_company_prefix
    if prefix and not gs1.is_company_prefix(prefix):
        lengths = gs1.COMPANY_PREFIX_LENGTHS
        found.append(
            Problem(
                "gs1_company_prefix",
                "prefix_digits",
                f"A GS1 company prefix is {lengths.start} to {lengths.stop - 1} digits; "
                f"{prefix!r} is not.",
            )
        )
    if config.paper not in PAGE_SIZES:
        found.append(
            Problem(
                "paper",
                "unknown_paper",
                f"Paper {config.paper!r}: use one of {', '.join(PAPERS)}.",
            )
        )
    folder = config.preview_folder
    if folder and not Path(folder).expanduser().is_absolute():
        found.append(
            Problem(
                "preview_folder",
                "relative_folder",
                f"The preview folder needs a full path (such as /srv/previews), not {folder!r}.",
            )
        )
    return tuple(found)


def example_sscc(config: PrintingConfig) -> str | None:
    """The SSCC the first parcel would get with this prefix (None without one)."""
    prefix = config.gs1_company_prefix
    return gs1.make_sscc(prefix, 1) if gs1.is_company_prefix(prefix) else None


# --- writing ----------------------------------------------------------------------------


def _as_json(config: PrintingConfig, stored: dict[str, Any]) -> dict[str, Any]:
    """``config`` over what the file held, so keys Packdesk does not know stay."""
    values = asdict(config)
    old_sender = stored.get("sender")
    sender = {**(old_sender if isinstance(old_sender, dict) else {}), **values.pop("sender")}
    sender["lines"] = list(config.sender.lines)
    return {**stored, **values, "sender": sender}


def _keep_aside(path: Path) -> Path:
    """Copy an unreadable file next to itself before it is replaced."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while aside.exists():  # never over an earlier copy
        n += 1
        aside = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    aside.write_bytes(path.read_bytes())
    return aside


def _write_atomically(path: Path, text: str) -> None:
    """A temporary file in the same folder, on disk, then renamed over ``path``: a
    crash leaves the old file or the new one, never half of one."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    try:
        # the file keeps its permissions (mkstemp makes it readable by its owner only)
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save(config: PrintingConfig) -> Saved:
    """Write ``config`` (tidied) to ``printing.json``. Blocking problems raise a
    ``PackdeskError`` and write nothing. Keys the file holds that Packdesk does not
    know are kept; a file that cannot be read is first copied aside
    (``printing.json.broken-YYYYMMDD-HHMMSS``), so nothing that was in it is lost."""
    config = tidy(config)
    bad = [p.message for p in problems(config) if p.blocking]
    if bad:
        raise PackdeskError(" ".join(bad))
    path = config_path()
    stored: dict[str, Any] = {}
    kept: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            try:
                raw = _read_json(path)
                from_json(raw, path)
                stored = raw
            except PackdeskError:
                kept = _keep_aside(path)
        text = json.dumps(_as_json(config, stored), indent=2, ensure_ascii=False) + "\n"
        _write_atomically(path, text)
    except OSError as exc:
        raise PackdeskError(
            f"Cannot save printing settings to {path}: {exc.strerror or exc}"
        ) from exc
    return Saved(path, config, kept)


def change(engine: Engine, config: PrintingConfig, *, user_id: int | None) -> Saved:
    """Save ``config`` as a person does from the window: an admin acts (``user_id``,
    checked first; a refusal is recorded and nothing written), and the audit records
    who changed the printing settings (``settings.printing``) and what they hold now."""
    from app import permissions
    from app.db import unit_of_work
    from app.dbclock import db_now
    from app.models import AuditEvent

    actor = permissions.require(
        engine, user_id, permissions.Action.CHANGE_SETTINGS, entity="settings"
    )
    saved = save(config)
    with unit_of_work(engine) as s:
        s.add(
            AuditEvent(
                at=db_now(s),
                user_id=actor.user_id,
                action="settings.printing",
                entity="settings",
                details={"file": str(saved.path), **_as_json(saved.config, {})},
            )
        )
    return saved
