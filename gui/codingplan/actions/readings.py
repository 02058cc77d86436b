"""Calibration: what the plan's console shows for a window, entered by the person, for the
estimate to carry on from. A reading no plan can show, or one older than its window's
current period (it would change nothing), is refused before any is saved. And the "quota
exceeded" answers that came through another address than the one in use, set aside."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from codingplan.changed import Changed
from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Tier, Window

if TYPE_CHECKING:
    from codingplan.settings import Settings
    from codingplan.usage.tracker import Tracker


class Reading(NamedTuple):
    window: Window
    used: int
    total: int | None = None  # None: the tier's limit for the window


class Calibrated(NamedTuple):
    readings: tuple[Reading, ...]
    changed: Changed = Changed.USAGE


def reading_problem(reading: Reading, tier: Tier | None) -> CodingPlanError | None:
    """Why no plan can show ``reading`` (None if one can), in one sentence."""
    window, used, total = reading
    limit = tier.info.limit(window) if tier else None
    most = Tier.PRO.info.limit(window)  # the largest quota any plan has for this window
    if used < 0:
        return _bad(
            QT_TRANSLATE_NOOP(
                "errors",
                "The used count cannot be negative: enter the number of requests the console "
                "shows as used.",
            )
        )
    if total is not None and total <= 0:
        return _bad(
            QT_TRANSLATE_NOOP(
                "errors", "The total must be more than 0: enter the total the console shows."
            )
        )
    if total is not None and total > most:
        return _bad(
            QT_TRANSLATE_NOOP(
                "errors",
                "A total of {total:,} is impossible: no plan has more than {most:,} requests "
                "in this window.",
            ),
            total=total,
            most=most,
        )
    if total is not None and used > total:
        return _bad(
            QT_TRANSLATE_NOOP(
                "errors", "{used:,} used is more than the total of {total:,}: check both numbers."
            ),
            used=used,
            total=total,
        )
    if total is None and tier is None and used > most:
        return _bad(
            QT_TRANSLATE_NOOP(
                "errors",
                "{used:,} used is more than any plan has in this window ({most:,}): check the "
                "number.",
            ),
            used=used,
            most=most,
        )
    if total is None and limit is not None and tier is not None and used > limit:
        return _bad(
            QT_TRANSLATE_NOOP(
                "errors",
                "{used:,} used is more than the {limit:,} requests of your {tier} plan: check "
                "the number, or enter the console's total too (or set your tier).",
            ),
            used=used,
            limit=limit,
            tier=tier.label,
        )
    return None


def _bad(message: str, **params: object) -> CodingPlanError:
    return CodingPlanError("bad_reading", message, "", **params)


def too_old(
    tracker: Tracker, window: str, at: datetime, settings: Settings
) -> CodingPlanError | None:
    """Why a reading shown ``at`` would change nothing (None if it would not): neither its
    own window's current period holds it, nor does the week's or the month's hold the span
    it counts (a reading proves its count for as long as the period that holds its span)."""
    from codingplan.usage.windows import FIVE_HOURS_MS, to_ms, week_period

    snapshot = tracker.snapshot(settings)
    week, month = (snapshot.windows[w].period for w in (Window.WEEK, Window.MONTH))
    assert week is not None and month is not None
    at_ms = to_ms(at)
    longer: tuple[int, ...]
    if window == Window.FIVE_HOURS:
        own, span = snapshot.now_ms - FIVE_HOURS_MS + 1, at_ms - FIVE_HOURS_MS + 1
        longer = (week.start_ms, month.start_ms)
    elif window == Window.WEEK:
        own, span, longer = week.start_ms, week_period(at).start_ms, (month.start_ms,)
    else:
        own, span, longer = month.start_ms, at_ms, ()
    if at_ms >= own or any(span >= start for start in longer):
        return None
    return _bad(
        QT_TRANSLATE_NOOP(
            "errors",
            "A reading from {at} is too old to change anything: it counts calls made before "
            "the current periods began. Enter one shown since {start}.",
        ),
        at=snapshot.iso(at_ms),
        start=snapshot.iso(own),
    )


def calibrate(
    tracker: Tracker,
    readings: Sequence[Reading],
    tier: Tier | None,
    at: datetime | None = None,
    settings: Settings | None = None,
) -> Calibrated:
    """Record each reading (as shown ``at``, default now): all of them, or, if one is
    impossible (or, with ``settings``, older than its window), none (its problem is raised)."""
    for reading in readings:
        problem = reading_problem(reading, tier)
        if problem is None and at is not None and settings is not None:
            problem = too_old(tracker, reading.window, at, settings)
        if problem is not None:
            raise problem
    for window, used, total in readings:
        tracker.calibrate(window, used, total, now=at)
    return Calibrated(tuple(readings))


class Dismissed(NamedTuple):
    answers: int  # how many were set aside
    origins: tuple[str, ...]  # the addresses they came through
    changed: Changed = Changed.USAGE


def dismiss_answers(tracker: Tracker) -> Dismissed:
    """Set aside every "quota exceeded" answer that came through an address other than the
    plan's and the one in use (``tracker.origin``): a test server's, say. They stay in the
    ledger, and correct no window any more."""
    from codingplan.plan import is_plan_url

    in_use = (tracker.origin,) if tracker.origin else ()
    found = [(i, o) for i, o in tracker.ledger.refusals_through() if not is_plan_url(o, in_use)]
    tracker.ledger.dismiss(i for i, _ in found)
    return Dismissed(len(found), tuple(dict.fromkeys(o for _, o in found)))
