"""The Coding Plan's quota rules, written plainly from the vendor's page and nothing else.

This is the yardstick the app's quota model (``codingplan.usage``) is measured against, so
it shares no code with it: every request the plan counted is a moment (UTC milliseconds) in
a list, and every window is a count over that list. Slow and obvious on purpose.

The vendor's page says:
- per 5 hours: "a dynamic limit, restored 5 hours after a request is consumed": a request
  made at ``t`` uses quota at every moment ``now`` with ``now - 5 h < t <= now``;
- per week: "resets every Monday at 00:00:00 (UTC+8)";
- per month: "resets on the corresponding day of each subscription month at 00:00:00
  (UTC+8)", on the month's last day when it has no such day;
- Lite 1,200 / 9,000 / 18,000; Pro 6,000 / 45,000 / 90,000; a request over a limit is
  refused with "hour|week|month allocated quota exceeded".

What the app can know, and what each piece of it proves (``Evidence``):
- a call it saw served: the plan counted it;
- a reading of a window at ``t`` (the console's figure): the plan had counted exactly that
  many calls in the window's span at ``t``;
- a "quota exceeded" answer for a window at ``t``: the plan had counted the window's limit
  in its span at ``t``;
- a call served at ``t``: the plan had counted less than each limit before it.
From these, ``floor`` is the least the plan can have counted in the week or the month so
far: whatever a proof counted, plus the calls seen outside the proof's span, for every
proof whose whole span lies in the period.
"""

from __future__ import annotations

import bisect
import calendar
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

UTC8 = timezone(timedelta(hours=8))
MINUTE = 60_000
HOUR = 60 * MINUTE
FIVE_HOURS = 5 * HOUR
WINDOWS = ("5h", "week", "month")
LIMITS = {
    "lite": {"5h": 1_200, "week": 9_000, "month": 18_000},
    "pro": {"5h": 6_000, "week": 45_000, "month": 90_000},
}


def moment(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC8)


def ms_of(when: datetime) -> int:
    return round(when.timestamp() * 1000)


def week_start(t: int) -> int:
    """Monday 00:00 UTC+8 at or before ``t``."""
    day = moment(t).date()
    monday = day - timedelta(days=day.weekday())
    return ms_of(datetime(monday.year, monday.month, monday.day, tzinfo=UTC8))


def turn_in(year: int, month: int, day: int) -> int:
    """00:00 UTC+8 on ``day`` of that month, or on its last day when it is shorter."""
    last = calendar.monthrange(year, month)[1]
    return ms_of(datetime(year, month, min(day, last), tzinfo=UTC8))


def month_start(t: int, day: int) -> int:
    """The subscription month's turn at or before ``t``: walk back a month at a time."""
    year, month = moment(t).year, moment(t).month
    while turn_in(year, month, day) > t:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return turn_in(year, month, day)


def span_start(window: str, t: int, day: int) -> int:
    """The first moment whose requests count in ``window`` at ``t`` (inclusive)."""
    if window == "5h":
        return t - FIVE_HOURS + 1
    if window == "week":
        return week_start(t)
    return month_start(t, day)


def count(times: list[int], first: int, last: int) -> int:
    """How many of ``times`` (in order) fall in ``[first, last]``."""
    return max(0, bisect.bisect_right(times, last) - bisect.bisect_left(times, first))


def used(times: list[int], window: str, t: int, day: int) -> int:
    """What the plan counts in ``window`` at ``t``."""
    return count(times, span_start(window, t, day), t)


@dataclass
class Plan:
    """The plan itself: it serves a call while every window has room, else refuses it
    naming the first full window (5 hours, week, month)."""

    tier: str
    day: int
    counted: list[int] = field(default_factory=list)

    def ask(self, t: int) -> str:
        assert not self.counted or t >= self.counted[-1], "calls are asked in time order"
        for window in WINDOWS:
            if used(self.counted, window, t, self.day) >= LIMITS[self.tier][window]:
                return f"quota_{window}"
        self.counted.append(t)
        return "ok"

    def truth(self, window: str, now: int) -> int:
        return used(self.counted, window, now, self.day)

    def next_back(self, now: int) -> int | None:
        """When the first request in the 5 hours comes back."""
        inside = [t for t in self.counted if now - FIVE_HOURS < t <= now]
        return min(inside) + FIVE_HOURS if inside else None


@dataclass
class Evidence:
    """What the app sees: the calls served (``seen``, in time order), the "quota exceeded"
    answers (window, time) and the readings (window, time, count)."""

    tier: str
    day: int
    seen: list[int] = field(default_factory=list)
    refusals: list[tuple[str, int]] = field(default_factory=list)
    readings: list[tuple[str, int, int]] = field(default_factory=list)

    def proofs(self) -> list[tuple[str, int, int]]:
        """(window, time, at least this many in its span) of every reading and answer."""
        limits = LIMITS[self.tier]
        return [*self.readings, *((w, t, limits[w]) for w, t in self.refusals)]

    def floor(self, window: str, now: int) -> int:
        """The least the plan can have counted in the week's or month's period by ``now``."""
        start = span_start(window, now, self.day)
        best = count(self.seen, start, now)
        for proof_window, t, n in self.proofs():
            first = span_start(proof_window, t, self.day)
            if t > now or first < start:
                continue  # later, or its span began before the period: nothing proven
            outside = count(self.seen, start, first - 1) + count(self.seen, t + 1, now)
            best = max(best, n + outside)
        return min(best, LIMITS[self.tier][window])

    def visible(self, window: str, now: int) -> int:
        return used(self.seen, window, now, self.day)
