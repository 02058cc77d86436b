"""Madeup Code's call log: one JSONL line per model call,
``{"id": "c1", "at": <epoch ms>, "model": "…", "base": "<base URL>", "status": 200}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from codingplan.endings import Outcome
from codingplan.env import Env
from codingplan.usage.events import Item, RequestEvent
from codingplan.usage.source import AppendParser, Target, UsageSource
from codingplan.usage.traffic import PlanTraffic
from tests.integration.tools.madeup import locations

SOURCE = "madeup"


class MadeupLogParser(AppendParser):
    name = "madeup-log"
    needles = (b'"model"',)

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        call = json.loads(line)
        if not traffic.request(call["model"], call.get("base")):
            return []
        outcome = Outcome.OK if call.get("status") == 200 else Outcome.ERROR
        return [RequestEvent(SOURCE, str(call["id"]), int(call["at"]), call["model"], outcome)]


PARSER = MadeupLogParser()


class MadeupSource(UsageSource):
    def __init__(self, env: Env) -> None:
        self.log = locations.log_file(env)
        super().__init__(SOURCE, [self.log.parent])

    def targets(self) -> Iterator[Target]:
        if self.log.is_file():
            yield Target(SOURCE, PARSER, str(self.log))
