"""Loaded at interpreter start by ``make test-next-year`` (through PYTHONPATH) in every
Python process of that run, the test processes and the commands they start.

That run shifts the calendar a year ahead with libfaketime, leaving the monotonic
clock real (so that timed waits keep their length). libfaketime then mishandles
``clock_nanosleep`` on the monotonic clock with an absolute deadline, which Python's
``time.sleep`` uses since 3.11: every sleep fails with EINVAL. Sleep with ``select``
instead, whose timeout is relative. Nothing else is changed.
"""

import os
import select
import time

if os.environ.get("FAKETIME"):
    _sleep = time.sleep

    def _sleep_by_select(seconds: float) -> None:
        if seconds < 0:
            _sleep(seconds)  # the same ValueError as ever
        select.select([], [], [], seconds)

    time.sleep = _sleep_by_select
