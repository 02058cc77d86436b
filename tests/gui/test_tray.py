"""The tray: its glance, its menu (rebuilt each time it opens), clicks and notifications,
and the set-up-needed state before a plan is chosen and a key stored."""

import sys
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QSystemTrayIcon

from codingplan.plan import Tier
from codingplan.ui import glance, icons
from codingplan.ui.texts import number
from codingplan.ui.tray import Tray

ROWS = 3  # one menu row per window


@pytest.fixture
def tray(stored_key, history, started, qtbot):
    tray = Tray(started)
    shown = []
    # Offscreen there is no tray host to show a notification: record what would be shown.
    tray.icon.showMessage = lambda title, body, icon, ms: shown.append((title, body, icon))
    tray.shown = shown
    qtbot.waitUntil(lambda: started.key_status is not None, timeout=10_000)
    yield tray
    tray.close()


@pytest.fixture
def fresh_tray(history, fresh_started):
    """The tray on a first run: no plan chosen, no key stored."""
    tray = Tray(fresh_started)
    yield tray
    tray.close()


def menu_rows(tray):
    tray.menu.aboutToShow.emit()
    return [a for a in tray.menu.actions() if not a.isSeparator()]


def test_tooltip_and_menu_name_all_three_windows(tray, started):
    snapshot = started.snapshot
    tooltip = tray.icon.toolTip().splitlines()
    assert tooltip[0] == "Coding Plan Configurator"
    for line, window in zip(tooltip[1:4], ("5h", "week", "month"), strict=True):
        assert number(snapshot.windows[window].remaining) in line
        assert "Counted" in line  # how sure the figure is
    assert tooltip[1].startswith("5 hours: ") and " back in " in tooltip[1]
    assert "Resets " in tooltip[2] and "Resets " in tooltip[3]
    assert tooltip[4].startswith("At the recent rate")
    texts = [a.text() for a in menu_rows(tray)]
    assert [t.split(" · ")[0] for t in texts[:ROWS]] == [t.split(" · ")[0] for t in tooltip[1:4]]
    assert texts[ROWS:] == [
        "Open dashboard",
        "Tools",
        "Test connection…",
        "Calibrate…",
        "Open the plan’s console",
        "Quit",
    ]


def test_counted_as_used_the_chip_the_menu_and_the_tooltip_follow(tray, started, qtbot):
    """One setting for every figure of the tray: left (the default), or used."""
    from codingplan.shown import Shown

    snapshot = started.snapshot
    five = snapshot.windows["5h"]
    assert f"{number(five.remaining)} of 6,000 left" in tray.icon.toolTip().splitlines()[1]
    left_icon = tray.icon.icon().pixmap(22).toImage()
    started.update_settings(show=Shown.USED)
    tooltip = tray.icon.toolTip().splitlines()
    assert tooltip[1].startswith(f"5 hours: {number(five.used)} of 6,000 used · ")
    assert " left" not in "\n".join(tooltip[1:4])
    rows = [a.text() for a in menu_rows(tray)[:ROWS]]
    assert rows[0].startswith(f"5 hours: {number(five.used)} of 6,000 used")
    assert tray._key[6] is True  # redrawn, counting what is used
    used_icon = tray.icon.icon().pixmap(22).toImage()
    share = tray.glance()[0]
    expected = icons.draw(22, share, tray.glance()[1], False, window=tray._key[2], as_used=True)
    assert used_icon == expected.toImage() and used_icon != left_icon
    started.update_settings(show=Shown.LEFT)
    assert tray._key[6] is False and "of 6,000 left" in tray.icon.toolTip()


def test_quota_rows_are_normal_text_that_opens_the_dashboard(tray, started, qtbot):
    rows = menu_rows(tray)[:ROWS]
    assert all(row.isEnabled() for row in rows)  # not the disabled grey
    tight = started.snapshot.tightest.window
    bold = [row.font().bold() for row in rows]
    assert bold == [w == tight for w in ("5h", "week", "month")]
    with qtbot.waitSignal(tray.open_dashboard, timeout=1000):
        rows[1].trigger()


