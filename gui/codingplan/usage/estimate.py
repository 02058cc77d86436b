"""From the ledger to the three windows' numbers, with calibration and confidence.

Confidence of a window:
- ``counted``: the local count as it is (local records miss some calls, so in truth a
  lower bound of what the plan counted; see README);
- ``calibrated``: a reading of the plan's console for this window, in its current period
  (for the 5-hour window: in the last 5 hours), carried forward with the local count;
- ``lower_bound``: a "quota exceeded" answer in the current period proved the local count
  short: the estimate was raised to at least the limit at that moment.

The calls behind a console reading that the local records do not show are taken to have
been made at the moment of the reading (they come back 5 hours later): the latest they
can be, so the 5-hour estimate never promises requests back before they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from codingplan.plan import Tier
from codingplan.usage.ledger import Calibration, Ledger
from codingplan.usage.windows import (
    FIVE_HOURS_MS,
    Period,
    Release,
    month_period,
    release_schedule,
    to_ms,
    week_period,
)

COUNTED, CALIBRATED, LOWER_BOUND = "counted", "calibrated", "lower_bound"


@dataclass(frozen=True)
class TierChange:
    time_ms: int
    tier: Tier


@dataclass
class WindowEstimate:
    window: str
    used: int
    limit: int
    confidence: str
    sources: dict[str, int]  # counted requests in the window, per source
    period: Period | None = None  # week and month
    releases: list[Release] = field(default_factory=list)  # 5 hours
    next_release_ms: int | None = None
    calibration: Calibration | None = None
    exhausted_at_ms: int | None = None  # a "quota exceeded" answer seen in this period
    upgrade: dict[str, int] | None = None  # month: a Lite -> Pro upgrade in this period

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.used)


def tier_at(changes: list[TierChange], current: Tier, time_ms: int) -> Tier:
    """The tier in force at ``time_ms``: the last change before it, else the current one."""
    before = [c for c in changes if c.time_ms <= time_ms]
    if before:
        return max(before, key=lambda c: c.time_ms).tier
    if changes:  # before the first recorded change: the tier that change moved away from
        first = min(changes, key=lambda c: c.time_ms)
        return Tier.LITE if first.tier is Tier.PRO else Tier.PRO
    return current


def five_hours(ledger: Ledger, tier: Tier, now_ms: int) -> WindowEstimate:
    local = ledger.counted_in(now_ms - FIVE_HOURS_MS, now_ms)
    sources: dict[str, int] = {}
    for _, source in local:
        sources[source] = sources.get(source, 0) + 1
    limit = tier.info.limit("5h")
    estimate = WindowEstimate("5h", len(local), limit, COUNTED, sources)
    hidden, hidden_at = 0, None  # requests the local records missed, and when they return
    calibration = ledger.latest_calibration("5h", now_ms)
    if calibration and calibration.time_ms > now_ms - FIVE_HOURS_MS:
        seen = ledger.count(calibration.time_ms - FIVE_HOURS_MS + 1, calibration.time_ms)
        estimate.limit = calibration.total or limit
        hidden, hidden_at = calibration.used - seen, calibration.time_ms
        estimate.calibration, estimate.confidence = calibration, CALIBRATED
    error_ms = ledger.quota_errors(now_ms - FIVE_HOURS_MS + 1, now_ms).get("5h")
    if error_ms is not None and (hidden_at is None or error_ms >= hidden_at):
        seen = ledger.count(error_ms - FIVE_HOURS_MS + 1, error_ms)
        hidden, hidden_at = max(0, estimate.limit - seen), error_ms
        estimate.exhausted_at_ms, estimate.confidence = error_ms, LOWER_BOUND
    estimate.used = max(0, len(local) + hidden)
    times = [t for t, _ in local]
    estimate.releases = release_schedule(times, now_ms)
    if hidden > 0 and hidden_at is not None:
        extra = release_schedule([hidden_at] * hidden, now_ms)
        estimate.releases = _merge(estimate.releases, extra)
        times.append(hidden_at)
    if times:
        estimate.next_release_ms = min(times) + FIVE_HOURS_MS
    return estimate


def _merge(a: list[Release], b: list[Release]) -> list[Release]:
    counts: dict[int, int] = {}
    for r in (*a, *b):
        counts[r.at_ms] = counts.get(r.at_ms, 0) + r.count
    return [Release(t, n) for t, n in sorted(counts.items())]


def fixed_window(
    ledger: Ledger, window: str, period: Period, limit: int, now_ms: int
) -> WindowEstimate:
    """The week or the month: everything since the period's start counts until its reset."""
    sources = ledger.count_by_source(period.start_ms, now_ms)
    used = sum(sources.values())
    estimate = WindowEstimate(window, used, limit, COUNTED, sources, period)
    calibration = ledger.latest_calibration(window, now_ms)
    if calibration and calibration.time_ms >= period.start_ms:
        after = ledger.count(calibration.time_ms + 1, now_ms)
        estimate.used = max(0, calibration.used + after)
        estimate.limit = calibration.total or limit
        estimate.calibration, estimate.confidence = calibration, CALIBRATED
    error_ms = ledger.quota_errors(period.start_ms, now_ms).get(window)
    if error_ms is not None and (calibration is None or error_ms >= calibration.time_ms):
        # Once used up, the plan refuses further requests until the reset.
        estimate.used = max(estimate.used, estimate.limit)
        estimate.exhausted_at_ms, estimate.confidence = error_ms, LOWER_BOUND
    return estimate


def month_limit(
    ledger: Ledger, period: Period, tier: Tier, changes: list[TierChange], now_ms: int
) -> tuple[int, dict[str, int] | None]:
    """The month's limit, raised as the plan's page says after a Lite -> Pro upgrade.

    "The available quota for the remainder of the month is increased proportionally based
    on the original remaining quota": what was left of Lite's month is multiplied by
    Pro's limit over Lite's.
    """
    upgrades = [
        c
        for c in changes
        if c.tier is Tier.PRO
        and period.start_ms <= c.time_ms <= now_ms
        and tier_at(changes, tier, c.time_ms - 1) is Tier.LITE
    ]
    if tier is not Tier.PRO or not upgrades:
        return tier_at(changes, tier, now_ms).info.limit("month"), None
    at = max(upgrades, key=lambda c: c.time_ms).time_ms
    lite, pro = Tier.LITE.info.limit("month"), Tier.PRO.info.limit("month")
    used_before = ledger.count(period.start_ms, at - 1)
    left_before = max(0, lite - used_before)
    limit = used_before + round(left_before * pro / lite)
    return limit, {"at_ms": at, "used_before": used_before, "remaining_before": left_before}


def estimate_windows(
    ledger: Ledger,
    tier: Tier,
    subscription_day: int,
    now: datetime,
    changes: list[TierChange] | None = None,
) -> dict[str, WindowEstimate]:
    changes = changes or []
    now_ms = to_ms(now)
    week = week_period(now)
    month = month_period(now, subscription_day)
    limit, upgrade = month_limit(ledger, month, tier, changes, now_ms)
    estimates = {
        "5h": five_hours(ledger, tier, now_ms),
        "week": fixed_window(ledger, "week", week, tier.info.limit("week"), now_ms),
        "month": fixed_window(ledger, "month", month, limit, now_ms),
    }
    estimates["month"].upgrade = upgrade
    return estimates
