"""Finish: each step with its real state (the key, the connection, each tool, as the keyring,
the plan's answers and the tools' runs reported them), where the tray icon is on this
platform, start at login, and the update check (off unless ticked)."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from codingplan import APP_NAME
from codingplan.outcomes import Category, render
from codingplan.plan import Region
from codingplan.settings import Settings
from codingplan.ui.texts import category_label
from codingplan.ui.tool_standing import verify_text
from codingplan.ui.translations import core
from codingplan.ui.widgets.result_view import plain_label
from codingplan.ui.widgets.scroll import scrolled
from codingplan.ui.widgets.status import Kind, StatusView, colour, kind_of
from codingplan.ui.widgets.update_choice import UpdateChoice
from codingplan.ui.wizard.page import SetupPage
from codingplan.ui.wizard.tool_page import Mark, StepLine

# A key the plan says is not a key of this plan (or of this address).
KEY_REFUSED = frozenset({Category.INVALID_KEY, Category.WRONG_ENDPOINT})
_MARK_KIND = {
    Mark.DONE: Kind.SUCCESS,
    Mark.PARTIAL: Kind.WARNING,
    Mark.FAILED: Kind.ERROR,
    Mark.NONE: Kind.INFO,
}


class FinishPage(SetupPage):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("Press Finish to save your choices."))
        self.lines: list[StepLine] = []
        self.verify_buttons: dict[str, QPushButton] = {}
        self._watched: set[str] = set()  # the tool pages whose runs this page follows
        self.steps = QGridLayout()
        self.steps.setColumnStretch(1, 1)
        self.tray = plain_label(
            self.tray_text(sys.platform, QSystemTrayIcon.isSystemTrayAvailable())
        )
        self.start_at_login = QCheckBox(
            self.tr("&Start {app} when I log in (in the tray, without a window)").format(
                app=APP_NAME
            )
        )
        self.start_at_login.setChecked(settings.start_at_login)
        self.check_updates = UpdateChoice(settings.check_updates)
        rerun = plain_label(self.tr("You can run this setup again at any time from the dashboard."))
        self.save_error = StatusView()
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(self.steps)
        layout.addSpacing(layout.spacing() * 2)
        for widget in (self.tray, self.start_at_login, self.check_updates, rerun, self.save_error):
            layout.addWidget(widget)
        layout.addStretch(1)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(scrolled(content))

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

    # --- the steps, as they went -------------------------------------------------------

    def initializePage(self) -> None:
        wizard = self.setup()
        self.lines = [self._plan_line(), self._key_line(), self._connection_line()]
        self.lines += [page.summary_line() for page in wizard.chosen_tool_pages()]
        self._show_lines()
        failed = any(line.mark is Mark.FAILED for line in self.lines)
        self.setTitle(self.tr("Not everything works yet") if failed else self.tr("Ready"))
        self.save_error.clear()

    def _plan_line(self) -> StepLine:
        wizard = self.setup()
        regions = {Region.INTL: self.tr("International"), Region.CN: self.tr("China")}
        tier = wizard.tier()
        assert tier is not None  # the plan page waits for a choice
        return StepLine(
            Mark.DONE,
            self.tr("Plan: {tier}, {region}, monthly reset on day {day}.").format(
                tier=tier.label, region=regions[wizard.region()], day=wizard.day()
            ),
        )

    def _key_line(self) -> StepLine:
        masked = self.setup().masked_key()
        if not masked:
            return StepLine(
                Mark.FAILED,
                self.tr("No key stored"),
                self.tr("The tools cannot reach the plan without it: go back to the key page."),
            )
        refused = next((r for r in self._results() if r.category in KEY_REFUSED), None)
        if refused is not None:  # what to do is on the connection's line
            return StepLine(
                Mark.PARTIAL,
                self.tr("Key stored ({masked}), but the plan refused it").format(masked=masked),
            )
        return StepLine(
            Mark.DONE, self.tr("Key stored in the system keyring: {masked}").format(masked=masked)
        )

    def _results(self) -> list[Any]:
        return self.setup().connection_page.test.results

    def _connection_line(self) -> StepLine:
        test = self.setup().connection_page.test
        failed = [r for r in test.results if not r.ok]
        if failed:
            first = failed[0]
            mark = Mark.PARTIAL if kind_of(first.category) is Kind.WARNING else Mark.FAILED
            return StepLine(
                mark,
                self.tr("Connection test failed: {reason}").format(
                    reason=category_label(first.category)
                ),
                render(first.diagnosis, tr=core)[1],
            )
        if test.results:
            return StepLine(Mark.DONE, self.tr("Connection verified: the plan answered."))
        reach = test.reachability
        if reach is not None and not reach.ok:
            return StepLine(
                Mark.FAILED,
                self.tr("The plan's address could not be reached: {reason}").format(
                    reason=category_label(reach.category)
                ),
                render(reach.diagnosis, tr=core)[1],
            )
        verified = [p.name for p in self.setup().chosen_tool_pages() if p.verified_ok()]
        if verified:
            return StepLine(
                Mark.DONE,
                self.tr("Connection verified by {tool}'s run.").format(tool=verified[0]),
            )
        return StepLine(
            Mark.NONE,
            self.tr("Connection not tested: no test request was sent")
            if reach is None or not reach.ok
            else self.tr("Connection not tested: the address is reachable, no request was sent"),
        )

    def _show_lines(self) -> None:
        while self.steps.count():
            item = self.steps.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.verify_buttons = {}
        for row, line in enumerate(self.lines):
            mark = QLabel(line.mark.value)
            tint = colour(_MARK_KIND[line.mark], self.palette()).name()
            mark.setStyleSheet(f"color: {tint}; font-weight: bold; font-size: 120%;")
            mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            mark.setAccessibleName(line.mark.name.lower())
            text = plain_label(line.text + (f"\n{line.remedy}" if line.remedy else ""))
            self.steps.addWidget(mark, row, 0)
            self.steps.addWidget(text, row, 1)
            if line.verify_tool:
                button = self._verify_button(line.verify_tool)
                self.steps.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)

    def _verify_button(self, tool_id: str) -> QPushButton:
        """Verify, here, for a tool set up but not proven: it runs on the tool's own page,
        whose answer then shows on this line."""
        page = self.setup().tool_pages[tool_id]
        widget = page.setup_widget
        assert widget is not None  # only tools this app sets up are verified
        button = QPushButton(verify_text(page.info.verify_requests))
        button.setToolTip(self.tr("Runs {tool} once with a one-word prompt").format(tool=page.name))
        button.setEnabled(widget.verify_button.isEnabled())
        button.clicked.connect(widget.verify)
        if tool_id not in self._watched:
            self._watched.add(tool_id)
            widget.busy_changed.connect(self._tool_busy)
        self.verify_buttons[tool_id] = button
        return button

    @Slot(bool)
    def _tool_busy(self, busy: bool) -> None:
        if busy:
            for button in self.verify_buttons.values():
                button.setEnabled(False)
            return
        # The run is over: the lines say how it went (and the page's title with them).
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            self.initializePage()

    def text(self) -> str:
        """The steps as shown, one per line (for tests and for reading aloud)."""
        return "\n".join(f"{line.mark.value} {line.text}" for line in self.lines)

    def nextId(self) -> int:
        return -1

    def first_field(self) -> QWidget:
        return self.start_at_login

    def save_settings(self, changes: dict[str, Any]) -> None:
        changes["start_at_login"] = self.start_at_login.isChecked()
        if self.check_updates.offered:
            changes["check_updates"] = self.check_updates.chosen()
