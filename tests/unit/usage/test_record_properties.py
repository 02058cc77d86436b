"""Each tool's record parser against any line or file a tool (or anyone) could leave: real
records with any field replaced by any JSON value (lone surrogates, numbers past 64 bits or
past Python's digit limit, NaN, nesting, wrong types) or removed, and lines of raw bytes.

Every record is read through the scanner into a real ledger: nothing raises, nothing hangs,
every request found can be stored, and a record that cannot be used is skipped and counted.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codingplan.integrations.claude_code.usage import PARSER as CLAUDE
from codingplan.integrations.cline.usage import (
    TASK_PARSER as CLINE_TASK_PARSER,
)
from codingplan.integrations.cline.usage import (
    ClineHubParser,
    ClineLogParser,
    ClineSessionParser,
)
from codingplan.integrations.continue_dev.usage import ContinueSessionParser
from codingplan.integrations.opencode.usage import OpenCodeParser
from codingplan.integrations.qwen_code.usage import (
    CHAT_PARSER as QWEN_CHAT,
)
from codingplan.integrations.qwen_code.usage import (
    USAGE_PARSER as QWEN_USAGE,
)
from codingplan.integrations.qwen_code.usage import (
    QwenRecordParser,
)
from codingplan.usage.ledger import Ledger
from codingplan.usage.reading import Stat
from codingplan.usage.scanner import FileResult, scan
from codingplan.usage.source import Parser, Target
from codingplan.usage.test_requests import PARSER as APP
from codingplan.usage.traffic import PlanTraffic
from tests.depth import examples
from tests.unit.usage.conftest import DATA, ORIGIN

TRAFFIC = PlanTraffic.with_origins(ORIGIN)
EXAMPLES = settings(
    max_examples=examples(2000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# A number no JSON encoder writes (past Python's 4,300-digit limit): put in as text.
HUGE = "\x00huge\x00"
HUGE_DIGITS = "9" * 5000
SURROGATES = st.sampled_from(["\ud800", "\udfff", "\udce9", "a\ud83d", "\udc00b"])
TEXTS = st.one_of(
    st.text(max_size=12),
    SURROGATES,
    st.sampled_from(["", "qwen3-coder-plus", "assistant", "api-request", "ok", "\x1b[31m"]),
)
NUMBERS = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([0, -1, 2**63, -(2**63) - 1, 10**30, 1796118493329, HUGE]),
    st.floats(allow_nan=True, allow_infinity=True),
)
VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), NUMBERS, TEXTS),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3),
    max_leaves=6,
)
REMOVED = object()


def dumps(value: Any) -> str:
    """JSON text of ``value`` as the tools write it (compact, surrogates escaped)."""
    return json.dumps(value, separators=(",", ":")).replace(json.dumps(HUGE), HUGE_DIGITS)


def paths_in(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON value (the value itself included)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += paths_in(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += paths_in(child, (*prefix, index))
    return found


def replaced(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return None if new is REMOVED else new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        copy = dict(value)
        if not rest and new is REMOVED:
            copy.pop(head, None)
        else:
            copy[head] = replaced(value[head], rest, new)
        return copy
    copy = list(value)
    if not rest and new is REMOVED:
        del copy[head]
    else:
        copy[head] = replaced(value[head], rest, new)
    return copy


def at(value: Any, path: tuple) -> Any:
    for key in path:
        value = value[key]
    return value


@st.composite
def changed(draw: st.DrawFn, old: Any) -> Any:
    """What a place may hold instead of ``old``: nothing, anything, or ``old`` spoiled (a
    surrogate added to its text, a number of another kind)."""
    kinds = [st.just(REMOVED), VALUES]
    if isinstance(old, str):
        kinds.append(SURROGATES.map(lambda s: old + s))
    if isinstance(old, int | float) and not isinstance(old, bool):
        kinds.append(NUMBERS)
        kinds.append(st.just(str(old)))
    return draw(st.one_of(kinds))


@st.composite
def mutated(draw: st.DrawFn, templates: list[Any]) -> Any:
    """One of ``templates`` with up to three of its places given any value, or removed."""
    value = draw(st.sampled_from(templates))
    for _ in range(draw(st.integers(0, 3))):
        where = draw(st.sampled_from(paths_in(value)))
        value = replaced(value, where, draw(changed(at(value, where))))
    return value


@st.composite
def jsonl(draw: st.DrawFn, templates: list[Any]) -> bytes:
    """A few lines: mutated records, and now and then raw bytes."""
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.binary(max_size=40)))
        else:
            lines.append(dumps(draw(mutated(templates))).encode())
    return b"\n".join(lines) + b"\n"


def records_of(*names: str) -> list[Any]:
    found = []
    for name in names:
        for path in sorted(DATA.glob(name)):
            for line in path.read_text().splitlines():
                if line.strip():
                    found.append(json.loads(line))
    return found


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Ledger:
    return Ledger(tmp_path_factory.mktemp("ledger") / "usage.sqlite3")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("records")


def read_into(ledger: Ledger, source: str, parser: Parser, path: Path) -> FileResult:
    """The file read by the scanner as a refresh reads it, and stored in the ledger."""
    target = Target(source, parser, str(path))
    result = scan(target, None, Stat.of(os.stat(path)), TRAFFIC)
    assert result.error is None, result.error
    ledger.commit([result])
    for row in result.rows:  # what the ledger holds can be read back and shown
        for text in (row[1], row[3], row[4], row[5]):  # source, model, outcome, session
            assert isinstance(text, str)
            text.encode("utf-8")
        assert all(-(2**63) <= n < 2**63 for n in (row[0], row[2]))
    return result


def check_append(ledger: Ledger, path: Path, source: str, parser: Parser, data: bytes) -> None:
    path.write_bytes(data)
    read_into(ledger, source, parser, path)


CLAUDE_RECORDS = records_of("claude-2.1.332-*.jsonl")
QWEN_USAGE_RECORDS = records_of("qwen-0.24.4-token-usage.jsonl", "qwen-*/usage/*.jsonl")
QWEN_CHAT_RECORDS = [
    r for r in records_of("qwen-0.24.4-chat-*.jsonl") if r.get("subtype") == "ui_telemetry"
]
QWEN_RUN_RECORDS = records_of("qwen-*/usage_record.jsonl")
CLINE_LOG_RECORDS = [
    r
    for r in records_of("cline-3.0.65-*/logs/cline.log")
    if any(n.decode().strip('"') in json.dumps(r) for n in ClineLogParser.needles)
]
APP_RECORDS = [
    {
        "id": "5f1c",
        "time": "2026-11-28T03:10:00.000Z",
        "protocol": "openai",
        "model": "qwen3-coder-plus",
        "origin": ORIGIN,
        "status": 429,
        "category": "quota_5h",
        "identity": "QwenCode/0.24.4",
        "reset_at": "2026-11-28T05:00:00+00:00",
    }
]


@EXAMPLES
@given(data=jsonl(CLAUDE_RECORDS))
def test_claude_code_transcripts(ledger, folder, data):
    check_append(ledger, folder / "claude.jsonl", "claude-code", CLAUDE, data)


@EXAMPLES
@given(data=jsonl(QWEN_USAGE_RECORDS))
def test_qwen_code_usage_log(ledger, folder, data):
    check_append(ledger, folder / "token-usage.jsonl", "qwen-code", QWEN_USAGE, data)


@EXAMPLES
@given(data=jsonl(QWEN_CHAT_RECORDS))
def test_qwen_code_chat_recordings(ledger, folder, data):
    check_append(ledger, folder / "chat.jsonl", "qwen-code", QWEN_CHAT, data)


@EXAMPLES
@given(data=jsonl(QWEN_RUN_RECORDS), chat=jsonl(QWEN_CHAT_RECORDS))
def test_qwen_code_run_totals(ledger, folder, data, chat):
    # Each run's totals are set against the session's chat recording: a hostile one too.
    root = folder / "qwen"
    for record in QWEN_RUN_RECORDS:
        chats = root / "projects" / "p" / "chats"
        chats.mkdir(parents=True, exist_ok=True)
        (chats / f"{record['sessionId']}.jsonl").write_bytes(chat)
    parser = QwenRecordParser((str(root),))
    check_append(ledger, folder / "usage_record.jsonl", "qwen-code", parser, data)


@EXAMPLES
@given(data=jsonl(CLINE_LOG_RECORDS))
def test_cline_log(ledger, folder, data):
    parser = ClineLogParser(str(folder / "no-providers.json"))
    check_append(ledger, folder / "cline.log", "cline", parser, data)


@EXAMPLES
@given(data=jsonl(APP_RECORDS))
def test_the_apps_own_test_requests(ledger, folder, data):
    check_append(ledger, folder / "test-requests.jsonl", "app", APP, data)


def whole_files(*names: str) -> list[Any]:
    return [json.loads(p.read_text()) for name in names for p in sorted(DATA.glob(name))]


CLINE_SESSIONS = whole_files("cline-3.0.65-*.messages.json", "cline-3.0.65-*/sessions/*/*.json")
CLINE_TASKS = [
    [
        {"ts": 1796114255121, "type": "say", "say": "text", "text": "hi"},
        {
            "ts": 1796114256121,
            "type": "say",
            "say": "api_req_started",
            "text": json.dumps({"modelId": "qwen3-coder-plus", "providerId": "openai"}),
        },
        {"ts": 1796114257121, "type": "say", "say": "api_req_started", "text": "{}"},
    ]
]
CONTINUE_SESSIONS = [
    {
        "sessionId": "9d0c2f4e",
        "title": "pong",
        "history": [
            {"message": {"role": "user", "content": "Reply with the single word: pong"}},
            {
                "message": {
                    "role": "assistant",
                    "content": "pong",
                    "usage": {"model": "qwen3-coder-plus", "prompt_tokens": 9},
                }
            },
        ],
    }
]


def check_whole(ledger: Ledger, path: Path, source: str, parser: Parser, document: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(document)
    read_into(ledger, source, parser, path)


@EXAMPLES
@given(document=mutated(CLINE_SESSIONS))
def test_cline_session_files(ledger, folder, document):
    parser = ClineSessionParser(str(folder / "no-providers.json"))
    path = folder / "cline" / "s1" / "s1.messages.json"
    check_whole(ledger, path, "cline", parser, dumps(document).encode())


@EXAMPLES
@given(document=mutated(CLINE_TASKS), metadata=VALUES)
def test_cline_task_files(ledger, folder, document, metadata):
    path = folder / "tasks" / "t1" / "ui_messages.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "task_metadata.json").write_text(dumps({"model_usage": metadata}))
    check_whole(ledger, path, "cline", CLINE_TASK_PARSER, dumps(document).encode())


@EXAMPLES
@given(document=mutated(CONTINUE_SESSIONS), index=VALUES)
def test_continue_session_files(ledger, folder, document, index):
    path = folder / "continue" / "sessions" / "9d0c2f4e.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "sessions.json").write_text(dumps(index))
    parser = ContinueSessionParser(str(folder / "continue" / "config.yaml"))
    check_whole(ledger, path, "continue", parser, dumps(document).encode())


SQLITE_VALUES = st.one_of(
    st.none(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    TEXTS.filter(lambda t: not any(0xD800 <= ord(c) <= 0xDFFF for c in t)),
    st.binary(max_size=8),
)


@st.composite
def rows_of(draw: st.DrawFn, rows: list[dict[str, Any]], json_column: str) -> list[dict]:
    """The captured rows, a few of them with a mutated JSON column or any value in a column."""
    found = [dict(r) for r in rows]
    for _ in range(draw(st.integers(0, 3))):
        row = draw(st.sampled_from(found))
        column = draw(st.sampled_from(sorted(row)))
        if column == json_column and isinstance(row[column], str) and draw(st.booleans()):
            try:
                document = json.loads(row[column])
            except ValueError:
                continue
            row[column] = dumps(draw(mutated([document])))
        else:
            row[column] = draw(SQLITE_VALUES)
    return found


def database(path: Path, schema: str, table: str, rows: list[dict]) -> Path:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")  # a scratch store, made thousands of times
    db.execute("PRAGMA journal_mode=OFF")
    db.executescript(schema)
    for row in rows:
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        with contextlib.suppress(sqlite3.IntegrityError):  # a key SQLite itself refuses
            db.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values()))
    db.commit()
    db.close()
    return path


OPENCODE_ROWS = json.loads((DATA / "opencode-1.18.33-rows.json").read_text())
OPENCODE_SCHEMA = """
CREATE TABLE session (id TEXT PRIMARY KEY, parent_id TEXT, title TEXT,
    time_created INTEGER, time_updated INTEGER);
CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT,
    time_created INTEGER, time_updated INTEGER, data TEXT);
"""


@EXAMPLES
@given(messages=rows_of(OPENCODE_ROWS["message"], "data"))
def test_opencode_store(ledger, folder, messages):
    path = folder / "opencode.db"
    database(path, OPENCODE_SCHEMA, "message", messages)
    db = sqlite3.connect(path)
    for row in OPENCODE_ROWS["session"]:
        keep = {k: v for k, v in row.items() if k in ("id", "parent_id", "title")}
        keep.update(time_created=row["time_created"], time_updated=row["time_updated"])
        db.execute("INSERT INTO session VALUES (:id, :parent_id, :title, :time_created,"
                   " :time_updated)", keep)  # fmt: skip
    db.commit()
    db.close()
    read_into(ledger, "opencode", OpenCodeParser("opencode", ()), path)


def _compact(row: dict[str, Any]) -> dict[str, Any]:
    """A hub row without the copies of the session it carries (long, and never read)."""
    envelope = json.loads(row["envelope_json"])
    payload = envelope.get("payload") or {}
    for name in ("snapshot", "result"):
        payload.pop(name, None)
    session = payload.get("session")
    if isinstance(session, dict):
        payload["session"] = {"metadata": session.get("metadata", {})}
        payload["session"]["metadata"].pop("systemPrompt", None)
    return dict(row, envelope_json=json.dumps(envelope, separators=(",", ":")))


HUB_ROWS = [
    _compact(row)
    for row in json.loads((DATA / "cline-3.0.65-hub-quota" / "hub-events.rows.json").read_text())
    if row["event"] in ("session.created", "iteration.started", "usage.updated", "run.failed")
]
HUB_SCHEMA = """
CREATE TABLE hub_events (sequence INTEGER PRIMARY KEY AUTOINCREMENT, event TEXT,
    session_id TEXT, envelope_json TEXT, created_at INTEGER);
