"""The files that hold customers' addresses and everyone's badges (the database, its
backups) are the user's alone: folders made 0700 and files 0600 on POSIX systems,
whatever the umask. (Windows keeps a user's application data private already.)"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

POSIX = os.name == "posix"


def private_folder(path: Path) -> Path:
    """``path`` and its missing parents made; the folder itself 0700 when it is made."""
    if not path.exists():
        path.mkdir(parents=True, exist_ok=True)
        if POSIX:
            path.chmod(0o700)
    return path


def private_file(path: Path) -> Path:
    """``path`` made empty and 0600 if it does not exist yet (SQLite then gives its
    journal and WAL files the same permissions); an existing file is left as it is."""
    private_folder(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path
