"""One instance per person: a second launch asks the first to show itself, then exits.

A QLockFile decides who runs (a lock whose process died is stale and taken over); a
QLocalServer carries the "show" message (Qt's own advice: the lock alone cannot talk,
the server alone is not reliable on Windows).
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import sys

from PySide6.QtCore import QLockFile, QObject, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from codingplan import paths

log = logging.getLogger(__name__)


def _name() -> str:
    # Per person and per data folder: two people, or two test HOMEs, never meet.
    digest = hashlib.sha256(f"{getpass.getuser()}:{paths.data_dir()}".encode()).hexdigest()[:16]
    return f"codingplan-{digest}"


class SingleInstance(QObject):
    message = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = _name()
        paths.data_dir().mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(paths.data_dir() / "instance.lock"))
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this process is the one that runs."""
        if not self._lock.tryLock(100):
            return False
        _hold_installer_mutex()
        QLocalServer.removeServer(self.name)  # a socket left by a crash
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(self.name):
            log.warning("single-instance server: %s", self._server.errorString())
        self._server.newConnection.connect(self._accept)
        return True

    def send(self, text: str, timeout_ms: int = 2000) -> bool:
        """Tell the running instance ``text`` (e.g. "show"); False if none answered."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(text.encode() + b"\n")
        ok = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return ok

    @Slot()
    def _accept(self) -> None:
        while self._server and self._server.hasPendingConnections():
            conn = self._server.nextPendingConnection()
            conn.readyRead.connect(lambda c=conn: self._read(c))
            conn.disconnected.connect(conn.deleteLater)

    def _read(self, conn: QLocalSocket) -> None:
        while conn.canReadLine():
            text = bytes(conn.readLine().data()).decode(errors="replace").strip()
            if text:
                self.message.emit(text)

    def release(self) -> None:
        if self._server:
            self._server.close()
        self._lock.unlock()


_mutex: int | None = None  # a Windows HANDLE


def _hold_installer_mutex() -> None:
    """On Windows, a named mutex the installer looks for (Inno Setup's AppMutex), so that an
    upgrade or uninstall asks to close the running app first. Held until the process ends."""
    global _mutex
    # A block under the platform check, so type checkers on other systems skip it quietly.
    if sys.platform == "win32" and _mutex is None:
        import ctypes

        _mutex = ctypes.windll.kernel32.CreateMutexW(None, False, "CodingPlanConfigurator")
