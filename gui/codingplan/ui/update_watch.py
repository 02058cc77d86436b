"""The app's update check: while the person has it on, a check a short while after the app
starts and then once a day, off the GUI thread; the newer version it finds, for the tray and
the dashboard to show until it is dismissed.

It sends nothing while the check is off, and is never started in a build a package manager
delivers. A check that cannot tell (offline, rate-limited, a malformed answer) is a line in
the log (``codingplan.updates``), never a dialog.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

if TYPE_CHECKING:
    from collections.abc import Callable

    from codingplan.ui.state import AppState
    from codingplan.updates import UpdateCheck

log = logging.getLogger(__name__)

START_DELAY_MS = 15_000  # after the first scan, which has the disk and the CPU at start
# How often to look whether a day has passed since the last check (the check itself keeps
# the day, across restarts): a computer asleep for a night checks within the hour.
LOOK_EVERY_MS = 3_600_000


class UpdateWatch(QObject):
    """Owned by ``AppState`` (``state.updates``); the views listen to ``notice_changed``."""

    notice_changed = Signal(object)  # the UpdateCheck to show, or None

    def __init__(self, state: AppState) -> None:
        super().__init__(state)
        self.state = state
        self.notice: UpdateCheck | None = None
        self.checking = False
        self.offered: bool | None = None  # whether this build offers the check: asked at start
        self._was_on = False
        self._dismissed: set[str] = set()  # this run: a read under way cannot bring one back
        self.start_delay_ms = START_DELAY_MS  # until the first check (tests make it 0)
        self._first = QTimer(self)
        self._first.setSingleShot(True)
        self._first.timeout.connect(self.look)
        self._daily = QTimer(self)
        self._daily.setInterval(LOOK_EVERY_MS)
        self._daily.timeout.connect(self.look)

    def on(self) -> bool:
        """The person turned the check on, in a build that offers it (not known, so not
        on, until ``start`` has asked)."""
        return self.offered is True and self.state.settings.check_updates

    def start(self) -> None:
        """Called once the app is up: with the check on, show what was found before and
        check after a short delay; follow the setting from then on. Whether this build
        offers the check is asked off the GUI thread: it loads the actions, and the window
        has just painted."""
        self.state.settings_changed.connect(self._settings_changed)
        self._run(_offered, on_done=self._offered_known, on_error=self._failed)

    def _offered_known(self, offered: bool) -> None:
        self.offered = offered
        self._was_on = self.on()
        if self._was_on:
            self._begin()

    def stop(self) -> None:
        self._first.stop()
        self._daily.stop()

    def _begin(self) -> None:
        self.refresh_notice()
        self._first.start(self.start_delay_ms)
        self._daily.start()

    @Slot()
    def _settings_changed(self) -> None:
        now_on = self.on()
        if now_on == self._was_on:
            return
        self._was_on = now_on
        if now_on:
            self._begin()  # turned on: a first check soon, as at start
        else:
            self.stop()
            self._set_notice(None)

    @Slot()
    def look(self) -> None:
        """Check, if the check is on and a day has passed since the last (the action
        decides the day, and records the check)."""
        if not self.on() or self.checking:
            return
        from codingplan import actions

        self.checking = True
        self._run(
            actions.check_for_update,
            on_done=self._checked,
            on_error=self._failed,
        )

    def _checked(self, _result: UpdateCheck) -> None:
        self.checking = False
        self.refresh_notice()

    def _failed(self, error: BaseException) -> None:
        self.checking = False
        log.warning("update check not made: %s", error)

    def refresh_notice(self) -> None:
        """Read what the checks found (a small file), off the GUI thread all the same."""
        from codingplan import actions

        self._run(
            actions.update_notice,
            on_done=self._set_notice,
            on_error=lambda error: log.warning("update notice not read: %s", error),
        )

    def dismiss(self) -> None:
        """Stop showing the version shown now, everywhere at once."""
        notice = self.notice
        if notice is None:
            return
        from codingplan import actions

        self._dismissed.add(notice.latest)
        self._set_notice(None)
        self._run(
            actions.dismiss_update,
            notice.latest,
            on_error=lambda error: log.warning("update not dismissed: %s", error),
        )

    def _run(self, action: Callable[..., object], *args: object, **callbacks) -> None:
        from codingplan.ui.operations import run_action  # it imports the state, which owns this

        run_action(self, self.state, action, *args, **callbacks)

    def _set_notice(self, notice: UpdateCheck | None) -> None:
        if not self.on() or (notice is not None and notice.latest in self._dismissed):
            notice = None  # turned off, or dismissed, while it was read
        if notice != self.notice:
            self.notice = notice
            self.notice_changed.emit(notice)


def _offered() -> bool:
    from codingplan import actions

    return actions.update_check_offered()
