"""The plan's console in the app, against the stand-in console on loopback and the real
Secret Service: logging in from the wizard, a fault's sentence with its Details, the Key
tab's logout, the reading schedule, the plan's end on the dashboard and its reminder."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from codingplan.actions import ClearedKey
from codingplan.actions import console as console_actions
from codingplan.console import credentials
from codingplan.console.faults import POLICY_JSON
from codingplan.ui import console_reader
from codingplan.ui.dashboard.key_tab import KeyTab
from codingplan.ui.dashboard.window import Dashboard
from codingplan.ui.tray import Tray
from codingplan.ui.wizard.wizard import PageId, SetupWizard
from tests.fakes.console_server import KEY_ID, SECRET, ConsoleServer, instance


@pytest.fixture
def console(monkeypatch):
    with ConsoleServer() as server:
        monkeypatch.setenv("CODINGPLAN_CONSOLE_ORIGIN", server.origin)
        yield server


@pytest.fixture(autouse=True)
def no_console_login_left():
    credentials.delete()
    yield
    credentials.delete()


@pytest.fixture
def logged_in(console, home):
    """An AccessKey stored, as a login on an earlier run left it."""
    console_actions.login(KEY_ID, SECRET)
    return console


def at_console_page(qtbot, model) -> SetupWizard:
    wizard = SetupWizard(model)
    qtbot.addWidget(wizard)
    wizard.setStartId(PageId.CONSOLE)
    wizard.restart()
    wizard.show()
    return wizard


def logged_in_from_the_page(wizard: SetupWizard, qtbot):
    """The console page's login, once the ID and secret entered there were tried."""
    login = wizard.console_page.login
    login.key_id.setText(KEY_ID)
    login.secret.setText(SECRET)
    login.login_button.click()
    qtbot.waitUntil(lambda: not login.busy, timeout=20_000)
    return login


def next_text(wizard: SetupWizard) -> str:
    from PySide6.QtWidgets import QWizard

    return wizard.button(QWizard.WizardButton.NextButton).text()


def test_the_wizard_page_logs_in_and_goes_on(console, model, qtbot):
    wizard = at_console_page(qtbot, model)
    page = wizard.console_page
    assert next_text(wizard) == "&Skip"  # nothing entered: going on skips it
    page.login.key_id.setText(KEY_ID)
    page.login.secret.setText(SECRET)
    assert next_text(wizard) == "&Next >"
    assert page.login.secret.echoMode() == page.login.secret.EchoMode.Password
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.TOOLS, timeout=20_000)
    assert console.problems == [] and len(console.mints()) == 1 and len(console.reads()) == 1
    assert credentials.load() is not None
    assert model.console.status is not None and model.console.status.masked_id == "…0001"
    assert page.login.secret.text() == ""  # only the keyring keeps it
    assert "Logged in: the AccessKey …0001 (international site)" in page.login.result.text()


def test_skip_goes_on_without_a_login(console, model, qtbot):
    wizard = at_console_page(qtbot, model)
    wizard.next()
    assert wizard.currentId() == PageId.TOOLS
    assert console.received == [] and credentials.load() is None


def test_a_missing_permission_names_its_fix_with_the_policy_and_the_code_under_details(
    console, model, qtbot
):
    console.mint_scenario = "no_permission"
    wizard = at_console_page(qtbot, model)
    login = logged_in_from_the_page(wizard, qtbot)
    assert wizard.currentId() == PageId.CONSOLE
    view = login.result.status
    text = view.text()
    assert text.startswith("Not logged in\nThis AccessKey may not sign in to the console")
    assert "attach this policy to the user" in text
    assert "console_no_permission" not in text  # the code is folded away
    assert view.details_button.isVisible() and not view.detail.isVisible()
    view.details_button.click()
    assert view.detail.toPlainText().startswith("console_no_permission")
    assert SECRET not in view.detail.toPlainText()
    assert login.result.policy.isVisible()
    assert login.result.policy.text.toPlainText() == POLICY_JSON
    login.result.policy.copy.click()
    assert QGuiApplication.clipboard().text() == POLICY_JSON
    assert login.result.policy.copy.text() == "Copied"
    assert credentials.load() is None  # credentials that cannot work are not kept


