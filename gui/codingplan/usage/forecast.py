"""At the recent pace, when does each window run out, and which one binds first?

Pace is counted requests per hour over a recent span: the last hour for the 5-hour
window (it reacts fast), the last day for the week and the last 7 days for the month.
For the 5-hour window the run-out time counts the requests coming back meanwhile: at a
time ``t`` ahead, the window holds the requests already made that are not back yet plus
those made at the pace since now.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from codingplan.usage.estimate import WindowEstimate
from codingplan.usage.ledger import Ledger
from codingplan.usage.windows import FIVE_HOURS_MS

HOUR_MS = 3_600_000
PACE_SPANS_MS = {"5h": HOUR_MS, "week": 24 * HOUR_MS, "month": 7 * 24 * HOUR_MS}


@dataclass(frozen=True)
class WindowForecast:
    window: str
    pace_per_hour: float
    runs_out_ms: int | None  # None: lasts until it resets (or, for 5 h, indefinitely)


@dataclass(frozen=True)
class Forecast:
    windows: dict[str, WindowForecast]
    binding: str | None  # the window that runs out first at this pace

    def to_dict(self, iso: Callable[[int], str]) -> dict[str, Any]:
        return {
            "binding": self.binding,
            "windows": {
                w: {
                    "pace_per_hour": round(f.pace_per_hour, 1),
                    "runs_out_at": iso(f.runs_out_ms) if f.runs_out_ms is not None else None,
                }
                for w, f in self.windows.items()
            },
        }


def pace(ledger: Ledger, window: str, now_ms: int) -> float:
    span = PACE_SPANS_MS[window]
    return ledger.count(now_ms - span + 1, now_ms) * HOUR_MS / span


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
    rate = per_hour / HOUR_MS  # requests per millisecond
    horizon = now_ms + FIVE_HOURS_MS  # afterwards the window holds only paced requests
    boundaries = [*sorted(t for t in release_times_ms if now_ms < t <= horizon), horizon]
    segment_start = now_ms
    for returned, boundary in enumerate(boundaries):
        # Within [segment_start, boundary) the window holds used - returned + rate*(t-now).
        full_at = now_ms + (limit - (used - returned)) / rate
        if segment_start <= full_at < boundary:
            return int(full_at)
        segment_start = boundary
    # Not full by the time every current request is back: from then on the window holds
    # only the last 5 hours at the pace, which stayed below the limit so far.
    return None


def forecast(ledger: Ledger, estimates: dict[str, WindowEstimate], now_ms: int) -> Forecast:
    result: dict[str, WindowForecast] = {}
    for window, estimate in estimates.items():
        per_hour = pace(ledger, window, now_ms)
        if estimate.limit is None or estimate.remaining is None:  # no tier: nothing runs out
            runs_out = None
        elif window == "5h":
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
        result[window] = WindowForecast(window, per_hour, runs_out)
    running_out = [(f.window, f.runs_out_ms) for f in result.values() if f.runs_out_ms is not None]
    binding = min(running_out, key=lambda pair: pair[1])[0] if running_out else None
    return Forecast(result, binding)
