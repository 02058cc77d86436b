"""The wizard never claims what did not happen: leaving asks first and says what stays, a
tool page left without applying asks, a missing tool cannot be applied, the key page says
when the plan refused the key, and the Finish page states each step as it went."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from codingplan.ui.widgets.status import Kind
from codingplan.ui.wizard.wizard import PageId
from tests.gui.wizard.steps import answer, go_next, next_button, to_tool_page, to_tools_page

pytestmark = pytest.mark.secret_service


def cancel_button(wizard):
    return wizard.button(QWizard.WizardButton.CancelButton)


def send_a_test_request(qtbot, wizard, choice: int):
    """Through to the tools page (its search started), then back to send a test request."""
    to_tools_page(qtbot, wizard)
    wizard.back()  # the plan's own figures
    wizard.back()
    test = wizard.connection_page.test
    qtbot.waitUntil(lambda: test.reachability is not None and not test.busy)  # the free check
    test.protocol.setCurrentIndex(choice)
    with qtbot.waitSignal(test.tested, timeout=15_000):
        test.send_button.click()
    return test


def test_cancel_and_escape_ask_first_and_no_keeps_the_wizard(qtbot, stored_key, wizard):
    cancel_button(wizard).click()
    box = wizard.question
    assert box is not None and box.isVisible() and wizard.isVisible()
    assert "Kept: the key sk-sp-…rver, in the system keyring." in box.informativeText()
    assert "setup opens again the next time" in box.informativeText()  # a first run
    answer(box, "Stay")
    qtbot.waitUntil(lambda: wizard.question is None)
    assert wizard.isVisible() and wizard.result() == 0 and wizard.currentId() == PageId.WELCOME

    wizard.activateWindow()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    box = wizard.question
    assert box is not None and box.isVisible() and wizard.isVisible()
    with qtbot.waitSignal(wizard.rejected):
        answer(box, "Leave the setup")
    assert not wizard.isVisible()


def test_closing_the_window_asks_too(qtbot, wizard):
    wizard.close()
    assert wizard.isVisible() and wizard.question is not None
    answer(wizard.question, "Stay")
    assert wizard.isVisible()


def test_the_first_tab_does_not_land_on_cancel(qtbot, wizard):
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.welcome_page.acknowledge)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not cancel_button(wizard)
    assert wizard.question is None


def test_next_without_apply_asks_and_each_answer_does_what_it_says(
    qtbot, stored_key, wizard, origin, real_tools_on_path, home
):
    tool = to_tool_page(qtbot, wizard, "claude-code")
    page = wizard.tool_pages["claude-code"]
    settings_file = home / ".claude" / "settings.json"
    tool_page_id = wizard.tool_page_id("claude-code")

    # Stay: nothing changes, the page stays.
    next_button(wizard).click()
    assert page.question is not None
    # The name is kept whole on one line (a no-break space inside it).
    assert "Nothing was applied to Claude\u00a0Code" in page.question.text()
    answer(page.question, "Stay on this page")
    assert wizard.currentId() == tool_page_id and not settings_file.exists()

    # Skip: on to Finish, files untouched, and Finish says it was skipped.
    next_button(wizard).click()
    assert "skip Claude\u00a0Code" in page.question.informativeText()
    answer(page.question, "Skip Claude Code")
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.FINISH)
    assert not settings_file.exists()
    assert "✗ Claude Code: skipped, its files were not changed" in wizard.finish_page.text()

    # Apply: the change is written, then the wizard goes on by itself.
    wizard.back()
    assert wizard.currentId() == tool_page_id
    next_button(wizard).click()
    with qtbot.waitSignal(tool.changed):
        answer(page.question, "Apply and go on")
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.FINISH)
    assert "ANTHROPIC_BASE_URL" in settings_file.read_text()
    assert "◐ Claude Code: configured, not verified" in wizard.finish_page.text()

    # Once applied, Next asks no more; leaving now says the tool's setup stays.
    wizard.back()
    qtbot.waitUntil(lambda: tool.already_set_up())
    go_next(qtbot, wizard, PageId.FINISH)
    assert page.question is None
    assert any("Claude Code, as applied" in line for line in wizard.leaving_lines())


def test_a_missing_tool_cannot_be_applied_and_finish_says_so(
    qtbot, stored_key, wizard, origin, monkeypatch, tmp_path
):
    monkeypatch.setenv("PATH", str(tmp_path))  # no coding tool installed
    tool = to_tool_page(qtbot, wizard, "qwen-code")
    assert not tool.apply_button.isEnabled() and not tool.verify_button.isEnabled()
    assert "npm install -g @qwen-code/qwen-code" in tool.not_installed.text()
    assert tool.why_disabled.isVisible()
    go_next(qtbot, wizard, PageId.FINISH)  # nothing could be applied: no question
    text = wizard.finish_page.text()
    assert "✗ Qwen Code: skipped, not installed" in text
    assert "configured" not in text


def test_finish_after_a_refused_key_says_what_failed_and_what_to_do(
    qtbot, stored_key, wizard, origin, plan_server, monkeypatch, tmp_path
):
    monkeypatch.setenv("PATH", str(tmp_path))
    plan_server.scenario = "invalid_key"
    send_a_test_request(qtbot, wizard, 0)
    go_next(qtbot, wizard, PageId.CONSOLE)  # skipped
    go_next(qtbot, wizard, PageId.TOOLS)
    for row in wizard.tools_page.rows.values():
        row.check.setChecked(False)
    go_next(qtbot, wizard, PageId.FINISH)
    finish = wizard.finish_page
    text = finish.text()
    assert "◐ Key stored (sk-sp-…rver), but the plan refused it" in text
    assert "✗ Connection test failed: Key rejected" in text
    assert any("Coding Plan key" in line.remedy for line in finish.lines)  # what to do
    assert finish.title() == "Not everything works yet"
    # No tool was applied: none is listed as set up.
    assert not any("Claude Code" in line.text for line in finish.lines)


def test_finish_without_a_test_request_says_not_tested(qtbot, stored_key, wizard, origin):
    to_tools_page(qtbot, wizard)
    for row in wizard.tools_page.rows.values():
        row.check.setChecked(False)
    go_next(qtbot, wizard, PageId.FINISH)
    text = wizard.finish_page.text()
    assert "✓ Key stored in the system keyring: sk-sp-…rver" in text
    assert "– Connection not tested: the address is reachable" in text
    assert wizard.finish_page.title() == "Ready"


def test_after_a_401_the_key_page_says_stored_but_refused(
    qtbot, stored_key, wizard, origin, plan_server
):
    plan_server.scenario = "invalid_key"
    test = send_a_test_request(qtbot, wizard, 1)
    assert test.result_views["anthropic"].fix_labels()[0] == "Change the key"
    test.result_views["anthropic"].fix_buttons[0].click()  # back to the key page
    assert wizard.currentId() == PageId.KEY
    entry = wizard.key_page.entry
    assert entry.result.isVisible() and entry.result.kind is Kind.WARNING
    assert "Key stored, but the plan refused it" in entry.result.text()
    assert "401" in entry.result.text() and "Paste the right key" in entry.result.text()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    entry.result.fix_buttons[0].click()  # "Paste another key"
    assert entry.edit.hasFocus()

    # A new key: the refusal and the old answers are gone.
    plan_server.scenario = None
    entry.edit.setText(stored_key)
    go_next(qtbot, wizard, PageId.CONNECTION)
    assert entry.result.kind is Kind.SUCCESS and "refused" not in entry.result.text()
    assert test.results == [] and not test.result_views["anthropic"].isVisible()


def test_the_other_region_is_offered_unless_a_gateway_is_used(qtbot, wizard, monkeypatch):
    from codingplan.plan import Region
    from codingplan.ui.widgets.status import Fix

    test = wizard.connection_page.test
    wizard.connection_page.initializePage()  # not shown: nothing is checked or sent
    assert Fix.SWITCH_REGION in test.fixes
    wizard.switch_region()
    assert wizard.region() is Region.CN and wizard.key_page.entry.region() is Region.CN
    assert test.endpoints().origin == Region.CN.info.origin
    monkeypatch.setenv("CODINGPLAN_ORIGIN", "http://127.0.0.1:9")
    wizard.connection_page.initializePage()
    assert Fix.SWITCH_REGION not in test.fixes
