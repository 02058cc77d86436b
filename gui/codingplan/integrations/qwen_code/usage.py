"""Qwen Code: its per-call usage log, and for older versions its chat recordings.

Measured on Qwen Code 0.24.4: ``<qwen home>/usage/token-usage-YYYY-MM.jsonl`` gets one
line per model call, background calls included (``source`` says which, e.g.
``managed-auto-memory-extractor``), each with its own ``id``. The chat recording
``<qwen home>/projects/<cwd>/chats/<session>.jsonl`` also has one ``ui_telemetry``
record per call (``qwen-code.api_response`` / ``qwen-code.api_error``); older versions
write only those. A call is never counted from both: chat records are *secondary*, and a
session that has usage-log lines is covered by them from its first such line on (see
``Ledger``), so chat records count only where no usage log exists.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from codingplan.env import Env
from codingplan.integrations.qwen_code import locations
from codingplan.outcomes import Outcome, classify_error
from codingplan.usage.events import Item, RequestEvent, parse_iso_ms
from codingplan.usage.reading import loads
from codingplan.usage.source import AppendParser, Target, UsageSource, glob_files, unique_dirs
from codingplan.usage.traffic import PlanTraffic

SOURCE = "qwen-code"


class QwenSource(UsageSource):
    def __init__(self, env: Env) -> None:
        super().__init__(SOURCE, unique_dirs(locations.record_dirs(env)))

    def targets(self) -> Iterator[Target]:
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


class QwenChatParser(AppendParser):
    name = "qwen-chat"
    needles = (b"qwen-code.api_response", b"qwen-code.api_error")

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        record = loads(line)
        if not isinstance(record, dict):
            raise ValueError("not an object")
        if record.get("subtype") != "ui_telemetry":
            return []
        payload = record.get("systemPayload") or {}
        event = payload.get("uiEvent") if isinstance(payload, dict) else None
        if not isinstance(event, dict):
            return []
        name = event.get("event.name")
        if name not in ("qwen-code.api_response", "qwen-code.api_error"):
            return []
        model = event.get("model")
        time_ms = parse_iso_ms(event.get("event.timestamp")) or parse_iso_ms(
            record.get("timestamp")
        )
        if not (traffic.model(model) and record.get("uuid") and time_ms is not None):
            return []
        outcome = Outcome.OK
        if name == "qwen-code.api_error":
            status = event.get("status_code")
            outcome = classify_error(
                str(event.get("error_message") or event.get("error") or ""),
                status if isinstance(status, int) else None,
            )
        session = str(record.get("sessionId") or "")
        return [
            RequestEvent(
                SOURCE, f"chat:{record['uuid']}", time_ms, model, outcome, session, secondary=True
            )
        ]


USAGE_PARSER = QwenUsageParser()
CHAT_PARSER = QwenChatParser()
