"""Which of the plan's end reminders (7, 3 and 1 days before) were given, so that each is
given once: kept on disk beside the quota notifications' levels, for one end at a time (a
renewal moves the end, and its reminders start afresh)."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path

from codingplan import paths
from codingplan.fileio import atomic_write

log = logging.getLogger(__name__)


class ReminderState:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.data_dir() / "plan-reminders.json"

    def _load(self) -> tuple[str, set[int]]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
            return str(data["ends_at"]), {int(d) for d in data["sent"]}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return "", set()

    def sent(self, ends_at: datetime) -> set[int]:
        """The reminders already given for a plan ending at ``ends_at``."""
        end, sent = self._load()
        return sent if end == ends_at.isoformat() else set()

    def mark(self, ends_at: datetime, days: int) -> None:
        sent = self.sent(ends_at) | {days}
        data = {"ends_at": ends_at.isoformat(), "sent": sorted(sent)}
        try:
            atomic_write(self.path, json.dumps(data).encode("utf-8"))
        except OSError as exc:  # a reminder may repeat after a restart; nothing worse
            log.warning("could not save the plan reminders given: %s", exc)
