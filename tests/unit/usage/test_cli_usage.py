"""``codingplan usage``: the JSON shape, the text, calibration."""

from __future__ import annotations

import json
import re

from tests.unit.usage.conftest import ORIGIN, place

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def test_usage_json_shape(home, cli):
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
    assert [s["id"] for s in data["sources"]] == [
        "claude-code",
        "qwen-code",
        "cline",
        "opencode",
        "app",
    ]
    assert {s["id"]: s["files"] for s in data["sources"]}["cline"] == 1
    assert set(data["forecast"]) == {"binding", "windows"}


def test_usage_text_and_calibrate(home, cli):
    result = cli("usage", "calibrate", "week", "1234", "--total", "45000")
    assert result.returncode == 0, result.stderr
    assert "1,234 of 45,000" in result.stdout
    text = cli("usage").stdout
    assert re.search(r"week\s+1,234 of 45,000 used\s+43,766 left\s+\(calibrated\)", text)
    data = json.loads(cli("usage", "--json").stdout)
    assert data["windows"]["week"]["calibration"]["used"] == 1234
    bad = cli("usage", "calibrate", "day", "5")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr
