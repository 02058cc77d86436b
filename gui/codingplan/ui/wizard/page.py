"""What every page of the setup wizard has: a way to the wizard, the field that gets the focus
when the page opens, and a hook that adds the page's choices to the settings saved at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QWidget, QWizardPage

from codingplan.ui.texts import unbroken_names

if TYPE_CHECKING:
    from codingplan.ui.wizard.wizard import SetupWizard


class SetupPage(QWizardPage):
    def setup(self) -> SetupWizard:
        return self.wizard()  # type: ignore[return-value]

    def first_field(self) -> QWidget | None:
        """The widget a keyboard user starts on (None: Qt's own choice)."""
        return None

    def save_settings(self, changes: dict[str, Any]) -> None:
        """Add this page's choices to ``changes``; the wizard saves them all in ``accept``."""


def question_box(parent: QWidget, title: str, text: str, informative: str) -> QMessageBox:
    """A question the wizard asks before it goes on or away; the caller adds the answers and
    opens it (without blocking)."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        unbroken_names(text),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setInformativeText(unbroken_names(informative))
    # Qt sizes a message box to its short text: the explanation would wrap every few words.
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 26em; }")
    return box
