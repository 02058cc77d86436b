"""Opening links and folders in the person's own apps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_url(url: QUrl) -> bool:
    """Open ``url`` with the desktop's handler (tests replace this function)."""
    return QDesktopServices.openUrl(url)


def open_folder(path: Path) -> bool:
    """Open the nearest existing folder at or above ``path`` in the file manager."""
    folder = path
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return open_url(QUrl.fromLocalFile(str(folder)))
