"""The app does each thing as the command line does it, because both call the same action:
a status line declined on the command line stays declined in the app; removing the key
offers to revert the tools holding a copy; start at login is saved only with its entry made,
off the GUI thread; a new key reaches every tool that can take it and names the one that
cannot; Verify is refused for a tool not set up for the plan; Revert of a tool never set up
says there is nothing to revert."""

from __future__ import annotations

import json
import sys
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from codingplan import settings as settings_mod
from codingplan.ui.dashboard.key_tab import KeyTab
from codingplan.ui.widgets.key_entry import KeyEntryWidget
from codingplan.ui.widgets.status import Kind
from codingplan.ui.widgets.tool_setup import ToolSetupWidget
from codingplan.ui.wizard.wizard import PageId
from tests.fakes.plan_server import TEST_KEY
from tests.gui.wizard.steps import answer, go_next, to_tools_page

pytestmark = pytest.mark.secret_service
NEW_KEY = "sk-sp-one0door0rotated0key0for0tests"


def shown_widget(qtbot, model, tool_id: str) -> ToolSetupWidget:
    """A tool's page, once its preview, its state and whether Verify may run are known."""
    widget = ToolSetupWidget(model, tool_id)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.previewed, timeout=10_000):
        widget.show()
    qtbot.waitUntil(lambda: widget.tool_status is not None and widget.verify_known)
    return widget


def idle(qtbot, widget, action) -> None:
    with qtbot.waitSignal(widget.busy_changed, timeout=10_000, check_params_cb=lambda b: not b):
        action()


def run_ok(cli, origin: str, *args: str, stdin: str | None = None) -> None:
    result = cli(*args, input=stdin, env={"CODINGPLAN_ORIGIN": origin})
    assert result.returncode == 0, result.stderr


# --- 1. the tool's own options: Claude Code's status line ---------------------------------


def test_a_status_line_declined_on_the_command_line_stays_declined_in_the_app(
    qtbot, model, origin, home, cli, real_tools_on_path
):
    settings_file = home / ".claude" / "settings.json"
    run_ok(cli, origin, "configure", "claude-code", "--yes", "--no-status-line")
    assert "statusLine" not in json.loads(settings_file.read_text())
    model.reload_settings()

    widget = shown_widget(qtbot, model, "claude-code")
    widget.model_choice.set_model("glm-5")  # a later change, made in the app
    qtbot.waitUntil(lambda: widget.change_set is not None and widget.can_apply())
    with qtbot.waitSignal(widget.changed):
        widget.apply_button.click()
    written = json.loads(settings_file.read_text())
    assert written["env"]["ANTHROPIC_MODEL"] == "glm-5"
    assert "statusLine" not in written  # the decline holds
    assert settings_mod.load().settings.tools["claude-code"]["status_line"] is False

    # The choice is on the page, made from Claude Code's declaration, as it was left.
    box = widget.extras["status_line"]
    assert box.isVisible() and not box.isChecked()
    assert "status line" in box.text()
    box.setChecked(True)  # asked for after all: shown, then applied
    qtbot.waitUntil(
        lambda: widget.change_set is not None and "statusLine" in widget.change_set.diff
    )
    with qtbot.waitSignal(widget.changed):
        widget.apply_button.click()
    assert "usage --line" in json.loads(settings_file.read_text())["statusLine"]["command"]
    assert "status_line" not in settings_mod.load().settings.tools["claude-code"]


# --- 2. removing the key ----------------------------------------------------------------------


def test_removing_the_key_in_the_app_offers_to_revert_the_tools_holding_a_copy(
    qtbot, model, origin, stored_key, home, cli
):
    run_ok(cli, origin, "configure", "qwen-code", "--yes")  # the key is kept in its .env
    dotenv = home / ".qwen" / ".env"
    assert TEST_KEY in dotenv.read_text()
    model.refresh_key()
    tab = KeyTab(model)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(tab.remove.isEnabled)

    tab.remove.click()
    qtbot.waitUntil(lambda: bool(tab.findChildren(QMessageBox)))
    (box,) = tab.findChildren(QMessageBox)
    assert "Qwen Code" in box.text() and "Revert" in box.text()
    answer(box, "Revert them and remove")
    qtbot.waitUntil(lambda: "Key removed" in tab.result.text(), timeout=10_000)
    assert "Qwen Code is reverted." in tab.result.text()
    assert not dotenv.exists()  # this app made the file: reverting takes it away
    qtbot.waitUntil(lambda: model.key_status is not None and not model.key_status.stored)
    assert tab.key_label.text() == "Not stored yet"


