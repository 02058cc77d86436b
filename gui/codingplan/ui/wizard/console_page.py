"""See the plan's own figures: an optional AccessKey (or ``bl``'s login) to read the plan's
console. Skipping it is one press of the Next button, which says "Skip" while nothing is
entered; with an AccessKey entered, Next logs in first and goes on once it worked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizard

from codingplan.ui.state import AppState
from codingplan.ui.widgets.console_login import ConsoleLoginWidget
from codingplan.ui.widgets.scroll import scrolled
from codingplan.ui.wizard.page import SetupPage

if TYPE_CHECKING:
    from codingplan.actions.console import ConsoleStatus


class ConsolePage(SetupPage):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(self.tr("See the plan's own figures"))
        self.setSubTitle(
            self.tr(
                "Optional: show the plan's own counters. Press Skip to go on without them; the "
                "Key tab offers this later too."
            )
        )
        self.login = ConsoleLoginWidget(state)
        self.login.input_changed.connect(self._update_next)
        self.login.busy_changed.connect(lambda _busy: self.completeChanged.emit())
        self.login.logged_in.connect(self._logged_in)
        self.login.busy_changed.connect(self._login_ended)
        self._advance_when_done = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(self.login))
        self._update_next()

    def initializePage(self) -> None:
        self.login.region = self.setup().region()
        self.login.look_for_bl()
        status = self.state.console.status
        if status is not None and status.logged_in:
            self.login.show_result(status)
        self._update_next()

    def logged_in(self) -> bool:
        status = self.state.console.status
        return status is not None and status.logged_in

    @Slot()
    def _update_next(self) -> None:
        """Next says "Skip" while the page would add nothing."""
        skip = not self.login.has_input() and not self.logged_in()
        self.setButtonText(
            QWizard.WizardButton.NextButton, self.tr("&Skip") if skip else self.tr("&Next >")
        )

    def isComplete(self) -> bool:
        return not self.login.busy

    def validatePage(self) -> bool:
        if self.login.busy:
            return False
        if not self.login.has_input():
            return True
        if not self.login.ready():
            self.login.ask_for_both()
            return False
        self._advance_when_done = True
        self.login.login()
        return False

    @Slot(object)
    def _logged_in(self, _status: ConsoleStatus) -> None:
        self._update_next()
        advance, self._advance_when_done = self._advance_when_done, False
        wizard = self.wizard()
        if advance and wizard is not None and wizard.currentPage() is self:
            wizard.next()

    @Slot(bool)
    def _login_ended(self, busy: bool) -> None:
        if not busy and not self.logged_in():
            self._advance_when_done = False  # it failed: the page says why, and stays
        self._update_next()

    def first_field(self) -> QWidget:
        return self.login.key_id
