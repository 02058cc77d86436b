"""From the ledger to the three windows' numbers, with what corrects them and how sure they are.

How sure a window's figure is (``confidence``):
- ``counted``: the local count as it is (local records miss some calls, so in truth a
  lower bound of what the plan counted; see README);
- ``calibrated``: carried on from a reading of the plan's console for this window in its
  current period (for the 5-hour window: in the last 5 hours), or for the week and the month
  from a 5-hour reading that showed more than was counted here;
- ``lower_bound``: a "quota exceeded" answer in the current period proved the local count
  short: the estimate was raised to at least the limit at that moment;
- ``from_plan``: such an answer, corrected since by what the plan did afterwards (a call it
  served proves there was room again).

The calls behind a 5-hour reading that the local records do not show, and those behind a
"quota exceeded" answer, are taken as made evenly over the 5 hours before it: they come back
one by one, not all at once five hours later. Such releases are estimates, and say so.
Nothing is kept per hidden call: a reading of a million is as cheap as one of ten.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from codingplan.plan import Tier, Window
from codingplan.usage.events import parse_iso_ms
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

if TYPE_CHECKING:
    from codingplan.settings import Settings

COUNTED, CALIBRATED, LOWER_BOUND, FROM_PLAN = "counted", "calibrated", "lower_bound", "from_plan"
MINUTE_MS = 60_000


class TierChange(NamedTuple):
    """From ``time_ms`` on, the plan is ``tier``."""

    time_ms: int
    tier: Tier


@dataclass(frozen=True)
class Hidden:
    """Calls the plan counted that this computer's records do not show: ``count`` of them,
    made between ``first_ms`` (exclusive) and ``at_ms``, taken as spread evenly over that
    time, so that they come back one by one up to ``at_ms`` + 5 h (all at once when the two
    are the same moment). ``share`` < 1 when the plan has since shown that fewer of them were
    left (it served a call)."""

    count: int
    at_ms: int
    first_ms: int
    share: float = 1.0

    def _made_after(self, t_ms: int) -> float:
        """The part of them made after ``t_ms``."""
        if self.first_ms >= self.at_ms:
            return 1.0 if self.at_ms > t_ms else 0.0
        return min(
            1.0, max(0.0, (self.at_ms - max(t_ms, self.first_ms)) / (self.at_ms - self.first_ms))
        )

    def in_window(self, t_ms: int) -> int:
        """How many still use quota at ``t_ms`` (rounded up: never promise one too early)."""
        return math.ceil(self.count * self.share * self._made_after(t_ms - FIVE_HOURS_MS) - 1e-9)

    def made_since(self, start_ms: int) -> int:
        """How many were made at or after ``start_ms`` (for the week's and month's floor)."""
        return math.ceil(self.count * self.share * self._made_after(start_ms - 1) - 1e-9)

    def releases(self, now_ms: int) -> list[Release]:
        """When they come back, per minute, from ``now_ms`` on."""
        found = []
        before = self.in_window(now_ms)
        minute = -(-now_ms // MINUTE_MS) * MINUTE_MS
        while before > 0:
            minute = max(minute, now_ms)
            left = self.in_window(minute)
            if left < before:
                found.append(Release(minute, before - left))
                before = left
            minute += MINUTE_MS
        return found


@dataclass
class WindowEstimate:
    """One window's requests used and left, how sure that is, and when it changes."""

    window: str
    used: int
    limit: int | None  # None: no tier chosen yet, so no limit to measure against
    confidence: str
    sources: dict[str, int]  # counted requests in the window, per source
    period: Period | None = None  # week and month
    releases: list[Release] = field(default_factory=list)  # 5 hours
    next_release_ms: int | None = None
    plan_reset_ms: int | None = None  # when the plan's "quota exceeded" answer said it resets
    estimated_releases: bool = False  # some releases are of calls the records do not show
    calibration: Calibration | None = None
    exhausted_at_ms: int | None = None  # a "quota exceeded" answer seen in this period
    served_after_ms: int | None = None  # a call the plan served after that answer
    upgrade: dict[str, Any] | None = None  # a Lite -> Pro upgrade in this period

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(0, self.limit - self.used)

    @property
    def resume_ms(self) -> int | None:
        """When a used-up window takes a call again; None while it is not used up, or when
        that is not known. The one rule for every view (the app, the tray, ``--line``,
        ``--json``): the plan's own time first, when its "quota exceeded" answer gave one
        and no call was served since (which would prove it no longer stands); else, for the
        5 hours, the release that brings the window below its limit (not merely the first
        one, when it is over by more); for the week and the month, the reset."""
        if self.plan_reset_ms is not None and self.served_after_ms is None:
            return self.plan_reset_ms
        if self.limit is None or self.used < self.limit:
            return None
        if self.window != Window.FIVE_HOURS:
            return self.period.end_ms if self.period else None
        over = self.used - self.limit + 1
        back = 0
        for release in self.releases:
            back += release.count
            if back >= over:
                return release.at_ms
        return None


