"""The update check: whether a newer version of the app is released (``codingplan.updates``).

The app checks only when the person turned the check on, at most once a day, and never in a
build a package manager delivers (that manager updates it). A person who types
``codingplan update-check`` has asked: the command checks then, whatever the setting, but not
in a package manager's build either. A newer version found is kept and shown until the
person dismisses it; dismissed, that version is never shown again (a later one is).
"""

from __future__ import annotations

from typing import NamedTuple

from codingplan import __version__, updates
from codingplan import settings as settings_mod
from codingplan.changed import Changed
from codingplan.errors import CodingPlanError
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.updates import Status, UpdateCheck

NOT_RUN_OFF = "the update check is off"
NOT_RUN_RECENT = "checked less than a day ago"


class DismissedUpdate(NamedTuple):
    """The version the person dismissed: it is not shown again."""

    version: str
    changed: Changed = Changed.NOTHING


def update_check_offered() -> bool:
    """Whether this build offers the check at all (not one a package manager delivers)."""
    return updates.offered()


def update_check_on() -> bool:
    """Whether the app checks by itself: turned on, in a build that offers it."""
    return updates.enabled(settings_mod.load().settings)


def check_for_update(asked: bool = False) -> UpdateCheck:
    """Ask GitHub for the latest release and remember what it says. ``asked``: a person
    asked for this check now (the command), so it runs whatever the setting and however
    recent the last one. Otherwise it runs only with the setting on and a day after the
    last; when it does not run, the result is ``Status.UNKNOWN`` with the reason, and
    nothing is sent. Never raises for the network or the answer (see ``updates.check``)."""
    manager = updates.managed_by()
    if manager:
        raise CodingPlanError(
            "updates_managed",
            QT_TRANSLATE_NOOP(
                "errors", "This copy of the app comes from {manager}, which keeps it up to date."
            ),
            QT_TRANSLATE_NOOP("errors", "Update it with {manager}."),
            manager=manager,
        )
    if not asked:
        if not update_check_on():
            return UpdateCheck(Status.UNKNOWN, __version__, reason=NOT_RUN_OFF)
        if not updates.due():
            return UpdateCheck(Status.UNKNOWN, __version__, reason=NOT_RUN_RECENT)
    result = updates.check(__version__)
    updates.record(result)
    return result


def update_notice() -> UpdateCheck | None:
    """The newer version to show in the tray and on the dashboard: one the checks found,
    still newer than this app, not dismissed, while the check is on. Reads a file; sends
    nothing."""
    if not update_check_on():
        return None
    found = updates.found(__version__)
    return found if found is not None and updates.to_show(found) else None


def dismiss_update(version: str) -> DismissedUpdate:
    """Stop showing ``version`` (a later version is shown when one is found)."""
    updates.mark_shown(UpdateCheck(Status.NEWER, __version__, version))
    return DismissedUpdate(version)
