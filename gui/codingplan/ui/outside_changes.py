"""Changes made outside the app while it runs: ``codingplan settings set`` rewrites the settings
file, ``codingplan key set`` and ``key clear`` touch the key's stamp (``paths.key_stamp_file``).

Both files live in the app's config folder, which is watched (``QFileSystemWatcher``: the
system says when an entry there is replaced; nothing is polled). A change is looked at once
things are quiet for a moment, and only a file whose size or time differs from what was
seen counts: the app's own saves are seen too, and the state drops those that change nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from codingplan import paths

QUIET_MS = 200  # a save is a write and a rename: look once both are done


def _seen(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


class OutsideChanges(QObject):
    settings_changed = Signal()
    key_changed = Signal()

    def __init__(self, settings: Path, key_stamp: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.files = {settings: self.settings_changed, key_stamp: self.key_changed}
        self.seen = {path: _seen(path) for path in self.files}
        folders = {path.parent for path in self.files}
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            paths.private_dir(folder)
        self.watcher = QFileSystemWatcher([str(f) for f in folders], self)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self.look)
        self.watcher.directoryChanged.connect(self._quiet.start)

    @Slot()
    def look(self) -> None:
        """Say which of the files changed since they were last seen."""
        for path, signal in self.files.items():
            now = _seen(path)
            if now != self.seen[path]:
                self.seen[path] = now
                signal.emit()
