"""The phrases of a glance, in English and Chinese: times around midnight, at the week's and
the month's end and across a change of clock, a used-up window's resume time and amount,
the pace, how sure a figure is, and lists and numbers in each language's way."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale, QTime

from codingplan.plan import Tier
from codingplan.ui import glance, translations
from codingplan.usage.estimate import WindowEstimate
from codingplan.usage.forecast import Forecast, WindowForecast
from codingplan.usage.ledger import Calibration
from codingplan.usage.snapshot import Snapshot
from codingplan.usage.windows import Period, Release, month_period, to_ms, week_period

BERLIN = ZoneInfo("Europe/Berlin")
SHANGHAI = ZoneInfo("Asia/Shanghai")
MIN = 60_000
HOUR = 60 * MIN


@pytest.fixture
def chinese(qapp):
    translations.install(qapp, "zh_CN")
    yield
    translations.install(qapp, "en")


def ms(tz, *parts) -> int:
    return to_ms(datetime(*parts, tzinfo=tz))


def clock(hour: int, minute: int) -> str:
    """The clock as the current language writes it (4:00 PM in US English, 16:00 in Chinese)."""
    return QLocale().toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)


# --- times -------------------------------------------------------------------------------


def test_around_midnight(qapp):
    now = ms(BERLIN, 2026, 12, 1, 23, 50)
    assert glance.when(ms(BERLIN, 2026, 12, 2, 0, 10), now, BERLIN) == (
        f"in 20 min · tomorrow {clock(0, 10)}"
    )
    assert glance.when(ms(BERLIN, 2026, 12, 1, 23, 59), now, BERLIN) == (
        f"in 9 min · today {clock(23, 59)}"
    )
    # Ten minutes later it is the next day: the same moment is "today".
    later = ms(BERLIN, 2026, 12, 2, 0, 0)
    assert glance.at(ms(BERLIN, 2026, 12, 2, 0, 10), later, BERLIN) == f"today {clock(0, 10)}"
    assert glance.at(ms(BERLIN, 2026, 12, 1, 23, 0), later, BERLIN) == f"yesterday {clock(23, 0)}"


def test_around_midnight_in_chinese(chinese):
    now = ms(SHANGHAI, 2026, 12, 31, 23, 50)
    assert glance.when(ms(SHANGHAI, 2027, 1, 1, 0, 0), now, SHANGHAI) == "10 分钟后 · 明天 00:00"
    assert (
        glance.when(ms(SHANGHAI, 2027, 1, 4, 0, 0), now, SHANGHAI) == "1月4日 周一 00:00 · 4 天后"
    )


def test_the_week_resets_monday_in_china_sunday_evening_in_berlin(qapp):
    sunday_night = datetime(2026, 12, 6, 23, 30, tzinfo=SHANGHAI)
    week = WindowEstimate("week", 10, 45_000, "counted", {}, week_period(sunday_night))
    now = to_ms(sunday_night)
    assert glance.when_line(week, now, SHANGHAI) == f"Resets in 30 min · tomorrow {clock(0, 0)}"
    # The same reset, Monday 00:00 UTC+8, is Sunday 17:00 in Berlin.
    sunday_afternoon = ms(BERLIN, 2026, 12, 6, 16, 0)
    assert (
        glance.when_line(week, sunday_afternoon, BERLIN) == f"Resets in 1 h · today {clock(17, 0)}"
    )
    tuesday = ms(SHANGHAI, 2026, 12, 1, 10, 0)
    week = WindowEstimate("week", 10, 45_000, "counted", {}, week_period(sunday_night))
    assert (
        glance.when_line(week, tuesday, SHANGHAI) == f"Resets Mon 7 Dec {clock(0, 0)} · in 6 days"
    )


def test_the_week_in_chinese(chinese):
    tuesday = datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI)
    week = WindowEstimate("week", 10, 45_000, "counted", {}, week_period(tuesday))
    assert glance.when_line(week, to_ms(tuesday), SHANGHAI) == "重置：12月7日 周一 00:00 · 6 天后"


def test_the_month_end_moved_to_the_last_day(qapp):
    now = datetime(2027, 2, 20, 12, 0, tzinfo=BERLIN)
    month = WindowEstimate("month", 10, 90_000, "counted", {}, month_period(now, 31))
    # No 31st in February: the reset is Feb 28 00:00 UTC+8, Feb 27 17:00 in Berlin.
    assert glance.when_line(month, to_ms(now), BERLIN) == (
        f"Resets Sat 27 Feb {clock(17, 0)} · in 7 days"
    )


def test_the_month_end_in_chinese(chinese):
    now = datetime(2027, 2, 20, 12, 0, tzinfo=BERLIN)
    month = WindowEstimate("month", 10, 90_000, "counted", {}, month_period(now, 31))
    assert glance.when_line(month, to_ms(now), BERLIN) == "重置：2月27日 周六 17:00 · 7 天后"


def test_across_a_change_of_clock(qapp):
    # Berlin moves to summer time on Sunday 28 March 2027: a day with 23 hours.
    now = ms(BERLIN, 2027, 3, 27, 12, 0)
    reset = ms(SHANGHAI, 2027, 3, 29, 0, 0)  # Sunday 18:00 in Berlin, 29 hours ahead
    assert glance.when(reset, now, BERLIN) == f"tomorrow {clock(18, 0)} · in 29 h"


def test_a_time_ahead_is_never_shown_early(qapp):
    now = ms(BERLIN, 2026, 12, 1, 12, 0)
    assert glance.when(now + 30_000, now, BERLIN) == f"in 1 min · today {clock(12, 1)}"
    assert glance.relative(now - 30_000, now, BERLIN) == "just now"
    assert glance.relative(now - 5 * MIN - 59_000, now, BERLIN) == "5 min ago"
    assert glance.relative(now - 3 * 24 * HOUR, now, BERLIN) == "3 days ago"


# --- a used-up window --------------------------------------------------------------------------


def used_up_five_hours(now: int) -> WindowEstimate:
    """100 allowed, 102 in the window: 3 must come back before a call is possible."""
    estimate = WindowEstimate("5h", 102, 100, "counted", {"claude-code": 102})
    estimate.releases = [
        Release(now + 10 * MIN, 1),
        Release(now + 15 * MIN, 2),
        Release(now + 40 * MIN, 50),
        Release(now + 60 * MIN, 49),
    ]
    return estimate


def test_used_up_says_when_work_resumes_and_with_how_much(qapp):
    now = ms(BERLIN, 2026, 12, 1, 8, 0)
    estimate = used_up_five_hours(now)
    # Not the first release (08:10, one back while two over): the one that brings it
    # below the limit.
    assert estimate.resume_ms == now + 15 * MIN
    assert glance.used_up_line(estimate, now, BERLIN) == (
        f"Used up · 1 request back at {clock(8, 15)} (in 15 min) · 100 by {clock(9, 0)}"
    )
    assert glance.when_line(estimate, now, BERLIN) == glance.used_up_line(estimate, now, BERLIN)
    assert glance.left_line(estimate) == "Used up"


def test_used_up_in_chinese(chinese):
    now = ms(SHANGHAI, 2026, 12, 1, 8, 0)
    line = glance.used_up_line(used_up_five_hours(now), now, SHANGHAI)
    assert line == "已用完 · 08:15（15 分钟后）恢复 1 次 · 09:00 前共 100 次"


def test_the_plans_own_time_wins_and_says_so(qapp):
    now = ms(BERLIN, 2026, 12, 1, 8, 0)
    estimate = used_up_five_hours(now)
    estimate.plan_reset_ms = now + 30 * MIN
    assert glance.used_up_line(estimate, now, BERLIN) == (
        f"Used up · back at {clock(8, 30)} (in 30 min), as the plan's answer said"
    )
    week = WindowEstimate("week", 45_000, 45_000, "lower_bound", {}, _week_of(now))
    week.plan_reset_ms = now + 2 * HOUR
    assert "as the plan's answer said" in glance.used_up_line(week, now, BERLIN)
    assert week.resume_ms == now + 2 * HOUR


def _week_of(now: int) -> Period:
    return week_period(datetime.fromtimestamp(now / 1000, BERLIN))


def test_a_used_up_week_comes_back_whole_at_its_reset(qapp):
    now = ms(SHANGHAI, 2026, 12, 1, 10, 0)
    week = WindowEstimate("week", 45_000, 45_000, "lower_bound", {}, _week_of(now))
    assert glance.used_up_line(week, now, SHANGHAI) == (
        f"Used up · 45,000 requests back at Mon 7 Dec {clock(0, 0)} (in 6 days)"
    )


def snapshot_with(estimates: dict[str, WindowEstimate], now: int, binding: str | None) -> Snapshot:
    forecasts = {
        w: WindowForecast(w, 0.0, now if w == binding else None, 0.0, None, glance.used_up(e))
        for w, e in estimates.items()
    }
    return Snapshot(Tier.PRO, now, estimates, Forecast(forecasts, binding), [], BERLIN)


def test_the_forecast_never_says_a_used_up_window_will_run_out(qapp):
    now = ms(BERLIN, 2026, 12, 1, 8, 0)
    week = WindowEstimate("week", 10, 45_000, "counted", {}, _week_of(now))
    month = WindowEstimate(
        "month", 10, 90_000, "counted", {}, month_period(datetime.now(BERLIN), 1)
    )
    snapshot = snapshot_with(
        {"5h": used_up_five_hours(now), "week": week, "month": month}, now, "5h"
    )
    line = glance.forecast_line(snapshot)
    assert "run out" not in line and "runs out" not in line
    assert line == (
        f"Used up: the 5-hour window. Work can resume in 15 min · today {clock(8, 15)}."
    )
    tooltip_line = glance.window_line("5h", snapshot, sure=True)
    assert tooltip_line.startswith("5 hours: Used up · 1 request back at ")
    assert tooltip_line.endswith(" · Counted")


def test_the_forecast_of_a_window_that_will_run_out(qapp):
    now = ms(BERLIN, 2026, 12, 1, 8, 0)
    five = WindowEstimate("5h", 4000, 6000, "counted", {})
    forecasts = {"5h": WindowForecast("5h", 600.0, now + 42 * MIN, 4321.4)}
    snapshot = Snapshot(Tier.PRO, now, {"5h": five}, Forecast(forecasts, "5h"), [], BERLIN)
    # The sentence says which rate it uses, beside the cards' pace against an even spread.
    assert glance.forecast_line(snapshot) == (
        "At the last hour's rate (4,321 requests an hour), the 5-hour window runs out "
        f"in 42 min · today {clock(8, 42)}."
    )
    assert glance.runs_out_line(snapshot, "5h") == f"runs out in 42 min · {clock(8, 42)}"
    row = glance.window_line("5h", snapshot, runs_out=True)
    assert row.endswith(f" · runs out in 42 min · {clock(8, 42)}")
    assert "runs out" not in glance.window_line("5h", snapshot)  # only where asked for


# --- pace, confidence, set-up ------------------------------------------------------------------


def test_pace_against_an_even_spread_reads_as_reserve_or_deficit(qapp):
    # More used than an even spread would have by now: a deficit; less: a reserve.
    assert glance.pace_line("week", 19.6) == "20 % in deficit against an even pace for this week"
    assert glance.pace_line("month", -8.2) == "8 % in reserve against an even pace for this month"
    assert glance.pace_line("week", 0.3) == "On an even pace for this week"
    assert glance.pace_line("5h", 20.0) == "" and glance.pace_line("week", None) == ""


def test_pace_in_chinese(chinese):
    assert glance.pace_line("week", 19.6) == "本周比均匀用量超支 20%"
    assert glance.pace_line("month", -8.2) == "本月比均匀用量结余 8%"


def test_how_sure_each_figure_is(qapp):
    now = ms(BERLIN, 2026, 12, 1, 12, 0)
    estimate = WindowEstimate("week", 9000, 45_000, "calibrated", {})
    estimate.calibration = Calibration("week", now - 2 * HOUR - 5 * MIN, 9000, None)
    label, hint = glance.confidence(estimate, now, BERLIN)
    assert label == "Calibrated 2 h 5 min ago" and "console" in hint
    estimate.confidence, estimate.exhausted_at_ms = "lower_bound", now - 30 * MIN
    label, hint = glance.confidence(estimate, now, BERLIN)
    assert label == f"At least: the plan refused a call today {clock(11, 30)}"
    assert "quota exceeded" in hint
    estimate.confidence = "from_plan"
    label, hint = glance.confidence(estimate, now, BERLIN)
    assert label == "From the plan's answer" and "served" in hint
    estimate.confidence = "counted"
    assert glance.confidence(estimate, now, BERLIN)[0] == "Counted"


def test_how_sure_in_chinese(chinese):
    now = ms(BERLIN, 2026, 12, 1, 12, 0)
    estimate = WindowEstimate("week", 9000, 45_000, "calibrated", {})
    estimate.calibration = Calibration("week", now - 2 * HOUR - 5 * MIN, 9000, None)
    assert glance.confidence(estimate, now, BERLIN)[0] == "2 小时 5 分钟前校准"


def test_set_up_needs_a_plan_and_a_key(qapp):
    from codingplan.keystore import KeyStatus

    missing = KeyStatus(True, False, "Secret Service", "x")
    stored = KeyStatus(True, True, "Secret Service", "x", "sk-sp-…abcd")
    locked = KeyStatus(False, False, "Secret Service", "x")
    assert glance.setup_needs(None, missing) == ["tier", "key"]
    assert glance.setup_needs(Tier.LITE, missing) == ["key"]
    assert glance.setup_needs(Tier.LITE, stored) == []
    assert glance.setup_needs(Tier.LITE, None) == []  # not asked yet: no alarm
    assert glance.setup_needs(Tier.LITE, locked) == []  # cannot tell: another message says so
    assert glance.setup_line(["tier", "key"]) == "Set-up needed: choose your plan, store your key"
    five = WindowEstimate("5h", 812, 6000, "counted", {})
    assert glance.left_line(five, setup_needed=True) == "812 used"  # never "5,188 left"


def test_lists_and_numbers_in_chinese(chinese):
    assert glance.setup_line(["tier", "key"]) == "需要完成设置：选择套餐、保存密钥"
    assert glance.join(["Claude Code 800", "Qwen Code 233"]) == "Claude Code 800、Qwen Code 233"
    from codingplan.ui import texts

    assert texts.number(1033) == "1,033"
