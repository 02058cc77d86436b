"""Start at login: the entry that starts the app in the tray when the person logs in."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from codingplan import settings as settings_mod
from codingplan.changed import Changed
from codingplan.errors import CodingPlanError, os_reason
from codingplan.i18n import QT_TRANSLATE_NOOP
from codingplan.settings import LoadResult

if TYPE_CHECKING:
    from codingplan.autostart import Autostart


class LoginEntry(NamedTuple):
    """The choice made and saved, and where the login entry is (or was)."""

    on: bool
    where: str
    saved: LoadResult
    changed: Changed = Changed.SETTINGS


def set_start_at_login(on: bool, entry: Autostart | None = None) -> LoginEntry:
    """Make (or remove) the login entry, then remember the choice. If the entry cannot be
    changed the setting stays as it was, and the error says why: it never says "on" while
    nothing starts."""
    from codingplan.autostart import Autostart

    entry = entry or Autostart()
    try:
        entry.enable() if on else entry.disable()
    except OSError as exc:
        raise CodingPlanError(
            "autostart_failed",
            QT_TRANSLATE_NOOP("errors", "The login entry {where} could not be changed: {reason}."),
            QT_TRANSLATE_NOOP("errors", "Check that folder's permissions, then try again."),
            where=entry.location(),
            reason=os_reason(exc),
        ) from None
    return LoginEntry(on, entry.location(), settings_mod.update({"start_at_login": on}))
