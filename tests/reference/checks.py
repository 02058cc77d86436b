"""What the app's figures must be, against the reference, for one played history.

- The week and the month: exactly the reference's floor (the least the evidence proves),
  which is never more than the truth: whatever their confidence says, these figures are
  lower bounds, and "at least" is true.
- The 5 hours: never fewer than the calls seen in them, never more than the limit.
- Nothing hidden (every call the plan counted was seen): every window exactly the truth,
  and the next release exactly when the first call in the 5 hours comes back.
- A 5-hour window held by a "quota exceeded" answer (no call served since) with nothing
  hidden made after it: an upper bound (the calls behind the answer are taken as made at
  it, so none is promised back early).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tests.reference.quota_rules import FIVE_HOURS, LIMITS
from tests.reference.scenarios import Played, Scenario


def check(scenario: Scenario, played: Played, windows: dict[str, Any]) -> None:
    """``windows``: ``usage --json``'s windows (or the same from a snapshot)."""
    now, tier = scenario.now, scenario.tier
    plan, evidence = played.plan, played.evidence
    evidence.readings = played.readings_kept
    for window in ("week", "month"):
        shown = windows[window]
        floor = evidence.floor(window, now)
        assert shown["used"] == floor, (window, shown, floor)
        assert shown["used"] <= plan.truth(window, now), window
        assert shown["limit"] == LIMITS[tier][window]
    five = windows["5h"]
    assert evidence.visible("5h", now) <= five["used"] <= LIMITS[tier]["5h"], five
    if not played.hidden_after:
        for window in ("5h", "week", "month"):
            assert windows[window]["used"] == plan.truth(window, now), window
        back = plan.next_back(now)
        shown_back = five["next_release"]
        assert (shown_back is None) == (back is None), (five, back)
        if back is not None:
            at = datetime.fromisoformat(shown_back).timestamp() * 1000
            assert abs(at - back) < 1000, (shown_back, back)
    refused = [t for w, t in evidence.refusals if w == "5h" and t > now - FIVE_HOURS]
    if refused and five["confidence"] == "lower_bound":
        last = max(refused)
        if not any(t > last for t in played.hidden_after):
            assert five["used"] >= plan.truth("5h", now), (five, last)
