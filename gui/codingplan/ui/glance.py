"""What one glance at the tray or the dashboard answers: how much is left, when more comes
back, how sure the figure is, and what set-up still needs.

Pure functions of the numbers, the moment (``now_ms``) and the zone (``tz``; None is the
person's own), in the current language, so that the tray, the cards and the tests share
them. Times read the way people read them: relative and absolute together, the nearer
reading first, the day named when it is not today ("in 3 h 12 min · today 16:00",
"Mon 7 Dec 00:00 · in 6 days"; "3 小时 12 分钟后 · 今天 16:00", "12月7日 周一 00:00 · 6 天后").
A time ahead is rounded up to the minute: nothing is promised early.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Window
from codingplan.shown import Shown
from codingplan.ui import texts

if TYPE_CHECKING:  # the tracker's modules load after the first paint
    from codingplan.actions.key import KeyStatus
    from codingplan.plan import Tier
    from codingplan.usage.estimate import WindowEstimate
    from codingplan.usage.snapshot import Snapshot

MINUTE_MS = 60_000
HOUR_MS = 3_600_000
DAY_MS = 24 * HOUR_MS


# --- language conventions ------------------------------------------------------------------


def chinese() -> bool:
    return QLocale().language() == QLocale.Language.Chinese


def join(items: Iterable[str]) -> str:
    """A list in the language's way: "a, b, c"; in Chinese "a、b、c"."""
    return ("、" if chinese() else ", ").join(items)


def percent(value: float) -> str:
    shown = texts.number(round(value))
    return f"{shown}%" if chinese() else f"{shown} %"


# --- times ---------------------------------------------------------------------------------


def local(ms: int, tz: tzinfo | None) -> datetime:
    """The moment in ``tz`` (None: the person's zone), as an aware time."""
    return datetime.fromtimestamp(ms / 1000, tz).astimezone(tz)


