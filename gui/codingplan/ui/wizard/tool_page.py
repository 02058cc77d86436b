"""One page per chosen tool: the automatic setup (with the manual steps as a fallback), or the
manual steps alone for the tools this app does not write to.

Next on a page where nothing was applied asks first: apply, skip this tool, or stay. What the
page reports to the Finish page comes from what Apply and Verify returned, not from the page
having been seen.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QMessageBox, QPushButton, QVBoxLayout, QWidget

from codingplan.integrations.integration import Integration
from codingplan.tools.types import ToolState, Verified
from codingplan.ui.state import AppState
from codingplan.ui.texts import category_label, tool_name
from codingplan.ui.translations import core_fill
from codingplan.ui.widgets.scroll import scrolled
from codingplan.ui.widgets.tool_setup import GuidedToolWidget, ToolSetupWidget
from codingplan.ui.wizard.page import SetupPage, question_box


class Mark(enum.Enum):
    """A step's state on the Finish page; each has its own sign, not only its colour."""

    DONE = "✓"
    PARTIAL = "◐"
    FAILED = "✗"
    NONE = "–"


@dataclass(frozen=True)
class StepLine:
    mark: Mark
    text: str
    remedy: str = ""
    verify_tool: str = ""  # a tool the Finish page offers to verify on this line


