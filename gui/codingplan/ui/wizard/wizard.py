"""The first-time setup wizard: Welcome → Plan → Key → Connection → the plan's own figures
(optional) → Tools → one page per chosen tool → Finish. Re-runnable: every page starts from
the current settings.

The key is stored when its page is left and each tool's files change only when the person
presses Apply on its page; everything else is saved in one place, ``accept``. Leaving before
the end asks first, and says what stays (the key, the tools applied) and what does not.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from codingplan import actions, integrations
from codingplan.plan import Endpoints, Region, Tier, endpoints_for
from codingplan.ui import screen
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.texts import join_list
from codingplan.ui.widgets.status import Fix
from codingplan.ui.wizard.connection_page import ConnectionPage
from codingplan.ui.wizard.console_page import ConsolePage
from codingplan.ui.wizard.finish_page import KEY_REFUSED, FinishPage
from codingplan.ui.wizard.key_page import KeyPage
from codingplan.ui.wizard.page import SetupPage, question_box
from codingplan.ui.wizard.plan_page import PlanPage
from codingplan.ui.wizard.tool_page import ToolPage
from codingplan.ui.wizard.tools_page import ToolsPage
from codingplan.ui.wizard.welcome_page import WelcomePage


class PageId(enum.IntEnum):
    WELCOME = 0
    PLAN = 1
    KEY = 2
    CONNECTION = 3
    CONSOLE = 4
    TOOLS = 5
    FINISH = 6
    FIRST_TOOL = 100  # + the tool's place in integrations.INTEGRATIONS


class SetupWizard(QWizard):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWindowTitle(self.tr("Set up Coding Plan"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        settings = state.settings
        self.welcome_page = WelcomePage()
        self.plan_page = PlanPage(settings)
        self.key_page = KeyPage(state)
        self.connection_page = ConnectionPage(state)
        self.console_page = ConsolePage(state)
        self.tools_page = ToolsPage(state)
        self.finish_page = FinishPage(settings)
        for page_id, page in (
            (PageId.WELCOME, self.welcome_page),
            (PageId.PLAN, self.plan_page),
            (PageId.KEY, self.key_page),
            (PageId.CONNECTION, self.connection_page),
            (PageId.CONSOLE, self.console_page),
            (PageId.TOOLS, self.tools_page),
            (PageId.FINISH, self.finish_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(PageId.WELCOME)
        self.tool_pages: dict[str, ToolPage] = {}
        self._chosen_tools: list[str] = []
        self._leaving = False
        self._finishing = False  # Finish pressed: the login entry is being made
        self.question: QMessageBox | None = None
        self.currentIdChanged.connect(self._focus_first_field)
        # Cancel is for the mouse and Escape: the first Tab from a page's field must not land
        # on it (on the first page, with Next still off, it would be the only button).
        self.button(QWizard.WizardButton.CancelButton).setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._connect_facts()
        # Every page scrolls: on a small screen the wizard takes what the screen has, with its
        # buttons on it; below 600x480 (where the screen allows it) the tool pages' actions
        # get cramped.
        screen.fit_window(self, QSize(780, 640), QSize(600, 480))

    def _connect_facts(self) -> None:
        """What one page learns that another must show: a key the plan refused, a new key
        (the earlier test answers no longer apply), the fixes offered on the connection page."""
        test = self.connection_page.test
        test.tested.connect(self._tested)
        self.key_page.entry.stored.connect(lambda _masked: test.clear_results())
        test.fixes[Fix.CHANGE_KEY] = self._back_to_key

    @Slot(object)
    def _tested(self, results: list[Any]) -> None:
        refused = next((r for r in results if r.category in KEY_REFUSED), None)
        if refused is not None:
            self.key_page.entry.show_refused(refused.diagnosis)

    @Slot()
    def _back_to_key(self) -> None:
        while self.currentId() > PageId.KEY:  # the fix is on the connection page, just after
            self.back()

    def switch_region(self) -> None:
        """The connection page's fix for a key from the other console."""
        other = Region.CN if self.region() is Region.INTL else Region.INTL
        self.plan_page.set_region(other)
        self.key_page.entry.set_region(other)
        self.connection_page.initializePage()

    # --- the choices so far (before they are saved) ------------------------------------

    def tier(self) -> Tier | None:
        """None until the plan page has been answered."""
        return self.plan_page.tier()

    def region(self) -> Region:
        return self.plan_page.region()

    def day(self) -> int:
        return self.plan_page.day.turn_day()

    def endpoints(self) -> Endpoints:
        """The chosen region's endpoints, unless a custom origin (a gateway) replaces them."""
        if self.custom_origin():
            return self.state.endpoints()
        return endpoints_for(self.region())

    def chosen_tool_pages(self) -> list[ToolPage]:
        return [self.tool_pages[t] for t in self._chosen_tools if t in self.tool_pages]

    def custom_origin(self) -> bool:
        """A gateway's address (``--origin``) replaces the region's."""
        return self.state.endpoints().origin != self.state.settings.region.info.origin

    def masked_key(self) -> str | None:
        return self.key_page.entry.masked

    # --- routing through the chosen tools ----------------------------------------------

    def prepare_tool_pages(self, chosen: list[str]) -> None:
        """A page for each chosen tool (made once, kept if the person goes back)."""
        self._chosen_tools = list(chosen)
        for index, info in enumerate(integrations.INTEGRATIONS):
            if info.id in chosen and info.id not in self.tool_pages:
                page = ToolPage(self.state, info)
                self.tool_pages[info.id] = page
                self.setPage(PageId.FIRST_TOOL + index, page)

    def tool_page_id(self, tool_id: str) -> int:
        ids = list(integrations.IDS)
        return PageId.FIRST_TOOL + ids.index(tool_id)

    def page_after_tools(self, current: str | None) -> int:
        """The next chosen tool's page after ``current`` (None: the first), else Finish."""
        chosen = [t for t in self._chosen_tools if t in self.tool_pages]
        later = chosen if current is None else chosen[chosen.index(current) + 1 :]
        return self.tool_page_id(later[0]) if later else PageId.FINISH

    # --- keyboard ----------------------------------------------------------------------

    @Slot(int)
    def _focus_first_field(self, page_id: int) -> None:
        page = self.page(page_id)
        field = page.first_field() if isinstance(page, SetupPage) else None
        if field is not None:
            field.setFocus(Qt.FocusReason.TabFocusReason)

    # --- leaving -----------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, Escape and the window's close button: ask first, saying what stays."""
        if self._leaving:
            super().reject()
            return
        if self.question is not None:
            self.question.raise_()
            return
        box = question_box(
            self,
            self.tr("Leave the setup?"),
            self.tr("Leave the setup before it is finished?"),
            "\n".join(self.leaving_lines()),
        )
        # On the last page every choice is made: leaving need not lose them.
        save = None
        if self.currentId() == PageId.FINISH:
            save = box.addButton(self.tr("Save and leave"), QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton(
            self.tr("Leave without saving") if save else self.tr("Leave the setup"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        stay = box.addButton(self.tr("Stay"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save or stay)
        box.setEscapeButton(stay)
        box.finished.connect(lambda _result: self._leave_answered(box.clickedButton(), leave, save))
        self.question = box
        box.open()

    def leaving_lines(self) -> list[str]:
        """What stays and what is lost if the person leaves now."""
        lines = []
        masked = self.masked_key()
        if masked:
            lines.append(
                self.tr("Kept: the key {masked}, in the system keyring.").format(masked=masked)
            )
        applied = [p.name for p in self.chosen_tool_pages() if p.configured()]
        if applied:
            lines.append(
                self.tr("Kept: the setup of {tools}, as applied.").format(tools=join_list(applied))
            )
        if self.state.settings.setup_complete:
            lines.append(
                self.tr("Not saved: the choices on these pages; your earlier settings stay.")
            )
        else:
            lines.append(
                self.tr(
                    "Not saved: your plan and the other choices on these pages. The setup opens "
                    "again the next time you start the app."
                )
            )
        return lines

    def close_for_quit(self) -> None:
        """The person chose Quit elsewhere (the tray): leave without asking a second time."""
        if self.question is not None:
            self.question.done(0)
        self._leaving = True
        self.reject()

    def _leave_answered(self, clicked: object, leave: object, save: object) -> None:
        self.question = None
        if save is not None and clicked is save:
            self.accept()  # as Finish: saved, then closed once the login entry is made
        elif clicked is leave:
            self._leaving = True
            self.reject()

    # --- saving ------------------------------------------------------------------------

    def pages(self) -> list[SetupPage]:
        return [p for p in (self.page(i) for i in self.pageIds()) if isinstance(p, SetupPage)]

    def accept(self) -> None:
        """Save the choices; then make (or remove) the login entry, off the GUI thread, and
        close once it is made: start at login is saved only with the entry in place, and a
        failure is shown here."""
        if self._finishing:
            return
        changes: dict[str, Any] = {}
        for page in self.pages():
            page.save_settings(changes)
        start_at_login = bool(changes.pop("start_at_login", False))
        changes["setup_complete"] = True
        errors: list[BaseException] = []

        def collect(error: BaseException) -> None:
            errors.append(error)

        self.state.error.connect(collect)
        try:
            # The same path as 'codingplan settings set': a new tier is recorded with its time.
            self.state.update_settings(**changes)
        finally:
            self.state.error.disconnect(collect)
        if not self.state.settings.setup_complete:  # not saved: stay, and say why
            if errors:
                self.finish_page.save_error.show_error(errors[-1])
            return
        self._finishing = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        run_action(
            self,
            self.state,
            actions.set_start_at_login,
            start_at_login,
            on_done=lambda _entry: self._finished(),
            on_error=self._login_entry_failed,
        )

    def _finished(self) -> None:
        self._finishing = False
        super().accept()

    def _login_entry_failed(self, error: BaseException) -> None:
        """Everything else is saved; start at login stays off, and the page says why."""
        self._finishing = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.finish_page.start_at_login.setChecked(self.state.settings.start_at_login)
        self.finish_page.save_error.show_error(
            error, self.tr("Start at login could not be set up; your other choices are saved")
        )
