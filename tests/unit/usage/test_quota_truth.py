"""What the plan served is the truth: each way the estimate misled people, through
``codingplan usage`` with the clock moved to the moment that matters.

The week of Monday 2026-11-30 (UTC+8) is used throughout: it begins 2026-11-29 16:00 UTC.
Subscription day 20: the month runs from 2026-11-20 to 2026-12-20 (UTC+8)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from codingplan import paths
from tests.fakes.plan_server import PlanServer
from tests.unit.usage.clock import clock_at
from tests.unit.usage.conftest import DATA, claude_line, place

MONDAY = datetime(2026, 11, 29, 16, tzinfo=UTC)  # Monday 2026-11-30 00:00 UTC+8
WEDNESDAY_NOON = datetime(2026, 12, 2, 4, tzinfo=UTC)  # 12:00 UTC+8
PLAN_ORIGIN = "https://coding-intl.dashscope.aliyuncs.com"


def run(cli, at: datetime, *args: str, env: dict | None = None):
    return cli(*args, env={**clock_at(at), **(env or {})})


def ok(cli, at: datetime, *args: str, env: dict | None = None):
    result = run(cli, at, *args, env=env)
    assert result.returncode == 0, (args, result.stderr)
    assert "Traceback" not in result.stderr
    return result


def usage(cli, at: datetime, *extra: str, env: dict | None = None) -> dict:
    return json.loads(ok(cli, at, "usage", "--json", *extra, env=env).stdout)


def setup(cli, tier: str = "lite", day: int = 20) -> None:
    at = WEDNESDAY_NOON
    ok(cli, at, "settings", "set", "tier", tier)
    ok(cli, at, "settings", "set", "subscription-day", str(day))


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def answers(entries: list[tuple[datetime, str]], origin: str = PLAN_ORIGIN) -> None:
    """This app's own test requests, each with the plan's answer ("ok" or a category)."""
    path = paths.test_requests_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as out:
        for moment, category in entries:
            status = 200 if category == "ok" else 429
            line = {"id": str(uuid.uuid4()), "time": stamp(moment), "protocol": "openai",
                    "model": "qwen3-coder-plus", "origin": origin, "status": status,
                    "category": category}  # fmt: skip
            out.write(json.dumps(line) + "\n")


def claude_calls(home: Path, entries: list[tuple[datetime, str]]) -> None:
    """Claude Code's transcript: per call its api-request, then its answer or, for a quota
    answer, the error line it writes."""
    path = home / ".claude/projects/work" / f"{uuid.uuid4()}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    words = {"quota_5h": "hour", "quota_week": "week", "quota_month": "month"}
    with path.open("a") as out:
        for moment, outcome in entries:
            request = str(uuid.uuid4())
            out.write(claude_line("api-request", sessionId="s", id=request,
                                  timestamp=stamp(moment),
                                  params={"model": "qwen3-coder-plus"}))  # fmt: skip
            if outcome == "ok":
                message = {"id": f"msg_{request}", "model": "qwen3-coder-plus"}
                out.write(claude_line("assistant", message=message, requestRef=request,
                                      timestamp=stamp(moment)))  # fmt: skip
            else:
                error = {"message": f"429 {words[outcome]} allocated quota exceeded",
                         "status": 429}  # fmt: skip
                out.write(claude_line("system", subtype="api_error", error=error,
                                      timestamp=stamp(moment)))  # fmt: skip


# --- 2. a quota answer, then a served call ---------------------------------------------------


@pytest.mark.parametrize("tool", ["app", "claude-code"])
def test_a_served_call_after_a_quota_answer_gives_the_unseen_calls_back_one_by_one(home, cli, tool):
    """Calls from elsewhere, spread over the 5 hours, fill Lite's 1,200; a call here is
    refused ("hour allocated quota exceeded"), then the plan serves one again. Four hours
    later about a fifth of the unseen calls still count, not all of them."""
    setup(cli)
    error = WEDNESDAY_NOON
    seen = [(error - timedelta(hours=2), "ok")] * 100
    refusals = [(error - timedelta(seconds=30), "quota_5h"), (error, "quota_5h")]
    served = [(error + timedelta(minutes=1), "ok")]
    if tool == "app":
        answers(seen + refusals + served)
    else:  # two transient 429s, then an answer, as Claude Code met them
        claude_calls(home, seen + refusals + served)
    five = usage(cli, error + timedelta(hours=4))["windows"]["5h"]
    # 1,100 unseen, made evenly over the 5 hours before the answer: 220 still count, and
    # the call served; the 100 seen are back.
    assert five["confidence"] == "from_plan"
    assert five["resume_at"] is None
    assert five["used"] == 221 and five["remaining"] == 979, five
    assert five["releases_estimated"] is True and five["served_after"]


# --- 3. a floor lasts as long as the period it proves something about ------------------------


def test_a_five_hour_quota_answer_still_holds_for_the_week_and_month_after_5_hours(home, cli):
    setup(cli)
    error = WEDNESDAY_NOON
    answers([(error - timedelta(hours=1), "ok")] * 10 + [(error, "quota_5h")])
    windows = usage(cli, error + timedelta(hours=6))["windows"]
    assert windows["5h"]["used"] == 0
    for name in ("week", "month"):
        # Its 5 hours lie in both: 1,200 were counted in them, whatever came back since.
        assert windows[name]["used"] == 1200 and windows[name]["confidence"] == "lower_bound"


def test_a_week_quota_answer_holds_the_month_at_the_week_limit_after_mondays_reset(home, cli):
    setup(cli)
    error = datetime(2026, 12, 4, 4, tzinfo=UTC)  # Friday 12:00 UTC+8
    answers([(error - timedelta(minutes=5), "ok")] * 3 + [(error, "quota_week")])
    saturday = usage(cli, error + timedelta(days=1))["windows"]
    assert saturday["week"]["remaining"] == 0
    assert saturday["month"]["used"] == 9000  # not 3: at most 9,000 of 18,000 are left
    assert saturday["month"]["confidence"] == "lower_bound"
    monday = usage(cli, datetime(2026, 12, 6, 18, tzinfo=UTC))["windows"]  # Mon 02:00 UTC+8
    assert monday["week"]["used"] == 0 and monday["week"]["confidence"] == "counted"
    assert monday["month"]["used"] == 9000 and monday["month"]["remaining"] == 9000


def test_a_week_reading_raises_the_month_after_mondays_reset(home, cli):
    setup(cli, "pro")
    friday = datetime(2026, 12, 4, 4, tzinfo=UTC)
    ok(cli, friday, "usage", "calibrate", "week", "30000", "--at", friday.isoformat())
    answers([(friday + timedelta(hours=1), "ok")] * 2)
    monday = usage(cli, datetime(2026, 12, 6, 18, tzinfo=UTC))["windows"]
    assert monday["month"]["used"] == 30_002 and monday["month"]["confidence"] == "calibrated"
    assert monday["month"]["floor"]["window"] == "week"


def test_a_five_hour_reading_raises_the_week_after_its_5_hours(home, cli):
    setup(cli)
    at = WEDNESDAY_NOON
    ok(cli, at, "usage", "calibrate", "5h", "1000", "--at", at.isoformat())
    windows = usage(cli, at + timedelta(hours=8))["windows"]
    assert windows["5h"]["used"] == 0
    assert windows["week"]["used"] == 1000 and windows["month"]["used"] == 1000


# --- 4. only what a proof covers inside the period -------------------------------------------


def test_a_quota_answer_just_after_mondays_reset_does_not_fill_the_new_week(home, cli):
    setup(cli)
    error = MONDAY + timedelta(minutes=1)
    answers([(MONDAY - timedelta(minutes=30), "ok")] * 3)  # last week
    answers([(MONDAY + timedelta(seconds=20), "ok")] * 2 + [(error, "quota_5h")])
    windows = usage(cli, MONDAY + timedelta(minutes=30))["windows"]
    # Its 1,200 were made in the 5 hours before: all may be last week's.
    assert windows["week"]["used"] == 2 and windows["week"]["confidence"] == "counted"
    # They were all made in this month, which began on the 20th.
    assert windows["month"]["used"] == 1200 and windows["month"]["confidence"] == "lower_bound"
    assert windows["5h"]["used"] == 1200 and windows["5h"]["remaining"] == 0


# --- 5. a reset time in a quota answer, whichever tool recorded it ---------------------------


def _cline_hub(home: Path, folder: Path) -> None:
    shutil.copytree(folder / "sessions", home / ".cline/data/sessions", dirs_exist_ok=True)
    db = sqlite3.connect(home / ".cline/data/db/hub-events-hub-production.db")
    db.executescript(
        "CREATE TABLE hub_events (sequence INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT NOT"
        " NULL, session_id TEXT, envelope_json TEXT NOT NULL, created_at INTEGER NOT NULL);"
    )
    rows = json.loads((folder / "hub-events.rows.json").read_text())
    db.executemany(
        "INSERT INTO hub_events VALUES (:sequence, :event, :session_id, :envelope_json,"
        " :created_at)",
        rows,
    )
    db.commit()
    db.close()


RECORDS = {
    "claude-code": ("claude-2.1.332-quota-retries.jsonl", ".claude/projects/-tmp-work/s.jsonl"),
    "qwen-code": ("qwen-0.24.4-chat-quota.jsonl", ".qwen/projects/-tmp-work/chats/b.jsonl"),
    "cline": ("cline-3.0.65-quota", ".cline/data"),
    "cline-hub": ("cline-3.0.65-hub-quota", None),
}


def _place_with_words(home: Path, tool: str, words: str) -> None:
    """The tool's captured refusal, its quota message followed by ``words``."""
    name, where = RECORDS[tool]
    source = DATA / name
    copy = home.parent / f"records-{uuid.uuid4()}"
    if source.is_dir():
        shutil.copytree(source, copy)
    else:
        copy.mkdir()
        shutil.copy(source, copy / name)
    for file in copy.rglob("*"):
        if file.is_file():
            text = file.read_text()
            file.write_text(
                text.replace("allocated quota exceeded", f"allocated quota exceeded.{words}")
            )
    if tool == "cline-hub":
        (home / ".cline/data/db").mkdir(parents=True)
        _cline_hub(home, copy)
    elif source.is_dir():
        shutil.copytree(copy, home / where, dirs_exist_ok=True)
    else:
        (home / where).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(copy / name, home / where)


