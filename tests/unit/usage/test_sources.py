"""Each tool's real records become the right requests, each counted once."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from codingplan.endings import Outcome
from codingplan.usage.tracker import Tracker
from codingplan.usage.traffic import PlanTraffic
from codingplan.usage.windows import to_ms
from tests.unit.usage.conftest import (
    CAPTURE_NOW,
    DATA,
    ORIGIN,
    claude_line,
    make_opencode_db,
    place,
    usage_sources,
)

NOW_MS = to_ms(CAPTURE_NOW)
DAY_MS = 86_400_000
EVER = (0, 2**62)  # the records of 2026-12-01 are later than CAPTURE_NOW


def rows(tracker) -> list[tuple]:
    return tracker.ledger.db.execute(
        "SELECT source, model, outcome, secondary FROM requests ORDER BY time_ms"
    ).fetchall()


def counted(tracker) -> dict[str, int]:
    return tracker.ledger.count_by_source(NOW_MS - DAY_MS, NOW_MS)


def place_tree(home: Path, relative: str, data_dir: str) -> Path:
    """Copy a captured folder of a tool's records (its own layout) into its place."""
    target = home / relative
    shutil.copytree(DATA / data_dir, target, dirs_exist_ok=True)
    return target


def sessions(tracker, source: str) -> list[tuple]:
    return tracker.ledger.db.execute(
        "SELECT outcome, secondary, session FROM requests WHERE source = ? ORDER BY time_ms",
        (source,),
    ).fetchall()


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


# --- calls the records of one kind miss (measured on 2026-12-01; server truth in comments) --


def test_claude_code_call_cut_by_ctrl_c_is_an_error(home, tracker):
    # The stand-in held the answer back; Ctrl+C: it saw 1 POST, cut. The transcript has the
    # api-request and then "[Request interrupted by user]".
    place(home, ".claude/projects/-tmp-work/s.jsonl", "claude-2.1.332-interrupted.jsonl")
    tracker.refresh()
    assert rows(tracker) == [("claude-code", "qwen3-coder-plus", "error", 0)]
    assert tracker.ledger.count_by_source(*EVER) == {"claude-code": 1}


def test_claude_code_stopped_while_waiting_to_retry_keeps_the_refusal(home, tracker):
    lines = (DATA / "claude-2.1.332-first429.jsonl").read_text().splitlines(keepends=True)
    until_error = next(i for i, line in enumerate(lines) if '"subtype":"api_error"' in line)
    interrupted = next(
        line
        for line in (DATA / "claude-2.1.332-interrupted.jsonl").read_text().splitlines(True)
        if "[Request interrupted by user]" in line
    )
    quoting = claude_line(
        "user",
        sessionId="s",
        message={"role": "user", "content": "what does [Request interrupted by user] mean?"},
    )
    path = home / ".claude/projects/-tmp-work/s.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text("".join(lines[: until_error + 1]) + quoting + interrupted)
    tracker.refresh()
    # The refused attempt stays refused (no quota used); nothing else was sent.
    assert [r[2] for r in rows(tracker)] == ["rate_limited"]
    assert tracker.ledger.count_by_source(*EVER) == {}


def test_claude_code_retried_429_counts_the_served_attempt(home, tracker):
    # Server: 2 POSTs, a 429 and then the answer.
    place(home, ".claude/projects/-tmp-work/s.jsonl", "claude-2.1.332-first429.jsonl")
    tracker.refresh()
    assert [r[2] for r in rows(tracker)] == ["rate_limited", "ok"]
    assert tracker.ledger.count_by_source(*EVER) == {"claude-code": 1}


def test_qwen_code_classifier_call_is_only_in_the_usage_record(home, tracker):
    # Auto mode: the server saw 3 POSTs (main, security classifier, main). The usage log and
    # the chat hold 2; usage_record.jsonl says 3 requests.
    place_tree(home, ".qwen", "qwen-0.24.4-classifier")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"qwen-code": 3}
    record = json.loads((home / ".qwen/usage_record.jsonl").read_text())
    (hidden,) = tracker.ledger.db.execute(
        "SELECT time_ms FROM requests WHERE secondary = 0 AND time_ms >= ?"
        " ORDER BY time_ms DESC LIMIT 1",
        (0,),
    ).fetchall()
    assert record["startTime"] <= hidden[0] <= record["timestamp"]
    # Read again (the file replaced by a copy of itself): counted once.
    path = home / ".qwen/usage_record.jsonl"
    path.write_bytes(path.read_bytes())
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"qwen-code": 3}


