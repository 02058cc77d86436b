"""From the ledger to the three windows' numbers, with what corrects them and how sure they are.

How sure a window's figure is (``confidence``):
- ``counted``: the local count as it is (local records miss some calls, so in truth a
  lower bound of what the plan counted; see README);
- ``official``: carried on from a reading of the plan's console that this app made in the
  window's current period (for the 5-hour window: in the last 5 hours);
- ``calibrated``: the same from a reading the person entered (``usage calibrate``);
- ``lower_bound``: a "quota exceeded" answer proved the local count short;
- ``from_plan``: such an answer, corrected since by what the plan did afterwards (a call it
  served proves there was room again).

**One rule for every correction.** A reading (the person's or the console's) and a "quota
exceeded" answer are *proofs*: at their moment, the plan had counted exactly (a reading) or
at least (an answer: the limit) so many calls in the span of their window (the 5 hours
before, the week or the month so far; for a console reading of the 5 hours, from the call
its next release gives back). A proof holds for as long as the period it speaks of: for the
week and the month that contain its whole span, each window's figure is at least what the
proof counted plus the local calls outside that span, until the period resets. A proof
whose span began before the period proves nothing about the period beyond the local count
(the calls it counted may all have been made before). A call the plan served after an
answer proves there was room: the answer's own window gives way.

For the 5-hour window the calls a proof shows that the local records do not are *hidden*:
those of a reading are taken as made evenly over its span, so that they come back one by
one; those of a "quota exceeded" answer are taken as made at the answer (nothing is
promised back early) until the plan serves a call, which proves room: from then on they are
taken as made evenly over the 5 hours before the answer. Such releases are estimates, and
say so. Nothing is kept per hidden call: a reading of a million is as cheap as one of ten.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from codingplan.plan import Tier, Window, is_plan_url
from codingplan.usage.events import parse_iso_ms
from codingplan.usage.ledger import Ledger, PlanRecord, Refusal
from codingplan.usage.windows import (
    FIVE_HOURS_MS,
    PLAN_TZ,
    Period,
    Release,
    from_ms,
    month_period,
    release_schedule,
    reset_in_month,
    to_ms,
    week_period,
)

if TYPE_CHECKING:
    from codingplan.settings import Settings

COUNTED, CALIBRATED, LOWER_BOUND, FROM_PLAN = "counted", "calibrated", "lower_bound", "from_plan"
OFFICIAL = "official"
MINUTE_MS = 60_000
_WINDOW_ORDER = (Window.FIVE_HOURS, Window.WEEK, Window.MONTH)


class TierChange(NamedTuple):
    """From ``time_ms`` on, the plan is ``tier``."""

    time_ms: int
    tier: Tier


class Reading(NamedTuple):
    """What the plan's console showed for a window at ``time_ms``: read by this app
    (``official``) or entered by the person. Exact."""

    window: str
    time_ms: int
    used: int
    total: int | None
    official: bool = False
    next_ms: int | None = None  # the console's time the window next gives quota back


class Proof(NamedTuple):
    """What the plan showed at ``time_ms`` about the calls made in ``[first_ms, time_ms]``:
    exactly ``used`` of them (a reading) or at least (a "quota exceeded" answer)."""

    window: str
    time_ms: int
    first_ms: int
    used: int
    confidence: str  # what a window it raises says: official, calibrated or lower_bound
    origin: str | None = None  # the address the answer came through, if not the plan's

    def floor(self, ledger: Ledger, period: Period, local: int) -> int | None:
        """The least the plan can have counted in ``period`` so far, if this proof says
        anything about it: what it counted, and the local calls outside its span (of the
        ``local`` ones in the period)."""
        if self.first_ms < period.start_ms or self.time_ms >= period.end_ms:
            return None
        return self.used + local - ledger.count(self.first_ms, self.time_ms)


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

    def next_back_ms(self, now_ms: int) -> int | None:
        """The first moment after ``now_ms`` at which one of them is back, exactly."""
        held = self.in_window(now_ms)
        if held == 0:
            return None
        if self.first_ms >= self.at_ms:
            return self.at_ms + FIVE_HOURS_MS
        # in_window(t) falls below ``held`` once the part made after t - 5 h is at most
        # (held - 1) / (count x share): solved for t, then stepped to the first such ms.
        part = (held - 1) / (self.count * self.share)
        t = self.at_ms - part * (self.at_ms - self.first_ms) + FIVE_HOURS_MS
        found = max(now_ms + 1, math.floor(t) - 1)
        for _ in range(1000):  # a few steps at most: t is exact but for rounding
            if self.in_window(found) < held:
                return found
            found += 1
        back = self.releases(now_ms)
        return back[0].at_ms if back else None

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
    calibration: Reading | None = None  # the reading the figure carries on from
    exhausted_at_ms: int | None = None  # a "quota exceeded" answer seen in this period
    served_after_ms: int | None = None  # a call the plan served after that answer
    upgrade: dict[str, Any] | None = None  # a Lite -> Pro upgrade in this period
    floor: Proof | None = None  # the proof of another window that raised this one
    stale_reading_ms: int | None = None  # the plan's own reading, older than this window
    through: str | None = None  # the answer behind the figure came through this address

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


# --- the plan in force -----------------------------------------------------------------------


def tier_changes(settings: Settings, now_ms: int | None = None) -> list[TierChange]:
    """The changes of tier the settings record, each with its time, oldest first.

    The tier chosen last is the one in force: changes recorded for later times than the
    last change to it (a choice made since with an earlier time, ``settings set tier pro
    --since …``, tells the history from then on) no longer hold."""
    changes = sorted(
        TierChange(time_ms, Tier(entry["tier"]))
        for entry in getattr(settings, "tier_changes", ()) or ()
        if (time_ms := parse_iso_ms(entry.get("time", ""), now_ms)) is not None
    )
    current = getattr(settings, "tier", None)
    if current is not None and changes and changes[-1].tier is not current:
        last = max((i for i, c in enumerate(changes) if c.tier is current), default=None)
        if last is not None:
            changes = changes[: last + 1]
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


class Plan(NamedTuple):
    """What the figures are measured against as of now: the tier (the console's while its
    reading's plan runs, else the settings'), the month's turn, the latest console reading."""

    tier: Tier | None
    subscription_day: int
    record: PlanRecord | None  # the latest reading of the console, however old
    month_turn_ms: int | None  # a moment the month turns at, from the console
    console_tier: bool = False  # the tier and its totals are the console's


