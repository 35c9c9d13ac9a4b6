"""Scanner-verified packing: the engine every scan source calls, and its verdicts."""

from app.packing.command_codes import COMMAND_PREFIX, Command
from app.packing.engine import PackingEngine
from app.packing.state import PackingOptions
from app.packing.verdict import Outcome, Verdict

__all__ = ["COMMAND_PREFIX", "Command", "Outcome", "PackingEngine", "PackingOptions", "Verdict"]
