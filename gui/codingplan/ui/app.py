"""Starts the desktop app: one instance, logging and crash handling, the language, then the
tray (or, without a tray, the dashboard as a normal window) and, on first run, the wizard."""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QApplication

from codingplan import APP_ID, APP_NAME, __version__
from codingplan.ui import display, logs, screen, style, translations
from codingplan.ui.collector import GuiThreadCollector
from codingplan.ui.crash import CrashHandler
from codingplan.ui.dashboard.window import RESTART_EXIT_CODE
from codingplan.ui.resources import app_icon
from codingplan.ui.single_instance import SingleInstance
from codingplan.ui.state import AppState
from codingplan.ui.tray import Tray

if TYPE_CHECKING:  # the windows' modules load when first shown
    from codingplan.ui.dashboard.window import Dashboard
    from codingplan.ui.wizard.wizard import SetupWizard

log = logging.getLogger(__name__)


class DesktopApp(QObject):
    """Owns the windows: creates each once, raises it when asked again."""

    def __init__(self, app: QApplication, state: AppState, tray_only: bool) -> None:
        super().__init__(app)
        self.app, self.state = app, state
        self.dashboard: Dashboard | None = None
        self.wizard: SetupWizard | None = None
        self.dialogs: dict[str, object] = {}
        self.tray: Tray | None = None
        if Tray.available():
            self.tray = Tray(state, self)
            self.tray.open_dashboard.connect(self.show_dashboard)
            self.tray.open_tools.connect(self.show_tools)
            self.tray.run_wizard.connect(self.show_wizard)
            self.tray.test_connection.connect(self.show_connection_test)
            self.tray.calibrate.connect(self.show_calibration)
            self.tray.quit_requested.connect(self.quit)
            self.tray.show()
            log.info("tray icon shown")
            app.setQuitOnLastWindowClosed(False)  # closing the window leaves the tray running
        else:
            log.info("no system tray: running as a normal window")
            app.setQuitOnLastWindowClosed(True)
        app.installEventFilter(self)  # to see a quit coming, whoever asks for it
        if not state.settings.setup_complete:
            self.show_wizard()
        elif not tray_only or self.tray is None:
            self.show_dashboard()

    # --- windows -----------------------------------------------------------------------

    @Slot()
    def show_dashboard(self) -> None:
        log.info("showing the dashboard")
        if self.dashboard is None:
            from codingplan.ui.dashboard.window import Dashboard

            self.dashboard = Dashboard(self.state)
            report = os.environ.get("CODINGPLAN_FIRST_PAINT_FILE")
            if report:  # the start-up benchmark: when did the window first show?
                self.dashboard.painted.connect(lambda: _report_first_paint(report))
            self.dashboard.run_wizard.connect(self.show_wizard)
            self.dashboard.test_connection.connect(self.show_connection_test)
            self.dashboard.calibrate.connect(self.show_calibration)
        present(self.dashboard)

    @Slot()
    def show_tools(self) -> None:
        self.show_dashboard()
        assert self.dashboard is not None  # just shown
        self.dashboard.show_tools()

    @Slot()
    def show_wizard(self) -> None:
        if self.wizard is None:
            from codingplan.ui.wizard.wizard import SetupWizard

            self.wizard = SetupWizard(self.state)
            self.wizard.finished.connect(self._wizard_finished)
        present(self.wizard)

    @Slot(int)
    def _wizard_finished(self, result: int) -> None:
        assert self.wizard is not None  # the signal comes from the wizard we hold
        self.wizard.deleteLater()
        self.wizard = None
        if self.state.settings.setup_complete:
            self.state.refresh_tools()
            self.state.refresh_key()
            self.state.recompute()
            self.show_dashboard()
            assert self.dashboard is not None  # just shown
            self.dashboard.show_quota()
        elif self.tray is None and self.dashboard is None:
            self.quit()  # nothing else to show: closing the wizard closes the app

    @Slot()
    def show_connection_test(self) -> None:
        from codingplan.ui.widgets.connection import ConnectionTestDialog

        self._dialog("connection", lambda: ConnectionTestDialog(self.state))

    @Slot()
    def show_calibration(self) -> None:
        from codingplan.ui.dashboard.calibrate import CalibrateDialog

        self._dialog("calibrate", lambda: CalibrateDialog(self.state))

    def _dialog(self, name: str, make) -> None:
        dialog = self.dialogs.get(name)
        if dialog is None:
            dialog = make()
            self.dialogs[name] = dialog
            dialog.finished.connect(lambda _r, n=name: self.dialogs.pop(n, None))
        present(dialog)

    @Slot(str)
    def on_message(self, text: str) -> None:
        """From a second launch."""
        log.info("asked by another launch to %s", text)
        if text == "show":
            self.show_wizard() if not self.state.settings.setup_complete else self.show_dashboard()

    @Slot()
    def quit(self) -> None:
        self.app.quit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Qt lets a window refuse a quit, and the wizard would, to ask "Leave the setup?".
        # A quit is asked for by a person already (the tray's Quit, the Dock's, a logout).
        if watched is self.app and event.type() == QEvent.Type.Quit and self.wizard is not None:
            self.wizard.close_for_quit()
        return False