def test_removing_the_key_can_leave_the_copies_and_says_where_they_are(
    qtbot, model, origin, stored_key, home, cli
):
    run_ok(cli, origin, "configure", "qwen-code", "--yes")
    model.refresh_key()
    tab = KeyTab(model)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(tab.remove.isEnabled)
    tab.remove.click()
    qtbot.waitUntil(lambda: bool(tab.findChildren(QMessageBox)))
    answer(tab.findChildren(QMessageBox)[0], "Remove, keep the copies")
    qtbot.waitUntil(lambda: "Key removed" in tab.result.text(), timeout=10_000)
    assert "Qwen Code still holds a copy of the key" in tab.result.text()
    assert tab.result.kind is Kind.WARNING
    assert TEST_KEY in (home / ".qwen" / ".env").read_text()


# --- 3. start at login ------------------------------------------------------------------------


def _blocked_login_entry(home) -> None:
    """The login entry cannot be written: a folder stands where it goes (even for root)."""
    (home / ".config" / "autostart" / "codingplan.desktop").mkdir(parents=True)


def test_the_wizard_saves_start_at_login_only_with_the_entry_made(
    qtbot, wizard, model, stored_key, home
):
    _blocked_login_entry(home)
    to_tools_page(qtbot, wizard)
    for row in wizard.tools_page.rows.values():
        if row.check.isChecked():
            row.check.click()
    go_next(qtbot, wizard, PageId.FINISH)
    finish = wizard.finish_page
    finish.start_at_login.setChecked(True)
    wizard.accept()
    qtbot.waitUntil(lambda: finish.save_error.isVisible(), timeout=10_000)
    assert "login entry" in finish.save_error.text()
    assert "could not be changed" in finish.save_error.text()
    assert wizard.isVisible()  # the person sees it, and may finish without it
    saved = settings_mod.load().settings
    assert saved.setup_complete and not saved.start_at_login
    assert not finish.start_at_login.isChecked()


def test_the_settings_tab_makes_the_login_entry_off_the_gui_thread(qtbot, model, home):
    from codingplan.ui.dashboard.settings_tab import SettingsTab

    writers: list[str] = []

    def watch(frame, event, _arg):  # who writes the entry: a profile hook, nothing replaced
        code = frame.f_code
        if (
            event == "call"
            and code.co_name == "enable"
            and code.co_filename.endswith("autostart.py")
        ):
            writers.append(threading.current_thread().name)

    tab = SettingsTab(model)
    qtbot.addWidget(tab)
    tab.show()
    sys.setprofile(watch)
    threading.setprofile(watch)
    try:
        tab.login.setChecked(True)
        qtbot.waitUntil(lambda: tab.login.isEnabled() and model.settings.start_at_login)
    finally:
        sys.setprofile(None)
        threading.setprofile(None)  # type: ignore[arg-type]
    assert writers and threading.main_thread().name not in writers
    assert (home / ".config" / "autostart" / "codingplan.desktop").is_file()


def test_the_settings_tab_shows_a_login_entry_it_could_not_make(qtbot, model, home):
    from codingplan.ui.dashboard.settings_tab import SettingsTab

    _blocked_login_entry(home)
    tab = SettingsTab(model)
    qtbot.addWidget(tab)
    tab.show()
    tab.login.setChecked(True)
    qtbot.waitUntil(lambda: "could not be changed" in tab.message.text(), timeout=10_000)
    assert not tab.login.isChecked() and tab.login.isEnabled()
    assert not settings_mod.load().settings.start_at_login


# --- 4. a new key, with one tool's file read-only ------------------------------------------