def test_qwen_code_usage_record_finds_the_chat_of_a_project_that_moved(home, tracker):
    # The chat is looked for in its project's folder first (named after the project's
    # path), then anywhere.
    place_tree(home, ".qwen", "qwen-0.24.4-classifier")
    path = home / ".qwen/usage_record.jsonl"
    path.write_text(path.read_text().replace('"project":"/tmp/', '"project":"/moved/'))
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"qwen-code": 3}


def test_qwen_code_resumed_sessions_usage_record_lines_are_cumulative(home, tracker):
    # A run with a classifier call, then --resume, then -c: 3 + 2 + 2 = 7 POSTs; the three
    # usage_record lines of the one session say 3, 4 and 6.
    place_tree(home, ".qwen", "qwen-0.24.4-resume-classifier")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"qwen-code": 7}


def test_qwen_code_refused_calls_are_not_hidden_calls(home, tracker):
    # Every call answered 429: 28 POSTs (each of 7 calls tried 4 times by the SDK), 7 chat
    # api_error records, usage_record "requests": 7. None used quota.
    place_tree(home, ".qwen", "qwen-0.24.4-persistent-429")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {}
    assert [r[0] for r in sessions(tracker, "qwen-code")] == ["rate_limited"] * 7


def test_qwen_code_call_cut_by_ctrl_c_is_in_no_record(home, tracker):
    # Ctrl+C during the 2nd call: 2 POSTs, the 2nd cut. Usage log 1, chat 1, usage_record 1:
    # the cut call is in no record (the measured shortfall).
    place_tree(home, ".qwen", "qwen-0.24.4-2nd-call-sigint")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"qwen-code": 1}


def test_qwen_code_usage_record_without_its_chat_adds_nothing(home, tracker):
    # Qwen Code writes a session's totals there when it deletes the session's recording:
    # without it, recorded and hidden calls cannot be told apart.
    place(
        home,
        ".qwen/usage/token-usage-2026-12.jsonl",
        "qwen-0.24.4-classifier/usage/token-usage-2026-12.jsonl",
    )
    place(home, ".qwen/usage_record.jsonl", "qwen-0.24.4-classifier/usage_record.jsonl")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"qwen-code": 2}


def test_qwen_code_usage_record_of_other_models_and_damaged_lines(home, tracker):
    place_tree(home, ".qwen", "qwen-0.24.4-classifier")
    path = home / ".qwen/usage_record.jsonl"
    record = json.loads(path.read_text())
    record["models"] = {"claude-sonnet-4": record["models"]["qwen3-coder-plus"]}
    path.write_text('{"models": {"requests": 3\n' + json.dumps(record) + "\n")
    report = tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"qwen-code": 2}
    assert report.skipped == 1


def test_cline_log_is_the_primary_record_of_lead_calls(home, tracker):
    # A 429, retried by the SDK: 2 POSTs, 1 served. One request line in the log, one
    # assistant message: one call.
    place_tree(home, ".cline/data", "cline-3.0.65-first429")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 1}
    session = "1796114255121_potrh"
    assert sessions(tracker, "cline") == [("ok", 0, session), ("ok", 1, session)]


def test_cline_call_cancelled_mid_request_counts_as_an_error(home, tracker):
    # The stand-in held the answer; Ctrl+C: 1 POST, cut. The messages file holds only the
    # user's message; the log has the request and "task.cancelled".
    place_tree(home, ".cline/data", "cline-3.0.65-slow-sigint")
    tracker.refresh()
    assert sessions(tracker, "cline") == [("error", 0, "1796114209800_l6spz")]
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 1}


def test_cline_quota_refusal_after_the_sdks_retries_is_not_counted(home, tracker):
    # Every POST answered "hour allocated quota exceeded": 6 POSTs (1 + 5 SDK retries), one
    # request line, an error message.
    place_tree(home, ".cline/data", "cline-3.0.65-quota")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {}
    assert [r[0] for r in sessions(tracker, "cline")] == ["quota_5h", "quota_5h"]
    assert "5h" in tracker.ledger.quota_errors(*EVER)


