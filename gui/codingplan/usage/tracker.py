"""The Qt-free face of quota tracking: refresh the ledger, take a snapshot.

``Tracker`` is what the GUI (from a worker thread) and the CLI use. Its methods are
serialized by a lock, so one instance may be shared between threads. A refresh that
finds nothing changed parses nothing and writes nothing: it stats the known files and
compares with the scan state it holds in memory.
"""

from __future__ import annotations

import heapq
import logging
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from codingplan import paths
from codingplan.errors import CodingPlanError, os_reason
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.plan import WINDOWS, Window
from codingplan.usage import ledger as ledger_mod
from codingplan.usage.estimate import (
    estimate_windows,
    plan_in_force,
    tier_changes,
    window_starts,
)
from codingplan.usage.forecast import forecast
from codingplan.usage.ledger import (
    LEDGER_NAME,
    Calibration,
    Ledger,
    LedgerDamaged,
    LedgerForeign,
    LedgerUnusable,
    PlanRecord,
    is_busy,
    is_damage,
    set_aside,
)
from codingplan.usage.reading import Stat
from codingplan.usage.scanner import (
    FileResult,
    FileState,
    current_stat,
    scan,
    scan_each,
    scan_jobs,
)
from codingplan.usage.shared import SILENT_MS, ShareFolder, admit, machines
from codingplan.usage.shared import SOURCE as SHARED
from codingplan.usage.snapshot import MachineStatus, Snapshot, SourceStatus
from codingplan.usage.source import (
    AppendParser,
    DatabaseParser,
    Target,
    UsageSource,
    new_listings,
    remember_listings,
)
from codingplan.usage.traffic import PlanTraffic
from codingplan.usage.windows import Period, to_ms

if TYPE_CHECKING:  # only for annotations: the tracker needs no settings module at run time
    from codingplan.settings import Settings

log = logging.getLogger(__name__)

_T = TypeVar("_T")
# What one file's scan needs: the file, its last scan state, its stat now, what counts.
Job = tuple[Target, FileState | None, Stat, PlanTraffic]

# Below this much to read, worker processes cost more to start than they save: forked
# ones start at once, spawned ones import the scanner first.
PARALLEL_MIN_BYTES = 16 << 20
PARALLEL_MIN_BYTES_SPAWNED = 64 << 20
# The files are dealt out in this many shares per worker, largest first, so that the
# workers finish together and the ledger is written while they read.
SHARES_PER_WORKER = 8
BATCH_FILES = 1000
BATCH_EVENTS = 40_000
# A file last written this long before a window began may still hold a record of the
# window: some file systems keep times to the second or two, and a record's time is taken
# a moment before its line is written.
MTIME_SLACK_MS = 2_000


class ScanProgress(NamedTuple):
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int


@dataclass
class ScanReport:
    changed: bool  # False: nothing new anywhere; nothing was parsed or written
    files_scanned: int = 0
    bytes_read: int = 0
    new_requests: int = 0
    skipped: int = 0
    seconds: float = 0.0
    errors: dict[str, str] = field(default_factory=dict)  # path -> what went wrong
    notices: list[CodingPlanError] = field(default_factory=list)


class DayCount(NamedTuple):
    day: str  # YYYY-MM-DD in the person's zone
    by_source: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_source.values())


ProgressCallback = Callable[[ScanProgress], None]
# Told the windows whose count is complete while older files are still being read.
ExactCallback = Callable[[tuple[str, ...]], None]


def ledger_path() -> Path:
    return paths.data_dir() / LEDGER_NAME


def _damaged_notice(aside: Path) -> CodingPlanError:
    return CodingPlanError(
        "ledger_damaged",
        QT_TRANSLATE_NOOP("errors", "The usage ledger was damaged and has been moved to {aside}."),
        QT_TRANSLATE_NOOP(
            "errors",
            "It was rebuilt from the coding tools' own records; requests whose records the "
            "tools have since deleted, and console readings you entered, are missing.",
        ),
        aside=str(aside),
    )