def test_a_new_key_reaches_every_tool_that_can_take_it_and_names_the_one_that_cannot(
    qtbot, model, origin, stored_key, home, cli
):
    for tool in ("qwen-code", "cline"):
        run_ok(cli, origin, "configure", tool, "--yes")
    providers = home / ".cline" / "data" / "settings" / "providers.json"
    before = providers.read_bytes()
    providers.chmod(0o444)

    with qtbot.waitSignal(model.key_changed):
        entry = KeyEntryWidget(model)
    qtbot.addWidget(entry)
    entry.show()
    entry.edit.setText(NEW_KEY)
    with qtbot.waitSignal(entry.busy_changed, check_params_cb=lambda busy: not busy):
        entry.store()
    shown = entry.rotation_text.text()
    assert "Qwen Code still hold" in shown  # updatable, with its change below
    assert "Cline still holds the old key and cannot be updated" in shown
    assert str(providers) in shown  # and why
    assert "sk-sp-…ests" in entry.rotation_diff.toPlainText() and entry.rotation_button.isVisible()
    with qtbot.waitSignal(entry.rotation_applied):
        entry.rotation_button.click()
    assert NEW_KEY in (home / ".qwen" / ".env").read_text()
    assert providers.read_bytes() == before
    assert "The new key is now in Qwen Code" in entry.rotation_result.text()
    assert entry.rotation_result.kind is not Kind.ERROR

    # Reported until it is fixed: `tools` and the app say Cline needs attention.
    tools = json.loads(cli("tools", "--json", env={"CODINGPLAN_ORIGIN": origin}).stdout)
    states = {t["id"]: t["state"] for t in tools["tools"]}
    assert (states["cline"], states["qwen-code"]) == ("key_outdated", "configured")
    qtbot.waitUntil(lambda: "cline" in model.tool_status, timeout=10_000)
    assert model.tool_status["cline"].state.value == "key_outdated"
    providers.chmod(0o644)
    run_ok(cli, origin, "configure", "cline", "--yes")
    tools = json.loads(cli("tools", "--json", env={"CODINGPLAN_ORIGIN": origin}).stdout)
    assert {t["id"]: t["state"] for t in tools["tools"]}["cline"] == "configured"
    assert NEW_KEY in providers.read_text()


# --- 6. and 7. Verify and Revert before anything was applied ---------------------------------


@pytest.mark.parametrize("tool_id", ["claude-code", "qwen-code"])
def test_verify_before_apply_is_refused_saying_why(
    qtbot, model, origin, plan_server, real_tools_on_path, tool_id
):
    widget = shown_widget(qtbot, model, tool_id)
    assert widget.installed() and not widget.verify_button.isEnabled()
    assert "not set up for the plan yet" in widget.why_disabled.text()
    idle(qtbot, widget, widget.verify)  # a click that got through anyway
    assert widget.result.kind is Kind.ERROR and widget.last_verify is None
    assert "Apply its setup first" in widget.result.text()
    assert "Works" not in widget.result.text()
    assert plan_server.model_requests() == []  # nothing was run, nothing was spent


def test_verify_of_a_tool_set_up_for_another_provider_is_refused(
    qtbot, model, origin, plan_server, home, real_tools_on_path
):
    settings_file = home / ".claude" / "settings.json"
    settings_file.parent.mkdir()
    settings_file.write_text('{"env": {"ANTHROPIC_BASE_URL": "https://api.anthropic.com"}}')
    widget = shown_widget(qtbot, model, "claude-code")
    assert not widget.verify_button.isEnabled()
    assert "another provider (https://api.anthropic.com)" in widget.why_disabled.text()


def test_revert_of_a_tool_never_set_up_says_there_is_nothing_to_revert(
    qtbot, model, origin, home, real_tools_on_path
):
    widget = shown_widget(qtbot, model, "qwen-code")
    assert not widget.revert_button.isEnabled()
    assert "nothing to revert" in widget.revert_button.toolTip()
    idle(qtbot, widget, widget.revert)  # a click that got through anyway
    assert widget.result.kind is Kind.INFO
    assert "Nothing to revert" in widget.result.text() and "Reverted" not in widget.result.text()
    assert not (home / ".qwen").exists()
