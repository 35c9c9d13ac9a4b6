"""What the print commands share: the resolutions a thermal printer prints at, and the
report of where each job went."""

from __future__ import annotations

from typing import Any

from app.errors import PackdeskError

DPIS = (152, 203, 300, 600)  # what thermal printers print at


def report_jobs(engine: Any, service: Any, job_ids: list[int], timeout: float = 30.0) -> int:
    """Wait for the jobs, then say where each went; non-zero if one did not print."""
    from app.printing import jobs

    service.wait_until_idle(timeout)
    rows = {r.id: r for r in jobs.list_jobs(engine, limit=1000)}
    failed = 0
    for job_id in job_ids:
        r = rows[job_id]
        if r.status.value == "done":
            print(f"job {r.id}: {r.document} printed on {r.printer}")
        else:
            failed += 1
            print(f"job {r.id}: {r.document} {r.status.value} on {r.printer}: {r.last_error}")
    if failed:
        raise PackdeskError(
            f"{failed} job(s) did not print; they stay in the queue (packdesk printers jobs)."
        )
    return 0
