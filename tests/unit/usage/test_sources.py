"""Each tool's real records become the right requests, each counted once."""

from __future__ import annotations

import json
from pathlib import Path

from codingplan.outcomes import Outcome
from codingplan.usage.traffic import PlanTraffic
from codingplan.usage.windows import to_ms
from tests.unit.usage.conftest import CAPTURE_NOW, claude_line, make_opencode_db, place

NOW_MS = to_ms(CAPTURE_NOW)
DAY_MS = 86_400_000


def rows(tracker) -> list[tuple]:
    return tracker.ledger.db.execute(
        "SELECT source, model, outcome, secondary FROM requests ORDER BY time_ms"
    ).fetchall()


def counted(tracker) -> dict[str, int]:
    return tracker.ledger.count_by_source(NOW_MS - DAY_MS, NOW_MS)


def test_claude_code_api_request_and_its_assistant_line_count_once(home, tracker):
    place(home, ".claude/projects/-tmp-work/s1.jsonl", "claude-2.1.332-ok.jsonl")
    tracker.refresh()
    assert rows(tracker) == [("claude-code", "qwen3-coder-plus", "ok", 0)]


def test_claude_code_retried_quota_errors_mark_each_attempt(home, tracker):
    place(home, ".claude/projects/-tmp-work/s2.jsonl", "claude-2.1.332-quota-retries.jsonl")
    tracker.refresh()
    outcomes = [r[2] for r in rows(tracker)]
    # Ten attempts reached the server (it saw 10 POSTs), each answered "hour allocated
    # quota exceeded": ten rows, none counted against the quota, all quota signals.
    assert outcomes == ["quota_5h"] * 10
    assert counted(tracker) == {}
    assert tracker.ledger.quota_errors(0, NOW_MS)["5h"] > 0


def test_claude_code_transcripts_in_both_default_folders(home, tracker):
    place(home / ".claude", "projects/p/s1.jsonl", "claude-2.1.332-ok.jsonl")
    place(
        home / ".config/claude", "projects/p/s2/subagents/agent-1.jsonl", "claude-2.1.332-ok.jsonl"
    )
    tracker.refresh()
    # The same api-request id in two files is one request.
    assert tracker.ledger.total() == 1
    assert tracker.ledger.source_summary()["claude-code"]["files"] == 2


def test_claude_config_dir_is_one_folder_as_claude_code_reads_it(home, tracker, monkeypatch):
    """CLAUDE_CONFIG_DIR names Claude Code's one folder: its transcripts are read there, and
    the settings written there too (the same place, from the same definition)."""
    from codingplan.env import Env
    from codingplan.integrations import adapter

    folder = home / "elsewhere"
    place(folder, "projects/p/s1.jsonl", "claude-2.1.332-ok.jsonl")
    place(home / ".claude", "projects/p/s9.jsonl", "claude-2.1.332-ok.jsonl")
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(folder))
    tracker.refresh()
    assert tracker.ledger.source_summary()["claude-code"]["files"] == 1
    files = adapter("claude-code").config_files(Env.current())
    assert files[0].path == folder / "settings.json"


def _streamed(message_id: str, session: str, request_id: str | None, n: int, ts: str) -> str:
    lines = ""
    for i in range(n):
        fields = {
            "sessionId": session,
            "timestamp": ts,
            "uuid": f"{message_id}-{i}",
            "message": {"id": message_id, "model": "qwen3-coder-plus", "usage": {}},
        }
        if request_id:
            fields["requestId"] = request_id
        lines += claude_line("assistant", **fields)
    return lines


