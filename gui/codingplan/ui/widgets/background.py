"""Background work on behalf of a widget that may be gone by the time the work ends.

``Tasks`` delivers its callbacks on the GUI thread, but a dialog can be closed (and its
C++ side deleted) while a keyring call or a tool run is still going; its callbacks must
then do nothing instead of touching deleted widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from codingplan.ui.tasks import Tasks


def guarded(owner: QObject, callback: Callable[[Any], None] | None) -> Callable[[Any], None] | None:
    """``callback``, made to do nothing once ``owner`` has been deleted."""
    if callback is None:
        return None

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)

    return call


def run_for(
    owner: QObject,
    tasks: Tasks,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """``tasks.run`` whose callbacks are skipped once ``owner`` has been deleted."""
    tasks.run(fn, *args, on_done=guarded(owner, on_done), on_error=guarded(owner, on_error))
