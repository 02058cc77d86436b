"""The dashboard, fed by the real tracker from a made-up history in the test's HOME."""

from datetime import UTC, datetime, timedelta

import pytest

from codingplan import settings as settings_mod
from codingplan.ui.dashboard.window import Dashboard
from codingplan.ui.texts import number


def expected_used(times, now_ms, span_ms):
    return sum(1 for t in times if now_ms - span_ms < t.timestamp() * 1000 <= now_ms)


@pytest.fixture
def dashboard(history, started, qtbot):
    window = Dashboard(started)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_cards_show_the_trackers_numbers(dashboard, started, history):
    snapshot = started.snapshot
    five = snapshot.windows["5h"]
    assert five.used == expected_used(history, snapshot.now_ms, 5 * 3_600_000)
    card = dashboard.overview.cards["5h"]
    assert card.remaining.text() == f"{number(five.remaining)} left"
    assert card.used.text() == f"{number(five.used)} of 6,000 used"
    assert card.when.text().startswith(f"+{five.releases[0].count} back at")
    week = dashboard.overview.cards["week"]
    assert week.when.text().startswith("Resets ")
    assert "Claude Code" in week.confidence.text() and "Qwen Code" in week.confidence.text()
    assert abs(card.bar.share_used - five.used / 6000) < 1e-9


def test_charts_get_the_release_schedule_and_history(dashboard, started):
    chart = dashboard.overview.releases
    assert sum(chart.buckets) == started.snapshot.windows["5h"].used  # all of them come back
    days = dashboard.overview.history.days
    assert len(days) == 14 and sum(d.total for d in days) > 0
    assert {s for d in days for s in d.by_source} == {"claude-code", "qwen-code"}


def test_new_records_show_up_without_a_restart(dashboard, started, home, qtbot):
    from tests.fakes.history import qwen_requests

    before = started.snapshot.windows["5h"].used
    qwen_requests(home, [datetime.now(UTC) - timedelta(seconds=5)] * 3)
    # The watcher notices the new lines; the cards follow.
    qtbot.waitUntil(lambda: started.snapshot.windows["5h"].used == before + 3, timeout=30_000)
    assert dashboard.overview.cards["5h"].used.text().startswith(number(before + 3))


def test_settings_tab_saves_checked_values(dashboard, started, qtbot):
    tab = dashboard.tab(3)
    tab.tier.setCurrentIndex(tab.tier.findData("lite"))
    tab.tier.activated.emit(tab.tier.currentIndex())
    assert settings_mod.load().settings.tier.value == "lite"
    assert [c["tier"] for c in settings_mod.load().settings.tier_changes] == ["lite"]
    # The cards follow the new limits.
    qtbot.waitUntil(lambda: started.snapshot.windows["5h"].limit == 1_200, timeout=10_000)
    assert "of 1,200 used" in dashboard.overview.cards["5h"].used.text()
    tab.origin.setText("not a url")
    tab.origin.editingFinished.emit()
    assert "not a usable origin" in tab.message.text()
    assert settings_mod.load().settings.origin == ""


def test_start_at_login_checkbox_writes_the_autostart_entry(dashboard, home):
    dashboard.tab(3).login.setChecked(True)
    entry = home / ".config" / "autostart" / "codingplan.desktop"
    assert entry.exists() and settings_mod.load().settings.start_at_login
    dashboard.tab(3).login.setChecked(False)
    assert not entry.exists()


def test_calibration_dialog_carries_the_reading(dashboard, started, qtbot):
    from codingplan.ui.dashboard.calibrate import CalibrateDialog

    dialog = CalibrateDialog(started)
    qtbot.addWidget(dialog)
    dialog.window_box.setCurrentIndex(dialog.window_box.findData("week"))
    dialog.used.setValue(30_000)
    dialog.accept()
    qtbot.waitUntil(
        lambda: started.snapshot.windows["week"].confidence == "calibrated", timeout=10_000
    )
    assert started.snapshot.windows["week"].used >= 30_000
    assert dashboard.overview.cards["week"].confidence.text().startswith("Calibrated")


