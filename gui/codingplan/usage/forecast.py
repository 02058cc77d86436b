"""At the recent rate, when does each window run out, which one binds first, and how does
use compare with an even spread over the week and the month?

Two measures of how fast requests are made, both from one query per window (the counts per
bucket of age over a recent span):

- ``pace_per_hour``: the plain average over a recent span (the last hour for the 5-hour
  window, the last day for the week, the last 7 days for the month). Easy to check by hand.
- ``rate_per_hour``: what the forecast uses. An exponentially weighted rate: each request
  counts with weight ``exp(-age / tau) / tau``. It follows a burst within minutes and fades
  on its own when the person stops, where an average over an hour shows 600 calls made in
  5 minutes as "600 an hour" for the whole hour, then drops to nothing at once. The 5-hour
  window takes the larger of a short (5 minutes: bursts) and a long horizon (1 hour: steady
  work), so a pause of a few minutes does not hide the hour's pace. The week and the month,
  which no burst uses up, take one long horizon each (a day; a third of a week, so that the
  last 7 days count), so nights and weekends weigh in. Requests older than three horizons
  are left out and the sum scaled up for what was left out (exact for a steady rate).

For the 5-hour window the run-out time counts the requests coming back meanwhile: at a
time ``t`` ahead, the window holds the requests already made that are not back yet plus
those made at the rate since now.

Against an even spread (week and month): ``ahead_of_even_pace`` is the share of the limit
used minus the share of the period gone, in percentage points: +20 means a fifth of the
quota more used than an even spread would have used by now. It is left out in the first
3 % of a period, where any use looks far ahead.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

from codingplan.plan import Window
from codingplan.usage.estimate import WindowEstimate
from codingplan.usage.ledger import Ledger
from codingplan.usage.windows import FIVE_HOURS_MS

MINUTE_MS = 60_000
HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS
HORIZONS_KEPT = 3  # requests older than this many horizons are left out of a rate


class Measure(NamedTuple):
    """How a window's speed is measured: counts per ``bucket_ms`` of age over ``span_ms``;
    the plain pace over the last ``pace_ms``; the weighted rate with each of ``horizons_ms``
    (the largest result counts). ``span_ms`` covers both."""

    bucket_ms: int
    span_ms: int
    pace_ms: int
    horizons_ms: tuple[int, ...]


MEASURES: dict[str, Measure] = {
    Window.FIVE_HOURS: Measure(MINUTE_MS, 3 * HOUR_MS, HOUR_MS, (5 * MINUTE_MS, HOUR_MS)),
    Window.WEEK: Measure(15 * MINUTE_MS, 3 * DAY_MS, DAY_MS, (DAY_MS,)),
    Window.MONTH: Measure(HOUR_MS, 7 * DAY_MS, 7 * DAY_MS, (7 * DAY_MS // 3,)),
}
EVEN_PACE_FROM = 0.03  # the share of a period gone before its pace is compared


class WindowForecast(NamedTuple):
    window: str
    pace_per_hour: float  # the plain average over the last Measure.pace_ms
    runs_out_ms: int | None  # None: lasts until it resets (or, for 5 h, indefinitely)
    rate_per_hour: float = 0.0  # the weighted rate the run-out time is computed with
    ahead_of_even_pace: float | None = None  # percentage points; week and month only
    used_up: bool = False  # nothing left now


class Forecast(NamedTuple):
    windows: dict[str, WindowForecast]
    binding: str | None  # the window that runs out first at this rate

    def to_dict(self, iso: Callable[[int], str]) -> dict[str, Any]:
        return {
            "binding": self.binding,
            "windows": {
                w: {
                    "pace_per_hour": round(f.pace_per_hour, 1),
                    "runs_out_at": iso(f.runs_out_ms) if f.runs_out_ms is not None else None,
                    "rate_per_hour": round(f.rate_per_hour, 1),
                    "ahead_of_even_pace": None
                    if f.ahead_of_even_pace is None
                    else round(f.ahead_of_even_pace, 1),
                    "used_up": f.used_up,
                }
                for w, f in self.windows.items()
            },
        }


def plain_pace(ages: list[tuple[int, int]], bucket_ms: int, span_ms: int) -> float:
    """Requests per hour over the last ``span_ms``, from counts per bucket of age."""
    counted = sum(n for k, n in ages if (k + 1) * bucket_ms <= span_ms)
    return counted * HOUR_MS / span_ms


def weighted_rate(ages: list[tuple[int, int]], bucket_ms: int, tau_ms: int) -> float:
    """Requests per hour, each weighted by ``exp(-age / tau) / tau``, from counts per bucket
    of age (a bucket's requests taken as made at its middle); those older than
    ``HORIZONS_KEPT`` horizons are left out, and the sum scaled up for them."""
    kept = HORIZONS_KEPT * tau_ms
    total = sum(
        n * math.exp(-(k + 0.5) * bucket_ms / tau_ms) for k, n in ages if k * bucket_ms < kept
    )
    return total / tau_ms / (1 - math.exp(-HORIZONS_KEPT)) * HOUR_MS


def speeds(ledger: Ledger, window: str, now_ms: int) -> tuple[float, float]:
    """The window's plain pace and weighted rate, per hour, from one query."""
    measure = MEASURES[window]
    ages = ledger.counts_by_age(now_ms, measure.span_ms, measure.bucket_ms)
    rate = max(weighted_rate(ages, measure.bucket_ms, tau) for tau in measure.horizons_ms)
    return plain_pace(ages, measure.bucket_ms, measure.pace_ms), rate


def ahead_of_even_pace(estimate: WindowEstimate, now_ms: int) -> float | None:
    """Share of the limit used minus share of the period gone, in percentage points."""
    period, limit = estimate.period, estimate.limit
    if period is None or not limit:
        return None
    length = period.end_ms - period.start_ms
    gone = (now_ms - period.start_ms) / length if length > 0 else 1.0
    if gone < EVEN_PACE_FROM:
        return None
    return (estimate.used / limit - min(1.0, gone)) * 100


def five_hour_run_out(
    release_times_ms: list[int], used: int, limit: int, per_hour: float, now_ms: int
) -> int | None:
    """First moment the sliding window is full, given when the current requests return.

    ``release_times_ms`` are the return times of the ``used`` requests now in the window.
    Between two returns the window fills linearly at the pace; each return frees one.
    """
    if used >= limit:
        return now_ms
    if per_hour <= 0:
        return None
    per_ms = per_hour / HOUR_MS
    horizon = now_ms + FIVE_HOURS_MS  # afterwards the window holds only paced requests
    boundaries = [*sorted(t for t in release_times_ms if now_ms < t <= horizon), horizon]
    segment_start = now_ms
    for returned, boundary in enumerate(boundaries):
        # Within [segment_start, boundary) the window holds used - returned + rate*(t-now).
        full_at = now_ms + (limit - (used - returned)) / per_ms
        if segment_start <= full_at < boundary:
            return int(full_at)
        segment_start = boundary
    # Not full by the time every current request is back: from then on the window holds
    # only the last 5 hours at the pace, which stayed below the limit so far.
    return None


def forecast(ledger: Ledger, estimates: dict[str, WindowEstimate], now_ms: int) -> Forecast:
    result: dict[str, WindowForecast] = {}
    for window, estimate in estimates.items():
        pace, per_hour = speeds(ledger, window, now_ms)
        if estimate.limit is None or estimate.remaining is None:  # no tier: nothing runs out
            runs_out = None
        elif window == Window.FIVE_HOURS:
            returns = [r.at_ms for r in estimate.releases for _ in range(r.count)]
            runs_out = five_hour_run_out(returns, estimate.used, estimate.limit, per_hour, now_ms)
        elif estimate.remaining <= 0:
            runs_out = now_ms
        elif per_hour > 0:
            at = now_ms + int(estimate.remaining / per_hour * HOUR_MS)
            period = estimate.period
            runs_out = at if period is None or at < period.end_ms else None
        else:
            runs_out = None
        result[window] = WindowForecast(
            window,
            pace,
            runs_out,
            per_hour,
            ahead_of_even_pace(estimate, now_ms),
            estimate.remaining is not None and estimate.remaining <= 0,
        )
    running_out = [(f.window, f.runs_out_ms) for f in result.values() if f.runs_out_ms is not None]
    binding = min(running_out, key=lambda pair: pair[1])[0] if running_out else None
    return Forecast(result, binding)
