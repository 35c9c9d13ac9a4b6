"""Jobs as files: ``file:///folder`` (one file per job, for a print server that picks
them up, or for the record) and the preview folder, the default on a fresh install so
printing works with no hardware. A file appears whole or not at all."""

from __future__ import annotations

import errno
import itertools
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from printers.errors import TransportError
from printers.transports.base import Complete, cannot_query

_counter = itertools.count(1)


def extension(data: bytes) -> str:
    """A file name extension from the job's first bytes."""
    head = data[:64].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith((b"^XA", b"~", b"^")) or b"^XA" in head:
        return "zpl"
    if head.startswith((b"SIZE", b"GAP", b"CLS")):
        return "tspl"
    return "prn"


@dataclass
class FolderTransport:
    path: Path
    scheme: str = "file"

    @property
    def uri(self) -> str:
        return f"{self.scheme}://{self.path}" if self.scheme == "file" else "preview"

    def send(self, data: bytes, *, title: str = "packdesk job") -> None:
        if self.path.exists() and not self.path.is_dir():
            self._write(self.path, data)  # a device or a single file
            return
        try:  # labels hold customers' addresses: a folder made here is its owner's alone,
            # and each file is (mkstemp makes it 0600)
            self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise TransportError(f"Cannot create the folder {self.path}: {exc.strerror}.") from exc
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in title)[:60]
        name = f"{stamp}-{os.getpid()}-{next(_counter):05d}-{safe}.{extension(data)}"
        fd, temp = tempfile.mkstemp(dir=self.path, prefix=".partial-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, self.path / name)
        except OSError as exc:
            Path(temp).unlink(missing_ok=True)
            raise _problem(self.path, exc) from exc

    def _write(self, target: Path, data: bytes) -> None:
        try:
            with open(target, "wb") as f:
                f.write(data)
                f.flush()
        except OSError as exc:
            raise _problem(target, exc) from exc

    def query(self, request: bytes, complete: Complete, timeout: float) -> bytes:
        return cannot_query(self.uri)


def _problem(where: Path, exc: OSError) -> TransportError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return TransportError(f"The disk holding {where} is full: free some space and reprint.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return TransportError(f"No permission to write into {where}.")
    return TransportError(f"Writing the job into {where} failed: {exc.strerror or exc}.")
