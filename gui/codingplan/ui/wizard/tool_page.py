"""One page per chosen tool: the automatic setup (with the manual steps as a fallback), or the
manual steps alone for the tools this app does not write to."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from codingplan.integrations.integration import Integration
from codingplan.ui.state import AppState
from codingplan.ui.texts import tool_name
from codingplan.ui.widgets.tool_setup import GuidedToolWidget, ToolSetupWidget
from codingplan.ui.wizard.page import SetupPage
from codingplan.ui.wizard.scroll import scrolled


class ToolPage(SetupPage):
    def __init__(self, state: AppState, info: Integration, parent: QWidget | None = None):
        super().__init__(parent)
        self.info = info
        self.name = name = tool_name(info.id)
        self.setTitle(self.tr("Set up {tool}").format(tool=name))
        content = QWidget()
        layout = QVBoxLayout(content)
        self.setup_widget: ToolSetupWidget | None = None
        self.guide = GuidedToolWidget(state, info.id)
        self.show_guide: QPushButton | None = None
        if info.automatic:
            self.setSubTitle(
                self.tr(
                    "Check the change, then Apply. Verify runs the tool once to prove it works."
                )
            )
            self.setup_widget = ToolSetupWidget(state, info.id)
            self.show_guide = QPushButton(self.tr("Show the steps to do it by &hand instead"))
            self.show_guide.setCheckable(True)
            self.show_guide.toggled.connect(self._toggle_guide)
            self.guide.setVisible(False)
            layout.addWidget(self.setup_widget, 1)
            layout.addWidget(self.show_guide, 0, Qt.AlignmentFlag.AlignLeft)
        else:
            self.setSubTitle(
                self.tr(
                    "Enter these settings in {tool}; this app does not change its files."
                ).format(tool=name)
            )
        layout.addWidget(self.guide)
        if not info.automatic:
            layout.addStretch(1)
        page_layout = QVBoxLayout(self)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(scrolled(content))

    def initializePage(self) -> None:
        wizard = self.setup()
        endpoints, tier = wizard.endpoints(), wizard.tier()
        if self.setup_widget is not None:
            self.setup_widget.set_plan(endpoints, tier)
        self.guide.set_plan(endpoints, tier)

    @Slot(bool)
    def _toggle_guide(self, shown: bool) -> None:
        self.guide.setVisible(shown)

    def nextId(self) -> int:
        return self.setup().page_after_tools(self.info.id)

    def first_field(self) -> QWidget:
        if self.setup_widget is not None:
            return self.setup_widget.model_choice.combo
        return self.guide.model_choice.combo
