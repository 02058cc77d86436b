"""The tray: its glance, its menu (rebuilt each time it opens), clicks and notifications."""

import sys

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from codingplan.ui import icons
from codingplan.ui.texts import number
from codingplan.ui.tray import Tray


@pytest.fixture
def tray(history, started, qtbot):
    tray = Tray(started)
    shown = []
    # Offscreen there is no tray host to show a notification: record what would be shown.
    tray.icon.showMessage = lambda title, body, icon, ms: shown.append((title, body, icon))
    tray.shown = shown
    yield tray
    tray.close()


def test_tooltip_and_menu_name_all_three_windows(tray, started):
    snapshot = started.snapshot
    tooltip = tray.icon.toolTip().splitlines()
    assert tooltip[0] == "Coding Plan Configurator"
    for line, window in zip(tooltip[1:], ("5h", "week", "month"), strict=True):
        assert number(snapshot.windows[window].remaining) in line
    tray.menu.aboutToShow.emit()
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts[:3] == tooltip[1:]
    assert texts[3:] == [
        "Open dashboard",
        "Test connection…",
        "Calibrate…",
        "Open the plan’s console",
        "Quit",
    ]
    assert not any(a.isEnabled() for a in tray.menu.actions()[:3])  # information, not actions


def test_the_menu_is_rebuilt_from_the_latest_state(tray, started, qtbot):
    tray.menu.aboutToShow.emit()
    first = tray.menu.actions()[0].text()
    started.update_settings(tier="lite")
    qtbot.waitUntil(lambda: started.snapshot.windows["5h"].limit == 1_200, timeout=10_000)
    tray.menu.aboutToShow.emit()
    assert tray.menu.actions()[0].text() != first and "1,200" in tray.menu.actions()[0].text()


def test_menu_items_emit_their_signals(tray, qtbot):
    tray.menu.aboutToShow.emit()
    by_text = {a.text(): a for a in tray.menu.actions()}
    for text, signal in (
        ("Open dashboard", tray.open_dashboard),
        ("Test connection…", tray.test_connection),
        ("Calibrate…", tray.calibrate),
        ("Quit", tray.quit_requested),
    ):
        with qtbot.waitSignal(signal, timeout=1000):
            by_text[text].trigger()


@pytest.mark.skipif(sys.platform == "darwin", reason="on macOS a click opens the menu instead")
def test_left_click_opens_the_dashboard(tray, qtbot):
    with qtbot.waitSignal(tray.open_dashboard, timeout=1000):
        tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)


def test_icon_follows_the_tightest_window(tray, started, qtbot):
    share, level = tray.glance()
    tight = started.snapshot.tightest
    assert share == pytest.approx(tight.remaining / tight.limit)
    assert level is icons.Level.OK
    # The same use against Lite's smaller limit, with a lower threshold, passes it.
    started.update_settings(tier="lite", notify_at=(50, 90))
    qtbot.waitUntil(lambda: tray.glance()[1] is icons.Level.WARN, timeout=10_000)
    assert tray._key[1] is icons.Level.WARN  # the icon was redrawn for it


def test_notifications_once_per_crossing(tray, started, qtbot):
    used = started.snapshot.windows["5h"].used
    # Thresholds just below the current use: one crossing, so one notification.
    started.update_settings(notify_at=(max(1, used * 100 // 6000 - 1), 99))
    qtbot.waitUntil(lambda: len(tray.shown) == 1, timeout=10_000)
    title, body, kind = tray.shown[0]
    assert title.startswith("5-hour window:") and "% used" in title
    assert "requests left" in body and kind == QSystemTrayIcon.MessageIcon.Warning
    started.recompute()
    started.recompute()
    qtbot.wait(500)
    assert len(tray.shown) == 1  # still past the same threshold: nothing new
