"""``codingplan usage``: the JSON shape, the text, calibration."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import time
from datetime import datetime

from codingplan import integrations
from tests.unit.usage.conftest import ORIGIN, place, run_loading

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def test_usage_json_shape(home, cli):
    assert cli("settings", "set", "tier", "pro").returncode == 0
    place(home, ".claude/projects/-tmp-work/s1.jsonl", "claude-2.1.332-ok.jsonl")
    place(home, ".cline/data/sessions/1/1.messages.json", "cline-3.0.65-ok.messages.json")
    result = cli("usage", "--json", "--origin", ORIGIN, env={"TZ": "Europe/Berlin"})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {"tier", "windows", "forecast", "sources"}
    assert set(data["windows"]) == {"5h", "week", "month"}
    for name, window in data["windows"].items():
        assert {"used", "limit", "remaining", "confidence"} <= set(window)
        assert window["confidence"] in ("counted", "calibrated", "lower_bound")
        assert window["remaining"] == window["limit"] - window["used"]
        if name == "5h":
            assert {"next_release", "releases"} <= set(window)
        else:
            assert ISO.match(window["resets_at"])
    assert data["tier"] == "pro"
    counted = [i.id for i in integrations.INTEGRATIONS if i.usage is not None]
    assert [s["id"] for s in data["sources"]] == [*counted, "app"]
    assert {"claude-code", "qwen-code", "cline", "opencode", "kilo-cli", "continue"} <= set(counted)
    assert {s["id"]: s["files"] for s in data["sources"]}["cline"] == 1
    assert set(data["forecast"]) == {"binding", "windows"}


def test_usage_text_and_calibrate(home, cli):
    result = cli("usage", "calibrate", "week", "1234", "--total", "45000")
    assert result.returncode == 0, result.stderr
    assert "1,234 of 45,000" in result.stdout
    text = cli("usage").stdout
    assert re.search(
        r"week\s+1,234 of 45,000 used\s+43,766 left\s+\(calibrated, read 0 min ago\)", text
    )
    data = json.loads(cli("usage", "--json").stdout)
    assert data["windows"]["week"]["calibration"]["used"] == 1234
    assert datetime.fromisoformat(data["windows"]["week"]["resets_at"]).tzinfo  # ISO 8601
    bad = cli("usage", "calibrate", "day", "5")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_usage_text_says_times_in_the_apps_words(home, cli):
    """Not bare ISO times: the week resets Monday 00:00 in Shanghai, said as the app says it
    ("Mon 7 Dec 00:00 · in 6 days", or nearer "in 5 h · tomorrow 00:00")."""
    assert cli("settings", "set", "tier", "pro").returncode == 0
    text = cli("usage", env={"TZ": "Asia/Shanghai"}).stdout
    week = next(line for line in text.splitlines() if line.startswith("week"))
    assert re.search(
        r"resets (Mon \d{1,2} [A-Z][a-z]{2} 00:00 · in \d days?"
        r"|in \d+ (h|min)[^·]* · tomorrow 00:00|tomorrow 00:00 · in 1 day)$",
        week,
    ), week
    assert not re.search(r"\d{4}-\d\d-\d\d", text)


def test_usage_watch_prints_again_when_a_tool_writes(home):
    import threading

    from tests.conftest import codingplan_command
    from tests.unit.usage.conftest import claude_line

    transcript = home / ".claude/projects/p/s.jsonl"
    transcript.parent.mkdir(parents=True)
    transcript.write_text("")
    process = subprocess.Popen(
        [*codingplan_command(), "usage", "--watch", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    lines: list[dict] = []
    reader = threading.Thread(
        target=lambda: [lines.append(json.loads(line)) for line in process.stdout], daemon=True
    )
    reader.start()
    try:
        deadline = time.monotonic() + 20
        while not lines and time.monotonic() < deadline:
            time.sleep(0.1)
        assert lines and lines[0]["windows"]["5h"]["used"] == 0
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        with open(transcript, "a") as handle:
            handle.write(
                claude_line(
                    "api-request",
                    id="r1",
                    sessionId="s",
                    timestamp=stamp,
                    params={"model": "qwen3-coder-plus"},
                )
            )
        while len(lines) < 2 and time.monotonic() < deadline + 10:
            time.sleep(0.1)
        assert len(lines) >= 2 and lines[-1]["windows"]["5h"]["used"] == 1
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_refresh_with_nothing_new_loads_no_error_texts_and_no_config_reader(home, cli):
    place(home, ".claude/projects/-tmp-work/s1.jsonl", "claude-2.1.332-quota-retries.jsonl")
    (home / ".config/opencode").mkdir(parents=True)
    (home / ".config/opencode/opencode.json").write_text('{"provider": {}}')
    assert cli("usage", "--json").returncode == 0  # the first scan meets quota errors
    stdout, loaded = run_loading("usage", "--json")
    assert {s["id"]: s["files"] for s in json.loads(stdout)["sources"]}["claude-code"] == 1
    ledger = sqlite3.connect(home / ".local/share/codingplan/usage.sqlite3")
    assert ledger.execute("SELECT count(*) FROM requests WHERE outcome != 'ok'").fetchone()[0]
    assert "codingplan.integrations.claude_code.usage" in loaded  # it did look
    # Loaded by the first record of a failure, or a tool's config to read: not by a look
    # that finds nothing new.
    assert not loaded & {"codingplan.outcomes", "codingplan.jsonc"}
