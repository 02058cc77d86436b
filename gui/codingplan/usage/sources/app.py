"""The app's own test requests (``codingplan test``, the Test button): each cost quota."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from codingplan import paths
from codingplan.usage.events import Outcome, RequestEvent, parse_iso_ms
from codingplan.usage.reading import loads
from codingplan.usage.sources.base import Item, SourceInfo, Target
from codingplan.usage.traffic import PlanTraffic

SOURCE = "app"
# The test's diagnosis categories (probe.Category values) as request outcomes.
_OUTCOMES = {
    "ok": Outcome.OK,
    "quota_5h": Outcome.QUOTA_5H,
    "quota_week": Outcome.QUOTA_WEEK,
    "quota_month": Outcome.QUOTA_MONTH,
    "rate_limited": Outcome.RATE_LIMITED,
    "key_format": Outcome.REJECTED,
    "invalid_key": Outcome.REJECTED,
    "wrong_endpoint": Outcome.REJECTED,
    "bad_path": Outcome.REJECTED,
    "model_unsupported": Outcome.REJECTED,
}


class AppSource(SourceInfo):
    def __init__(self) -> None:
        self.file = paths.test_requests_file()
        super().__init__(SOURCE, [self.file.parent])

    def targets(self) -> Iterator[Target]:
        if Path(self.file).is_file():
            yield Target(SOURCE, "app", str(self.file))


class AppParser:
    mode = "append"
    needles = (b'"id"',)

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        record = loads(line)
        if not isinstance(record, dict):
            raise ValueError("not an object")
        model = record.get("model")
        time_ms = parse_iso_ms(record.get("time"))
        if not (record.get("id") and time_ms is not None):
            raise ValueError("no id or time")
        if not traffic.request(model, record.get("origin")):
            return []
        outcome = _OUTCOMES.get(str(record.get("category")), Outcome.ERROR)
        return [RequestEvent(SOURCE, f"test:{record['id']}", time_ms, model, outcome)]


PARSER = AppParser()
