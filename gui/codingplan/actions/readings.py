"""Calibration: what the plan's console shows for a window, entered by the person, for the
estimate to carry on from. A reading no plan can show is refused before any is saved."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from codingplan.changed import Changed
from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Tier, Window

if TYPE_CHECKING:
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


def calibrate(
    tracker: Tracker,
    readings: Sequence[Reading],
    tier: Tier | None,
    at: datetime | None = None,
) -> Calibrated:
    """Record each reading (as shown ``at``, default now): all of them, or, if one is
    impossible, none (its problem is raised)."""
    for reading in readings:
        problem = reading_problem(reading, tier)
        if problem is not None:
            raise problem
    for window, used, total in readings:
        tracker.calibrate(window, used, total, now=at)
    return Calibrated(tuple(readings))
