"""Write long histories for the benchmarks: a year of heavy use of Qwen Code, Cline and
OpenCode, and Claude Code months at the Pro plan's full rate.

Each tool's records are written where the tool writes them, in the shapes measured in
``tests/unit/usage/data`` (and, for OpenCode, its real database schema), into a folder
that becomes a HOME. ``manifest.json`` says how many model calls each holds.

- ``qwen``: ``~/.qwen/usage/token-usage-YYYY-MM.jsonl`` and one chat recording per session
  (with the telemetry record our parser reads and the ``usageMetadata`` ccusage reads);
- ``cline``: the older extension's task folders (``ui_messages.json``) for the first half
  of the year, CLI session files (``*.messages.json``) for the second;
- ``opencode``: ``~/.local/share/opencode/opencode.db``, a user and an assistant message
  per call, and a titled session (one call more) per session;
- ``claude``: compact current-format transcripts (an api-request line, the answer and the
  next prompt per call), ``--per-month`` calls a month over ``--months`` months.

    python benchmarks/year_history.py OUT qwen --per-day 1000 --days 365
    python benchmarks/year_history.py OUT claude --months 12 --per-month 90000
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

MODEL = "qwen3-coder-plus"
DAY_MS = 86_400_000


def dumps(obj: object) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def ts(ms: int) -> str:
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128)))


def calls_per_session(rng: random.Random, per_day: int, days: int, now_ms: int):
    """(session number, its calls' times): about ten sessions a day, the calls of each a
    few seconds apart, oldest first."""
    session = 0
    for day in range(days, 0, -1):
        left = per_day
        start = now_ms - day * DAY_MS + 8 * 3_600_000
        while left > 0:
            n = min(left, rng.randint(per_day // 20, per_day // 5) or 1)
            left -= n
            times, t = [], start + rng.randint(0, 10 * 3_600_000)
            for _ in range(n):
                t += rng.randint(2_000, 30_000)
                times.append(t)
            yield session, times
            session += 1


def write_qwen(home: Path, rng: random.Random, now_ms: int, per_day: int, days: int) -> int:
    usage = home / ".qwen" / "usage"
    chats = home / ".qwen" / "projects" / "-home-dev-project" / "chats"
    usage.mkdir(parents=True, exist_ok=True)
    chats.mkdir(parents=True, exist_ok=True)
    months: dict[str, list[str]] = {}
    calls = 0
    for _, times in calls_per_session(rng, per_day, days, now_ms):
        session = _id(rng)
        lines = []
        for t in times:
            stamp = ts(t)
            calls += 1
            months.setdefault(stamp[:7], []).append(
                dumps(
                    {
                        "schemaVersion": 1,
                        "id": _id(rng),
                        "timestamp": stamp,
                        "localDate": stamp[:10],
                        "localMonth": stamp[:7],
                        "sessionId": session,
                        "model": MODEL,
                        "authType": "openai",
                        "source": "main",
                        "inputTokens": 1200,
                        "outputTokens": 80,
                        "totalTokens": 1280,
                        "apiDurationMs": 900,
                    }
                )
            )
            event = {
                "event.name": "qwen-code.api_response",
                "event.timestamp": stamp,
                "response_id": f"chatcmpl-{rng.getrandbits(96):024x}",
                "model": MODEL,
                "status_code": 200,
                "duration_ms": 900,
                "prompt_id": f"{session}########{len(lines)}",
            }
            common = {"sessionId": session, "timestamp": stamp, "cwd": "/home/dev/project"}
            lines.append(
                dumps(
                    {
                        "uuid": _id(rng),
                        **common,
                        "type": "system",
                        "subtype": "ui_telemetry",
                        "systemPayload": {"uiEvent": event},
                    }
                )
            )
            lines.append(
                dumps(
                    {
                        "uuid": _id(rng),
                        **common,
                        "type": "assistant",
                        "model": MODEL,
                        "message": {"role": "model", "parts": [{"text": "Done: edited a.py."}]},
                        "usageMetadata": {
                            "promptTokenCount": 1200,
                            "candidatesTokenCount": 80,
                            "totalTokenCount": 1280,
                        },
                    }
                )
            )
        (chats / f"{session}.jsonl").write_text("\n".join(lines) + "\n")
    for month, lines in months.items():
        (usage / f"token-usage-{month}.jsonl").write_text("\n".join(lines) + "\n")
    return calls


def write_cline(home: Path, rng: random.Random, now_ms: int, per_day: int, days: int) -> int:
    tasks = home / ".config/Code/User/globalStorage/saoudrizwan.claude-dev/tasks"
    sessions = home / ".cline" / "data" / "sessions"
    calls = 0
    for number, times in calls_per_session(rng, per_day, days, now_ms):
        calls += len(times)
        name = f"{times[0]}_{rng.getrandbits(20):05x}"
        if times[0] < now_ms - days * DAY_MS // 2:  # the extension, then the CLI
            folder = tasks / str(times[0])
            folder.mkdir(parents=True, exist_ok=True)
            messages = [{"ts": times[0] - 500, "type": "say", "say": "task", "text": "fix it"}]
            for t in times:
                started = {"request": "...", "tokensIn": 1200, "tokensOut": 80}
                info = {**started, "modelId": MODEL, "providerId": "openai"}
                messages.append(
                    {"ts": t, "type": "say", "say": "api_req_started", "text": dumps(info)}
                )
                messages.append({"ts": t + 900, "type": "say", "say": "text", "text": "Done."})
            (folder / "ui_messages.json").write_text(dumps(messages))
            continue
        folder = sessions / name
        folder.mkdir(parents=True, exist_ok=True)
        messages = []
        for i, t in enumerate(times):
            messages.append({"id": _id(rng), "role": "user", "ts": t - 900, "content": "go on"})
            messages.append(
                {
                    "id": f"msg_{number}_{i}",
                    "role": "assistant",
                    "ts": t,
                    "content": [{"type": "text", "text": "Done: edited a.py."}],
                    "modelInfo": {"id": MODEL, "provider": "openai-compatible"},
                    "metrics": {"inputTokens": 1200, "outputTokens": 80},
                }
            )
        document = {"version": 1, "sessionId": name, "messages": messages}
        (folder / f"{name}.messages.json").write_text(dumps(document))
    return calls


_OPENCODE_SCHEMA = """
CREATE TABLE session (id text PRIMARY KEY, project_id text NOT NULL, parent_id text,
    title text NOT NULL, time_created integer NOT NULL, time_updated integer NOT NULL);
CREATE TABLE message (id text PRIMARY KEY, session_id text NOT NULL,
    time_created integer NOT NULL, time_updated integer NOT NULL, data text NOT NULL);
CREATE TABLE part (id text PRIMARY KEY, message_id text NOT NULL, session_id text NOT NULL,
    time_created integer NOT NULL, time_updated integer NOT NULL, data text NOT NULL);
CREATE INDEX message_session_time_created_id_idx ON message (session_id, time_created, id);
CREATE INDEX part_message_id_id_idx ON part (message_id, id);
CREATE INDEX part_session_idx ON part (session_id);
CREATE INDEX session_parent_idx ON session (parent_id);
"""


def write_opencode(home: Path, rng: random.Random, now_ms: int, per_day: int, days: int) -> int:
    """OpenCode 1.18's store (the tables and indexes it has, the columns read)."""
    path = home / ".local" / "share" / "opencode" / "opencode.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode=WAL;" + _OPENCODE_SCHEMA)
    calls = 0
    for _, times in calls_per_session(rng, per_day, days, now_ms):
        calls += 1  # OpenCode asks the model for the session's title: one call more
        session = f"ses_{rng.getrandbits(96):024x}"
        db.execute(
            "INSERT INTO session VALUES (?, 'p', NULL, 'Fix the tests', ?, ?)",
            (session, times[0] - 1000, times[-1] + 900),
        )
        rows = []
        for t in times:
            calls += 1
            user = f"msg_{rng.getrandbits(96):024x}"
            rows.append(
                (
                    user,
                    session,
                    t - 50,
                    t - 50,
                    dumps({"role": "user", "time": {"created": t - 50}}),
                )
            )
            data = {
                "parentID": user,
                "role": "assistant",
                "mode": "build",
                "cost": 0,
                "tokens": {
                    "input": 1200,
                    "output": 80,
                    "reasoning": 0,
                    "cache": {"write": 0, "read": 0},
                },
                "modelID": MODEL,
                "providerID": "alibaba-coding-plan",
                "time": {"created": t, "completed": t + 900},
                "finish": "stop",
            }
            rows.append((f"msg_{rng.getrandbits(96):024x}", session, t, t + 900, dumps(data)))
        db.executemany("INSERT INTO message VALUES (?, ?, ?, ?, ?)", rows)
    db.commit()
    db.close()
    return calls


