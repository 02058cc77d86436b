"""One short line for shell prompts, tmux and Claude Code's status line (``usage --line``).

    5h 5188/6000 left ↻04:16 · wk 80% left · mo 92% left
    5h used up · back 04:16 (1 h 12 min) · wk 59% left · mo 83% left
    5h 812 used · wk 9012 used · mo 20100 used · no plan chosen

The window with the least left comes first, with its count and when the next request
comes back (or, used up, when a request is possible again and how long until then); the
others show their share. The setting ``show`` decides, as for the tray, whether the figures
count what is left (as above) or what is used ("5h 812/6000 ↻04:16 · wk 20% · mo 8%").
With no plan chosen there are no limits: the counts used alone. A figure carried on from
the plan's own console reading ends with its age ("· plan 2 min ago").

It runs on every prompt, so it stays in the tens of milliseconds: it reads the ledger as
the last refresh left it (the desktop app keeps it current while it runs), never the
tools' records, and imports neither the tools nor Qt. When one of the files the ledger
saw change last has changed again (or a file was added beside it), or there is no ledger
yet, it starts ``codingplan usage`` in the background, at most once every
``REFRESH_EVERY_S``, so that a later prompt shows the new requests. Its few words follow
the app's language; the Chinese comes from the built catalogue (``codingplan.catalogue``),
read without Qt.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from codingplan.i18n import QT_TRANSLATE_NOOP, fill
from codingplan.plan import WINDOWS, Window
from codingplan.shown import Shown, share_left, share_shown, whole_percent

if TYPE_CHECKING:
    from codingplan.settings import Settings
    from codingplan.usage.estimate import WindowEstimate
    from codingplan.usage.ledger import Ledger

NAMES: dict[str, str] = {
    Window.FIVE_HOURS: QT_TRANSLATE_NOOP("usage", "5h"),
    Window.WEEK: QT_TRANSLATE_NOOP("usage", "wk"),
    Window.MONTH: QT_TRANSLATE_NOOP("usage", "mo"),
}
USED_UP = QT_TRANSLATE_NOOP("usage", "used up")
BACK = QT_TRANSLATE_NOOP("usage", "back {time} ({in})")
LEFT_OF = QT_TRANSLATE_NOOP("usage", "{left}/{limit} left")
PERCENT_LEFT = QT_TRANSLATE_NOOP("usage", "{percent}% left")
COUNT_USED = QT_TRANSLATE_NOOP("usage", "{count} used")
MINUTES = QT_TRANSLATE_NOOP("usage", "{minutes} min")
HOURS = QT_TRANSLATE_NOOP("usage", "{hours} h")
HOURS_MINUTES = QT_TRANSLATE_NOOP("usage", "{hours} h {minutes} min")
# The app's words for the same state (its dashboard and ``codingplan usage``).
NO_TIER = QT_TRANSLATE_NOOP("usage", "no plan chosen")
NO_LEDGER = QT_TRANSLATE_NOOP("usage", "no usage recorded yet")
UNAVAILABLE = QT_TRANSLATE_NOOP("usage", "usage unavailable")
FROM_PLAN = QT_TRANSLATE_NOOP("usage", "plan {age} ago")
DAYS = QT_TRANSLATE_NOOP("usage", "{days} d")
WEEKDAYS = (
    QT_TRANSLATE_NOOP("usage", "Mon"),
    QT_TRANSLATE_NOOP("usage", "Tue"),
    QT_TRANSLATE_NOOP("usage", "Wed"),
    QT_TRANSLATE_NOOP("usage", "Thu"),
    QT_TRANSLATE_NOOP("usage", "Fri"),
    QT_TRANSLATE_NOOP("usage", "Sat"),
    QT_TRANSLATE_NOOP("usage", "Sun"),
)
SEPARATOR = " · "
ORDER = WINDOWS
REFRESH_EVERY_S = 10.0
# The files the ledger saw change last: if one of them changed again, the tools wrote.
RECENT_FILES = 8
Words = Callable[[str], str]


def language(setting: str, environ: Mapping[str, str] | None = None) -> str:
    """The language to show, as the app picks it: the setting, or for "system" Chinese
    where the locale is Chinese (the variables a shell sets, else the system's)."""
    if setting in ("en", "zh_CN"):
        return setting
    environ = os.environ if environ is None else environ
    found = next((environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(v)), "")
    if not found and sys.platform in ("win32", "darwin"):
        import locale

        found = locale.getlocale()[0] or ""
    return "zh_CN" if found.lower().startswith(("zh", "chinese")) else "en"


def words_for(lang: str, folder: Path | None = None) -> Words:
    """The line's words in ``lang`` (English when the catalogue lacks them)."""
    if lang == "en":
        return lambda text: text
    from codingplan import catalogue

    table = catalogue.load(lang, "usage", folder)
    return lambda text: table.get(text) or text


def render(
    windows: Mapping[str, WindowEstimate],
    now_ms: int,
    words: Words,
    tz: tzinfo | None = None,
    shown: Shown = Shown.LEFT,
) -> str:
    """The line for these windows as of ``now_ms``, times in ``tz`` (default: local),
    counting what is ``shown`` (used or left)."""
    limited = [w for w in ORDER if windows[w].limit is not None]
    if not limited:
        parts = [f"{words(NAMES[w])} {_used(windows[w].used, words, shown)}" for w in ORDER]
        return SEPARATOR.join([*parts, words(NO_TIER)])
    # The least left first; a window counted but not limited (none today) goes last.
    order = sorted(limited, key=lambda w: (_left(windows[w]), ORDER.index(w)))
    order += [w for w in ORDER if w not in order]
    first = windows[order[0]]
    parts = [_tightest(first, now_ms, words, tz, shown)]
    for window in order[1:]:
        estimate = windows[window]
        name = words(NAMES[window])
        if estimate.limit is None:
            parts.append(f"{name} {_used(estimate.used, words, shown)}")
        else:
            parts.append(f"{name} {_percent(estimate, words, shown)}")
    readings = [w.calibration for w in windows.values() if w.confidence == "official"]
    if readings:
        newest = max(r.time_ms for r in readings if r is not None)
        parts.append(fill(words(FROM_PLAN), {"age": age(now_ms - newest, words)}))
    return SEPARATOR.join(parts)


def age(span_ms: int, words: Words) -> str:
    """A reading's age, short: ``2 min``, ``3 h``, ``2 d``."""
    minutes = max(0, span_ms) // 60_000
    if minutes < 60:
        return fill(words(MINUTES), {"minutes": minutes})
    if minutes < 48 * 60:
        return fill(words(HOURS), {"hours": minutes // 60})
    return fill(words(DAYS), {"days": minutes // 1440})


def _used(count: int, words: Words, shown: Shown) -> str:
    """A bare count of requests used; said to be used where the line otherwise counts what
    is left."""
    return fill(words(COUNT_USED), {"count": count}) if shown is Shown.LEFT else str(count)


def _left(estimate: WindowEstimate) -> float:
    return (estimate.remaining or 0) / max(1, estimate.limit or 1)


def _percent(estimate: WindowEstimate, words: Words, shown: Shown) -> str:
    """The share shown, by the one rule of the tray's chip: never 0 while something is
    there, nor 100 while something is missing."""
    left = share_left(estimate.remaining or 0, estimate.limit or 1)
    value = whole_percent(share_shown(left, shown))
    if shown is Shown.LEFT:
        return fill(words(PERCENT_LEFT), {"percent": value})
    return f"{value}%"


def _tightest(
    estimate: WindowEstimate, now_ms: int, words: Words, tz: tzinfo | None, shown: Shown
) -> str:
    name = words(NAMES[estimate.window])
    if estimate.remaining == 0:
        back = estimate.resume_ms
        used_up = f"{name} {words(USED_UP)}"
        if back is None or back <= now_ms:
            return used_up
        when = {"time": _clock(back, now_ms, words, tz), "in": duration(back - now_ms, words)}
        return used_up + SEPARATOR + fill(words(BACK), when)
    if shown is Shown.LEFT:
        count = fill(words(LEFT_OF), {"left": estimate.remaining, "limit": estimate.limit})
        text = f"{name} {count}"
    else:
        text = f"{name} {estimate.used}/{estimate.limit}"
    turn = _turns_at(estimate)
    if turn is not None and turn > now_ms:
        text += f" ↻{_clock(turn, now_ms, words, tz)}"
    return text


def duration(ms: int, words: Words) -> str:
    """How long until then, rounded up to the minute as the app says it: "45 min", "1 h",
    "1 h 12 min"."""
    minutes = max(1, -(-ms // 60_000))
    if minutes < 60:
        return fill(words(MINUTES), {"minutes": minutes})
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return fill(words(HOURS), {"hours": hours})
    return fill(words(HOURS_MINUTES), {"hours": hours, "minutes": rest})


def _turns_at(estimate: WindowEstimate) -> int | None:
    """When the window next gives requests back: the 5 hours' next release, else a reset."""
    if estimate.window == Window.FIVE_HOURS:
        return estimate.next_release_ms
    if estimate.plan_reset_ms is not None:
        return estimate.plan_reset_ms
    return estimate.period.end_ms if estimate.period else None


def _clock(ms: int, now_ms: int, words: Words, tz: tzinfo | None) -> str:
    """``04:16`` today, ``Tue 04:16`` within the week, ``12-24`` beyond."""
    from codingplan.usage.windows import moment

    at, now = moment(ms, tz), moment(now_ms, tz)
    if at.date() == now.date():
        return at.strftime("%H:%M")
    if at.date() - now.date() < timedelta(days=7):
        return f"{words(WEEKDAYS[at.weekday()])} {at.strftime('%H:%M')}"
    return at.strftime("%m-%d")


# --- the command ------------------------------------------------------------------------------


def line(settings: Settings, path: Path, now: datetime, tz: tzinfo | None = None) -> str:
    """The line for the ledger at ``path`` as of ``now``, in the settings' language."""
    words = words_for(language(settings.language))
    if not path.exists():
        # Never counted here (the app never opened): count once in the background, so
        # that a later prompt has a figure.
        from codingplan.paths import private_dir

        private_dir(path.parent)
        refresh_in_background(path.parent / "line-refresh")
        return f"codingplan: {words(NO_LEDGER)}"
    from codingplan.usage.estimate import estimate_windows, tier_changes
    from codingplan.usage.ledger import Ledger, LedgerDamaged, LedgerUnusable
    from codingplan.usage.windows import to_ms

    now_ms = to_ms(now)
    try:
        ledger = Ledger(path)
    except (LedgerDamaged, LedgerUnusable):
        return f"codingplan: {words(UNAVAILABLE)}"
    try:
        changes = tier_changes(settings, now_ms)
        windows = estimate_windows(ledger, settings.tier, settings.subscription_day, now, changes)
        stale = changed_since(ledger)
    finally:
        ledger.close()
    if stale:
        refresh_in_background(path.parent / "line-refresh")
    return render(windows, now_ms, words, tz, settings.show)


def main(as_json: bool) -> int:
    """``codingplan usage --line``: print the line for this computer's ledger, now. A
    prompt shows whatever this prints, so every failure is a short line too."""
    from codingplan import paths
    from codingplan import settings as settings_mod
    from codingplan.usage.ledger import LEDGER_NAME

    code = 0
    try:
        text = line(settings_mod.load().settings, paths.data_dir() / LEDGER_NAME, datetime.now(UTC))
    except Exception:  # a prompt must get a line, not a traceback
        text, code = f"codingplan: {UNAVAILABLE}", 1
    if as_json:
        import json

        print(json.dumps({"ok": code == 0, "line": text}, ensure_ascii=False))
    else:
        print(text)
    return code


def changed_since(ledger: Ledger) -> bool:
    """Whether the tools wrote since the ledger was refreshed, as far as a glance at the
    files it saw change last tells: one of them changed, or an entry was added beside it."""
    rows = ledger.db.execute(
        "SELECT path, dev, ino, size, mtime_ns FROM files ORDER BY mtime_ns DESC LIMIT ?",
        (RECENT_FILES,),
    ).fetchall()
    newest: dict[str, int] = {}
    for path, dev, ino, size, mtime_ns in rows:
        try:
            st = os.stat(path)
        except OSError:
            return True
        if (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) != (dev, ino, size, mtime_ns):
            return True
        folder = os.path.dirname(path)
        newest[folder] = max(newest.get(folder, mtime_ns), mtime_ns)
    for folder, latest in newest.items():
        try:
            if os.stat(folder).st_mtime_ns > latest:
                return True
        except OSError:
            return True
    return False


def refresh_in_background(marker: Path) -> bool:
    """Start ``codingplan usage`` on its own, unless one started in the last
    ``REFRESH_EVERY_S``; returns whether it did. Its output goes nowhere: the ledger is
    what it leaves."""
    try:
        if time.time() - marker.stat().st_mtime < REFRESH_EVERY_S:
            return False
    except OSError:
        pass
    try:
        marker.touch()
    except OSError:
        return False
    import subprocess

    # This very install, not the tools' launcher: that one exists only once a tool is set up.
    from codingplan.launcher import installed_argv

    # On its own: it outlives this command, and a prompt's Ctrl-C does not reach it.
    flags = getattr(subprocess, "DETACHED_PROCESS", 0) | getattr(
        subprocess, "CREATE_NEW_PROCESS_GROUP", 0
    )
    try:
        subprocess.Popen(
            [*installed_argv(), "usage", "--json"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=sys.platform != "win32",
            creationflags=flags,
        )
    except OSError:
        return False
    return True
