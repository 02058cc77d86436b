"""Records and files no tool should write, read through the ``codingplan`` command: absurd
nesting and times no calendar holds are skipped and counted, never stored in a way that
breaks a later read, and no command ends in a traceback."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from codingplan import integrations, paths
from codingplan.env import Env
from tests.unit.usage.conftest import ORIGIN, claude_line, make_opencode_db, place

DEEP = "[" * 1000 + "]" * 1000
DEEP_OBJECT = '{"a":' * 1000 + "1" + "}" * 1000
ZONES = ("Asia/Shanghai", "Pacific/Kiritimati", "Etc/GMT+12", "UTC")
FAR_FUTURE = "9999-12-31T20:00:00Z"


def now_iso(offset_s: float = -60) -> str:
    moment = time.gmtime(time.time() + offset_s)
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", moment)


def api_request(n: int, stamp: str) -> str:
    return claude_line(
        "api-request",
        sessionId="s",
        id=f"r{n}",
        timestamp=stamp,
        params={"model": "qwen3-coder-plus"},
    )


def usage(cli, tz: str = "UTC", *args: str) -> dict:
    result = cli("usage", "--json", "--origin", ORIGIN, *args, env={"TZ": tz})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    assert data["ok"] is True
    text = cli("usage", "--origin", ORIGIN, env={"TZ": tz})
    assert text.returncode == 0 and "Traceback" not in text.stderr, text.stderr
    return data


def source(data: dict, source_id: str) -> dict:
    return next(s for s in data["sources"] if s["id"] == source_id)


def test_a_deeply_nested_transcript_line_is_skipped_and_counted(cli, home):
    transcript = home / ".claude/projects/p/s.jsonl"
    transcript.parent.mkdir(parents=True)
    transcript.write_text(
        '{"type":"assistant","message":{"id":"m","content":' + DEEP + "}}\n"
        + api_request(1, now_iso())
        + '{"type":"api-request","id":"deep","x":' + DEEP + "}\n"
    )  # fmt: skip
    data = usage(cli)
    assert data["windows"]["5h"]["used"] == 1
    assert source(data, "claude-code")["skipped"] == 2


def test_a_deeply_nested_test_request_record_is_skipped_and_counted(cli, home):
    record = paths.test_requests_file()
    record.parent.mkdir(parents=True)
    record.write_text('{"id": "x", "time": "' + now_iso() + '", "deep": ' + DEEP + "}\n")
    data = usage(cli)
    assert source(data, "app")["skipped"] == 1
    assert data["windows"]["5h"]["used"] == 0


def test_a_deeply_nested_cline_session_is_skipped_and_counted(cli, home):
    folder = home / ".cline/data/sessions/1"
    folder.mkdir(parents=True)
    (folder / "1.messages.json").write_text('{"messages": [' + DEEP + "]}")
    data = usage(cli)
    assert source(data, "cline")["skipped"] == 1


def test_a_deeply_nested_opencode_config_does_not_stop_the_count(cli, home):
    make_opencode_db(home / ".local/share/opencode/opencode.db")
    config = home / ".config/opencode/opencode.json"
    config.parent.mkdir(parents=True)
    config.write_text(DEEP_OBJECT)
    data = usage(cli)
    assert source(data, "opencode")["files"] == 1


@pytest.mark.parametrize("tool", integrations.AUTOMATIC_IDS)
def test_a_deeply_nested_tool_config_gets_a_sentence(cli, home, tool, stored_key):
    for config in integrations.adapter(tool).config_files(Env.current()):
        config.path.parent.mkdir(parents=True, exist_ok=True)
        text = DEEP_OBJECT if config.path.suffix != ".yaml" else "a: " + DEEP + "\n"
        config.path.write_text(text if config.path.suffix != ".env" else f"A={DEEP}\n")
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    listed = cli("tools", "--json", "--origin", ORIGIN)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
    row = next(t for t in json.loads(listed.stdout)["tools"] if t["id"] == tool)
    assert row["state"] in ("unreadable", "not_installed", "not_configured"), row
    for args in (["--dry-run"], ["--yes"]):
        result = cli("configure", tool, *args, "--json", "--origin", ORIGIN)
        assert "Traceback" not in result.stderr, result.stderr
        data = json.loads(result.stdout)
        assert isinstance(data["ok"], bool)
        if not data["ok"]:
            assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    # A file that does not parse is left byte for byte as it was.
    for path, raw in before.items():
        if path.suffix in (".json", ".jsonc", ".yaml") and raw.startswith((b"{", b"a:")):
            assert path.read_bytes() == raw, path


@pytest.mark.parametrize("tz", ZONES)
def test_a_time_past_year_9999_in_any_zone_is_refused_and_never_stored(cli, home, tz):
    transcript = home / ".claude/projects/p/s.jsonl"
    transcript.parent.mkdir(parents=True)
    transcript.write_text(
        api_request(1, FAR_FUTURE)
        + api_request(2, "1970-01-01T00:00:00Z")  # before the plan existed
        + api_request(3, now_iso(3 * 86400))  # days ahead of this computer's clock
        + api_request(4, now_iso())
    )
    data = usage(cli, tz)
    assert data["windows"]["5h"]["used"] == 1
    assert source(data, "claude-code")["requests"] == 1
    transcript.unlink()  # the log is gone: the ledger alone must still read
    data = usage(cli, tz)
    assert data["windows"]["5h"]["used"] == 1
    with sqlite3.connect(paths.data_dir() / "usage.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM requests").fetchone() == (1,)


def test_cline_and_opencode_times_out_of_range_are_skipped(cli, home):
    folder = home / ".cline/data/sessions/1"
    place(home, ".cline/data/sessions/1/1.messages.json", "cline-3.0.65-ok.messages.json")
    session = folder / "1.messages.json"
    document = json.loads(session.read_text())
    good = document["messages"][1]
    good["ts"] = int(time.time() * 1000) - 60_000
    for n, ts in enumerate((10**30, -(10**20), 253402300800000, 0, True)):
        document["messages"].append(dict(good, id=f"bad{n}", ts=ts))
    session.write_text(json.dumps(document))

    rows = json.loads(Path("tests/unit/usage/data/opencode-1.18.33-rows.json").read_text())
    for message in rows["message"]:
        data = json.loads(message["data"])
        data.setdefault("time", {})["created"] = 10**30
        message["data"] = json.dumps(data)
        message["time_created"] = 2**62
        message["time_updated"] = 2**62
    make_opencode_db(home / ".local/share/opencode/opencode.db", rows)

    data = usage(cli, "Asia/Shanghai")
    assert source(data, "cline")["requests"] == 1
    assert source(data, "cline")["skipped"] == 5
    with sqlite3.connect(paths.data_dir() / "usage.sqlite3") as db:
        latest = db.execute("SELECT max(time_ms) FROM requests").fetchone()[0]
        cursor = db.execute("SELECT max(offset) FROM files").fetchone()[0]
    assert latest <= (time.time() + 86400) * 1000
    assert cursor <= (time.time() + 86400) * 1000  # a later read still sees new rows


@pytest.mark.parametrize("tz", ZONES)
def test_rows_already_in_the_ledger_outside_any_calendar_do_not_break_reading(cli, home, tz):
    """Ledgers written before times were checked may hold such rows: an older version's,
    which this version upgrades (its tallies are made from the rows it holds)."""
    assert usage(cli, tz)["ok"]  # creates the ledger
    with sqlite3.connect(paths.data_dir() / "usage.sqlite3") as db:
        db.execute("UPDATE meta SET value = '4' WHERE key = 'schema'")
        for n, t in enumerate((253402300799999, -62135596800000, 2**62, -(2**62), 0)):
            db.execute(
                "INSERT INTO requests VALUES (?, 'claude-code', ?, 'qwen3-coder-plus', 'ok', '', 0)",
                (n + 1, t),
            )
        db.execute(
            "INSERT INTO calibrations (window, time_ms, used, total) VALUES ('week', ?, 5, NULL)",
            (2**62,),
        )
    data = usage(cli, tz)
    assert source(data, "claude-code")["last_request"]


def test_a_lone_surrogate_in_a_tools_record_is_skipped_and_counted(cli, home):
    """``"\\ud800"`` is valid JSON, but no UTF-8 store holds it: each such record is
    skipped and counted, and every other record is read."""
    transcript = home / ".claude/projects/p/s.jsonl"
    transcript.parent.mkdir(parents=True)
    bad = api_request(1, now_iso()).replace('"sessionId":"s"', '"sessionId":"\\ud800"')
    transcript.write_text(bad + api_request(2, now_iso()))

    usage_log = home / ".qwen/usage/token-usage-2026-12.jsonl"
    usage_log.parent.mkdir(parents=True)
    usage_line = {"id": "u1", "timestamp": now_iso(), "model": "qwen3-coder-plus"}
    usage_log.write_text(json.dumps(dict(usage_line, sessionId="\udce9")) + "\n")

    folder = home / ".cline/data/sessions/1"
    place(home, ".cline/data/sessions/1/1.messages.json", "cline-3.0.65-ok.messages.json")
    session = folder / "1.messages.json"
    document = json.loads(session.read_text())
    for message in document["messages"]:
        message["ts"] = int(time.time() * 1000) - 60_000
    session.write_text(json.dumps(dict(document, sessionId="\ud800")))

    data = usage(cli)
    assert source(data, "claude-code")["requests"] == 1
    assert source(data, "claude-code")["skipped"] == 1
    assert source(data, "qwen-code")["skipped"] == 1
    assert source(data, "cline")["skipped"] >= 1
    assert data["windows"]["5h"]["used"] == 1


def test_an_opencode_provider_given_as_a_list_is_skipped_and_counted(cli, home):
    rows = json.loads(Path("tests/unit/usage/data/opencode-1.18.33-rows.json").read_text())
    for message in rows["message"]:
        data = json.loads(message["data"])
        if data.get("role") == "assistant":
            data["providerID"] = ["alibaba-coding-plan"]
        message["data"] = json.dumps(data)
    make_opencode_db(home / ".local/share/opencode/opencode.db", rows)
    data = usage(cli)
    assert source(data, "opencode")["skipped"] == 1
    assert source(data, "opencode")["error"] is None


def continue_config(home: Path, text: str) -> Path:
    config = home / ".continue/config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(text)
    return config


def tools_and_configure_continue(cli) -> None:
    """``tools`` lists every tool, Continue's file unreadable; ``configure continue`` says
    why in one line and changes nothing."""
    listed = cli("tools", "--json", "--origin", ORIGIN, timeout=30)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
    rows = {t["id"]: t for t in json.loads(listed.stdout)["tools"]}
    assert set(integrations.AUTOMATIC_IDS) <= set(rows)
    assert rows["continue"]["state"] == "unreadable"
    result = cli("configure", "continue", "--yes", "--origin", ORIGIN, timeout=30)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "config.yaml does not parse" in result.stderr


def test_a_number_past_pythons_digit_limit_in_continues_config_gets_a_sentence(
    cli, home, stored_key
):
    config = continue_config(home, "models:\n  - name: x\n    contextLength: " + "9" * 5000 + "\n")
    before = config.read_bytes()
    tools_and_configure_continue(cli)
    assert config.read_bytes() == before


BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_a_billion_laughs_config_for_continue_is_refused_at_once(cli, home, stored_key):
    config = continue_config(home, BILLION_LAUGHS)
    assert len(BILLION_LAUGHS) < 1100
    tools_and_configure_continue(cli)
    assert config.read_text() == BILLION_LAUGHS
