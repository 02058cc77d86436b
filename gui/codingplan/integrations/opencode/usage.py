"""OpenCode: its SQLite store, ``<XDG data>/opencode/opencode.db``, opened read-only.

Measured on OpenCode 1.18.33: each model call of the agent loop ends in a ``step-finish``
part of an assistant message whose ``data`` names ``providerID`` and ``modelID``; a
failed attempt that was retried leaves a ``retry`` part. The session title is asked of
the small model in one more call that leaves no part: a session whose title is no
longer the ``New session - …`` placeholder had that call, counted at the session's start.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codingplan.env import Env
from codingplan.integrations.opencode.locations import Layout
from codingplan.outcomes import Outcome, classify_error
from codingplan.tools import jsonc
from codingplan.usage.events import Item, RequestEvent
from codingplan.usage.source import DatabaseParser, Target, UsageSource
from codingplan.usage.traffic import PlanTraffic

PLACEHOLDER_TITLE = "New session - "
# Parts are written while a call streams; look back this far so a part finished after
# the last scan's cursor moved past its creation time is still seen.
LOOKBACK_MS = 10 * 60 * 1000


class OpenCodeSource(UsageSource):
    """The SQLite store of OpenCode (or of a fork, by its layout)."""

    def __init__(self, source_id: str, layout: Layout, env: Env) -> None:
        self.database = layout.database_file(env)
        config = tuple(str(p) for p in layout.config_files(env))
        self.parser = OpenCodeParser(source_id, config)
        super().__init__(source_id, [self.database.parent])

    def targets(self) -> Iterator[Target]:
        if self.database.is_file():
            yield Target(self.id, self.parser, str(self.database))


def provider_urls(config_files: tuple[str, ...]) -> dict[str, str]:
    """The base URL each provider in the tool's global config points at (later files win)."""
    urls: dict[str, str] = {}
    for path in config_files:
        try:
            document = jsonc.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, jsonc.ParseError):
            continue
        providers = document.get("provider") if isinstance(document, dict) else None
        for name, entry in (providers if isinstance(providers, dict) else {}).items():
            options = entry.get("options") if isinstance(entry, dict) else None
            if isinstance(options, dict) and isinstance(options.get("baseURL"), str):
                urls[name] = options["baseURL"]
    return urls


def _is_plan(traffic: PlanTraffic, message: dict[str, Any], urls: dict[str, str]) -> bool:
    return traffic.provider(message.get("modelID"), message.get("providerID"), urls)


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


@dataclass(frozen=True)
class OpenCodeParser(DatabaseParser):
    source: str  # the tool's id: OpenCode's forks share this parser
    config_files: tuple[str, ...]
    name = "opencode"

    def scan_database(
        self, path: str, cursor: int, traffic: PlanTraffic
    ) -> tuple[list[Item], int, int]:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        db = sqlite3.connect(uri, uri=True, timeout=2.0)
        try:
            since = max(0, cursor - LOOKBACK_MS)
            newest = cursor
            urls = provider_urls(self.config_files)
            events: list[Item] = []
            bad = 0
            for part_id, session, created, updated, part_data, message_data in db.execute(
                _PARTS, (since,)
            ):
                newest = max(newest, updated)
                try:
                    part, message = json.loads(part_data), json.loads(message_data)
                except (ValueError, RecursionError):
                    bad += 1
                    continue
                event = self._part_event(part_id, session, created, part, message, traffic, urls)
                if event:
                    events.append(event)
            for session, created, updated, message_data in db.execute(_TITLED, (since,)):
                newest = max(newest, updated)
                try:
                    message = json.loads(message_data) if message_data else None
                except (ValueError, RecursionError):
                    bad += 1
                    continue
                if isinstance(message, dict) and _is_plan(traffic, message, urls):
                    key = f"title:{session}"
                    model = message["modelID"]
                    events.append(
                        RequestEvent(self.source, key, created, model, Outcome.OK, session)
                    )
            return events, newest, bad
        finally:
            db.close()

    def _part_event(
        self,
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
            self.source, f"part:{part_id}", created, message["modelID"], outcome, session
        )
