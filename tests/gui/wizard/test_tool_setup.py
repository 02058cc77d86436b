"""The tool widgets: a masked diff before any change, consent for a copy of the key, apply and
revert, a refused unparsable file, a file changed after the preview, and the guided page's
copy buttons and self-clearing key copy."""

from __future__ import annotations

import json
import os
import stat

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton

from codingplan import actions
from codingplan.plan import Tier
from codingplan.tools.types import ChangeSet, KeyMode
from codingplan.ui.widgets.clipboard import SecretClipboard
from codingplan.ui.widgets.tool_setup import GuidedToolWidget, ToolSetupWidget
from tests.fakes.plan_server import TEST_KEY

pytestmark = pytest.mark.secret_service


def previewed(qtbot, widget: ToolSetupWidget, action=None):
    """Runs ``action`` (default: show the widget) and waits for the preview it causes."""
    with qtbot.waitSignal(widget.previewed, timeout=10_000) as blocker:
        (action or widget.show)()
    return blocker.args[0]


def tool_widget(qtbot, model, tool_id: str = "claude-code") -> tuple[ToolSetupWidget, object]:
    """The widget shown, once its preview and the tool's state are known."""
    widget = ToolSetupWidget(model, tool_id)
    qtbot.addWidget(widget)
    planned = previewed(qtbot, widget)
    qtbot.waitUntil(lambda: widget.tool_status is not None and widget.verify_known)
    return widget, planned


def idle(qtbot, widget, action, timeout: int = 10_000) -> None:
    with qtbot.waitSignal(widget.busy_changed, timeout=timeout, check_params_cb=lambda b: not b):
        action()


def test_preview_then_apply_then_revert(qtbot, model, origin, home, real_tools_on_path):
    settings_file = home / ".claude" / "settings.json"
    settings_file.parent.mkdir()
    original = b'{\n  "theme": "dark"\n}\n'
    settings_file.write_bytes(original)
    widget, planned = tool_widget(qtbot, model)
    assert isinstance(planned, ChangeSet) and not planned.empty
    shown = widget.diff.toPlainText()
    assert f'+    "ANTHROPIC_BASE_URL": "{origin}/apps/anthropic"' in shown
    assert '"apiKeyHelper"' in shown  # keyring mode: the tool asks this app for the key
    assert not widget.consent.isVisible()
    assert widget.apply_button.isEnabled()

    with qtbot.waitSignal(widget.changed):
        widget.apply_button.click()
    data = json.loads(settings_file.read_text())
    assert (
        data["theme"] == "dark" and data["env"]["ANTHROPIC_BASE_URL"] == f"{origin}/apps/anthropic"
    )
    assert "Backup of the earlier file" in widget.result.text()
    assert model.settings.tools["claude-code"] == {
        "model": "qwen3-coder-plus",
        "key_mode": "keyring",
    }
    qtbot.waitUntil(lambda: widget.change_set is not None and widget.change_set.empty)
    assert "Nothing to change" in widget.preview_label.text()

    with qtbot.waitSignal(widget.changed):
        widget.revert_button.click()
    assert settings_file.read_bytes() == original
    assert "Reverted" in widget.result.text()


def test_a_key_copy_in_a_file_needs_consent(
    qtbot, model, origin, stored_key, home, real_tools_on_path
):
    widget, _ = tool_widget(qtbot, model)
    inline = next(b for b in widget.key_modes.buttons() if b.property("key_mode") == "inline")
    planned = previewed(qtbot, widget, inline.click)
    settings_file = home / ".claude" / "settings.json"
    assert planned.key_files == (settings_file,)
    assert widget.consent.isVisible()
    assert str(settings_file) in widget.summary.key.text() and "0600" in widget.summary.key.text()
    assert not widget.apply_button.isEnabled()
    assert TEST_KEY not in widget.diff.toPlainText()
    assert "sk-sp-…rver" in widget.diff.toPlainText()

    widget.consent.click()
    assert widget.apply_button.isEnabled()
    with qtbot.waitSignal(widget.changed):
        widget.apply_button.click()
    assert json.loads(settings_file.read_text())["env"]["ANTHROPIC_AUTH_TOKEN"] == TEST_KEY
    assert stat.S_IMODE(os.stat(settings_file).st_mode) == 0o600
    assert model.settings.tools["claude-code"]["key_mode"] == KeyMode.INLINE.value


