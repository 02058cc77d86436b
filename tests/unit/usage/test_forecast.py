"""The forecast's rate (bursts, pauses), run-out times, and the pace against an even spread."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from codingplan.plan import Tier
from codingplan.settings import Settings
from codingplan.usage.forecast import HOUR_MS, plain_pace, weighted_rate
from codingplan.usage.windows import to_ms
from tests.unit.usage.test_estimate import MIN, NOW, NOW_MS, add

SEC = 1000


def forecast_at(tracker, now_ms: int, tier: Tier = Tier.PRO):
    now = datetime.fromtimestamp(now_ms / 1000, UTC)
    return tracker.snapshot(Settings(tier=tier), now=now).forecast


def burst(tracker, start_ms: int, minutes: int, per_minute: int) -> None:
    """``per_minute`` requests in each of ``minutes`` minutes from ``start_ms``, evenly."""
    step = MIN // per_minute
    add(tracker, [start_ms + i * step for i in range(minutes * per_minute)])


def test_a_burst_warns_within_the_burst(tracker):
    # 600 calls in 5 minutes on Pro (6,000 per 5 hours): at that speed the window is full
    # in under an hour, which an hour's average (600 an hour) would not show.
    start = NOW_MS - 5 * MIN
    burst(tracker, start, 5, 120)
    f = forecast_at(tracker, NOW_MS)
    five = f.windows["5h"]
    assert five.pace_per_hour == 600.0  # the plain hour average, as before
    assert five.rate_per_hour > 4000
    assert f.binding == "5h"
    assert NOW_MS < five.runs_out_ms < NOW_MS + 90 * MIN
    # Already two minutes into the burst the forecast says the window fills before its
    # requests come back.
    two_minutes_in = forecast_at(tracker, start + 2 * MIN)
    assert two_minutes_in.binding == "5h"
    assert two_minutes_in.windows["5h"].runs_out_ms < start + 2 * MIN + 3 * HOUR_MS


def test_the_rate_fades_when_the_person_stops(tracker):
    burst(tracker, NOW_MS - 5 * MIN, 5, 120)
    during = forecast_at(tracker, NOW_MS).windows["5h"].rate_per_hour
    later = [
        forecast_at(tracker, NOW_MS + m * MIN).windows["5h"].rate_per_hour for m in (10, 60, 180)
    ]
    assert during > later[0] > later[1] > later[2]
    assert later[1] < during / 10  # an hour of rest: a tenth of the burst's speed or less
    assert forecast_at(tracker, NOW_MS + 60 * MIN).binding is None  # no warning any more
    # Long after, the window's requests are back and nothing is left of the rate.
    assert forecast_at(tracker, NOW_MS + 10 * HOUR_MS).windows["5h"].rate_per_hour < 1


def test_a_steady_rate_is_measured_as_it_is(tracker):
    # One a minute for 12 hours, each in the middle of its minute.
    add(tracker, [NOW_MS - i * MIN - 30 * SEC for i in range(12 * 60)])
    five = forecast_at(tracker, NOW_MS).windows["5h"]
    assert five.rate_per_hour == pytest.approx(60, rel=0.05)
    assert five.runs_out_ms is None  # 60 an hour never fills 6,000 in 5 hours


def test_weighted_rate_and_plain_pace_from_counts_by_age():
    # 60 requests made 5 to 6 minutes ago count with exp(-5.5/10), scaled up for what the
    # rate leaves out (older than three horizons).
    tau = 10 * MIN
    kept = 1 - math.exp(-3)
    assert weighted_rate([(5, 60)], MIN, tau) == pytest.approx(
        60 * math.exp(-0.55) / tau * HOUR_MS / kept
    )
    assert weighted_rate([(30, 1000)], MIN, tau) == 0  # three horizons old: left out
    # The plain pace over the last hour: 120 in it, the 500 of two hours ago not.
    assert plain_pace([(0, 20), (59, 100), (120, 500)], MIN, HOUR_MS) == 120.0


def test_counts_by_age(tracker):
    add(tracker, [NOW_MS, NOW_MS - 1, NOW_MS - MIN, NOW_MS - MIN - 1, NOW_MS - 3 * MIN])
    ages = dict(tracker.ledger.counts_by_age(NOW_MS, 3 * MIN, MIN))
    # Bucket k: made at least k and less than k + 1 minutes before now; 3 minutes ago is
    # outside a span of 3 minutes (now - span < time).
    assert ages == {0: 2, 1: 2}


def test_counts_by_age_in_hours_read_the_tallies_and_agree_with_the_rows(tracker):
    import random

    rng = random.Random(5)
    span, now = 7 * 24 * 60 * MIN, NOW_MS + 123_456  # a now inside a slot, not on its edge
    times = [now - rng.randrange(span + 60 * MIN) for _ in range(3000)] + [now, now - span]
    add(tracker, times)
    ledger = tracker.ledger
    from_tallies = dict(ledger.counts_by_age(now, span, 60 * MIN))
    exact = dict(ledger._ages_of_rows(now, 60 * MIN, [(now - span, now)]))
    assert (
        sum(from_tallies.values())
        == sum(exact.values())
        == sum(1 for t in times if now - span < t <= now)
    )
    # Each slot is taken at its middle: a request moves at most one bucket, and the rate
    # over days that the forecast reads from them barely moves.
    assert set(from_tallies) <= {k + d for k in exact for d in (-1, 0, 1)}
    tau = 7 * 24 * 60 * MIN // 3
    rate, rate_exact = (
        weighted_rate(list(a.items()), 60 * MIN, tau) for a in (from_tallies, exact)
    )
    assert rate == pytest.approx(rate_exact, rel=0.01)


def test_pace_against_an_even_spread(tracker):
    # Wednesday 12:00 UTC = 20:00 UTC+8: 2 days 20 hours of the week's 7 days are gone.
    week_start = to_ms(datetime(2026, 11, 23, tzinfo=UTC) - timedelta(hours=8))
    gone = (NOW_MS - week_start) / (7 * 24 * HOUR_MS)
    add(tracker, [week_start + HOUR_MS] * 22_500)  # half of Pro's week
    week = forecast_at(tracker, NOW_MS).windows["week"]
    assert week.ahead_of_even_pace == pytest.approx((0.5 - gone) * 100)
    assert 8 < week.ahead_of_even_pace < 10
    assert forecast_at(tracker, NOW_MS).windows["5h"].ahead_of_even_pace is None
    # In the first 3 % of a week (5 hours) any use would look far ahead: not said.
    early = forecast_at(tracker, week_start + 4 * HOUR_MS).windows["week"]
    assert early.ahead_of_even_pace is None


def test_behind_an_even_pace_is_negative_and_no_tier_has_none(tracker):
    add(tracker, [NOW_MS - HOUR_MS] * 100)
    assert forecast_at(tracker, NOW_MS).windows["week"].ahead_of_even_pace < -30
    no_tier = tracker.snapshot(Settings(), now=NOW).forecast.windows["week"]
    assert no_tier.ahead_of_even_pace is None and no_tier.runs_out_ms is None


def test_json_keeps_the_old_fields_and_adds_the_new(tracker):
    burst(tracker, NOW_MS - 5 * MIN, 5, 120)
    data = tracker.snapshot(Settings(tier=Tier.PRO), now=NOW).to_dict()["forecast"]
    five = data["windows"]["5h"]
    assert set(five) == {
        "pace_per_hour",
        "runs_out_at",
        "rate_per_hour",
        "ahead_of_even_pace",
        "used_up",
    }
    assert five["pace_per_hour"] == 600.0 and five["rate_per_hour"] > 4000
    assert five["used_up"] is False and data["binding"] == "5h"
    add(tracker, [NOW_MS - MIN] * 6000)
    used_up = tracker.snapshot(Settings(tier=Tier.PRO), now=NOW).to_dict()["forecast"]
    assert used_up["windows"]["5h"]["used_up"] is True
