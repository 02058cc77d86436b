"""The tray icon: a glance at the tightest window, a menu rebuilt each time it opens, and
notifications when a window crosses a threshold."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from codingplan import APP_NAME
from codingplan.alerts import Alert
from codingplan.ui import icons, texts
from codingplan.ui.state import AppState
from codingplan.ui.translations import core, core_fill

if TYPE_CHECKING:  # the tracker's modules load after the first paint
    from codingplan.usage.snapshot import Snapshot


def dark_panel() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class Tray(QObject):
    """Owns the QSystemTrayIcon and its menu (the icon does not own the menu)."""

    open_dashboard = Signal()
    test_connection = Signal()
    calibrate = Signal()
    quit_requested = Signal()

    def __init__(self, state: AppState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.icon = QSystemTrayIcon(self)
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        # What the icon last showed: percent left, level, dark panel, mask (see update_icon).
        self._key: tuple[int | None, icons.Level, bool, bool] | None = None
        self.rebuild_menu()
        self.update_icon()
        state.snapshot_changed.connect(self.update_icon)
        state.settings_changed.connect(self.update_icon)
        state.alerts.connect(self.notify)
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            lambda _scheme: self.update_icon(force=True)
        )

    @Slot()
    def _scheme_changed(self) -> None:
        self.update_icon(force=True)

    def close(self) -> None:
        """Take the icon down before the menu goes: the icon keeps a pointer to the menu but
        does not own it, so the other order leaves it pointing at freed memory."""
        self.icon.hide()
        self.icon.setContextMenu(None)  # type: ignore[arg-type]  # Qt takes nullptr; stubs miss it
        self.menu.deleteLater()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()
        self.icon.setToolTip(self.tooltip())  # some platforms drop a tooltip set before show()

    # --- the glance --------------------------------------------------------------------

    def glance(self) -> tuple[float | None, icons.Level]:
        snapshot = self.state.snapshot
        if snapshot is None:
            return None, icons.Level.UNKNOWN
        tight = snapshot.tightest
        if tight.limit is None or tight.remaining is None:  # no plan chosen yet
            return None, icons.Level.UNKNOWN
        share = tight.remaining / max(1, tight.limit)
        return share, icons.level_for(tight.used, tight.limit, self.state.settings.notify_at)

    @Slot()
    def update_icon(self, *_args, force: bool = False) -> None:
        share, level = self.glance()
        mask = sys.platform == "darwin"
        # Redraw only when what the icon shows changes: per percent, level and panel.
        key = (None if share is None else round(share * 100), level, dark_panel(), mask)
        if key != self._key or force:
            self._key = key
            self.icon.setIcon(icons.tray_icon(share, level, dark_panel(), mask))
        self.icon.setToolTip(self.tooltip())

    def tooltip(self) -> str:
        snapshot = self.state.snapshot
        if snapshot is None:
            return f"{APP_NAME}\n{self.tr('Reading your tools’ records…')}"
        return "\n".join([APP_NAME, *texts.summary_lines(snapshot)])

    # --- the menu ----------------------------------------------------------------------

    @Slot()
    def rebuild_menu(self) -> None:
        menu = self.menu
        menu.clear()
        snapshot: Snapshot | None = self.state.snapshot
        if snapshot is None:
            menu.addAction(self.tr("Reading your tools’ records…")).setEnabled(False)
        else:
            for line in texts.summary_lines(snapshot):
                menu.addAction(line).setEnabled(False)
        menu.addSeparator()
        menu.addAction(self.tr("Open dashboard"), self.open_dashboard.emit)
        menu.addAction(self.tr("Test connection…"), self.test_connection.emit)
        menu.addAction(self.tr("Calibrate…"), self.calibrate.emit)
        menu.addAction(self.tr("Open the plan’s console"), self.open_console)
        menu.addSeparator()
        menu.addAction(self.tr("Quit"), self.quit_requested.emit)

    @Slot()
    def open_console(self) -> None:
        QDesktopServices.openUrl(QUrl(self.state.settings.region.info.console_url))

    @Slot(QSystemTrayIcon.ActivationReason)
    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # On macOS a click opens the menu; elsewhere a left click opens the dashboard.
        if reason == QSystemTrayIcon.ActivationReason.Trigger and sys.platform != "darwin":
            self.open_dashboard.emit()

    # --- notifications -----------------------------------------------------------------

    @Slot(object)
    def notify(self, alerts: list[Alert]) -> None:
        for alert in alerts:
            title, body = alert.templates
            params = {**alert.params, "window": core(alert.window_name)}
            params = {
                k: texts.number(v) if isinstance(v, int) and k != "percent" else v
                for k, v in params.items()
            }
            self.icon.showMessage(
                core_fill(title, params),
                core_fill(body, params),
                QSystemTrayIcon.MessageIcon.Warning
                if alert.kind != "restored"
                else QSystemTrayIcon.MessageIcon.Information,
                10_000,
            )