def test_log_view_shows_new_lines_with_the_key_masked(dashboard, qtbot):
    import logging

    from codingplan.ui import logs

    logs.setup(to_file=False)
    logging.getLogger("codingplan.test").warning("trying sk-sp-secret0key0in0a0log0line")
    view = dashboard.tab(4).view
    logging.getLogger("codingplan.test").warning("and again sk-sp-secret0key0in0a0log0line")
    qtbot.waitUntil(lambda: "again sk-sp-…line" in view.toPlainText(), timeout=5_000)
    assert "trying sk-sp-…line" in view.toPlainText()  # logged before the tab was opened
    assert "secret0key" not in view.toPlainText()


def test_key_tab_shows_where_the_key_is(dashboard, started, stored_key, qtbot):
    started.refresh_key()
    qtbot.waitUntil(
        lambda: started.key_status is not None and started.key_status.stored, timeout=10_000
    )
    key = dashboard.tab(2)
    assert key.key_label.text().startswith("sk-sp-…")
    assert "Secret Service" in key.where.text()
    assert stored_key not in key.key_label.text()


def test_tabs_other_than_quota_are_built_when_first_opened(dashboard):
    assert dashboard.tabs.widget(1).findChild(object, "tab") is None
    dashboard.tabs.setCurrentIndex(1)
    assert dashboard.tab(1) is dashboard.tools


def test_tools_tab_lists_every_tool(dashboard, started):
    tab = dashboard.tab(1)
    from codingplan import integrations

    assert tab.table.topLevelItemCount() == len(integrations.INTEGRATIONS)
    assert [tab.table.topLevelItem(i).text(0) for i in range(3)] == [
        "Claude Code",
        "Qwen Code",
        "Cline",
    ]
    claude = tab.items["claude-code"]
    assert claude.text(2) in ("Not installed", "Not set up")


def test_one_unreadable_file_leaves_every_other_tool_shown(dashboard, started, home, qtbot):
    """Values nested a thousand deep in Claude Code's settings: that tool says so, the
    others are shown as usual."""
    from codingplan import integrations

    settings = home / ".claude" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('{"deep": ' + "[" * 1000 + "]" * 1000 + "}")
    started.tool_status = {}
    started.refresh_tools()
    qtbot.waitUntil(lambda: bool(started.tool_status), timeout=30_000)
    assert set(started.tool_status) == set(integrations.AUTOMATIC_IDS)
    assert started.tool_status["claude-code"].state == "unreadable"
    assert {s.state for t, s in started.tool_status.items() if t != "claude-code"} <= {
        "not_installed",
        "not_configured",
    }
    tab = dashboard.tab(1)
    qtbot.waitUntil(lambda: tab.items["claude-code"].text(2) == "A settings file cannot be read")
    assert tab.items["qwen-code"].text(2) in ("Not installed", "Not set up yet")


def test_tools_tab_turns_set_up_off_for_a_missing_tool(dashboard, started, qtbot, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    monkeypatch.setenv("PATH", "/nonexistent")
    started.tool_status = {}
    started.refresh_tools()
    qtbot.waitUntil(lambda: bool(started.tool_status), timeout=30_000)
    dashboard.tabs.setCurrentIndex(1)
    tab = dashboard.tab(1)
    qtbot.waitUntil(tab.isVisible)
    tab.table.setCurrentItem(tab.items["claude-code"])
    assert not tab.configure.isEnabled()
    assert tab.notice.isVisible() and "Claude Code is not installed" in tab.notice.text()
    assert "npm install -g @anthropic-ai/claude-code" in tab.notice.text()
    assert tab.notice.fix_labels() == ["Copy the command", "Check again"]
    tab.notice.fix_buttons[0].click()
    assert QGuiApplication.clipboard().text() == "npm install -g @anthropic-ai/claude-code"
    tab.open_setup()  # an activation that got through anyway opens nothing
    assert tab._dialogs == {}
    tab.table.setCurrentItem(tab.items["cursor"])  # set up by hand: always open
    assert tab.configure.isEnabled() and not tab.notice.isVisible()


def test_key_tab_without_a_key_says_so_and_offers_to_store_one(dashboard, started, qtbot):
    qtbot.waitUntil(lambda: started.key_status is not None)
    dashboard.tabs.setCurrentIndex(2)
    key = dashboard.tab(2)
    qtbot.waitUntil(key.isVisible)
    assert key.problem.isVisible() and "No key stored" in key.problem.text()
    assert key.problem.fix_labels() == ["Store a key"]
    key.problem.fix_buttons[0].click()
    assert key._dialog is not None and key._dialog.isVisible()
    key._dialog.close()
