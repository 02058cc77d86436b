"""What corrects the local count, through the command line as a person uses it: readings of
the console (``usage calibrate``), the plan's "quota exceeded" answers, an upgrade."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from codingplan import paths
from tests.unit.usage.conftest import claude_line

NOW = datetime.now(UTC)


@pytest.fixture(autouse=True)
def now():
    """Each test's own "now": the numbers it checks move with the clock."""
    global NOW
    NOW = datetime.now(UTC)


def calls(home, times: list[datetime], session: str = "s") -> None:
    """Claude Code transcript lines, one api-request per call, at ``times``."""
    path = home / ".claude" / "projects" / "p" / f"{session}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as out:
        for moment in times:
            stamp = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
            out.write(
                claude_line(
                    "api-request",
                    sessionId=session,
                    id=str(uuid.uuid4()),
                    timestamp=stamp,
                    params={"model": "qwen3-coder-plus"},
                )
            )


def answers(times_and_categories: list[tuple[datetime, str]]) -> None:
    """This app's own test requests, with the plan's answers to them."""
    path = paths.test_requests_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as out:
        for moment, category in times_and_categories:
            stamp = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
            status = 200 if category == "ok" else 429
            line = {"id": str(uuid.uuid4()), "time": stamp, "protocol": "openai",
                    "model": "qwen3-coder-plus", "origin": "https://coding-intl.dashscope.aliyuncs.com",
                    "status": status, "category": category}  # fmt: skip
            out.write(json.dumps(line) + "\n")


def at(delta: timedelta) -> str:
    return (NOW + delta).isoformat()