def _report_first_paint(path: str) -> None:
    import time

    with open(path, "w", encoding="utf-8") as out:
        out.write(f"{time.time():.6f}\n")


def present(window) -> None:
    """Show ``window`` in front, whole on its screen (a dialog sized for a larger screen
    takes what this one has)."""
    if not window.isVisible():
        window.ensurePolished()
        screen.keep_on_screen(window)
    window.show()
    window.setWindowState(window.windowState() & ~window.windowState().WindowMinimized)
    window.raise_()
    window.activateWindow()


def run(
    argv: list[str] | None = None,
    tray_only: bool = False,
    origin: str | None = None,
    allow_insecure_origin: bool = False,
) -> int:
    if QApplication.instance() is None:
        reason = display.problem()  # else Qt would abort the process, blaming a library
        if reason:
            print(f"codingplan: {reason}", file=sys.stderr)
            return 1
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)  # never a bare QCoreApplication in this app
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("codingplan")
    app.setWindowIcon(app_icon())

    instance = SingleInstance()
    if not instance.acquire():
        if instance.send("show"):
            return 0
        log.warning("another instance holds the lock but does not answer")
        return 1
    logs.setup()
    crash = CrashHandler(app)
    crash.install()
    collector = GuiThreadCollector(app)
    collector.start()
    state = AppState(origin=origin, allow_insecure_origin=allow_insecure_origin)
    translations.install(app, state.settings.language)
    style.apply(app)
    desktop = DesktopApp(app, state, tray_only)
    instance.message.connect(desktop.on_message)
    QTimer.singleShot(0, state.start)  # after the first paint
    # For smoke tests of installed builds: start, show, then quit cleanly.
    quit_after = os.environ.get("CODINGPLAN_QUIT_AFTER_MS")
    if quit_after:
        QTimer.singleShot(int(quit_after), app.quit)
    log.info("%s %s started", APP_NAME, __version__)
    try:
        code = app.exec()
    finally:
        if desktop.tray is not None:
            desktop.tray.close()
        state.shutdown()
        collector.stop()
        instance.release()
    if code == RESTART_EXIT_CODE:  # asked for by a change of language
        _restart()
    return code


def _restart() -> None:
    """Replace this process with a new one of the same app (the lock is already released)."""
    log.info("restarting")
    logging.shutdown()
    if getattr(sys, "frozen", False):
        os.execv(sys.executable, [sys.executable, *sys.argv[1:]])
    os.execv(sys.executable, [sys.executable, "-m", "codingplan", *sys.argv[1:]])