@pytest.mark.parametrize("tool", list(RECORDS))
def test_a_reset_time_in_the_quota_answer_is_used_for_every_tool(home, cli, tool):
    ok(cli, datetime.now(UTC), "settings", "set", "tier", "lite")
    # When was the refusal? Read once as captured, to place the clock and the reset.
    _place_with_words(home, tool, "")
    assert cli("usage", "--json").returncode == 0
    ledger = paths.data_dir() / "usage.sqlite3"
    with sqlite3.connect(ledger) as db:
        (refused_ms,) = db.execute("SELECT max(time_ms) FROM refusals").fetchone()
    for file in ledger.parent.glob("usage.sqlite3*"):
        file.unlink()
    for folder in (".claude", ".qwen", ".cline"):
        shutil.rmtree(home / folder, ignore_errors=True)
    refused = datetime.fromtimestamp(refused_ms / 1000, UTC)
    back = (refused + timedelta(hours=2)).replace(microsecond=0)
    local = back + timedelta(hours=8)  # the words give the plan's own time, UTC+8
    _place_with_words(home, tool, f" The quota will reset at {local:%Y-%m-%d %H:%M:%S}")
    five = usage(cli, refused + timedelta(minutes=10))["windows"]["5h"]
    assert five["resume_from_plan"] is True, five
    assert datetime.fromisoformat(five["resume_at"]) == back


