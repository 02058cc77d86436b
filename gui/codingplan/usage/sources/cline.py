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
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from codingplan.usage.events import Outcome, RequestEvent, classify_error
from codingplan.usage.sources.base import (
    Item,
    SourceInfo,
    Target,
    env_paths,
    glob_files,
    home,
    text_of,
    unique_dirs,
)
from codingplan.usage.traffic import GENERAL_PROVIDER_IDS, PLAN_PROVIDER_IDS, PlanTraffic

SOURCE = "cline"
EXTENSION_ID = "saoudrizwan.claude-dev"
EDITORS = ("Code", "Code - Insiders", "Cursor", "Windsurf", "VSCodium")
MAX_FILE = 256 << 20  # a conversation file larger than this is skipped, not loaded


def data_dirs() -> list[Path]:
    dirs = env_paths("CLINE_DATA_DIR", os.pathsep)
    dirs += [p / "data" for p in env_paths("CLINE_DIR", os.pathsep)]
    return unique_dirs([*dirs, home() / ".cline" / "data"])


def editor_user_dirs() -> list[Path]:
    """Each VS Code-like editor's ``User`` folder on this OS (and VS Code Server's)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or home() / ".config")
    dirs = [base / editor / "User" for editor in EDITORS]
    return [*dirs, home() / ".vscode-server" / "data" / "User"]


class ClineSource(SourceInfo):
    def __init__(self) -> None:
        data = data_dirs()
        sessions = env_paths("CLINE_SESSION_DATA_DIR", os.pathsep) + [d / "sessions" for d in data]
        tasks = [d / "tasks" for d in data]
        tasks += [u / "globalStorage" / EXTENSION_ID / "tasks" for u in editor_user_dirs()]
        self.session_dirs = unique_dirs(sessions)
        self.task_dirs = unique_dirs(tasks)
        super().__init__(SOURCE, [*self.session_dirs, *self.task_dirs])

    def targets(self) -> Iterator[Target]:
        for root in self.session_dirs:
            for path in glob_files(root, "*/*.messages.json"):
                yield Target(SOURCE, "cline-session", path)
        for root in self.task_dirs:
            for path in glob_files(root, "*/ui_messages.json"):
                yield Target(SOURCE, "cline-task", path)


def _load(path: str) -> Any:
    if os.path.getsize(path) > MAX_FILE:
        raise ValueError("too large")
    with open(path, "rb") as handle:
        return json.load(handle)


def _provider_urls(session_path: str) -> dict[str, str]:
    """Base URL per provider from Cline's ``settings/providers.json`` beside the data."""
    data_dir = Path(session_path).parents[2]
    try:
        document = _load(str(data_dir / "settings" / "providers.json"))
    except (OSError, ValueError):
        return {}
    providers = document.get("providers") if isinstance(document, dict) else None
    urls = {}
    for name, entry in (providers or {}).items():
        settings = entry.get("settings") if isinstance(entry, dict) else None
        if isinstance(settings, dict) and isinstance(settings.get("baseUrl"), str):
            urls[name] = settings["baseUrl"]
    return urls


def plan_provider(traffic: PlanTraffic, model: Any, provider: Any, urls: dict[str, str]) -> bool:
    if not traffic.model(model if isinstance(model, str) else None):
        return False
    if provider in PLAN_PROVIDER_IDS:
        return True
    if provider in urls:
        return traffic.url(urls[provider]) is not False
    return provider not in GENERAL_PROVIDER_IDS


class ClineSessionParser:
    mode = "whole"

    def parse_file(self, path: str, traffic: PlanTraffic) -> tuple[list[Item], int]:
        document = _load(path)
        if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
            raise ValueError("not a Cline messages file")
        session = str(document.get("sessionId") or Path(path).parent.name)
        urls = _provider_urls(path)
        events: list[Item] = []
        bad = 0
        for message in document["messages"]:
            if not isinstance(message, dict) or message.get("role") != "assistant":
                continue
            ts = message.get("ts")
            info = message.get("modelInfo") or {}
            if not isinstance(ts, int) or not isinstance(info, dict):
                bad += 1
                continue
            outcome = _outcome(message)
            if outcome is None:
                continue  # not a model call (e.g. a message the tool added)
            model = info.get("id")
            if not plan_provider(traffic, model, info.get("provider"), urls):
                continue
            key = f"session:{session}:{message.get('id') or ''}:{ts}"
            events.append(RequestEvent(SOURCE, key, ts, model, outcome, session))
        return events, bad


def _outcome(message: dict) -> Outcome | None:
    """A finished call has ``metrics``; a failed one is shown as an error message."""
    if "metrics" in message:
        return Outcome.OK
    metadata = message.get("metadata")
    if isinstance(metadata, dict) and metadata.get("displayRole") == "error":
        return classify_error(text_of(message.get("content")))
    return None


class ClineTaskParser:
    mode = "whole"

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
            ts = message.get("ts")
            try:
                info = json.loads(message.get("text") or "{}")
            except (TypeError, ValueError):
                info = None
            if not isinstance(ts, int) or not isinstance(info, dict):
                bad += 1
                continue
            model, provider = _attribution(info, usage, ts)
            if not plan_provider(traffic, model, provider, {}):
                continue
            outcome = Outcome.OK
            if info.get("streamingFailedMessage"):
                outcome = classify_error(str(info["streamingFailedMessage"]))
            events.append(RequestEvent(SOURCE, f"task:{task}:{ts}", ts, model, outcome, task))
        return events, bad


def _model_usage(path: Path) -> list[dict]:
    """Older tasks name their model only in task_metadata.json's ``model_usage``."""
    try:
        document = _load(str(path))
    except (OSError, ValueError):
        return []
    entries = document.get("model_usage") if isinstance(document, dict) else None
    return [e for e in entries or [] if isinstance(e, dict) and isinstance(e.get("ts"), int)]


def _attribution(info: dict, usage: list[dict], ts: int) -> tuple[Any, Any]:
    if info.get("modelId"):
        return info.get("modelId"), info.get("providerId")
    before = [e for e in usage if e["ts"] <= ts]
    if not before:
        return None, None
    last = max(before, key=lambda e: e["ts"])
    return last.get("model_id"), last.get("model_provider_id")


SESSION_PARSER = ClineSessionParser()
TASK_PARSER = ClineTaskParser()