def usage(cli) -> dict:
    result = cli("usage", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["windows"]


def ok(cli, *args: str) -> None:
    result = cli(*args)
    assert result.returncode == 0, (args, result.stderr)


def test_a_reading_below_the_count_stops_correcting_once_its_calls_are_back(home, cli):
    ok(cli, "settings", "set", "tier", "pro")
    calls(home, [NOW - timedelta(hours=6)] * 10)
    ok(cli, "usage", "calibrate", "5h", "0", "--at", at(-timedelta(hours=2)))
    calls(home, [NOW - timedelta(minutes=30)] * 20)
    five = usage(cli)["5h"]
    assert five["used"] == 20  # not 10: the correction left with the calls it corrected


def test_a_reading_below_the_count_holds_while_its_calls_are_in_the_window(home, cli):
    ok(cli, "settings", "set", "tier", "pro")
    calls(home, [NOW - timedelta(hours=3)] * 10)
    ok(cli, "usage", "calibrate", "5h", "4", "--at", at(-timedelta(hours=1)))
    calls(home, [NOW - timedelta(minutes=30)] * 5)
    five = usage(cli)["5h"]
    assert five["used"] == 4 + 5
    assert sum(r["count"] for r in five["releases"]) == 9


def test_a_reading_above_the_count_comes_back_gradually(home, cli):
    ok(cli, "settings", "set", "tier", "pro")
    ok(cli, "usage", "calibrate", "5h", "600", "--at", at(-timedelta(hours=1)))
    five = usage(cli)["5h"]
    # Made elsewhere, evenly over the 5 hours before the reading: a fifth are back by now.
    assert five["used"] == 480 and five["confidence"] == "calibrated"
    assert five["releases_estimated"] is True and five["notes"]
    counts = [r["count"] for r in five["releases"]]
    assert sum(counts) == 480 and max(counts) <= 3
    last = datetime.fromisoformat(five["releases"][-1]["at"])
    assert abs(last - (NOW + timedelta(hours=4))) < timedelta(minutes=2)


def test_a_served_call_after_quota_exceeded_gives_the_floor_way(home, cli):
    ok(cli, "settings", "set", "tier", "lite")
    calls(home, [NOW - timedelta(hours=2)] * 100)
    answers([(NOW - timedelta(hours=1), "quota_5h")])
    before = usage(cli)["5h"]
    assert (before["used"], before["remaining"], before["confidence"]) == (1200, 0, "lower_bound")
    assert before["resume_at"]  # used up: when a call can be made again
    # The plan serves two calls afterwards: there was room.
    calls(home, [NOW - timedelta(minutes=30), NOW - timedelta(minutes=20)])
    after = usage(cli)["5h"]
    assert after["used"] <= 1200, after  # never 1,202 of 1,200
    assert after["confidence"] == "from_plan" and after["served_after"]


def test_a_five_hour_reading_is_a_floor_for_the_week_and_month(home, cli):
    ok(cli, "settings", "set", "tier", "pro")
    reading = NOW - timedelta(hours=1)
    ok(cli, "usage", "calibrate", "5h", "1000", "--at", reading.isoformat())
    windows = usage(cli)
    for name in ("week", "month"):
        start = datetime.fromisoformat(windows[name]["starts_at"])
        # Only a reading whose 5 hours lie in the period proves its calls were made in it.
        inside = reading - timedelta(hours=5) >= start
        assert windows[name]["used"] == (1000 if inside else 0), name
        assert windows[name]["confidence"] == ("calibrated" if inside else "counted")


def test_a_five_hour_quota_answer_is_a_floor_for_the_week(home, cli):
    ok(cli, "settings", "set", "tier", "lite")
    answers([(NOW - timedelta(minutes=10), "quota_5h")])
    week = usage(cli)["week"]
    start = datetime.fromisoformat(week["starts_at"])
    if NOW - timedelta(minutes=10, hours=5) >= start:
        assert week["used"] == 1200 and week["confidence"] == "lower_bound"
    else:  # its 5 hours began last week: nothing proves its calls were made in this one
        assert week["used"] == 0 and week["confidence"] == "counted"


def test_an_upgrade_uses_the_month_reading(home, cli):
    month_began = NOW - timedelta(days=10)
    ok(cli, "settings", "set", "subscription-day", str((month_began + timedelta(hours=8)).day))
    ok(cli, "settings", "set", "tier", "lite", "--since", at(-timedelta(days=40)))
    ok(cli, "usage", "calibrate", "month", "10000", "--at", at(-timedelta(hours=3)))
    ok(cli, "settings", "set", "tier", "pro", "--since", at(-timedelta(hours=2)))
    windows = usage(cli)
    month = windows["month"]
    # 8,000 left of Lite's 18,000 become 8,000 x 5 = 40,000 of Pro's, not 80,000.
    assert month["remaining"] == 40_000
    assert month["upgrade"]["used_before"] == 10_000
    assert windows["week"]["limit"] == 45_000 and windows["5h"]["limit"] == 6_000
    assert any("Pro's limit" in n for n in windows["5h"].get("notes", []))


def test_the_upgrade_time_can_be_given_and_is_checked(home, cli):
    result = cli("settings", "set", "tier", "pro", "--since", "yesterday")
    assert result.returncode == 2 and "ISO 8601" not in result.stdout
    assert cli("settings", "set", "origin", "", "--since", at(-timedelta(hours=1))).returncode == 2


def test_a_readings_age_is_shown_and_an_old_one_no_longer_counts(home, cli):
    ok(cli, "settings", "set", "tier", "pro")
    ok(cli, "usage", "calibrate", "5h", "50", "--at", at(-timedelta(minutes=90)))
    five = usage(cli)["5h"]
    assert five["confidence"] == "calibrated"
    assert five["calibration"]["age_minutes"] in (89, 90, 91)


def test_a_reading_older_than_its_window_no_longer_counts(home, cli):
    ok(cli, "settings", "set", "tier", "pro")
    month_start = datetime.fromisoformat(usage(cli)["month"]["starts_at"])
    old = NOW - timedelta(hours=6)
    result = cli("usage", "calibrate", "5h", "50", "--at", old.isoformat())
    if old - timedelta(hours=5) >= month_start:  # it still proves its 50 in this month
        assert result.returncode == 0, result.stderr
        assert "used at" in result.stdout and "used now" not in result.stdout
        windows = usage(cli)
        assert windows["5h"]["confidence"] == "counted"  # no longer in the 5 hours
        assert windows["month"]["used"] == 50
    else:
        assert result.returncode == 2 and "too old" in result.stderr


def test_with_no_tier_chosen_usage_shows_used_counts_only(home, cli):
    # A first-run person has not said which plan they have: no headroom is made up.
    calls(home, [NOW - timedelta(minutes=10)] * 3)
    result = cli("usage", "--json")
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["tier"] is None
    for window in data["windows"].values():
        assert window["used"] == 3 and window["limit"] is None and window["remaining"] is None
    assert data["forecast"]["binding"] is None
    text = cli("usage").stdout
    assert "No plan chosen" in text and "tier is unset" in text and " left " not in text
    assert json.loads(cli("settings", "show", "--json").stdout)["settings"]["tier"] is None
    # The console's reading is taken without a tier (its total is what the console says).
    result = cli("usage", "calibrate", "week", "120", "--total", "18000", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["estimate"]["remaining"] == 18000 - 120
    ok(cli, "usage", "calibrate", "5h", "30")
    assert usage(cli)["5h"]["used"] == 30