def tier_changes(settings: Settings, now_ms: int | None = None) -> list[TierChange]:
    """The changes of tier the settings record, each with its time."""
    changes = []
    for entry in getattr(settings, "tier_changes", ()) or ():
        time_ms = parse_iso_ms(entry.get("time", ""), now_ms)
        if time_ms is not None:
            changes.append(TierChange(time_ms, Tier(entry["tier"])))
    return changes


def tier_at(changes: list[TierChange], current: Tier | None, time_ms: int) -> Tier | None:
    """The tier in force at ``time_ms``: the last change before it, else the current one."""
    before = [c for c in changes if c.time_ms <= time_ms]
    if before:
        return max(before, key=lambda c: c.time_ms).tier
    if changes:  # before the first recorded change: the tier that change moved away from
        first = min(changes, key=lambda c: c.time_ms)
        return Tier.LITE if first.tier is Tier.PRO else Tier.PRO
    return current


# --- the 5-hour window ---------------------------------------------------------------------


@dataclass
class _FiveHourBasis:
    """What corrects the local count of the 5-hour window, and from when."""

    hidden: Hidden | None = None
    uncounted: tuple[int, int] | None = None  # (reading time, its count): see _not_counted
    confidence: str = COUNTED
    calibration: Calibration | None = None
    exhausted_at_ms: int | None = None
    served_after_ms: int | None = None
    plan_reset_ms: int | None = None  # the answer said when the quota comes back


def _five_hour_basis(ledger: Ledger, limit: int | None, now_ms: int) -> _FiveHourBasis:
    """What readings and quota answers say about the 5 hours. Without a limit (no tier
    chosen) a reading still counts, and a quota answer still marks the window used up."""
    basis = _FiveHourBasis()
    reading = ledger.latest_calibration(Window.FIVE_HOURS, now_ms)
    if reading and reading.time_ms > now_ms - FIVE_HOURS_MS:
        seen = ledger.count(reading.time_ms - FIVE_HOURS_MS + 1, reading.time_ms)
        used = min(reading.used, reading.total or limit or reading.used)
        if used >= seen:  # calls made elsewhere: spread over the 5 hours before the reading
            start = reading.time_ms - FIVE_HOURS_MS
            basis.hidden = Hidden(used - seen, reading.time_ms, start)
        else:  # the plan counted fewer of the calls seen here: the oldest do not count
            basis.uncounted = (reading.time_ms, used)
        basis.calibration, basis.confidence = reading, CALIBRATED
    error_ms = ledger.quota_errors(now_ms - FIVE_HOURS_MS + 1, now_ms).get(Window.FIVE_HOURS)
    if error_ms is not None and (reading is None or error_ms >= reading.time_ms):
        seen = ledger.count(error_ms - FIVE_HOURS_MS + 1, error_ms)
        # Taken as made at the answer: nothing of them is promised back before it is.
        hidden = Hidden(max(0, (limit or seen) - seen), error_ms, error_ms)
        basis.uncounted, basis.exhausted_at_ms, basis.confidence = None, error_ms, LOWER_BOUND
        basis.plan_reset_ms = ledger.plan_reset(Window.FIVE_HOURS, error_ms, error_ms)
        served = ledger.last_served(error_ms, now_ms)
        if served is not None and hidden.count:
            # Room was proven at ``served``: right after it the window held at most the limit.
            local = ledger.count(served - FIVE_HOURS_MS + 1, served)
            held = hidden.in_window(served)
            if held and limit is not None and local + held > limit:
                hidden = replace(hidden, share=max(0, limit - local) / held)
            basis.served_after_ms, basis.confidence = served, FROM_PLAN
        basis.hidden = hidden
    return basis


