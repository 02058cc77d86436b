"""``codingplan usage``: how much of each window is left (once, or again at each change), and
``usage calibrate``: a reading of the plan's console for the estimate to carry on from.

``usage --line`` is told apart before this module loads (``codingplan.launch``); here it only
passes through. Nothing of the tools' setup (adapters, change sets, actions) is loaded by a
plain ``usage``: ``tests/unit/test_architecture.py`` holds it.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from codingplan.cli.common import endpoints, load_settings, moment
from codingplan.cli.output import EXIT_OK, Output
from codingplan.cli.parser import Builder, Parser
from codingplan.plan import WINDOWS, Window

if TYPE_CHECKING:
    from codingplan.settings import Settings
    from codingplan.usage import ScanReport, Snapshot, Tracker

_WINDOW_NAMES = {Window.FIVE_HOURS: "5 hours", Window.WEEK: "week", Window.MONTH: "month"}
_QUOTA_NAMES = {Window.FIVE_HOURS: "5-hour", Window.WEEK: "weekly", Window.MONTH: "monthly"}


def _tracker(args: argparse.Namespace, settings: Settings, out: Output) -> Tracker:
    from codingplan import quota

    tracker = quota.open_tracker(settings, endpoints(args, settings))
    out.tell(tracker.notices)
    return tracker


def cmd_usage(args: argparse.Namespace, out: Output) -> int:
    from codingplan.errors import CodingPlanError

    if args.line:
        from codingplan.usage.line import main as line_main

        return line_main(out.as_json)
    settings = load_settings(out)
    with _tracker(args, settings, out) as tracker:
        try:
            report = _refresh(tracker, settings, args.window)
        except CodingPlanError as err:
            if err.code != "ledger_busy":
                raise
            # Another program holds the ledger: what it holds already is still worth showing.
            out.notice(err.one_line())
        else:
            for path, error in report.errors.items():
                out.notice(f"could not read {path}: {error}")
        if not args.watch:
            snapshot = _snapshot(tracker, settings)
            data = _data(snapshot, args.window)
            out.result(data, lambda: _format_usage(snapshot, args.window))
            return EXIT_OK
        return _watch_usage(tracker, settings, out, args.window)


def _refresh(tracker: Tracker, settings: Settings, window: str | None) -> ScanReport:
    """Read what is new; for one window, only the files written since it began."""
    if window is None:
        return tracker.refresh()
    return tracker.refresh(since_ms=tracker.window_starts(settings)[window])


def _data(snapshot: Snapshot, window: str | None) -> dict:  # type: ignore[type-arg]
    """The JSON of ``usage``: every window, or the one asked for alone (the others are not
    counted whole: their older files were not read)."""
    data = {"ok": True, **snapshot.to_dict()}
    if window is not None:
        data["windows"] = {window: data["windows"][window]}
        data["forecast"]["windows"] = {
            w: f for w, f in data["forecast"]["windows"].items() if w == window
        }
        if data["forecast"]["binding"] != window:
            data["forecast"]["binding"] = None
        # A month's count per tool needs the month's files.
        if window != Window.MONTH:
            for source in data["sources"]:
                source["requests"] = None
    return data


def _snapshot(tracker: Tracker, settings: Settings) -> Snapshot:
    """The estimate now, after reading the plan's console when one is due (logged in, and
    nothing read for 5 minutes). A console that cannot be read is a notice, never a failure."""
    import time

    from codingplan import quota

    now_ms = int(time.time() * 1000)
    fault = None
    if quota.console_read_due(tracker, now_ms):
        fault = quota.read_console(tracker, settings, now_ms)
    snapshot = tracker.snapshot(settings)
    if fault is not None:
        snapshot.notices.append(fault.one_line())
    return snapshot


def _watch_usage(tracker: Tracker, settings: Settings, out: Output, window: str | None) -> int:
    """Print the estimate, then again each time it changes, until interrupted."""
    import threading

    from codingplan.usage import Watcher

    wake = threading.Event()
    shown = None
    with Watcher(tracker.roots, wake.set):
        while True:
            snapshot = _snapshot(tracker, settings)
            data = _data(snapshot, window)
            comparable = {k: v for k, v in data.items() if k not in ("now", "forecast")}
            if comparable != shown:
                shown = comparable

                # A def, not a lambda: mypy cannot infer a lambda with defaults here.
                def text(s: Snapshot = snapshot) -> str:
                    return _format_usage(s, window) + "\n"

                out.result(data, text)
                sys.stdout.flush()
            # Also wake for the next 5-hour return, which changes the numbers by itself.
            wake.wait(_seconds_to_next_change(snapshot))
            wake.clear()
            _refresh(tracker, settings, window)


def _seconds_to_next_change(snapshot: Snapshot) -> float:
    next_ms = snapshot.windows[Window.FIVE_HOURS].next_release_ms
    if next_ms is None:
        return 60.0
    return min(60.0, max(1.0, (next_ms - snapshot.now_ms) / 1000 + 0.5))


def cmd_usage_calibrate(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions

    settings = load_settings(out)
    tier = settings.tier
    reading = actions.Reading(Window(args.window), args.used, args.total)
    problem = actions.reading_problem(reading, tier)
    if problem is not None:  # before the ledger is opened
        raise problem
    at = moment(args.at, "--at") if args.at else None
    with _tracker(args, settings, out) as tracker:
        tracker.refresh()
        actions.calibrate(tracker, [reading], tier, at, settings)
        snapshot = tracker.snapshot(settings)
    window = snapshot.to_dict()["windows"][args.window]
    total = (
        args.total if args.total is not None else (tier.info.limit(args.window) if tier else None)
    )
    of = f" of {total:,}" if total is not None else ""
    when = f"at {_at(at.isoformat(), snapshot)}" if at else "now"
    text = f"Noted: {_WINDOW_NAMES[args.window]} {args.used:,}{of} used {when}."
    if window["remaining"] is not None:
        text += f" Estimate: {window['remaining']:,} left."
    out.result(
        {
            "ok": True,
            "window": args.window,
            "used": args.used,
            "total": args.total,
            "estimate": window,
        },
        text,
    )
    return EXIT_OK


def cmd_usage_dismiss(args: argparse.Namespace, out: Output) -> int:
    from codingplan import actions

    settings = load_settings(out)
    with _tracker(args, settings, out) as tracker:
        tracker.refresh()
        result = actions.dismiss_answers(tracker)
    if result.origins:
        text = (
            f"Set aside {result.answers:,} 'quota exceeded' answer(s) from "
            f"{', '.join(result.origins)}: they no longer correct the estimate."
        )
    else:
        text = "No 'quota exceeded' answer came through another address than the one in use."
    out.result({"ok": True, "dismissed": result.answers, "origins": list(result.origins)}, text)
    return EXIT_OK


def _ms(iso: str) -> int:
    from datetime import datetime

    return round(datetime.fromisoformat(iso).timestamp() * 1000)


def _when(iso: str, snapshot: Snapshot) -> str:
    """A time of the snapshot in the app's words: "in 12 min · today 13:00", "Mon 7 Dec
    00:00 · in 6 days" (``--json`` keeps ISO 8601)."""
    from codingplan import wording

    return wording.when(_ms(iso), snapshot.now_ms, snapshot.tz)


