"""The dashboard: quota, tools, key, settings and log, in one window with tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Signal, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from codingplan import APP_NAME
from codingplan.ui.dashboard.overview import OverviewTab
from codingplan.ui.state import AppState
from codingplan.ui.translations import error_line

RESTART_EXIT_CODE = 75  # the app's run() starts itself again on this code


class Dashboard(QMainWindow):
    run_wizard = Signal()
    test_connection = Signal()
    calibrate = Signal()
    painted = Signal()  # the first paint, for the start-up benchmark

    def __init__(self, state: AppState) -> None:
        super().__init__()
        self.state = state
        self.setWindowTitle(APP_NAME)
        self.tabs = QTabWidget()
        self.overview = OverviewTab(state)
        self.tabs.addTab(self.overview, self.tr("&Quota"))
        # The other tabs are built when first opened: the quota tab alone shows at start.
        self._pending: dict[int, Callable[[], QWidget]] = {}
        for factory, title in (
            (self._tools_tab, self.tr("T&ools")),
            (self._key_tab, self.tr("&Key")),
            (self._settings_tab, self.tr("S&ettings")),
            (self._log_tab, self.tr("&Log")),
        ):
            index = self.tabs.addTab(QWidget(), title)
            self._pending[index] = factory
        self.tabs.currentChanged.connect(self._build_tab)
        self.setCentralWidget(self.tabs)
        self.overview.test_connection.connect(self.test_connection.emit)
        self.overview.calibrate.connect(self.calibrate.emit)
        state.error.connect(self.show_error)
        for notice in state.startup_notices:
            self.show_error(notice)
        self._painted = False

    # --- tabs, built on first use

    def tab(self, index: int) -> QWidget:
        """The real widget of tab ``index``, building it if it was not opened yet."""
        self._build_tab(index)
        holder = self._holder(index)
        return holder.findChild(QWidget, "tab") or holder

    def _holder(self, index: int) -> QWidget:
        holder = self.tabs.widget(index)
        assert holder is not None  # the index of one of the tabs made in __init__
        return holder

    @Slot(int)
    def _build_tab(self, index: int) -> None:
        factory = self._pending.pop(index, None)
        if factory is None:
            return
        holder = self._holder(index)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        widget = factory()
        widget.setObjectName("tab")
        layout.addWidget(widget)

    def _tools_tab(self) -> QWidget:
        from codingplan.ui.dashboard.tools_tab import ToolsTab

        self.tools = ToolsTab(self.state)
        return self.tools

    def _key_tab(self) -> QWidget:
        from codingplan.ui.dashboard.key_tab import KeyTab

        self.key = KeyTab(self.state)
        return self.key

    def _settings_tab(self) -> QWidget:
        from codingplan.ui.dashboard.settings_tab import SettingsTab

        self.settings = SettingsTab(self.state)
        self.settings.run_wizard.connect(self.run_wizard.emit)
        self.settings.restart.connect(lambda: QApplication.exit(RESTART_EXIT_CODE))
        return self.settings

    def _log_tab(self) -> QWidget:
        from codingplan.ui.dashboard.log_tab import LogTab

        self.log = LogTab()
        return self.log

    def sizeHint(self) -> QSize:
        return QSize(980, 700)

    @Slot(object)
    def show_error(self, error: BaseException) -> None:  # state.error carries exceptions
        self.statusBar().showMessage(error_line(error), 30_000)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()