def write_claude(
    home: Path, rng: random.Random, now_ms: int, per_month: int, months: int, files: int
) -> int:
    """Compact transcripts, ``files`` a month: what a month at the Pro plan's full rate
    leaves (Claude Code deletes transcripts after 30 days; the ledger keeps the calls)."""
    projects = home / ".claude" / "projects"
    calls = 0
    month_ms = 30 * DAY_MS
    for month in range(months, 0, -1):
        start = now_ms - month * month_ms
        for f in range(files):
            session = _id(rng)
            folder = projects / f"-home-dev-project{f % 30}"
            folder.mkdir(parents=True, exist_ok=True)
            t = start + rng.randint(0, month_ms - DAY_MS)
            lines = []
            for _ in range(per_month // files):
                t += rng.randint(2_000, 20_000)
                request = _id(rng)
                lines.append(
                    dumps(
                        {
                            "type": "api-request",
                            "sessionId": session,
                            "id": request,
                            "timestamp": ts(t),
                            "version": "2.1.332",
                            "querySource": "repl_main_thread",
                            "shapeHash": f"{rng.getrandbits(256):064x}",
                            "params": {"model": MODEL, "max_tokens": 32000},
                        }
                    )
                )
                lines.append(
                    dumps(
                        {
                            "parentUuid": None,
                            "isSidechain": False,
                            "message": {
                                "id": f"msg_{rng.getrandbits(96):024x}",
                                "type": "message",
                                "role": "assistant",
                                "model": MODEL,
                                "content": [{"type": "text", "text": "Done: edited a.py."}],
                            },
                            "requestRef": request,
                            "type": "assistant",
                            "uuid": _id(rng),
                            "timestamp": ts(t + 900),
                            "sessionId": session,
                        }
                    )
                )
                calls += 1
            name = folder / f"{session}.jsonl"
            name.write_text("\n".join(lines) + "\n")
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write into (it becomes a HOME)")
    parser.add_argument("tool", choices=["qwen", "cline", "opencode", "claude"])
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-month", type=int, default=90_000)
    parser.add_argument("--months", type=int, default=1)
    parser.add_argument("--files", type=int, default=600, help="Claude Code transcripts a month")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    now_ms = int(datetime.now(UTC).timestamp() * 1000) - 3_600_000
    home = args.out / "home"
    if args.tool == "claude":
        calls = write_claude(home, rng, now_ms, args.per_month, args.months, args.files)
    else:
        write = {"qwen": write_qwen, "cline": write_cline, "opencode": write_opencode}[args.tool]
        calls = write(home, rng, now_ms, args.per_day, args.days)
    tool = {"qwen": "qwen-code", "claude": "claude-code"}.get(args.tool, args.tool)
    manifest = {tool: calls, "generated": datetime.now(UTC).isoformat()}
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    print(f"{args.out}: {tool} {calls:,} calls")


if __name__ == "__main__":
    main()
