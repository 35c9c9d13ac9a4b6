"""What documents need that no order holds: the sender's address, the GS1 company
prefix for SSCCs, the paper size, the preview folder. Kept in ``printing.json`` in
the user's config folder."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from app import settings
from app.errors import PackdeskError


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


def config_path() -> Path:
    return settings.config_dir() / "printing.json"


def load() -> PrintingConfig:
    path = config_path()
    if not path.exists():
        return PrintingConfig()
    try:
        stored: Any = json.loads(path.read_text(encoding="utf-8"))
        sender = Sender(
            **{
                **stored.get("sender", {}),
                "lines": tuple(stored.get("sender", {}).get("lines", ())),
            }
        )
        rest = {
            k: v
            for k, v in stored.items()
            if k in PrintingConfig.__dataclass_fields__ and k != "sender"
        }
        return replace(PrintingConfig(sender=sender), **rest)
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise PackdeskError(f"Cannot read printing settings {path}: {exc}") from exc


def save(config: PrintingConfig) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(config), indent=2, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    return path
