"""Cline: the CLI 3 / extension 4 session files, and the older extension's task files.

- ``<cline data>/sessions/<id>/<id>.messages.json`` (Cline CLI 3.0.65, measured): the
  whole conversation, rewritten on every save. Each assistant message with ``ts`` (epoch
  ms) and ``metrics`` is one model call; ``modelInfo`` names model and provider. A call
  that failed (after the SDK's own retries) is an assistant message with
  ``metadata.displayRole: "error"`` and the server's error text.
- ``.../globalStorage/saoudrizwan.claude-dev/tasks/<id>/ui_messages.json`` (VS Code and
  its forks) and ``<cline data>/tasks/<id>/ui_messages.json``: one
  ``say: "api_req_started"`` message per call, whose ``text`` is JSON with the details.
Both are re-read whole when their size or time changes; a call's key is its session (or
task) and its ``ts``, so reading a file again never counts a call twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codingplan.env import Env
from codingplan.integrations.cline import locations
from codingplan.outcomes import Outcome, classify_error
from codingplan.usage.events import Item, RequestEvent, sane_ms
from codingplan.usage.source import (
    Target,
    UsageSource,
    WholeFileParser,
    glob_files,
    text_of,
    unique_dirs,
)
from codingplan.usage.traffic import PlanTraffic

SOURCE = "cline"
MAX_FILE = 256 << 20  # a conversation file larger than this is skipped, not loaded


class ClineSource(UsageSource):
    def __init__(self, env: Env) -> None:
        self.session_dirs = unique_dirs(locations.session_dirs(env))
        self.task_dirs = unique_dirs(locations.task_dirs(env))
        self.sessions = ClineSessionParser(str(locations.providers_file(env)))
        super().__init__(SOURCE, [*self.session_dirs, *self.task_dirs])

    def targets(self) -> Iterator[Target]:
        for root in self.session_dirs:
            for path in glob_files(root, "*/*.messages.json"):
                yield Target(SOURCE, self.sessions, path)
        for root in self.task_dirs:
            for path in glob_files(root, "*/ui_messages.json"):
                yield Target(SOURCE, TASK_PARSER, path)


def _load(path: str) -> Any:
    if os.path.getsize(path) > MAX_FILE:
        raise ValueError("too large")
    with open(path, "rb") as handle:
        return json.load(handle)


def _provider_urls(providers_file: str) -> dict[str, str]:
    """Base URL per provider, from Cline's ``providers.json``."""
    try:
        document = _load(providers_file)
    except (OSError, ValueError, RecursionError):
        return {}
    providers = document.get("providers") if isinstance(document, dict) else None
    urls = {}
    for name, entry in (providers if isinstance(providers, dict) else {}).items():
        settings = entry.get("settings") if isinstance(entry, dict) else None
        if isinstance(settings, dict) and isinstance(settings.get("baseUrl"), str):
            urls[name] = settings["baseUrl"]
    return urls


@dataclass(frozen=True)
class ClineSessionParser(WholeFileParser):
    providers_file: str  # where the session's provider ids get their base URLs
    name = "cline-session"

    def parse_file(self, path: str, traffic: PlanTraffic) -> tuple[list[Item], int]:
        document = _load(path)
        if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
            raise ValueError("not a Cline messages file")
        session = str(document.get("sessionId") or Path(path).parent.name)
        urls = _provider_urls(self.providers_file)
        events: list[Item] = []
        bad = 0
        for message in document["messages"]:
            if not isinstance(message, dict) or message.get("role") != "assistant":
                continue
            ts = sane_ms(message.get("ts"))
            info = message.get("modelInfo") or {}
            if ts is None or not isinstance(info, dict):
                bad += 1
                continue
            outcome = _outcome(message)
            if outcome is None:
                continue  # not a model call (e.g. a message the tool added)
            model = info.get("id")
            if not traffic.provider(model, info.get("provider"), urls):
                continue
            key = f"session:{session}:{message.get('id') or ''}:{ts}"
            events.append(RequestEvent(SOURCE, key, ts, str(model), outcome, session))
        return events, bad


def _outcome(message: dict[str, Any]) -> Outcome | None:
    """A finished call has ``metrics``; a failed one is shown as an error message."""
    if "metrics" in message:
        return Outcome.OK
    metadata = message.get("metadata")
    if isinstance(metadata, dict) and metadata.get("displayRole") == "error":
        return classify_error(text_of(message.get("content")))
    return None


class ClineTaskParser(WholeFileParser):
    name = "cline-task"

    def parse_file(self, path: str, traffic: PlanTraffic) -> tuple[list[Item], int]:
        messages = _load(path)
        if not isinstance(messages, list):
            raise ValueError("not a Cline ui_messages file")
        task = Path(path).parent.name
        usage = _model_usage(Path(path).parent / "task_metadata.json")
        events: list[Item] = []
        bad = 0
        for message in messages:
            if not isinstance(message, dict) or message.get("say") != "api_req_started":
                continue
            ts = sane_ms(message.get("ts"))
            try:
                info = json.loads(message.get("text") or "{}")
            except (TypeError, ValueError):
                info = None
            if ts is None or not isinstance(info, dict):
                bad += 1
                continue
            model, provider = _attribution(info, usage, ts)
            if not traffic.provider(model, provider, {}):
                continue
            outcome = Outcome.OK
            if info.get("streamingFailedMessage"):
                outcome = classify_error(str(info["streamingFailedMessage"]))
            events.append(RequestEvent(SOURCE, f"task:{task}:{ts}", ts, model, outcome, task))
        return events, bad


def _model_usage(path: Path) -> list[dict[str, Any]]:
    """Older tasks name their model only in task_metadata.json's ``model_usage``."""
    try:
        document = _load(str(path))
    except (OSError, ValueError):
        return []
    entries = document.get("model_usage") if isinstance(document, dict) else None
    return [e for e in entries or [] if isinstance(e, dict) and isinstance(e.get("ts"), int)]


def _attribution(info: dict[str, Any], usage: list[dict[str, Any]], ts: int) -> tuple[Any, Any]:
    if info.get("modelId"):
        return info.get("modelId"), info.get("providerId")
    before = [e for e in usage if e["ts"] <= ts]
    if not before:
        return None, None
    last = max(before, key=lambda e: e["ts"])
    return last.get("model_id"), last.get("model_provider_id")


TASK_PARSER = ClineTaskParser()
