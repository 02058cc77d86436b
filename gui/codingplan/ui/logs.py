"""Logging for the desktop app: a rotating file in the user log dir, an in-memory tail for the
log view, and Qt's own messages routed into Python logging. The key is masked everywhere."""

from __future__ import annotations

import collections
import logging
import logging.handlers
import threading
from collections.abc import Callable

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from codingplan import paths
from codingplan.redact import install_log_masking

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_qt_log = logging.getLogger("qt")
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class LogTail(logging.Handler):
    """The last lines logged, for the dashboard's log view; listeners hear each new line."""

    def __init__(self, capacity: int = 2000) -> None:
        super().__init__(logging.INFO)
        self.lines: collections.deque[str] = collections.deque(maxlen=capacity)
        self._listeners: list[Callable[[str], None]] = []
        self._lock_listeners = threading.Lock()
        self.setFormatter(logging.Formatter(FORMAT, "%H:%M:%S"))

    def emit(self, record: logging.LogRecord) -> None:
        line = self.format(record)
        self.lines.append(line)
        with self._lock_listeners:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(line)

    def listen(self, listener: Callable[[str], None]) -> None:
        with self._lock_listeners:
            self._listeners.append(listener)

    def unlisten(self, listener: Callable[[str], None]) -> None:
        with self._lock_listeners:
            if listener in self._listeners:
                self._listeners.remove(listener)


tail = LogTail()


def _qt_message(mode: QtMsgType, context, message: str) -> None:
    _qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s", message)


def setup(to_file: bool = True) -> None:
    """Mask keys in every record, then log to the rotating file and the in-app tail."""
    install_log_masking()
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    if tail not in root.handlers:
        root.addHandler(tail)
    if to_file and not any(
        isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers
    ):
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / "codingplan.log",
            maxBytes=1_000_000,
            backupCount=3,
            encoding="utf-8",
            delay=True,
        )
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    qInstallMessageHandler(_qt_message)