def _foreign_notice(path: Path, aside: Path) -> CodingPlanError:
    return CodingPlanError(
        "ledger_foreign",
        QT_TRANSLATE_NOOP(
            "errors", "{path} was not a usage ledger of this app; it has been moved to {aside}."
        ),
        QT_TRANSLATE_NOOP("errors", "A new ledger was started from the coding tools' own records."),
        path=str(path),
        aside=str(aside),
    )


def _unusable_notice(path: Path, problem: LedgerUnusable) -> CodingPlanError:
    """The ledger is left where it is; this run counts in memory."""
    if problem.newer:
        message = QT_TRANSLATE_NOOP(
            "errors",
            "The usage ledger {path} was written by a newer version of this app; it is left "
            "as it is, and the estimate is counted from the coding tools' records alone.",
        )
        remedy = QT_TRANSLATE_NOOP("errors", "Update the app to see the whole history.")
    elif problem.busy:
        message = QT_TRANSLATE_NOOP(
            "errors",
            "The usage ledger {path} is held by another program; the estimate is counted from "
            "the coding tools' records alone.",
        )
        remedy = QT_TRANSLATE_NOOP(
            "errors",
            "Close the other program (an sqlite3 shell, for example), then start this one again.",
        )
    else:
        message = QT_TRANSLATE_NOOP(
            "errors",
            "The usage ledger {path} cannot be used ({reason}); the estimate is counted from "
            "the coding tools' records alone, and nothing is kept.",
        )
        remedy = QT_TRANSLATE_NOOP(
            "errors",
            "Move {path} out of the way or make its folder writable; requests whose records "
            "the tools have deleted, and console readings, are missing until then.",
        )
    reason = "it is a folder" if path.is_dir() else problem.reason
    return CodingPlanError("ledger_unusable", message, remedy, path=str(path), reason=reason)


def ledger_error(path: Path, exc: sqlite3.DatabaseError) -> CodingPlanError:
    """What a ledger failure while running means, in a sentence."""
    if is_busy(exc):
        return CodingPlanError(
            "ledger_busy",
            QT_TRANSLATE_NOOP(
                "errors",
                "The usage ledger {path} has been held by another program for over {seconds} "
                "seconds, so nothing could be saved to it.",
            ),
            QT_TRANSLATE_NOOP(
                "errors",
                "Close the other program (an sqlite3 shell with an open transaction, for "
                "example), then try again.",
            ),
            path=str(path),
            seconds=f"{ledger_mod.BUSY_TIMEOUT_S:g}",
        )
    return CodingPlanError(
        "ledger_failed",
        QT_TRANSLATE_NOOP("errors", "The usage ledger {path} could not be used: {reason}."),
        QT_TRANSLATE_NOOP("errors", "Check the disk and the folder's permissions, then try again."),
        path=str(path),
        reason=str(exc),
    )