def test_an_unparsable_file_is_named_with_its_line_and_left_alone(qtbot, model, origin, home):
    settings_file = home / ".claude" / "settings.json"
    settings_file.parent.mkdir()
    broken = b'{\n  "theme": "dark",\n  "env": {,}\n}\n'
    settings_file.write_bytes(broken)
    widget, error = tool_widget(qtbot, model)
    assert error.code == "config_unparsable"
    text = widget.preview_error.text()
    assert str(settings_file) in text and "line 3" in text
    assert not widget.apply_button.isEnabled()
    assert settings_file.read_bytes() == broken


def test_a_file_changed_after_the_preview_is_previewed_again(
    qtbot, model, origin, home, real_tools_on_path
):
    widget, first = tool_widget(qtbot, model)
    settings_file = home / ".claude" / "settings.json"
    settings_file.parent.mkdir(exist_ok=True)
    settings_file.write_text('{"theme": "light"}\n')  # the person edits it meanwhile

    second = previewed(qtbot, widget, widget.apply_button.click)
    assert "changed since the preview" in widget.result.text()
    assert "nothing was written" in widget.result.text()
    assert settings_file.read_text() == '{"theme": "light"}\n'
    assert second is not first and '"theme": "light"' in widget.diff.toPlainText()
    with qtbot.waitSignal(widget.changed):
        widget.apply_button.click()
    assert json.loads(settings_file.read_text())["theme"] == "light"


def test_pro_only_models_are_marked_and_the_config_folder_opens(
    qtbot, model, origin, home, monkeypatch
):
    from codingplan.ui.widgets import links

    widget, _ = tool_widget(qtbot, model)
    combo = widget.model_choice.combo
    index = combo.findData("qwen3.6-plus")
    assert "Pro only" in combo.itemText(index) and "Pro only" not in combo.itemText(0)
    widget.set_plan(None, Tier.LITE)
    planned = previewed(qtbot, widget, lambda: combo.setCurrentIndex(index))
    assert planned.options.model == "qwen3.6-plus"
    assert widget.model_choice.warning.isVisible()

    opened = []
    monkeypatch.setattr(links, "open_url", lambda url: opened.append(url.toLocalFile()) or True)
    qtbot.waitUntil(widget.folder_button.isEnabled)
    widget.folder_button.click()
    assert opened == [str(home)]  # ~/.claude does not exist yet: its nearest folder


def test_verify_says_what_it_costs(qtbot, model, origin, real_tools_on_path):
    widget, _ = tool_widget(qtbot, model)
    assert "uses about 1 request" in widget.verify_button.text()
    # Not before Apply: the run would not go to the plan.
    assert not widget.verify_button.isEnabled() and widget.apply_button.isEnabled()
    assert "Verify is off: Claude Code is not set up for the plan yet" in widget.why_disabled.text()


def test_a_tool_not_installed_cannot_be_applied_or_verified(qtbot, model, origin, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    widget, planned = tool_widget(qtbot, model)
    assert isinstance(planned, ChangeSet) and not planned.empty  # there is a change to show
    assert not widget.apply_button.isEnabled() and not widget.verify_button.isEnabled()
    assert not widget.revert_button.isEnabled()  # nothing was set here: nothing to undo
    assert "not installed" in widget.why_disabled.text() and widget.why_disabled.isVisible()
    notice = widget.not_installed
    assert notice.isVisible() and "npm install -g @anthropic-ai/claude-code" in notice.text()
    copy = next(b for b in notice.fix_buttons if b.text() == "Copy the command")
    copy.click()
    assert QGuiApplication.clipboard().text() == "npm install -g @anthropic-ai/claude-code"
    widget.apply()  # a click that got through anyway changes nothing
    assert not widget.busy and widget.change_set is planned
    # Set up earlier (from the command line, say), it can be undone, installed or not.
    actions.apply(actions.preview_configure("claude-code", widget.options()))
    widget.refresh()
    qtbot.waitUntil(widget.revert_button.isEnabled)
    assert not widget.apply_button.isEnabled()


def test_the_guided_page_gives_what_to_enter_with_copy_buttons(qtbot, model, origin):
    widget = GuidedToolWidget(model, "cursor")
    qtbot.addWidget(widget)
    widget.show()
    fields = [e.text() for e in widget.findChildren(QLineEdit)]
    assert f"{origin}/v1" in fields and "qwen3-coder-plus" in fields
    copy_url = next(b for b in widget.findChildren(QPushButton) if "base URL" in b.accessibleName())
    copy_url.click()
    assert QGuiApplication.clipboard().text() == f"{origin}/v1"
    assert "Override OpenAI Base URL" in widget.steps.text()
    # No dot in the default model: no note that it "becomes" itself.
    assert "becomes" not in widget.notes.text()


def test_copy_key_puts_it_on_the_clipboard_and_takes_it_off_again(qtbot, model, stored_key):
    clipboard = SecretClipboard(clear_after_s=0.2)
    widget = GuidedToolWidget(model, "kilo-code", clipboard=clipboard)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.key_copied):
        widget.copy_key_button.click()
    assert QGuiApplication.clipboard().text() == TEST_KEY
    assert TEST_KEY not in widget.key_result.text()
    with qtbot.waitSignal(clipboard.cleared):
        pass
    assert QGuiApplication.clipboard().text() == ""


