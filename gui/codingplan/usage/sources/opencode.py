"""OpenCode: its SQLite store, ``<XDG data>/opencode/opencode.db``, opened read-only.

Measured on OpenCode 1.18.33: each model call of the agent loop ends in a ``step-finish``
part of an assistant message whose ``data`` names ``providerID`` and ``modelID``; a
failed attempt that was retried leaves a ``retry`` part. The session title is asked of
the small model in one more call that leaves no part: a session whose title is no
longer the ``New session - …`` placeholder had that call, counted at the session's start.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from codingplan.usage.events import Outcome, RequestEvent, classify_error
from codingplan.usage.sources.base import Item, SourceInfo, Target, home, unique_dirs
from codingplan.usage.traffic import GENERAL_PROVIDER_IDS, PLAN_PROVIDER_IDS, PlanTraffic

SOURCE = "opencode"
DB_NAME = "opencode.db"
PLACEHOLDER_TITLE = "New session - "
# Parts are written while a call streams; look back this far so a part finished after
# the last scan's cursor moved past its creation time is still seen.
LOOKBACK_MS = 10 * 60 * 1000


def data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(home() / ".local" / "share")
    return Path(base) / "opencode"


def config_files() -> list[Path]:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or home() / ".config") / "opencode"
    files = [base / "opencode.json", base / "opencode.jsonc", base / "config.json"]
    if os.environ.get("OPENCODE_CONFIG"):
        files.append(Path(os.environ["OPENCODE_CONFIG"]))
    return files


class OpenCodeSource(SourceInfo):
    def __init__(self) -> None:
        super().__init__(SOURCE, unique_dirs([data_dir()]))

    def targets(self) -> Iterator[Target]:
        for root in self.roots:
            path = root / DB_NAME
            if path.is_file():
                yield Target(SOURCE, "opencode", str(path))


_COMMENTS = re.compile(r'"(?:\\.|[^"\\])*"|//[^\n]*|/\*.*?\*/', re.S)


def _jsonc(text: str) -> Any:
    """JSON with comments and trailing commas, as OpenCode's config allows."""
    stripped = _COMMENTS.sub(lambda m: m.group(0) if m.group(0)[0] == '"' else "", text)
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", stripped))


def provider_urls() -> dict[str, str]:
    """The base URL each provider in OpenCode's global config points at."""
    urls: dict[str, str] = {}
    for path in config_files():
        try:
            document = _jsonc(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for name, entry in (document.get("provider") or {}).items():
            options = entry.get("options") if isinstance(entry, dict) else None
            if isinstance(options, dict) and isinstance(options.get("baseURL"), str):
                urls[name] = options["baseURL"]
    return urls


def _is_plan(traffic: PlanTraffic, message: dict, urls: dict[str, str]) -> bool:
    model, provider = message.get("modelID"), message.get("providerID")
    if not traffic.model(model):
        return False
    if provider in PLAN_PROVIDER_IDS:
        return True
    if provider in urls:
        return traffic.url(urls[provider]) is not False
    return provider not in GENERAL_PROVIDER_IDS


_PARTS = """
SELECT p.id, p.session_id, p.time_created, p.time_updated, p.data, m.data
FROM part p JOIN message m ON m.id = p.message_id
WHERE p.time_updated >= ?
  AND (p.data LIKE '%"type":"step-finish"%' OR p.data LIKE '%"type":"retry"%')
"""
_TITLED = """
SELECT s.id, s.time_created, s.time_updated, (
    SELECT m.data FROM message m
    WHERE m.session_id = s.id AND m.data LIKE '%"role":"assistant"%'
    ORDER BY m.time_created LIMIT 1)
FROM session s
WHERE s.parent_id IS NULL AND s.title NOT LIKE 'New session - %' AND s.time_updated >= ?
"""


class OpenCodeParser:
    mode = "database"

    def scan_database(
        self, path: str, cursor: int, traffic: PlanTraffic
    ) -> tuple[list[Item], int, int]:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=2.0)
        try:
            since = max(0, cursor - LOOKBACK_MS)
            newest = cursor
            urls = provider_urls()
            events: list[Item] = []
            bad = 0
            for part_id, session, created, updated, part_data, message_data in db.execute(
                _PARTS, (since,)
            ):
                newest = max(newest, updated)
                try:
                    part, message = json.loads(part_data), json.loads(message_data)
                except ValueError:
                    bad += 1
                    continue
                event = self._part_event(part_id, session, created, part, message, traffic, urls)
                if event:
                    events.append(event)
            for session, created, updated, message_data in db.execute(_TITLED, (since,)):
                newest = max(newest, updated)
                try:
                    message = json.loads(message_data) if message_data else None
                except ValueError:
                    bad += 1
                    continue
                if isinstance(message, dict) and _is_plan(traffic, message, urls):
                    key = f"title:{session}"
                    model = message["modelID"]
                    events.append(RequestEvent(SOURCE, key, created, model, Outcome.OK, session))
            return events, newest, bad
        finally:
            db.close()

    @staticmethod
    def _part_event(
        part_id: str,
        session: str,
        created: int,
        part: Any,
        message: Any,
        traffic: PlanTraffic,
        urls: dict[str, str],
    ) -> RequestEvent | None:
        if not isinstance(part, dict) or not isinstance(message, dict):
            return None
        if not _is_plan(traffic, message, urls):
            return None
        outcome = Outcome.OK
        if part.get("type") == "retry":
            error = part.get("error")
            outcome = classify_error(json.dumps(error) if error is not None else "")
        elif part.get("type") != "step-finish":
            return None
        return RequestEvent(
            SOURCE, f"part:{part_id}", created, message["modelID"], outcome, session
        )


PARSER = OpenCodeParser()
