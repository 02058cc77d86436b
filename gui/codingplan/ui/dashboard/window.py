"""The dashboard: quota, tools, key, settings and log, in one window with tabs."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget

from codingplan import APP_NAME
from codingplan.ui.dashboard.key_tab import KeyTab
from codingplan.ui.dashboard.log_tab import LogTab
from codingplan.ui.dashboard.overview import OverviewTab
from codingplan.ui.dashboard.settings_tab import SettingsTab
from codingplan.ui.dashboard.tools_tab import ToolsTab
from codingplan.ui.model import AppModel
from codingplan.ui.translations import error_line

RESTART_EXIT_CODE = 75  # the app's run() starts itself again on this code


class Dashboard(QMainWindow):
    run_wizard = Signal()
    test_connection = Signal()
    calibrate = Signal()
    painted = Signal()  # the first paint, for the start-up benchmark

    def __init__(self, model: AppModel) -> None:
        super().__init__()
        self.model = model
        self.setWindowTitle(APP_NAME)
        self.tabs = QTabWidget()
        self.overview = OverviewTab(model)
        self.tools = ToolsTab(model)
        self.key = KeyTab(model)
        self.settings = SettingsTab(model)
        self.log = LogTab()
        self.tabs.addTab(self.overview, self.tr("&Quota"))
        self.tabs.addTab(self.tools, self.tr("T&ools"))
        self.tabs.addTab(self.key, self.tr("&Key"))
        self.tabs.addTab(self.settings, self.tr("S&ettings"))
        self.tabs.addTab(self.log, self.tr("&Log"))
        self.setCentralWidget(self.tabs)
        self.overview.test_connection.connect(self.test_connection.emit)
        self.overview.calibrate.connect(self.calibrate.emit)
        self.settings.run_wizard.connect(self.run_wizard.emit)
        self.settings.restart.connect(lambda: QApplication.exit(RESTART_EXIT_CODE))
        model.error.connect(self.show_error)
        for notice in model.startup_notices:
            self.show_error(notice)
        self._painted = False

    def sizeHint(self) -> QSize:
        return QSize(980, 700)

    @Slot(object)
    def show_error(self, error: object) -> None:
        self.statusBar().showMessage(error_line(error), 30_000)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing hides the window; with a tray the app keeps running there.
        event.accept()
