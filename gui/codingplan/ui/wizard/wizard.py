"""The first-time setup wizard: Welcome → Plan → Key → Connection → Tools → one page per chosen
tool → Finish. Re-runnable: every page starts from the current settings.

The key is stored when its page is left and each tool's files change only when the person
presses Apply on its page; everything else is saved in one place, ``accept``.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QWidget, QWizard

from codingplan import integrations
from codingplan.autostart import Autostart
from codingplan.plan import Endpoints, Region, Tier, endpoints_for
from codingplan.ui.state import AppState
from codingplan.ui.wizard.connection_page import ConnectionPage
from codingplan.ui.wizard.finish_page import FinishPage
from codingplan.ui.wizard.key_page import KeyPage
from codingplan.ui.wizard.page import SetupPage
from codingplan.ui.wizard.plan_page import PlanPage
from codingplan.ui.wizard.tool_page import ToolPage
from codingplan.ui.wizard.tools_page import ToolsPage
from codingplan.ui.wizard.welcome_page import WelcomePage


class PageId(enum.IntEnum):
    WELCOME = 0
    PLAN = 1
    KEY = 2
    CONNECTION = 3
    TOOLS = 4
    FINISH = 5
    FIRST_TOOL = 100  # + the tool's place in integrations.INTEGRATIONS


def apply_autostart(enabled: bool) -> None:
    """Create or remove the start-at-login entry (off the GUI thread)."""
    autostart = Autostart()
    autostart.enable() if enabled else autostart.disable()


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
        self.tools_page = ToolsPage(state)
        self.finish_page = FinishPage(settings)
        for page_id, page in (
            (PageId.WELCOME, self.welcome_page),
            (PageId.PLAN, self.plan_page),
            (PageId.KEY, self.key_page),
            (PageId.CONNECTION, self.connection_page),
            (PageId.TOOLS, self.tools_page),
            (PageId.FINISH, self.finish_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(PageId.WELCOME)
        self.tool_pages: dict[str, ToolPage] = {}
        self._chosen_tools: list[str] = []
        self.currentIdChanged.connect(self._focus_first_field)
        self.resize(780, 640)

    # --- the choices so far (before they are saved) ------------------------------------

    def tier(self) -> Tier | None:
        """None until the plan page has been answered."""
        return self.plan_page.tier()

    def region(self) -> Region:
        return self.plan_page.region()

    def day(self) -> int:
        return self.plan_page.day.value()

    def endpoints(self) -> Endpoints:
        """The chosen region's endpoints, unless a custom origin (a gateway) replaces them."""
        current = self.state.endpoints()
        if current.origin != self.state.settings.region.info.origin:
            return current
        return endpoints_for(self.region())

    def chosen_tool_names(self) -> list[str]:
        return [self.tool_pages[t].name for t in self._chosen_tools if t in self.tool_pages]

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

    # --- saving ------------------------------------------------------------------------

    def pages(self) -> list[SetupPage]:
        return [p for p in (self.page(i) for i in self.pageIds()) if isinstance(p, SetupPage)]

    def accept(self) -> None:
        changes: dict[str, Any] = {}
        for page in self.pages():
            page.save_settings(changes)
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
        self.state.tasks.run(
            apply_autostart, changes["start_at_login"], on_error=self.state.error.emit
        )
        super().accept()
