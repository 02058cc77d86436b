"""When to tell the person about their quota: once each time a window crosses a threshold.

A window's level is how many of the notification thresholds (percent used) it has passed,
or EXHAUSTED when nothing is left. An alert says when things change where that is known
(the app fills ``at_ms`` in from the estimate): when a used-up window takes calls again,
when one past a threshold runs out at the recent pace. Rising to a new level notifies once; falling back
(a reset, or requests returning) re-arms silently, except that an exhausted 5-hour window
getting capacity back is news too. The last levels are kept on disk so a restart does not
repeat a notification; the file is written only when a level changes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codingplan import paths
from codingplan.fileio import atomic_write
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import Window

log = logging.getLogger(__name__)

EXHAUSTED = 1000  # above any count of thresholds
WINDOW_NAMES: dict[str, str] = {
    Window.FIVE_HOURS: QT_TRANSLATE_NOOP("alerts", "5-hour window"),
    Window.WEEK: QT_TRANSLATE_NOOP("alerts", "Weekly quota"),
    Window.MONTH: QT_TRANSLATE_NOOP("alerts", "Monthly quota"),
}
TEXTS = {
    "threshold": (
        QT_TRANSLATE_NOOP("alerts", "{window}: {percent}% used"),
        QT_TRANSLATE_NOOP("alerts", "{remaining} of {limit} requests left."),
    ),
    "exhausted": (
        QT_TRANSLATE_NOOP("alerts", "{window}: used up"),
        QT_TRANSLATE_NOOP("alerts", "No requests left until it frees up again."),
    ),
    "restored": (
        QT_TRANSLATE_NOOP("alerts", "{window}: requests are back"),
        QT_TRANSLATE_NOOP("alerts", "{remaining} requests are available again."),
    ),
}
# The same news with its time: {time} the clock ("14:32", or a day and time when not today),
# {in} how far away ("in 1 h 1 min").
TIMED_BODIES = {
    "threshold": QT_TRANSLATE_NOOP(
        "alerts",
        "{remaining} of {limit} requests left: runs out around {time} ({in}) at this pace.",
    ),
    "exhausted": QT_TRANSLATE_NOOP("alerts", "No requests left: back at {time} ({in})."),
}


def level_of(used: int, limit: int, thresholds: Iterable[int]) -> int:
    """0 below every threshold, n once the n-th lowest is reached, EXHAUSTED at the limit."""
    if limit <= 0 or used >= limit:
        return EXHAUSTED
    percent = used * 100 / limit
    return sum(1 for t in sorted(thresholds) if percent >= t)


@dataclass(frozen=True)
class Alert:
    window: str
    kind: str  # "threshold", "exhausted" or "restored"
    params: dict[str, Any] = field(default_factory=dict)
    at_ms: int | None = None  # when the news changes: back (exhausted), runs out (threshold)

    @property
    def templates(self) -> tuple[str, str]:
        title, body = TEXTS[self.kind]
        if self.at_ms is not None and self.kind in TIMED_BODIES:
            body = TIMED_BODIES[self.kind]
        return title, body

    @property
    def window_name(self) -> str:
        return WINDOW_NAMES[self.window]


class AlertState:
    """Decides which crossings to announce; remembers the last level of each window."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.data_dir() / "alerts.json"
        self.levels: dict[str, int] = self._load()

    def _load(self) -> dict[str, int]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return {k: int(v) for k, v in data.items() if k in WINDOW_NAMES}
        except (OSError, ValueError, TypeError, AttributeError):
            return {}

    def update(
        self, windows: Mapping[str, tuple[int, int]], thresholds: Iterable[int]
    ) -> list[Alert]:
        """``windows``: window -> (used, limit). Returns the alerts to show now."""
        thresholds = sorted(thresholds)
        alerts, changed = [], False
        for window, (used, limit) in windows.items():
            new = level_of(used, limit, thresholds)
            old = self.levels.get(window, 0)
            if new == old:
                continue
            self.levels[window], changed = new, True
            params = {
                "used": used,
                "limit": limit,
                "remaining": max(0, limit - used),
                "percent": min(100, used * 100 // max(1, limit)),
            }
            if new > old:
                kind = "exhausted" if new == EXHAUSTED else "threshold"
                if kind == "threshold":  # name the threshold crossed, not the exact share
                    params["percent"] = thresholds[new - 1]
                alerts.append(Alert(window, kind, params))
            elif old == EXHAUSTED and window == Window.FIVE_HOURS:
                alerts.append(Alert(window, "restored", params))
        if changed:
            self._save()
        return alerts

    def _save(self) -> None:
        try:
            atomic_write(self.path, json.dumps(self.levels).encode("utf-8"))
        except OSError as exc:  # a notification may repeat after a restart; nothing worse
            log.warning("could not save notification state: %s", exc)
