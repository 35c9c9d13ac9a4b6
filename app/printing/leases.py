"""Printers' leases: one program at a time sends to a printer.

One printer, one sender. Every program on the database may run a worker for the
same printer (two windows at two counters, a window and ``packdesk scan``); only the
one holding the printer's lease sends. The lease is two columns of the printer: who
holds it and until when, in the database server's time (a counter's own clock may be
off). A worker takes it with one conditional UPDATE (free, run out, or its own
program's), so two programs cannot both get it on SQLite or PostgreSQL. The service
renews its leases every quarter of ``lease`` seconds from a thread of its own, so a
long send (a slow serial line, a printer's connect timeout) keeps it; a worker lets
go when it stops. A worker without the lease waits and looks again every few
seconds: it takes over when the holder lets go, or once the holder has not renewed
for ``lease`` seconds (it crashed, was killed, or lost the database). A program
restarted after a crash waits until its old lease runs out, unless it leases under
the same name as before (the window's print process does, see ``print_process``).

Interrupted jobs. A job still "sending" when a worker takes the lease was being sent
by a program that stopped mid-send (another counter's, or this counter's own before
a crash). Its bytes may have reached the printer in full, in part or not at all, and
nothing says which. Sending it again unasked could print a second waybill for one
parcel (a label a carrier may scan and bill twice); dropping it could lose a label
nobody misses until the van has gone. So it is neither: it becomes "interrupted",
with that reason, and stays in the print queue for a person who can look at the
printer; "Try again" sends the same bytes once more, "Reprint" adds a copy, "Cancel"
clears it once someone saw it printed. It holds nobody up: the jobs behind it print
meanwhile.

The preview printer is no device: each program writes its previews into its own
folder on its own computer, so it has no lease (all programs' workers take its jobs,
each claimed by one), and a preview cut off mid-write is simply written again.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import timedelta

from sqlalchemy import Engine, or_, update
from sqlalchemy.orm import Session

from app.db import unit_of_work
from app.dbclock import db_now
from app.models import Printer

LEASE = 20.0  # seconds a printer's lease lasts unless renewed (renewed every LEASE / 4)
INTERRUPTED = (
    "The program stopped while this was being sent; it may have printed. "
    "Check the printer and try it again if it did not."
)


def holder_name() -> str:
    """Who holds a lease, for people and for uniqueness: this computer, this program,
    and a random part (two services in one program are two holders)."""
    return f"{socket.gethostname()[:60]} pid {os.getpid()} {uuid.uuid4().hex[:12]}"


def take_lease(s: Session, printer_id: int, holder: str, lease: float) -> bool:
    """Take or renew the printer's lease for ``lease`` seconds: True if ``holder``
    has it now. One conditional UPDATE: of two programs that try at once, one wins."""
    now = db_now(s)
    taken = s.execute(
        update(Printer)
        .where(
            Printer.id == printer_id,
            or_(
                Printer.lease_holder.is_(None),
                Printer.lease_holder == holder,
                Printer.lease_expires_at.is_(None),
                Printer.lease_expires_at < now,
            ),
        )
        .values(lease_holder=holder, lease_expires_at=now + timedelta(seconds=lease))
    )
    return bool(taken.rowcount == 1)  # type: ignore[attr-defined]


def renew_lease(s: Session, printer_id: int, holder: str, lease: float) -> bool:
    """Push the lease ``holder`` holds ``lease`` seconds on; False if it is no longer
    theirs (it ran out and another program took it)."""
    renewed = s.execute(
        update(Printer)
        .where(Printer.id == printer_id, Printer.lease_holder == holder)
        .values(lease_expires_at=db_now(s) + timedelta(seconds=lease))
    )
    return bool(renewed.rowcount == 1)  # type: ignore[attr-defined]


def release_lease(engine: Engine, printer_id: int, holder: str) -> None:
    with unit_of_work(engine) as s:
        s.execute(
            update(Printer)
            .where(Printer.id == printer_id, Printer.lease_holder == holder)
            .values(lease_holder=None, lease_expires_at=None)
        )
