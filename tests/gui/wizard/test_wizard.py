"""The setup wizard end to end against the fake plan, the real keyring and the real tools:
from the notice to a verified Claude Code and saved settings; then each way a step can fail,
a re-run, and the whole way through with the keyboard alone."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QWizard

from codingplan import keystore, paths
from codingplan import settings as settings_mod
from codingplan.autostart import Autostart
from codingplan.plan import Region, Tier
from codingplan.ui.texts import number
from codingplan.ui.wizard.wizard import PageId, SetupWizard
from tests.fakes.plan_server import TEST_KEY
from tests.gui.wizard.steps import go_next, next_button, page_text, to_key_page

pytestmark = pytest.mark.secret_service


@pytest.mark.realtools
def test_first_run_to_a_verified_claude_code(
    qtbot, model, wizard, origin, plan_server, real_tools_on_path, home
):
    # Welcome: the cross-border notice must be acknowledged.
    assert wizard.currentId() == PageId.WELCOME
    assert "transferred across borders" in page_text(wizard.welcome_page)
    assert not next_button(wizard).isEnabled()
    wizard.welcome_page.acknowledge.click()
    go_next(qtbot, wizard, PageId.PLAN)

    # Plan: Lite, International, renewing on 14 January: the month turns on the 15th.
    plan = wizard.plan_page
    lite = next(b for b in plan.tiers.buttons() if b.property("tier") == "lite")
    assert f"{number(1_200)} requests per 5 hours" in page_text(plan)
    assert "US$50" in page_text(plan)
    lite.click()
    plan.day.edit.setDate(QDate(2027, 1, 14))
    assert "month turns at 00:00 (UTC+8) on the 15th" in plan.day.note.text()
    go_next(qtbot, wizard, PageId.KEY)

    # Key: stored in the keyring when Next is pressed; the wizard moves on once it is.
    entry = wizard.key_page.entry
    qtbot.keyClicks(entry.edit, TEST_KEY)
    go_next(qtbot, wizard, PageId.CONNECTION)
    assert keystore.get_key() == TEST_KEY
    assert entry.edit.text() == ""

    # Connection: the free check ran by itself; the test request sends what the button says.
    test = wizard.connection_page.test
    qtbot.waitUntil(lambda: test.reachability is not None)
    assert test.reachability.ok and plan_server.model_requests() == []
    assert "uses 2 requests" in test.send_button.text()
    with qtbot.waitSignal(test.tested, timeout=15_000) as blocker:
        test.send_button.click()
    assert [r.ok for r in blocker.args[0]] == [True, True]
    assert len(plan_server.model_requests()) == test.requests_promised() == 2
    go_next(qtbot, wizard, PageId.CONSOLE)  # skipped
    go_next(qtbot, wizard, PageId.TOOLS)

    # Tools: the real tools are found with their versions; only Claude Code is kept.
    tools_page = wizard.tools_page
    qtbot.waitUntil(lambda: tools_page.found is not None, timeout=30_000)
    claude_row = tools_page.rows["claude-code"]
    assert claude_row.check.isChecked() and "Not set up yet" in claude_row.detail.text()
    assert tools_page.found.statuses["claude-code"].detection.version in claude_row.detail.text()
    for tool_id, row in tools_page.rows.items():
        if tool_id != "claude-code" and row.check.isChecked():
            row.check.click()
    assert tools_page.chosen() == ["claude-code"]
    go_next(qtbot, wizard, wizard.tool_page_id("claude-code"))

    # Claude Code: a masked diff, Apply writes the file, Verify runs the real `claude -p`.
    tool = wizard.tool_pages["claude-code"].setup_widget
    qtbot.waitUntil(lambda: tool.change_set is not None and not tool.change_set.empty)
    assert f"{origin}/apps/anthropic" in tool.diff.toPlainText()
    assert TEST_KEY not in tool.diff.toPlainText()
    with qtbot.waitSignal(tool.changed):
        tool.apply_button.click()
    written = json.loads((home / ".claude" / "settings.json").read_text())
    assert written["env"]["ANTHROPIC_BASE_URL"] == f"{origin}/apps/anthropic"
    before_verify = len(plan_server.model_requests())
    qtbot.waitUntil(tool.verify_button.isEnabled)  # once the tool is seen set up for the plan
    with qtbot.waitSignal(tool.verified, timeout=200_000) as blocker:
        tool.verify_button.click()
    result = blocker.args[0]
    assert (result.ok, result.category) == (True, "ok"), result.output
    assert "Works" in tool.result.text() and TEST_KEY not in tool.result.text()
    assert len(plan_server.model_requests()) > before_verify
    go_next(qtbot, wizard, PageId.FINISH)

    # Finish: start at login, then everything is saved at once.
    finish = wizard.finish_page
    assert (
        "Lite" in finish.text()
        and "✓ Key stored in the system keyring: sk-sp-…rver" in finish.text()
    )
    assert "✓ Connection verified" in finish.text()
    assert "✓ Claude Code: configured and verified" in finish.text()
    finish.start_at_login.click()
    with qtbot.waitSignal(wizard.finished):  # once the login entry is made
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert Autostart().is_enabled()
    saved = settings_mod.load().settings
    assert (saved.tier, saved.region, saved.subscription_day) == (Tier.LITE, Region.INTL, 15)
    assert saved.setup_complete and saved.start_at_login
    assert [c["tier"] for c in saved.tier_changes] == ["lite"]
    assert saved.tools["claude-code"]["key_mode"] == "keyring"
    assert TEST_KEY not in paths.settings_file().read_text()


def test_a_malformed_or_general_key_blocks_next_with_its_message(qtbot, wizard):
    to_key_page(qtbot, wizard)
    entry = wizard.key_page.entry
    assert not next_button(wizard).isEnabled()  # nothing typed and nothing stored
    qtbot.keyClicks(entry.edit, "sk-0123456789abcdef0123")
    assert "general Model Studio key" in entry.check_message.text()
    assert not next_button(wizard).isEnabled()
    entry.edit.setText("sk-sp-has spaces")
    assert "space or line break" in entry.check_message.text()
    assert not next_button(wizard).isEnabled()
    entry.edit.setText(TEST_KEY)
    assert next_button(wizard).isEnabled()


def test_without_a_keyring_the_key_page_stays_and_says_why(qtbot, wizard, no_keyring):
    to_key_page(qtbot, wizard)
    entry = wizard.key_page.entry
    entry.edit.setText(TEST_KEY)
    with qtbot.waitSignal(entry.store_failed):
        next_button(wizard).click()
    assert wizard.currentId() == PageId.KEY
    assert "No system keyring is available" in entry.result.text()
    assert "Secret Service provider" in entry.result.text()
    assert no_keyring.get_password(keystore.SERVICE, keystore.ACCOUNT) is None


@pytest.mark.parametrize(
    ("scenario", "category", "remedy_words"),
    [
        ("invalid_key", "Key rejected", "Coding Plan key"),
        ("quota_5h", "5-hour quota used up", "5 hours after"),
    ],
)
def test_a_failed_test_request_is_explained_and_can_be_skipped(
    qtbot, stored_key, wizard, origin, plan_server, scenario, category, remedy_words
):
    plan_server.scenario = scenario
    to_key_page(qtbot, wizard)
    go_next(qtbot, wizard, PageId.CONNECTION)  # a key is stored already: it is kept
    test = wizard.connection_page.test
    qtbot.waitUntil(lambda: test.reachability is not None)
    test.protocol.setCurrentIndex(1)  # Anthropic-compatible only
    with qtbot.waitSignal(test.tested, timeout=15_000):
        test.send_button.click()
    assert len(plan_server.model_requests()) == 1
    text = test.result_views["anthropic"].text()
    assert category in text and remedy_words in text
    go_next(qtbot, wizard, PageId.CONSOLE)  # skipped
    go_next(qtbot, wizard, PageId.TOOLS)


def test_an_unreachable_address_is_explained_and_can_be_skipped(
    qtbot, stored_key, wizard, monkeypatch
):
    monkeypatch.setenv("CODINGPLAN_ORIGIN", "http://127.0.0.1:9")  # discard: nothing listens
    to_key_page(qtbot, wizard)
    go_next(qtbot, wizard, PageId.CONNECTION)
    test = wizard.connection_page.test
    qtbot.waitUntil(lambda: test.reachability is not None)
    assert "Network problem" in test.reach_result.text()
    assert "Check the address and port" in test.reach_result.text()
    go_next(qtbot, wizard, PageId.CONSOLE)  # skipped
    go_next(qtbot, wizard, PageId.TOOLS)


def test_a_rerun_starts_from_the_settings_and_records_an_upgrade(qtbot, model, stored_key, origin):
    model.update_settings(
        tier=Tier.LITE, region=Region.CN, subscription_day=31, setup_complete=True
    )
    first_change = list(model.settings.tier_changes)
    with qtbot.waitSignal(model.key_changed):
        wizard = SetupWizard(model)
    qtbot.addWidget(wizard)
    wizard.show()
    assert (wizard.tier(), wizard.region(), wizard.day()) == (Tier.LITE, Region.CN, 31)
    to_key_page(qtbot, wizard)
    assert "sk-sp-…rver" in wizard.key_page.entry.current.text()
    wizard.back()
    wizard.back()
    pro = next(b for b in wizard.plan_page.tiers.buttons() if b.property("tier") == "pro")
    pro.click()
    wizard.welcome_page.acknowledge.setChecked(True)
    go_next(qtbot, wizard, PageId.PLAN)
    go_next(qtbot, wizard, PageId.KEY)
    go_next(qtbot, wizard, PageId.CONNECTION)
    go_next(qtbot, wizard, PageId.CONSOLE)  # skipped
    go_next(qtbot, wizard, PageId.TOOLS)
    for row in wizard.tools_page.rows.values():
        row.check.setChecked(False)
    go_next(qtbot, wizard, PageId.FINISH)
    with qtbot.waitSignal(wizard.finished):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    saved = settings_mod.load().settings
    assert saved.tier is Tier.PRO and saved.region is Region.CN
    assert [c["tier"] for c in saved.tier_changes] == [c["tier"] for c in first_change] + ["pro"]


def test_missing_tools_get_their_install_command_and_node_a_hint(
    qtbot, stored_key, wizard, origin, monkeypatch, tmp_path
):
    monkeypatch.setenv("PATH", str(tmp_path))  # neither the tools nor Node.js
    to_key_page(qtbot, wizard)
    go_next(qtbot, wizard, PageId.CONNECTION)
    go_next(qtbot, wizard, PageId.CONSOLE)  # skipped
    go_next(qtbot, wizard, PageId.TOOLS)
    page = wizard.tools_page
    qtbot.waitUntil(lambda: page.found is not None)
    commands = {
        "claude-code": "npm install -g @anthropic-ai/claude-code",
        "qwen-code": "npm install -g @qwen-code/qwen-code",
        "cline": "npm install -g cline",
        "opencode": "npm install -g opencode-ai",
    }
    for tool_id, command in commands.items():
        row = page.rows[tool_id]
        assert "Not installed" in row.detail.text() and command in row.detail.text()
        assert not row.check.isChecked() and row.copy.isVisible()
    assert page.node_hint.isVisible() and "https://nodejs.org" in page.node_hint.text()
    page.rows["claude-code"].copy.click()
    assert QApplication.clipboard().text() == commands["claude-code"]
    page.rows["cursor"].check.click()  # a guided tool gets its own page too
    go_next(qtbot, wizard, wizard.tool_page_id("cursor"))
    assert "Override OpenAI Base URL" in wizard.tool_pages["cursor"].guide.steps.text()
    go_next(qtbot, wizard, PageId.FINISH)


def press(qtbot, key: Qt.Key) -> None:
    """A key press where the keyboard focus is, as a person's would land."""
    qtbot.keyClick(QApplication.focusWidget(), key)


