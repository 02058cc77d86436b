"""Local quota tracking: a ledger of model requests read from every tool's own records.

No Qt here, and no knowledge of any tool: the sources come from ``codingplan.integrations``
through ``quota.open_tracker``. The GUI uses, from a worker thread:

    tracker = quota.open_tracker(settings)
    report = tracker.refresh(progress=callback)  # ScanReport; reads only what is new
    snap = tracker.snapshot(settings)             # Snapshot; .to_dict() is the CLI JSON
    tracker.daily_history(days=14)                # [DayCount] for a small chart
    tracker.calibrate("week", used=1234, total=45000)
    watcher = Watcher(tracker.roots, on_change=...)  # start()/stop(); debounced

The names below are imported when first used: a worker process, or ``usage --line``,
needs only a few of these modules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from codingplan.usage.estimate import CALIBRATED, COUNTED, LOWER_BOUND
    from codingplan.usage.snapshot import Snapshot
    from codingplan.usage.tracker import DayCount, ScanProgress, ScanReport, Tracker, ledger_path
    from codingplan.usage.watcher import Watcher

_WHERE = {
    "CALIBRATED": "estimate",
    "COUNTED": "estimate",
    "LOWER_BOUND": "estimate",
    "DayCount": "tracker",
    "ScanProgress": "tracker",
    "ScanReport": "tracker",
    "Snapshot": "snapshot",
    "Tracker": "tracker",
    "Watcher": "watcher",
    "ledger_path": "tracker",
}

__all__ = [
    "CALIBRATED",
    "COUNTED",
    "LOWER_BOUND",
    "DayCount",
    "ScanProgress",
    "ScanReport",
    "Snapshot",
    "Tracker",
    "Watcher",
    "ledger_path",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
