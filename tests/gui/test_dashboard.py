"""The dashboard, fed by the real tracker from a made-up history in the test's HOME."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QLabel

from codingplan import settings as settings_mod
from codingplan.ui.dashboard.window import Dashboard
from codingplan.ui.texts import number


def expected_used(times, now_ms, span_ms):
    return sum(1 for t in times if now_ms - span_ms < t.timestamp() * 1000 <= now_ms)


def test_cards_show_the_trackers_numbers(dashboard, started, history):
    snapshot = started.snapshot
    five = snapshot.windows["5h"]
    assert five.used == expected_used(history, snapshot.now_ms, 5 * 3_600_000)
    card = dashboard.overview.cards["5h"]
    assert card.remaining.text() == f"{number(five.remaining)} left"
    assert card.used.text() == f"{number(five.used)} of 6,000 used"
    assert card.when.text().startswith(f"+{five.releases[0].count} back in ")
    week = dashboard.overview.cards["week"]
    assert week.when.text().startswith("Resets ")
    assert "Claude Code" in week.confidence.text() and "Qwen Code" in week.confidence.text()
    assert week.confidence.text().startswith("Counted · ")
    assert "this computer" in week.confidence.toolTip()  # why: what is and is not counted
    assert "an even pace for this week" in week.pace.text()
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


def test_a_transcript_folder_made_after_start_is_counted_within_10_s(started, home, qtbot):
    """A fresh profile: Claude Code's folder does not exist when the app starts, and its first
    session must count at once, not at the next slow tick (5 minutes)."""
    import time

    from tests.fakes.history import claude_requests

    assert not (home / ".claude").exists()
    qtbot.waitUntil(lambda: started.watcher is not None, timeout=10_000)
    before = started.snapshot.windows["5h"].used
    claude_requests(home, [datetime.now(UTC) - timedelta(seconds=5)] * 2)
    written = time.monotonic()
    qtbot.waitUntil(lambda: started.snapshot.windows["5h"].used == before + 2, timeout=10_000)
    assert time.monotonic() - written < 10


def test_the_progress_bar_shows_only_for_a_scan_that_lasts(dashboard, started, home, qtbot):
    from codingplan.ui.dashboard.overview import SHOW_PROGRESS_AFTER_MS
    from tests.fakes.history import qwen_requests

    bar = dashboard.overview.progress
    shown = []
    started.scanning_changed.connect(lambda _s: shown.append(bar.isVisible()))
    before = started.snapshot.windows["5h"].used
    qwen_requests(home, [datetime.now(UTC) - timedelta(seconds=5)])  # a tool writes one line
    qtbot.waitUntil(lambda: started.snapshot.windows["5h"].used == before + 1, timeout=30_000)
    qtbot.wait(SHOW_PROGRESS_AFTER_MS + 200)
    assert len(shown) >= 2 and not any(shown) and not bar.isVisible()  # no flash in and out
    started.scanning_changed.emit(True)  # a scan that goes on: the bar comes, then goes
    assert not bar.isVisible()
    qtbot.waitUntil(bar.isVisible, timeout=SHOW_PROGRESS_AFTER_MS * 5)
    started.scanning_changed.emit(False)
    assert not bar.isVisible()


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


def test_settings_tab_counts_used_or_left_and_shows_both_prices(dashboard, started):
    from codingplan.shown import Shown

    tab = dashboard.tab(3)
    assert tab.shown.currentData() == "left"  # the default
    tab.shown.setCurrentIndex(tab.shown.findData("used"))
    tab.shown.activated.emit(tab.shown.currentIndex())
    assert settings_mod.load().settings.show is Shown.USED
    assert started.settings.show is Shown.USED
    pro = tab.tier.itemText(tab.tier.findData("pro"))
    assert "US$50 a month on the international site, ¥200 on the China site" in pro


def test_settings_tab_says_when_the_origin_is_overridden(started, qtbot, monkeypatch):
    from codingplan.ui.dashboard.settings_tab import SettingsTab

    monkeypatch.setenv("CODINGPLAN_ORIGIN", "https://gateway.example.com")
    tab = SettingsTab(started)
    qtbot.addWidget(tab)
    assert not tab.origin_note.isHidden()
    assert "CODINGPLAN_ORIGIN" in tab.origin_note.text()
    assert "https://gateway.example.com" in tab.origin_note.text()
    started.origin = "https://other.example.com"  # as `codingplan --origin` starts the app
    tab.load()
    assert "--origin https://other.example.com" in tab.origin_note.text()
    started.origin = None
    monkeypatch.delenv("CODINGPLAN_ORIGIN")
    tab.load()
    assert tab.origin_note.isHidden()


def test_start_at_login_checkbox_writes_the_autostart_entry(dashboard, home, qtbot):
    tab = dashboard.tab(3)
    entry = home / ".config" / "autostart" / "codingplan.desktop"
    tab.login.setChecked(True)
    qtbot.waitUntil(lambda: tab.login.isEnabled() and settings_mod.load().settings.start_at_login)
    assert entry.exists()
    tab.login.setChecked(False)
    qtbot.waitUntil(lambda: tab.login.isEnabled() and not entry.exists())
    assert not settings_mod.load().settings.start_at_login


def test_calibration_dialog_takes_all_three_readings_at_once(dashboard, started, qtbot):
    from codingplan.ui.dashboard.calibrate import CalibrateDialog

    dialog = CalibrateDialog(started)
    qtbot.addWidget(dialog)
    dialog.show()
    assert set(dialog.rows) == {"5h", "week", "month"}
    assert dialog.readings() == []  # nothing entered: nothing would be saved
    dialog.rows["week"].used.setValue(30_000)
    dialog.rows["month"].used.setValue(40_000)
    dialog.rows["month"].total.setValue(90_000)
    dialog.accept()
    qtbot.waitUntil(
        lambda: (
            started.snapshot.windows["week"].confidence == "calibrated"
            and started.snapshot.windows["month"].confidence == "calibrated"
        ),
        timeout=10_000,
    )
    assert started.snapshot.windows["week"].used >= 30_000
    assert started.snapshot.windows["month"].used >= 40_000
    assert started.snapshot.windows["5h"].confidence == "counted"  # left empty: untouched
    card = dashboard.overview.cards["week"]
    qtbot.waitUntil(lambda: card.confidence.text().startswith("Calibrated just now"))


def test_calibration_refuses_an_impossible_reading_and_saves_none(dashboard, started, qtbot):
    from codingplan.ui.dashboard.calibrate import CalibrateDialog

    dialog = CalibrateDialog(started)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.rows["5h"].used.setValue(7_000)  # more than Pro's 6,000, and no total given
    dialog.rows["week"].used.setValue(100)
    dialog.accept()
    assert (
        dialog.isVisible()
        and "more than the 6,000 requests of your Pro plan" in dialog.message.text()
    )
    qtbot.wait(300)
    assert started.snapshot.windows["week"].confidence == "counted"  # nothing saved
    dialog.rows["5h"].total.setValue(6_000)
    dialog.rows["5h"].used.setValue(6_001)
    dialog.accept()
    assert "more than the total of 6,000" in dialog.message.text()


def test_calibration_dialog_is_wide_enough_for_its_words(dashboard, started, qtbot):
    from codingplan.ui.dashboard.calibrate import CalibrateDialog
    from tests.gui.test_languages import cut_off

    dialog = CalibrateDialog(started)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() >= dialog.content.minimumSizeHint().width()  # no row squeezed
    assert cut_off(dialog) == []
    for row in dialog.rows.values():  # the numbers fit in their boxes
        assert row.used.width() >= row.used.sizeHint().width()


def test_log_view_shows_new_lines_with_the_key_masked(dashboard, qtbot):
    import logging

    from codingplan.ui import logs

    logs.setup(to_file=False)
    logging.getLogger("codingplan.test").warning("trying sk-sp-secret0key0in0a0log0line")
    view = dashboard.show_log().view
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


def test_tools_tab_lists_every_tool(dashboard, started, qtbot):
    tab = dashboard.tab(1)
    from codingplan import integrations

    assert list(tab.cards) == list(integrations.IDS)
    assert [tab.cards[t].title.text() for t in list(tab.cards)[:3]] == [
        "Claude Code",
        "Qwen Code",
        "Cline",
    ]
    claude = tab.cards["claude-code"]
    qtbot.waitUntil(lambda: claude.status is not None)
    assert claude.badge.text() in ("Not installed", "Not set up")


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
    claude = tab.cards["claude-code"]
    qtbot.waitUntil(lambda: claude.badge.text() == "Needs attention")
    assert claude.reason.text().startswith("A settings file cannot be read.")
    assert claude.property("kind") == "error"
    assert "nested too deep" in claude.reason.text() or "settings.json" in claude.reason.text()
    assert tab.cards["qwen-code"].badge.text() in ("Not installed", "Not set up")


def test_tools_tab_turns_set_up_off_for_a_missing_tool(dashboard, started, qtbot, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    monkeypatch.setenv("PATH", "/nonexistent")
    started.tool_status = {}
    started.refresh_tools()
    qtbot.waitUntil(lambda: bool(started.tool_status), timeout=30_000)
    dashboard.tabs.setCurrentIndex(1)
    tab = dashboard.tab(1)
    qtbot.waitUntil(tab.isVisible)
    card = tab.cards["claude-code"]
    qtbot.waitUntil(lambda: card.badge.text() == "Not installed")
    assert card.reason.text() == "Install it with: npm install -g @anthropic-ai/claude-code"
    assert not card.apply_button.isVisible() and not card.verify_button.isVisible()
    assert not card.setup_button.isEnabled()  # nothing to set up in a tool that is not there
    card.install_button.click()
    assert QGuiApplication.clipboard().text() == "npm install -g @anthropic-ai/claude-code"
    cursor = tab.cards["cursor"]  # set up by hand: always open
    assert cursor.setup_button.isEnabled()
    cursor.setup_button.click()
    assert "cursor" in tab._dialogs and tab._dialogs["cursor"].isVisible()
    tab._dialogs["cursor"].reject()


def test_key_tab_without_a_key_says_so_and_offers_to_store_one(started, qtbot):
    dashboard = Dashboard(started)  # no key stored
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitUntil(lambda: started.key_status is not None)
    assert not started.key_status.stored
    dashboard.tabs.setCurrentIndex(2)
    key = dashboard.tab(2)
    qtbot.waitUntil(key.isVisible)
    assert key.problem.isVisible() and "No key stored" in key.problem.text()
    assert key.problem.fix_labels() == ["Store a key"]
    key.problem.fix_buttons[0].click()
    assert key._dialog is not None and key._dialog.isVisible()
    key._dialog.close()


# --- set-up needed ---------------------------------------------------------------------------


@pytest.fixture
def fresh_dashboard(history, fresh_started, qtbot):
    """The dashboard on a first run: no plan chosen, no key stored."""
    window = Dashboard(fresh_started)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_set_up_needed_shows_used_counts_and_one_click_to_the_wizard(
    fresh_dashboard, fresh_model, qtbot
):
    overview = fresh_dashboard.overview
    banner = overview.banner
    assert banner.isVisible()
    assert banner.message.text() == "Set-up needed: choose your plan, store your key"
    used = fresh_model.snapshot.windows["5h"].used
    for card in overview.cards.values():
        assert card.remaining.text().endswith(" used") and " left" not in card.remaining.text()
        assert card.bar.share_used == 0.0
    assert overview.cards["5h"].remaining.text() == f"{number(used)} used"
    assert not overview.forecast.isVisible()  # no run-out time without a limit
    with qtbot.waitSignal(fresh_dashboard.run_wizard, timeout=1000):
        banner.button.click()


def test_the_banner_goes_once_plan_and_key_are_there(
    fresh_dashboard, fresh_model, stored_key, qtbot
):
    from codingplan.plan import Tier

    fresh_model.update_settings(tier=Tier.PRO)
    banner = fresh_dashboard.overview.banner
    qtbot.waitUntil(lambda: banner.message.text() == "Set-up needed: store your key")
    assert " left" not in fresh_dashboard.overview.cards["5h"].remaining.text()
    fresh_model.refresh_key()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: " left" in fresh_dashboard.overview.cards["5h"].remaining.text())


def test_after_setup_the_dashboard_opens_on_the_quota_tab(qapp, model, stored_key, qtbot):
    from codingplan.ui.app import DesktopApp

    model.update_settings(setup_complete=True)
    desktop = DesktopApp(qapp, model, tray_only=False)
    dashboard = desktop.dashboard
    qtbot.addWidget(dashboard)
    dashboard.tabs.setCurrentIndex(3)  # "Run setup again" is on the Settings tab
    desktop.show_wizard()  # the wizard deletes itself when it finishes
    desktop.wizard.finished.emit(1)
    assert dashboard.tabs.currentIndex() == dashboard.quota_index


# --- a used-up window ------------------------------------------------------------------------


def test_a_used_up_card_says_when_work_resumes_in_red(dashboard, started, home, qtbot):
    from codingplan.plan import Tier
    from codingplan.ui import style
    from tests.fakes.history import claude_requests

    claude_requests(home, [datetime.now(UTC) - timedelta(minutes=2)] * 1300)
    started.update_settings(tier=Tier.LITE)
    started.refresh_usage()
    qtbot.waitUntil(lambda: started.snapshot.windows["5h"].remaining == 0, timeout=30_000)
    card = dashboard.overview.cards["5h"]
    assert card.remaining.text() == "Used up"
    assert " back at " in card.when.text() and "Used up" not in card.when.text()
    red = style.text_colour("error")  # the scheme's error colour, readable on the card
    assert card.when.palette().color(card.when.foregroundRole()) == red
    assert card.remaining.palette().color(card.remaining.foregroundRole()) == red
    forecast = dashboard.overview.forecast.text()
    assert forecast.startswith("Used up: the 5-hour window") and "runs out" not in forecast


# --- layout ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_quota_tab_holds_at_the_minimum_size(language, qapp, qtbot, dashboard):
    from codingplan.ui import screen, translations
    from codingplan.ui.dashboard.window import MINIMUM_SIZE
    from tests.gui.layout import cut_off

    translations.install(qapp, language)
    try:
        window = Dashboard(dashboard.state)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.resize(window.minimumSize())
        qtbot.wait(200)
        # As small as a small screen needs (the tab scrolls there), never more than it has.
        assert window.minimumSize() == MINIMUM_SIZE.boundedTo(screen.room(window))
        assert window.size() == window.minimumSize()
        assert cut_off(window.overview) == []
        heights = {card.height() for card in window.overview.cards.values()}
        assert len(heights) == 1  # equal-height cards
        for card in window.overview.cards.values():
            assert card.height() >= card.minimumSizeHint().height()
        for chart in (window.overview.releases, window.overview.history):
            assert chart.height() >= chart.minimumHeight()
    finally:
        translations.install(qapp, "en")


def test_settings_holds_the_log_and_labelled_thresholds(dashboard, qtbot):
    dashboard.tabs.setCurrentIndex(3)
    tab = dashboard.tab(3)
    qtbot.waitUntil(tab.isVisible)
    assert dashboard.tabs.count() == 4  # the log is no tab of its own
    assert [dashboard.settings_pages.tabText(i) for i in range(2)] == ["Pre&ferences", "Lo&g"]
    labels = [w.text() for w in tab.findChildren(QLabel)]
    assert "first at" in labels and "second at" in labels
    assert tab.first.suffix() == " %"
    # Spin boxes as wide as their numbers, not the whole form.
    assert tab.day.edit.width() < tab.tier.width() / 2
    assert tab.first.width() < tab.tier.width() / 2


def test_machines_sharing_the_folder_are_listed(dashboard, started):
    from dataclasses import replace

    from codingplan.usage.snapshot import MachineStatus

    now = started.snapshot.now_ms
    machines = [
        MachineStatus("a", "laptop", 800, now, now, False),
        MachineStatus("b", "desktop", 1033, now, now - 4 * 86_400_000, True),
    ]
    overview = dashboard.overview
    overview.show_snapshot(replace(started.snapshot, machines=machines))
    assert overview.machines.isVisible()
    assert overview.machines.text() == (
        "This month by computer: laptop 800 (this computer), desktop 1,033 (silent for days)"
    )
    overview.show_snapshot(started.snapshot)
    assert not overview.machines.isVisible()  # no shared folder: no line


# --- charts ------------------------------------------------------------------------------------


def test_the_legend_never_covers_the_title(dashboard, qtbot):
    chart = dashboard.overview.history
    for width in (600, 320, 240):
        chart.resize(width, 190)
        title = chart.title_rect()
        items = chart.legend_items(width)
        assert items, "the history has two tools"
        for _, swatch, text in items:
            assert not swatch.intersects(title) and not text.intersects(title)
            assert text.right() <= width + 0.5 and swatch.left() >= 0
        assert chart.plot_rect().top() >= max(t.bottom() for _, _, t in items)


def test_charts_scale_with_gridlines_and_show_values_on_hover(dashboard, started, qtbot):
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    from codingplan.ui.dashboard.charts import nice_ticks

    assert nice_ticks(1033) == [0, 500, 1000, 1500]
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    chart = dashboard.overview.history
    chart.resize(600, 200)
    plot = chart.plot_rect()
    x = plot.right() - plot.width() / len(chart.days) / 2  # today's bar
    event = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        QPointF(x, plot.center().y()),
        QPointF(x, plot.center().y()),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    chart.mouseMoveEvent(event)
    assert chart.hovered == len(chart.days) - 1
    today = chart.days[-1]
    text = chart.hover_text(chart.hovered)
    assert text.split(": ")[1].startswith(number(today.total))
    assert "Claude Code" in text and "Qwen Code" in text
    releases = dashboard.overview.releases
    first = next(i for i, n in enumerate(releases.buckets) if n)
    assert releases.hover_text(first).startswith(f"{number(releases.buckets[first])} back between")


def test_chart_numbers_follow_chinese_conventions(qapp, dashboard):
    from codingplan.ui import translations
    from codingplan.ui.dashboard.charts import HistoryChart, short_day
    from codingplan.usage.tracker import DayCount

    translations.install(qapp, "zh_CN")
    try:
        chart = HistoryChart()
        chart.set_history([DayCount("2026-12-07", {"claude-code": 1033, "qwen-code": 2})])
        text = chart.hover_text(0)
        assert text == "12月7日 周一：1,035（Claude Code 1,033、Qwen Code 2）"
        assert short_day(datetime(2026, 12, 7).date()) == "12月7日"
    finally:
        translations.install(qapp, "en")