def test_the_clear_leaves_what_the_person_copied_since(qtbot, model, stored_key):
    clipboard = SecretClipboard(clear_after_s=0.2)
    widget = GuidedToolWidget(model, "kilo-code", clipboard=clipboard)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.key_copied):
        widget.copy_key_button.click()
    QGuiApplication.clipboard().setText("something else")
    with qtbot.waitSignal(clipboard.cleared):
        pass
    assert QGuiApplication.clipboard().text() == "something else"


def test_a_plain_summary_sits_above_the_folded_diff(qtbot, model, origin, real_tools_on_path):
    widget, _ = tool_widget(qtbot, model)
    summary = widget.summary
    assert summary.isVisible()
    assert summary.address.text() == f"{origin}/apps/anthropic"
    assert "qwen3-coder-plus" in summary.model.text()
    assert "From the system keyring" in summary.key.text()  # through this app, no file copy
    assert ".claude/settings.json (created)" in summary.files.text()
    # The diff is there, folded: one click shows it.
    assert not widget.diff.isVisible() and widget.show_changes.isVisible()
    assert summary.geometry().bottom() < widget.show_changes.geometry().top()
    widget.show_changes.click()
    assert widget.diff.isVisible() and "ANTHROPIC_BASE_URL" in widget.diff.toPlainText()
    assert widget.show_changes.text() == "Hide the changes"


def test_the_summary_says_when_the_key_is_written_into_a_file(
    qtbot, model, origin, stored_key, home, real_tools_on_path
):
    widget, planned = tool_widget(qtbot, model, "qwen-code")
    assert widget.summary.address.text() == f"{origin}/v1"
    assert planned.key_files and str(planned.key_files[0]) in widget.summary.key.text()
    assert "mode 0600" in widget.summary.key.text()


@pytest.fixture
def chinese(qapp):
    from codingplan.ui import translations

    translations.install(qapp, "zh_CN")
    yield
    translations.install(qapp, "en")


def in_sight(widget, window) -> bool:
    """The whole of ``widget`` lies inside ``window``'s area."""
    place = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return window.rect().contains(place)


def test_the_action_row_stays_in_sight_in_a_short_window(
    qtbot, model, origin, chinese, stored_key, real_tools_on_path
):
    from PySide6.QtWidgets import QWizard

    from codingplan.ui.wizard.wizard import SetupWizard
    from tests.gui.wizard.steps import to_tool_page

    with qtbot.waitSignal(model.key_changed):
        wizard = SetupWizard(model)
    qtbot.addWidget(wizard)
    wizard.resize(wizard.minimumSize())
    wizard.show()
    qtbot.waitExposed(wizard)
    tool = to_tool_page(qtbot, wizard, "claude-code")
    tool.show_changes.click()  # the longest the page gets: the diff open, the guide too
    wizard.tool_pages["claude-code"].show_guide.click()
    qtbot.wait(100)
    assert wizard.size() == wizard.minimumSize()
    assert tool.scroll_area.verticalScrollBar().maximum() > 0  # the page does scroll
    for button in (tool.apply_button, tool.verify_button, tool.revert_button):
        assert button.isVisible() and not tool.scroll_area.isAncestorOf(button)
        assert in_sight(button, wizard), button.text()
        assert button.width() >= button.sizeHint().width(), button.text()  # not cut off
    assert in_sight(wizard.button(QWizard.WizardButton.NextButton), wizard)
