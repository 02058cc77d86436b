"""OpenCode (and its forks): its SQLite store, ``<XDG data>/opencode/opencode.db``, read-only.

Measured on OpenCode 1.18.33 and Kilo Code CLI 7.7.7 against a stand-in of the plan:
- each model call of the agent loop is one assistant message whose ``data`` names
  ``providerID`` and ``modelID``, with ``time.created`` (written just before the request
  goes out: the call is stamped with it) and, once it ends, ``time.completed``;
- a call that failed, after the tool's own retries, keeps the server's answer in
  ``data.error`` (``data.statusCode`` and ``data.message``); the retries themselves are not
  recorded (no ``retry`` parts are written), so each failed message is one refusal;
- a call cut off (the tool stopped mid-answer) keeps only ``time.created``: it reached the
  plan, so it is counted, as an error, until a later read finds how it ended;
- OpenCode asks the small model for the session's title in one more call that leaves no
  message: a session whose title is no longer the ``New session - …`` placeholder had it,
  stamped at the session's first call.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from codingplan.endings import Outcome
from codingplan.env import Env
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.opencode.locations import Layout
from codingplan.usage.events import Item, OutcomeUpdate, RequestEvent, sane_ms
from codingplan.usage.source import (
    MALFORMED,
    DatabaseParser,
    Target,
    UsageSource,
    classify_error,
    open_store,
    reset_hint,
)
from codingplan.usage.traffic import PlanTraffic

PLACEHOLDER_TITLE = "New session - "
# Parts are written while a call streams; look back this far so a part finished after
# the last scan's cursor moved past its creation time is still seen.
LOOKBACK_MS = 10 * 60 * 1000


class OpenCodeSource(UsageSource):
    unseen = QT_TRANSLATE_NOOP("usage", "the title call of a session cut off before it was named")

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
    from codingplan import jsonc  # only where the tool has a config to read
    from codingplan.fileio import READ_LIMIT, read_regular

    urls: dict[str, str] = {}
    for path in config_files:
        try:
            document = jsonc.loads(read_regular(path, READ_LIMIT).decode("utf-8"))
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


_MESSAGES = """
SELECT m.id, m.session_id, m.time_created, m.time_updated, m.data FROM message m
WHERE m.time_updated >= ? AND m.data LIKE '%"assistant"%'
"""
_TITLED = """
SELECT s.id, s.time_updated, (
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
    # Messages are rewritten while a call streams and when it ends: each read looks back
    # this far past the last one, so a call that ended since is seen again.
    lookback_ms = LOOKBACK_MS
    name = "opencode-messages"  # "opencode" counted step-finish parts, keyed by part

    def scan_database(
        self, path: str, since: int, traffic: PlanTraffic
    ) -> tuple[list[Item], int, int]:
        db = open_store(path)
        try:
            newest = since
            now = int(time.time() * 1000)  # what a sane time is, once for every row
            urls = provider_urls(self.config_files)
            events: list[Item] = []
            bad = 0
            for message_id, session, created, updated, data in db.execute(_MESSAGES, (since,)):
                # A time past the clock would move the cursor beyond every later row.
                newest = max(newest, sane_ms(updated, now) or newest)
                try:
                    found = self._message(message_id, session, created, data, traffic, urls, now)
                except MALFORMED:
                    found = None
                if found is None:
                    bad += 1
                    continue
                events += found
            for session, updated, first in db.execute(_TITLED, (since,)):
                newest = max(newest, sane_ms(updated, now) or newest)
                try:
                    title = self._title(session, updated, first, traffic, urls, now)
                except MALFORMED:
                    title = None
                if title is None:
                    bad += 1
                    continue
                events += title
            return events, newest, bad
        finally:
            db.close()

    def _message(
        self,
        message_id: object,
        session: object,
        created: object,
        data: object,
        traffic: PlanTraffic,
        urls: dict[str, str],
        now: int,
    ) -> list[Item] | None:
        """The call one message row records; None for a row that cannot be used."""
        message = json.loads(data)  # type: ignore[arg-type]  # a row of any type: refused
        if not (
            isinstance(message, dict)
            and message.get("role") == "assistant"
            and _is_plan(traffic, message, urls)
        ):
            return []
        start = _created(message, created, now)
        if start is None or not isinstance(message_id, str) or not isinstance(session, str):
            return None
        written = created if type(created) is int else start
        return self._call(message_id, session, start, written, message)

    def _title(
        self,
        session: object,
        updated: object,
        first: object,
        traffic: PlanTraffic,
        urls: dict[str, str],
        now: int,
    ) -> list[Item] | None:
        """The call that named a session; None for a row that cannot be used."""
        message = json.loads(first) if first else None  # type: ignore[arg-type]
        if not (isinstance(message, dict) and _is_plan(traffic, message, urls)):
            return []
        start = _created(message, updated, now)
        if start is None or not isinstance(session, str):
            return None
        model = message["modelID"]
        return [RequestEvent(self.source, f"title:{session}", start, model, Outcome.OK, session)]

    def _call(
        self, message_id: str, session: str, start: int, created: int, message: dict[str, Any]
    ) -> list[Item]:
        """The call a message records (made at ``start``; its row was written at
        ``created``), and how it ended so far."""
        key = f"msg:{message_id}"
        times = message.get("time") if isinstance(message.get("time"), dict) else {}
        error = message.get("error")
        reset_ms = None
        if error:
            outcome = _outcome_of_error(error)
            answered = times.get("completed") if isinstance(times, dict) else None
            reset_ms = _reset_of_error(error, answered if isinstance(answered, int) else created)
        elif isinstance(times, dict) and times.get("completed"):
            outcome = Outcome.OK
        else:
            outcome = Outcome.ERROR  # still running, or cut off: it reached the plan
        model = message["modelID"]
        event = RequestEvent(self.source, key, start, model, outcome, session, reset_ms=reset_ms)
        # The first read may have seen the call still running: its ending is told again.
        return [event, OutcomeUpdate(self.source, key, outcome, reset_ms)]


def _created(message: dict[str, Any], fallback: object, now_ms: int) -> int | None:
    """When the call was made; None if neither the message nor its row has a usable time."""
    times = message.get("time")
    start = times.get("created") if isinstance(times, dict) else None
    return sane_ms(start, now_ms) or sane_ms(fallback, now_ms)


def _reset_of_error(error: Any, answered_ms: int) -> int | None:
    """When the failed call's answer said the quota comes back: the tool keeps the answer's
    headers (``retry-after``) and body with the error."""
    data = error.get("data") if isinstance(error, dict) else None
    if not isinstance(data, dict):
        return None
    headers = data.get("responseHeaders")
    text = f"{data.get('message') or ''} {data.get('responseBody') or ''}"
    return reset_hint(text, headers if isinstance(headers, dict) else None, answered_ms)


def _outcome_of_error(error: Any) -> Outcome:
    data = error.get("data") if isinstance(error, dict) else None
    status = data.get("statusCode") if isinstance(data, dict) else None
    if not isinstance(status, int) or isinstance(status, bool):
        status = None
    return classify_error(json.dumps(error, ensure_ascii=False), status)
