"""What every source turns its records into: one event per model request.

An event carries a key that is stable across rescans (so the ledger can drop a request
it already has), the time in UTC milliseconds, the model and the outcome.
"""

from __future__ import annotations

import enum
import hashlib
from datetime import UTC, datetime
from typing import NamedTuple


class Outcome(enum.StrEnum):
    OK = "ok"
    QUOTA_5H = "quota_5h"
    QUOTA_WEEK = "quota_week"
    QUOTA_MONTH = "quota_month"
    RATE_LIMITED = "rate_limited"  # throttling or concurrency: not the three windows
    REJECTED = "rejected"  # key, endpoint, model or request refused before any work
    ERROR = "error"  # anything else: a server error, a cut stream


# The plan does not say which failures use quota. A request it served (or started serving)
# counts; one it refused up front, or refused because a quota was used up, does not.
COUNTED = frozenset({Outcome.OK, Outcome.ERROR})
QUOTA_OUTCOMES = {
    Outcome.QUOTA_5H: "5h",
    Outcome.QUOTA_WEEK: "week",
    Outcome.QUOTA_MONTH: "month",
}

# The plan's own error texts (its FAQ), in the words the tools record them.
_QUOTA_TEXTS = (
    ("hour allocated quota exceeded", Outcome.QUOTA_5H),
    ("week allocated quota exceeded", Outcome.QUOTA_WEEK),
    ("month allocated quota exceeded", Outcome.QUOTA_MONTH),
)
_THROTTLE_TEXTS = ("concurrency allocated quota exceeded", "rate limit", "too many requests")


def classify_error(text: str, status: int | None = None) -> Outcome:
    """The outcome of a failed request from its error text and, where known, its status."""
    lowered = text.lower()
    for needle, outcome in _QUOTA_TEXTS:
        if needle in lowered:
            return outcome
    if any(needle in lowered for needle in _THROTTLE_TEXTS) or status == 429:
        return Outcome.RATE_LIMITED
    if status in (400, 401, 403, 404) or "invalid access token" in lowered:
        return Outcome.REJECTED
    return Outcome.ERROR


class RequestEvent(NamedTuple):
    """A tuple, not a dataclass: a first scan makes hundreds of thousands of them."""

    source: str  # tool id: claude-code, qwen-code, cline, opencode, app
    key: str  # unique within the source, the same on every rescan
    time_ms: int  # when the request was made, UTC milliseconds
    model: str
    outcome: Outcome = Outcome.OK
    session: str = ""
    # Qwen Code describes a call twice, in its usage log and in the chat recording: the
    # usage log *covers* its session, and a *secondary* chat record of a covered session
    # is not counted (see ledger.COUNTED_VIEW).
    secondary: bool = False
    covers: bool = False

    @property
    def id(self) -> int:
        return event_id(self.source, self.key)


def event_id(source: str, key: str) -> int:
    """A signed 64-bit id for (source, key): compact and fast as SQLite's rowid."""
    digest = hashlib.blake2b(f"{source}\0{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def parse_iso_ms(text: str) -> int | None:
    """UTC milliseconds from an ISO 8601 time (``Z`` or an offset); None if unusable."""
    if not text or not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00", 1))
    except ValueError:
        return None
    if moment.tzinfo is None:  # the tools write UTC; a bare time is taken as UTC
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)
