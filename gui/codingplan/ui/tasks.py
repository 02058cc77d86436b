"""Background work: run a blocking core call on a worker thread, get the result on the GUI thread.

One helper for every slow call (scans, network, keyring, tool files, subprocesses): the
callbacks always run on the GUI thread, so they may touch widgets; the work never does.

Workers are plain Python threads; the only Qt object involved is this one, which lives on
the GUI thread for the app's whole life. A worker emits its outcome as a signal of it, and
Qt queues that to the GUI thread. (Per-task QObjects or QRunnables would be created on one
thread and released on another, which is how bindings crash at exit.)
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

WORKERS = 4
# A task's on_done, on_error and on_progress.
_Callbacks = tuple[
    Callable[[Any], None] | None,
    Callable[[BaseException], None] | None,
    Callable[[Any], None] | None,
]


class Tasks(QObject):
    """Runs ``fn`` off the GUI thread; ``on_done(result)`` / ``on_error(exc)`` run on it."""

    busy_changed = Signal(bool)
    unhandled = Signal(object)  # a failure nobody asked to handle
    # From the workers (queued to the GUI thread): task id, succeeded, result or exception.
    _finished = Signal(int, bool, object)
    _progressed = Signal(int, object)

    def __init__(self, parent: QObject | None = None, workers: int = WORKERS) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="task")
        self._ids = itertools.count(1)
        self._callbacks: dict[int, _Callbacks] = {}
        self._futures: set[Future[None]] = set()
        self._lock = threading.Lock()
        self._finished.connect(self._deliver)
        self._progressed.connect(self._progress)
        self.unhandled.connect(self._log_unhandled)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        **kwargs: Any,
    ) -> None:
        """With ``on_progress``, ``fn`` gets a ``progress`` callable to report through."""
        task = next(self._ids)
        self._callbacks[task] = (on_done, on_error, on_progress)
        if on_progress:
            kwargs["progress"] = lambda value: self._progressed.emit(task, value)
        self.busy_changed.emit(True)

        def work() -> None:
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:  # handed to the failure callback, never lost
                self._finished.emit(task, False, exc)
            else:
                self._finished.emit(task, True, result)

        future = self._pool.submit(work)
        with self._lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._futures.discard(future)

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until the work started so far is done (for shutdown and tests)."""
        with self._lock:
            pending = set(self._futures)
        return not wait(pending, timeout=timeout).not_done

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    @Slot(int, bool, object)
    def _deliver(self, task: int, ok: bool, payload: object) -> None:
        on_done, on_error, _ = self._callbacks.pop(task, (None, None, None))
        self.busy_changed.emit(bool(self._callbacks))
        if ok:
            if on_done:
                on_done(payload)
        elif on_error:
            assert isinstance(payload, BaseException)  # what work() sends when fn raised
            on_error(payload)
        else:
            self.unhandled.emit(payload)

    @Slot(int, object)
    def _progress(self, task: int, value: object) -> None:
        callbacks = self._callbacks.get(task)
        if callbacks and callbacks[2]:
            callbacks[2](value)

    @Slot(object)
    def _log_unhandled(self, error: object) -> None:
        exc_info = error if isinstance(error, BaseException) else None
        log.error("background task failed: %s", error, exc_info=exc_info)