def test_the_first_pages_with_the_keyboard_alone(qtbot, wizard, origin):
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.welcome_page.acknowledge)
    press(qtbot, Qt.Key.Key_Return)  # the notice is not acknowledged yet: nothing happens
    assert wizard.currentId() == PageId.WELCOME
    press(qtbot, Qt.Key.Key_Space)
    assert wizard.welcome_page.acknowledge.isChecked()
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.PLAN

    plan = wizard.plan_page
    assert QApplication.focusWidget() is plan.tiers.checkedButton()  # Pro, the default
    press(qtbot, Qt.Key.Key_Up)
    assert plan.tier() is Tier.LITE
    for _ in range(8):  # on through the region to the renewal date
        if plan.day.edit.hasFocus():
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert plan.day.edit.hasFocus()
    shown = plan.day.renewal()
    plan.day.edit.setSelectedSection(QDateTimeEdit.Section.DaySection)
    press(qtbot, Qt.Key.Key_Down)  # a day earlier: the month turns on the date shown before
    assert plan.day.renewal() == shown - timedelta(days=1)
    assert plan.day.turn_day() == shown.day
    press(qtbot, Qt.Key.Key_Return)
    assert wizard.currentId() == PageId.KEY
    assert QApplication.focusWidget() is wizard.key_page.entry.edit
    qtbot.keyClicks(QApplication.focusWidget(), TEST_KEY)
    press(qtbot, Qt.Key.Key_Return)  # Next: stores the key, then moves on
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.CONNECTION)
    assert keystore.get_key() == TEST_KEY
    # The focus is not on the paid button: Enter goes on without spending a request.
    assert QApplication.focusWidget() is wizard.connection_page.test.protocol
