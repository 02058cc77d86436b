"""Entering the key: the live check's specific messages, storing it in the real keyring,
a clear message when there is no keyring, and the new key carried into tools holding a copy."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from codingplan import keystore
from codingplan.integrations import adapter
from codingplan.tools.types import ConfigureOptions, KeyMode
from codingplan.ui.widgets.key_entry import KeyEntryWidget
from codingplan.ui.widgets.status import Kind
from tests.fakes.plan_server import TEST_KEY

pytestmark = pytest.mark.secret_service

NEW_KEY = "sk-sp-another0fake0key0for0rotation"


def entry_for(qtbot, model) -> KeyEntryWidget:
    with qtbot.waitSignal(model.key_changed):
        widget = KeyEntryWidget(model)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def visible_text(widget) -> str:
    """What a person can read in the widget (labels and read-only fields)."""
    texts = [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
    texts += [e.text() for e in widget.findChildren(QLineEdit) if e.echoMode() == e.EchoMode.Normal]
    return "\n".join(texts)


def store_with_enter(qtbot, widget, raw: str):
    widget.edit.setText(raw)
    with qtbot.waitSignal(widget.busy_changed, check_params_cb=lambda busy: not busy):
        qtbot.keyClick(widget.edit, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("sk-0123456789abcdef", "general Model Studio key"),
        ("pk-sp-abcdef", "start with 'sk-sp-'"),
        ("sk-sp-abc def", "space or line break"),
        ("sk-sp-", "ends right after 'sk-sp-'"),
        ("sk-sp-a", "cut short"),  # a truncated paste: red, never the green tick
    ],
)
def test_the_live_check_names_the_problem(qtbot, model, typed, message):
    widget = entry_for(qtbot, model)
    with qtbot.waitSignal(widget.validity_changed) as blocker:
        qtbot.keyClicks(widget.edit, typed)
    assert blocker.args == [False]
    assert message in widget.check_message.text()
    assert widget.check_message.kind is Kind.ERROR
    assert not widget.can_continue()


def test_a_good_key_is_stored_in_the_keyring_and_leaves_the_widget(qtbot, model):
    widget = entry_for(qtbot, model)
    assert "Secret Service" in widget.where.text()
    assert "codingplan" in widget.where.text() and "plan-key" in widget.where.text()
    assert not widget.store_button.isEnabled()
    qtbot.keyClicks(widget.edit, TEST_KEY)
    assert widget.can_continue() and widget.edit.echoMode() == QLineEdit.EchoMode.Password
    assert widget.store_button.isEnabled()
    with qtbot.waitSignal(widget.stored) as blocker:
        widget.store_button.click()
    assert keystore.get_key() == TEST_KEY
    assert blocker.args == ["sk-sp-…rver"]
    assert widget.edit.text() == ""
    assert widget.key_ready() and widget.can_continue()
    assert "sk-sp-…rver" in widget.result.text()
    assert TEST_KEY not in visible_text(widget)


def test_show_reveals_the_typed_key_only_while_checked(qtbot, model):
    widget = entry_for(qtbot, model)
    widget.edit.setText(TEST_KEY)
    widget.show_key.setChecked(True)
    assert widget.edit.echoMode() == QLineEdit.EchoMode.Normal
    widget.show_key.setChecked(False)
    assert widget.edit.echoMode() == QLineEdit.EchoMode.Password


def test_no_keyring_says_so_and_stores_nothing(qtbot, model, no_keyring):
    widget = entry_for(qtbot, model)
    assert "No system keyring is available" in widget.where.text()
    assert "Secret Service provider" in widget.where.text()
    with qtbot.waitSignal(widget.store_failed) as blocker:
        widget.edit.setText(TEST_KEY)
        widget.store()
    assert blocker.args[0].code == "keyring_unavailable"
    assert "The key was not stored" in widget.result.text()
    assert "No system keyring is available" in widget.result.text()
    assert widget.edit.text() == TEST_KEY  # kept, so the person can try again
    assert not widget.key_ready()


def test_the_console_link_follows_the_region(qtbot, model, monkeypatch):
    from codingplan.plan import Region
    from codingplan.ui.widgets import links

    opened = []
    monkeypatch.setattr(links, "open_url", lambda url: opened.append(url.toString()) or True)
    widget = entry_for(qtbot, model)
    widget.set_region(Region.CN)
    widget.console_button.click()
    assert opened == [Region.CN.info.console_url]


def test_a_new_key_is_offered_to_tools_holding_the_old_one(qtbot, model, origin, stored_key, home):
    claude = adapter("claude-code")
    options = ConfigureOptions("qwen3-coder-plus", KeyMode.INLINE, model.endpoints())
    claude.apply(claude.preview(options, TEST_KEY))
    settings_file = home / ".claude" / "settings.json"
    assert json.loads(settings_file.read_text())["env"]["ANTHROPIC_AUTH_TOKEN"] == TEST_KEY

    widget = entry_for(qtbot, model)
    store_with_enter(qtbot, widget, NEW_KEY)
    assert widget.rotation_box.isVisible()
    assert "Claude Code" in widget.rotation_text.text()
    shown = widget.rotation_diff.toPlainText()
    assert "sk-sp-…tion" in shown and NEW_KEY not in shown and TEST_KEY not in shown
    with qtbot.waitSignal(widget.rotation_applied):
        widget.rotation_button.click()
    assert json.loads(settings_file.read_text())["env"]["ANTHROPIC_AUTH_TOKEN"] == NEW_KEY
    assert "Claude Code" in widget.rotation_result.text()


def test_the_key_dialog_is_titled_for_storing_until_a_key_is_stored(qtbot, model):
    from codingplan.ui.widgets.key_entry import KeyDialog

    if keystore.status().stored:
        keystore.delete_key()
    model.refresh_key()
    qtbot.waitUntil(lambda: model.key_status is not None and not model.key_status.stored)
    dialog = KeyDialog(model)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Store the key"
    dialog.entry.edit.setText(TEST_KEY)
    with qtbot.waitSignal(model.key_changed, check_params_cb=lambda status: status.stored):
        dialog.entry.store()
    assert dialog.windowTitle() == "Replace the key"
    # The stored key's last four characters tell which key it is.
    assert "sk-sp-…rver" in dialog.entry.current.text()
    keystore.delete_key()
