"""What every source turns its records into: one event per model request.

An event carries a key that is stable across rescans (so the ledger can drop a request
it already has), the time in UTC milliseconds, the model and the outcome.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

from codingplan.outcomes import Outcome


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

    @property
    def id(self) -> int:
        return self.row_id if self.row_id is not None else event_id(self.source, self.key)


@dataclass(frozen=True, slots=True)
class OutcomeUpdate:
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
    digest = hashlib.blake2b(f"{source}\0{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


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