"""


@EXAMPLES
@given(rows=rows_of(HUB_ROWS, "envelope_json"))
def test_cline_hub_store(ledger, folder, rows):
    path = database(folder / "hub-events.db", HUB_SCHEMA, "hub_events", rows)
    parser = ClineHubParser(str(folder / "no-providers.json"), (str(folder / "cline"),))
    read_into(ledger, "cline", parser, path)


# --- the cases seen, each of which stopped every ``usage`` ------------------------------------

Case = Callable[[Path], tuple[str, Parser, Path]]


def lone_surrogate_session(folder: Path) -> tuple[str, Parser, Path]:
    path = folder / "claude.jsonl"
    line = dict(CLAUDE_RECORDS[0], sessionId="\ud800")
    good = next(r for r in CLAUDE_RECORDS if r.get("type") == "api-request")
    path.write_text(dumps(dict(good, sessionId="\ud800")) + "\n" + dumps(line) + "\n")
    return "claude-code", CLAUDE, path


def test_a_lone_surrogate_in_a_claude_session_id_is_skipped_and_counted(ledger, tmp_path):
    source, parser, path = lone_surrogate_session(tmp_path)
    result = read_into(ledger, source, parser, path)
    assert result.rows == [] and result.skipped == 1
    assert result.state is not None and result.state.skipped == 1


def test_a_lone_surrogate_in_a_qwen_usage_line_is_skipped_and_counted(ledger, tmp_path):
    path = tmp_path / "token-usage.jsonl"
    good = QWEN_USAGE_RECORDS[0]
    lines = [dict(good, sessionId="\udce9"), dict(good, id="\ud800"), good]
    path.write_text("".join(dumps(line) + "\n" for line in lines))
    result = read_into(ledger, "qwen-code", QWEN_USAGE, path)
    assert len(result.rows) == 1 and result.skipped == 2


def test_a_lone_surrogate_in_a_cline_session_file_costs_that_file_only(ledger, tmp_path):
    document = dict(CLINE_SESSIONS[0], sessionId="\ud800")
    path = tmp_path / "s" / "s.messages.json"
    path.parent.mkdir()
    path.write_text(dumps(document))
    parser = ClineSessionParser(str(tmp_path / "none.json"))
    result = read_into(ledger, "cline", parser, path)
    assert result.rows == [] and result.skipped >= 1


def test_an_opencode_provider_given_as_a_list_is_skipped_and_counted(ledger, tmp_path):
    messages = [dict(m) for m in OPENCODE_ROWS["message"]]
    data = json.loads(messages[-1]["data"])
    assert data.get("role") == "assistant"
    messages[-1]["data"] = json.dumps(dict(data, providerID=["alibaba-coding-plan"]))
    path = database(tmp_path / "opencode.db", OPENCODE_SCHEMA, "message", messages)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE IF NOT EXISTS session (id, parent_id, title, time_created,"
               " time_updated)")  # fmt: skip
    db.commit()
    db.close()
    result = read_into(ledger, "opencode", OpenCodeParser("opencode", ()), path)
    assert result.skipped == 1


def test_a_qwen_run_claiming_a_billion_hidden_calls_is_skipped(ledger, tmp_path):
    record = dict(QWEN_RUN_RECORDS[0])
    model = next(iter(record["models"]))
    record["models"] = {model: dict(record["models"][model], requests=10**9)}
    chats = tmp_path / "qwen" / "projects" / "p" / "chats"
    chats.mkdir(parents=True)
    (chats / f"{record['sessionId']}.jsonl").write_text("")
    path = tmp_path / "usage_record.jsonl"
    path.write_text(dumps(record) + "\n")
    parser = QwenRecordParser((str(tmp_path / "qwen"),))
    result = read_into(ledger, "qwen-code", parser, path)
    assert result.rows == [] and result.skipped == 1


def test_a_transcript_of_bare_newlines_is_passed_at_once(ledger, tmp_path):
    """50 MB of empty lines, then a call: read as a run, not one line at a time (which took
    about 30 s here); the call after them is found."""
    path = tmp_path / "claude.jsonl"
    good = next(r for r in CLAUDE_RECORDS if r.get("type") == "api-request")
    with path.open("wb") as handle:
        handle.write(b"\n" * (50 << 20))
        handle.write(dumps(good).encode() + b"\n\n\n")
    started = time.monotonic()
    result = read_into(ledger, "claude-code", CLAUDE, path)
    assert time.monotonic() - started < 5
    assert len(result.rows) == 1 and result.skipped == 0