def _not_counted(ledger: Ledger, basis: _FiveHourBasis, now_ms: int) -> int:
    """Local calls a reading below the local count showed the plan does not count, still in
    the window: of the calls seen at the reading, the plan counted the newest."""
    if basis.uncounted is None:
        return 0
    at_ms, counted = basis.uncounted
    still = ledger.count(max(at_ms - FIVE_HOURS_MS, now_ms - FIVE_HOURS_MS) + 1, at_ms)
    return max(0, still - counted)


def five_hours(
    ledger: Ledger, limit: int | None, now_ms: int, basis: _FiveHourBasis | None = None
) -> WindowEstimate:
    local = ledger.counted_in(now_ms - FIVE_HOURS_MS, now_ms)
    sources: dict[str, int] = {}
    for _, source in local:
        sources[source] = sources.get(source, 0) + 1
    estimate = WindowEstimate(Window.FIVE_HOURS, len(local), limit, COUNTED, sources)
    if basis is None:
        basis = _five_hour_basis(ledger, limit, now_ms) if limit is not None else _FiveHourBasis()
    excess = _not_counted(ledger, basis, now_ms)
    times = [t for t, _ in local][excess:]  # sorted by time: the oldest go first
    estimate.releases = release_schedule(times, now_ms)
    hidden_now = basis.hidden.in_window(now_ms) if basis.hidden else 0
    if basis.hidden and hidden_now:
        estimate.releases = _merge(estimate.releases, basis.hidden.releases(now_ms))
        estimate.estimated_releases = True
    estimate.used = len(times) + hidden_now
    estimate.confidence = basis.confidence
    estimate.calibration = basis.calibration
    estimate.exhausted_at_ms = basis.exhausted_at_ms
    estimate.served_after_ms = basis.served_after_ms
    estimate.next_release_ms = estimate.releases[0].at_ms if estimate.releases else None
    reset = basis.plan_reset_ms
    if reset is not None and reset > now_ms and basis.served_after_ms is None:
        # The plan said when: used up until then, whatever the estimate of releases says.
        estimate.plan_reset_ms = reset
        if estimate.limit is not None:
            estimate.used = max(estimate.used, estimate.limit)
    return estimate


def _merge(a: list[Release], b: list[Release]) -> list[Release]:
    counts: dict[int, int] = {}
    for r in (*a, *b):
        counts[r.at_ms] = counts.get(r.at_ms, 0) + r.count
    return [Release(t, n) for t, n in sorted(counts.items())]


# --- the week and the month ----------------------------------------------------------------


def fixed_window(
    ledger: Ledger,
    window: str,
    period: Period,
    limit: int | None,
    now_ms: int,
    five_hour: _FiveHourBasis | None = None,
) -> WindowEstimate:
    """The week or the month: everything since the period's start counts until its reset."""
    sources = ledger.count_by_source(period.start_ms, now_ms)
    used = sum(sources.values())
    estimate = WindowEstimate(window, used, limit, COUNTED, sources, period)
    calibration = ledger.latest_calibration(window, now_ms)
    if calibration and calibration.time_ms >= period.start_ms:
        after = ledger.count(calibration.time_ms + 1, now_ms)
        reading = calibration.used if limit is None else min(calibration.used, limit)
        estimate.used = max(0, reading + after)
        estimate.limit = calibration.total or limit
        estimate.calibration, estimate.confidence = calibration, CALIBRATED
    if five_hour is not None:
        _five_hour_floor(ledger, estimate, period, five_hour, now_ms)
    error_ms = ledger.quota_errors(period.start_ms, now_ms).get(window)
    if error_ms is not None and (calibration is None or error_ms >= calibration.time_ms):
        estimate.exhausted_at_ms = error_ms
        reset = ledger.plan_reset(window, error_ms, error_ms)
        if reset is not None and reset > now_ms:
            estimate.plan_reset_ms = reset
        served = ledger.last_served(error_ms, now_ms)
        if served is None and estimate.limit is not None:
            # Once used up, the plan refuses further requests until the reset.
            estimate.used = max(estimate.used, estimate.limit)
            estimate.confidence = LOWER_BOUND
        else:  # it served a call since: the answer no longer stands (an upgrade, say)
            estimate.served_after_ms = served
    return estimate


