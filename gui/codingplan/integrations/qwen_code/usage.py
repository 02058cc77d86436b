"""Qwen Code: its per-call usage log, its chat recordings, and its per-run request totals.

Measured on Qwen Code 0.24.4: ``<qwen home>/usage/token-usage-YYYY-MM.jsonl`` gets one
line per model call, background calls included (``source`` says which, e.g.
``managed-auto-memory-extractor``), each with its own ``id``. The chat recording
``<qwen home>/projects/<cwd>/chats/<session>.jsonl`` also has one ``ui_telemetry``
record per call (``qwen-code.api_response`` / ``qwen-code.api_error``); older versions
write only those. A call is never counted from both: chat records are *secondary*, and a
session that has usage-log lines is covered by them from its first such line on (see
``Ledger``), so chat records count only where no usage log exists.

Qwen Code's internal side queries (the auto mode's security classifier, prompt id
``side-query:permission_classifier_stage1``) are in neither: only in
``<qwen home>/usage_record.jsonl``, one line per process run written when it exits (also on
Ctrl+C and SIGTERM, not when killed), whose ``models.<id>.requests`` counts every call of
the session, internal ones included. A resumed session's line counts again the calls its
chat recording holds from earlier runs (the totals are rebuilt from it), so a line's
hidden calls are its requests less the session's chat records written up to its
``timestamp``; they are placed at the run's last recorded call. SDK retries (a 429 retried
by the OpenAI client) and a call cut off are in no record at all.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

from codingplan.endings import Outcome
from codingplan.env import Env
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.integrations.qwen_code import locations
from codingplan.plan import Tier
from codingplan.usage.events import Item, RequestEvent, parse_iso_ms
from codingplan.usage.reading import AppendedLines, loads
from codingplan.usage.source import (
    AppendParser,
    Target,
    UsageSource,
    failure,
    glob_files,
    unique_dirs,
)
from codingplan.usage.traffic import PlanTraffic

SOURCE = "qwen-code"


class QwenSource(UsageSource):
    unseen = QT_TRANSLATE_NOOP("usage", "calls cut off with Ctrl+C")

    def __init__(self, env: Env) -> None:
        super().__init__(SOURCE, unique_dirs(locations.record_dirs(env)))
        self.usage_record = locations.usage_record_file(env)
        self.records = QwenRecordParser(tuple(str(root) for root in self.roots))

    def targets(self) -> Iterator[Target]:
        if self.usage_record.is_file():
            yield Target(SOURCE, self.records, str(self.usage_record))
        for root in self.roots:
            for path in glob_files(root / "usage", "token-usage-*.jsonl"):
                yield Target(SOURCE, USAGE_PARSER, path)
            for path in glob_files(root / "projects", "*/chats/*.jsonl"):
                yield Target(SOURCE, CHAT_PARSER, path)


class QwenUsageParser(AppendParser):
    name = "qwen-usage"
    needles = (b'"model"',)

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        record = loads(line)
        if not isinstance(record, dict):
            raise ValueError("not an object")
        model = record.get("model")
        time_ms = parse_iso_ms(record.get("timestamp"))
        if not (traffic.model(model) and record.get("id") and time_ms is not None):
            return []
        session = str(record.get("sessionId") or "")
        key = f"usage:{record['id']}"
        return [RequestEvent(SOURCE, key, time_ms, model, Outcome.OK, session, covers=True)]


_CALL_EVENTS = ("qwen-code.api_response", "qwen-code.api_error")


def _call_record(line: bytes) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """A chat record of one model call and its telemetry event; None for other records."""
    record = loads(line)
    if not isinstance(record, dict):
        raise ValueError("not an object")
    if record.get("subtype") != "ui_telemetry":
        return None
    payload = record.get("systemPayload") or {}
    event = payload.get("uiEvent") if isinstance(payload, dict) else None
    if not isinstance(event, dict) or event.get("event.name") not in _CALL_EVENTS:
        return None
    return record, event


def _event_time(record: dict[str, Any], event: dict[str, Any]) -> int | None:
    return parse_iso_ms(event.get("event.timestamp")) or parse_iso_ms(record.get("timestamp"))


class QwenChatParser(AppendParser):
    name = "qwen-chat"
    needles = tuple(name.encode() for name in _CALL_EVENTS)

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        found = _call_record(line)
        if found is None:
            return []
        record, event = found
        model = event.get("model")
        time_ms = _event_time(record, event)
        if not (traffic.model(model) and record.get("uuid") and time_ms is not None):
            return []
        outcome, reset = Outcome.OK, None
        if event.get("event.name") == "qwen-code.api_error":
            status = event.get("status_code")
            outcome, reset = failure(
                str(event.get("error_message") or event.get("error") or ""),
                status if isinstance(status, int) else None,
                time_ms,
            )
        session = str(record.get("sessionId") or "")
        key = f"chat:{record['uuid']}"
        return [
            RequestEvent(
                SOURCE, key, time_ms, model, outcome, session, secondary=True, reset_ms=reset
            )
        ]


# More calls than the largest plan serves in a month: no run made them (a damaged record).
MAX_RUN_REQUESTS = max(tier.info.limit_month for tier in Tier)

# A session id as Qwen Code makes them (a UUID): safe to put in a file name pattern.
_SESSION_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _chat_files(record_dirs: tuple[str, ...], session: str, project: object) -> list[str]:
    """The session's chat recordings: where Qwen Code puts them for its project (the
    folder named after the project's path, every character but letters and digits a
    "-"; lower case on Windows), else wherever they are."""
    names = []
    if isinstance(project, str) and project:
        named = re.sub(r"[^a-zA-Z0-9]", "-", project)
        names = list(dict.fromkeys((named, named.lower())))
    found = [
        str(path)
        for root in record_dirs
        for name in names
        if (path := Path(root) / "projects" / name / "chats" / f"{session}.jsonl").is_file()
    ]
    if found:
        return found
    return [
        path
        for root in record_dirs
        for path in glob_files(Path(root) / "projects", f"*/chats/{session}.jsonl")
    ]


# The calls of the chat recordings read last: (path, size, mtime) -> [(time, model)]. A
# resumed session has a usage_record line per run, each asking for the same recording.
_RECORDED: dict[tuple[str, int, int], list[tuple[int, str]]] = {}


def _recorded_calls(path: str, session: str) -> list[tuple[int, str]]:
    st = os.stat(path)
    version = (path, st.st_size, st.st_mtime_ns)
    if version in _RECORDED:
        return _RECORDED[version]
    calls = []
    for line in AppendedLines(path, 0, QwenChatParser.needles):
        try:
            found = _call_record(line)
        except (ValueError, RecursionError):
            continue  # a damaged line: the chat parser skips and reports it
        if found is None or found[0].get("sessionId") != session:
            continue
        time_ms = _event_time(*found)
        if time_ms is not None:
            calls.append((time_ms, str(found[1].get("model") or "")))
    if len(_RECORDED) >= 8:
        _RECORDED.clear()
    _RECORDED[version] = calls
    return calls


def _chat_calls(
    record_dirs: tuple[str, ...], session: str, project: object, until_ms: int
) -> list[tuple[int, str]] | None:
    """(time, model) of each call the session's chat recording holds up to ``until_ms``;
    None when there is no recording of the session."""
    files = _chat_files(record_dirs, session, project)
    if not files:
        return None
    calls = []
    for path in files:
        try:
            calls += [c for c in _recorded_calls(path, session) if c[0] <= until_ms]
        except OSError:
            continue
    return calls


@dataclass(frozen=True)
class QwenRecordParser(AppendParser):
    """``usage_record.jsonl``: the calls of a run that no other record holds."""

    record_dirs: tuple[str, ...]  # where the chat recordings are
    name = "qwen-usage-record"
    needles = (b'"requests"',)

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        record = loads(line)
        if not isinstance(record, dict):
            raise ValueError("not an object")
        session, end, models = (
            record.get("sessionId"),
            record.get("timestamp"),
            record.get("models"),
        )
        if not (
            isinstance(session, str)
            and _SESSION_ID.fullmatch(session)
            and _is_int(end)
            and isinstance(models, dict)
        ):
            return []
        calls = _chat_calls(self.record_dirs, session, record.get("project"), end)
        if calls is None:
            # Without the chat recording (deleted with its session, whose totals Qwen Code
            # then writes here) recorded calls cannot be told from hidden ones: none added.
            return []
        start = record.get("startTime")
        start = start if _is_int(start) and start <= end else end
        recorded = Counter(model for _, model in calls)
        requests = {
            model: entry["requests"]
            for model, entry in models.items()
            if isinstance(entry, dict) and _is_int(entry.get("requests"))
        }
        if sum(requests.values()) > MAX_RUN_REQUESTS:
            raise ValueError("more calls than any plan serves in a month")
        # The exact time of a hidden call is unknown; it was made during the run, beside
        # the run's recorded calls: it goes with the last of them.
        when = max((t for t, _ in calls if t >= start), default=end)
        room = max(0, sum(requests.values()) - len(calls))
        events: list[Item] = []
        for model, total in requests.items():
            hidden = min(max(0, total - recorded[model]), room)
            room -= hidden
            if not traffic.model(model):
                continue
            for i in range(hidden):
                key = f"record:{session}:{end}:{model}:{i}"
                events.append(RequestEvent(SOURCE, key, when, model, Outcome.OK, session))
        return events


USAGE_PARSER = QwenUsageParser()
CHAT_PARSER = QwenChatParser()