def _at(iso: str, snapshot: Snapshot) -> str:
    from codingplan import wording

    return wording.at(_ms(iso), snapshot.now_ms, snapshot.tz)


def _format_usage(snapshot: Snapshot, only: str | None = None) -> str:
    data = _data(snapshot, only)
    where = "these computers'" if data["machines"] else "this computer's"
    plan = f"{snapshot.tier.label} plan" if snapshot.tier else "No plan chosen"
    official = any("official" in w for w in data["windows"].values())
    source = "the plan's console and " if official else "estimated from "
    lines = [f"{plan}, {source}{where} records"]
    for window, w in data["windows"].items():
        lines.append(_window_line(window, w, snapshot))
        lines.extend(f"         {note}" for note in w.get("notes", []))
    forecast = data["forecast"]
    if only is not None:
        pass  # one window: a forecast and the month's tallies would need the others
    elif forecast["binding"]:
        at = forecast["windows"][forecast["binding"]]["runs_out_at"]
        name = _QUOTA_NAMES[forecast["binding"]]
        runs_out_ms = snapshot.forecast.windows[forecast["binding"]].runs_out_ms
        assert runs_out_ms is not None  # the binding window is one that runs out
        if runs_out_ms <= snapshot.now_ms:
            lines.append(f"The {name} quota is used up.")
        else:
            lines.append(f"At this pace the {name} quota runs out {_when(at, snapshot)}.")
    else:
        lines.append("At this pace no quota runs out before it resets.")
    fed = [f"{s['id']} {s['requests']:,}" for s in data["sources"] if s["requests"]]
    if only is None or only == Window.MONTH:
        lines.append("This month: " + (", ".join(fed) if fed else "no requests recorded"))
    blind = [f"{s['id']}: {s['unseen']}" for s in data["sources"] if s["unseen"] and s["files"]]
    if blind:
        lines.append("Not in the tools' records, so not counted: " + "; ".join(blind))
    if data["machines"]:
        shown = [
            f"{m['label']} {m['requests']:,}" + (" (silent for days)" if m["silent"] else "")
            for m in data["machines"]
        ]
        lines.append("By computer: " + ", ".join(shown))
    lines += [f"Note: {n}" for n in data["notices"]]
    if snapshot.tier is None:
        lines.append(
            "The tier is unset, so nothing is shown as left: "
            "run 'codingplan settings set tier lite' (or pro)."
        )
    return "\n".join(lines)


