"""The app's state, shared by the tray, the dashboard and the wizard (``AppState``).

It owns the settings, the quota tracker and what was last learned about the key and the
tools, and refreshes them through ``Tasks`` so that nothing slow runs on the GUI thread.
Views listen to its signals and never call the core's slow functions themselves.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from codingplan import settings as settings_mod
from codingplan.alerts import AlertState
from codingplan.changed import Changed
from codingplan.errors import CodingPlanError
from codingplan.plan import Endpoints, Tier
from codingplan.settings import Settings
from codingplan.ui.console_reader import ConsoleReader
from codingplan.ui.tasks import Tasks
from codingplan.ui.update_watch import UpdateWatch

# The keyring, the tool adapters and the tracker are imported where first used, off the
# path to the first paint: together they take longer to import than the window to show.
if TYPE_CHECKING:
    from codingplan.actions.key import KeyStatus
    from codingplan.tools.types import ToolStatus
    from codingplan.ui.outside_changes import OutsideChanges
    from codingplan.usage.snapshot import Snapshot
    from codingplan.usage.tracker import DayCount, Tracker
    from codingplan.usage.watcher import Watcher

log = logging.getLogger(__name__)

# The 5-hour window moves with the clock even when nothing new is recorded.
CLOCK_TICK_MS = 60_000


class AppState(QObject):
    settings_changed = Signal()
    error = Signal(object)  # a CodingPlanError (or other exception) to show
    snapshot_changed = Signal(object)  # Snapshot
    history_changed = Signal(object)  # list[DayCount]
    scan_progress = Signal(object)  # ScanProgress
    scanning_changed = Signal(bool)
    key_changed = Signal(object)  # KeyStatus
    tools_changed = Signal(object)  # dict[tool_id, ToolStatus]
    alerts = Signal(object)  # list[Alert]
    _files_changed = Signal()  # from the watcher's thread

    def __init__(
        self,
        tasks: Tasks | None = None,
        parent: QObject | None = None,
        origin: str | None = None,
        allow_insecure_origin: bool = False,
    ) -> None:
        """``origin`` replaces the plan's address for this run (``codingplan --origin``);
        ``allow_insecure_origin``: the person confirmed a plain http:// origin for this run
        (``--allow-insecure-origin``), which the Settings tab then takes too."""
        super().__init__(parent)
        self.tasks = tasks or Tasks(self)
        self.origin = origin
        self.allow_insecure_origin = allow_insecure_origin
        loaded = settings_mod.load()
        self.settings: Settings = loaded.settings
        self.startup_notices: list[CodingPlanError] = loaded.notices
        self.snapshot: Snapshot | None = None
        self.updated_ms: int | None = None  # when the tools' records were last read
        self.history: list[DayCount] = []
        self.key_status: KeyStatus | None = None
        self.tool_status: dict[str, ToolStatus] = {}
        self.scanning = False
        self._rescan = False
        # The files the next refresh must look at, as the watcher named them; None: all.
        self._rescan_paths: set[str] | None = set()
        self._look_everywhere = False  # a refresh failed: the files it was told of are unread
        self._staged = False  # the running read has shown some windows before the others
        self.tracker: Tracker | None = None
        self.watcher: Watcher | None = None
        self.outside: OutsideChanges | None = None
        self.alert_state = AlertState()
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_TICK_MS)
        self._clock.timeout.connect(self.recompute)
        self._files_changed.connect(self._watched_files_changed)
        self.updates = UpdateWatch(self)  # checks only once started, and only when on
        self.console = ConsoleReader(self)
        self._refused_ms: int | None = None  # the latest "quota exceeded" seen

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> None:
        """Open the ledger, scan what is new, then watch for more. Call once, after the UI."""
        from codingplan import quota

        self.tracker = quota.open_tracker(self.settings, self.endpoints())
        self.refresh_usage()
        self.refresh_key()
        self.refresh_tools()
        self._clock.start()
        self._watch_outside()
        self.updates.start()
        self.console.start()

    def _watch_outside(self) -> None:
        """Follow what the command line changes while the app runs: the settings, the key."""
        from codingplan import paths
        from codingplan.ui.outside_changes import OutsideChanges

        try:
            self.outside = OutsideChanges(paths.settings_file(), paths.key_stamp_file(), self)
        except OSError as exc:  # a config folder that cannot be made: changes show at restart
            log.warning("cannot watch the settings folder: %s", exc)
            return
        self.outside.settings_changed.connect(self.settings_changed_outside)
        self.outside.key_changed.connect(lambda: self.refresh(Changed.KEY | Changed.TOOLS))

    def _start_watcher(self) -> None:
        from codingplan.usage.watcher import Watcher

        if self.watcher is None and self.tracker is not None:
            self.watcher = Watcher(self.tracker.roots, self._files_changed.emit)
            self.watcher.start()

    def shutdown(self) -> None:
        self._clock.stop()
        self.updates.stop()
        self.console.stop()
        if self.watcher:
            self.watcher.stop()
            self.watcher = None
        self.tasks.wait()
        if self.tracker:
            self.tracker.close()
            self.tracker = None

    # --- settings ----------------------------------------------------------------------

    @property
    def tier(self) -> Tier | None:
        """The tier in force: the one the plan's console read, once there is one, else the
        person's setting."""
        if self.snapshot is not None and self.snapshot.tier is not None:
            return self.snapshot.tier
        return self.settings.tier

    def endpoints(self) -> Endpoints:
        from codingplan import quota

        return quota.resolve_endpoints(self.settings, self.origin)

    def origin_override(self) -> tuple[str, str] | None:
        """What replaces the settings' address for this run, and where it comes from:
        ("option", origin) for ``--origin``, (variable, origin) for ``CODINGPLAN_ORIGIN``;
        None when the settings decide."""
        from codingplan import quota
        from codingplan.env import Env

        if self.origin:
            return "option", self.origin
        value = Env.current().var(quota.ORIGIN_VARIABLE)
        return (quota.ORIGIN_VARIABLE, value) if value else None

    def update_settings(self, **changes) -> None:
        """Save checked values (by attribute) and tell every view."""
        try:
            result = settings_mod.update(changes)
        except CodingPlanError as err:
            self.error.emit(err)
            return
        self.settings = result.settings
        for notice in result.notices:
            self.error.emit(notice)
        if self.tracker is not None and ("origin" in changes or "region" in changes):
            from codingplan import quota

            self.tracker.traffic = quota.plan_traffic(self.settings, self.endpoints())
            self.tracker.origin = quota.origin_in_use(self.endpoints())
        if self.tracker is not None and "share_folder" in changes:
            from codingplan import quota

            self.tracker.share = quota.share_folder(self.settings)
            self.refresh_usage()
        self.settings_changed.emit()
        if {"tier", "subscription_day", "notify_at"} & changes.keys():
            self.recompute()

    def reload_settings(self) -> None:
        self.settings = settings_mod.load().settings
        self.settings_changed.emit()

    @Slot()
    def settings_changed_outside(self) -> None:
        """The settings file was saved by another program (``codingplan settings set``), or
        by this app: every view follows what changed; nothing, if nothing did."""
        try:
            loaded = settings_mod.load()
        except CodingPlanError as err:
            self.error.emit(err)
            return
        before, self.settings = self.settings, loaded.settings
        for notice in loaded.notices:
            self.error.emit(notice)
        if loaded.settings == before:
            return
        if self.tracker is not None:
            from codingplan import quota

            if (before.origin, before.region) != (self.settings.origin, self.settings.region):
                self.tracker.traffic = quota.plan_traffic(self.settings, self.endpoints())
                self.refresh_tools()
            if before.share_folder != self.settings.share_folder:
                self.tracker.share = quota.share_folder(self.settings)
                self.refresh_usage()
        self.settings_changed.emit()
        counted = ("tier", "subscription_day", "notify_at", "tier_changes")
        if any(getattr(before, f) != getattr(self.settings, f) for f in counted):
            self.recompute()

    # --- usage -------------------------------------------------------------------------

    @Slot()
    def refresh_usage(self) -> None:
        """Read what is new from the tools' records, then recompute the windows."""
        self._refresh_files(None)

    @Slot()
    def _watched_files_changed(self) -> None:
        """A tool wrote: only the files the watcher saw written to are looked at."""
        self._refresh_files(self.watcher.take_changes() if self.watcher else None)

    def _refresh_files(self, paths: set[str] | None) -> None:
        """``refresh_usage``, looking only at ``paths`` when they are all that changed."""
        if self.tracker is None:
            return
        if self.scanning:  # one scan at a time; run once more when it ends
            self._rescan = True
            pending = self._rescan_paths
            self._rescan_paths = None if paths is None or pending is None else pending | paths
            return
        if self._look_everywhere:
            paths, self._look_everywhere = None, False
        self._set_scanning(True)
        tracker, settings = self.tracker, self.settings

        def work(progress):
            if paths is not None:  # a tool's write: a few files, no stages to show
                report = tracker.refresh(progress=progress, paths=paths)
                return report, tracker.snapshot(settings), tracker.daily_history(14)

            def exact(windows: tuple[str, ...]) -> None:
                # A long read (the first, on a long history): each window is shown once
                # every file written since it began is read, the newest first.
                snapshot = tracker.snapshot(settings)
                snapshot.counting = tuple(w for w in snapshot.windows if w not in windows)
                progress(snapshot)

            starts = tracker.window_starts(settings)
            report = tracker.refresh(progress=progress, stages=starts, on_exact=exact)
            return report, tracker.snapshot(settings), tracker.daily_history(14)

        self.tasks.run(
            work,
            on_done=self._usage_done,
            on_error=self._usage_failed,
            on_progress=self._usage_progress,
        )

    def _usage_progress(self, value) -> None:
        from codingplan.usage.snapshot import Snapshot

        if isinstance(value, Snapshot):
            whole = [w for w in value.windows if w not in value.counting]
            log.info("usage: %s counted in full; older records still being read", ", ".join(whole))
            self._staged = True
            self._publish(value, self.history)
        else:
            self.scan_progress.emit(value)

    def _usage_done(self, result) -> None:
        report, snapshot, history = result
        self.updated_ms = snapshot.now_ms
        self._set_scanning(False)
        if self._staged or report.seconds >= 1.0:  # a long read: when it ended
            self._staged = False
            log.info("usage: every window counted in full (%.1f s)", report.seconds)
        for notice in report.notices:
            self.error.emit(notice)
        self._publish(snapshot, history)
        self._start_watcher()
        if self._rescan:
            paths, self._rescan, self._rescan_paths = self._rescan_paths, False, set()
            self._refresh_files(paths)

    def _usage_failed(self, error: BaseException) -> None:
        self._look_everywhere = True
        self._staged = False
        self._set_scanning(False)
        log.error("usage refresh failed: %s", error)
        self.error.emit(error)

    def _set_scanning(self, value: bool) -> None:
        self.scanning = value
        self.scanning_changed.emit(value)

    @Slot()
    def recompute(self) -> None:
        """The windows as of now, from the ledger as it is (no scan, no writes)."""
        if self.tracker is None or self.scanning:
            return
        tracker, settings = self.tracker, self.settings
        self.tasks.run(
            lambda: (tracker.snapshot(settings), tracker.daily_history(14)),
            on_done=lambda r: self._publish(*r),
            on_error=self._usage_failed,
        )

    def _publish(self, snapshot: Snapshot, history) -> None:
        self.snapshot = snapshot
        self.history = history
        self.snapshot_changed.emit(snapshot)
        self.history_changed.emit(history)
        self._note_refusals(snapshot)
        windows = {
            w: (e.used, e.limit)
            for w, e in snapshot.windows.items()
            if e.limit is not None and w not in snapshot.counting
        }
        found = self.alert_state.update(windows, self.settings.notify_at)
        if found:
            self.alerts.emit(found)

    def _note_refusals(self, snapshot: Snapshot) -> None:
        """A "quota exceeded" answer newer than any seen so far has the console read (the
        ones already there when the app opens are covered by its first read)."""
        refused = max((e.exhausted_at_ms or 0 for e in snapshot.windows.values()), default=0)
        before, self._refused_ms = self._refused_ms, max(refused, self._refused_ms or 0)
        if before is not None and refused > before:
            self.console.quota_error()

    # --- key and tools -----------------------------------------------------------------

    def refresh(self, changed: Changed) -> None:
        """Show again what an action changed (``ui/operations.py`` calls this, once)."""
        if Changed.SETTINGS in changed:
            self.reload_settings()
        if Changed.KEY in changed:
            self.refresh_key()
        if Changed.TOOLS in changed:
            self.refresh_tools()
        if Changed.USAGE in changed:
            self.refresh_usage()

    def refresh_key(self) -> None:
        def work():
            from codingplan import actions

            return actions.key_status()

        self.tasks.run(work, on_done=self._key_done, on_error=self.error.emit)

    def _key_done(self, status: KeyStatus) -> None:
        self.key_status = status
        self.key_changed.emit(status)

    def refresh_tools(self) -> None:
        endpoints = self.endpoints()

        def work():
            from codingplan import actions

            return actions.tool_statuses(endpoints)

        self.tasks.run(work, on_done=self._tools_done, on_error=self.error.emit)

    def _tools_done(self, statuses) -> None:
        self.tool_status = statuses
        self.tools_changed.emit(statuses)
