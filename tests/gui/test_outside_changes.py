"""What the command line changes while the app runs shows in the app without a restart: a tier
set with ``settings set`` (the Settings tab, the cards' limits, the tray), a key stored or
removed with ``key set`` and ``key clear`` (the Key tab)."""

from __future__ import annotations

import pytest

from codingplan.plan import Tier
from codingplan.shown import Shown
from codingplan.ui.dashboard.key_tab import KeyTab
from codingplan.ui.dashboard.settings_tab import SettingsTab
from tests.fakes.plan_server import TEST_KEY

pytestmark = pytest.mark.secret_service


def test_settings_set_on_the_command_line_shows_at_once(started, cli, qtbot):
    tab = SettingsTab(started)
    qtbot.addWidget(tab)
    assert started.settings.tier is Tier.PRO
    assert cli("settings", "set", "tier", "lite").returncode == 0
    qtbot.waitUntil(lambda: started.settings.tier is Tier.LITE, timeout=5_000)
    assert tab.tier.currentData() == "lite"
    qtbot.waitUntil(lambda: started.snapshot.windows["5h"].limit == 1_200, timeout=10_000)
    assert cli("settings", "set", "show", "used").returncode == 0
    qtbot.waitUntil(lambda: tab.shown.currentData() == "used", timeout=5_000)
    assert started.settings.show is Shown.USED


def test_a_save_of_the_app_itself_changes_nothing_twice(started, qtbot):
    seen = []
    started.settings_changed.connect(lambda: seen.append(started.settings.tier))
    started.update_settings(tier=Tier.LITE)
    qtbot.wait(600)  # the watcher sees the app's own save: nothing new in it
    assert seen == [Tier.LITE]


def test_key_set_and_clear_on_the_command_line_show_in_the_key_tab(started, cli, qtbot):
    tab = KeyTab(started)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: started.key_status is not None, timeout=10_000)
    assert not started.key_status.stored
    assert cli("key", "set", input=f"{TEST_KEY}\n").returncode == 0
    qtbot.waitUntil(lambda: started.key_status.stored, timeout=10_000)
    assert tab.key_label.text() == started.key_status.masked and "…" in tab.key_label.text()
    assert cli("key", "clear", "--yes").returncode == 0
    qtbot.waitUntil(lambda: not started.key_status.stored, timeout=10_000)
    assert tab.key_label.text() == "Not stored yet"