def test_a_used_up_window_is_red_with_its_resume_time(tray, started, home, qtbot):
    from codingplan.plan import Tier
    from tests.fakes.history import claude_requests

    # Lite's 1,200 in 5 hours, far exceeded by the history and this burst.
    claude_requests(home, [datetime.now(UTC) - timedelta(minutes=2)] * 1300)
    started.update_settings(tier=Tier.LITE)
    started.refresh_usage()
    qtbot.waitUntil(lambda: started.snapshot.windows["5h"].remaining == 0, timeout=30_000)
    five = menu_rows(tray)[0]
    assert five.isEnabled() and five.font().bold()
    assert five.text().startswith("5 hours: Used up · ")
    assert " back at " in five.text()
    assert "runs out" not in tray.icon.toolTip()
    glyph = five.icon().pixmap(16).toImage()
    centre = glyph.pixelColor(8, 3)  # the red disc, above its white bar
    red = icons.COLOURS[icons.Level.EXHAUSTED]
    assert abs(centre.red() - red.red()) < 30 and centre.green() < 80
    assert tray.glance()[1] is icons.Level.EXHAUSTED


def test_the_menu_is_rebuilt_from_the_latest_state(tray, started, qtbot):
    first = menu_rows(tray)[0].text()
    started.update_settings(tier=Tier.LITE)
    qtbot.waitUntil(lambda: started.snapshot.windows["5h"].limit == 1_200, timeout=10_000)
    row = menu_rows(tray)[0].text()
    assert row != first and ("of 1,200 left" in row or "Used up" in row)


def test_menu_items_emit_their_signals(tray, qtbot):
    by_text = {a.text(): a for a in menu_rows(tray)}
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
    started.update_settings(tier=Tier.LITE, notify_at=(50, 90))
    qtbot.waitUntil(lambda: tray.glance()[1] is not icons.Level.OK, timeout=10_000)
    assert tray._key[1] is tray.glance()[1]  # the icon was redrawn for it


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


def test_the_icon_marks_the_binding_window_and_fades_when_the_figure_is_old(tray, started, qtbot):
    from codingplan.ui.tray import STALE_AFTER_MS, now_ms

    tray.update_icon()
    assert tray._key[2] == started.snapshot.tightest.window  # the mark drawn on the chip
    assert tray._key[3] is False
    assert tray.icon.toolTip().splitlines()[-1] == "Last updated just now"
    fresh = tray.icon.icon().pixmap(22).toImage().pixelColor(11, 1).alpha()
    # The records have not been read for longer than two refreshes.
    started.updated_ms = now_ms() - STALE_AFTER_MS - 60_000
    tray.update_icon()
    assert tray._key[3] is True
    old = tray.icon.icon().pixmap(22).toImage().pixelColor(11, 1).alpha()
    assert fresh == 255 and old < 140
    assert tray.icon.toolTip().splitlines()[-1] == (
        "Last updated 11 min ago: the records could not be read since."
    )
    started.refresh_usage()  # a read that works: fresh again
    qtbot.waitUntil(lambda: not tray.stale(), timeout=10_000)
    tray.update_icon()
    assert tray._key[3] is False


