"""Write a realistic history of coding-tool records for the quota tracker's benchmark.

About 1 GiB of Claude Code transcripts over 3,000 session files (half in the current
format with ``api-request`` lines and ``requestRef``, half in the older one with only
``assistant`` lines, some with ``requestId``, some without), with the line mix of real
sessions: prompts, tool results carrying whole files, assistant answers streamed over
several lines, attachments, summaries and file-history snapshots. Plus Qwen Code usage
logs and chat recordings and Cline session files. Timestamps have millisecond precision
and ``Z`` (ccusage ignores others). A manifest records how many distinct model calls each
tool made, so a reader's count can be checked.

    python benchmarks/usage_history.py /tmp/usage-bench --files 3000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

MODELS = ("qwen3-coder-plus", "qwen3.5-plus", "glm-5", "kimi-k2.5")
WORDS = [
    "def",
    "return",
    "self",
    "import",
    "class",
    "value",
    "index",
    "error",
    "config",
    "model",
    "quota",
    "window",
    "request",
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "that",
    "this",
    "from",
    "async",
    "await",
    "const",
    "let",
    "function",
    "string",
    "number",
    "list",
    "dict",
    "true",
    "false",
    "none",
    "yield",
    "lambda",
    "raise",
    "except",
    "finally",
    "while",
    "break",
]


def dumps(obj: object) -> str:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


class Text:
    """Random code-like text, sliced from one big blob so generation stays fast."""

    def __init__(self, rng: random.Random) -> None:
        lines = []
        for _ in range(20_000):
            indent = " " * rng.choice((0, 4, 8, 12))
            lines.append(indent + " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))))
        self.blob = "\n".join(lines)
        self.rng = rng

    def take(self, size: int) -> str:
        size = min(size, len(self.blob) - 1)
        start = self.rng.randint(0, len(self.blob) - size)
        return self.blob[start : start + size]


def ts(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class ClaudeSession:
    def __init__(self, rng: random.Random, text: Text, modern: bool, request_ids: bool) -> None:
        self.rng, self.text = rng, text
        self.modern, self.request_ids = modern, request_ids
        self.session = str(uuid.UUID(int=rng.getrandbits(128)))
        self.calls = 0

    def common(self, moment: datetime) -> dict:
        return {
            "cwd": "/home/dev/project",
            "sessionId": self.session,
            "version": "2.1.332" if self.modern else "1.0.98",
            "gitBranch": "main",
            "uuid": str(uuid.UUID(int=self.rng.getrandbits(128))),
            "timestamp": ts(moment),
        }

    def user(self, moment: datetime, size: int, tool: bool) -> str:
        content = (
            [{"type": "tool_result", "tool_use_id": "toolu_x", "content": self.text.take(size)}]
            if tool
            else self.text.take(size)
        )
        record = {
            "parentUuid": None,
            "isSidechain": False,
            "userType": "external",
            "type": "user",
            "message": {"role": "user", "content": content},
            **self.common(moment),
        }
        if tool:
            record["toolUseResult"] = {"stdout": self.text.take(size // 2), "stderr": ""}
        return dumps(record)

    def call(self, moment: datetime) -> list[str]:
        """One model call: its api-request line (modern) and the streamed answer."""
        self.calls += 1
        rng = self.rng
        model = rng.choice(MODELS)
        message_id = f"msg_{rng.getrandbits(96):024x}"
        lines = []
        request = str(uuid.UUID(int=rng.getrandbits(128)))
        request_id = f"req_{rng.getrandbits(96):024x}"  # the same on every streamed line
        if self.modern:
            lines.append(
                dumps(
                    {
                        "type": "api-request",
                        "sessionId": self.session,
                        "id": request,
                        "timestamp": ts(moment),
                        "version": "2.1.332",
                        "querySource": "repl_main_thread",
                        "shapeHash": f"{rng.getrandbits(256):064x}",
                        "params": {
                            "model": model,
                            "betas": ["claude-code-20250219"],
                            "max_tokens": 32000,
                            "thinking": {"type": "adaptive"},
                        },
                        "thread": {"type": "none"},
                        "keep": 0,
                        "tail": [f"{rng.getrandbits(256):064x}" for _ in range(rng.randint(1, 4))],
                        "requestDigest": f"{rng.getrandbits(256):064x}",
                    }
                )
            )
        for block in range(rng.choice((1, 2, 2, 3, 4))):
            if rng.random() < 0.3:
                content = [
                    {
                        "type": "tool_use",
                        "id": f"toolu_{block}",
                        "name": "Write",
                        "input": {
                            "file_path": "/home/dev/project/a.py",
                            "content": self.text.take(rng.randint(500, 12_000)),
                        },
                    }
                ]
            else:
                content = [{"type": "text", "text": self.text.take(rng.randint(80, 1500))}]
            usage = {
                "input_tokens": rng.randint(10, 5000),
                "cache_creation_input_tokens": 0,
                "cache_read_input_tokens": rng.randint(0, 90_000),
                "output_tokens": rng.randint(1, 2000),
            }
            record = {
                "parentUuid": None,
                "isSidechain": False,
                "userType": "external",
                "message": {
                    "id": message_id,
                    "type": "message",
                    "role": "assistant",
                    "model": model,
                    "content": content,
                    "stop_reason": None,
                    "usage": usage,
                },
                "type": "assistant",
                **self.common(moment),
            }
            if self.modern:
                record["requestRef"] = request
            elif self.request_ids:
                record["requestId"] = request_id
            lines.append(dumps(record))
            moment += timedelta(milliseconds=rng.randint(50, 900))
        return lines

    def extra(self, moment: datetime) -> str:
        kind = self.rng.random()
        if kind < 0.4:
            return dumps(
                {"type": "summary", "summary": self.text.take(120), "leafUuid": str(uuid.uuid4())}
            )
        if kind < 0.7:
            return dumps(
                {
                    "type": "attachment",
                    "attachment": {
                        "type": "skill_listing",
                        "content": self.text.take(self.rng.randint(1000, 13_000)),
                    },
                    **self.common(moment),
                }
            )
        return dumps(
            {
                "type": "file-history-snapshot",
                "messageId": str(uuid.uuid4()),
                "snapshot": {"trackedFileBackups": {"a.py": self.text.take(3000)}},
                "isSnapshotUpdate": False,
            }
        )


def write_claude(
    root: Path,
    rng: random.Random,
    text: Text,
    size: int,
    files: int,
    now: datetime,
    modern_share: float = 0.5,
) -> int:
    weights = [rng.lognormvariate(0, 1.0) for _ in range(files)]
    scale = size / sum(weights)
    calls = 0
    modern_files = round(files * modern_share)
    older = 0
    for n, weight in enumerate(weights):
        # Spread evenly: the current format in ``modern_share`` of the files; of the older
        # ones, every other with request ids.
        modern = n * modern_files // files != (n + 1) * modern_files // files
        request_ids = not modern and older % 2 == 1
        older += not modern
        session = ClaudeSession(rng, text, modern, request_ids)
        project = root / f"-home-dev-project{n % 60}"
        if n % 15 == 14:  # a subagent transcript of an earlier session
            path = project / session.session / "subagents" / f"agent-{n:04x}.jsonl"
        else:
            path = project / f"{session.session}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        budget = int(weight * scale)
        moment = last = now - timedelta(days=rng.uniform(1, 29), hours=rng.uniform(0, 20))
        written = 0
        with open(path, "wb") as handle:
            while written < budget:
                calls_before = session.calls
                lines = [session.user(moment, rng.randint(40, 600), tool=False)]
                for _ in range(rng.randint(1, 8)):
                    lines += session.call(moment)
                    size_out = int(rng.paretovariate(1.6) * 1500)
                    lines.append(session.user(moment, min(size_out, 400_000), tool=True))
                    moment += timedelta(seconds=rng.randint(2, 40))
                if rng.random() < 0.2:
                    lines.append(session.extra(moment))
                chunk = ("\n".join(lines) + "\n").encode("utf-8")
                if written and written + len(chunk) > budget:
                    session.calls = calls_before  # not written: not made
                    break
                handle.write(chunk)
                written += len(chunk)
                # Past sessions end a day before the history's "now": the last hours are
                # the benchmark's own (``recent_sessions``), the same at every size.
                last = max(last, moment)
                moment = min(moment, now - timedelta(days=1))
        # As Claude Code leaves it: a transcript last written when its last line was.
        os.utime(path, (last.timestamp(), last.timestamp()))
        calls += session.calls
    return calls


def recent_sessions(root: Path, now: datetime, calls: int, sessions: int = 6) -> int:
    """``calls`` model calls in the 5 hours before ``now``, over ``sessions`` transcripts
    of the current format in a folder of their own, each begun some hours earlier (so it
    holds older calls too, as a long session does). Always the same lines for the same
    arguments, whatever history they are added to. Returns the calls in the 5 hours."""
    rng = random.Random(1234)
    text = Text(rng)
    folder = root / "-home-dev-recent"
    folder.mkdir(parents=True, exist_ok=True)
    in_window = 0
    for n in range(sessions):
        session = ClaudeSession(rng, text, modern=True, request_ids=False)
        share = calls * (n + 1) // sessions - calls * n // sessions
        start = now - timedelta(hours=4, minutes=50)
        step = timedelta(hours=4, minutes=45) / max(1, share)
        lines = []
        # An earlier part of the same session, yesterday.
        before = now - timedelta(hours=30)
        for _ in range(share // 2):
            lines += session.call(before)
            lines.append(session.user(before, rng.randint(200, 4000), tool=True))
            before += timedelta(seconds=30)
        for i in range(share):
            moment = start + step * i
            lines.append(session.user(moment, rng.randint(40, 600), tool=False))
            lines += session.call(moment)
            lines.append(session.user(moment, rng.randint(200, 4000), tool=True))
        in_window += share
        path = folder / f"{session.session}.jsonl"
        path.write_text("\n".join(lines) + "\n")
        last = start + step * (share - 1)
        os.utime(path, (last.timestamp() + 1, last.timestamp() + 1))
    return in_window


def write_qwen(root: Path, rng: random.Random, text: Text, now: datetime, calls: int) -> int:
    usage = root / "usage"
    usage.mkdir(parents=True, exist_ok=True)
    lines_by_month: dict[str, list[str]] = {}
    chats = root / "projects" / "-home-dev-project" / "chats"
    chats.mkdir(parents=True, exist_ok=True)
    sessions = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(40)]
    chat_lines: dict[str, list[str]] = {s: [] for s in sessions}
    for _ in range(calls):
        moment = now - timedelta(days=rng.uniform(0, 40))
        session = rng.choice(sessions)
        stamp = ts(moment)
        line = {
            "schemaVersion": 1,
            "id": str(uuid.uuid4()),
            "timestamp": stamp,
            "localDate": stamp[:10],
            "localMonth": stamp[:7],
            "sessionId": session,
            "model": "qwen3-coder-plus",
            "authType": "openai",
            "source": rng.choice(("main", "main", "main", "managed-auto-memory-extractor")),
            "inputTokens": 12,
            "outputTokens": 1,
            "totalTokens": 13,
            "apiDurationMs": 300,
        }
        lines_by_month.setdefault(stamp[:7], []).append(dumps(line))
        event = {
            "event.name": "qwen-code.api_response",
            "event.timestamp": stamp,
            "response_id": f"chatcmpl-{rng.getrandbits(96):024x}",
            "model": "qwen3-coder-plus",
            "status_code": 200,
            "duration_ms": 300,
            "response_text": text.take(200),
            "prompt_id": session + "########0",
        }
        chat_lines[session].append(
            dumps(
                {
                    "uuid": str(uuid.uuid4()),
                    "sessionId": session,
                    "timestamp": stamp,
                    "type": "system",
                    "subtype": "ui_telemetry",
                    "systemPayload": {"uiEvent": event},
                }
            )
        )
        chat_lines[session].append(
            dumps(
                {
                    "uuid": str(uuid.uuid4()),
                    "sessionId": session,
                    "timestamp": stamp,
                    "type": "assistant",
                    "model": "qwen3-coder-plus",
                    "message": {"role": "model", "parts": [{"text": text.take(800)}]},
                }
            )
        )
    for month, lines in lines_by_month.items():
        (usage / f"token-usage-{month}.jsonl").write_text("\n".join(lines) + "\n")
    for session, lines in chat_lines.items():
        (chats / f"{session}.jsonl").write_text("\n".join(lines) + "\n")
    return calls


def write_cline(root: Path, rng: random.Random, text: Text, now: datetime, files: int) -> int:
    calls = 0
    for _ in range(files):
        session = f"{rng.getrandbits(40)}_{rng.getrandbits(20):05x}"
        folder = root / "sessions" / session
        folder.mkdir(parents=True, exist_ok=True)
        moment = now - timedelta(days=rng.uniform(0, 29))
        messages = []
        for i in range(rng.randint(2, 60)):
            ms = int(moment.timestamp() * 1000) + i * 7000
            messages.append(
                {
                    "id": str(uuid.uuid4()),
                    "role": "user",
                    "ts": ms,
                    "content": [{"type": "text", "text": text.take(400)}],
                }
            )
            messages.append(
                {
                    "id": f"msg_{i}",
                    "role": "assistant",
                    "ts": ms + 3000,
                    "content": [{"type": "text", "text": text.take(900)}],
                    "modelInfo": {"id": "qwen3-coder-plus", "provider": "openai-compatible"},
                    "metrics": {"inputTokens": 100, "outputTokens": 20},
                }
            )
            calls += 1
        (folder / f"{session}.messages.json").write_text(
            dumps({"version": 1, "sessionId": session, "messages": messages})
        )
    return calls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write into (it becomes a HOME)")
    # Files stop short of their share by up to one exchange: asking for 1,110 MiB gives
    # about 1 GiB of transcripts.
    parser.add_argument("--size-mb", type=int, default=1110, help="Claude Code transcripts")
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--modern", type=float, default=0.5, help="share of transcripts in the current format"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    text = Text(rng)
    now = datetime.now(UTC)
    home = args.out / "home"
    claude = write_claude(
        home / ".claude" / "projects", rng, text, args.size_mb << 20, args.files, now, args.modern
    )
    qwen = write_qwen(home / ".qwen", rng, text, now, 20_000)
    cline = write_cline(home / ".cline" / "data", rng, text, now, 200)
    manifest = {
        "claude-code": claude,
        "qwen-code": qwen,
        "cline": cline,
        "generated": now.isoformat(),
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=2))
    total = sum(f.stat().st_size for f in (home / ".claude").rglob("*.jsonl"))
    print(
        f"{args.out}: Claude Code {total / 2**20:.0f} MiB, {claude} calls; "
        f"Qwen Code {qwen}; Cline {cline}"
    )


if __name__ == "__main__":
    os.umask(0o022)
    main()