# --- 9. the tier's history by time, not by the order it was told ----------------------------


def test_a_tier_given_with_an_earlier_time_rewrites_what_came_after_it(home, cli):
    at = WEDNESDAY_NOON
    ok(cli, at, "settings", "set", "tier", "pro")
    ok(cli, at, "settings", "set", "tier", "lite")
    since = (at - timedelta(days=2)).isoformat()
    ok(cli, at, "settings", "set", "tier", "pro", "--since", since)
    data = usage(cli, at + timedelta(minutes=1))
    assert data["tier"] == "pro"
    assert data["windows"]["5h"]["limit"] == 6000 and data["windows"]["week"]["limit"] == 45_000


# --- 10. a quota answer from another address -----------------------------------------------


def test_a_quota_answer_from_a_test_server_says_so_and_one_command_sets_it_aside(
    home, cli, stored_key
):
    setup(cli)
    at = WEDNESDAY_NOON
    with PlanServer() as server:
        server.scenario = "quota_5h"
        run(cli, at, "test", "--json", "--origin", server.origin)
    five = usage(cli, at + timedelta(minutes=1))["windows"]["5h"]
    # Still a correction (a gateway may front the plan), but it says where it came from.
    assert five["confidence"] == "lower_bound" and five["through"] == server.origin
    assert any(server.origin in note for note in five["notes"])
    text = ok(cli, at + timedelta(minutes=1), "usage").stdout
    assert server.origin in text and "codingplan usage dismiss" in text
    # Through the address in use (the origin given, or CODINGPLAN_ORIGIN), it is the plan's.
    assert "through" not in usage(cli, at, "--origin", server.origin)["windows"]["5h"]
    env = {"CODINGPLAN_ORIGIN": server.origin}
    assert "through" not in usage(cli, at, env=env)["windows"]["5h"]
    dismissed = json.loads(ok(cli, at, "usage", "dismiss", "--json").stdout)
    assert dismissed == {"ok": True, "dismissed": 2, "origins": [server.origin]}
    five = usage(cli, at + timedelta(minutes=2))["windows"]["5h"]
    assert five["confidence"] == "counted" and five["remaining"] == 1200


