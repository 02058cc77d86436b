"""What every source turns its records into: one event per model request.

An event carries a key that is stable across rescans (so the ledger can drop a request
it already has), the time in UTC milliseconds, the model and the outcome.
"""

from __future__ import annotations

import functools
import time
from datetime import UTC, datetime
from typing import Any, NamedTuple

from codingplan.endings import Outcome


class RequestEvent(NamedTuple):
    """A tuple, not a dataclass: a first scan makes hundreds of thousands of them."""

    source: str  # an integration's id, or "app" for this app's own test requests
    key: str  # unique within the source, the same on every rescan
    time_ms: int  # when the request was made, UTC milliseconds
    model: str
    outcome: Outcome = Outcome.OK
    session: str = ""
    # A tool may describe a call twice (Qwen Code: its usage log and its chat recording):
    # the primary record *covers* its session, and a *secondary* record of a covered
    # session is not counted (see ledger.COUNTED_VIEW).
    secondary: bool = False
    covers: bool = False
    reset_ms: int | None = None  # a quota answer that said when the quota comes back
    row_id: int | None = None  # the id another computer's ledger gave it (a shared request)
    origin: str | None = None  # the address it went to, where its record says

    @property
    def id(self) -> int:
        return self.row_id if self.row_id is not None else event_id(self.source, self.key)


class OutcomeUpdate(NamedTuple):
    """A later record telling how an already recorded request ended."""

    source: str
    key: str
    outcome: Outcome
    reset_ms: int | None = None  # the answer said when the quota comes back
    row_id: int | None = None  # as for RequestEvent

    @property
    def id(self) -> int:
        return self.row_id if self.row_id is not None else event_id(self.source, self.key)


Item = RequestEvent | OutcomeUpdate


def event_id(source: str, key: str) -> int:
    """A signed 64-bit id for (source, key): compact and fast as SQLite's rowid."""
    digest = _blake2b()(f"{source}\0{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@functools.cache
def _blake2b() -> Any:
    # hashlib starts OpenSSL when imported: worth it only once ids are made (a scan), not
    # for reading the ledger (``usage --line``).
    from hashlib import blake2b

    return blake2b


# Record times outside this span are refused: nothing was sent to the plan before 2020, a
# clock may run a little ahead, and a time past year 9999 in some zone breaks every reader.
EARLIEST_MS = 1_577_836_800_000  # 2020-01-01T00:00:00Z
AHEAD_MS = 86_400_000  # one day past this computer's clock


def sane_ms(ms: object, now_ms: int | None = None) -> int | None:
    """``ms`` if it is a time a request can have been made at (2020 to a day from
    ``now_ms``, default now), else None. Not a number (a bool, a string) is None too."""
    if not isinstance(ms, int) or isinstance(ms, bool):
        return None
    latest = (now_ms if now_ms is not None else int(time.time() * 1000)) + AHEAD_MS
    return ms if EARLIEST_MS <= ms <= latest else None


def parse_iso_ms(text: object, now_ms: int | None = None) -> int | None:
    """UTC milliseconds from an ISO 8601 time (``Z`` or an offset); None if unusable or
    outside the span ``sane_ms`` allows."""
    if not text or not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00", 1))
        if moment.tzinfo is None:  # the tools write UTC; a bare time is taken as UTC
            moment = moment.replace(tzinfo=UTC)
        ms = int(moment.timestamp() * 1000)
    except (ValueError, OverflowError):  # OverflowError: year 1 with an offset east of UTC
        return None
    return sane_ms(ms, now_ms)


# The minutes met so far (the same in every file: a minute's start does not depend on it).
_MINUTES: dict[str, int | None] = {}


class Stamps:
    """``parse_iso_ms`` for a long run of times, the common shape at a fraction of its cost.

    The tools write UTC times as ``2026-11-28T03:00:07.123Z``; a history holds thousands in
    each minute, so the minute is computed once and the seconds added. Any other shape goes
    to ``parse_iso_ms``. The span ``sane_ms`` allows is taken from the clock once.
    """

    def __init__(self, now_ms: int | None = None) -> None:
        self.now_ms = now_ms if now_ms is not None else int(time.time() * 1000)
        if len(_MINUTES) > 100_000:  # a long history seen by a long-running app: start over
            _MINUTES.clear()
        self._minutes = _MINUTES

    def ms(self, text: str) -> int | None:
        if len(text) != 24 or text[23] != "Z" or text[19] != "." or text[16] != ":":
            return parse_iso_ms(text, self.now_ms)
        seconds, millis = text[17:19], text[20:23]
        if not (seconds.isascii() and seconds.isdigit() and millis.isascii() and millis.isdigit()):
            return parse_iso_ms(text, self.now_ms)
        minute = text[:16]
        start = self._minutes.get(minute, -1)
        if start == -1:
            start = self._minutes[minute] = _minute_ms(minute)
        if start is None:
            return parse_iso_ms(text, self.now_ms)
        return sane_ms(start + int(seconds) * 1000 + int(millis), self.now_ms)


def _minute_ms(minute: str) -> int | None:
    """UTC milliseconds of ``YYYY-MM-DDTHH:MM``; None if it is no such minute."""
    try:
        if minute[10] != "T":
            return None
        return int(datetime.fromisoformat(minute).replace(tzinfo=UTC).timestamp()) * 1000
    except (ValueError, OverflowError):
        return None
