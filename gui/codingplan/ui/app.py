"""Starts the desktop app."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from codingplan import APP_NAME, __version__


def run(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    window = QWidget()
    window.setWindowTitle(APP_NAME)
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel(f"{APP_NAME} {__version__}"))
    window.show()
    # For smoke tests of installed builds: start, show, then quit cleanly.
    quit_after = os.environ.get("CODINGPLAN_QUIT_AFTER_MS")
    if quit_after:
        QTimer.singleShot(int(quit_after), app.quit)
    return app.exec()