# --- 11. calls nothing records --------------------------------------------------------------


def test_usage_says_per_tool_which_calls_it_cannot_see(home, cli):
    setup(cli)
    place(home, ".claude/projects/-tmp-work/s1.jsonl", "claude-2.1.332-ok.jsonl")
    place(home, ".qwen/usage/token-usage-2026-11.jsonl", "qwen-0.24.4-token-usage.jsonl")
    sessions = home / ".continue/sessions"
    sessions.mkdir(parents=True)
    answer = {"role": "assistant", "usage": {"model": "qwen3-coder-plus"}}
    history = [{"message": {"role": "user"}}, {"message": answer}]
    (sessions / "s1.json").write_text(json.dumps({"sessionId": "s1", "history": history}))
    at = datetime(2026, 11, 28, 4, tzinfo=UTC)
    data = usage(cli, at)
    unseen = {s["id"]: s["unseen"] for s in data["sources"]}
    assert "failed calls" in unseen["continue"] and "Ctrl+C" in unseen["qwen-code"]
    assert "title call" in unseen["opencode"] and unseen["kilo-cli"] == unseen["opencode"]
    assert unseen["claude-code"] is None and unseen["app"] is None
    text = ok(cli, at, "usage").stdout
    line = next(x for x in text.splitlines() if x.startswith("Not in the tools' records"))
    # Only the tools in use here are named.
    assert "continue" in line and "qwen-code" in line and "opencode" not in line


# --- 12. smaller ---------------------------------------------------------------------------


