"""The key on the clipboard for a short while only.

Copying the key is the one way a guided tool gets it. The clipboard is cleared after
``CLIPBOARD_CLEAR_SECONDS``, or when the app quits, but only if it still holds the key:
anything the person copied since is left alone. Only a digest of the key is kept.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

# How long a copied key stays on the clipboard.
CLIPBOARD_CLEAR_SECONDS = 45

# Clipboard managers that honour this hint (KDE's Klipper, and others) keep no history of it.
_PASSWORD_HINT = "x-kde-passwordManagerHint"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SecretClipboard(QObject):
    copied = Signal()
    cleared = Signal()

    def __init__(
        self, parent: QObject | None = None, clear_after_s: float = CLIPBOARD_CLEAR_SECONDS
    ) -> None:
        super().__init__(parent)
        self.clear_after_ms = int(clear_after_s * 1000)
        self._digest: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.clear)

    @property
    def holding(self) -> bool:
        """Whether a secret put there by this object may still be on the clipboard."""
        return self._digest is not None

    def copy(self, secret: str) -> None:
        mime = QMimeData()
        mime.setText(secret)
        mime.setData(_PASSWORD_HINT, b"secret")
        QGuiApplication.clipboard().setMimeData(mime)
        self._digest = _digest(secret)
        self._timer.start(self.clear_after_ms)
        self.copied.emit()

    @Slot()
    def clear(self) -> None:
        if self._digest is None:
            return
        clipboard = QGuiApplication.clipboard()
        if _digest(clipboard.text()) == self._digest:
            clipboard.clear()
        self._digest = None
        self._timer.stop()
        self.cleared.emit()


_shared: SecretClipboard | None = None


def shared_clipboard() -> SecretClipboard:
    """One for the whole app, owned by the application: it outlives the window that copied."""
    global _shared
    if _shared is None:
        _shared = SecretClipboard(QCoreApplication.instance())
    return _shared
