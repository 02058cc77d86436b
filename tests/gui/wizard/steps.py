"""Steps through the setup wizard that several tests take."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWizard

from codingplan.ui.wizard.wizard import PageId, SetupWizard


def next_button(wizard: SetupWizard):
    return wizard.button(QWizard.WizardButton.NextButton)


def go_next(qtbot, wizard: SetupWizard, expected: int, timeout: int = 10_000) -> None:
    qtbot.waitUntil(next_button(wizard).isEnabled)
    next_button(wizard).click()
    qtbot.waitUntil(lambda: wizard.currentId() == expected, timeout=timeout)


def page_text(page) -> str:
    return "\n".join(label.text() for label in page.findChildren(QLabel))


def to_key_page(qtbot, wizard: SetupWizard) -> None:
    wizard.welcome_page.acknowledge.click()
    go_next(qtbot, wizard, PageId.PLAN)
    go_next(qtbot, wizard, PageId.KEY)


def to_tools_page(qtbot, wizard: SetupWizard) -> None:
    """From the start to the tools page, keeping the key already stored."""
    to_key_page(qtbot, wizard)
    go_next(qtbot, wizard, PageId.CONNECTION)
    go_next(qtbot, wizard, PageId.CONSOLE)  # skipped
    go_next(qtbot, wizard, PageId.TOOLS)
    qtbot.waitUntil(lambda: wizard.tools_page.found is not None, timeout=30_000)


def to_tool_page(qtbot, wizard: SetupWizard, tool_id: str):
    """From the start to ``tool_id``'s page, the only tool chosen; its setup widget, once its
    preview and the tool's state are known."""
    to_tools_page(qtbot, wizard)
    for other, row in wizard.tools_page.rows.items():
        if row.check.isChecked() != (other == tool_id):
            row.check.click()
    go_next(qtbot, wizard, wizard.tool_page_id(tool_id))
    widget = wizard.tool_pages[tool_id].setup_widget
    qtbot.waitUntil(lambda: widget.change_set is not None and widget.tool_status is not None)
    return widget


def answer(box, text: str) -> None:
    """Click the answer of a question box whose label is ``text``."""
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()
