"""Background work: run a blocking core call on the thread pool, get the result on the GUI thread.

One helper for every slow call (scans, network, keyring, tool files, subprocesses): the
callbacks always run on the GUI thread, so they may touch widgets; the work never does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(object)


class _Job(QRunnable):
    def __init__(
        self, fn: Callable[..., Any], args: tuple, kwargs: dict, signals: _Signals
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.args, self.kwargs, self.signals = fn, args, kwargs, signals

    def run(self) -> None:
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:  # handed to the failure callback, never lost
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class _Relay(QObject):
    """Lives on the GUI thread, so the worker's signals reach these slots queued."""

    def __init__(self, owner: Tasks, on_done, on_error, on_progress) -> None:
        super().__init__(owner)
        self.owner, self.on_done, self.on_error, self.on_progress = (
            owner,
            on_done,
            on_error,
            on_progress,
        )

    @Slot(object)
    def done(self, result: object) -> None:
        self._finish()
        if self.on_done:
            self.on_done(result)

    @Slot(object)
    def failed(self, error: object) -> None:
        self._finish()
        if self.on_error:
            self.on_error(error)
        else:
            self.owner.unhandled.emit(error)

    @Slot(object)
    def progress(self, value: object) -> None:
        if self.on_progress:
            self.on_progress(value)

    def _finish(self) -> None:
        self.owner._running.discard(self)
        self.owner.busy_changed.emit(bool(self.owner._running))
        self.deleteLater()


class Tasks(QObject):
    """Runs ``fn`` off the GUI thread; ``on_done(result)`` / ``on_error(exc)`` run on it."""

    busy_changed = Signal(bool)
    unhandled = Signal(object)  # a failure nobody asked to handle

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[_Relay] = set()
        self.unhandled.connect(self._log_unhandled)

    @property
    def busy(self) -> bool:
        return bool(self._running)

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
        signals = _Signals()
        relay = _Relay(self, on_done, on_error, on_progress)
        signals.done.connect(relay.done)
        signals.failed.connect(relay.failed)
        signals.progress.connect(relay.progress)
        if on_progress:
            kwargs["progress"] = signals.progress.emit
        relay.signals = signals  # keep the sender alive as long as the relay
        self._running.add(relay)
        self.busy_changed.emit(True)
        self.pool.start(_Job(fn, args, kwargs, signals))

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)

    @Slot(object)
    def _log_unhandled(self, error: object) -> None:
        log.error(
            "background task failed", exc_info=error if isinstance(error, BaseException) else None
        )
