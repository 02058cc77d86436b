"""The window arithmetic against the plan's rules, at every boundary."""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from codingplan.usage.snapshot import iso
from codingplan.usage.windows import (
    FIVE_HOURS_MS,
    PLAN_TZ,
    Release,
    in_five_hour_window,
    month_period,
    release_schedule,
    to_ms,
    week_period,
)

ZONES = [ZoneInfo(z) for z in ("Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC")]
moments = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2032, 12, 31), timezones=st.just(UTC)
)


@given(moments, st.sampled_from(ZONES))
def test_week_starts_monday_midnight_utc8_whatever_the_local_zone(now, zone):
    period = week_period(now.astimezone(zone))
    start = period.start.astimezone(PLAN_TZ)
    assert (start.weekday(), start.hour, start.minute, start.second) == (0, 0, 0, 0)
    assert period.start <= now < period.end
    assert period.end - period.start == timedelta(days=7)


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=-3, max_value=3))
def test_week_boundary_to_the_millisecond(week, offset_ms):
    monday = datetime(2025, 1, 6, tzinfo=PLAN_TZ) + timedelta(weeks=week)  # a Monday
    now = monday + timedelta(milliseconds=offset_ms)
    period = week_period(now)
    assert period.start == (monday if offset_ms >= 0 else monday - timedelta(days=7))


def test_week_reset_is_sunday_16_utc_and_shown_in_local_time():
    period = week_period(datetime(2026, 3, 29, 12, tzinfo=UTC))  # a DST change in Berlin
    assert period.end.astimezone(UTC) == datetime(2026, 3, 29, 16, tzinfo=UTC)
    assert iso(period.end_ms, ZoneInfo("Europe/Berlin")) == "2026-03-29T18:00:00+02:00"
    assert iso(period.start_ms, ZoneInfo("Europe/Berlin")) == "2026-03-22T17:00:00+01:00"
    sydney = iso(period.end_ms, ZoneInfo("Australia/Sydney"))
    assert sydney == "2026-03-30T03:00:00+11:00"


@given(moments, st.integers(min_value=1, max_value=31))
@settings(max_examples=400)
def test_month_period_contains_now_and_resets_on_the_day_or_the_last_day(now, day):
    period = month_period(now, day)
    assert period.start <= now < period.end
    for edge in (period.start, period.end):
        local = edge.astimezone(PLAN_TZ)
        last = calendar.monthrange(local.year, local.month)[1]
        assert local.day == min(day, last)
        assert (local.hour, local.minute, local.second) == (0, 0, 0)
    start, end = period.start.astimezone(PLAN_TZ), period.end.astimezone(PLAN_TZ)
    assert (end.year * 12 + end.month) - (start.year * 12 + start.month) == 1
    clamped = any(day > calendar.monthrange(e.year, e.month)[1] for e in (start, end))
    assert period.clamped == clamped


def test_subscription_day_past_the_month_end():
    plan = PLAN_TZ
    # Day 31: February's reset is on its last day, in a leap year the 29th.
    p = month_period(datetime(2028, 2, 15, tzinfo=plan), 31)
    assert (p.start, p.end) == (
        datetime(2028, 1, 31, tzinfo=plan),
        datetime(2028, 2, 29, tzinfo=plan),
    )
    assert p.clamped
    p = month_period(datetime(2028, 2, 29, 0, 0, tzinfo=plan), 31)
    assert (p.start, p.end) == (
        datetime(2028, 2, 29, tzinfo=plan),
        datetime(2028, 3, 31, tzinfo=plan),
    )
    p = month_period(datetime(2027, 2, 27, 23, 59, tzinfo=plan), 29)
    assert p.start == datetime(2027, 1, 29, tzinfo=plan) and p.end == datetime(
        2027, 2, 28, tzinfo=plan
    )
    p = month_period(datetime(2027, 3, 1, tzinfo=plan), 30)
    assert p.start == datetime(2027, 2, 28, tzinfo=plan) and p.end == datetime(
        2027, 3, 30, tzinfo=plan
    )
    p = month_period(datetime(2026, 12, 31, 23, tzinfo=plan), 31)
    assert p.start == datetime(2026, 12, 31, tzinfo=plan) and p.end == datetime(
        2027, 1, 31, tzinfo=plan
    )
    assert not p.clamped


def test_month_resets_at_midnight_utc8_not_local_midnight():
    # 15th 00:00 UTC+8 is the 14th 16:00 UTC: a New York evening on the 14th is already
    # in the new month.
    ny = ZoneInfo("America/New_York")
    p = month_period(datetime(2026, 11, 14, 12, 30, tzinfo=ny), 15)
    assert p.start == datetime(2026, 11, 15, tzinfo=PLAN_TZ)
    p = month_period(datetime(2026, 11, 14, 2, 59, tzinfo=ny), 15)
    assert p.end == datetime(2026, 11, 15, tzinfo=PLAN_TZ)


@given(st.integers(min_value=0, max_value=10**13), st.integers(min_value=-5, max_value=5))
def test_a_request_is_back_exactly_five_hours_later(t, delta):
    now = t + FIVE_HOURS_MS + delta
    assert in_five_hour_window(t, now) == (delta < 0)
    assert in_five_hour_window(t, t)


@given(st.lists(st.integers(min_value=0, max_value=FIVE_HOURS_MS * 2), max_size=200))
def test_release_schedule_rounds_up_and_counts_every_request_in_the_window(offsets):
    now = FIVE_HOURS_MS * 2
    releases = release_schedule(offsets, now)
    inside = [t for t in offsets if in_five_hour_window(t, now)]
    assert sum(r.count for r in releases) == len(inside)
    assert [r.at_ms for r in releases] == sorted({r.at_ms for r in releases})
    for r in releases:
        assert r.at_ms % 60_000 == 0 and r.at_ms > now
    for t in inside:  # never promised back before its time
        slot = next(r for r in releases if r.at_ms >= t + FIVE_HOURS_MS)
        assert slot.at_ms - (t + FIVE_HOURS_MS) < 60_000


def test_release_schedule_example():
    now = to_ms(datetime(2026, 11, 28, 15, 0, tzinfo=UTC))
    made = [now - FIVE_HOURS_MS, now - FIVE_HOURS_MS + 1, now - FIVE_HOURS_MS + 59_999, now - 10]
    assert release_schedule(made, now) == [
        Release(now + 60_000, 2),  # back at 15:00:00.001 and 15:00:59.999: both by 15:01
        Release(now + FIVE_HOURS_MS, 1),  # made at 14:59:59.990, back by 20:00
    ]