def test_a_row_past_a_threshold_says_when_it_runs_out(tray, started, home, qtbot):
    five = started.snapshot.windows["5h"]
    burst(home, five.limit * 96 // 100 - five.used)
    started.refresh_usage()
    qtbot.waitUntil(lambda: started.snapshot.windows["5h"].used > five.limit * 95 // 100)
    snapshot = started.snapshot
    runs_out = snapshot.forecast.windows["5h"].runs_out_ms
    clock = glance.at(runs_out, snapshot.now_ms, snapshot.tz, today_word=False)
    five_row = menu_rows(tray)[0].text()
    assert five_row.startswith("5 hours: ") and five_row.endswith(f" · {clock}")
    assert " · runs out in " in five_row
    assert "runs out" not in menu_rows(tray)[1].text()  # the week is far from its limit


def burst(home, count: int) -> None:
    """``count`` requests made three minutes ago: a pace that uses the 5 hours up fast."""
    from tests.fakes.history import claude_requests

    claude_requests(home, [datetime.now(UTC) - timedelta(minutes=3)] * count)


def test_the_95_percent_alert_says_when_it_runs_out_at_this_pace(tray, started, home, qtbot):
    five = started.snapshot.windows["5h"]
    burst(home, five.limit * 96 // 100 - five.used)  # past 95 %, at a pace that empties it
    started.refresh_usage()
    qtbot.waitUntil(lambda: any("95% used" in t for t, _, _ in tray.shown), timeout=30_000)
    (body,) = [b for t, b, _ in tray.shown if "95% used" in t]
    snapshot = started.snapshot
    runs_out = snapshot.forecast.windows["5h"].runs_out_ms
    assert runs_out is not None  # the burst's pace uses the rest up before requests come back
    clock = glance.at(runs_out, snapshot.now_ms, snapshot.tz, today_word=False)
    assert f"runs out around {clock} (in " in body and body.endswith(") at this pace.")


def test_the_used_up_alert_says_when_work_can_resume(tray, started, home, qtbot):
    five = started.snapshot.windows["5h"]
    burst(home, five.limit - five.used + 40)
    started.refresh_usage()
    qtbot.waitUntil(lambda: any("used up" in t for t, _, _ in tray.shown), timeout=30_000)
    (body,) = [b for t, b, _ in tray.shown if "used up" in t]
    snapshot = started.snapshot
    resume = snapshot.windows["5h"].resume_ms  # the rule the cards use
    assert resume is not None
    clock = glance.at(resume, snapshot.now_ms, snapshot.tz, today_word=False)
    assert body.startswith(f"No requests left: back at {clock} (in ") and body.endswith(").")


def test_the_used_up_alert_in_chinese_says_when_too(tray, started, home, qtbot, qapp):
    from codingplan.ui import translations

    translations.install(qapp, "zh_CN")
    five = started.snapshot.windows["5h"]
    burst(home, five.limit - five.used + 40)
    started.refresh_usage()
    qtbot.waitUntil(lambda: len(tray.shown) > 0, timeout=30_000)
    title, body, _ = tray.shown[-1]
    snapshot = started.snapshot
    resume = snapshot.windows["5h"].resume_ms
    clock = glance.at(resume, snapshot.now_ms, snapshot.tz, today_word=False)
    assert "已用完" in title and clock in body and "后" in body, (title, body)
    assert "No requests" not in body  # the whole sentence in Chinese


# --- set-up needed ------------------------------------------------------------------------


def test_first_run_shows_set_up_needed_never_a_full_icon(fresh_tray, fresh_model):
    assert fresh_tray.glance() == (None, icons.Level.SETUP)
    tooltip = fresh_tray.icon.toolTip()
    assert "Set-up needed: choose your plan, store your key" in tooltip
    assert " left" not in tooltip and "6,000" not in tooltip
    used = fresh_model.snapshot.windows["5h"].used
    assert f"5 hours: {number(used)} used" in tooltip  # used counts still show
    image = fresh_tray.icon.icon().pixmap(22).toImage()
    assert image.pixelColor(11, 11) != QColor(icons.COLOURS[icons.Level.OK])


def test_one_click_from_the_menu_or_the_icon_opens_the_wizard(fresh_tray, qtbot):
    rows = menu_rows(fresh_tray)
    assert rows[0].text().startswith("Set-up needed:") and rows[0].isEnabled()
    with qtbot.waitSignal(fresh_tray.run_wizard, timeout=1000):
        rows[0].trigger()
    assert not any(" left" in row.text() for row in rows)
    if sys.platform != "darwin":
        with qtbot.waitSignal(fresh_tray.run_wizard, timeout=1000):
            fresh_tray.icon.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)


def test_a_plan_without_a_key_still_needs_set_up(fresh_tray, fresh_model, stored_key, qtbot):
    from codingplan.plan import Tier

    fresh_model.update_settings(tier=Tier.PRO)
    qtbot.waitUntil(lambda: fresh_model.snapshot.tier is not None, timeout=10_000)
    assert fresh_tray.glance()[1] is icons.Level.SETUP
    assert "store your key" in fresh_tray.icon.toolTip()
    assert "choose your plan" not in fresh_tray.icon.toolTip()
    fresh_model.refresh_key()  # the key is in the keyring now
    qtbot.waitUntil(lambda: fresh_tray.glance()[1] is not icons.Level.SETUP, timeout=10_000)
    assert "Set-up needed" not in fresh_tray.icon.toolTip()
    assert " left" in fresh_tray.icon.toolTip()


def test_test_connection_and_calibrate_are_off_until_they_can_work(fresh_tray, fresh_model, qtbot):
    qtbot.waitUntil(lambda: fresh_model.key_status is not None)
    by_text = {a.text(): a for a in menu_rows(fresh_tray)}
    test, calibrate = by_text["Test connection…"], by_text["Calibrate…"]
    assert not test.isEnabled() and not calibrate.isEnabled()
    assert test.toolTip() == "Store your key first: the test sends it to the plan."
    assert calibrate.toolTip().startswith("Choose your plan first")
