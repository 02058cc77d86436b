"""The update check in the app, offscreen, against a stand-in of GitHub's releases API on
loopback: off by default (no request at all), asked for with an unticked box in the wizard
and Settings, a newer version shown once in the tray menu and on the dashboard until
dismissed, failures a line in the log, and nothing of it in a package manager's build."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QUrl

from codingplan import actions, updates
from codingplan.ui.dashboard.overview import OverviewTab
from codingplan.ui.dashboard.settings_tab import SettingsTab
from codingplan.ui.state import AppState
from codingplan.ui.tray import Tray
from codingplan.ui.widgets import links
from codingplan.ui.wizard.finish_page import FinishPage

ENTRY = "Version 9.0.0 is available: what’s new · download"


@pytest.fixture
def opened(monkeypatch):
    """The links the app asked the desktop to open."""
    urls: list[str] = []
    monkeypatch.setattr(links, "open_url", lambda url: urls.append(url.toString()) or True)
    return urls


@pytest.fixture
def managed(tmp_path, monkeypatch):
    marker = tmp_path / "MANAGED_BY"
    marker.write_text("Debian\n")
    monkeypatch.setattr(updates, "MANAGED_BY_FILE", marker)


def start_watch(state: AppState, qtbot) -> None:
    """The watch as the app starts it, its first check at once instead of after a while,
    once it knows whether this build offers the check."""
    state.updates.start_delay_ms = 0
    state.updates.start()
    qtbot.waitUntil(lambda: state.updates.offered is not None, timeout=10_000)


def tray_entries(tray: Tray) -> list[str]:
    tray.menu.aboutToShow.emit()
    return [a.text() for a in tray.menu.actions() if a.text().startswith("Version ")]


def test_off_by_default_asks_nothing_shows_nothing(model, releases, qtbot):
    tray, overview = Tray(model), OverviewTab(model)
    qtbot.addWidget(overview)
    start_watch(model, qtbot)
    qtbot.wait(300)
    model.updates.look()  # the daily look finds it off too
    qtbot.wait(100)
    assert releases.requests == []
    assert tray_entries(tray) == [] and overview.update_line.isHidden()
    tray.close()


def test_a_newer_version_in_the_tray_and_on_the_dashboard_until_dismissed(
    model, releases, qtbot, opened
):
    model.update_settings(check_updates=True)
    tray, overview = Tray(model), OverviewTab(model)
    qtbot.addWidget(overview)
    with qtbot.waitSignal(model.updates.notice_changed, timeout=10_000):
        start_watch(model, qtbot)
    page = f"{releases.origin}/codingplan/configurator/releases/tag/v9.0.0"

    assert tray_entries(tray) == [ENTRY]  # once, however often the menu opens
    assert tray_entries(tray) == [ENTRY]
    entry = next(a for a in tray.menu.actions() if a.text() == ENTRY)
    entry.trigger()
    assert opened == [page]

    line = overview.update_line
    assert not line.isHidden()
    assert "Version 9.0.0 is available:" in line.text.text()
    assert line.links() == ["notes", "download", "sums"]
    line.text.linkActivated.emit("notes")
    line.text.linkActivated.emit("download")
    assert opened == [page, page, page]
    dialog = line.show_sums()
    qtbot.addWidget(dialog)
    assert dialog.view.toPlainText().splitlines()[0] == (
        "a" * 64 + "  CodingPlanConfigurator-9.0.0-windows-x64-setup.exe"
    )

    line.dismiss_button.click()
    assert line.isHidden() and tray_entries(tray) == []
    qtbot.waitUntil(lambda: not model.tasks.busy, timeout=10_000)
    assert actions.update_notice() is None  # dismissed for good, not just for this run
    assert [s.path for s in releases.requests].count(
        "/repos/codingplan/configurator/releases/latest"
    ) == 1
    tray.close()


def test_a_restart_shows_what_was_found_and_does_not_ask_again_that_day(
    model, releases, qtbot, tasks
):
    model.update_settings(check_updates=True)
    actions.check_for_update()
    assert len(releases.requests) == 2
    again = AppState(tasks)  # the next start, the same day
    tray = Tray(again)
    with qtbot.waitSignal(again.updates.notice_changed, timeout=10_000):
        start_watch(again, qtbot)
    qtbot.waitUntil(lambda: not again.tasks.busy, timeout=10_000)
    assert tray_entries(tray) == [ENTRY]
    assert len(releases.requests) == 2
    tray.close()
    again.shutdown()


@pytest.mark.parametrize("scenario", ["malformed", "rate_limited", "same"])
def test_no_news_and_failures_show_nothing_and_raise_no_dialog(
    model, releases, qtbot, caplog, scenario
):
    releases.scenario = scenario
    releases.latest = "9.0.0" if scenario != "same" else updates.__version__
    model.update_settings(check_updates=True)
    errors: list[object] = []
    model.error.connect(errors.append)
    overview = OverviewTab(model)
    qtbot.addWidget(overview)
    with caplog.at_level(logging.INFO, logger="codingplan"):
        start_watch(model, qtbot)
        qtbot.waitUntil(lambda: len(releases.requests) >= 1, timeout=10_000)
        qtbot.waitUntil(lambda: not model.tasks.busy, timeout=10_000)
    assert errors == [] and overview.update_line.isHidden()
    lines = [r.getMessage() for r in caplog.records if r.name == "codingplan.updates"]
    assert len(lines) == 1 and lines[0].startswith("update check: ")
    assert all(r.levelno < logging.WARNING for r in caplog.records)


def test_the_box_in_settings_and_on_the_finish_page_is_unticked_until_ticked(
    model, releases, qtbot
):
    finish = FinishPage(model.settings)
    qtbot.addWidget(finish)
    assert finish.check_updates.offered and not finish.check_updates.isChecked()
    changes: dict[str, object] = {}
    finish.save_settings(changes)
    assert changes["check_updates"] is False
    finish.check_updates.setChecked(True)
    finish.save_settings(changes)
    assert changes["check_updates"] is True

    tab = SettingsTab(model)
    qtbot.addWidget(tab)
    box = tab.check_updates
    assert box.text().startswith("&Tell me when a new version is out")
    assert not box.isHidden() and not box.isChecked()
    start_watch(model, qtbot)
    assert releases.requests == []
    box.setChecked(True)  # turned on: a first check soon, as at start
    assert model.settings.check_updates is True
    qtbot.waitUntil(lambda: model.updates.notice is not None, timeout=10_000)
    box.setChecked(False)  # turned off: nothing more is shown
    assert model.settings.check_updates is False and model.updates.notice is None


def test_a_package_managers_build_has_no_box_and_never_checks(model, releases, qtbot, managed):
    model.update_settings(check_updates=True)  # set by hand, or before the package was made
    finish = FinishPage(model.settings)
    tab = SettingsTab(model)
    for widget in (finish, tab):
        qtbot.addWidget(widget)
    assert finish.check_updates.isHidden() and tab.check_updates.isHidden()
    changes: dict[str, object] = {}
    finish.save_settings(changes)
    assert "check_updates" not in changes
    tray = Tray(model)
    start_watch(model, qtbot)
    assert model.updates.offered is False
    model.updates.look()
    qtbot.wait(300)
    assert releases.requests == [] and tray_entries(tray) == []
    tray.close()


def test_the_link_urls_are_the_release_page(model, releases, qtbot, opened):
    """What's new and Download open GitHub's release page in the browser: nothing is
    downloaded by the app."""
    model.update_settings(check_updates=True)
    with qtbot.waitSignal(model.updates.notice_changed, timeout=10_000):
        start_watch(model, qtbot)
    notice = model.updates.notice
    assert QUrl(notice.download_url).path().endswith("/releases/tag/v9.0.0")
    assert [s.path for s in releases.requests] == [
        "/repos/codingplan/configurator/releases/latest",
        "/download/SHA256SUMS",
    ]
