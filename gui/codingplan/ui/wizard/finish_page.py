"""Finish: where the tray icon is on this platform, start at login, and a summary of what
will be saved."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QCheckBox, QSystemTrayIcon, QVBoxLayout, QWidget

from codingplan import APP_NAME
from codingplan.plan import Region
from codingplan.settings import Settings
from codingplan.ui.widgets.result_view import ResultView, plain_label
from codingplan.ui.wizard.page import SetupPage


class FinishPage(SetupPage):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("Press Finish to save your choices."))
        self.summary = plain_label()
        self.tray = plain_label(
            self.tray_text(sys.platform, QSystemTrayIcon.isSystemTrayAvailable())
        )
        self.start_at_login = QCheckBox(
            self.tr("&Start {app} when I log in (in the tray, without a window)").format(
                app=APP_NAME
            )
        )
        self.start_at_login.setChecked(settings.start_at_login)
        rerun = plain_label(self.tr("You can run this setup again at any time from the dashboard."))
        self.save_error = ResultView()
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.tray, self.start_at_login, rerun, self.save_error):
            layout.addWidget(widget)
        layout.addStretch(1)

    def tray_text(self, platform: str, tray_available: bool) -> str:
        if not tray_available:
            return self.tr(
                "No system tray was found on this desktop: the app opens as a normal window "
                "instead, with the same information."
            )
        if platform == "darwin":
            return self.tr(
                "The app's icon is in the menu bar at the top right of the screen: click it to "
                "see how many requests are left."
            )
        if platform == "win32":
            return self.tr(
                "The app's icon is in the notification area at the right end of the taskbar. If "
                "you do not see it, click the ^ arrow there: Windows puts new icons out of sight "
                "until you drag them onto the taskbar."
            )
        return self.tr(
            "The app's icon is in your desktop's system tray (the status area of the panel). "
            "On GNOME the tray needs the “AppIndicator and KStatusNotifierItem Support” "
            "extension."
        )

    def initializePage(self) -> None:
        wizard = self.setup()
        regions = {Region.INTL: self.tr("International"), Region.CN: self.tr("China")}
        tier = wizard.tier()
        assert tier is not None  # the plan page waits for a choice
        lines = [
            self.tr("Plan: {tier}, {region}, monthly reset on day {day}.").format(
                tier=tier.label, region=regions[wizard.region()], day=wizard.day()
            )
        ]
        masked = wizard.masked_key()
        lines.append(
            self.tr("Key: {masked}, in the system keyring.").format(masked=masked)
            if masked
            else self.tr("Key: none stored yet.")
        )
        chosen = wizard.chosen_tool_names()
        if chosen:
            lines.append(self.tr("Tools: {tools}.").format(tools=", ".join(chosen)))
        self.summary.setText("\n".join(lines))
        self.save_error.clear()

    def nextId(self) -> int:
        return -1

    def first_field(self) -> QWidget:
        return self.start_at_login

    def save_settings(self, changes: dict[str, Any]) -> None:
        changes["start_at_login"] = self.start_at_login.isChecked()