class Tracker:
    def __init__(
        self,
        path: Path | None = None,
        traffic: PlanTraffic | None = None,
        *,
        sources: Callable[[], list[UsageSource]],
        workers: int | None = None,
    ) -> None:
        """``sources`` is asked at each refresh where the records are (tools come and go)."""
        self.path = path or ledger_path()
        self.traffic = traffic or PlanTraffic()
        self._tool_sources = sources
        self.share: ShareFolder | None = None  # another computer's counts, through a folder
        self.share_problem: str | None = None  # why the shared folder could not be used
        # The custom address plan requests go to now, if any: a "quota exceeded" answer
        # that came through another one says so.
        self.origin: str | None = None
        self.workers = workers if workers is not None else min(2, os.cpu_count() or 1)
        self._lock = threading.RLock()
        # Each known file's identity as the ledger last recorded it (the rest of its scan
        # state is read only for the files that changed).
        self._states: dict[str, Stat] | None = None
        self._version = -1
        self._errors: dict[str, tuple[str, str]] = {}  # path -> (source, what went wrong)
        self._targets: dict[str, Target] = {}  # every file the last full look found
        self._unseen: dict[str, str] | None = None  # each tool's unseen calls, as last looked
        self._rebuilding = False
        self.notices: list[CodingPlanError] = []
        self.ledger = self._open()

    def _open(self) -> Ledger:
        """The ledger in its file; if that is damaged, moved aside and started again; if it
        cannot be used where it is, one in memory for this run (the person is told)."""
        try:
            return Ledger(self.path)
        except LedgerForeign:
            return self._rebuild_fresh(foreign=True)
        except LedgerDamaged:
            return self._rebuild_fresh()
        except LedgerUnusable as problem:
            return self._in_memory(problem)

    def _rebuild_fresh(self, foreign: bool = False) -> Ledger:
        try:
            aside = set_aside(self.path)
        except OSError as exc:
            return self._in_memory(LedgerUnusable(os_reason(exc)))
        log.warning("usage ledger %s was damaged or foreign; moved to %s", self.path, aside)
        notice = _foreign_notice(self.path, aside) if foreign else _damaged_notice(aside)
        self.notices.append(notice)
        self._states = None
        try:
            return Ledger(self.path)
        except (LedgerDamaged, LedgerUnusable) as exc:
            problem = exc if isinstance(exc, LedgerUnusable) else LedgerUnusable(str(exc))
            return self._in_memory(problem)

    def _in_memory(self, problem: LedgerUnusable) -> Ledger:
        log.info("usage ledger %s cannot be used (%s); counting in memory", self.path, problem)
        self.notices.append(_unusable_notice(self.path, problem))
        self._states = None
        return Ledger(None)

    def close(self) -> None:
        with self._lock:
            self.ledger.close()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _guard(self, action: Callable[[], _T]) -> _T:
        """Run ``action``; if the ledger turns out damaged, rebuild it and run it again."""
        try:
            return action()
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc) or self._rebuilding:
                raise ledger_error(self.path, exc) from None
        self._rebuilding = True  # a ledger damaged again while rebuilding: give up, loudly
        try:
            self.ledger.close()
            self.ledger = self._rebuild_fresh()
            self._refresh(None, None, None, None, None)
            return action()
        except sqlite3.DatabaseError as exc:
            raise ledger_error(self.path, exc) from None
        finally:
            self._rebuilding = False

    # --- refresh ----------------------------------------------------------------------

    def _sources(self) -> list[UsageSource]:
        found = self._tool_sources()
        return [*found, self.share.source()] if self.share is not None else found

    def roots(self) -> list[Path]:
        """Folders whose changes may mean new requests: what a watcher should watch."""
        return [root for source in self._sources() for root in source.roots]

    def refresh(
        self,
        progress: ProgressCallback | None = None,
        *,
        since_ms: int | None = None,
        stages: Mapping[str, int] | None = None,
        on_exact: ExactCallback | None = None,
        paths: set[str] | None = None,
    ) -> ScanReport:
        """Read what is new in every source into the ledger, the files written last first.

        ``since_ms``: only the files written since then (a window's start: a file last
        written before it holds no record of the window); the others wait for a refresh
        without it. ``stages`` (window -> its start, as ``window_starts`` gives) with
        ``on_exact``: each time every file written since a window began is in the ledger
        and older ones are still to be read, ``on_exact`` is told the windows now complete.
        ``paths``: only these files were written to since the last refresh (a watcher's
        word); files it does not know yet mean a full look.
        """
        with self._lock:
            return self._guard(lambda: self._refresh(progress, since_ms, stages, on_exact, paths))

    def window_starts(self, settings: Settings, now: datetime | None = None) -> dict[str, int]:
        """When each window began (ms), for ``refresh``'s ``since_ms`` and ``stages``."""
        now = now or datetime.now(UTC)
        changes = tier_changes(settings, to_ms(now))
        with self._lock:
            return self._guard(
                lambda: window_starts(
                    self.ledger, settings.tier, settings.subscription_day, now, changes
                )
            )

    def _targets_to_look_at(self, paths: set[str] | None) -> tuple[list[Target], bool]:
        """The files to stat, and whether that is every file there is: only ``paths`` when
        each is a file the last full look found (a database's log stands for its
        database), else every file of every source, looked for again."""
        if paths is not None and self._targets:
            wanted = {p[:-4] if p.endswith("-wal") else p for p in paths}
            if all(p in self._targets for p in wanted):
                return [self._targets[p] for p in wanted], False
        sources = self._sources()
        self._unseen = {s.id: s.unseen for s in sources if s.id != SHARED}
        self._targets = {t.path: t for source in sources for t in source.targets()}
        return list(self._targets.values()), True

    def _known_states(self) -> dict[str, Stat]:
        version = self.ledger.data_version()
        if self._states is None or version != self._version:
            self._states = self.ledger.file_stats()
            self._version = version
            remember_listings(self.ledger.listings())
        return self._states

    def _refresh(
        self,
        progress: ProgressCallback | None,
        since_ms: int | None,
        stages: Mapping[str, int] | None,
        on_exact: ExactCallback | None,
        paths: set[str] | None,
    ) -> ScanReport:
        started = time.perf_counter()
        states = self._known_states()
        changed: list[tuple[Target, Stat]] = []
        targets, everything = self._targets_to_look_at(paths)
        # The loop every idle refresh runs, for thousands of files: kept to a stat and a
        # tuple comparison per file.
        os_stat = os.stat
        for target in targets:
            path = target.path
            if isinstance(target.parser, DatabaseParser):
                stat = current_stat(target)
                if stat is None:
                    continue
            else:
                try:
                    st = os_stat(path)
                except OSError:
                    continue
                stat = Stat(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
            if states.get(path) != stat:
                changed.append((target, stat))
        gone = [p for p in states if p not in self._targets] if everything else []
        if since_ms is not None:
            # The other computers' files are read whatever their time: a folder kept in
            # step by another program may carry the other computer's clock.
            oldest = (since_ms - MTIME_SLACK_MS) * 1_000_000
            changed = [c for c in changed if c[1].mtime_ns >= oldest or c[0].source == SHARED]

        # This computer's files the newest first: what the windows count is in the ledger
        # soonest. The other computers' files after them, one at a time, each admitted
        # against what is stored before it: the oldest first, in a fixed order, so that a
        # file that appears later cannot claim first the requests a longer-standing one holds.
        def newest_first(c: tuple[Target, Stat]) -> tuple[int, str]:
            return -c[1].mtime_ns, c[0].path

        def oldest_first(c: tuple[Target, Stat]) -> tuple[int, str]:
            return c[1].mtime_ns, c[0].path

        changed = sorted((c for c in changed if c[0].source != SHARED), key=newest_first) + sorted(
            (c for c in changed if c[0].source == SHARED), key=oldest_first
        )
        self._share()
        if not changed and not gone:
            return ScanReport(changed=False, seconds=time.perf_counter() - started)
        report = ScanReport(changed=True)
        # A refresh that writes anyway keeps the folder listings for the next process.
        self.ledger.save_listings(new_listings())
        known = self.ledger.file_states([t.path for t, _ in changed if t.path in states])
        jobs: list[Job] = [(t, known.get(t.path), stat, self.traffic) for t, stat in changed]
        if gone:
            self.ledger.forget_files(gone)
            for p in gone:
                states.pop(p, None)
                self._errors.pop(p, None)
        # The other computers' files last, one at a time: what they may change depends on
        # what this computer's own records hold (see shared.admit).
        shared = [j for j in jobs if j[0].source == SHARED]
        # With other computers' files still to read, no window is complete before the end.
        cuts = _cuts(jobs, stages) if stages and on_exact and not shared else []
        self._scan([j for j in jobs if j[0].source != SHARED], report, progress, cuts, on_exact)
        self._scan_shared(shared, report)
        self._share()
        self._version = self.ledger.data_version()
        report.notices = list(self.notices)
        report.seconds = time.perf_counter() - started
        return report

    def _share(self) -> None:
        """Give the shared folder what this computer counted that it does not have yet."""
        if self.share is None:
            return
        problem = None
        try:
            self.share.export(self.ledger, int(time.time() * 1000))
        except CodingPlanError as exc:
            problem = exc
        message = problem.one_line() if problem else None
        if message and message != self.share_problem:
            log.warning("%s", message)
        self.share_problem = message

    def _scan(
        self,
        jobs: list[Job],
        report: ScanReport,
        progress: ProgressCallback | None,
        cuts: list[tuple[int, tuple[str, ...]]] | None = None,
        on_exact: ExactCallback | None = None,
    ) -> None:
        """Read ``jobs`` into the ledger; ``cuts``: after the first n jobs, these windows
        are complete (``on_exact`` is told, when jobs are left)."""
        sizes = [_to_read(target, state, stat) for target, state, stat, _ in jobs]
        total_bytes = sum(sizes)
        done_bytes = done = 0
        start = 0
        for end, exact in [*(cuts or []), (len(jobs), ())]:
            if end <= start and not exact:
                continue
            part = self._results(jobs[start:end], sizes[start:end], sum(sizes[start:end]))
            for size in self._committed(part, report):
                done += 1
                done_bytes += size
                if progress:
                    progress(ScanProgress(done, len(jobs), done_bytes, total_bytes))
            start = max(start, end)
            if exact and on_exact is not None and start < len(jobs):
                on_exact(exact)

    def _committed(
        self, results: Iterator[tuple[FileResult, int]], report: ScanReport
    ) -> Iterator[int]:
        """Each result's bytes to read, once it is counted in ``report`` (and committed in
        batches; the last batch before this ends)."""
        batch: list[FileResult] = []
        batch_events = 0
        states = self._states if self._states is not None else {}
        for result, size in results:
            report.files_scanned += 1
            report.bytes_read += result.bytes_read
            report.skipped += result.skipped
            if result.error:
                report.errors[result.target.path] = result.error
                self._errors[result.target.path] = (result.target.source, result.error)
            else:
                self._errors.pop(result.target.path, None)
            batch.append(result)
            batch_events += len(result.rows)
            if len(batch) >= BATCH_FILES or batch_events >= BATCH_EVENTS:
                report.new_requests += self._commit(batch, states)
                batch, batch_events = [], 0
            yield size
        if batch:
            report.new_requests += self._commit(batch, states)

    def _scan_shared(self, jobs: list[Job], report: ScanReport) -> None:
        """Each of the other computers' files, read, admitted and committed in turn (so
        that at most one file's requests are held at a time)."""
        states = self._states if self._states is not None else {}
        for job in jobs:
            result = scan(*job)
            if result.error:
                report.errors[result.target.path] = result.error
                self._errors[result.target.path] = (result.target.source, result.error)
            else:
                self._errors.pop(result.target.path, None)
                result = admit(self.ledger, result)
            report.files_scanned += 1
            report.bytes_read += result.bytes_read
            report.skipped += result.skipped
            report.new_requests += self._commit([result], states)

    def _commit(self, batch: list[FileResult], states: dict[str, Stat]) -> int:
        new = self.ledger.commit(batch)
        for result in batch:
            if result.state is not None:
                states[result.state.path] = result.state.stat
        return new

    def _results(
        self, jobs: list[Job], sizes: list[int], total: int
    ) -> Iterator[tuple[FileResult, int]]:
        # A frozen (packaged) app can start worker processes only if its entry point hands
        # them to multiprocessing.freeze_support(); packaging/entry.py does, and says so.
        frozen = getattr(sys, "frozen", False)
        processes_ok = not frozen or os.environ.get("CODINGPLAN_WORKER_PROCESSES") == "1"
        method = _start_method()
        least = PARALLEL_MIN_BYTES if method == "fork" else PARALLEL_MIN_BYTES_SPAWNED
        if self.workers > 1 and len(jobs) > 1 and total >= least and processes_ok:
            yield from self._parallel(jobs, sizes, method)
            return
        yield from zip(scan_each(jobs), sizes, strict=True)

    def _parallel(
        self, jobs: list[Job], sizes: list[int], method: str
    ) -> Iterator[tuple[FileResult, int]]:
        import multiprocessing

        size_of = {job[0].path: size for job, size in zip(jobs, sizes, strict=True)}
        shares = _shares(sizes, self.workers * SHARES_PER_WORKER)
        context = multiprocessing.get_context(method)
        with context.Pool(self.workers) as pool:
            work = pool.imap_unordered(scan_jobs, [[jobs[i] for i in share] for share in shares])
            for results in work:
                for result in results:
                    yield result, size_of[result.target.path]

    # --- reading the estimate ---------------------------------------------------------

    def snapshot(
        self, settings: Settings, now: datetime | None = None, tz: tzinfo | None = None
    ) -> Snapshot:
        """The three windows, forecast and sources as of ``now`` (default: now)."""
        with self._lock:
            return self._guard(lambda: self._snapshot(settings, now or datetime.now(UTC), tz))

    def _snapshot(self, settings: Settings, now: datetime, tz: tzinfo | None) -> Snapshot:
        now_ms = to_ms(now)
        day = settings.subscription_day
        changes = tier_changes(settings, now_ms)
        tier = plan_in_force(self.ledger, settings.tier, day, now_ms, changes).tier
        estimates = estimate_windows(self.ledger, settings.tier, day, now, changes, self.origin)
        notices = [n.one_line() for n in self.notices]
        if self.share_problem:
            notices.append(self.share_problem)
        shared = self._machines(estimates[Window.MONTH].period, now_ms)
        if self.share is not None:
            notices += [n.one_line() for n in self.share.notices(self.ledger, now_ms)]
        return Snapshot(
            tier,
            now_ms,
            estimates,
            forecast(self.ledger, estimates, now_ms),
            self._source_status(estimates[Window.MONTH].sources, shared),
            tz,
            notices,
            shared,
        )

    def _machines(self, month: Period | None, now_ms: int) -> list[MachineStatus]:
        """This computer and the others sharing the folder, each with its month's count."""
        if self.share is None:
            return []
        start = month.start_ms if month else now_ms
        counts = self.ledger.by_machine(start, now_ms)
        others = [
            MachineStatus(
                m.id,
                m.label,
                counts.get(m.id, (0, 0))[0],
                counts.get(m.id, (0, None))[1] or None,
                m.written_ms,
                m.written_ms is None or now_ms - m.written_ms > SILENT_MS,
                m.newer,
                m.offset_ms,
                m.skipped,
            )
            for m in machines(self.ledger)
            if m.id != self.share.machine  # a file read as another's before this id was taken
        ]
        local = self.ledger.count(start, now_ms) - sum(o.requests for o in others)
        me = MachineStatus(self.share.machine, self.share.label, local, None, now_ms, False, False)
        return [me, *others]

    def _source_status(
        self, this_month: dict[str, int], shared: list[MachineStatus]
    ) -> list[SourceStatus]:
        """Each source's files and records; ``this_month``: its requests in the month window."""
        summary = self.ledger.source_summary()
        errors: dict[str, str] = {}
        for source, error in self._errors.values():
            errors.setdefault(source, error)
        last = self.ledger.last_request()
        # The tools as the last refresh found them: making them again costs a refresh more
        # than all the rest of a tool's one new call.
        unseen = self._unseen
        if unseen is None:
            unseen = {s.id: s.unseen for s in self._sources() if s.id != SHARED}
        found = [
            SourceStatus(
                source,
                summary.get(source, {}).get("files", 0),
                summary.get(source, {}).get("skipped", 0),
                this_month.get(source, 0),
                last.get(source),
                errors.get(source),
                unseen,
            )
            for source, unseen in unseen.items()
        ]
        if self.share is not None and shared:
            # The other computers' files: what they added this month, what was skipped.
            others = shared[1:]
            found.append(
                SourceStatus(
                    SHARED,
                    summary.get(SHARED, {}).get("files", 0),
                    summary.get(SHARED, {}).get("skipped", 0),
                    sum(m.requests for m in others),
                    max((m.last_request_ms or 0 for m in others), default=0) or None,
                    errors.get(SHARED),
                )
            )
        return found

    def daily_history(
        self, days: int = 14, now: datetime | None = None, tz: tzinfo | None = None
    ) -> list[DayCount]:
        """Counted requests per day (in the person's zone) and source, oldest first."""
        now = (now or datetime.now(UTC)).astimezone(tz)
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        result = []
        with self._lock:
            for back in range(days - 1, -1, -1):
                day = _local_midnight(today.date() - timedelta(days=back), tz)
                next_day = _local_midnight(day.date() + timedelta(days=1), tz)

                # A def, not a lambda: mypy cannot infer a lambda with defaults for _guard.
                def count(d: datetime = day, n: datetime = next_day) -> dict[str, int]:
                    return self.ledger.count_by_source(to_ms(d), to_ms(n) - 1)

                counts = self._guard(count)
                result.append(DayCount(day.date().isoformat(), counts))
        return result

    def calibrate(
        self, window: str, used: int, total: int | None = None, now: datetime | None = None
    ) -> Calibration:
        """Record what the plan's console shows for ``window`` (used of total) right now."""
        if window not in WINDOWS:
            raise ValueError(f"unknown window {window!r}")
        calibration = Calibration(window, to_ms(now or datetime.now(UTC)), used, total)
        with self._lock:
            self._guard(lambda: self.ledger.add_calibration(calibration))
        return calibration

    def record_reading(self, record: PlanRecord) -> bool:
        """Keep a reading of the plan's console; False if one of that time is kept."""
        with self._lock:
            return self._guard(lambda: self.ledger.add_plan_reading(record))

    def release_schedule(
        self, settings: Settings, now: datetime | None = None
    ) -> list[tuple[int, int]]:
        """The 5-hour window's returns, for a chart: [(time ms, count), …]."""
        snapshot = self.snapshot(settings, now)
        return [(r.at_ms, r.count) for r in snapshot.windows[Window.FIVE_HOURS].releases]


def _start_method() -> str:
    """Forked workers where that is safe and cheap: on Linux, from a process with one thread
    (the command line). Spawned elsewhere: the desktop app runs threads, and macOS and
    Windows do not fork safely."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _shares(sizes: list[int], count: int) -> list[list[int]]:
    """The indexes of ``sizes`` dealt into at most ``count`` shares of about equal bytes,
    the largest file first (each goes to the lightest share so far)."""
    heap = [(0, n) for n in range(min(count, len(sizes)))]
    shares: list[list[int]] = [[] for _ in heap]
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        load, n = heapq.heappop(heap)
        shares[n].append(i)
        heapq.heappush(heap, (load + sizes[i], n))
    # The heaviest shares first: the last to finish is then a light one.
    return sorted((s for s in shares if s), key=lambda s: -sum(sizes[i] for i in s))


def _cuts(jobs: list[Job], stages: Mapping[str, int]) -> list[tuple[int, tuple[str, ...]]]:
    """For jobs sorted newest first: after how many of them each window is complete, and
    the windows complete by then (those begun later included)."""
    cuts: list[tuple[int, tuple[str, ...]]] = []
    exact: tuple[str, ...] = ()
    for window, start_ms in sorted(stages.items(), key=lambda w: -w[1]):
        oldest = (start_ms - MTIME_SLACK_MS) * 1_000_000
        end = next((n for n, job in enumerate(jobs) if job[2].mtime_ns < oldest), len(jobs))
        exact = (*exact, window)
        if cuts and cuts[-1][0] == end:  # begun between the same two files: told together
            cuts.pop()
        cuts.append((end, exact))
    return cuts


def _to_read(target: Target, state: FileState | None, stat: Stat) -> int:
    same = state is not None and (state.stat.dev, state.stat.ino) == (stat.dev, stat.ino)
    appended = isinstance(target.parser, AppendParser)
    if state is not None and same and appended and stat.size >= state.offset:
        return stat.size - state.offset
    return stat.size


def _local_midnight(day: date, tz: tzinfo | None) -> datetime:
    naive = datetime(day.year, day.month, day.day)
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
