"""Connection: the free reachability check runs when the page opens; the test request is a
button that says what it costs. The page can always be skipped."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from codingplan.ui.state import AppState
from codingplan.ui.widgets.connection import ConnectionTestWidget
from codingplan.ui.widgets.scroll import scrolled
from codingplan.ui.widgets.status import Fix
from codingplan.ui.wizard.page import SetupPage


class ConnectionPage(SetupPage):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Connection"))
        self.setSubTitle(
            self.tr("Check that this computer reaches the plan. You can skip this step.")
        )
        self.test = ConnectionTestWidget(state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(self.test))

    def initializePage(self) -> None:
        wizard = self.setup()
        self.test.set_endpoints(wizard.endpoints(), wizard.region())
        # A key from the other console: try that region's address (not with a gateway's).
        if wizard.custom_origin():
            self.test.fixes.pop(Fix.SWITCH_REGION, None)
        else:
            self.test.fixes[Fix.SWITCH_REGION] = wizard.switch_region

    def first_field(self) -> QWidget:
        # Not the send button: Enter there would spend a request instead of going on.
        return self.test.protocol
