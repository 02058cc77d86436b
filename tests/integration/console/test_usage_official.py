"""The plan's own figures in the quota model: ``codingplan usage`` reads the console when the
person is logged in and the last reading is over 5 minutes old, and every window carries on
from it as ``official``; ``record_console_reading`` keeps a reading the app made."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from codingplan import paths, quota
from codingplan.console import answer, credentials
from tests.fakes.console_server import ConsoleServer, gateway_success, instance
from tests.unit.usage.clock import clock_at
from tests.unit.usage.conftest import run_loading

HOUR_MS = 3_600_000


def usage(cli, console: ConsoleServer, *extra: str, at: datetime | None = None) -> dict:
    env = {"CODINGPLAN_CONSOLE_ORIGIN": console.origin, **(clock_at(at) if at else {})}
    result = cli("usage", "--json", *extra, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def iso_ms(text: str) -> int:
    return round(datetime.fromisoformat(text).timestamp() * 1000)


def reading_at(read_at: datetime, **fields) -> answer.PlanReading:
    """A reading as the console client makes it, of the stand-in's plan at ``read_at``."""
    data = json.dumps(gateway_success([instance(at_ms=int(read_at.timestamp() * 1000), **fields)]))
    return answer.parse_plan(data.encode(), read_at)


def app_calls(n: int, moment: datetime) -> None:
    path = paths.test_requests_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    with path.open("a") as out:
        for _ in range(n):
            line = {"id": str(uuid.uuid4()), "time": stamp, "protocol": "openai",
                    "model": "qwen3-coder-plus", "origin": "https://coding-intl.dashscope.aliyuncs.com",
                    "status": 200, "category": "ok"}  # fmt: skip
            out.write(json.dumps(line) + "\n")


@pytest.fixture
def logged_in(creds, cli) -> credentials.Credentials:
    assert cli("settings", "set", "tier", "lite").returncode == 0
    credentials.store(creds)
    return creds


def test_usage_shows_the_consoles_figures_as_official(cli, console, logged_in):
    now_ms = int(time.time() * 1000)
    console.instances = [instance(tier="pro", used=(812, 9000, 20000), at_ms=now_ms)]
    quota_info = console.instances[0]["codingPlanQuotaInfo"]
    data = usage(cli, console)
    assert console.problems == [] and len(console.reads()) == 1
    assert data["tier"] == "pro"  # the console's instanceType, over the settings' Lite
    windows = data["windows"]
    for window, used, total in (
        ("5h", 812, 6000),
        ("week", 9000, 45_000),
        ("month", 20_000, 90_000),
    ):
        shown = windows[window]
        assert (shown["used"], shown["limit"], shown["confidence"]) == (used, total, "official")
        assert shown["official"]["age_minutes"] == 0 and "calibration" not in shown
    # The month turns when the console says, not on the subscription day.
    assert (
        iso_ms(windows["month"]["resets_at"]) // 1000
        == quota_info["perBillMonthQuotaNextRefreshTime"] // 1000
    )
    # The 5 hours give back first what the console's next refresh gives back.
    next_back = iso_ms(windows["5h"]["next_release"])
    assert abs(next_back - quota_info["per5HourQuotaNextRefreshTime"]) < 60_000
    # Calls made after the reading add to it; no new read within 5 minutes.
    app_calls(3, datetime.now(UTC))
    again = usage(cli, console)["windows"]
    assert again["5h"]["used"] == 815 and again["5h"]["confidence"] == "official"
    assert len(console.reads()) == 1
    text = cli("usage", env={"CODINGPLAN_CONSOLE_ORIGIN": console.origin}).stdout
    assert "from the plan, 0 min ago" in text and "the plan's console" in text


def test_an_expired_token_is_minted_again_once(cli, console, logged_in):
    usage(cli, console)
    assert console.minted == 1
    console.expire_tokens()
    later = datetime.now(UTC) + timedelta(minutes=6)
    console.clock_offset = 6 * 60  # the console's clock is the command's
    data = usage(cli, console, at=later)
    assert console.minted == 2 and len(console.reads()) == 3  # refused once, then read
    assert data["windows"]["week"]["confidence"] == "official" and data["notices"] == []
    assert console.problems == []