def plan_in_force(
    ledger: Ledger,
    tier: Tier | None,
    subscription_day: int,
    now_ms: int,
    changes: list[TierChange] | None = None,
) -> Plan:
    """The tier and the month's turn: from the plan's console while the plan it read runs
    (its ``instanceType``; its month's next refresh, else its end), else from the settings.
    A change of tier recorded after the reading (an upgrade) is the settings' to tell."""
    record = ledger.latest_plan_reading(now_ms)
    if record is None or now_ms >= record.ends_ms:
        return Plan(tier, subscription_day, record, None)
    turn = record.windows[2][2] or record.ends_ms
    if any(c.time_ms > record.time_ms for c in changes or ()):
        return Plan(tier, from_ms(turn).day, record, turn)
    return Plan(Tier(record.tier), from_ms(turn).day, record, turn, True)


def _shift(turn: datetime, months: int) -> datetime:
    """The same day (or the month's last) and time ``months`` later, in the plan's zone."""
    index = turn.year * 12 + turn.month - 1 + months
    start, _ = reset_in_month(index // 12, index % 12 + 1, turn.day)
    return start.replace(hour=turn.hour, minute=turn.minute, second=turn.second)


def month_of(plan: Plan, now: datetime) -> Period:
    """The billing month containing ``now``: turning at the console's time when it gave one,
    else at 00:00 UTC+8 on the subscription day."""
    if plan.month_turn_ms is None:
        return month_period(now, plan.subscription_day)
    turn = from_ms(plan.month_turn_ms).astimezone(PLAN_TZ)
    local = now.astimezone(PLAN_TZ)
    months = (local.year - turn.year) * 12 + local.month - turn.month
    for k in (months - 1, months, months + 1, months - 2):
        start, end = _shift(turn, k), _shift(turn, k + 1)
        if start <= local < end:
            clamped = turn.day > start.day or turn.day > end.day
            return Period(start, end, clamped)
    return month_period(now, plan.subscription_day)  # not reached: one of them holds now


# --- what the plan showed -------------------------------------------------------------------


def _readings(plan: Plan, ledger: Ledger, since_ms: int, now_ms: int) -> list[Reading]:
    """The readings that can tell anything now, oldest first: every one entered with a time
    in ``[since, now]``, and the latest of the console's (made every few minutes, each
    knows all that the ones before it did)."""
    found = [Reading(*c) for c in ledger.calibrations(since_ms, now_ms)]
    if plan.record is not None and plan.record.time_ms >= since_ms:
        readings = _record_readings(plan.record)
        if not plan.console_tier:  # the tier changed since: its totals are the old tier's
            readings = [r._replace(total=None) for r in readings]
        found += readings
    found.sort(key=lambda r: (r.time_ms, r.official))
    return found


def _record_readings(record: PlanRecord) -> list[Reading]:
    return [
        Reading(window, record.time_ms, used, total, True, next_ms)
        for window, (used, total, next_ms) in zip(_WINDOW_ORDER, record.windows, strict=True)
    ]


def _span_start(window: str, time_ms: int, next_ms: int | None, week: Period, month: Period) -> int:
    """Where the span of a proof of ``window`` at ``time_ms`` begins (inclusive)."""
    if window == Window.FIVE_HOURS:
        start = time_ms - FIVE_HOURS_MS + 1
        # The console's next release gives back the oldest call it counted.
        if next_ms is not None and time_ms < next_ms <= time_ms + FIVE_HOURS_MS:
            start = max(start, next_ms - FIVE_HOURS_MS)
        return start
    period = week if window == Window.WEEK else month
    return period.start_ms if period.start_ms <= time_ms < period.end_ms else time_ms + 1


class _Context(NamedTuple):
    """What every window's estimate reads: the ledger, the plan, now, what the plan showed."""

    ledger: Ledger
    plan: Plan
    now_ms: int
    week: Period
    month: Period
    readings: list[Reading]  # of the month so far (and the last 5 hours), oldest first
    refusals: list[Refusal]  # of the month so far, newest first
    limits: dict[str, int | None]  # each window's limit now
    changes: list[TierChange]
    origin: str | None  # the custom address in force, if any

    def limit_at(self, window: str, time_ms: int) -> int | None:
        """The limit of ``window`` at an earlier moment (what an answer then proves)."""
        if self.plan.console_tier:
            return self.limits[window]
        tier = tier_at(self.changes, self.plan.tier, time_ms)
        return tier.info.limit(window) if tier else None

    def foreign(self, refusal: Refusal) -> str | None:
        """The address a refusal came through when it is not the plan's nor the one in use."""
        if not refusal.origin:
            return None
        in_use = (self.origin,) if self.origin else ()
        return None if is_plan_url(refusal.origin, in_use) else refusal.origin

    def proof_of(self, reading: Reading) -> Proof:
        first = _span_start(
            reading.window, reading.time_ms, reading.next_ms, *self._periods_at(reading.time_ms)
        )
        confidence = OFFICIAL if reading.official else CALIBRATED
        return Proof(reading.window, reading.time_ms, first, reading.used, confidence)

    def refusal_proof(self, refusal: Refusal) -> Proof | None:
        limit = self.limit_at(refusal.window, refusal.time_ms)
        if limit is None:
            return None
        first = _span_start(
            refusal.window, refusal.time_ms, None, *self._periods_at(refusal.time_ms)
        )
        return Proof(
            refusal.window, refusal.time_ms, first, limit, LOWER_BOUND, self.foreign(refusal)
        )

    def _periods_at(self, time_ms: int) -> tuple[Period, Period]:
        moment = from_ms(time_ms)
        month = self.month if self.month.start_ms <= time_ms < self.month.end_ms else None
        return week_period(moment), month or month_of(self.plan, moment)


# --- the 5-hour window ---------------------------------------------------------------------


@dataclass
class _FiveHourBasis:
    """What corrects the local count of the 5-hour window, and from when."""

    hidden: Hidden | None = None
    uncounted: tuple[int, int, int] | None = None  # (reading time, its count, span start)
    confidence: str = COUNTED
    calibration: Reading | None = None
    exhausted_at_ms: int | None = None
    served_after_ms: int | None = None
    plan_reset_ms: int | None = None  # the answer said when the quota comes back
    limit: int | None = None  # the reading's own total
    through: str | None = None


def _five_hour_basis(context: _Context, limit: int | None) -> _FiveHourBasis:
    """What readings and quota answers say about the 5 hours. Without a limit (no tier
    chosen) a reading still counts, and a quota answer still marks the window used up."""
    ledger, now_ms = context.ledger, context.now_ms
    basis = _FiveHourBasis()
    recent = [
        r
        for r in context.readings
        if r.window == Window.FIVE_HOURS and r.time_ms > now_ms - FIVE_HOURS_MS
    ]
    reading = recent[-1] if recent else None
    if reading is not None:
        first = context.proof_of(reading).first_ms
        seen = ledger.count(first, reading.time_ms)
        total = reading.total or limit
        used = reading.used if total is None else min(reading.used, total)
        if used >= seen:  # calls made elsewhere: spread over the span before the reading
            basis.hidden = Hidden(used - seen, reading.time_ms, first - 1)
        else:  # the plan counted fewer of the calls seen here: the oldest do not count
            basis.uncounted = (reading.time_ms, used, first)
        basis.calibration = reading
        basis.confidence = OFFICIAL if reading.official else CALIBRATED
        basis.limit = reading.total
    refusal = next(
        (
            r
            for r in context.refusals
            if r.window == Window.FIVE_HOURS and r.time_ms > now_ms - FIVE_HOURS_MS
        ),
        None,
    )
    if refusal is not None and (reading is None or refusal.time_ms >= reading.time_ms):
        error_ms = refusal.time_ms
        seen = ledger.count(error_ms - FIVE_HOURS_MS + 1, error_ms)
        count = max(0, (limit or seen) - seen)
        basis.uncounted, basis.exhausted_at_ms = None, error_ms
        basis.plan_reset_ms = refusal.reset_ms
        basis.through = context.foreign(refusal)
        served = ledger.last_served(error_ms, now_ms)
        if served is None:
            # Taken as made at the answer: nothing of them is promised back before it is.
            hidden = Hidden(count, error_ms, error_ms)
            basis.confidence = LOWER_BOUND
        else:
            # The plan served a call: room was proven. The calls behind the answer are taken
            # as made evenly over the 5 hours before it, and right after the served call the
            # window held at most the limit.
            hidden = Hidden(count, error_ms, error_ms - FIVE_HOURS_MS)
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
    at_ms, counted, first = basis.uncounted
    still = ledger.count(max(first, now_ms - FIVE_HOURS_MS + 1), at_ms)
    return max(0, still - counted)


def five_hours(context: _Context, limit: int | None) -> WindowEstimate:
    ledger, now_ms = context.ledger, context.now_ms
    local = ledger.counted_in(now_ms - FIVE_HOURS_MS, now_ms)
    sources: dict[str, int] = {}
    for _, source in local:
        sources[source] = sources.get(source, 0) + 1
    basis = _five_hour_basis(context, limit)
    limit = basis.limit or limit
    estimate = WindowEstimate(Window.FIVE_HOURS, len(local), limit, COUNTED, sources)
    excess = _not_counted(ledger, basis, now_ms)
    times = [t for t, _ in local][excess:]  # sorted by time: the oldest go first
    estimate.releases = release_schedule(times, now_ms)
    next_back = [t + FIVE_HOURS_MS for t in times[:1]]
    hidden_now = basis.hidden.in_window(now_ms) if basis.hidden else 0
    if basis.hidden and hidden_now:
        estimate.releases = _merge(estimate.releases, basis.hidden.releases(now_ms))
        estimate.estimated_releases = True
        next_back += [t for t in [basis.hidden.next_back_ms(now_ms)] if t is not None]
    estimate.used = len(times) + hidden_now
    estimate.confidence = basis.confidence
    estimate.calibration = basis.calibration
    estimate.exhausted_at_ms = basis.exhausted_at_ms
    estimate.served_after_ms = basis.served_after_ms
    estimate.through = basis.through
    estimate.next_release_ms = min(next_back) if next_back else None
    reset = basis.plan_reset_ms
    if reset is not None and reset > now_ms and basis.served_after_ms is None:
        # The plan said when: used up until then, whatever the estimate of releases says.
        estimate.plan_reset_ms = reset
        if estimate.limit is not None:
            estimate.used = max(estimate.used, estimate.limit)
    if estimate.limit is not None:
        estimate.used = min(estimate.used, max(estimate.limit, len(times)))
    return estimate


def _merge(a: list[Release], b: list[Release]) -> list[Release]:
    counts: dict[int, int] = {}
    for r in (*a, *b):
        counts[r.at_ms] = counts.get(r.at_ms, 0) + r.count
    return [Release(t, n) for t, n in sorted(counts.items())]


# --- the week and the month ----------------------------------------------------------------


def fixed_window(
    context: _Context, window: str, period: Period, limit: int | None
) -> WindowEstimate:
    """The week or the month: everything since the period's start counts until its reset,
    raised by what the plan showed of it (its own readings and answers, and the proofs of
    the other windows whose span lies in it)."""
    ledger, now_ms = context.ledger, context.now_ms
    sources = ledger.count_by_source(period.start_ms, now_ms)
    used = sum(sources.values())
    estimate = WindowEstimate(window, used, limit, COUNTED, sources, period)
    own = [r for r in context.readings if r.window == window and r.time_ms >= period.start_ms]
    anchor_ms = period.start_ms
    if own:
        reading = own[-1]
        anchor_ms = reading.time_ms
        estimate.limit = reading.total or limit
        shown = reading.used if estimate.limit is None else min(reading.used, estimate.limit)
        estimate.used = shown + ledger.count(reading.time_ms + 1, now_ms)
        estimate.calibration = reading
        estimate.confidence = OFFICIAL if reading.official else CALIBRATED
    # The other windows' proofs since the anchor (earlier ones: the reading knows them).
    others = tuple(w for w in _WINDOW_ORDER if w != window)
    for proof in _proofs(context, others, anchor_ms):
        floor = proof.floor(ledger, period, used)
        if floor is not None and floor > estimate.used:
            estimate.used, estimate.confidence, estimate.floor = floor, proof.confidence, proof
            estimate.through = proof.origin
    refusal = next(
        (
            r
            for r in context.refusals
            if r.window == window and r.time_ms >= max(period.start_ms, anchor_ms)
        ),
        None,
    )
    if refusal is not None:
        error_ms = refusal.time_ms
        estimate.exhausted_at_ms = error_ms
        reset = refusal.reset_ms
        if reset is not None and reset > now_ms:
            estimate.plan_reset_ms = reset
        served = ledger.last_served(error_ms, now_ms)
        if served is None and estimate.limit is not None:
            # Once used up, the plan refuses further requests until the reset.
            estimate.used = max(estimate.used, estimate.limit)
            estimate.confidence, estimate.floor = LOWER_BOUND, None
            estimate.through = context.foreign(refusal)
        elif served is not None:  # it served a call since: the answer no longer stands
            estimate.served_after_ms = served
    if estimate.limit is not None:
        # The plan counts no more than its limit: a served call proves the count was below it.
        estimate.used = min(estimate.used, max(estimate.limit, used))
    return estimate


def _proofs(context: _Context, windows: tuple[str, ...], since_ms: int) -> list[Proof]:
    """The proofs about ``windows`` made at or after ``since_ms``."""
    found = [
        context.proof_of(r)
        for r in context.readings
        if r.window in windows and r.time_ms >= since_ms
    ]
    for refusal in context.refusals:
        if refusal.window in windows and refusal.time_ms >= since_ms:
            proof = context.refusal_proof(refusal)
            if proof is not None:
                found.append(proof)
    return found


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
    readings = [
        c for c in ledger.calibrations(period.start_ms, upgrade - 1) if c.window == Window.MONTH
    ]
    if readings:
        reading = readings[-1]
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


# --- all three -------------------------------------------------------------------------------


def _limits(
    ledger: Ledger, plan: Plan, changes: list[TierChange], month: Period, now_ms: int
) -> tuple[dict[str, int | None], dict[str, Any] | None]:
    """Each window's limit now, and the month's upgrade if one raised it."""
    tier = plan.tier if plan.console_tier else tier_at(changes, plan.tier, now_ms)
    limits: dict[str, int | None] = {
        w: (tier.info.limit(w) if tier else None) for w in _WINDOW_ORDER
    }
    record = plan.record
    if plan.console_tier and record is not None:
        # The console's own totals while its reading's period lasts (a month raised after
        # an upgrade, say).
        limits[Window.FIVE_HOURS], limits[Window.WEEK] = (w[1] for w in record.windows[:2])
        if month.start_ms <= record.time_ms:
            limits[Window.MONTH] = record.windows[2][1]
        return limits, None
    limit, upgrade = month_limit(ledger, month, plan.tier, changes, now_ms)
    limits[Window.MONTH] = limit
    return limits, upgrade


def window_starts(
    ledger: Ledger,
    tier: Tier | None,
    subscription_day: int,
    now: datetime,
    changes: list[TierChange] | None = None,
) -> dict[str, int]:
    """When each window began (ms): a record older than its window's start is not in it,
    so a file last written before that start holds nothing the window counts."""
    now_ms = to_ms(now)
    plan = plan_in_force(ledger, tier, subscription_day, now_ms, changes)
    return {
        Window.FIVE_HOURS: now_ms - FIVE_HOURS_MS,
        Window.WEEK: week_period(now).start_ms,
        Window.MONTH: month_of(plan, now).start_ms,
    }


def estimate_windows(
    ledger: Ledger,
    tier: Tier | None,
    subscription_day: int,
    now: datetime,
    changes: list[TierChange] | None = None,
    origin: str | None = None,
) -> dict[str, WindowEstimate]:
    """The three windows as of ``now``. With no ``tier`` (none chosen yet, and no console
    reading) there are no limits: the used counts stand alone. ``origin``: the custom
    address in use, if any (answers through another one say so)."""
    changes = changes or []
    now_ms = to_ms(now)
    plan = plan_in_force(ledger, tier, subscription_day, now_ms, changes)
    week = week_period(now)
    month = month_of(plan, now)
    limits, upgrade = _limits(ledger, plan, changes, month, now_ms)
    since = min(month.start_ms, week.start_ms, now_ms - FIVE_HOURS_MS)
    context = _Context(
        ledger,
        plan,
        now_ms,
        week,
        month,
        _readings(plan, ledger, since, now_ms),
        ledger.refusals(since, now_ms),
        limits,
        changes,
        origin,
    )
    estimates: dict[str, WindowEstimate] = {
        Window.FIVE_HOURS: five_hours(context, limits[Window.FIVE_HOURS]),
        Window.WEEK: fixed_window(context, Window.WEEK, week, limits[Window.WEEK]),
        Window.MONTH: fixed_window(context, Window.MONTH, month, limits[Window.MONTH]),
    }
    estimates[Window.MONTH].upgrade = upgrade
    if not plan.console_tier:
        for window, start in (
            (Window.FIVE_HOURS, now_ms - FIVE_HOURS_MS),
            (Window.WEEK, week.start_ms),
        ):
            at = _upgrade_in(changes, tier, start, now_ms)
            if at is not None:  # the week and 5 hours take Pro's limits at once
                estimates[window].upgrade = {"at_ms": at}
    if plan.month_turn_ms is not None:
        _mark_stale(estimates, plan.record, now_ms)
    return estimates


def _mark_stale(
    estimates: dict[str, WindowEstimate], record: PlanRecord | None, now_ms: int
) -> None:
    """A window whose latest console reading is older than it says so (the figure is the
    estimate again), while the plan that reading read runs."""
    if record is None:
        return
    for window, estimate in estimates.items():
        if estimate.confidence == OFFICIAL or (
            estimate.calibration is not None and estimate.calibration.official
        ):
            continue
        if window == Window.FIVE_HOURS:
            older = record.time_ms <= now_ms - FIVE_HOURS_MS
        else:
            assert estimate.period is not None
            older = record.time_ms < estimate.period.start_ms
        if older:
            estimate.stale_reading_ms = record.time_ms


def record_of(reading: Any) -> PlanRecord:
    """A console reading (``console.answer.PlanReading``) as the ledger keeps it."""

    def window(name: str) -> tuple[int, int, int | None]:
        shown = reading.window(name)
        refresh = to_ms(shown.next_refresh) if shown.next_refresh is not None else None
        return shown.used, shown.total, refresh

    return PlanRecord(
        to_ms(reading.read_at),
        reading.tier.value,
        to_ms(reading.ends_at),
        tuple(window(name) for name in _WINDOW_ORDER),
    )