def test_cline_sub_agent_calls_counted_once(home, tracker):
    # The lead spawned a sub-agent: 4 POSTs (lead, sub, sub, lead). Lead file 2, sub-agent
    # file 2, log: 2 request lines and 4 task.tokens lines.
    place_tree(home, ".cline/data", "cline-3.0.65-subagent-ok")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 4}


def test_cline_sub_agent_stopped_mid_call(home, tracker):
    # While the sub-agent's 2nd call was in flight (3 POSTs so far) its file was still
    # empty: its finished call is in the log only.
    place_tree(home, ".cline/data", "cline-3.0.65-subagent-in-flight")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 2}
    # Then Ctrl+C: the sub-agent's file got its finished call (not the cut one), and the log
    # its loop aborted in iteration 2. Server: 3 POSTs, the 3rd cut.
    place_tree(home, ".cline/data", "cline-3.0.65-subagent-killed")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 3}
    root = "1796114368403_vvbn9"
    assert sessions(tracker, "cline") == [
        ("ok", 0, root),  # the log: the lead's call
        ("ok", 1, root),  # its message
        ("ok", 0, root),  # the log: the sub-agent's finished call
        ("ok", 1, root),  # its message, once the sub-agent's file was written
        ("error", 0, root),  # the cut call
    ]


