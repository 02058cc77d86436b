"""What a person needs to know about the plan itself, from a console reading: when it
ends, how many days are left, when to remind them, and whether it can be renewed.

Pure functions of the reading and the time: the app and the CLI decide when to show them
and remember which reminders went out.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, timedelta
from typing import NamedTuple

from codingplan.console.answer import PlanReading
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Tier
from codingplan.usage.windows import PLAN_TZ

# The vendor reminds people this many days before the plan ends; so does the app.
REMINDER_DAYS = (7, 3, 1)
# The vendor stopped selling and renewing Lite on this day; a Lite plan runs to its end.
LITE_SALES_ENDED = date(2026, 4, 13)
_DAY = timedelta(days=1)

ENDS_IN_DAYS = QT_TRANSLATE_NOOP("alerts", "Your Coding Plan ends on {date}, in {days} days.")
ENDS_IN_ONE_DAY = QT_TRANSLATE_NOOP("alerts", "Your Coding Plan ends on {date}, in 1 day.")
ENDS_TODAY = QT_TRANSLATE_NOOP("alerts", "Your Coding Plan ends on {date}, within a day.")
RENEW_IT = QT_TRANSLATE_NOOP(
    "alerts", "Renew it in the Coding Plan console to keep coding without a break."
)
LITE_NOT_RENEWABLE = QT_TRANSLATE_NOOP(
    "alerts",
    "Lite can no longer be renewed (Alibaba stopped new Lite plans and renewals on 13 April "
    "2026): choose Pro in the console before it ends to keep coding.",
)


class PlanFacts(NamedTuple):
    """The plan's end and renewal, as of ``now``."""

    ends_at: datetime  # the moment it ends (aware)
    last_day: date  # the last day it is valid, in the plan's time (UTC+8)
    days_left: int  # whole days from now to the end, 0 once it is under a day
    auto_renew: bool
    renewable: bool  # False for Lite since the vendor stopped renewing it
    reminder: int | None  # the reminder due now (7, 3 or 1 days before), if any


def last_day(ends_at: datetime) -> date:
    """The last day the plan is valid: it ends at 00:00 UTC+8 after that day (the console
    says 2026-03-11 00:00 for a plan valid "until 2026-03-10 23:59:59")."""
    return (ends_at - timedelta(microseconds=1)).astimezone(PLAN_TZ).date()


def days_left(ends_at: datetime, now: datetime) -> int:
    """Whole days from ``now`` to the end (the console's ``remainingDays`` counts so too)."""
    return max(0, (ends_at - now) // _DAY)


def renewable(tier: Tier, today: date) -> bool:
    return tier is Tier.PRO or today < LITE_SALES_ENDED


def reminder_due(
    ends_at: datetime,
    now: datetime,
    *,
    auto_renew: bool,
    can_renew: bool,
    sent: Collection[int] = (),
) -> int | None:
    """The reminder to give now: the nearest of ``REMINDER_DAYS`` whose moment has come
    (the end is that many days away or less) and that is not in ``sent`` (the ones given
    for this end). None when the plan renews itself, or has ended. A plan that cannot be
    renewed is reminded of even with auto-renewal on: nothing will renew it."""
    left = ends_at - now
    if left <= timedelta(0) or (auto_renew and can_renew):
        return None
    due = [days for days in REMINDER_DAYS if left <= days * _DAY]
    if not due or min(due) in sent:
        return None
    return min(due)


def plan_facts(reading: PlanReading, now: datetime, sent: Collection[int] = ()) -> PlanFacts:
    """Everything above for one reading. ``sent``: the reminders already given for this
    reading's end (keep them with ``reading.ends_at``, so that a renewal starts afresh)."""
    can_renew = renewable(reading.tier, now.astimezone(PLAN_TZ).date())
    return PlanFacts(
        ends_at=reading.ends_at,
        last_day=last_day(reading.ends_at),
        days_left=days_left(reading.ends_at, now),
        auto_renew=reading.auto_renew,
        renewable=can_renew,
        reminder=reminder_due(
            reading.ends_at, now, auto_renew=reading.auto_renew, can_renew=can_renew, sent=sent
        ),
    )


def reminder_text(facts: PlanFacts) -> tuple[str, str]:
    """The reminder's two sentences as templates (fill ``{date}`` with ``facts.last_day``
    and ``{days}`` with ``facts.days_left``, after translating them)."""
    first = {0: ENDS_TODAY, 1: ENDS_IN_ONE_DAY}.get(facts.days_left, ENDS_IN_DAYS)
    return first, (RENEW_IT if facts.renewable else LITE_NOT_RENEWABLE)