def test_claude_code_older_versions_streamed_lines_count_once_per_call(home, tracker):
    path = home / ".config/claude/projects/p/s.jsonl"
    path.parent.mkdir(parents=True)
    ts = "2026-11-28T03:00:00.000Z"
    path.write_text(
        _streamed("msg_1", "s", "req_1", 3, ts)  # one call, streamed as 3 lines
        + _streamed("msg_2", "s", None, 2, ts)  # no request id: message id in the session
        + _streamed("msg_2", "other", None, 2, ts)  # same id in another session: another call
        + claude_line(
            "assistant",
            sessionId="s",
            timestamp=ts,
            uuid="x",
            message={"id": "msg_3", "model": "claude-sonnet-4", "usage": {}},
        )
    )
    tracker.refresh()
    assert counted(tracker) == {"claude-code": 3}


def test_qwen_code_usage_log_and_chat_telemetry_are_one_call(home, tracker):
    place(home, ".qwen/usage/token-usage-2026-11.jsonl", "qwen-0.24.4-token-usage.jsonl")
    place(home, ".qwen/projects/-tmp-work/chats/a.jsonl", "qwen-0.24.4-chat-ok.jsonl")
    tracker.refresh()
    assert tracker.ledger.total() == 4  # both records of both calls are kept
    assert counted(tracker) == {"qwen-code": 2}  # the answer and the memory extractor


def test_qwen_code_chat_telemetry_counts_where_there_is_no_usage_log(home, tracker, monkeypatch):
    qwen_home = home / "elsewhere"
    monkeypatch.setenv("QWEN_HOME", str(qwen_home))
    place(qwen_home, "projects/-tmp-work/chats/a.jsonl", "qwen-0.24.4-chat-ok.jsonl")
    place(qwen_home, "projects/-tmp-work/chats/b.jsonl", "qwen-0.24.4-chat-quota.jsonl")
    tracker.refresh()
    assert counted(tracker) == {"qwen-code": 2}
    assert {r[2] for r in rows(tracker)} == {"ok", "quota_5h"}


def test_cline_session_files_ok_and_quota_error(home, tracker):
    session = ".cline/data/sessions/1/1.messages.json"
    place(home, session, "cline-3.0.65-ok.messages.json")
    place(home, ".cline/data/sessions/2/2.messages.json", "cline-3.0.65-quota.messages.json")
    tracker.refresh()
    assert sorted(r[2] for r in rows(tracker)) == ["ok", "quota_5h"]
    # Rewritten whole with one more call: read again, the first call not counted twice.
    path = home / session
    document = json.loads(path.read_text())
    extra = dict(document["messages"][1], id="msg_2", ts=document["messages"][1]["ts"] + 5000)
    document["messages"].append(extra)
    path.write_text(json.dumps(document))
    tracker.refresh()
    assert counted(tracker) == {"cline": 2}


def test_cline_vscode_task_files(home, tracker):
    tasks = home / ".config/Code/User/globalStorage/saoudrizwan.claude-dev/tasks/t1"
    tasks.mkdir(parents=True)
    started = {"request": "…", "tokensIn": 10, "tokensOut": 2}
    messages = [
        {"ts": NOW_MS - 60_000, "type": "say", "say": "text", "text": "hi"},
        {
            "ts": NOW_MS - 50_000,
            "type": "say",
            "say": "api_req_started",
            "text": json.dumps({**started, "modelId": "qwen3-coder-plus", "providerId": "openai"}),
        },
        {
            "ts": NOW_MS - 40_000,
            "type": "say",
            "say": "api_req_started",
            "text": json.dumps(started),
        },
        {"ts": NOW_MS - 30_000, "type": "say", "say": "api_req_started", "text": "{not json"},
    ]
    (tasks / "ui_messages.json").write_text(json.dumps(messages))
    (tasks / "task_metadata.json").write_text(
        json.dumps(
            {
                "model_usage": [
                    {
                        "ts": NOW_MS - 45_000,
                        "model_id": "qwen3-coder-plus",
                        "model_provider_id": "openai",
                    }
                ]
            }
        )
    )
    report = tracker.refresh()
    assert counted(tracker) == {"cline": 2}
    assert report.skipped == 1


def test_opencode_step_finish_and_title_call(home, tracker):
    make_opencode_db(home / ".local/share/opencode/opencode.db")
    tracker.refresh()
    # The server saw two POSTs: the answer (a step-finish part) and the session title.
    assert counted(tracker) == {"opencode": 2}


