"""What the tray, the dashboard and ``codingplan usage --json`` show: one plain value."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any, NamedTuple

from codingplan.i18n import QT_TRANSLATE_NOOP, fill
from codingplan.plan import Tier, Window
from codingplan.usage.estimate import WindowEstimate
from codingplan.usage.forecast import Forecast
from codingplan.usage.windows import moment

CLAMPED_NOTE = QT_TRANSLATE_NOOP(
    "usage",
    "Your subscription day does not exist in every month: in a shorter month the monthly "
    "quota resets on its last day.",
)
UPGRADE_NOTE = QT_TRANSLATE_NOOP(
    "usage",
    "After the upgrade to Pro this month's remaining quota was raised in proportion to what "
    "was left of Lite's.",
)
UPGRADE_LIMIT_NOTE = QT_TRANSLATE_NOOP(
    "usage", "Since the upgrade to Pro this window has Pro's limit."
)
ESTIMATED_RELEASES_NOTE = QT_TRANSLATE_NOOP(
    "usage",
    "Some of these requests are known only from the plan (your reading, or its 'quota "
    "exceeded' answer): when they come back is estimated, as if they were made evenly "
    "over the 5 hours before.",
)
PLAN_RESET_NOTE = QT_TRANSLATE_NOOP(
    "usage", "When the quota comes back is what the plan's answer said."
)
SERVED_NOTE = QT_TRANSLATE_NOOP(
    "usage",
    "The plan answered 'quota exceeded', then served a call again: the estimate follows "
    "what it served.",
)
STALE_NOTE = QT_TRANSLATE_NOOP(
    "usage",
    "The plan's own reading is older than this window: this figure is estimated from the "
    "records again.",
)
FLOOR_NOTE = QT_TRANSLATE_NOOP(
    "usage",
    "What the plan showed of another window in this period (a reading, or its 'quota "
    "exceeded' answer) proves at least this many were used.",
)
THROUGH_NOTE = QT_TRANSLATE_NOOP(
    "usage",
    "The 'quota exceeded' answer behind this figure came through {origin}, not the address "
    "in use: if that was a test server, set it aside with 'codingplan usage dismiss'.",
)


def iso(ms: int, tz: tzinfo | None = None) -> str:
    """ISO 8601 with the offset of the person's zone (or ``tz``) at that moment.

    Never raises (see ``windows.moment``)."""
    return moment(ms, tz).isoformat(timespec="seconds")


class SourceStatus(NamedTuple):
    id: str
    files: int
    skipped: int  # malformed, truncated or over-long records passed over
    requests: int  # counted requests this month
    last_request_ms: int | None
    error: str | None = None
    unseen: str = ""  # the calls its records cannot show ("" when none is known)


class MachineStatus(NamedTuple):
    """A computer sharing its count through the shared folder (this one first)."""

    id: str
    label: str
    requests: int  # counted requests this month
    last_request_ms: int | None
    written_ms: int | None  # when its file was last written
    silent: bool  # nothing written for days: its count may be old
    newer: bool = False  # its file is of a newer format: not read
    clock_offset_ms: int = 0  # its clock is proven this far ahead (> 0) or behind (< 0)
    skipped: int = 0  # records of its files not used (damaged, out of bounds, not its own)


@dataclass
class Snapshot:
    tier: Tier | None  # None: not chosen yet (used counts only)
    now_ms: int
    windows: dict[str, WindowEstimate]
    forecast: Forecast
    sources: list[SourceStatus]
    tz: tzinfo | None = None
    notices: list[str] = field(default_factory=list)
    machines: list[MachineStatus] = field(default_factory=list)  # when sharing a folder
    # Windows whose older records are still being read (a long first scan): their figures
    # are not whole yet, and nothing is said of them but that.
    counting: tuple[str, ...] = ()

    def iso(self, ms: int) -> str:
        return iso(ms, self.tz)

    def window_dict(self, estimate: WindowEstimate) -> dict[str, Any]:
        data: dict[str, Any] = {
            "used": estimate.used,
            "limit": estimate.limit,
            "remaining": estimate.remaining,
            "confidence": estimate.confidence,
            "sources": dict(sorted(estimate.sources.items())),
        }
        notes = []
        if estimate.window == Window.FIVE_HOURS:
            next_ms = estimate.next_release_ms
            data["next_release"] = self.iso(next_ms) if next_ms is not None else None
            resume = estimate.resume_ms
            data["resume_at"] = self.iso(resume) if resume is not None else None
            data["resume_from_plan"] = estimate.plan_reset_ms is not None
            if estimate.plan_reset_ms is not None:
                notes.append(PLAN_RESET_NOTE)
            data["releases"] = [
                {"at": self.iso(r.at_ms), "count": r.count} for r in estimate.releases
            ]
            data["releases_estimated"] = estimate.estimated_releases
            if estimate.estimated_releases:
                notes.append(ESTIMATED_RELEASES_NOTE)
        else:
            period = estimate.period
            assert period is not None
            data["starts_at"] = self.iso(period.start_ms)
            reset = estimate.plan_reset_ms
            data["resets_at"] = self.iso(reset if reset is not None else period.end_ms)
            data["resets_from_plan"] = reset is not None
            if reset is not None:
                notes.append(PLAN_RESET_NOTE)
        if estimate.window == Window.MONTH:
            data["day_clamped"] = bool(period and period.clamped)
            if data["day_clamped"]:
                notes.append(CLAMPED_NOTE)
            if estimate.upgrade:
                up = estimate.upgrade
                data["upgrade"] = {
                    "at": self.iso(up["at_ms"]),
                    "used_before": up["used_before"],
                    "remaining_before": up["remaining_before"],
                }
                notes.append(UPGRADE_NOTE)
        elif estimate.upgrade:
            data["upgrade"] = {"at": self.iso(estimate.upgrade["at_ms"])}
            notes.append(UPGRADE_LIMIT_NOTE)
        if estimate.calibration:
            cal = estimate.calibration
            reading: dict[str, Any] = {
                "at": self.iso(cal.time_ms),
                "age_minutes": max(0, (self.now_ms - cal.time_ms) // 60_000),
                "used": cal.used,
                "total": cal.total,
            }
            if cal.official:
                refresh = cal.next_ms
                reading["next_refresh"] = self.iso(refresh) if refresh is not None else None
            data["official" if cal.official else "calibration"] = reading
        if estimate.floor is not None:
            floor = estimate.floor
            data["floor"] = {"window": floor.window, "at": self.iso(floor.time_ms)}
            notes.append(FLOOR_NOTE)
        if estimate.stale_reading_ms is not None:
            data["stale_reading"] = self.iso(estimate.stale_reading_ms)
            notes.append(STALE_NOTE)
        if estimate.through:
            data["through"] = estimate.through
            notes.append(fill(THROUGH_NOTE, {"origin": estimate.through}))
        if estimate.exhausted_at_ms is not None:
            data["exhausted_at"] = self.iso(estimate.exhausted_at_ms)
        if estimate.served_after_ms is not None:
            data["served_after"] = self.iso(estimate.served_after_ms)
            notes.append(SERVED_NOTE)
        if notes:
            data["notes"] = notes
        return data

    def to_dict(self) -> dict[str, Any]:
        return {
            "tier": self.tier.value if self.tier else None,
            "now": self.iso(self.now_ms),
            "windows": {w: self.window_dict(e) for w, e in self.windows.items()},
            "forecast": self.forecast.to_dict(self.iso),
            "sources": [
                {
                    "id": s.id,
                    "files": s.files,
                    "skipped": s.skipped,
                    "requests": s.requests,
                    "last_request": self.iso(s.last_request_ms) if s.last_request_ms else None,
                    "error": s.error,
                    "unseen": s.unseen or None,
                }
                for s in self.sources
            ],
            "notices": list(self.notices),
            "machines": [
                {
                    "id": m.id,
                    "label": m.label,
                    "this_computer": i == 0,
                    "requests": m.requests,
                    "last_request": self.iso(m.last_request_ms) if m.last_request_ms else None,
                    "written": self.iso(m.written_ms) if m.written_ms else None,
                    "silent": m.silent,
                    "newer_format": m.newer,
                    "clock_offset_seconds": (
                        round(m.clock_offset_ms / 1000) if m.clock_offset_ms else None
                    ),
                    "skipped": m.skipped,
                }
                for i, m in enumerate(self.machines)
            ],
        }

    @property
    def tightest(self) -> WindowEstimate:
        """The window with the smallest share left: what a tray icon shows (the 5-hour one
        when no plan is chosen, so there are no limits to compare)."""
        limited = [
            e
            for e in self.windows.values()
            if e.limit is not None and e.window not in self.counting
        ]
        if not limited:
            return self.windows[Window.FIVE_HOURS]
        return min(limited, key=lambda e: (e.remaining or 0) / max(1, e.limit or 1))
