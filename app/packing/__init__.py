"""Scanner-verified packing: the engine every scan source calls, and its verdicts."""

from typing import TYPE_CHECKING, Any

from app.packing.command_codes import COMMAND_PREFIX, Command
from app.packing.station_state import PackingOptions
from app.packing.verdict import Outcome, Verdict

if TYPE_CHECKING:
    from app.packing.engine import PackingEngine

__all__ = ["COMMAND_PREFIX", "Command", "Outcome", "PackingEngine", "PackingOptions", "Verdict"]


def __getattr__(name: str) -> Any:
    # the engine is imported when first asked for: a module the engine itself uses
    # (``app.scan_tally``, for the outcomes it counts) may import from this package
    if name == "PackingEngine":
        from app.packing.engine import PackingEngine

        return PackingEngine
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