def test_a_console_fault_is_a_notice_never_a_failure(cli, console, logged_in):
    app_calls(2, datetime.now(UTC))
    console.gateway_scenario = "not_member"
    data = usage(cli, console)
    assert data["ok"] is True
    assert any("could not be read" in n and "workspace" in n for n in data["notices"])
    assert data["windows"]["5h"]["used"] == 2 and data["windows"]["5h"]["confidence"] == "counted"
    # It is not tried again at once: the next command within 5 minutes leaves it be.
    tried = len(console.reads())  # each gateway row the client asked
    usage(cli, console)
    assert len(console.reads()) == tried


def test_nothing_is_read_without_a_login_or_by_usage_line(cli, console, creds):
    assert cli("settings", "set", "tier", "lite").returncode == 0
    usage(cli, console)
    assert console.received == []  # never logged in: the keyring is not even asked
    credentials.store(creds)
    usage(cli, console)
    assert len(console.reads()) == 1
    env = {
        "CODINGPLAN_CONSOLE_ORIGIN": console.origin,
        **clock_at(datetime.now(UTC) + timedelta(minutes=10, seconds=30)),
    }
    line = cli("usage", "--line", env=env)
    assert "plan 10 min ago" in line.stdout, line.stdout
    assert len(console.reads()) == 1  # --line stays a ledger read
    credentials.delete()
    assert not paths.console_login_marker().exists()
    usage(cli, console, at=datetime.now(UTC) + timedelta(minutes=20))
    assert len(console.reads()) == 1


def test_usage_loads_neither_the_keyring_nor_httpx_when_no_read_is_due(cli, console, logged_in):
    usage(cli, console)  # a fresh reading
    os.environ["CODINGPLAN_CONSOLE_ORIGIN"] = console.origin
    try:
        stdout, loaded = run_loading("usage", "--json")
    finally:
        del os.environ["CODINGPLAN_CONSOLE_ORIGIN"]
    assert json.loads(stdout)["windows"]["5h"]["confidence"] == "official"
    assert not {m for m in loaded if m.split(".")[0] in ("keyring", "httpx")}


def test_record_console_reading_is_idempotent_and_sends_nothing(home):
    read_at = datetime.now(UTC).replace(microsecond=0)
    code = (
        "import json, sys\n"
        "from datetime import datetime\n"
        "from codingplan import quota\n"
        "from codingplan.console import answer\n"
        f"data = {json.dumps(json.dumps(gateway_success([instance(at_ms=int(read_at.timestamp() * 1000))])))}\n"
        f"reading = answer.parse_plan(data.encode(), datetime.fromisoformat({read_at.isoformat()!r}))\n"
        "quota.record_console_reading(reading)\n"
        "quota.record_console_reading(reading)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, check=True
    )
    loaded = set(json.loads(result.stdout))
    assert not {m for m in loaded if m.split(".")[0] in ("keyring", "httpx", "socket")}
    import sqlite3

    with sqlite3.connect(paths.data_dir() / "usage.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM plan_readings").fetchone() == (1,)


def test_a_reading_older_than_its_window_falls_back_and_says_so(home, cli, console):
    now = datetime(2026, 12, 2, 4, tzinfo=UTC)  # Wednesday 12:00 UTC+8
    assert cli("settings", "set", "tier", "pro").returncode == 0
    quota.record_console_reading(reading_at(now - timedelta(hours=6), used=(500, 7000, 8000)))
    windows = usage(cli, console, at=now)["windows"]
    five = windows["5h"]
    assert five["confidence"] != "official" and "stale_reading" in five
    assert any("older than this window" in n for n in five["notes"])
    assert windows["week"]["confidence"] == "official" and windows["week"]["used"] == 7000
    # A week later the week's reading is last week's: the week falls back too.
    week = usage(cli, console, at=now + timedelta(days=7))["windows"]["week"]
    assert week["confidence"] != "official" and week["stale_reading"]


def test_an_upgrade_entered_after_the_reading_is_the_tier(home, cli, console):
    assert cli("settings", "set", "tier", "lite").returncode == 0
    read_at = datetime.now(UTC) - timedelta(hours=1)
    quota.record_console_reading(reading_at(read_at, tier="lite", used=(100, 1000, 2000)))
    before = usage(cli, console)
    assert before["tier"] == "lite" and before["windows"]["week"]["confidence"] == "official"
    assert cli("settings", "set", "tier", "pro").returncode == 0  # upgraded since the reading
    after = usage(cli, console)
    assert after["tier"] == "pro"
    assert after["windows"]["5h"]["limit"] == 6000 and after["windows"]["week"]["limit"] == 45_000
