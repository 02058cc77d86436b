"""Key: paste the plan key; it is stored in the keyring when the person presses Next, and the
wizard moves on once it is stored. A failure keeps the page, with the reason and the remedy."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from codingplan.ui.state import AppState
from codingplan.ui.widgets.key_entry import KeyEntryWidget
from codingplan.ui.widgets.scroll import scrolled
from codingplan.ui.wizard.page import SetupPage


class KeyPage(SetupPage):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setTitle(self.tr("Your plan key"))
        self.setSubTitle(
            self.tr(
                "Paste the key from the Coding Plan console. It is stored in the system keyring "
                "when you press Next."
            )
        )
        self.entry = KeyEntryWidget(state, store_button=False)
        self.entry.validity_changed.connect(self.completeChanged)
        self.entry.stored.connect(self._stored)
        self.entry.store_failed.connect(self._store_failed)
        self._advance_when_stored = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolled(self.entry))

    def initializePage(self) -> None:
        self.entry.set_region(self.setup().region())
        self.state.refresh_key()  # a key stored meanwhile (say, with the CLI) counts too

    def isComplete(self) -> bool:
        return self.entry.can_continue()

    def validatePage(self) -> bool:
        entry = self.entry
        if entry.busy:
            return False
        if not entry.has_input():
            return entry.key_ready()  # keep the key already stored
        if not entry.input_valid():
            return False
        # Store in the background; the wizard moves on when it is done (see _stored).
        self._advance_when_stored = True
        entry.store()
        return False

    @Slot(str)
    def _stored(self, _masked: str) -> None:
        advance, self._advance_when_stored = self._advance_when_stored, False
        wizard = self.wizard()
        # Tools holding the old key are shown first: the person decides, then presses Next.
        if (
            advance
            and wizard is not None
            and wizard.currentPage() is self
            and not self.entry.tools_need_attention()
        ):
            wizard.next()

    @Slot(object)
    def _store_failed(self, _error: object) -> None:
        self._advance_when_stored = False

    def first_field(self) -> QWidget:
        return self.entry.edit
