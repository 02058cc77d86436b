"""Reading the plan's console while the app runs: when it opens, every 5 minutes, when the
person presses Refresh and after the plan refused a call as over quota; only while logged
in, always off the GUI thread.

Reading the console spends no plan quota, but it is still a request to Alibaba Cloud: a
console that keeps failing is asked less and less often. The schedule:

- after a reading: the next one in ``EVERY_MS`` (5 minutes);
- after a failed read: ``EVERY_MS`` doubled for each failure in a row (10, 20, 40 minutes),
  never more than ``LONGEST_WAIT_MS`` (an hour) apart, back to 5 minutes once one succeeds;
- Refresh reads at once, whatever the wait (the person asked);
- a new "quota exceeded" answer reads at once too, unless a failure's wait is running or a
  read was made in the last ``QUOTA_ERROR_GAP_MS`` (the figure is that fresh already).

Each result is kept here (``status``) and announced with ``changed``; a reading enters the
usage ledger in the action, and ``run_action`` has the windows follow it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from codingplan.errors import CodingPlanError

if TYPE_CHECKING:
    from codingplan.actions.console import ConsoleStatus
    from codingplan.console.answer import PlanReading
    from codingplan.ui.state import AppState

log = logging.getLogger(__name__)

EVERY_MS = 5 * 60_000
LONGEST_WAIT_MS = 60 * 60_000
QUOTA_ERROR_GAP_MS = 60_000


def wait_after(failures: int, every_ms: int = EVERY_MS, longest_ms: int = LONGEST_WAIT_MS) -> int:
    """How long to wait before the next read after ``failures`` failed reads in a row."""
    return min(longest_ms, every_ms << min(failures, 16))


def _now_ms() -> int:
    return int(time.time() * 1000)


class ConsoleReader(QObject):
    """The schedule above, for one ``AppState``. ``status`` is the last thing learned (None
    until the first look)."""

    changed = Signal(object)  # ConsoleStatus
    reading_changed = Signal(bool)
    reminder = Signal(object)  # PlanFacts: the plan ends in 7, 3 or 1 days; given once

    def __init__(self, state: AppState, clock: Callable[[], int] = _now_ms) -> None:
        super().__init__(state)
        self.state = state
        self.clock = clock
        self.every_ms = EVERY_MS
        self.longest_ms = LONGEST_WAIT_MS
        self.status: ConsoleStatus | None = None
        self.failures = 0  # failed reads in a row
        self.reading = False
        self.last_try_ms: int | None = None
        self.next_read_ms: int | None = None  # None: no read planned (not logged in)
        self._again = False  # a read was asked for while one ran
        # Bumped by a login or logout made meanwhile: a read started before it is stale.
        self._epoch = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.read)

    # --- what starts a read ------------------------------------------------------------

    def start(self) -> None:
        """When the app opens: learn whether a login is kept (nothing is read for that),
        then read if there is one."""
        from codingplan.actions import console

        self.state.tasks.run(
            lambda: console.status(read=False), on_done=self._looked, on_error=self._look_failed
        )

    @Slot()
    def refresh(self) -> None:
        """Refresh was pressed: read now, if logged in."""
        if self.logged_in:
            self.read()

    def quota_error(self) -> None:
        """The plan refused a call as over quota: its own figure says how far over."""
        if not self.logged_in or self.failures:
            return
        if self.last_try_ms is not None and self.clock() - self.last_try_ms < QUOTA_ERROR_GAP_MS:
            return
        self.read()

    @Slot()
    def read(self) -> None:
        """Read the console now (off the GUI thread), then plan the next read."""
        if self.reading:
            self._again = True
            return
        from codingplan.actions import console
        from codingplan.ui.operations import run_action  # it needs the state, which needs this

        self._set_reading(True)
        self._timer.stop()
        self.last_try_ms = self.clock()
        epoch = self._epoch
        run_action(
            self,
            self.state,
            console.read_now,
            on_done=lambda status: self._read(status, epoch),
            on_error=lambda error: self._read_failed(error, epoch),
        )

    def stop(self) -> None:
        """No more reads (the app is closing)."""
        self._timer.stop()
        self.next_read_ms = None

    # --- results -----------------------------------------------------------------------

    @property
    def logged_in(self) -> bool:
        return self.status is not None and self.status.logged_in

    def set_status(self, status: ConsoleStatus) -> None:
        """What a login, a logout or a reading made elsewhere (the Key tab) learned."""
        self._epoch += 1
        if status.fresh:
            self.failures = 0
            self.last_try_ms = self.clock()
        self._publish(status)

    def _looked(self, status: ConsoleStatus) -> None:
        if self.status is not None:  # a login or logout answered first: it is newer
            return
        self._publish(status)
        if status.logged_in:
            self.read()

    def _look_failed(self, error: BaseException) -> None:
        log.warning("could not tell whether the console is logged in: %s", error)

    def _set_reading(self, reading: bool) -> None:
        self.reading = reading
        self.reading_changed.emit(reading)

    def _read(self, status: ConsoleStatus, epoch: int) -> None:
        self._set_reading(False)
        if epoch != self._epoch:  # logged in or out meanwhile: that status stands
            self._plan_next()
        else:
            self.failures = self.failures + 1 if status.fault is not None else 0
            self._publish(status)
        if self._again and self.logged_in:
            self._again = False
            self.read()

    def _read_failed(self, error: BaseException, epoch: int) -> None:
        """A fault the action raised instead of returning it: kept as the status's fault."""
        from dataclasses import replace

        self._set_reading(False)
        if epoch != self._epoch:
            self._plan_next()
            return
        self.failures += 1
        log.warning("console read failed: %s", error)
        if self.status is not None and isinstance(error, CodingPlanError):
            self._publish(replace(self.status, fault=error))
        else:
            self._plan_next()

    def _publish(self, status: ConsoleStatus) -> None:
        """Keep ``status``, plan the next read from it, then tell the views."""
        self.status = status
        self._plan_next()
        self.changed.emit(status)
        if status.fresh and status.reading is not None:  # not a reading kept from before
            self._remind(status.reading)

    def _remind(self, reading: PlanReading) -> None:
        """The plan's end reminder due now, once for each end (see ``console.facts``)."""
        from datetime import UTC, datetime

        from codingplan.console import facts
        from codingplan.plan_reminders import ReminderState

        given = ReminderState()
        now = datetime.fromtimestamp(self.clock() / 1000, UTC)
        found = facts.plan_facts(reading, now, given.sent(reading.ends_at))
        if found.reminder is not None:
            given.mark(reading.ends_at, found.reminder)
            self.reminder.emit(found)

    def _plan_next(self) -> None:
        if not self.logged_in:
            self._timer.stop()
            self.next_read_ms = None
            return
        wait = (
            wait_after(self.failures, self.every_ms, self.longest_ms)
            if self.failures
            else self.every_ms
        )
        self.next_read_ms = self.clock() + wait
        self._timer.start(wait)
