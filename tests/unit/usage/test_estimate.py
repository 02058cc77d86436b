"""Windows from the ledger: calibration, quota errors, the Lite -> Pro upgrade, forecast."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codingplan.endings import Outcome
from codingplan.integrations.claude_code.usage import PARSER
from codingplan.plan import Tier, Window
from codingplan.settings import Settings
from codingplan.usage import Tracker
from codingplan.usage.estimate import TierChange, WindowEstimate, estimate_windows
from codingplan.usage.events import RequestEvent
from codingplan.usage.forecast import HOUR_MS, five_hour_run_out
from codingplan.usage.scanner import FileResult
from codingplan.usage.source import Target
from codingplan.usage.windows import FIVE_HOURS_MS, to_ms

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday
NOW_MS = to_ms(NOW)
MIN = 60_000
_keys = count()


def add(tracker: Tracker, times_ms, outcome=Outcome.OK, source="claude-code") -> None:
    events = [
        RequestEvent(source, f"k{next(_keys)}", t, "qwen3-coder-plus", outcome) for t in times_ms
    ]
    tracker.ledger.commit([FileResult.of(Target(source, PARSER, "-"), None, events)])


@pytest.fixture
def t(tracker):
    return tracker


def test_five_hour_window_counts_and_schedules_releases(t):
    add(t, [NOW_MS - FIVE_HOURS_MS])  # made exactly 5 h ago: already back
    add(t, [NOW_MS - 4 * HOUR_MS] * 3 + [NOW_MS - 10 * MIN])
    add(t, [NOW_MS - MIN], Outcome.RATE_LIMITED)  # refused: not counted
    w = estimate_windows(t.ledger, Tier.LITE, 1, NOW)["5h"]
    assert (w.used, w.limit, w.remaining, w.confidence) == (4, 1200, 1196, "counted")
    assert [(r.at_ms - NOW_MS, r.count) for r in w.releases] == [(HOUR_MS, 3), (290 * MIN, 1)]
    assert w.next_release_ms == NOW_MS + HOUR_MS


def test_week_and_month_count_since_their_resets(t):
    monday = to_ms(datetime(2026, 11, 23, 0, 0, tzinfo=UTC) - timedelta(hours=8))
    add(t, [monday - 1, monday, monday + 1])
    w = estimate_windows(t.ledger, Tier.PRO, 22, NOW)
    assert w["week"].used == 2
    assert w["month"].used == 3  # the month began on the 22nd at 00:00 UTC+8
    assert estimate_windows(t.ledger, Tier.PRO, 24, NOW)["month"].used == 0
    assert w["week"].sources == {"claude-code": 2}


def test_calibration_carries_on_with_the_local_count(t):
    add(t, [NOW_MS - 2 * HOUR_MS] * 10)
    t.calibrate("week", 5000, now=NOW - timedelta(hours=1))
    add(t, [NOW_MS - 30 * MIN] * 7)
    w = t.snapshot(Settings(tier=Tier.PRO), now=NOW).windows["week"]
    assert (w.used, w.confidence) == (5007, "calibrated")
    t.calibrate("month", 100, total=90_000, now=NOW)
    assert t.snapshot(Settings(), now=NOW).windows["month"].used == 100
    # A reading from last week no longer applies.
    later = NOW + timedelta(days=7)
    assert t.snapshot(Settings(), now=later).windows["week"].confidence == "counted"


def test_five_hour_calibration_adds_the_unseen_calls_spread_over_the_hours_before(t):
    add(t, [NOW_MS - 3 * HOUR_MS] * 20)
    # The console showed 100 more than seen here, an hour ago: made elsewhere, evenly over
    # the 5 hours before the reading, so a fifth of them are back by now.
    t.calibrate("5h", 120, now=NOW - timedelta(hours=1))
    w = t.snapshot(Settings(tier=Tier.LITE), now=NOW).windows["5h"]
    assert (w.used, w.confidence, w.estimated_releases) == (100, "calibrated", True)
    assert sum(r.count for r in w.releases) == 100
    by_time = {r.at_ms: r.count for r in w.releases}
    assert by_time[NOW_MS + 2 * HOUR_MS] in (20, 21)  # the 20 seen (and maybe one hidden)
    hidden_back = [n for at, n in by_time.items() if at != NOW_MS + 2 * HOUR_MS]
    assert max(by_time) == NOW_MS + 4 * HOUR_MS
    assert max(hidden_back) <= 1  # one by one, not all at once
    later = t.snapshot(Settings(tier=Tier.LITE), now=NOW + timedelta(hours=2, minutes=1))
    assert later.windows["5h"].used == 40  # the 20 seen are back; 2/5 of the rest remain
    gone = t.snapshot(Settings(tier=Tier.LITE), now=NOW + timedelta(hours=4))
    assert gone.windows["5h"].used == 0


def test_quota_error_marks_the_window_used_up(t):
    add(t, [NOW_MS - HOUR_MS] * 50)
    add(t, [NOW_MS - 5 * MIN], Outcome.QUOTA_5H, source="app")
    snap = t.snapshot(Settings(tier=Tier.LITE), now=NOW)
    w = snap.windows["5h"]
    assert (w.used, w.remaining, w.confidence) == (1200, 0, "lower_bound")
    assert snap.to_dict()["windows"]["5h"]["exhausted_at"]
    add(t, [NOW_MS - 2 * MIN], Outcome.QUOTA_WEEK, source="qwen-code")
    week = t.snapshot(Settings(tier=Tier.LITE), now=NOW).windows["week"]
    assert (week.remaining, week.confidence) == (0, "lower_bound")
    assert t.snapshot(Settings(tier=Tier.LITE), now=NOW).forecast.binding == "5h"


def test_lite_to_pro_upgrade_raises_the_month_in_proportion(t):
    start = to_ms(datetime(2026, 11, 10, tzinfo=UTC) - timedelta(hours=8))
    add(t, [start + HOUR_MS] * 6000)  # 6,000 of Lite's 18,000 used before the upgrade
    upgrade = start + 24 * HOUR_MS
    add(t, [upgrade + HOUR_MS] * 1000)
    changes = [TierChange(start - 40 * 24 * HOUR_MS, Tier.LITE), TierChange(upgrade, Tier.PRO)]
    w = estimate_windows(t.ledger, Tier.PRO, 10, NOW, changes)["month"]
    # 12,000 left of Lite's month become 12,000 x 90,000 / 18,000 = 60,000 of Pro's.
    assert w.limit == 6000 + 60_000
    assert w.remaining == 60_000 - 1000
    assert w.upgrade == {"at_ms": upgrade, "used_before": 6000, "remaining_before": 12_000}
    plain = estimate_windows(t.ledger, Tier.PRO, 10, NOW)["month"]
    assert plain.limit == 90_000 and plain.upgrade is None


def test_upgrade_recorded_by_settings(home):
    from codingplan import settings as settings_mod

    # The first choice is no change of plan; each later one is recorded with its time.
    assert settings_mod.update({"tier": Tier.LITE}).settings.tier_changes == ()
    settings_mod.update({"tier": Tier.PRO})
    result = settings_mod.update({"tier": Tier.LITE})
    changes = result.settings.tier_changes
    assert [c["tier"] for c in changes] == ["pro", "lite"]
    assert all(c["time"].endswith("Z") for c in changes)
    assert settings_mod.load().settings.tier_changes == changes
    # Files without changes keep the old shape; bad entries are refused like other values.
    assert "tier_changes" not in Settings().to_dict()
    bad = settings_mod._from_dict(
        {"tier_changes": [{"time": "yesterday", "tier": "pro"}]}, settings_mod.paths.settings_file()
    )
    assert bad.notices and bad.settings.tier_changes == ()


def test_forecast_pace_and_run_out(t):
    add(t, [NOW_MS - i * MIN for i in range(600)])  # one a minute for 10 hours: 60/hour
    snap = t.snapshot(Settings(tier=Tier.LITE), now=NOW)
    f = snap.forecast.windows
    assert f["5h"].pace_per_hour == 60.0
    assert snap.windows["5h"].used == 300  # made 0..299 minutes ago
    # 60/hour, with one request returning per minute: the window never fills.
    assert f["5h"].runs_out_ms is None
    add(t, [NOW_MS - MIN] * 899)  # a burst: 1,199 in the window, 959/hour over the last hour
    snap = t.snapshot(Settings(tier=Tier.LITE), now=NOW)
    assert snap.forecast.binding == "5h"
    assert NOW_MS < snap.forecast.windows["5h"].runs_out_ms < NOW_MS + 10 * MIN


@given(
    st.lists(st.integers(min_value=1, max_value=FIVE_HOURS_MS), max_size=60),
    st.integers(min_value=1, max_value=80),
    st.floats(min_value=0.5, max_value=500),
)
def test_five_hour_run_out_is_the_first_full_moment(returns, limit, per_hour):
    now = 0
    used = len(returns)
    at = five_hour_run_out([now + r for r in returns], used, limit, per_hour, now)

    def load(time_ms: float) -> float:
        back = sum(1 for r in returns if r <= time_ms)
        return used - back + per_hour * time_ms / HOUR_MS

    if used >= limit:
        assert at == now
        return
    steps = [i * FIVE_HOURS_MS / 500 for i in range(501)]
    if at is None:
        assert all(load(s) < limit + 1e-6 for s in steps)
    else:
        assert load(at + 1) >= limit - 1e-6
        assert all(load(s) < limit + 1e-6 for s in steps if s < at - 1)


def test_snapshot_json_notes_upgrade_and_clamped_day(t):
    now = datetime(2027, 2, 20, 12, tzinfo=UTC)
    add(t, [to_ms(now) - 3 * 24 * HOUR_MS] * 10)
    settings = Settings(
        tier=Tier.PRO,
        subscription_day=31,
        tier_changes=(
            {"time": "2027-01-01T00:00:00Z", "tier": "lite"},
            {"time": "2027-02-18T00:00:00Z", "tier": "pro"},
        ),
    )
    month = t.snapshot(settings, now=now, tz=ZoneInfo("Europe/Berlin")).to_dict()["windows"][
        "month"
    ]
    assert month["day_clamped"] is True  # resets on Feb 28, the month has no 31st
    assert month["resets_at"] == "2027-02-27T17:00:00+01:00"
    assert month["upgrade"]["used_before"] == 10
    assert month["limit"] == 10 + (18_000 - 10) * 5
    assert len(month["notes"]) == 2


def test_daily_history_by_local_day_across_a_dst_change(t):
    berlin = ZoneInfo("Europe/Berlin")
    # 2026-03-29: clocks go forward; that local day has 23 hours.
    for hour in (0, 1, 3, 23):
        add(t, [to_ms(datetime(2026, 3, 29, hour, 30, tzinfo=berlin))], source="qwen-code")
    add(t, [to_ms(datetime(2026, 3, 30, 0, 10, tzinfo=berlin))])
    days = t.daily_history(3, now=datetime(2026, 3, 30, 12, tzinfo=berlin), tz=berlin)
    assert [(d.day, d.by_source) for d in days] == [
        ("2026-03-28", {}),
        ("2026-03-29", {"qwen-code": 4}),
        ("2026-03-30", {"claude-code": 1}),
    ]


# --- when a used-up window takes a call again: one rule for every view ----------------------

_releases = st.lists(
    st.tuples(st.integers(1, 5 * 60), st.integers(1, 50)), max_size=8, unique_by=lambda r: r[0]
)


@given(
    window=st.sampled_from(list(Window)),
    used=st.integers(0, 400),
    limit=st.one_of(st.none(), st.integers(1, 300)),
    releases=_releases,
    plan_reset=st.one_of(st.none(), st.integers(1, 10 * 60)),
    served_after=st.booleans(),
)
def test_the_resume_time_follows_one_rule(window, used, limit, releases, plan_reset, served_after):
    """The plan's own time while it stands; else, used up, the 5 hours' release that brings
    the window below its limit, or the week's or month's reset; else none. The app's cards,
    the tray, ``usage --line`` and ``--json`` all read this one property."""
    from codingplan.usage.windows import Period, Release

    estimate = WindowEstimate(window, used, limit, "counted", {})
    estimate.releases = [Release(NOW_MS + m * MIN, n) for m, n in sorted(releases)]
    if window != Window.FIVE_HOURS:
        estimate.period = Period(NOW - timedelta(days=1), NOW + timedelta(days=2))
    estimate.plan_reset_ms = NOW_MS + plan_reset * MIN if plan_reset else None
    estimate.served_after_ms = NOW_MS - MIN if served_after else None
    resume = estimate.resume_ms
    if plan_reset and not served_after:
        assert resume == estimate.plan_reset_ms
    elif limit is None or used < limit:
        assert resume is None
    elif window != Window.FIVE_HOURS:
        assert resume == estimate.period.end_ms
    else:

        def came_back(moment: int) -> int:
            return sum(r.count for r in estimate.releases if r.at_ms <= moment)

        if resume is None:  # not enough comes back in the schedule
            assert came_back(NOW_MS + 99 * 60 * MIN) < used - limit + 1
        else:
            assert used - came_back(resume) < limit  # a call fits at that moment
            for earlier in (r.at_ms for r in estimate.releases if r.at_ms < resume):
                assert used - came_back(earlier) >= limit  # and at no release before it