def test_a_clock_off_says_by_how_much_in_both_languages(console, model, qtbot, qapp):
    from codingplan.ui import translations

    console.clock_offset = -20 * 60  # the console's clock is 20 minutes behind ours
    wizard = at_console_page(qtbot, model)
    login = logged_in_from_the_page(wizard, qtbot)
    error = console_actions.status(read=True).fault  # the same fault, kept credentials
    text = login.result.text()
    assert "this computer's clock is 20 min ahead of the console's" in text
    assert "Set the clock to the right time" in text
    assert error is not None
    translations.install(qapp, "zh_CN")
    try:
        login.result.show_fault(error, "")
        assert "20" in login.result.text() and "时钟" in login.result.text()
    finally:
        translations.install(qapp, "en")


def test_the_key_tab_shows_who_is_logged_in_and_logs_out(logged_in, stored_key, started, qtbot):
    tab = KeyTab(started)
    qtbot.addWidget(tab)
    tab.show()
    section = tab.console
    qtbot.waitUntil(lambda: section.logout_button.isEnabled(), timeout=20_000)
    assert section.who.text() == "Logged in with the AccessKey …0001 (international site)."
    qtbot.waitUntil(lambda: section.read.text().startswith("Last read just now"))
    section.logout_button.click()
    box = section.question
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == "Log out").click()
    qtbot.waitUntil(lambda: section.result.isVisible(), timeout=20_000)
    assert section.result.text() == "Logged out\nThe AccessKey was deleted from the keyring."
    assert section.who.text().startswith("Not logged in")
    assert not section.logout_button.isEnabled() and not section.read_button.isEnabled()
    assert credentials.load() is None
    assert started.console.next_read_ms is None  # nothing more is read


def test_the_files_still_holding_a_removed_key_are_named(model, qtbot, tmp_path):
    tab = KeyTab(model)
    qtbot.addWidget(tab)
    kept = tmp_path / ".env"
    tab._removed(ClearedKey(True, [], {}, [kept]))
    text = tab.result.text()
    assert "These files hold the key, not put there by this app" in text
    assert str(kept) in text and text.startswith("Key removed")


def test_the_waits_double_after_each_failure_up_to_an_hour():
    minutes = [console_reader.wait_after(n) // 60_000 for n in range(1, 7)]
    assert minutes == [10, 20, 40, 60, 60, 60]


def test_reads_come_on_schedule_back_off_on_failures_and_recover(logged_in, model, qtbot):
    reader = model.console
    reader.every_ms, reader.longest_ms = 300, 1_200
    reads = len(logged_in.reads())
    model.start()  # the app opens: it looks for a login, then reads
    qtbot.waitUntil(lambda: len(logged_in.reads()) >= reads + 3, timeout=20_000)
    assert reader.failures == 0 and reader._timer.interval() == 300
    logged_in.gateway_scenario = "server_error"
    qtbot.waitUntil(lambda: reader.failures >= 2, timeout=20_000)
    qtbot.waitUntil(lambda: not reader.reading)
    assert reader._timer.interval() == min(1_200, 300 << reader.failures)
    assert reader.status is not None and reader.status.fault is not None
    assert reader.status.logged_in  # a failed read keeps the login
    logged_in.gateway_scenario = None
    qtbot.waitUntil(lambda: reader.failures == 0, timeout=20_000)
    assert reader.status.fault is None and reader._timer.interval() == 300


def test_a_quota_error_reads_at_once_unless_one_was_just_made(logged_in, model, qtbot):
    reader = model.console
    reader.set_status(console_actions.status(read=False))
    reads = len(logged_in.reads())
    reader.last_try_ms = None
    reader.quota_error()
    qtbot.waitUntil(lambda: len(logged_in.reads()) == reads + 1 and not reader.reading)
    reader.quota_error()  # a second one a moment later: the figure is that fresh
    assert len(logged_in.reads()) == reads + 1 and not reader.reading


def test_nothing_is_read_without_a_login(console, model, qtbot):
    model.start()
    qtbot.waitUntil(lambda: model.console.status is not None, timeout=20_000)
    assert not model.console.status.logged_in and model.console.next_read_ms is None
    model.console.refresh()
    model.console.quota_error()
    assert console.received == []


def test_the_plan_end_is_on_the_dashboard_and_its_reminder_shown_once(
    logged_in, stored_key, history, model, qtbot
):
    logged_in.instances = [instance(tier="lite", days_left=2)]
    tray = Tray(model)
    shown: list[tuple[str, str]] = []
    tray.icon.showMessage = lambda title, body, icon, ms: (
        shown.append((title, body)) if title.startswith("Your Coding Plan") else None
    )
    model.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0][0].startswith("Your Coding Plan ends on") and "in 2 days" in shown[0][0]
    assert shown[0][1].startswith("Lite can no longer be renewed")
    window = Dashboard(model)
    qtbot.addWidget(window)
    facts = window.overview.plan_facts
    assert facts.isVisibleTo(window) and facts.text().startswith("The plan is valid until")
    assert "2 days left\nLite can no longer be renewed" in facts.text()
    reads = len(logged_in.reads())
    model.console.read()
    qtbot.waitUntil(lambda: len(logged_in.reads()) > reads and not model.console.reading)
    assert len(shown) == 1  # the 3-day reminder, once
    tray.icon.hide()


