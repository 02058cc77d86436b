"""``codingplan usage --line``: its shapes, its languages, and that it stays a quick read."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from codingplan.endings import Outcome
from codingplan.plan import Tier
from codingplan.shown import Shown
from codingplan.usage import line as line_mod
from codingplan.usage.estimate import estimate_windows
from codingplan.usage.line import language, render, words_for
from codingplan.usage.windows import FIVE_HOURS_MS, to_ms
from tests.unit.usage.conftest import run_loading
from tests.unit.usage.test_estimate import add

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday
NOW_MS = to_ms(NOW)
MIN = 60_000
ENGLISH = words_for("en")
USED = Shown.USED


def windows(tracker, tier, day=1):
    return estimate_windows(tracker.ledger, tier, day, NOW)


def test_the_tightest_window_first_with_its_count_and_next_return(tracker):
    add(tracker, [NOW_MS - 4 * 3_600_000] * 812)  # back at 13:00 UTC
    text = render(windows(tracker, Tier.PRO, day=25), NOW_MS, ENGLISH, UTC, USED)
    # 812 of 6,000 used; of the week's 45,000 1.8 %; of the month's 90,000 0.9 %, which is
    # not nothing: 1 %, as the tray's chip would say.
    assert text == "5h 812/6000 ↻13:00 · wk 1% · mo 1%"
    left = render(windows(tracker, Tier.PRO, day=25), NOW_MS, ENGLISH, UTC, Shown.LEFT)
    assert left == "5h 5188/6000 left ↻13:00 · wk 98% left · mo 99% left"


def test_a_week_nearly_used_comes_first_with_its_reset(tracker):
    add(tracker, [NOW_MS - 2 * 86_400_000] * 8000)  # Monday: only the week and month hold it
    text = render(windows(tracker, Tier.LITE), NOW_MS, ENGLISH, UTC, USED)
    # 8,000 of 9,000 (11 % left) before the month's 8,000 of 18,000; the reset is next
    # Monday 00:00 UTC+8, that is Sunday 16:00 UTC; on that Sunday, the time alone.
    assert text == "wk 8000/9000 ↻Sun 16:00 · mo 44% · 5h 0%"
    sunday = to_ms(NOW + timedelta(days=4))
    assert render(windows(tracker, Tier.LITE), sunday, ENGLISH, UTC, USED).startswith(
        "wk 8000/9000 ↻16:00"
    )
    # The month, when tightest, by its date: bought on the 20th, it resets on 20 December
    # 00:00 UTC+8.
    add(tracker, [NOW_MS - 3 * 86_400_000] * 9000)  # last week: the month only
    assert render(windows(tracker, Tier.LITE, day=20), NOW_MS, ENGLISH, UTC, USED) == (
        "mo 17000/18000 ↻12-19 · wk 88% · 5h 0%"
    )
    assert render(windows(tracker, Tier.LITE, day=20), NOW_MS, ENGLISH, UTC) == (
        "mo 1000/18000 left ↻12-19 · wk 11% left · 5h 100% left"
    )


def test_a_used_up_window_says_when_a_request_is_possible_again(tracker):
    first = NOW_MS - FIVE_HOURS_MS + 10 * MIN  # the oldest come back at 12:10 UTC
    add(tracker, [first] * 100 + [NOW_MS - MIN] * 1100)
    text = render(windows(tracker, Tier.LITE), NOW_MS, ENGLISH, UTC, USED)
    assert text == "5h used up · back 12:10 (10 min) · wk 13% · mo 6%"
    left = render(windows(tracker, Tier.LITE), NOW_MS, ENGLISH, UTC, Shown.LEFT)
    assert left == "5h used up · back 12:10 (10 min) · wk 86% left · mo 93% left"
    refused = NOW_MS - 2 * MIN
    add(tracker, [refused], Outcome.QUOTA_5H)  # the plan agrees: still back at 12:10
    assert render(windows(tracker, Tier.LITE), NOW_MS, ENGLISH, UTC).startswith("5h used up")


def test_the_countdown_to_a_request_back_is_rounded_up_to_the_minute():
    words = ENGLISH
    assert line_mod.duration(1, words) == "1 min"
    assert line_mod.duration(59 * MIN + 1, words) == "1 h"
    assert line_mod.duration(60 * MIN, words) == "1 h"
    assert line_mod.duration(60 * MIN + 1, words) == "1 h 1 min"
    assert line_mod.duration(4 * 60 * MIN + 59 * MIN, words) == "4 h 59 min"


def test_without_a_tier_the_counts_alone(tracker):
    add(tracker, [NOW_MS - MIN] * 3 + [NOW_MS - 3 * 86_400_000] * 2)
    text = render(windows(tracker, None), NOW_MS, ENGLISH, UTC, USED)
    # The dashboard's and 'codingplan usage's words for the same state.
    assert text == "5h 3 · wk 3 · mo 5 · no plan chosen"
    left = render(windows(tracker, None), NOW_MS, ENGLISH, UTC, Shown.LEFT)
    assert left == "5h 3 used · wk 3 used · mo 5 used · no plan chosen"  # never "3" left


def _catalogue(folder: Path, translations: dict[str, str]) -> Path:
    """A catalogue built the way the app's is (lrelease), with the line's words only."""
    messages = "".join(
        f"<message><source>{source}</source><translation>{target}</translation></message>"
        for source, target in translations.items()
    )
    ts = folder / "codingplan_zh_CN.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
        f"<context><name>usage</name>{messages}</context></TS>",
        encoding="utf-8",
    )
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    qm = folder / "codingplan_zh_CN.qm"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
    return folder


ZH = {
    "5h": "5小时",
    "wk": "周",
    "mo": "月",
    "used up": "已用完",
    "back {time} ({in})": "{time} 恢复（{in}）",
    "{minutes} min": "{minutes} 分钟",
    "{percent}% left": "剩 {percent}%",
    "no plan chosen": "未选套餐",
    "Sun": "周日",
}


def test_the_words_in_chinese_from_the_built_catalogue(tracker, tmp_path):
    words = words_for("zh_CN", _catalogue(tmp_path, ZH))
    add(tracker, [NOW_MS - FIVE_HOURS_MS + 10 * MIN] * 1200)
    assert render(windows(tracker, Tier.LITE), NOW_MS, words, UTC) == (
        "5小时 已用完 · 12:10 恢复（10 分钟） · 周 剩 86% · 月 剩 93%"
    )
    assert render(windows(tracker, None), NOW_MS, words, UTC, USED) == (
        "5小时 1200 · 周 1200 · 月 1200 · 未选套餐"
    )
    # A word the catalogue lacks stays English rather than go missing.
    assert words_for("zh_CN", tmp_path)("Mon") == "Mon"
    assert words_for("zh_CN", tmp_path / "nowhere")("used up") == "used up"


def test_the_app_language_setting_decides_and_system_follows_the_locale():
    assert language("zh_CN", {"LANG": "en_US.UTF-8"}) == "zh_CN"
    assert language("en", {"LANG": "zh_CN.UTF-8"}) == "en"
    assert language("system", {"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert language("system", {"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}) == "en"
    assert language("system", {"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_GB"}) == "zh_CN"
    assert language("system", {"LANG": "de_DE.UTF-8"}) == "en"


# --- the command ------------------------------------------------------------------------------


def test_no_ledger_yet_is_a_short_line_and_exit_0(cli, home):
    # A count in the background started just now: this command starts none, so the ledger
    # stays missing for both calls (a count of its own may finish between them, else).
    data_dir = home / ".local/share/codingplan"
    data_dir.mkdir(parents=True)
    (data_dir / "line-refresh").touch()
    result = cli("usage", "--line")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "codingplan: no usage recorded yet\n",
        "",
    )
    data = json.loads(cli("usage", "--line", "--json").stdout)
    assert data == {"ok": True, "line": "codingplan: no usage recorded yet"}
    assert not (data_dir / "usage.sqlite3").exists()  # not made by it


def test_no_ledger_yet_starts_one_count_in_the_background(cli, home):
    ledger = home / ".local/share/codingplan/usage.sqlite3"
    assert cli("usage", "--line").stdout == "codingplan: no usage recorded yet\n"
    deadline = time.monotonic() + 60
    while not ledger.exists():  # made by the count it started, after it answered
        assert time.monotonic() < deadline, "no count was started"
        time.sleep(0.2)


def test_a_damaged_ledger_is_a_short_line_too(cli, home):
    ledger = home / ".local/share/codingplan/usage.sqlite3"
    ledger.parent.mkdir(parents=True)
    ledger.write_bytes(b"not a database" * 100)
    result = cli("usage", "--line")
    assert (result.returncode, result.stdout) == (0, "codingplan: usage unavailable\n")
    assert "Traceback" not in result.stderr


def _transcript_line(n: int) -> str:
    stamp = (datetime.now(UTC) - timedelta(minutes=1)).isoformat(timespec="milliseconds")
    return (
        json.dumps(
            {
                "type": "api-request",
                "sessionId": "s",
                "id": f"r{n}",
                "timestamp": stamp.replace("+00:00", "Z"),
                "params": {"model": "qwen3-coder-plus"},
            },
            separators=(",", ":"),
        )
        + "\n"
    )


def test_the_line_reads_the_ledger_and_a_later_one_sees_new_requests(cli, home):
    assert cli("settings", "set", "tier", "pro").returncode == 0
    transcript = home / ".claude/projects/p/s.jsonl"
    transcript.parent.mkdir(parents=True)
    transcript.write_text(_transcript_line(1))
    assert cli("usage", "--json").returncode == 0  # the ledger, as a refresh leaves it
    assert cli("usage", "--line").stdout.startswith("5h 5999/6000 left ↻")  # as the tray
    assert cli("settings", "set", "show", "used").stdout == "show = used\n"
    assert cli("usage", "--line").stdout.startswith("5h 1/6000 ↻")
    with open(transcript, "a") as handle:  # the tool writes on
        handle.write(_transcript_line(2))
    # This line is from the ledger as it was; it starts a refresh for the next one.
    assert cli("usage", "--line").stdout.startswith("5h 1/6000 ↻")
    deadline = time.monotonic() + 30
    while not cli("usage", "--line").stdout.startswith("5h 2/6000 ↻"):
        assert time.monotonic() < deadline, "the background refresh never came"
        time.sleep(0.2)


def test_the_line_follows_the_language_setting(cli, home):
    assert cli("settings", "set", "language", "zh_CN").returncode == 0
    expected = line_mod.words_for("zh_CN")(line_mod.NO_LEDGER)  # the built catalogue's
    assert cli("usage", "--line").stdout == f"codingplan: {expected}\n"


def test_the_line_loads_no_tool_no_keyring_no_qt(home):
    ledger = home / ".local/share/codingplan/usage.sqlite3"
    from codingplan.usage.ledger import Ledger

    Ledger(ledger).close()
    stdout, loaded = run_loading("usage", "--line")
    assert stdout.startswith("5h 0 used · ")
    heavy = (
        "argparse",  # the entry point tells the line apart before the CLI is loaded
        "logging",
        "codingplan.cli",
        "keyring",
        "httpx",
        "PySide6",
        "ruamel",
        "codingplan.integrations",
        "codingplan.tools.adapter",
        "codingplan.tools.edits",
        "codingplan.usage.scanner",
        "codingplan.outcomes",  # the plan's error texts: the ledger needs only the endings
        "codingplan.jsonc",  # the app writes its settings as plain JSON
        "platformdirs",  # on Linux the folders follow its XDG rule without it
    )
    assert not {m for m in loaded if m.startswith(heavy)}
