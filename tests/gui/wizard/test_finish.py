"""The Finish page: Verify offered where a tool is set up but not proven, at the cost the tool
declares; a Verify run made before (an earlier setup, the command line) still counts while the
tool is set up as it was; and leaving on the last page can keep every choice."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QMessageBox

from codingplan import settings as settings_mod
from codingplan.plan import Tier
from codingplan.ui.wizard.wizard import PageId
from tests.gui.wizard.steps import go_next, to_tool_page, to_tools_page

pytestmark = pytest.mark.secret_service


def run_ok(cli, origin: str, *args: str) -> None:
    result = cli(*args, env={"CODINGPLAN_ORIGIN": origin}, timeout=240)
    assert result.returncode == 0, result.stderr


def test_finish_offers_verify_at_the_tools_own_cost(
    qtbot, wizard, stored_key, origin, plan_server, real_tools_on_path, home
):
    """Qwen Code's run costs 2 requests, as its integration declares; Verify on the Finish
    page runs the real tool, and the line then says it worked."""
    tool = to_tool_page(qtbot, wizard, "qwen-code")
    tool.consent.click()  # Qwen Code keeps a copy of the key in its own file
    with qtbot.waitSignal(tool.changed):
        tool.apply_button.click()
    qtbot.waitUntil(tool.verify_button.isEnabled, timeout=10_000)
    go_next(qtbot, wizard, PageId.FINISH)
    finish = wizard.finish_page
    line = next(x for x in finish.lines if x.text.startswith("Qwen Code"))
    assert line.text == "Qwen Code: configured, not verified"
    assert line.remedy == "Verify runs it once to prove it works (about 2 requests)."
    button = finish.verify_buttons["qwen-code"]
    assert button.text() == "&Verify (about 2 requests)" and button.isEnabled()
    before = len(plan_server.model_requests())
    button.click()
    qtbot.waitUntil(
        lambda: "✓ Qwen Code: configured and verified" in finish.text(), timeout=200_000
    )
    assert len(plan_server.model_requests()) > before
    assert "qwen-code" not in finish.verify_buttons  # nothing left to prove


def test_a_verify_run_made_before_still_counts(
    qtbot, model, wizard, stored_key, origin, cli, real_tools_on_path
):
    """Set up and verified from the command line; the wizard run again says so, rather than
    "configured, not verified"."""
    run_ok(cli, origin, "configure", "claude-code", "--yes")
    run_ok(cli, origin, "verify", "claude-code")
    model.reload_settings()
    tool = to_tool_page(qtbot, wizard, "claude-code")
    qtbot.waitUntil(tool.already_set_up)
    go_next(qtbot, wizard, PageId.FINISH)
    assert "✓ Claude Code: configured and verified" in wizard.finish_page.text()
    assert "claude-code" not in wizard.finish_page.verify_buttons


def test_leaving_on_the_last_page_can_keep_every_choice(qtbot, wizard, stored_key, origin):
    to_tools_page(qtbot, wizard)
    for row in wizard.tools_page.rows.values():
        row.check.setChecked(False)
    lite = next(b for b in wizard.plan_page.tiers.buttons() if b.property("tier") == "lite")
    lite.click()  # a plan other than the one saved
    go_next(qtbot, wizard, PageId.FINISH)
    wizard.reject()  # the window's close button, or Escape
    qtbot.waitUntil(lambda: wizard.question is not None and wizard.question.isVisible())
    box = wizard.question
    assert {b.text() for b in box.buttons()} == {"Save and leave", "Leave without saving", "Stay"}
    assert box.defaultButton().text() == "Save and leave"
    with qtbot.waitSignal(wizard.finished, timeout=10_000):
        next(b for b in box.buttons() if b.text() == "Save and leave").click()
    saved = settings_mod.load().settings
    assert saved.tier is Tier.LITE and saved.setup_complete


def test_leaving_earlier_still_asks_to_leave_or_stay(qtbot, wizard):
    wizard.welcome_page.acknowledge.click()
    go_next(qtbot, wizard, PageId.PLAN)
    wizard.reject()
    qtbot.waitUntil(lambda: wizard.question is not None and wizard.question.isVisible())
    box = wizard.question
    assert {b.text() for b in box.buttons()} == {"Leave the setup", "Stay"}
    roles = {box.buttonRole(b) for b in box.buttons()}
    assert QMessageBox.ButtonRole.AcceptRole not in roles
    next(b for b in box.buttons() if b.text() == "Stay").click()
    assert json.dumps(settings_mod.load().settings.setup_complete) == "false"