class ToolPage(SetupPage):
    def __init__(self, state: AppState, info: Integration, parent: QWidget | None = None):
        super().__init__(parent)
        self.info = info
        self.name = name = tool_name(info.id)
        self._advance = False  # the next validatePage lets the wizard on without asking
        self._next_after_apply = False
        self.question: QMessageBox | None = None
        self.setTitle(self.tr("Set up {tool}").format(tool=name))
        self.setup_widget: ToolSetupWidget | None = None
        self.guide = GuidedToolWidget(state, info.id)
        self.show_guide: QPushButton | None = None
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        if info.automatic:
            self.setSubTitle(
                self.tr(
                    "Check the change, then Apply. Verify runs the tool once to prove it works."
                )
            )
            # It scrolls by itself and keeps its Apply / Verify / Revert row in sight.
            self.setup_widget = ToolSetupWidget(state, info.id)
            self.setup_widget.busy_changed.connect(self._busy_changed)
            self.show_guide = QPushButton(self.tr("Show the steps to do it by &hand instead"))
            self.show_guide.setCheckable(True)
            self.show_guide.toggled.connect(self._toggle_guide)
            self.guide.setVisible(False)
            self.setup_widget.add_to_page(self.show_guide)
            self.setup_widget.body_layout.setAlignment(self.show_guide, Qt.AlignmentFlag.AlignLeft)
            self.setup_widget.add_to_page(self.guide)
            page_layout.addWidget(self.setup_widget)
        else:
            self.setSubTitle(
                self.tr(
                    "Enter these settings in {tool}; this app does not change its files."
                ).format(tool=name)
            )
            page_layout.addWidget(scrolled(self.guide))

    def initializePage(self) -> None:
        wizard = self.setup()
        endpoints, tier = wizard.endpoints(), wizard.tier()
        if self.setup_widget is not None:
            self.setup_widget.set_plan(endpoints, tier)
        self.guide.set_plan(endpoints, tier)

    @Slot(bool)
    def _toggle_guide(self, shown: bool) -> None:
        self.guide.setVisible(shown)

    # --- what happened here ------------------------------------------------------------

    def configured(self) -> bool:
        """Applied here, or found already set up as this page would set it."""
        widget = self.setup_widget
        return widget is not None and (widget.applied_here or widget.already_set_up())

    def not_installed(self) -> bool:
        widget = self.setup_widget
        return widget is not None and widget.tool_status is not None and not widget.installed()

    def summary_line(self) -> StepLine:
        """This tool's line on the Finish page."""
        name, widget = self.name, self.setup_widget
        if widget is None:
            return StepLine(
                Mark.NONE,
                self.tr("{tool}: to set up by hand with the values shown (not checked)").format(
                    tool=name
                ),
            )
        if not self.configured():
            if self.not_installed():
                return StepLine(
                    Mark.FAILED,
                    self.tr("{tool}: skipped, not installed").format(tool=name),
                    self.tr(
                        "Install it ({command}), then set it up from the dashboard's Tools tab."
                    ).format(command=widget.install_command or "npm"),
                )
            return StepLine(
                Mark.FAILED,
                self.tr("{tool}: skipped, its files were not changed").format(tool=name),
                self.tr("You can set it up later from the dashboard's Tools tab."),
            )
        verify = widget.last_verify
        if verify is None:
            earlier = self.earlier_verify()
            if earlier is not None and earlier.ok:  # an earlier run, still for this setup
                return StepLine(
                    Mark.DONE, self.tr("{tool}: configured and verified").format(tool=name)
                )
            n = self.info.verify_requests
            remedy = (
                self.tr("Verify runs it once to prove it works (about 1 request).")
                if n == 1
                else self.tr("Verify runs it once to prove it works (about {n} requests).").format(
                    n=n
                )
            )
            return StepLine(
                Mark.PARTIAL,
                self.tr("{tool}: configured, not verified").format(tool=name),
                remedy,
                verify_tool=self.info.id,
            )
        if verify.ok:
            return StepLine(Mark.DONE, self.tr("{tool}: configured and verified").format(tool=name))
        return StepLine(
            Mark.PARTIAL,
            self.tr("{tool}: configured, but Verify failed ({reason})").format(
                tool=name, reason=category_label(verify.category)
            ),
            core_fill(verify.remedy_template, verify.params),
            verify_tool=self.info.id,
        )

    def earlier_verify(self) -> Verified | None:
        """A Verify run made before this page (an earlier setup, the Tools tab, the command
        line), remembered while the tool is set up as it was then."""
        widget = self.setup_widget
        status = widget.tool_status if widget is not None else None
        if status is None or status.state is not ToolState.CONFIGURED:
            return None
        return status.verified

    def verified_ok(self) -> bool:
        widget = self.setup_widget
        if not (widget and self.configured()):
            return False
        if widget.last_verify is not None:
            return widget.last_verify.ok
        earlier = self.earlier_verify()
        return earlier is not None and earlier.ok

    # --- leaving the page --------------------------------------------------------------

    def validatePage(self) -> bool:
        widget = self.setup_widget
        if widget is None:
            return True
        if widget.busy:
            return False
        if self._advance:
            self._advance = False
            return True
        if self.configured() or self.not_installed():
            # Nothing can be applied to a missing tool: the page says so, with the command.
            return True
        self._ask()
        return False

    def _ask(self) -> None:
        widget = self.setup_widget
        assert widget is not None  # only automatic tools are asked about
        apply = None
        if widget.can_apply():
            informative = self.tr("Apply the change shown on this page now, or skip {tool}?")
        elif widget.needs_consent() and not widget.consent.isChecked():
            informative = self.tr(
                "To apply, first agree to keeping a copy of the key in its file. Or skip "
                "{tool} for now."
            )
        else:
            informative = self.tr(
                "Skip {tool} for now? You can set it up later from the dashboard."
            )
        box = question_box(
            self,
            self.tr("Nothing applied to {tool}").format(tool=self.name),
            self.tr("Nothing was applied to {tool}: its files are as they were.").format(
                tool=self.name
            ),
            informative.format(tool=self.name),
        )
        if widget.can_apply():
            apply = box.addButton(self.tr("Apply and go on"), QMessageBox.ButtonRole.AcceptRole)
        skip = box.addButton(
            self.tr("Skip {tool}").format(tool=self.name), QMessageBox.ButtonRole.DestructiveRole
        )
        stay = box.addButton(self.tr("Stay on this page"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(apply or stay)
        box.setEscapeButton(stay)
        box.finished.connect(lambda _result: self._answered(box.clickedButton(), apply, skip))
        self.question = box
        box.open()

    def _answered(self, clicked: object, apply: object, skip: object) -> None:
        self.question = None
        widget = self.setup_widget
        if widget is None:
            return
        if clicked is apply and apply is not None:
            self._next_after_apply = True
            widget.apply()
        elif clicked is skip:
            self._go_on()

    @Slot(bool)
    def _busy_changed(self, busy: bool) -> None:
        if busy or not self._next_after_apply:
            return
        self._next_after_apply = False
        if self.configured():  # applied: go on; a failure stays, with its reason shown
            self._go_on()

    def _go_on(self) -> None:
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            self._advance = True
            wizard.next()

    def nextId(self) -> int:
        return self.setup().page_after_tools(self.info.id)

    def first_field(self) -> QWidget:
        if self.setup_widget is not None:
            return self.setup_widget.model_choice.combo
        return self.guide.model_choice.combo
