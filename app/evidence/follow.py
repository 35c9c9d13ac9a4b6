"""A station's recorder driven by its committed answers: the pack page and
``packdesk scan`` both hand each verdict here, with the order then open at the
station, and this says ``start``, ``mark``, ``split``, ``photo`` or ``stop``:

- an order opened at the counter (ORDER_OPENED, an UNDO that reopens one, a station
  that starts with one open): ``start`` its clip (the one before, if any, ends);
- every answered scan while an order is recorded: ``mark`` "CODE outcome";
- a parcel closed and the next begun (PARCEL_COMPLETE, NEXT-PARCEL): ``split``
  into the new parcel's number (UNDO of a parcel: back to the one before);
- the order complete (ORDER_COMPLETE, COMPLETE): ``photo`` of the open box, then
  ``stop("complete")``;
- the order held (HOLD, short), signed out of, or lost (held or cancelled from
  elsewhere, noticed by a scan or the station's watch): ``stop`` with that reason.

Each recorder call only puts a command on its queue (microseconds); how long each
took is kept in ``call_seconds`` for the tests and benches that say so.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.evidence.front import RecorderFront
from app.packing import Outcome, Verdict

# engine words (verdict.words.key) that close the order, and the reason kept with its clip
ENDS: dict[str, str] = {
    "complete": "complete",
    "held": "held",
    "short_on_hold": "held short",
    "signed_out": "signed out",
}
# engine words whose values say the parcel now begun: (key, which value)
PARCEL_BEGUN: dict[str, int] = {
    "parcel_weighed": -1,
    "parcel_weight_accepted": -1,
    "parcel_weighed_unchecked": -1,
    "parcel_started": 0,
    "parcel_undone": 1,
    "parcel_weight_undone": 1,
}


@dataclass(frozen=True)
class OpenHere:
    """The order open (claimed) at this station after an answer, as a clip needs it."""

    number: str
    order_id: int | None
    packer: str


class OrderRecording:
    """Follows one station's answers with its ``recorder``; see the module's words.
    Called from one thread (the one that hears the answers)."""

    def __init__(self, recorder: RecorderFront, station: str) -> None:
        self.recorder = recorder
        self.station = station
        self.order: str | None = None  # the order being recorded, as this side has it
        self.call_seconds: list[float] = []

    def answered(self, verdict: Verdict, open_here: OpenHere | None) -> None:
        """One committed answer, and the order open here after it (None: none)."""
        self._begin_if_opened(open_here)
        if self.order is None:
            return
        self._call(self.recorder.mark, f"{verdict.input} {verdict.outcome.value}")
        parcel = parcel_begun(verdict)
        if parcel is not None:
            self._call(self.recorder.split, parcel)
        if open_here is None:
            if completes(verdict):
                self._call(self.recorder.photo)
            self._call(self.recorder.stop, reason(verdict))
            self.order = None

    def follow(self, open_here: OpenHere | None) -> None:
        """The station read again (at start, or by a watch): an order open here is
        recorded; one no longer open here (held or cancelled elsewhere) is stopped."""
        self._begin_if_opened(open_here)
        if self.order is not None and open_here is None:
            self._call(self.recorder.stop, "lost")
            self.order = None

    def _begin_if_opened(self, open_here: OpenHere | None) -> None:
        if open_here is not None and open_here.number != self.order:
            self._call(
                self.recorder.start,
                open_here.number,
                self.station,
                open_here.packer,
                order_id=open_here.order_id,
            )
            self.order = open_here.number

    def _call(self, method: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        began = time.perf_counter()
        method(*args, **kwargs)
        self.call_seconds.append(time.perf_counter() - began)


def completes(verdict: Verdict) -> bool:
    return verdict.outcome is Outcome.ORDER_COMPLETE or (
        verdict.words is not None and verdict.words.key == "complete"
    )


def reason(verdict: Verdict) -> str:
    """Why the clip of the order this answer closed ends."""
    if verdict.outcome is Outcome.ORDER_COMPLETE:
        return "complete"
    if verdict.words is not None and verdict.words.key in ENDS:
        return ENDS[verdict.words.key]
    if verdict.outcome is Outcome.ORDER_OPENED:
        return "switched"
    return "lost"


def parcel_begun(verdict: Verdict) -> int | None:
    words = verdict.words
    if words is None or words.key not in PARCEL_BEGUN:
        return None
    try:
        return int(words.values[PARCEL_BEGUN[words.key]])
    except (IndexError, ValueError):
        return None


__all__ = ["OpenHere", "OrderRecording"]