def _ceil_minute(ms: int) -> int:
    return -(-ms // MINUTE_MS) * MINUTE_MS


def clock(moment: datetime) -> str:
    """16:00 (or 4:00 PM where the language's convention says so)."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def day(moment: date, today: date) -> str:
    """The day: "Mon 7 Dec"; in Chinese "12月7日 周一"; with the year when far away."""
    far = abs((moment - today).days) > 180
    if chinese():
        pattern = "yyyy年M月d日 ddd" if far else "M月d日 ddd"
    else:
        pattern = "ddd d MMM yyyy" if far else "ddd d MMM"
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), pattern)


def at(ms: int, now_ms: int, tz: tzinfo | None, today_word: bool = True) -> str:
    """An absolute time: "today 16:00" (or "16:00"), "tomorrow 08:15", "Mon 7 Dec 00:00"."""
    moment = local(_ceil_minute(ms) if ms > now_ms else ms, tz)
    today = local(now_ms, tz).date()
    days = (moment.date() - today).days
    time = clock(moment)
    if days == 0:
        return (
            QCoreApplication.translate("glance", "today {time}").format(time=time)
            if today_word
            else time
        )
    if days == 1:
        return QCoreApplication.translate("glance", "tomorrow {time}").format(time=time)
    if days == -1:
        return QCoreApplication.translate("glance", "yesterday {time}").format(time=time)
    return QCoreApplication.translate("glance", "{day} {time}").format(
        day=day(moment.date(), today), time=time
    )


def duration(ms: int) -> str:
    """A span rounded up to the minute: "45 min", "3 h", "3 h 12 min"."""
    minutes = max(1, math.ceil(ms / MINUTE_MS))
    if minutes < 60:
        return QCoreApplication.translate("glance", "{minutes} min").format(minutes=minutes)
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return QCoreApplication.translate("glance", "{hours} h").format(hours=texts.number(hours))
    return QCoreApplication.translate("glance", "{hours} h {minutes} min").format(
        hours=texts.number(hours), minutes=rest
    )


def relative(ms: int, now_ms: int, tz: tzinfo | None) -> str:
    """How far away: "in 3 h 12 min", "in 6 days" (calendar days, from 2 days on),
    "12 min ago", "just now"."""
    delta = ms - now_ms
    if delta < 0:
        if -delta < MINUTE_MS:
            return QCoreApplication.translate("glance", "just now")
        # An age is rounded down: "5 min ago" until it is six.
        span = duration(-delta // MINUTE_MS * MINUTE_MS)
        if -delta >= 2 * DAY_MS:
            days = (local(now_ms, tz).date() - local(ms, tz).date()).days
            span = _days(days)
        return QCoreApplication.translate("glance", "{span} ago").format(span=span)
    if delta < 2 * DAY_MS:
        return QCoreApplication.translate("glance", "in {span}").format(span=duration(delta))
    days = (local(_ceil_minute(ms), tz).date() - local(now_ms, tz).date()).days
    return QCoreApplication.translate("glance", "in {span}").format(span=_days(days))


def _days(days: int) -> str:
    if days == 1:
        return QCoreApplication.translate("glance", "1 day")
    return QCoreApplication.translate("glance", "{days} days").format(days=texts.number(days))


def when(ms: int, now_ms: int, tz: tzinfo | None) -> str:
    """Relative and absolute, the nearer reading first: "in 3 h 12 min · today 16:00",
    "Mon 7 Dec 00:00 · in 6 days"."""
    near, absolute = relative(ms, now_ms, tz), at(ms, now_ms, tz)
    return f"{near} · {absolute}" if ms - now_ms < DAY_MS else f"{absolute} · {near}"


# --- what is left and when it comes back -------------------------------------------------------


def used_up(estimate: WindowEstimate) -> bool:
    return estimate.remaining is not None and estimate.remaining <= 0


def back_by(estimate: WindowEstimate, moment_ms: int) -> int:
    """How many requests a used-up 5-hour window can take at ``moment_ms``: those back by
    then, less the excess over the limit."""
    if estimate.limit is None:
        return 0
    back = sum(r.count for r in estimate.releases if r.at_ms <= moment_ms)
    return max(0, min(estimate.limit, back - (estimate.used - estimate.limit)))


def _later_mark(resume: int, tz: tzinfo | None) -> int:
    """A whole hour at least half an hour after ``resume``, in the person's zone."""
    moment = local(resume + 30 * MINUTE_MS, tz)
    hour = moment.replace(minute=0, second=0, microsecond=0)
    if hour < moment:
        hour += timedelta(hours=1)
    return int(hour.timestamp() * 1000)


def used_up_line(estimate: WindowEstimate, now_ms: int, tz: tzinfo | None) -> str:
    """ "Used up · 1 request back at 08:15 (in 12 min) · 120 by 09:00", or with the plan's
    own time "Used up · back at 08:15 (in 12 min), as the plan's answer said"."""
    return " · ".join(
        [QCoreApplication.translate("glance", "Used up"), resume_line(estimate, now_ms, tz)]
    )


def resume_line(estimate: WindowEstimate, now_ms: int, tz: tzinfo | None) -> str:
    """When a used-up window takes calls again, and how many: the words after "Used up"."""
    resume = estimate.resume_ms
    if resume is None:
        return QCoreApplication.translate("glance", "when requests come back is not known")
    time, near = at(resume, now_ms, tz, today_word=False), relative(resume, now_ms, tz)
    if estimate.plan_reset_ms is not None:
        return QCoreApplication.translate(
            "glance", "back at {time} ({in}), as the plan's answer said"
        ).format_map({"time": time, "in": near})
    first = (
        back_by(estimate, resume) if estimate.window == Window.FIVE_HOURS else estimate.limit or 0
    )
    if first == 1:
        text = QCoreApplication.translate("glance", "1 request back at {time} ({in})")
    else:
        text = QCoreApplication.translate("glance", "{count} requests back at {time} ({in})")
    parts = [text.format_map({"count": texts.number(first), "time": time, "in": near})]
    if estimate.window == Window.FIVE_HOURS:
        mark = _later_mark(resume, tz)
        more = back_by(estimate, mark)
        if more > first:
            parts.append(
                QCoreApplication.translate("glance", "{count} by {time}").format(
                    count=texts.number(more), time=at(mark, now_ms, tz, today_word=False)
                )
            )
    return " · ".join(parts)


def when_line(
    estimate: WindowEstimate, now_ms: int, tz: tzinfo | None, setup_needed: bool = False
) -> str:
    """When more comes back (5 hours) or the window resets (week, month); for a used-up
    window, when work can resume and with how much."""
    if used_up(estimate) and not setup_needed:
        return used_up_line(estimate, now_ms, tz)
    if estimate.window == Window.FIVE_HOURS:
        if not estimate.releases:
            return QCoreApplication.translate(
                "glance", "Nothing to come back: none used in the last 5 hours"
            )
        first = estimate.releases[0]
        return QCoreApplication.translate("glance", "+{count} back {when}").format(
            count=texts.number(first.count), when=when(first.at_ms, now_ms, tz)
        )
    if estimate.plan_reset_ms is not None:
        return QCoreApplication.translate(
            "glance", "Resets {when}, as the plan's answer said"
        ).format(when=when(estimate.plan_reset_ms, now_ms, tz))
    if estimate.period is None:
        return ""
    return QCoreApplication.translate("glance", "Resets {when}").format(
        when=when(estimate.period.end_ms, now_ms, tz)
    )


def left_line(estimate: WindowEstimate, setup_needed: bool = False) -> str:
    """ "5,188 of 6,000 left", "Used up", or only the used count while no plan is chosen
    or set-up is not done (never a confident "6,000 left")."""
    if estimate.limit is None or estimate.remaining is None or setup_needed:
        return QCoreApplication.translate("glance", "{used} used").format(
            used=texts.number(estimate.used)
        )
    if used_up(estimate):
        return QCoreApplication.translate("glance", "Used up")
    return QCoreApplication.translate("glance", "{left} of {limit} left").format(
        left=texts.number(estimate.remaining), limit=texts.number(estimate.limit)
    )


def figure_line(
    estimate: WindowEstimate, setup_needed: bool = False, shown: Shown = Shown.LEFT
) -> str:
    """What is left ("5,188 of 6,000 left") or what is used ("812 of 6,000 used"), as the
    setting ``show`` says; "Used up" and the used count without a plan either way."""
    limited = estimate.limit is not None and estimate.remaining is not None
    if shown is Shown.USED and limited and not setup_needed and not used_up(estimate):
        return texts.used_line(estimate)
    return left_line(estimate, setup_needed)


def pace_line(window: str, ahead: float | None) -> str:
    """Use against an even spread, as reserve or deficit: "23 % in reserve against an even
    pace for this week" (less used than an even spread by now), "20 % in deficit ..."."""
    if ahead is None or window == Window.FIVE_HOURS:
        return ""
    shown = round(abs(ahead))
    if shown == 0:
        if window == Window.WEEK:
            return QCoreApplication.translate("glance", "On an even pace for this week")
        return QCoreApplication.translate("glance", "On an even pace for this month")
    if ahead > 0:
        if window == Window.WEEK:
            text = QCoreApplication.translate(
                "glance", "{percent} in deficit against an even pace for this week"
            )
        else:
            text = QCoreApplication.translate(
                "glance", "{percent} in deficit against an even pace for this month"
            )
    elif window == Window.WEEK:
        text = QCoreApplication.translate(
            "glance", "{percent} in reserve against an even pace for this week"
        )
    else:
        text = QCoreApplication.translate(
            "glance", "{percent} in reserve against an even pace for this month"
        )
    return text.format(percent=percent(shown))


def runs_out_line(snapshot: Snapshot, window: str) -> str:
    """ "runs out in 13 min · 13:44": when ``window`` runs out at the recent rate, before it
    frees up again; "" when it does not (or is used up already)."""
    forecast = snapshot.forecast.windows.get(window)
    estimate = snapshot.windows[window]
    if forecast is None or forecast.runs_out_ms is None or used_up(estimate):
        return ""
    moment, now, tz = forecast.runs_out_ms, snapshot.now_ms, snapshot.tz
    return QCoreApplication.translate("glance", "runs out {in} · {time}").format_map(
        {"in": relative(moment, now, tz), "time": at(moment, now, tz, today_word=False)}
    )


# --- how sure ------------------------------------------------------------------------------


FROM_PLAN_HINT = QT_TRANSLATE_NOOP(
    "glance",
    "The plan refused a call as over quota, then served one again: the estimate follows what "
    "it served.",
)


STALE_HINT = QT_TRANSLATE_NOOP(
    "glance",
    "The plan's own reading ({when}) is older than this window: the figure is estimated "
    "from the records again.",
)


def confidence(estimate: WindowEstimate, now_ms: int, tz: tzinfo | None) -> tuple[str, str]:
    """How sure the figure is, short, and a sentence that says why."""
    kind = estimate.confidence
    _, hint = texts.confidence(estimate)
    if kind == "calibrated":
        reading = estimate.calibration
        if reading is None:  # the week's or month's floor from a 5-hour reading
            label = QCoreApplication.translate("glance", "Calibrated from the 5-hour reading")
        else:
            label = QCoreApplication.translate("glance", "Calibrated {age}").format(
                age=relative(reading.time_ms, now_ms, tz)
            )
    elif kind == "lower_bound":
        refused = estimate.exhausted_at_ms
        label = (
            QCoreApplication.translate("glance", "At least: the plan refused a call {when}").format(
                when=at(refused, now_ms, tz)
            )
            if refused is not None
            else QCoreApplication.translate("glance", "At least")
        )
    elif kind == "from_plan":
        label = QCoreApplication.translate("glance", "From the plan's answer")
        hint = QCoreApplication.translate("glance", FROM_PLAN_HINT)
    elif kind == "official" and estimate.calibration is not None:
        label = QCoreApplication.translate("glance", "From the plan, {age}").format(
            age=relative(estimate.calibration.time_ms, now_ms, tz)
        )
    else:
        label = QCoreApplication.translate("glance", "Counted")
    if estimate.stale_reading_ms is not None:
        hint += "\n" + QCoreApplication.translate("glance", STALE_HINT).format(
            when=at(estimate.stale_reading_ms, now_ms, tz)
        )
    return label, hint


def sources_line(estimate: WindowEstimate) -> str:
    return join(
        f"{texts.source_name(s)} {texts.number(n)}"
        for s, n in sorted(estimate.sources.items())
        if n
    )


# --- set-up --------------------------------------------------------------------------------


def setup_needs(tier: Tier | None, key: KeyStatus | None) -> list[str]:
    """What is missing before the numbers can say what is left: "tier", "key". A keyring
    not yet asked, or one that cannot be read, is not taken as a missing key."""
    needs = []
    if tier is None:
        needs.append("tier")
    if key is not None and key.usable and not key.stored:
        needs.append("key")
    return needs


def why_no_test(key: KeyStatus | None) -> str:
    """Why Test connection cannot be used now ("" when it can): it sends the stored key."""
    if key is None:  # not asked yet: the dialog itself says what it finds
        return ""
    if not key.usable:
        return QCoreApplication.translate(
            "glance", "The system keyring cannot be used: see the Key tab."
        )
    if not key.stored:
        return QCoreApplication.translate(
            "glance", "Store your key first: the test sends it to the plan."
        )
    return ""


def why_no_calibration(tier: Tier | None) -> str:
    """Why Calibrate cannot be used now ("" when it can): a reading is checked against the
    plan's limits, and carried on as a share of them."""
    if tier is None:
        return QCoreApplication.translate(
            "glance", "Choose your plan first: a reading is checked against its limits."
        )
    return ""


def setup_line(needs: list[str]) -> str:
    """ "Set-up needed: choose your plan, store your key"."""
    steps = {
        "tier": QCoreApplication.translate("glance", "choose your plan"),
        "key": QCoreApplication.translate("glance", "store your key"),
    }
    return QCoreApplication.translate("glance", "Set-up needed: {steps}").format(
        steps=join(steps[n] for n in needs)
    )


# --- the whole snapshot ------------------------------------------------------------------------


def window_line(
    window: str,
    snapshot: Snapshot,
    setup_needed: bool = False,
    sure: bool = False,
    runs_out: bool = False,
    shown: Shown = Shown.LEFT,
) -> str:
    """One window in a line: name, what is left (or used, as ``shown`` says), when more
    comes back (and how sure); with ``runs_out``, when it runs out at the recent rate if it
    does before it frees up."""
    estimate = snapshot.windows[window]
    if window in snapshot.counting:
        return QCoreApplication.translate("glance", "{window}: {state}").format(
            window=texts.window_name(window), state=counting_line()
        )
    when_back = when_line(estimate, snapshot.now_ms, snapshot.tz, setup_needed)
    # A used-up window's line starts with "Used up" itself.
    parts = (
        [when_back]
        if used_up(estimate) and not setup_needed
        else [figure_line(estimate, setup_needed, shown), when_back]
    )
    if runs_out and not setup_needed:
        parts.append(runs_out_line(snapshot, window))
    if sure:
        parts.append(confidence(estimate, snapshot.now_ms, snapshot.tz)[0])
    return QCoreApplication.translate("glance", "{window}: {state}").format(
        window=texts.window_name(window), state=" · ".join(p for p in parts if p)
    )


def resume_all_ms(snapshot: Snapshot) -> int | None:
    """When every used-up window takes calls again (None if none is used up or a time is
    not known)."""
    times = [e.resume_ms for e in snapshot.windows.values() if used_up(e)]
    if not times or any(t is None for t in times):
        return None
    return max(t for t in times if t is not None)


def _forecast_name(window: str) -> str:
    names: dict[str, str] = {
        Window.FIVE_HOURS: QCoreApplication.translate("glance", "the 5-hour window"),
        Window.WEEK: QCoreApplication.translate("glance", "this week's quota"),
        Window.MONTH: QCoreApplication.translate("glance", "this month's quota"),
    }
    return names[window]


def counting_line() -> str:
    """What a window whose older records are still being read shows instead of a figure."""
    return QCoreApplication.translate("glance", "Counting: older records are still being read")


def forecast_line(snapshot: Snapshot) -> str:
    """The forecast in a sentence. A used-up window is said to be used up, with when work
    can resume, never that it "will run out"."""
    now, tz = snapshot.now_ms, snapshot.tz
    if snapshot.counting:  # a forecast needs every window's count
        return QCoreApplication.translate(
            "glance", "The forecast follows once every record is read."
        )
    done = [w for w, e in snapshot.windows.items() if used_up(e)]
    if done:
        names = join(_forecast_name(w) for w in done)
        resume = resume_all_ms(snapshot)
        if resume is None:
            return QCoreApplication.translate("glance", "Used up: {windows}.").format(windows=names)
        return QCoreApplication.translate(
            "glance", "Used up: {windows}. Work can resume {when}."
        ).format(windows=names, when=when(resume, now, tz))
    forecast = snapshot.forecast
    if forecast.binding is None:
        return QCoreApplication.translate(
            "glance", "At the recent rate, no window runs out before it frees up again."
        )
    binding = forecast.windows[forecast.binding]
    assert binding.runs_out_ms is not None  # the binding window is one that runs out
    # Which rate: the recent one each window is measured with (usage/forecast.py), named
    # for the span that weighs most, beside the cards' pace against an even spread.
    rates: dict[str, str] = {
        Window.FIVE_HOURS: QCoreApplication.translate(
            "glance", "At the last hour's rate ({rate} requests an hour), {window} runs out {when}."
        ),
        Window.WEEK: QCoreApplication.translate(
            "glance", "At the last day's rate ({rate} requests an hour), {window} runs out {when}."
        ),
        Window.MONTH: QCoreApplication.translate(
            "glance",
            "At the last week's rate ({rate} requests an hour), {window} runs out {when}.",
        ),
    }
    return rates[forecast.binding].format(
        rate=texts.number(round(binding.rate_per_hour)),
        window=_forecast_name(forecast.binding),
        when=when(binding.runs_out_ms, now, tz),
    )