def _five_hour_floor(
    ledger: Ledger,
    estimate: WindowEstimate,
    period: Period,
    basis: _FiveHourBasis,
    now_ms: int,
) -> None:
    """A 5-hour reading or "quota exceeded" answer also holds for the longer windows: what
    the plan counted in those 5 hours, as far as they fall in this period, was used in it."""
    hidden = basis.hidden
    if hidden is None or hidden.count == 0 or hidden.at_ms < period.start_ms:
        return
    floor = ledger.count(period.start_ms, hidden.at_ms) + hidden.made_since(period.start_ms)
    floor += ledger.count(hidden.at_ms + 1, now_ms)
    if floor > estimate.used:
        estimate.used = floor
        estimate.confidence = CALIBRATED if basis.exhausted_at_ms is None else LOWER_BOUND


def month_limit(
    ledger: Ledger, period: Period, tier: Tier | None, changes: list[TierChange], now_ms: int
) -> tuple[int | None, dict[str, Any] | None]:
    """The month's limit, raised as the plan's page says after a Lite -> Pro upgrade.

    "The available quota for the remainder of the month is increased proportionally based
    on the original remaining quota": what was left of Lite's month is multiplied by
    Pro's limit over Lite's. What was used before the upgrade is the console's reading
    when one was entered this month, else the local count.
    """
    current = tier_at(changes, tier, now_ms)
    upgrade = _upgrade_in(changes, tier, period.start_ms, now_ms)
    if current is None:
        return None, None
    if tier is not Tier.PRO or upgrade is None:
        return current.info.limit(Window.MONTH), None
    lite, pro = Tier.LITE.info.limit(Window.MONTH), Tier.PRO.info.limit(Window.MONTH)
    reading = ledger.latest_calibration(Window.MONTH, upgrade - 1)
    if reading and reading.time_ms >= period.start_ms:
        used_before = min(reading.used, lite) + ledger.count(reading.time_ms + 1, upgrade - 1)
    else:
        used_before = ledger.count(period.start_ms, upgrade - 1)
    left_before = max(0, lite - used_before)
    limit = used_before + round(left_before * pro / lite)
    return limit, {"at_ms": upgrade, "used_before": used_before, "remaining_before": left_before}


def _upgrade_in(
    changes: list[TierChange], tier: Tier | None, start_ms: int, now_ms: int
) -> int | None:
    """When the last Lite -> Pro upgrade in ``[start, now]`` happened, if one did."""
    upgrades = [
        c.time_ms
        for c in changes
        if c.tier is Tier.PRO
        and start_ms <= c.time_ms <= now_ms
        and tier_at(changes, tier, c.time_ms - 1) is Tier.LITE
    ]
    return max(upgrades) if upgrades else None


def estimate_windows(
    ledger: Ledger,
    tier: Tier | None,
    subscription_day: int,
    now: datetime,
    changes: list[TierChange] | None = None,
) -> dict[str, WindowEstimate]:
    """The three windows as of ``now``. With no ``tier`` (none chosen yet) there are no
    limits: the used counts stand alone."""
    changes = changes or []
    now_ms = to_ms(now)
    week = week_period(now)
    month = month_period(now, subscription_day)
    current = tier_at(changes, tier, now_ms)
    five_limit = current.info.limit(Window.FIVE_HOURS) if current else None
    basis = _five_hour_basis(ledger, five_limit, now_ms)
    five = five_hours(ledger, five_limit, now_ms, basis or _FiveHourBasis())
    week_limit = current.info.limit(Window.WEEK) if current else None
    limit, upgrade = month_limit(ledger, month, tier, changes, now_ms)
    estimates: dict[str, WindowEstimate] = {
        Window.FIVE_HOURS: five,
        Window.WEEK: fixed_window(ledger, Window.WEEK, week, week_limit, now_ms, basis),
        Window.MONTH: fixed_window(ledger, Window.MONTH, month, limit, now_ms, basis),
    }
    estimates[Window.MONTH].upgrade = upgrade
    for window, start in (
        (Window.FIVE_HOURS, now_ms - FIVE_HOURS_MS),
        (Window.WEEK, week.start_ms),
    ):
        at = _upgrade_in(changes, tier, start, now_ms)
        if at is not None:  # the week and 5 hours take Pro's limits at once
            estimates[window].upgrade = {"at_ms": at}
    return estimates
