"""The Tools tab's cards and the tray's Tools menu: each tool's mark and name, where it stands
(set up and verified, set up, not set up, not installed, needs attention; set up by hand) and
why, its model and address, and Apply, Verify, Revert and its folder on the card, each through
the actions, each off with the reason when it cannot be used."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QMessageBox

from codingplan import integrations
from codingplan.tools.types import ToolState
from codingplan.ui.dashboard.tools_tab import ToolsTab
from codingplan.ui.tool_standing import Standing
from codingplan.ui.tray import Tray
from tests.gui.tool_states import every_state

pytestmark = pytest.mark.secret_service


@pytest.fixture
def tab(qtbot, model):
    tools = ToolsTab(model)
    qtbot.addWidget(tools)
    tools.resize(900, 1600)
    tools.show()
    yield tools
    qtbot.waitUntil(lambda: not model.tasks.busy, timeout=30_000)


def in_every_state(qtbot, tab, home):
    tab.show_status(every_state(home))
    qtbot.waitUntil(lambda: all(c.refusal_known for c in tab.cards.values() if c.info.automatic))
    return tab.cards


def test_a_card_for_every_tool_in_the_order_of_the_list(tab):
    assert list(tab.cards) == [i.id for i in integrations.INTEGRATIONS]
    first = tab.cards["claude-code"]
    assert first.title.text() == "Claude Code" and first.mark.pixmap() is not None
    assert first.badge.text() == "Looking…"  # before the first look


def test_every_state_with_its_reason(qtbot, tab, home):
    cards = in_every_state(qtbot, tab, home)
    shown = {t: (c.standing, c.badge.text()) for t, c in cards.items() if c.info.automatic}
    assert shown == {
        "claude-code": (Standing.VERIFIED, "Set up and verified"),
        "qwen-code": (Standing.SET_UP, "Set up"),
        "cline": (Standing.ATTENTION, "Needs attention"),
        "opencode": (Standing.NOT_SET_UP, "Not set up"),
        "kilo-cli": (Standing.NOT_INSTALLED, "Not installed"),
        "continue": (Standing.ATTENTION, "Needs attention"),
    }
    assert cards["claude-code"].reason.text().startswith("Verify ran it through the plan 2 h")
    assert cards["claude-code"].detail.text() == (
        "qwen3-coder-plus · https://coding-intl.dashscope.aliyuncs.com/apps/anthropic"
    )
    assert cards["qwen-code"].detail.text().endswith("/v1")  # the address it speaks to
    assert "not verified yet" in cards["qwen-code"].reason.text()
    assert cards["cline"].reason.text() == "Changed since this app set it up."
    assert cards["cline"].property("kind") == "warning"  # the card itself asks to be looked at
    assert "another provider" in cards["opencode"].reason.text()
    assert cards["kilo-cli"].reason.text() == "Install it with: npm install -g @kilocode/cli"
    assert "The last Verify failed 2 h" in cards["continue"].reason.text()
    assert "Key rejected" in cards["continue"].reason.text()
    for tool_id in ("kimi", "cursor", "other"):
        if tool_id in cards:
            assert cards[tool_id].badge.text() == "Set up by hand"
    assert cards["cursor"].setup_button.text() == "Show the &steps…"
    assert not cards["cursor"].apply_button.isVisibleTo(cards["cursor"])


def test_each_button_is_off_with_its_reason(qtbot, tab, home):
    cards = in_every_state(qtbot, tab, home)
    missing = cards["kilo-cli"]
    assert not missing.apply_button.isVisibleTo(missing)
    assert not missing.verify_button.isVisibleTo(missing)
    assert missing.install_button.isVisibleTo(missing)
    elsewhere = cards["opencode"]
    assert elsewhere.apply_button.isEnabled()
    assert not elsewhere.revert_button.isEnabled()
    assert "set nothing in OpenCode's files" in elsewhere.revert_button.toolTip()
    # Verify asks the action: nothing here sends these tools to the plan, so it says why.
    assert not cards["qwen-code"].verify_button.isEnabled()
    assert "not set up for the plan" in cards["qwen-code"].verify_button.toolTip()
    cards["qwen-code"].set_refusal(None)  # as for a tool whose files send it to the plan
    assert cards["qwen-code"].verify_button.isEnabled()
    assert cards["qwen-code"].verify_button.text() == "&Verify (about 2 requests)"
    assert "about 2 of your requests" in cards["qwen-code"].verify_button.toolTip()


def test_copy_the_install_command(qtbot, tab, home):
    from PySide6.QtGui import QGuiApplication

    cards = in_every_state(qtbot, tab, home)
    cards["kilo-cli"].install_button.click()
    assert QGuiApplication.clipboard().text() == "npm install -g @kilocode/cli"
    assert "Command copied" in cards["kilo-cli"].result.text()


def answer(qtbot, card, role):
    qtbot.waitUntil(lambda: card.question is not None and card.question.isVisible())
    box = card.question
    text = box.text()
    button = next(b for b in box.buttons() if box.buttonRole(b) == role)
    button.click()
    return text


def test_apply_then_revert_from_the_card(
    qtbot, model, tab, home, origin, stored_key, real_tools_on_path
):
    """Qwen Code keeps a copy of the key in its own file: Apply says so before it writes."""
    model.refresh_tools()
    card = tab.cards["qwen-code"]
    qtbot.waitUntil(lambda: card.status is not None and card.standing is Standing.NOT_SET_UP)
    card.apply_button.click()
    asked = answer(qtbot, card, QMessageBox.ButtonRole.AcceptRole)
    assert "with qwen3-coder-plus" in asked and str(home / ".qwen") in asked
    assert "a copy of the key will be kept" in asked and stored_key not in asked
    qtbot.waitUntil(lambda: card.standing is Standing.SET_UP, timeout=20_000)
    assert "Qwen Code is set up" in card.result.text()
    settings = json.loads((home / ".qwen" / "settings.json").read_text())
    assert origin in json.dumps(settings)
    assert card.detail.text().startswith("qwen3-coder-plus · " + origin)
    qtbot.waitUntil(card.verify_button.isEnabled)  # set up for the plan: Verify may run
    assert card.revert_button.isEnabled()

    card.revert_button.click()
    answer(qtbot, card, QMessageBox.ButtonRole.DestructiveRole)
    qtbot.waitUntil(lambda: card.standing is Standing.NOT_SET_UP, timeout=20_000)
    assert "Reverted" in card.result.text()
    assert not (home / ".qwen" / "settings.json").exists()  # it created it: gone again
    assert not card.revert_button.isEnabled()


def test_verify_from_the_card_is_remembered(
    qtbot, model, tab, home, origin, stored_key, cli, real_tools_on_path, plan_server
):
    """The real Claude Code, run once against the stand-in of the plan."""
    result = cli("configure", "claude-code", "--yes", env={"CODINGPLAN_ORIGIN": origin})
    assert result.returncode == 0, result.stderr
    model.refresh_tools()
    card = tab.cards["claude-code"]
    qtbot.waitUntil(
        lambda: card.standing is Standing.SET_UP and card.verify_button.isEnabled(), timeout=20_000
    )
    before = len(plan_server.model_requests())
    card.verify_button.click()
    qtbot.waitUntil(lambda: card.standing is Standing.VERIFIED, timeout=200_000)
    assert "Works" in card.result.text() and stored_key not in card.result.text()
    assert len(plan_server.model_requests()) > before
    # The command line says it too, from the same memory.
    tools = json.loads(cli("tools", "--json", env={"CODINGPLAN_ORIGIN": origin}).stdout)
    claude = next(t for t in tools["tools"] if t["id"] == "claude-code")
    assert claude["verified"]["ok"] is True


# --- the tray's Tools menu ---------------------------------------------------------------------


def test_the_tray_lists_the_tools_with_the_cards_words(qtbot, model, home):
    tray = Tray(model)
    try:
        tray.menu.aboutToShow.emit()
        tools = next(a for a in tray.menu.actions() if a.text() == "Tools").menu()
        assert [a.text() for a in tools.actions()] == ["Looking for the tools…"]
        model.tool_status = every_state(home)
        tray.menu.aboutToShow.emit()
        tools = next(a for a in tray.menu.actions() if a.text() == "Tools").menu()
        rows = [a.text() for a in tools.actions() if not a.isSeparator()]
        assert rows[:6] == [
            "Claude Code · Set up and verified",
            "Qwen Code · Set up",
            "Cline · Needs attention",
            "OpenCode · Not set up",
            "Kilo Code CLI · Not installed",
            "Continue · Needs attention",
        ]
        assert rows[-1] == "Open the Tools tab"
        by_text = {a.text(): a for a in tools.actions()}
        claude = by_text["Claude Code · Set up and verified"].menu()
        assert [a.text() for a in claude.actions()] == [
            "Verify (about 1 request)",
            "Open the Tools tab",
        ]
        assert by_text["OpenCode · Not set up"].menu() is None  # nothing to verify there
        assert "another provider" in by_text["OpenCode · Not set up"].toolTip()
        with qtbot.waitSignal(tray.open_tools, timeout=1000):
            by_text["OpenCode · Not set up"].trigger()
    finally:
        tray.close()


def test_verify_from_the_tray_says_how_it_went(
    qtbot, model, home, origin, stored_key, cli, real_tools_on_path
):
    """Refused before anything runs for a tool not set up; the answer comes as a notice."""
    tray = Tray(model)
    shown = []
    tray.icon.showMessage = lambda title, body, icon, ms: shown.append((title, body))
    try:
        tray.verify("qwen-code")  # its files do not send it to the plan
        qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
        title, body = shown[0]
        assert title == "Qwen Code was not verified"
        assert "not set up for the plan" in body
        assert not tray.verifying
    finally:
        tray.close()


def test_states_the_tools_report_all_have_a_standing():
    """No state of the core falls through to a wrong word."""
    from codingplan.tools.types import Detection, ToolStatus
    from codingplan.ui.tool_standing import standing_of

    info = integrations.get("qwen-code")
    for state in ToolState:
        found = Detection("qwen-code", state is not ToolState.NOT_INSTALLED, None, "1", ())
        standing = standing_of(info, ToolStatus(found, state))
        assert standing.title and standing.reason, state
