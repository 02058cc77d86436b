"""The plan's three quota windows, computed exactly as the plan's page states them.

- 5 hours: each request comes back 5 hours after it was made (a per-request sliding
  window): a request made at ``t`` uses quota at every moment ``now`` with
  ``now - 5 h < t <= now``, and is back at exactly ``t + 5 h``.
- Week: resets every Monday at 00:00 in UTC+8.
- Month: resets at 00:00 UTC+8 on the subscription day of each month; in a month that has
  no such day (the 31st in April, the 30th in February) the reset falls on its last day.

All arithmetic is done on aware datetimes in UTC+8 (a fixed offset, no daylight saving);
converting to the person's zone happens only for display, so local DST never moves a reset.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import NamedTuple

PLAN_TZ = timezone(timedelta(hours=8), "UTC+8")
FIVE_HOURS = timedelta(hours=5)
FIVE_HOURS_MS = 5 * 3600 * 1000
WEEK = timedelta(days=7)


class Period(NamedTuple):
    """A fixed window: requests made in ``[start, end)`` count; at ``end`` it resets."""

    start: datetime
    end: datetime
    # True when the subscription day does not exist in the month of start or end, so the
    # reset was moved to that month's last day.
    clamped: bool = False

    @property
    def start_ms(self) -> int:
        return to_ms(self.start)

    @property
    def end_ms(self) -> int:
        return to_ms(self.end)


def to_ms(moment: datetime) -> int:
    """Milliseconds since the epoch of an aware datetime."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the window math needs an aware time")
    return math.floor(moment.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, PLAN_TZ)


# A day inside the calendar at both ends, so that no zone's offset takes a time past it.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FIRST_MS = -62_135_510_400_000  # 0001-01-02T00:00:00Z
_LAST_MS = 253_402_214_400_000  # 9999-12-31T00:00:00Z


def moment(ms: int, tz: tzinfo | None = None) -> datetime:
    """The time ``ms`` in the person's zone (or ``tz``), for display.

    Never raises: a time no calendar holds (a ledger row written before record times were
    checked) is shown at the calendar's nearest end; where the system cannot tell the
    zone's offset so far out, in UTC."""
    at = _EPOCH + timedelta(milliseconds=min(max(ms, _FIRST_MS), _LAST_MS))
    with contextlib.suppress(OverflowError, OSError, ValueError):
        at = at.astimezone(tz)  # None: the person's zone
    return at


def week_period(now: datetime) -> Period:
    """The week containing ``now``: from the last Monday 00:00 UTC+8 to the next."""
    local = now.astimezone(PLAN_TZ)
    monday = local.date() - timedelta(days=local.weekday())
    start = datetime(monday.year, monday.month, monday.day, tzinfo=PLAN_TZ)
    return Period(start, start + WEEK)


def reset_in_month(year: int, month: int, day: int) -> tuple[datetime, bool]:
    """00:00 UTC+8 on ``day`` of that month, or on its last day if the month is shorter."""
    # The day before the next month's first (``calendar`` would load ``locale`` for this).
    last = 31 if month == 12 else (datetime(year, month + 1, 1) - timedelta(days=1)).day
    return datetime(year, month, min(day, last), tzinfo=PLAN_TZ), day > last


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def month_period(now: datetime, subscription_day: int) -> Period:
    """The billing month containing ``now`` for a plan bought on ``subscription_day``."""
    if not 1 <= subscription_day <= 31:
        raise ValueError(f"subscription day {subscription_day} is not 1 to 31")
    local = now.astimezone(PLAN_TZ)
    year, month = local.year, local.month
    this_reset, this_clamped = reset_in_month(year, month, subscription_day)
    if local >= this_reset:
        start, start_clamped = this_reset, this_clamped
        end, end_clamped = reset_in_month(*_shift_month(year, month, 1), subscription_day)
    else:
        start, start_clamped = reset_in_month(*_shift_month(year, month, -1), subscription_day)
        end, end_clamped = this_reset, this_clamped
    return Period(start, end, start_clamped or end_clamped)


@dataclass(frozen=True)
class Release:
    """``count`` requests come back by ``at`` (grouped per minute, rounded up)."""

    at_ms: int
    count: int


def in_five_hour_window(request_ms: int, now_ms: int) -> bool:
    """Whether a request made at ``request_ms`` still uses 5-hour quota at ``now_ms``."""
    return now_ms - FIVE_HOURS_MS < request_ms <= now_ms


def release_schedule(times_ms: Iterable[int], now_ms: int, group_ms: int = 60_000) -> list[Release]:
    """When the requests now in the 5-hour window come back, grouped per ``group_ms``.

    A group's time is rounded up, so everything in it is back by then (never promise a
    request earlier than the plan gives it back).
    """
    groups: dict[int, int] = {}
    for t in times_ms:
        if not in_five_hour_window(t, now_ms):
            continue
        back = t + FIVE_HOURS_MS
        slot = -(-back // group_ms) * group_ms
        groups[slot] = groups.get(slot, 0) + 1
    return [Release(at, n) for at, n in sorted(groups.items())]
