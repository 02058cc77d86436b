"""The dashboard: quota, tools, key, and settings (with the log), in one window with tabs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from codingplan import APP_NAME
from codingplan.ui import screen
from codingplan.ui.dashboard.overview import OverviewTab
from codingplan.ui.state import AppState
from codingplan.ui.translations import error_line
from codingplan.ui.widgets.header import HeaderMark
from codingplan.ui.widgets.scroll import scrolled

if TYPE_CHECKING:  # built when first opened
    from codingplan.ui.dashboard.log_tab import LogTab

RESTART_EXIT_CODE = 75  # the app's run() starts itself again on this code
# Three cards side by side and the charts below, in both languages; on a smaller screen the
# window takes what the screen has, and each tab scrolls.
PREFERRED_SIZE = QSize(980, 700)
MINIMUM_SIZE = QSize(640, 480)
TOOLS_INDEX = 1
SETTINGS_INDEX = 3


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
        self.tabs.setCornerWidget(HeaderMark(18), Qt.Corner.TopRightCorner)
        self.overview = OverviewTab(state)
        self.overview.setObjectName("tab")  # what tab() gives for this tab
        self.quota_index = self.tabs.addTab(scrolled(self.overview), self.tr("&Quota"))
        # The other tabs are built when first opened: the quota tab alone shows at start.
        self._pending: dict[int, Callable[[], QWidget]] = {}
        for factory, title in (
            (self._tools_tab, self.tr("T&ools")),
            (self._key_tab, self.tr("&Key")),
            (self._settings_tab, self.tr("S&ettings")),
        ):
            index = self.tabs.addTab(QWidget(), title)
            self._pending[index] = factory
        self.tabs.currentChanged.connect(self._build_tab)
        self.setCentralWidget(self.tabs)
        self.overview.test_connection.connect(self.test_connection.emit)
        self.overview.calibrate.connect(self.calibrate.emit)
        self.overview.run_wizard.connect(self.run_wizard.emit)
        screen.fit_window(self, PREFERRED_SIZE, MINIMUM_SIZE)
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
        if widget.findChild(QWidget, "tab") is None:
            widget.setObjectName("tab")
        layout.addWidget(scrolled(widget))  # a tab taller than a small screen scrolls

    def _tools_tab(self) -> QWidget:
        from codingplan.ui.dashboard.tools_tab import ToolsTab

        self.tools = ToolsTab(self.state)
        return self.tools

    def _key_tab(self) -> QWidget:
        from codingplan.ui.dashboard.key_tab import KeyTab

        self.key = KeyTab(self.state)
        return self.key

    def _settings_tab(self) -> QWidget:
        """Preferences, and the log under them (built when first opened)."""
        from codingplan.ui.dashboard.settings_tab import SettingsTab

        self.settings = SettingsTab(self.state)
        self.settings.run_wizard.connect(self.run_wizard.emit)
        self.settings.restart.connect(lambda: QApplication.exit(RESTART_EXIT_CODE))
        self.settings.setObjectName("tab")  # what tab() gives for this tab
        self.settings_pages = QTabWidget()
        self.settings_pages.setDocumentMode(True)
        self.settings_pages.addTab(self.settings, self.tr("Pre&ferences"))
        self._log_holder = QWidget()
        QVBoxLayout(self._log_holder).setContentsMargins(0, 0, 0, 0)
        self.settings_pages.addTab(self._log_holder, self.tr("Lo&g"))
        self.settings_pages.currentChanged.connect(self._build_log)
        return self.settings_pages

    @Slot(int)
    def _build_log(self, index: int) -> None:
        if index != 1 or hasattr(self, "log"):
            return
        from codingplan.ui.dashboard.log_tab import LogTab

        self.log = LogTab()
        layout = self._log_holder.layout()
        assert layout is not None  # made with the holder
        layout.addWidget(self.log)

    def show_log(self) -> LogTab:
        """Open Settings → Log (for the tests and anyone who asks for the log)."""
        self.tabs.setCurrentIndex(SETTINGS_INDEX)
        self._build_tab(SETTINGS_INDEX)
        self.settings_pages.setCurrentIndex(1)
        return self.log

    def show_quota(self) -> None:
        self.tabs.setCurrentIndex(self.quota_index)

    def show_tools(self) -> None:
        self.tabs.setCurrentIndex(TOOLS_INDEX)

    def sizeHint(self) -> QSize:
        return PREFERRED_SIZE.boundedTo(screen.room(self))

    @Slot(object)
    def show_error(self, error: BaseException) -> None:  # state.error carries exceptions
        self.statusBar().showMessage(error_line(error), 30_000)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()
