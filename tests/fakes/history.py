"""A made-up but well-formed usage history, written where the real tools write theirs.

Claude Code ``api-request`` lines and Qwen Code usage-log lines, in the shapes those tools
wrote on this machine, at chosen times. The dashboard, tray and benchmark tests read it
through the real tracker, as they would a person's history.
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def claude_requests(home: Path, times: list[datetime], model: str = "qwen3-coder-plus") -> Path:
    session = str(uuid.uuid4())
    path = home / ".claude" / "projects" / "-home-me-project" / f"{session}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        for moment in sorted(times):
            record = {
                "type": "api-request",
                "sessionId": session,
                "id": str(uuid.uuid4()),
                "timestamp": _iso(moment),
                "params": {"model": model, "max_tokens": 32000},
            }
            out.write(json.dumps(record, separators=(",", ":")) + "\n")
    return path


def qwen_requests(home: Path, times: list[datetime], model: str = "qwen3-coder-plus") -> Path:
    session = str(uuid.uuid4())
    by_month: dict[str, list[datetime]] = {}
    for moment in times:
        by_month.setdefault(moment.astimezone(UTC).strftime("%Y-%m"), []).append(moment)
    folder = home / ".qwen" / "usage"
    folder.mkdir(parents=True, exist_ok=True)
    for month, moments in by_month.items():
        with (folder / f"token-usage-{month}.jsonl").open("a", encoding="utf-8") as out:
            for moment in sorted(moments):
                record = {
                    "schemaVersion": 1,
                    "id": str(uuid.uuid4()),
                    "timestamp": _iso(moment),
                    "sessionId": session,
                    "model": model,
                    "authType": "openai",
                    "source": "main",
                    "inputTokens": 1200,
                    "outputTokens": 80,
                }
                out.write(json.dumps(record) + "\n")
    return folder


def busy_fortnight(home: Path, now: datetime, seed: int = 7, scale: float = 1.0) -> list[datetime]:
    """Two weeks of work by both tools, heavier lately; returns every request's time."""
    rng = random.Random(seed)
    claude, qwen = [], []
    for days_back in range(13, -1, -1):
        day = now - timedelta(days=days_back)
        per_day = int(rng.randint(150, 420) * scale * (1.6 if days_back < 3 else 1.0))
        for _ in range(per_day):
            moment = day - timedelta(minutes=rng.uniform(0, 10 * 60))
            if moment < now:
                (claude if rng.random() < 0.6 else qwen).append(moment)
    # A burst in the last hours, so the 5-hour window has returns to show.
    for _ in range(int(600 * scale)):
        (claude if rng.random() < 0.7 else qwen).append(
            now - timedelta(minutes=rng.uniform(1, 290))
        )
    claude_requests(home, claude)
    qwen_requests(home, qwen)
    return claude + qwen


def dated_transcript(home: Path, name: str, ages_h: list[float], now: float) -> Path:
    """A Claude Code transcript of one call ``age`` hours before ``now`` (seconds since the
    epoch) for each age, last written when its newest call was made, as Claude Code leaves
    it."""
    import os

    path = home / f".claude/projects/p/{name}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for n, age in enumerate(ages_h):
        at = datetime.fromtimestamp(now - age * 3600, UTC)
        record = {
            "type": "api-request",
            "id": f"{name}-{n}",
            "sessionId": name,
            "timestamp": _iso(at),
            "params": {"model": "qwen3-coder-plus"},
        }
        lines.append(json.dumps(record, separators=(",", ":")) + "\n")
    path.write_text("".join(lines))
    last = now - min(ages_h) * 3600
    os.utime(path, (last, last))
    return path
