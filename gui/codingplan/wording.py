"""Times as the app says them, in English and without Qt, for the command line: relative
and absolute together, the nearer reading first, the day named when it is not today
("in 3 h 12 min · today 16:00", "resets Mon 7 Dec 00:00 · in 6 days").

These are the sentences of the app's glance (``ui/glance.py``) with a 24-hour clock, as a
British English desktop shows them; ``tests/gui/test_wording.py`` holds the two to the same
words for any moment. A time ahead is rounded up to the minute: nothing is promised early.
"""

from __future__ import annotations

import math
from datetime import date, datetime, tzinfo

MINUTE_MS = 60_000
HOUR_MS = 60 * MINUTE_MS
DAY_MS = 24 * HOUR_MS
# By number, not strftime's %a and %b: those follow the C library's locale. The names are
# the ones the app shows in English with a 24-hour clock (Unicode's CLDR data, which Qt
# follows, shortens September to "Sept" there).
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")
FAR_DAYS = 180  # further away than this, a day is given with its year


def local(ms: int, tz: tzinfo | None) -> datetime:
    """The moment in ``tz`` (None: the person's zone), as an aware time."""
    return datetime.fromtimestamp(ms / 1000, tz).astimezone(tz)


def _ceil_minute(ms: int) -> int:
    return -(-ms // MINUTE_MS) * MINUTE_MS


def _number(value: int) -> str:
    return f"{value:,}"


def clock(moment: datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def day(moment: date, today: date) -> str:
    """ "Mon 7 Dec"; with the year when far away: "Mon 7 Dec 2027"."""
    text = f"{WEEKDAYS[moment.weekday()]} {moment.day} {MONTHS[moment.month - 1]}"
    return f"{text} {moment.year}" if abs((moment - today).days) > FAR_DAYS else text


def at(ms: int, now_ms: int, tz: tzinfo | None, today_word: bool = True) -> str:
    """An absolute time: "today 16:00" (or "16:00"), "tomorrow 08:15", "Mon 7 Dec 00:00"."""
    moment = local(_ceil_minute(ms) if ms > now_ms else ms, tz)
    today = local(now_ms, tz).date()
    days = (moment.date() - today).days
    time = clock(moment)
    if days == 0:
        return f"today {time}" if today_word else time
    if days == 1:
        return f"tomorrow {time}"
    if days == -1:
        return f"yesterday {time}"
    return f"{day(moment.date(), today)} {time}"


def duration(ms: int) -> str:
    """A span rounded up to the minute: "45 min", "3 h", "3 h 12 min"."""
    minutes = max(1, math.ceil(ms / MINUTE_MS))
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return f"{_number(hours)} h"
    return f"{_number(hours)} h {rest} min"


def _days(days: int) -> str:
    return "1 day" if days == 1 else f"{_number(days)} days"


def relative(ms: int, now_ms: int, tz: tzinfo | None) -> str:
    """How far away: "in 3 h 12 min", "in 6 days" (calendar days, from 2 days on),
    "12 min ago", "just now"."""
    delta = ms - now_ms
    if delta < 0:
        if -delta < MINUTE_MS:
            return "just now"
        span = duration(-delta // MINUTE_MS * MINUTE_MS)  # an age is rounded down
        if -delta >= 2 * DAY_MS:
            span = _days((local(now_ms, tz).date() - local(ms, tz).date()).days)
        return f"{span} ago"
    if delta < 2 * DAY_MS:
        return f"in {duration(delta)}"
    days = (local(_ceil_minute(ms), tz).date() - local(now_ms, tz).date()).days
    return f"in {_days(days)}"


def when(ms: int, now_ms: int, tz: tzinfo | None) -> str:
    """Relative and absolute, the nearer reading first: "in 3 h 12 min · today 16:00",
    "Mon 7 Dec 00:00 · in 6 days"."""
    near, absolute = relative(ms, now_ms, tz), at(ms, now_ms, tz)
    return f"{near} · {absolute}" if ms - now_ms < DAY_MS else f"{absolute} · {near}"
