"""Random histories of a plan shared by two computers and calls nothing records, played
against the reference rules, and written as the records the app reads.

A history is a few *bursts*: a tool on this computer ("here", its records read directly),
on the other computer ("there", read through the shared folder) or somewhere nothing
records ("hidden") makes up to some number of calls, in groups a few minutes apart, and
stops at the first one the plan refuses. The person may read the console for
a window at some moments (``readings``). Every call and reading falls on a whole minute
(plus 15 s for a reading) and ``now`` 30 s past one, so that nothing sits within seconds of
a 5-hour edge: a command whose clock moved a little still sees the same history.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import strategies as st

from tests.reference.quota_rules import (
    LIMITS,
    MINUTE,
    Evidence,
    Plan,
    moment,
    ms_of,
    week_start,
)

PLAN_ORIGIN = "https://coding-intl.dashscope.aliyuncs.com"
MODEL = "qwen3-coder-plus"
# Calls of a burst are made in groups at this many successive minutes.
GROUPS = 10


@dataclass(frozen=True)
class Burst:
    minutes_before: int  # its first call, before now
    calls: int
    who: str  # "here", "there" or "hidden"
    tool: str = "app"  # how "here" and "there" record it: "app" (test requests) or "claude"
    spread: int = 1  # minutes between its groups of calls


@dataclass
class Scenario:
    tier: str
    day: int
    now: int  # UTC ms
    bursts: list[Burst]
    readings: list[tuple[str, int]]  # (window, minutes before now)

    def call_times(self, burst: Burst) -> list[int]:
        first = self.now - 30_000 - burst.minutes_before * MINUTE
        return [first + (i % GROUPS) * burst.spread * MINUTE for i in range(burst.calls)]


@dataclass
class Played:
    """A scenario played: the plan, what the app can see, and each computer's records:
    (burst, time, outcome) per call made."""

    plan: Plan
    evidence: Evidence
    records: dict[str, list[tuple[Burst, int, str]]] = field(default_factory=dict)
    readings: list[tuple[str, int, int]] = field(default_factory=list)
    readings_kept: list[tuple[str, int, int]] = field(default_factory=list)  # taken by the app
    hidden_after: list[int] = field(default_factory=list)  # hidden calls' times, counted


def play(scenario: Scenario) -> Played:
    plan = Plan(scenario.tier, scenario.day)
    played = Played(plan, Evidence(scenario.tier, scenario.day), {"here": [], "there": []})
    calls = sorted(
        (t, n, i)
        for n, burst in enumerate(scenario.bursts)
        for i, t in enumerate(scenario.call_times(burst))
        if t <= scenario.now
    )
    stopped: set[int] = set()
    for t, n, _ in calls:
        if n in stopped:
            continue
        burst = scenario.bursts[n]
        outcome = plan.ask(t)
        if outcome != "ok":
            stopped.add(n)
        if burst.who == "hidden":
            if outcome == "ok":
                played.hidden_after.append(t)
            continue
        played.records[burst.who].append((burst, t, outcome))
        if outcome == "ok":
            played.evidence.seen.append(t)
        else:
            played.evidence.refusals.append((outcome.removeprefix("quota_"), t))
    for window, minutes in scenario.readings:
        at = scenario.now - 15_000 - minutes * MINUTE
        reading = (window, at, plan.truth(window, at))
        played.readings.append(reading)
    played.readings_kept = list(played.readings)
    return played


# --- the records the app reads -------------------------------------------------------------


def _stamp(t: int) -> str:
    return moment(t).astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _app_line(t: int, outcome: str) -> str:
    status = 200 if outcome == "ok" else 429
    record = {"id": str(uuid.uuid4()), "time": _stamp(t), "protocol": "openai", "model": MODEL,
              "origin": PLAN_ORIGIN, "status": status, "category": outcome}  # fmt: skip
    return json.dumps(record) + "\n"


_QUOTA_WORDS = {"5h": "hour", "week": "week", "month": "month"}


def _claude_lines(session: str, t: int, outcome: str) -> str:
    """Claude Code's transcript lines for one call: its api-request, then its answer, or for
    a refusal the error line (as Claude Code 2.1 writes them)."""
    request = str(uuid.uuid4())
    lines = {"type": "api-request", "sessionId": session, "id": request,
             "timestamp": _stamp(t), "params": {"model": MODEL}}  # fmt: skip
    text = json.dumps(lines, separators=(",", ":")) + "\n"
    if outcome == "ok":
        answer = {"parentUuid": None, "message": {"id": f"msg_{request}", "model": MODEL,
                  "role": "assistant", "content": [{"type": "text", "text": "pong"}]},
                  "requestRef": request, "type": "assistant", "sessionId": session,
                  "timestamp": _stamp(t + 5)}  # fmt: skip
        text += json.dumps(answer, separators=(",", ":")) + "\n"
    else:
        words = _QUOTA_WORDS[outcome.removeprefix("quota_")]
        message = json.dumps({"error": {"message": f"{words} allocated quota exceeded"}})
        error = {"type": "system", "subtype": "api_error", "timestamp": _stamp(t + 5),
                 "error": {"message": f"429 {message}", "status": 429}}  # fmt: skip
        text += json.dumps(error, separators=(",", ":")) + "\n"
    return text


def write_records(home: Path, records: list[tuple[Burst, int, str]]) -> None:
    """One computer's records under ``home``: its test requests and Claude Code sessions."""
    app = home / ".local/share/codingplan/test-requests.jsonl"
    app.parent.mkdir(parents=True, exist_ok=True)
    sessions: dict[Burst, list[str]] = {}
    with app.open("a") as out:
        for burst, t, outcome in records:
            if burst.tool == "app":
                out.write(_app_line(t, outcome))
            else:
                sessions.setdefault(burst, []).append(_claude_lines(str(id(burst)), t, outcome))
    for n, lines in enumerate(sessions.values()):
        path = home / ".claude/projects/work" / f"session-{n}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(lines))


