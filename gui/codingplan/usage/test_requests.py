"""This app's own test requests (``codingplan test``, the Test button): each cost quota.

They are counted whatever address they went to and whatever origin a later scan runs
with: this app sent them to the address the person gave it, so the plan (or the gateway in
front of it) saw each one. Each keeps that address, so that a "quota exceeded" from another
address than the one in use can be told apart (a test server, say).

A test that got no answer (the connection refused or dropped, no answer in time) or only a
server's error page (HTTP 5xx) is not counted: nothing shows the plan did any work for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from codingplan.endings import COUNTED, Outcome
from codingplan.usage.events import Item, RequestEvent, parse_iso_ms
from codingplan.usage.reading import loads
from codingplan.usage.source import AppendParser, Target, UsageSource
from codingplan.usage.traffic import PlanTraffic

SOURCE = "app"
# An address as this app writes it: kept only when it looks like one (the file is read as
# hostile input: it may hold anything).
_ADDRESS = re.compile(r"https?://[!-~]{1,300}")


class TestRequestSource(UsageSource):
    __test__ = False  # not a pytest test class, whatever its name

    def __init__(self, file: Path) -> None:
        self.file = file
        super().__init__(SOURCE, [file.parent])

    def targets(self) -> Iterator[Target]:
        if self.file.is_file():
            yield Target(SOURCE, PARSER, str(self.file))


class TestRequestParser(AppendParser):
    __test__ = False
    name = "app"
    needles = (b'"id"',)

    def parse_line(self, line: bytes, context: dict[str, Any], traffic: PlanTraffic) -> list[Item]:
        # Loaded by the first record only: a refresh that finds nothing new needs none.
        from codingplan.outcomes import RESET_HORIZON_MS, ProbeRecord

        record = ProbeRecord.from_value(loads(line))
        time_ms = parse_iso_ms(record.time)
        if time_ms is None:
            raise ValueError("no time")
        # A reset lies ahead of the answer: it is bounded by the answer's time, not the clock's.
        reset_ms = parse_iso_ms(record.reset_at, time_ms + RESET_HORIZON_MS)
        key = f"test:{record.id}"
        outcome = record.outcome
        if outcome in COUNTED and (record.status is None or record.status >= 500):
            outcome = Outcome.REJECTED  # no answer, or an error page: not known to be used
        origin = record.origin if _ADDRESS.fullmatch(record.origin) else None
        event = RequestEvent(
            SOURCE, key, time_ms, record.model, outcome, reset_ms=reset_ms, origin=origin
        )
        return [event]


PARSER = TestRequestParser()
