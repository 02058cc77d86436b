"""Noticing new records without polling the files: file-system notifications, debounced.

The watcher only says *that* something may have changed; the tracker's refresh then
reads what is new. Notifications come from watchdog (inotify, FSEvents, ReadDirectoryChangesW);
where it cannot watch (no library, too many watches) a slow timer stands in.

A folder that does not exist yet (a tool installed, or first run, after the app started)
cannot be watched: until it appears, it is looked for every few seconds, so that the first
session of a new tool is counted at once rather than at the next slow tick.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # watchdog is optional at run time
    from watchdog.events import FileSystemEvent
    from watchdog.observers.api import BaseObserver

log = logging.getLogger(__name__)

# Files whose change can mean a new request; everything else (locks, caches, other
# databases of the tools) is ignored so a busy tool does not wake the tracker for nothing.
# ".log": Cline's log is the only record of a call while it is in flight.
RELEVANT_SUFFIXES = (".jsonl", ".json", ".db", ".db-wal", ".log")


def relevant(path: str) -> bool:
    return path.endswith(RELEVANT_SUFFIXES) and not path.endswith(".lock.json")


class Debouncer:
    """Calls ``action`` ``delay`` seconds after a change (the rest of a burst of writes is
    read with it), and at most once every ``interval`` seconds while changes keep coming:
    a tool writing every second is followed within about a second, and costs one read a
    second, however many lines it writes. Thread-safe.
    """

    def __init__(self, action: Callable[[], None], delay: float, interval: float) -> None:
        self.action = action
        self.delay = delay
        self.interval = interval
        self._lock = threading.Lock()
        self._acting = threading.Lock()  # held while ``action`` runs
        self._timer: threading.Timer | None = None
        self._last = -float("inf")  # when ``action`` was last called
        self._closed = False

    def poke(self) -> None:
        with self._lock:
            if self._closed or self._timer is not None:
                return  # a call is on its way: it reads this change too
            wait = max(self.delay, self._last + self.interval - time.monotonic())
            self._timer = threading.Timer(wait, self._fire)
            self._timer.daemon = True
            self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            # A change from now on pokes again: the call below may start reading before it.
            self._timer, self._last = None, time.monotonic()
        with self._acting:
            if self._closed:
                return
            try:
                self.action()
            except Exception:  # a failing callback must not kill the watcher's thread
                log.exception("usage change callback failed")

    def cancel(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = None

    def close(self) -> None:
        """No calls after this returns, not even one already on its way: the receiver of
        ``action`` may be gone once its owner has stopped the watcher."""
        with self._lock:
            self._closed = True
        self.cancel()
        with self._acting:
            pass


class Watcher:
    """Calls ``on_change`` (from a background thread) when files under ``roots`` change.

    ``roots`` is a callable so that folders created later (a tool installed after the app
    started) are picked up: the slow timer re-reads it and watches what appeared.
    ``take_changes`` tells the owner which files changed since it last asked, when that
    is all that can have changed.
    """

    def __init__(
        self,
        roots: Callable[[], Iterable[Path]],
        on_change: Callable[[], None],
        debounce: float = 0.25,
        interval: float = 1.0,
        poll_interval: float = 300.0,
        missing_interval: float = 3.0,
    ) -> None:
        self._roots = roots
        self._debouncer = Debouncer(on_change, debounce, interval)
        self._changes_lock = threading.Lock()
        self._changed: set[str] | None = None  # None: anything may have changed
        self.poll_interval = poll_interval
        self.missing_interval = missing_interval
        self._observer: BaseObserver | None = None
        self._watched: set[str] = set()
        self._present: set[str] = set()  # roots seen to exist (watched or not)
        self._stop = threading.Event()
        self._poller: threading.Thread | None = None
        self.using_notifications = False

    def start(self) -> None:
        self._stop.clear()
        self._debouncer = Debouncer(
            self._debouncer.action, self._debouncer.delay, self._debouncer.interval
        )
        self._changed = None  # the owner reads everything once: nothing is known yet
        self._observer = self._make_observer()
        _, missing = self._sync_watches()  # the owner reads what is there already
        self._poller = threading.Thread(
            target=self._poll, args=(missing,), name="usage-poll", daemon=True
        )
        self._poller.start()

    def stop(self) -> None:
        self._stop.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
            self._observer = None
        if self._poller is not None:
            self._poller.join(timeout=5)
            self._poller = None
        self._watched.clear()
        self._present.clear()
        # Last, once nothing can poke it any more.
        self._debouncer.close()

    def __enter__(self) -> Watcher:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def take_changes(self) -> set[str] | None:
        """The files written to since the last call, or None when more may have changed
        (a file made, removed or renamed, a folder that appeared, the slow timer's look)."""
        with self._changes_lock:
            changed, self._changed = self._changed, set()
        return changed

    def _file_changed(self, path: str) -> None:
        with self._changes_lock:
            if self._changed is not None:
                self._changed.add(path)
        self._debouncer.poke()

    def _anything_changed(self) -> None:
        with self._changes_lock:
            self._changed = None
        self._debouncer.poke()

    def _make_observer(self) -> BaseObserver | None:
        try:
            from watchdog import events
            from watchdog.events import FileSystemEventHandler
            from watchdog.observers import Observer
        except ImportError:
            log.info(
                "watchdog is not installed; checking for changes every %ss", self.poll_interval
            )
            return None

        file_changed, anything_changed = self._file_changed, self._anything_changed

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.event_type in ("opened", "closed_no_write"):
                    return
                paths = [event.src_path, getattr(event, "dest_path", "") or ""]
                if not any(relevant(str(p)) for p in paths):
                    return
                # Written to: that file alone; anything else may add or take away files.
                if event.event_type in ("modified", "closed") and not event.is_directory:
                    file_changed(str(event.src_path))
                else:
                    anything_changed()

        self._handler = Handler()
        # Only what can mean a new record: never a file opened or read (the app's own
        # reading of the transcripts, and of its ledger, would wake the watcher each time).
        self._kinds = [
            events.FileModifiedEvent,
            events.FileClosedEvent,
            events.FileCreatedEvent,
            events.FileDeletedEvent,
            events.FileMovedEvent,
            events.DirCreatedEvent,
            events.DirDeletedEvent,
            events.DirMovedEvent,
        ]
        observer = Observer()
        observer.daemon = True
        observer.start()
        return observer

    def _sync_watches(self) -> tuple[bool, bool]:
        """Watch the roots that exist and are not watched yet. Returns whether a root
        appeared since the last look, and whether one is still missing."""
        appeared = missing = False
        for root in self._roots():
            key = str(root)
            if key in self._present:
                continue
            if not root.is_dir():
                missing = True
                continue
            self._present.add(key)
            appeared = True
            if self._observer is None:
                continue
            try:
                self._observer.schedule(
                    self._handler, key, recursive=True, event_filter=self._kinds
                )
                self._watched.add(key)
                self.using_notifications = True
            except OSError as exc:  # e.g. the inotify watch limit
                log.warning("cannot watch %s (%s); relying on the timer", key, exc)
        return appeared, missing

    def _poll(self, missing: bool) -> None:
        next_full = time.monotonic() + self.poll_interval
        while True:
            wait = next_full - time.monotonic()
            if missing:
                wait = min(wait, self.missing_interval)
            if self._stop.wait(max(0.0, wait)):
                return
            appeared, missing = self._sync_watches()
            if time.monotonic() >= next_full:
                next_full = time.monotonic() + self.poll_interval
                # The refresh it triggers is cheap when nothing changed (a few stats).
                self._anything_changed()
            elif appeared:  # what it holds was written before the watch began: read it now
                self._anything_changed()