def make_hub_db(path: Path, data_dir: str) -> Path:
    """Cline's hub event store holding the measured rows (the ones the parser reads)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.executescript(
        """
        PRAGMA journal_mode=WAL;
        CREATE TABLE hub_events (sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            event TEXT NOT NULL, session_id TEXT, envelope_json TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE INDEX idx_hub_events_session ON hub_events(session_id, sequence);
        """
    )
    rows = json.loads((DATA / data_dir / "hub-events.rows.json").read_text())
    db.executemany(
        "INSERT INTO hub_events VALUES (:sequence, :event, :session_id, :envelope_json,"
        " :created_at)",
        rows,
    )
    db.commit()
    db.close()
    return path


def place_hub_run(home: Path, data_dir: str) -> None:
    place_tree(home, ".cline/data/sessions", f"{data_dir}/sessions")
    make_hub_db(home / ".cline/data/db/hub-events-hub-production.db", data_dir)


def test_cline_hub_run_stopped_mid_request(home, tracker):
    # A second run goes through the hub daemon the first one left: nothing in cline.log.
    # Ctrl+C while its call was held: 1 POST, cut. The hub's store: iteration 1 started,
    # then the run failed ("... detached before request was resolved").
    place_hub_run(home, "cline-3.0.65-hub-stopped")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 1}
    assert [r[:2] for r in sessions(tracker, "cline")] == [("error", 0), ("ok", 1)]


def test_cline_hub_run_stopped_during_a_sub_agents_call(home, tracker):
    # Lead, sub-agent, sub-agent (cut): 3 POSTs, 3 iterations started in the hub's store;
    # the lead's file has 1 call, the sub-agent's file none.
    place_hub_run(home, "cline-3.0.65-hub-subagent-stopped")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 3}
    # Rows appended later are read from where the last read stopped, once.
    path = home / ".cline/data/db/hub-events-hub-production.db"
    db = sqlite3.connect(path)
    db.execute(
        "INSERT INTO hub_events (event, session_id, envelope_json, created_at)"
        " SELECT event, session_id, replace(envelope_json, 'hevt_', 'hevt_x'),"
        " (SELECT max(created_at) FROM hub_events) + 60000"
        " FROM hub_events WHERE event = 'iteration.started' ORDER BY sequence LIMIT 1"
    )
    db.commit()
    db.close()
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 4}


def test_cline_hub_store_made_again_is_read_from_its_start(home, tracker):
    place_hub_run(home, "cline-3.0.65-hub-stopped")
    tracker.refresh()
    path = home / ".cline/data/db/hub-events-hub-production.db"
    rows = sqlite3.connect(path).execute("SELECT * FROM hub_events ORDER BY sequence").fetchall()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE hub_events (sequence INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT,"
        " session_id TEXT, envelope_json TEXT, created_at INTEGER)"
    )
    later = [
        (event, session, envelope.replace("hevt_", "hevt_new"), created + 3_600_000)
        for _, event, session, envelope, created in rows
    ]
    db.executemany("INSERT INTO hub_events VALUES (NULL, ?, ?, ?, ?)", later)
    db.commit()
    db.close()
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 2}  # its sequence began again


def test_cline_hub_run_whose_session_row_was_pruned(home, tracker):
    # The store keeps a week of rows: a session's first row (naming its model) may be gone
    # while its calls are not; its manifest names the model too.
    place_hub_run(home, "cline-3.0.65-hub-stopped")
    path = home / ".cline/data/db/hub-events-hub-production.db"
    db = sqlite3.connect(path)
    db.execute("DELETE FROM hub_events WHERE event = 'session.created'")
    db.commit()
    db.close()
    session = "1796118359200_vnnwa"
    manifest = {"session_id": session, "provider": "openai-compatible", "model": "qwen3-coder-plus"}
    (home / f".cline/data/sessions/{session}/{session}.json").write_text(json.dumps(manifest))
    tracker.refresh()
    assert [r[:2] for r in sessions(tracker, "cline")] == [("error", 0), ("ok", 1)]
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 1}


def test_cline_hub_calls_of_an_unknown_model_leave_the_messages_counted(home, tracker):
    place_hub_run(home, "cline-3.0.65-hub-stopped")
    path = home / ".cline/data/db/hub-events-hub-production.db"
    db = sqlite3.connect(path)
    db.execute("DELETE FROM hub_events WHERE event = 'session.created'")
    db.commit()
    db.close()
    tracker.refresh()
    assert [r[:2] for r in sessions(tracker, "cline")] == [("ok", 1)]
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 1}


def test_cline_hub_run_refused_for_quota(home, tracker):
    # Every POST answered "hour allocated quota exceeded": 6 POSTs, one iteration, the run
    # failed with the error, an error message in the lead's file.
    place_hub_run(home, "cline-3.0.65-hub-quota")
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {}
    assert [r[0] for r in sessions(tracker, "cline")] == ["quota_5h", "quota_5h"]


def test_cline_sessions_without_a_log_still_count(home, tracker):
    # Without a log (CLINE_LOG_ENABLED=0, or the hub's store pruned) the messages count.
    place_tree(home, ".cline/data", "cline-3.0.65-first429")
    (home / ".cline/data/logs/cline.log").unlink()
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 1}


def test_cline_log_calls_to_another_provider_do_not_count(home, tracker):
    place_tree(home, ".cline/data", "cline-3.0.65-slow-sigint")
    providers = home / ".cline/data/settings/providers.json"
    providers.parent.mkdir(parents=True)
    base = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"
    settings = {"provider": "openai-compatible", "baseUrl": base}
    providers.write_text(json.dumps({"providers": {"openai-compatible": {"settings": settings}}}))
    tracker.refresh()
    assert tracker.ledger.total() == 0


def test_cline_log_where_cline_log_path_puts_it(home, tracker, monkeypatch):
    from codingplan.env import Env
    from codingplan.integrations.cline import locations
    from codingplan.usage.watcher import relevant

    elsewhere = home / "logs/mine.log"
    elsewhere.parent.mkdir()
    shutil.copy(DATA / "cline-3.0.65-slow-sigint/logs/cline.log", elsewhere)
    monkeypatch.setenv("CLINE_LOG_PATH", str(elsewhere))
    assert locations.log_file(Env.current()) == elsewhere
    assert elsewhere.parent in tracker.roots() and relevant(str(elsewhere))
    tracker.refresh()
    assert tracker.ledger.count_by_source(*EVER) == {"cline": 1}


def test_cline_calls_an_older_version_stored_are_counted_once_after_the_upgrade(home, ledger_file):
    # The version before stored each Cline message as a primary call of its own. Its ledger
    # (schema 3) already holds the session's call; the log now records the same call.
    data = place_tree(home, ".cline/data", "cline-3.0.65-first429")
    log = data / "logs" / "cline.log"
    held = log.read_bytes()
    log.unlink()
    traffic = PlanTraffic.with_origins(ORIGIN)
    with Tracker(ledger_file, traffic=traffic, sources=usage_sources, workers=1) as old:
        old.refresh()
        old.ledger.db.execute("UPDATE requests SET secondary = 0")
        old.ledger.db.execute("UPDATE meta SET value = '3' WHERE key = 'schema'")
    log.write_bytes(held)
    with Tracker(ledger_file, traffic=traffic, sources=usage_sources, workers=1) as new:
        new.refresh()
        assert new.ledger.count_by_source(*EVER) == {"cline": 1}
        assert sorted(r[1] for r in sessions(new, "cline")) == [0, 1]