def test_opencode_other_providers_do_not_count(home, tracker):
    data = json.loads((Path(__file__).parent / "data/opencode-1.18.33-rows.json").read_text())
    for message in data["message"]:
        message["data"] = message["data"].replace('"codingplan"', '"alibaba"')
    make_opencode_db(home / ".local/share/opencode/opencode.db", data)
    tracker.refresh()
    assert counted(tracker) == {}


def test_opencode_provider_judged_by_its_base_url(home, tracker):
    make_opencode_db(home / ".local/share/opencode/opencode.db")
    config = home / ".config/opencode/opencode.jsonc"
    config.parent.mkdir(parents=True)
    config.write_text(
        '{ // comments are allowed\n "provider": {"codingplan": {"options": '
        '{"baseURL": "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",}}}}'
    )
    tracker.refresh()
    assert counted(tracker) == {}


def test_app_test_requests_count_wherever_they_went(home, tracker):
    """This app sent each one to the address the person gave: the plan (or its gateway) saw
    it, whatever origin a later scan runs with; refused ones cost nothing."""
    from codingplan import paths

    lines = [
        {
            "id": "a",
            "time": "2026-11-28T03:00:00.000Z",
            "protocol": "openai",
            "model": "qwen3-coder-plus",
            "origin": "https://coding-intl.dashscope.aliyuncs.com",
            "status": 200,
            "category": "ok",
        },
        {
            "id": "b",
            "time": "2026-11-28T03:01:00.000Z",
            "protocol": "anthropic",
            "model": "qwen3-coder-plus",
            "origin": "https://gw.example.com",
            "status": 200,
            "category": "ok",
        },
        {
            "id": "c",
            "time": "2026-11-28T03:02:00.000Z",
            "protocol": "openai",
            "model": "qwen3-coder-plus",
            "origin": "http://127.0.0.1:46625",
            "status": 429,
            "category": "quota_week",
        },
    ]
    path = paths.test_requests_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    tracker.refresh()
    assert counted(tracker) == {"app": 2}
    assert tracker.ledger.quota_errors(0, NOW_MS) == {"week": NOW_MS - 28 * 60_000}


def test_plan_traffic_rules():
    traffic = PlanTraffic.with_origins("http://127.0.0.1:8080/gw")
    assert traffic.request("qwen3-coder-plus", "https://coding.dashscope.aliyuncs.com/v1")
    assert traffic.request("qwen3-coder-plus", "http://127.0.0.1:8080/gw/v1")
    assert not traffic.request("qwen3-coder-plus", "http://127.0.0.1:8080/v1")  # not under it
    assert traffic.request("qwen3-coder-plus")  # no address recorded: the model decides
    assert not traffic.request("qwen3-coder-plus", "http://127.0.0.1:9999/v1")
    assert not traffic.request("qwen3-coder-plus", "https://dashscope.aliyuncs.com/v1")
    assert not traffic.request("Qwen3-Coder-Plus")  # ids are case-sensitive
    assert not traffic.request("claude-sonnet-4")
    assert Outcome.QUOTA_5H.value == "quota_5h"


def test_opencode_store_that_cannot_be_read_is_reported_and_retried(home, tracker):
    from codingplan.settings import Settings

    store = home / ".local/share/opencode/opencode.db"
    store.parent.mkdir(parents=True)
    store.write_bytes(b"not yet a database" * 10)
    report = tracker.refresh()
    assert list(report.errors) == [str(store)]
    status = {s["id"]: s for s in tracker.snapshot(Settings()).to_dict()["sources"]}
    assert status["opencode"]["error"]
    store.unlink()
    make_opencode_db(store)
    tracker.refresh()
    assert counted(tracker) == {"opencode": 2}
    status = {s["id"]: s for s in tracker.snapshot(Settings()).to_dict()["sources"]}
    assert status["opencode"]["error"] is None
