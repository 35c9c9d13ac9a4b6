"""What the dock says of a manifest it was asked to close: closed (its files, for the
driver to sign), nothing to close, or closed but its files not written. Each is a
meaning for the banner (``ui.pack.verdict_banner.Meaning``): said again in a new
language. The words keep the dock page's context (``DockPage``) in the translations."""

from __future__ import annotations

import errno

from PySide6.QtCore import QCoreApplication

from app.shipping.manifests import FilesNotWritten, ManifestFiles, NothingToClose
from ui.pack.verdict_banner import Meaning
from ui.pack.verdict_look import Look
from ui.words import filled


def closed(files: ManifestFiles) -> Meaning:
    def said() -> tuple[Look, str]:
        headline = filled(
            QCoreApplication.translate("DockPage", "MANIFEST %1 CLOSED"), files.number
        )
        words = filled(
            QCoreApplication.translate(
                "DockPage",
                "Parcels on it: %1, missing: %2. Print the PDF for the driver to sign.",
            ),
            files.parcels,
            files.missing,
        )
        return Look("done", "★", "complete", headline), words

    return said


def files_where(files: ManifestFiles) -> str:
    return filled(
        QCoreApplication.translate("DockPage", "PDF: %1\nCSV: %2"), str(files.pdf), str(files.csv)
    )


def nothing_to_close(refused: NothingToClose) -> Meaning:
    def said() -> tuple[Look, str]:
        if refused.last is None:
            words = filled(
                QCoreApplication.translate(
                    "DockPage", "No parcel has been loaded onto the %1 truck yet."
                ),
                refused.carrier,
            )
        else:
            words = filled(
                QCoreApplication.translate(
                    "DockPage",
                    "Manifest %1 was closed at %2; no parcel has been loaded onto the %3 "
                    "truck since.",
                ),
                refused.last,
                refused.last_closed_at,
                refused.carrier,
            )
        headline = QCoreApplication.translate("DockPage", "NOTHING TO CLOSE")
        return Look("error", "✖", "wrong_item", headline), words

    return said


def _why_not_written(refused: FilesNotWritten) -> str:
    return {
        errno.ENOSPC: QCoreApplication.translate("DockPage", "the disk is full"),
        errno.EACCES: QCoreApplication.translate("DockPage", "this computer may not write there"),
        errno.EPERM: QCoreApplication.translate("DockPage", "this computer may not write there"),
        errno.EROFS: QCoreApplication.translate("DockPage", "the folder is read-only"),
        errno.ENOENT: QCoreApplication.translate("DockPage", "the folder does not exist"),
        errno.ENOTDIR: QCoreApplication.translate("DockPage", "the folder does not exist"),
    }.get(refused.errno or 0, QCoreApplication.translate("DockPage", "the system refused"))


def files_not_written(refused: FilesNotWritten) -> Meaning:
    def said() -> tuple[Look, str]:
        words = filled(
            QCoreApplication.translate(
                "DockPage",
                "Manifest %1 is closed, but its PDF and CSV could not be written in %2: %3. "
                "Free the folder or choose another, then write them again: packdesk "
                "manifest files %1 --out FOLDER.",
            ),
            refused.number,
            str(refused.out_dir),
            _why_not_written(refused),
        )
        headline = QCoreApplication.translate("DockPage", "MANIFEST FILES NOT WRITTEN")
        return Look("error", "⚠", "unknown", headline), words

    return said