def _window_line(window: str, w: dict, snapshot: Snapshot) -> str:  # type: ignore[type-arg]
    how = w["confidence"].replace("_", " ")
    if w.get("official"):
        how = f"from the plan, {_age(w['official']['age_minutes'])} ago"
    elif w.get("calibration"):
        how += f", read {_age(w['calibration']['age_minutes'])} ago"
    name = _WINDOW_NAMES[Window(window)]
    if w["limit"] is None:
        line = f"{name:<8} {w['used']:>7,} used  ({how}; no plan chosen)"
    else:
        line = (
            f"{name:<8} {w['used']:>7,} of {w['limit']:>6,} used  "
            f"{w['remaining']:>7,} left  ({how})"
        )
    if window == Window.FIVE_HOURS and w.get("resume_at"):
        line += f"  used up: a call is possible again {_when(w['resume_at'], snapshot)}"
    elif window == Window.FIVE_HOURS and w["releases"]:
        first, last = w["releases"][0], w["releases"][-1]
        line += (
            f"  +{first['count']:,} back {_when(first['at'], snapshot)},"
            f" all back by {_at(last['at'], snapshot)}"
        )
    elif window != Window.FIVE_HOURS:
        line += f"  resets {_when(w['resets_at'], snapshot)}"
    return line


def _age(minutes: int) -> str:
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h {minutes % 60} min"
    return f"{minutes // 1440} days"


def _add_usage(parser: Parser, common: Parser) -> None:
    parser.description = (
        "Without an ACTION: how much of each window (5h, week, month) is left, "
        "estimated from the coding tools' own records."
    )
    parser.add_argument("--watch", action="store_true", help="print again whenever it changes")
    parser.add_argument(
        "--window",
        choices=WINDOWS,
        help="that window alone (%(choices)s), reading only the records written since it "
        "began: quick on a long history",
    )
    parser.add_argument(
        "--line",
        action="store_true",
        help="one short line from the ledger, for a shell prompt or a status bar",
    )
    parser.set_defaults(handler=cmd_usage)
    actions = parser.add_subparsers(dest="usage_command", metavar="ACTION")
    calibrate = actions.add_parser(
        "calibrate",
        help="'calibrate WINDOW USED [--total N]': enter what the plan's console shows for "
        "5h, week or month now",
        parents=[common],
    )
    calibrate.add_argument("window", choices=WINDOWS, metavar="WINDOW", help="%(choices)s")
    calibrate.add_argument(
        "used", type=int, metavar="USED", help="the requests the console shows as used"
    )
    calibrate.add_argument(
        "--total",
        type=int,
        metavar="N",
        help="the total the console shows (default: your tier's limit for the window, if set)",
    )
    calibrate.add_argument(
        "--at",
        metavar="TIME",
        help="when the console showed it, as ISO 8601 with its zone (default: now)",
    )
    calibrate.set_defaults(handler=cmd_usage_calibrate)
    dismiss = actions.add_parser(
        "dismiss",
        help="set aside the 'quota exceeded' answers that came through another address than "
        "the one in use (a test server, say)",
        parents=[common],
    )
    dismiss.set_defaults(handler=cmd_usage_dismiss)


BUILDERS: dict[str, Builder] = {"usage": _add_usage}
