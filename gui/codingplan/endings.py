"""How a model request ended, as far as the quota is concerned: the words the tools' record
readers, the ledger and the estimate share.

Apart from ``outcomes`` (which reads the plan's answers and error texts), so that the
ledger, and with it ``usage --line`` at every prompt, loads only these few names.
"""

from __future__ import annotations

import enum

from codingplan.plan import Window


class Outcome(enum.StrEnum):
    """How one model request ended, as far as the quota is concerned."""

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
    Outcome.QUOTA_5H: Window.FIVE_HOURS,
    Outcome.QUOTA_WEEK: Window.WEEK,
    Outcome.QUOTA_MONTH: Window.MONTH,
}
