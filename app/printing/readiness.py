"""Whether a printer whose status is checked can print now (asked by the spool just
before a job's bytes are sent: a round trip to the printer, up to its timeout)."""

from __future__ import annotations

from app.models import Printer
from printers.transports import Transport


def not_ready_reason(printer: Printer, transport: Transport) -> str | None:
    """For printers whose status is checked: why it cannot print now, or None."""
    from printers import status

    if not (printer.options or {}).get("check_status"):
        return None
    st = (
        status.zebra_status(transport)
        if printer.language == "zpl"
        else status.tspl_status(transport)
    )
    return None if st.ready else ", ".join(st.problems)