def test_claude_codes_quick_retries_after_a_401_are_not_counted(home, cli):
    setup(cli)
    # A key helper's refused key: 13 attempts, the first two retried with no error line.
    place(home, ".claude/projects/-tmp-work/s.jsonl", "claude-2.1.332-401-key-helper.jsonl")
    data = usage(cli, datetime(2026, 12, 6, 6, tzinfo=UTC))
    assert data["windows"]["5h"]["used"] == 0


@pytest.mark.parametrize("scenario", ["server_error", "drop"])
def test_a_test_request_with_no_answer_or_an_error_page_is_not_counted(
    home, cli, stored_key, scenario
):
    setup(cli)
    with PlanServer() as server:
        server.scenario = scenario
        run(cli, WEDNESDAY_NOON, "test", "--json", "--origin", server.origin, "--timeout", "10")
        assert len(server.model_requests()) == 2
    assert usage(cli, WEDNESDAY_NOON + timedelta(minutes=1))["windows"]["5h"]["used"] == 0


def test_a_reading_no_plan_can_show_is_refused_without_a_tier(home, cli):
    at = WEDNESDAY_NOON
    result = run(cli, at, "usage", "calibrate", "5h", "99999999")
    assert result.returncode == 2 and "more than any plan" in result.stderr
    assert usage(cli, at)["windows"]["5h"]["used"] == 0


def test_a_readings_total_is_its_windows_limit_and_is_not_capped(home, cli):
    setup(cli)  # Lite, but the console shows Pro's totals (an upgrade not yet entered)
    at = WEDNESDAY_NOON
    ok(cli, at, "usage", "calibrate", "5h", "3000", "--total", "6000")
    ok(cli, at, "usage", "calibrate", "week", "10000", "--total", "45000")
    windows = usage(cli, at + timedelta(seconds=5))["windows"]
    assert (windows["5h"]["limit"], windows["5h"]["remaining"]) == (6000, 3000)
    assert (windows["week"]["used"], windows["week"]["limit"]) == (10_000, 45_000)


def test_a_reading_older_than_anything_it_could_change_is_refused(home, cli):
    setup(cli)
    at = WEDNESDAY_NOON
    before_month = datetime(2026, 11, 19, 4, tzinfo=UTC)
    result = run(cli, at, "usage", "calibrate", "month", "5", "--at", before_month.isoformat())
    assert result.returncode == 2 and "too old" in result.stderr
    # Six hours ago: no longer in the 5 hours, still a proof for the week and the month.
    earlier = at - timedelta(hours=6)
    noted = ok(cli, at, "usage", "calibrate", "5h", "50", "--at", earlier.isoformat()).stdout
    assert "used at" in noted and "used now" not in noted
    assert usage(cli, at)["windows"]["week"]["used"] == 50


def test_the_next_release_is_the_exact_moment(home, cli):
    setup(cli)
    made = WEDNESDAY_NOON + timedelta(seconds=20)
    answers([(made, "ok")])
    five = usage(cli, made + timedelta(hours=1))["windows"]["5h"]
    assert datetime.fromisoformat(five["next_release"]) == made + timedelta(hours=5)
    # The schedule stays per minute, rounded up.
    assert datetime.fromisoformat(five["releases"][0]["at"]) == made + timedelta(
        hours=5, seconds=40
    )


# --- 13. the prompt line before the app ever ran -------------------------------------------


def test_usage_line_with_no_ledger_counts_once_in_the_background(home, cli):
    setup(cli)
    at = WEDNESDAY_NOON
    answers([(at - timedelta(minutes=5), "ok")] * 3)
    first = ok(cli, at, "usage", "--line").stdout
    assert "no usage recorded yet" in first
    ledger = paths.data_dir() / "usage.sqlite3"
    deadline = time.monotonic() + 60
    shown = first
    while "5h 1197/1200 left" not in shown and time.monotonic() < deadline:
        time.sleep(0.5)
        if ledger.exists():
            shown = ok(cli, at, "usage", "--line").stdout
    assert "5h 1197/1200 left" in shown, shown
