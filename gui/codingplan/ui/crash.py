"""Uncaught errors: logged with the key masked, then shown in a dialog that does not block."""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from codingplan import paths
from codingplan.redact import redact

log = logging.getLogger(__name__)


class CrashHandler(QObject):
    # Errors can happen on any thread; the dialog is shown from the GUI thread.
    _show = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Tests and smoke runs log only: a dialog there would wait for a click forever.
        self.dialogs = os.environ.get("CODINGPLAN_NO_ERROR_DIALOGS") != "1"
        self._show.connect(self._dialog)
        self._open: list[QMessageBox] = []

    def install(self) -> None:
        sys.excepthook = self._hook
        threading.excepthook = lambda args: self._hook(
            args.exc_type, args.exc_value, args.exc_traceback
        )

    def _hook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        if self.dialogs:
            self._show.emit(redact("".join(traceback.format_exception(exc_type, exc, tb))))

    @Slot(str)
    def _dialog(self, details: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Something went wrong"), "")
        box.setText(
            self.tr(
                "Coding Plan Configurator hit an unexpected error. Your settings and tool "
                "files were not changed by it. The details are in the log:\n{path}"
            ).format(path=str(paths.log_dir() / "codingplan.log"))
        )
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.finished.connect(
            lambda _result, b=box: self._open.remove(b) if b in self._open else None
        )
        self._open.append(box)
        box.setModal(False)  # the rest of the app keeps working while it is open
        box.show()
