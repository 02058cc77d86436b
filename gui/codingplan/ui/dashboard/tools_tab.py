"""The coding tools, a card each (``tool_card.ToolCard``): the tools this app sets up first,
then the ones set up by hand. The tab scrolls; each card's page of details (the model, where
the key goes, the exact diff; or the manual steps) opens in a window of its own."""

from __future__ import annotations

from PySide6.QtCore import QSize, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from codingplan import actions, integrations
from codingplan.tools.types import ToolStatus
from codingplan.ui import screen, style
from codingplan.ui.dashboard.tool_card import ToolCard
from codingplan.ui.operations import run_action
from codingplan.ui.state import AppState
from codingplan.ui.texts import tool_name
from codingplan.ui.widgets.scroll import scrolled

SETUP_SIZE, SETUP_MINIMUM = QSize(760, 620), QSize(480, 360)


class ToolsTab(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        intro = QLabel(
            self.tr(
                "Each coding tool, and where it stands with the plan. Apply and Revert change "
                "only what this app sets in a tool's files; Verify runs the tool once."
            )
        )
        intro.setWordWrap(True)
        style.set_role(intro, "muted")
        self.refresh_button = QPushButton(self.tr("&Check again"))
        self.refresh_button.clicked.connect(state.refresh_tools)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.refresh_button)
        self.cards: dict[str, ToolCard] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(style.Spacing.S)
        layout.addLayout(top)
        by_hand = None
        for info in integrations.INTEGRATIONS:
            if not info.automatic and by_hand is None:
                by_hand = style.set_role(QLabel(self.tr("Set up by hand")), "title")
                layout.addSpacing(style.Spacing.S)
                layout.addWidget(by_hand)
            card = ToolCard(state, info)
            card.setup_requested.connect(self.open_setup)
            self.cards[info.id] = card
            layout.addWidget(card)
        layout.addStretch(1)
        self._dialogs: dict[str, QDialog] = {}
        state.tools_changed.connect(self.show_status)
        if state.tool_status:
            self.show_status(state.tool_status)

    @Slot(object)
    def show_status(self, statuses: dict[str, ToolStatus]) -> None:
        endpoints = self.state.endpoints()
        for tool_id, status in statuses.items():
            card = self.cards[tool_id]
            card.show_status(status)
            # Whether Verify would run now, as the action itself decides it.
            run_action(
                card,
                self.state,
                actions.verify_refusal,
                tool_id,
                endpoints,
                on_done=card.set_refusal,
                on_error=card.refusal_failed,
            )

    @Slot(str)
    def open_setup(self, tool_id: str) -> None:
        """The tool's whole page (preview, apply, verify, revert; or the manual steps) in a
        window of its own."""
        if tool_id in self._dialogs:
            self._dialogs[tool_id].raise_()
            self._dialogs[tool_id].activateWindow()
            return
        from codingplan.ui.widgets.tool_setup import GuidedToolWidget, ToolSetupWidget

        automatic = integrations.get(tool_id).automatic
        dialog = QDialog(self)
        dialog.setWindowTitle(tool_name(tool_id))
        page = (
            ToolSetupWidget(self.state, tool_id, dialog)
            if automatic
            else GuidedToolWidget(self.state, tool_id, dialog)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        # The setup page scrolls by itself, with its buttons kept in sight.
        layout.addWidget(page if automatic else scrolled(page), 1)
        layout.addWidget(buttons)
        screen.fit_window(dialog, SETUP_SIZE, SETUP_MINIMUM)
        dialog.finished.connect(lambda _r, t=tool_id: self._setup_closed(t))
        self._dialogs[tool_id] = dialog
        dialog.open()

    def _setup_closed(self, tool_id: str) -> None:
        self._dialogs.pop(tool_id, None)
        self.state.refresh_tools()
