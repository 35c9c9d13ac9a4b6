"""An order open for a long time (12 minutes of its own, 10,800 pictures, recorded in
about 25 s: see ``long_order``): the clip decodes with every picture the recorder wrote,
lasts as long as the order was open, keeps its marks, and the memory stays flat. The
three hours the issue names are in the benchmark ``bench_long_order``."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.evidence.clip_file import OK
from tests.app.evidence.long_order import CLIP_RATE, MARK_EVERY_S, record_long_order

ORDER_S = 720.0
SPEED = 30.0  # 450 pictures a wall second
GROWTH_LIMIT_MB = 8.0  # after the first tenth (the encoder's buffers made)


def test_an_order_open_for_a_long_time_is_one_whole_clip_in_flat_memory(tmp_path: Path) -> None:
    order = record_long_order(tmp_path, ORDER_S, SPEED)
    clip = order.sealed
    assert clip.status == OK and clip.camera_problem is None, clip.camera_problem
    assert [e.kind for e in order.events] == ["recording", "clip_sealed"]
    count, length, gap = order.decoded()
    assert count == clip.frames
    # as long as the order was open (and its 1 s tail), to a picture or two
    assert length == pytest.approx(clip.duration_s, abs=1 / CLIP_RATE)
    assert clip.duration_s == pytest.approx(ORDER_S + 1.0, abs=2.0)
    # no hole longer than a busy machine's pause (half a wall second is 15 s of the
    # order's): when the writer falls behind 450 pictures a second (a camera gives 15)
    # it drops the oldest waiting, a picture here and there
    assert gap < 0.5 * SPEED, (gap, order.dropped)
    assert clip.frames >= 0.5 * clip.duration_s * CLIP_RATE, (clip.frames, order.dropped)
    assert [m.text for m in clip.marks] == [f"SKU-{n}" for n in range(int(ORDER_S / MARK_EVERY_S))]
    memory = [mb for _, mb in order.rss_mb]
    assert max(memory[1:]) - memory[1] < GROWTH_LIMIT_MB, order.rss_mb