def test_a_failed_read_says_what_failed_and_when_it_is_tried_again(
    logged_in, stored_key, model, qtbot
):
    logged_in.gateway_scenario = "not_member"
    window = Dashboard(model)
    qtbot.addWidget(window)
    model.start()
    line = window.overview.console_line
    qtbot.waitUntil(lambda: line.isVisibleTo(window), timeout=20_000)
    assert line.text().startswith("The plan's console could not be read: The AccessKey's RAM")
    assert "then try again. Next read in 10 min (" in line.text()


def test_the_reminder_store_keeps_each_end_apart(home):
    from datetime import UTC, datetime

    from codingplan.plan_reminders import ReminderState

    end = datetime(2027, 3, 11, tzinfo=UTC)
    state = ReminderState()
    state.mark(end, 7)
    state.mark(end, 3)
    assert ReminderState().sent(end) == {7, 3}
    assert ReminderState().sent(datetime(2027, 4, 11, tzinfo=UTC)) == set()
    assert isinstance(state.path, Path)


def test_a_reading_older_than_its_window_falls_back_to_the_estimate_and_says_so(
    stored_key, history, model, qtbot
):
    import json
    from datetime import UTC, datetime, timedelta

    from codingplan import quota
    from codingplan.console import answer
    from tests.fakes.console_server import gateway_success

    read_at = datetime.now(UTC) - timedelta(hours=6)  # older than the 5-hour window
    data = json.dumps(gateway_success([instance(at_ms=int(read_at.timestamp() * 1000))]))
    quota.record_console_reading(answer.parse_plan(data.encode(), read_at))
    window = Dashboard(model)
    qtbot.addWidget(window)
    model.start()
    qtbot.waitUntil(lambda: model.snapshot is not None, timeout=30_000)
    five, week = window.overview.cards["5h"], window.overview.cards["week"]
    qtbot.waitUntil(lambda: week.confidence.text().startswith("From the plan, 6 h ago"))
    assert not five.confidence.text().startswith("From the plan")
    assert "older than this window" in five.confidence.toolTip()
    assert "The plan's own reading is older than this window" in window.overview.notes.text()


def test_bl_s_login_is_offered_as_a_second_way_in_and_reads(console, model, qtbot, home):
    import json

    console.bl_token = "bl-console-token-0123456789abcdef"
    config = home / ".bailian" / "config.json"
    config.parent.mkdir()
    config.write_text(json.dumps({"access_token": console.bl_token}))
    wizard = at_console_page(qtbot, model)
    login = wizard.console_page.login
    qtbot.waitUntil(lambda: login.bl_box.isVisibleTo(wizard), timeout=20_000)
    assert str(config) in login.bl_text.text() and "never copies it" in login.bl_text.text()
    login.use_bl_button.click()
    qtbot.waitUntil(lambda: not login.busy, timeout=20_000)
    assert console.problems == [] and console.mints() == [] and len(console.reads()) == 1
    assert login.result.text().startswith("Logged in: the bl command's login")
    assert config.read_text() == json.dumps({"access_token": console.bl_token})  # only read
    wizard.next()
    assert wizard.currentId() == PageId.TOOLS  # logged in: Next goes on


def test_a_new_quota_error_in_the_records_has_the_console_read(model, monkeypatch):
    from types import SimpleNamespace

    asked: list[bool] = []
    monkeypatch.setattr(model.console, "quota_error", lambda: asked.append(True))

    def snapshot(*refused: int | None):
        windows = {
            w: SimpleNamespace(exhausted_at_ms=ms) for w, ms in zip("abc", refused, strict=True)
        }
        return SimpleNamespace(windows=windows)

    model._note_refusals(snapshot(5_000, None, None))  # there when the app opened
    model._note_refusals(snapshot(5_000, None, None))
    assert asked == []
    model._note_refusals(snapshot(5_000, 9_000, None))  # a new one
    assert asked == [True]
    model._note_refusals(snapshot(None, None, None))  # gone again (a reset): nothing new
    assert asked == [True]