def write_settings(home: Path, scenario: Scenario, folder: Path) -> None:
    settings = {"schema_version": 1, "tier": scenario.tier, "subscription_day": scenario.day,
                "share_folder": str(folder)}  # fmt: skip
    path = home / ".config/codingplan/settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings))


# --- random ones ---------------------------------------------------------------------------


def recent_monday() -> int:
    """A Monday 00:00 UTC+8 between 2 and 9 days ago: histories end near it, and stay in
    the span the app accepts records and shares them."""
    return week_start(ms_of(datetime.now(UTC) - timedelta(days=2)))


@st.composite
def scenarios(draw: st.DrawFn, max_bursts: int = 6, tools: tuple[str, ...] = ("app",)) -> Scenario:
    tier = draw(st.sampled_from(["lite", "lite", "lite", "pro"]))
    monday = recent_monday()
    # Now: from 8 hours before a Monday's turn to 30 hours after it, 30 s past a minute.
    now = monday + draw(st.integers(-8 * 60, 30 * 60)) * MINUTE + 30_000
    near = moment(now)
    day = draw(st.one_of(st.integers(1, 31), st.sampled_from([near.day, (near.day % 28) + 1])))
    big = LIMITS[tier]["5h"]
    burst = st.builds(
        Burst,
        minutes_before=st.one_of(
            st.integers(0, 6 * 60), st.integers(0, 9 * 24 * 60), st.sampled_from([300, 301, 299])
        ),
        calls=st.one_of(st.integers(1, 40), st.integers(big - 50, big + 60)),
        who=st.sampled_from(["here", "there", "hidden"]),
        tool=st.sampled_from(tools),
        spread=st.sampled_from([1, 1, 7, 31]),
    )
    bursts = draw(st.lists(burst, min_size=1, max_size=max_bursts))
    reading = st.tuples(
        st.sampled_from(["5h", "week", "month"]),
        st.one_of(st.integers(0, 5 * 60), st.integers(0, 7 * 24 * 60)),
    )
    readings = draw(st.lists(reading, max_size=2))
    return Scenario(tier, day, now, bursts, readings)
